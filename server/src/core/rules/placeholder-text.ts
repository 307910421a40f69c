import type { Rule } from './rule';

// Template leftovers. Kept linear: alternatives of literals only. No alternative matches a line break, so one scan
// of the whole text finds what a scan of each line would. `[Insert …]` and `<describe …>` are found by their
// opening word here and closed by hand within 100 characters of the same line: written as `[^\]\n\r]{0,100}\]`
// the bounded gap reads as quadratic to recheck.
const PLACEHOLDER = /\b(?:TODO|TBD|TBA|XXX|FIXME)\b|\[(?:insert|add|describe|enter|your|fill in)\b|<(?:insert|add|describe|enter)\b|\b(?:HH|hh):(?:mm|MM)(?::(?:ss|SS))?\b|--:--|\b(?:YYYY|yyyy)[-/](?:MM|mm)[-/](?:DD|dd)\b|\b(?:DD|dd)\/(?:MM|mm)\/(?:YYYY|yyyy)\b/g;
// `??`, `??-??`, `??:??`: scanned apart (the one alternative starting with `?`), merged in order below.
const QUESTIONS = /(?<![\w?])\?\?(?:[-/:]\?\?)*(?![\w?])/g;

/** Every match of the two scans in text order, as one regex with both alternatives would find them: no overlaps. */
function* placeholders(text: string, from: number): Generator<{ index: number; text: string }> {
  const questions: { index: number; text: string }[] = [];
  // Most documents have no "??": a native search rules the scan out at a tenth of its cost.
  QUESTIONS.lastIndex = text.includes('??', from) ? from : text.length;
  for (let match = QUESTIONS.exec(text); match; match = QUESTIONS.exec(text)) questions.push({ index: match.index, text: match[0] });
  let q = 0;
  let end = from;
  PLACEHOLDER.lastIndex = from;
  for (let match = PLACEHOLDER.exec(text); ; match = PLACEHOLDER.exec(text)) {
    let found: { index: number; text: string } | undefined;
    if (match) {
      let close = match.index + match[0].length;
      const opener = text[match.index];
      if (opener === '[' || opener === '<') {
        const at = closing(text, close, opener === '[' ? ']' : '>');
        if (at < 0) {
          PLACEHOLDER.lastIndex = match.index + 1;
          continue;
        }
        close = at + 1;
        PLACEHOLDER.lastIndex = close;
      }
      found = { index: match.index, text: text.slice(match.index, close) };
    }
    while (q < questions.length && (!found || questions[q].index < found.index)) {
      if (questions[q].index >= end) {
        yield questions[q];
        end = questions[q].index + questions[q].text.length;
      }
      q++;
    }
    if (!found) return;
    if (found.index >= end) {
      yield found;
      end = found.index + found.text.length;
    }
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
