import { isLower } from '../text';
import type { Rule } from './rule';

// Template leftovers. Kept linear: alternatives of literals only. No alternative matches a line break, so one scan
// of the whole text finds what a scan of each line would. The leftovers are found by separate searches, merged in
// text order (`placeholders`): no two start with the same character, so no two find one at the same place.
// The words and the blank shapes, each starting with a letter or `-`: one scan of them took two fifths of the time
// of one that held the bracketed openers too.
const WORDS_AND_SHAPES = /\b(?:TODO|TBD|TBA|XXX|FIXME)\b|\b(?:HH|hh):(?:mm|MM)(?::(?:ss|SS))?\b|--:--|\b(?:YYYY|yyyy)[-/](?:MM|mm)[-/](?:DD|dd)\b|\b(?:DD|dd)\/(?:MM|mm)\/(?:YYYY|yyyy)\b/g;
// `[Insert …]` and `<describe …>`, tried at each `[` and `<` a native search finds (a scan for them read every
// character); found by their opening word and closed by hand within 100 characters of the same line: written as
// `[^\]\n\r]{0,100}\]` the bounded gap reads as quadratic to recheck.
const OPENER = /\[(?:insert|add|describe|enter|your|fill in)\b|<(?:insert|add|describe|enter)\b/y;
// `??`, `??-??`, `??:??`.
const QUESTIONS = /(?<![\w?])\?\?(?:[-/:]\?\?)*(?![\w?])/g;

interface Placeholder {
  index: number;
  text: string;
}

/** The first match of the global `regex` at or after `from`. */
function nextMatch(regex: RegExp, text: string, from: number): Placeholder | undefined {
  regex.lastIndex = from;
  const match = regex.exec(text);
  return match ? { index: match.index, text: match[0] } : undefined;
}

/** The first bracketed placeholder opened by `opener` at or after `from`, closed on its line. */
function nextBracketed(text: string, from: number, opener: '[' | '<'): Placeholder | undefined {
  for (let at = text.indexOf(opener, from); at >= 0; at = text.indexOf(opener, at + 1)) {
    // Most brackets open a link, a checkbox or a timestamp: a lower-case letter, which every opening word starts
    // with, rules out nearly all of them without a call into the regex engine.
    if (at + 1 === text.length || !isLower(text.charCodeAt(at + 1))) continue;
    OPENER.lastIndex = at;
    const match = OPENER.exec(text);
    if (!match) continue;
    const close = closing(text, at + match[0].length, opener === '[' ? ']' : '>');
    if (close >= 0) return { index: at, text: text.slice(at, close + 1) };
  }
  return undefined;
}

/**
 * Every leftover in text order, as one regex with all the alternatives would find them: no overlaps. A search whose
 * next find overlaps the one taken searches again from its end, where that regex would go on.
 */
function* placeholders(text: string, from: number): Generator<Placeholder> {
  const searches: ((at: number) => Placeholder | undefined)[] = [
    (at) => nextMatch(WORDS_AND_SHAPES, text, at),
    (at) => nextBracketed(text, at, '['),
    (at) => nextBracketed(text, at, '<'),
    // Most documents have no "??": a native search rules the scan out at a tenth of its cost.
    (at) => (text.includes('??', at) ? nextMatch(QUESTIONS, text, at) : undefined),
  ];
  const next = searches.map((search) => search(from));
  for (;;) {
    let first = -1;
    for (let i = 0; i < next.length; i++) if (next[i] && (first < 0 || next[i]!.index < next[first]!.index)) first = i;
    if (first < 0) return;
    const found = next[first]!;
    yield found;
    const end = found.index + found.text.length;
    for (let i = 0; i < next.length; i++) if (next[i] && next[i]!.index < end) next[i] = searches[i](end);
  }
}

/** The offset of `closer` within 100 characters from `from` on the same line, or -1. */
function closing(text: string, from: number, closer: string): number {
  for (let i = from; i < text.length && i <= from + 100; i++) {
    const c = text[i];
    if (c === closer) return i;
    if (c === '\n' || c === '\r') return -1;
  }
  return -1;
}

export const placeholderText: Rule = {
  id: 'PM005',
  name: 'placeholder-text',
  description: 'Template leftovers: TODO, TBD, XXX, HH:mm, YYYY-MM-DD, ??-??, [Insert …].',
  defaultSeverity: 'warning',
  tags: ['content'],
  fixable: false,
  check(doc, report) {
    const fenceFree = (line: number) => !doc.structure.skipped[line] || (doc.frontMatter !== null && line > 0 && line < doc.frontMatter.endLine);
    // The byte order mark is not part of line 0.
    const from = doc.index.lineStarts[0];
    for (const match of placeholders(doc.text, from)) {
      if (!fenceFree(doc.index.lineAt(match.index))) continue;
      report({ span: { start: match.index, end: match.index + match.text.length }, message: `Unfinished template text: ${match.text}.` });
    }
  },
};
