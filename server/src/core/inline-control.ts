// Inline controls: <!-- postmortem-disable RULE --> and its kin, read into the rules each line has on or off.
import type { InlineControl } from './model';
import type { LineIndex } from './text';

// <!-- postmortem-disable RULE -->, <!-- postmortem-enable RULE -->, <!-- postmortem-disable-next-line RULE -->
const ACTIONS = ['disable-next-line', 'disable-line', 'disable', 'enable'];
const SPACE = /\s/;

/**
 * The inline controls in order, as `/<!--\s*postmortem-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g`
 * finds them, read by hand: as a regex, every unclosed `<!--` rescanned the rest of the text (quadratic). The
 * rule list ends at the first `>` after the action, which must close `-->`.
 */
function controls(text: string): { index: number; action: string; rules: string }[] {
  const found: { index: number; action: string; rules: string }[] = [];
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', open + 1)) {
    let pos = open + 4;
    while (pos < text.length && SPACE.test(text[pos])) pos++;
    if (!text.startsWith('postmortem-', pos)) continue;
    pos += 11;
    const action = ACTIONS.find((name) => text.startsWith(name, pos) && !/\w/.test(text[pos + name.length] ?? ''));
    if (!action) continue;
    pos += action.length;
    const close = text.indexOf('>', pos);
    if (close < pos + 2 || text[close - 1] !== '-' || text[close - 2] !== '-') continue;
    found.push({ index: open, action, rules: text.slice(pos, close - 2) });
    open = close;
  }
  return found;
}

export function readInlineControl(index: LineIndex): InlineControl {
  const events: { line: number; action: string; rules: string[] }[] = [];
  // No search for `postmortem-` first: its letters are everywhere, and that search cost more than controls() finding
  // the few `<!--` of a document.
  for (const control of controls(index.text)) {
    const rules = control.rules.split(/[\s,]+/).filter(Boolean);
    events.push({ line: index.lineAt(control.index), action: control.action, rules: rules.length ? rules : ['*'] });
  }
  if (events.length === 0) return { hasControls: false, disabledAt: () => false, keepsStateAt: () => true };
  // Per rule, built on first use: the lines turned off one at a time, and the disable/enable toggles in order.
  const byRule = new Map<string, { lines: Set<number>; toggles: number[]; states: boolean[] }>();
  const forRule = (rule: string) => {
    let control = byRule.get(rule);
    if (control) return control;
    control = { lines: new Set(), toggles: [], states: [] };
    for (const event of events) {
      if (!event.rules.includes('*') && !event.rules.includes(rule)) continue;
      if (event.action === 'disable-next-line') control.lines.add(event.line + 1);
      else if (event.action === 'disable-line') control.lines.add(event.line);
      else {
        control.toggles.push(event.line);
        control.states.push(event.action === 'disable');
      }
    }
    byRule.set(rule, control);
    return control;
  };
  /**
   * What the controls above a line leave on there, built on first use: an id of the state the disable/enable toggles
   * before it set (equal ids, equal states: whether the rules no toggle names are off, and the rules toggled the
   * other way since the last toggle of all rules), and the rules a disable-next-line on the line above turns off.
   */
  const fromAbove = () => {
    const ids = new Map<string, number>();
    const states: { othersOff: boolean; differing: Set<string> }[] = [];
    let othersOff = false;
    const differing = new Set<string>();
    const idOf = () => {
      // More names than there are rules (15) means names of no rule: such a state gets an id equal to no other (at
      // worst a fix is then not preferred), so that writing the keys stays linear in the controls.
      if (differing.size > 15) return -1 - states.length - ids.size;
      const key = `${othersOff ? 1 : 0}${[...differing].sort().join(' ')}`;
      let id = ids.get(key);
      if (id === undefined) {
        ids.set(key, (id = states.length));
        states.push({ othersOff, differing: new Set(differing) });
      }
      return id;
    };
    // The lines from which a toggled state holds, in order, and its id; the first id holds before any toggle.
    const toggleLines: number[] = [];
    const toggleIds: number[] = [idOf()];
    const nextLineRules = new Map<number, Set<string>>();
    for (const event of events) {
      if (event.action === 'disable-next-line') {
        const rules = nextLineRules.get(event.line) ?? new Set();
        for (const rule of event.rules) rules.add(rule);
        nextLineRules.set(event.line, rules);
      } else if (event.action !== 'disable-line') {
        const off = event.action === 'disable';
        if (event.rules.includes('*')) {
          othersOff = off;
          differing.clear();
        } else {
          for (const rule of event.rules) {
            if (off === othersOff) differing.delete(rule);
            else differing.add(rule);
          }
        }
        if (toggleLines[toggleLines.length - 1] === event.line) toggleIds[toggleIds.length - 1] = idOf();
        else {
          toggleLines.push(event.line);
          toggleIds.push(idOf());
        }
      }
    }
    const toggledBefore = (line: number) => {
      let lo = 0;
      let hi = toggleLines.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (toggleLines[mid] < line) lo = mid + 1;
        else hi = mid;
      }
      return toggleIds[lo];
    };
    // Whether the rules turned off for one line, `a` or `b` and those the toggles turn off, are the same.
    const sameOff = (a: Set<string> | undefined, b: Set<string> | undefined, toggled: number) => {
      if (a === b) return true;
      const state = states[toggled];
      if (!state) return false;
      const toggledOff = (rule: string) => state.differing.has(rule) !== state.othersOff;
      const allOff = (rules: Set<string> | undefined) => !!rules?.has('*') || (state.othersOff && [...state.differing].every((rule) => !!rules?.has(rule)));
      if (a?.has('*') || b?.has('*')) return allOff(a) && allOff(b);
      const covered = (from: Set<string> | undefined, by: Set<string> | undefined) => [...(from ?? [])].every((rule) => !!by?.has(rule) || toggledOff(rule));
      return covered(a, b) && covered(b, a);
    };
    return (line: number, at: number) => {
      const toggled = toggledBefore(line);
      // An empty line has no finding to turn off: only the toggles before it matter, for the lines after it.
      return toggled === toggledBefore(at)
        && (index.lineEnd(line) === index.lineStarts[line] || sameOff(nextLineRules.get(line - 1), nextLineRules.get(at - 1), toggled));
    };
  };
  let keepsState: ((line: number, at: number) => boolean) | undefined;
  return {
    hasControls: true,
    keepsStateAt(line: number, at: number): boolean {
      if (line === at) return true;
      keepsState ??= fromAbove();
      return keepsState(line, at);
    },
    disabledAt(line: number, rule: string): boolean {
      const { lines, toggles, states } = forRule(rule);
      if (lines.has(line)) return true;
      // The state after the last toggle on or before the line (events are in document order).
      let lo = 0;
      let hi = toggles.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (toggles[mid] <= line) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && states[lo - 1];
    },
  };
}
