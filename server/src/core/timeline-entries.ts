// Timeline entries: lines of the Timeline section that begin with a stamp (bullets, table rows, bracketed or
// bold stamps, status-page updates). Without a Timeline section, runs of such lines anywhere in the document.
import type { Stamp, TimelineEntry } from './model';
import type { Section, Structure } from './structure';
import type { LineIndex } from './text';

// What may stand before an entry's stamp: indentation, quote, bullet or number, checkbox, emphasis, bracket, pipe,
// and a status-page label such as `***Update***` or a Hugo shortcode opening `{{< track "`.
// The trailing run of markers may not start with whitespace (the part before it takes that), so no two quantifiers
// compete for the same blanks: written with `[*_[(|\s]*$` at the end, it backtracked quadratically (recheck).
const LEADING = /^[\s>]*(?:(?:[-*+]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?(?:(?:\*{1,3}|_{1,3})[A-Za-z][A-Za-z ]{0,20}(?:\*{1,3}|_{1,3})\s*)?(?:\{\{<\s*\w+\s*"\s*)?(?:[*_[(|][*_[(|\s]*)?$/;
const UPDATE_LABEL = /^[\s>*_-]*(?:update|resolved|monitoring|identified|investigating|completed|scheduled)\b/i;
// "1h earlier...", "53m earlier...": status-page labels after an update's stamp.
const RELATIVE = /^\s*\d+\s*(?:[smhd]|min(?:ute)?s?|hours?|days?|weeks?|months?|years?)\s+(?:earlier|later)\b/i;
// "9 months ago" under a stamp: the page header's "last updated", not an event.
const PAGE_AGE = /^\s*\d+\s*(?:[smhd]|min(?:ute)?s?|hours?|days?|weeks?|months?|years?)\s+ago\b/i;
// A status word alone on a line opens a status-page update: "Resolved", "Monitoring".
const STATUS_LINE = /^\s*(?:update|resolved|monitoring|identified|investigating|completed|scheduled|in progress|postmortem)\s*$/i;
// What may follow a trailer stamp on its line: blanks, emphasis, closing brackets, pipes, colons.
const TRAILER_REST = /^[\s*_\])|:]*$/;
const INDENTED = /^\s+\S/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/;
const BREAK_TAG = /<br\s*\/?>/gi;
// Left between a stamp and its text: blanks, emphasis, brackets, pipes, colons, dashes (em and en dashes escaped:
// bundles stay ASCII, see test/bundles.test.ts). Sticky: leadingMarks reads its end from lastIndex.
const LEADING_MARKS = /[\s*_\]):|\u2014\u2013-]*/y;
const EMPHASIS = /[*_]{2,}/g;

export function readTimeline(index: LineIndex, structure: Structure, timelineSections: Section[], stamps: Stamp[]): TimelineEntry[] {
  // The stamp that may start an entry on each line: its first stamp with a time that does not end a range.
  const firstStamp: (Stamp | undefined)[] = new Array(index.lineCount);
  for (const stamp of stamps) {
    if (stamp.inFrontMatter || !stamp.parts.time || stamp.range?.role === 'to') continue;
    firstStamp[stamp.line] ??= stamp;
  }
  const leads = (line: number): Stamp | undefined => {
    const stamp = firstStamp[line];
    if (!stamp) return undefined;
    const before = index.text.slice(index.lineStarts[line], stamp.span.start);
    return LEADING.test(before) ? stamp : undefined;
  };

  // A Timeline section inside another ("# Key events" then "## Key events") is read once, as part of the outer one:
  // read twice, its entries were listed twice and the sort fix edited each block twice.
  const ranges: { start: number; end: number }[] = [];
  // Pushed, not mapped: the elements kind of map's result changes once this code is optimised, which deoptimises it.
  const sectionRanges: { start: number; end: number }[] = [];
  for (const section of timelineSections) sectionRanges.push({ start: section.bodyStart, end: section.end });
  for (const range of sectionRanges.sort((a, b) => a.start - b.start)) {
    const last = ranges[ranges.length - 1];
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else ranges.push(range);
  }
  if (!timelineSections.length) ranges.push({ start: 0, end: index.lineCount });
  const headingLines = new Set(structure.sections.map((section) => section.line));
  const entries: TimelineEntry[] = [];
  for (const range of ranges) {
    // The stamps that start entries; each is on its own line.
    const found: Stamp[] = [];
    for (let line = range.start; line < range.end; line++) {
      if (structure.skipped[line]) continue;
      const stamp = leads(line);
      if (stamp && !(line + 1 < index.lineCount && isPageAge(index.lineText(line + 1)))) found.push(stamp);
    }
    // Outside a Timeline section a single stamped line is prose, not a timeline.
    if (!timelineSections.length && found.length < 2) continue;
    for (let i = 0; i < found.length; i++) {
      const stamp = found[i];
      const line = stamp.line;
      const limit = i + 1 < found.length ? found[i + 1].line : range.end;
      const lineText = index.lineText(line);
      const textStart = stamp.range?.role === 'from' && stamp.range.partner.line === line ? stamp.range.partner.span.end : stamp.span.end;
      const rest = lineText.slice(textStart - index.lineStarts[line]);
      // The updates of one status page share a form: after a trailer, a stamp alone on its line is one too (the
      // oldest update is followed by the next section, not by another update).
      const trailer = isBlankStampLine(rest) && ((i > 0 && entries[entries.length - 1].trailer) || closesUpdate(index, line, limit));
      let block: { start: number; end: number };
      if (trailer) {
        let start = i > 0 ? entries[entries.length - 1].block.end : updateStart(index, range.start, line);
        // Blank lines between updates separate them; they belong to neither.
        while (start < line && index.lineText(start).trim() === '') start++;
        const end = line + 1 < limit && RELATIVE.test(index.lineText(line + 1)) ? line + 2 : line + 1;
        block = { start, end };
      } else {
        block = { start: line, end: continuationEnd(index, structure, line, limit, headingLines) };
      }
      let text = trailer
        ? collectText(index, block.start, line)
        : cleanText(rest) + (block.end > line + 1 ? ' ' + collectText(index, line + 1, block.end) : '');
      const labelLine = trailer ? findLabel(index, block.start, line) : lineText;
      const status = trailer && STATUS_LINE.test(labelLine) ? labelLine.trim() : undefined;
      // "Investigating: Some customers…": the status heads the update; it is not the first word of its prose.
      if (status !== undefined && text.startsWith(`${status} `)) text = `${status}: ${text.slice(status.length + 1)}`;
      entries.push({
        stamp, line, block, trailer,
        text: text.trim().slice(0, 500),
        isUpdate: isUpdateLabel(labelLine),
        status,
      });
    }
  }
  return entries;
}

/** Where the first status-page update above a trailer stamp begins: its status line, else its paragraph. */
function updateStart(index: LineIndex, from: number, line: number): number {
  for (let up = line - 1; up >= from; up--) if (STATUS_LINE.test(index.lineText(up))) return up;
  let start = line;
  while (start > from && index.lineText(start - 1).trim() !== '') start--;
  return start;
}

function isBlankStampLine(rest: string): boolean {
  // TRAILER_REST's characters are leading marks: any other character rules the line out before the regex.
  return leadingMarks(rest) === rest.length && TRAILER_REST.test(rest);
}

/** Whether UPDATE_LABEL matches, ruling out by hand the many lines where no word of it can follow the leading marks. */
function isUpdateLabel(text: string): boolean {
  let i = 0;
  while (i < text.length && isLabelLead(text.charCodeAt(i))) i++;
  if (i === text.length) return false;
  const c = text.charCodeAt(i);
  // The first letters of UPDATE_LABEL's words, in either case; past ASCII a character may be more whitespace.
  return (c > 127 || 'urmics'.includes(String.fromCharCode(c | 32))) && UPDATE_LABEL.test(text);
}

/** The ASCII characters UPDATE_LABEL allows before its word: whitespace, `>`, `*`, `_`, `-`. */
function isLabelLead(c: number): boolean {
  return isAsciiSpace(c) || c === 62 || c === 42 || c === 95 || c === 45;
}

function isPageAge(text: string): boolean {
  return mayStartWithNumber(text) && PAGE_AGE.test(text);
}

/** Whether the first character after whitespace may be a digit: most lines are ruled out of PAGE_AGE by it. */
function mayStartWithNumber(text: string): boolean {
  let i = 0;
  while (i < text.length && isAsciiSpace(text.charCodeAt(i))) i++;
  if (i === text.length) return false;
  const c = text.charCodeAt(i);
  // Past ASCII a character may be more whitespace: the regex decides.
  return (c >= 48 && c <= 57) || c > 127;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** How many characters of LEADING_MARKS `text` starts with: the ASCII ones by hand, the regex only past them. */
function leadingMarks(text: string): number {
  let i = 0;
  while (i < text.length && isAsciiMark(text.charCodeAt(i))) i++;
  if (i === text.length || text.charCodeAt(i) < 128) return i;
  LEADING_MARKS.lastIndex = i;
  LEADING_MARKS.test(text);
  return LEADING_MARKS.lastIndex;
}

/** The ASCII characters of LEADING_MARKS: whitespace, `*`, `_`, `]`, `)`, `:`, `|`, `-`. */
function isAsciiMark(c: number): boolean {
  return isAsciiSpace(c) || c === 42 || c === 95 || c === 93 || c === 41 || c === 58 || c === 124 || c === 45;
}

/** Whether a stamp alone on its line ends a status-page update: a label ("6m later...") follows, the next update's status line, or nothing. */
function closesUpdate(index: LineIndex, line: number, limit: number): boolean {
  for (let next = line + 1; next < Math.min(limit + 1, index.lineCount); next++) {
    const text = index.lineText(next);
    if (text.trim() === '') continue;
    return RELATIVE.test(text) || STATUS_LINE.test(text);
  }
  return true;
}

function continuationEnd(index: LineIndex, structure: Structure, line: number, limit: number, headings: Set<number>): number {
  // A table row is whole on its line: what follows the table is prose, not the last row's text.
  if (structure.cells.has(line)) return line + 1;
  let end = line + 1;
  let sawBlank = false;
  for (let next = line + 1; next < limit; next++) {
    if (headings.has(next)) break;
    const text = index.lineText(next);
    if (text.trim() === '') {
      sawBlank = true;
      continue;
    }
    const indented = INDENTED.test(text) || structure.skipped[next];
    if (structure.cells.has(next) || (sawBlank && !indented) || (!indented && LIST_ITEM.test(text))) break;
    end = next + 1;
    sawBlank = false;
  }
  return end;
}

// `a | b |c` → `a b c`: each pipe and the blanks around it become one space, by hand (the regex for it,
// blanks then a pipe then blanks, backtracked quadratically on long runs of blanks).
function joinCells(text: string): string {
  let pipe = text.indexOf('|');
  if (pipe < 0) return text;
  let joined = text.slice(0, pipe).trimEnd();
  for (let next = text.indexOf('|', pipe + 1); next >= 0; next = text.indexOf('|', pipe + 1)) {
    joined += ' ' + text.slice(pipe + 1, next).trim();
    pipe = next;
  }
  return joined + ' ' + text.slice(pipe + 1).trimStart();
}

function cleanText(text: string): string {
  // Each replacement only where its characters occur: most entries have no tag, pipe or emphasis.
  let clean = text.indexOf('<') < 0 ? text : text.replace(BREAK_TAG, ' ');
  clean = joinCells(clean.slice(leadingMarks(clean)));
  if (clean.indexOf('*') >= 0 || clean.indexOf('_') >= 0) clean = clean.replace(EMPHASIS, '');
  return clean.trim();
}

function collectText(index: LineIndex, start: number, end: number): string {
  const parts: string[] = [];
  for (let line = start; line < end; line++) {
    const text = index.lineText(line);
    if (text.trim() && !RELATIVE.test(text)) parts.push(cleanText(text.replace(LIST_MARKER, '')));
  }
  return parts.join(' ');
}

function findLabel(index: LineIndex, start: number, end: number): string {
  for (let line = start; line < end; line++) {
    const text = index.lineText(line);
    if (text.trim() && !RELATIVE.test(text)) return text;
  }
  return '';
}
