import type { TimelineEntry } from '../model';
import type { FixDraft, Rule } from './rule';
import { describeInstant, sameUtcDay } from './describe';
import type { Postmortem } from '../model';

function blockText(doc: Postmortem, entry: TimelineEntry): { start: number; end: number; text: string } {
  const start = doc.index.lineStarts[entry.block.start];
  const end = entry.block.end < doc.index.lineCount ? doc.index.lineStarts[entry.block.end] : doc.text.length;
  return { start, end, text: doc.text.slice(start, end) };
}

/** A block to insert elsewhere: it must end with a line break even when it was the document's last line. */
function asLines(text: string, newline: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? text : text + newline;
}

/** The document's line break, found once per check (not once per finding: each search reads the whole text). */
function lineBreak(doc: Postmortem): string {
  return doc.text.includes('\r\n') ? '\r\n' : doc.text.includes('\n') || !doc.text.includes('\r') ? '\n' : '\r';
}

/** Writes the entries' blocks back in the order given, each into the slot of the block it replaces. */
function reorder(doc: Postmortem, slots: TimelineEntry[], order: TimelineEntry[], title: string): FixDraft {
  // Without its trailing line breaks (a loop: a regex anchored at the end rescans every block from its start).
  const trimmed = (text: string) => {
    let end = text.length;
    // Line breaks are \n, \r\n or a lone \r, as LineIndex counts them.
    while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return text.slice(0, end);
  };
  return {
    title,
    edits: slots.map((slot, i) => {
      const target = blockText(doc, slot);
      const source = blockText(doc, order[i]);
      const tail = target.text.slice(trimmed(target.text).length);
      return { start: target.start, end: target.end, newText: trimmed(source.text) + tail };
    }).filter((edit) => doc.text.slice(edit.start, edit.end) !== edit.newText),
  };
}

export const timelineOrder: Rule = {
  id: 'PM011',
  name: 'timeline-order',
  description: 'A timeline entry is earlier than the one before it, or the whole list runs the other way than the template says.',
  defaultSeverity: 'warning',
  tags: ['timeline'],
  fixable: true,
  check(doc, report) {
    const descending = doc.template.timeline.order === 'descending';
    const entries = doc.timeline.filter((entry) => entry.stamp.epoch !== undefined);
    if (entries.length < 2) return;
    const time = (entry: TimelineEntry) => entry.stamp.epoch!;
    let ups = 0;
    let downs = 0;
    for (let i = 1; i < entries.length; i++) {
      if (time(entries[i]) > time(entries[i - 1])) ups++;
      else if (time(entries[i]) < time(entries[i - 1])) downs++;
    }
    // Moving entries keeps their instants only if no entry's date depends on what stands above it: every date
    // written, or every entry dated from one line outside the list (a front matter date, the summary). A time
    // whose date comes from the entry above would change day when moved, and fix-all would move it back.
    const first = entries[0].line;
    const lastLine = entries[entries.length - 1].line;
    const dateLines = new Set(entries.map((entry) => entry.stamp.dateLine));
    const stable = entries.every((entry) => entry.stamp.dateSource === 'written')
      || (entries.every((entry) => entry.stamp.dateSource === 'context') && dateLines.size === 1
        && [...dateLines].every((line) => line === undefined || line < first || line > lastLine));
    const sorted = [...entries].sort((a, b) => (descending ? time(b) - time(a) : time(a) - time(b)) || a.line - b.line);
    const wholeListWrong = descending ? downs === 0 && ups >= 2 : ups === 0 && downs >= 2;
    if (wholeListWrong) {
      const first = entries[0];
      report({
        span: first.stamp.span,
        message: `The timeline is in ${descending ? 'chronological' : 'reverse chronological'} order (${descending ? 'oldest' : 'newest'} first), `
          + `but the template asks for ${descending ? 'newest' : 'oldest'} first: ${entries.length} entries, lines ${first.line + 1}–${entries[entries.length - 1].line + 1}.`,
        fixes: [{ ...reorder(doc, entries, [...entries].reverse(), `Reverse the timeline (${descending ? 'newest' : 'oldest'} first)`), isPreferred: stable }],
      });
      return;
    }
    // Where each entry goes in the sorted list, and the largest of those up to each entry in document order:
    // the first entry that sorts after a given one is then a binary search, not a scan of the list.
    const rank = new Map<TimelineEntry, number>();
    sorted.forEach((entry, i) => rank.set(entry, i));
    const prefixMax: number[] = [];
    entries.forEach((entry, i) => prefixMax.push(Math.max(rank.get(entry)!, i > 0 ? prefixMax[i - 1] : -1)));
    const firstSortedAfter = (target: number): TimelineEntry | undefined => {
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (prefixMax[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      return entries[lo];
    };
    // Each entry that breaks the order relative to the furthest entry above it.
    let furthest = entries[0];
    let sortOffered = false;
    let newline: string | undefined;
    for (const entry of entries.slice(1)) {
      const outOfOrder = descending ? time(entry) > time(furthest) : time(entry) < time(furthest);
      if (!outOfOrder) {
        furthest = entry;
        continue;
      }
      const withDate = !sameUtcDay(entry.stamp.epoch!, furthest.stamp.epoch!);
      const after = firstSortedAfter(rank.get(entry)!);
      const moved = blockText(doc, entry);
      const fixes: FixDraft[] = [];
      if (after && !entry.trailer) {
        const destination = doc.index.lineStarts[after.block.start];
        fixes.push({
          isPreferred: stable,
          title: `Move the entry above line ${after.line + 1}`,
          edits: [{ start: destination, end: destination, newText: asLines(moved.text, newline ??= lineBreak(doc)) }, { start: moved.start, end: moved.end, newText: '' }],
        });
      }
      // Sorting rewrites the whole list: offered once, on the first entry out of place.
      if (!sortOffered) fixes.push({ ...reorder(doc, entries, sorted, 'Sort the timeline'), isPreferred: stable });
      sortOffered = true;
      report({
        span: entry.stamp.span,
        message: `${entry.stamp.parts.text} (${describeInstant(entry.stamp, withDate)}) is ${descending ? 'later' : 'earlier'} than ${furthest.stamp.parts.text} on line ${furthest.line + 1} above it.`,
        fixes,
      });
    }
  },
};
