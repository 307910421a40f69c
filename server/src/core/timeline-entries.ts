// Timeline entries: lines of the Timeline section that begin with a stamp (bullets, table rows, bracketed or
// bold stamps, status-page updates). Without a Timeline section, runs of such lines anywhere in the document.
import type { Stamp, TimelineEntry } from './model';
import { takeFirst } from './lists';
import { trimmedSpan, type Section, type Structure } from './structure';
import { firstCodeAfter, isBlank, isSpace, isWord, markLines, type LineIndex } from './text';

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
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
// Sticky: collectText reads the end of a line's marker from lastIndex and cleans the line from there, without a copy.
const LIST_MARKER = /\s*(?:[-*+]|\d+[.)])\s+/y;
const BREAK_TAG = /<br\s*\/?>/gi;
// Left between a stamp and its text: blanks, emphasis, brackets, pipes, colons, dashes (em and en dashes escaped:
// bundles stay ASCII, see test/bundles.test.ts). Sticky: leadingMarks reads its end from lastIndex.
const LEADING_MARKS = /[\s*_\]):|\u2014\u2013-]*/y;
const EMPHASIS = /[*_]{2,}/g;

export function readTimeline(index: LineIndex, structure: Structure, timelineSections: Section[], stamps: Stamp[]): TimelineEntry[] {
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
  const entries = foundEntries;
  let count = 0;
  // One array for all ranges: a document can hold thousands of Timeline sections.
  const markup = new Uint8Array(index.lineCount);
  const source: TextSource = { index, markup };
  // Parse lists stamps in line order, and the ranges are in line order: one walk along the stamps finds the lines of
  // each range that hold one, without visiting every line or an array by line.
  let next = 0;
  // How many of entryStamps a range has filled, at most.
  let filled = 0;
  for (const range of ranges) {
    // The stamps that start entries, the first `found` of entryStamps; each is on its own line.
    let found = 0;
    while (next < stamps.length && stamps[next].line < range.start) next++;
    let lastLine = -1;
    for (; next < stamps.length && stamps[next].line < range.end; next++) {
      const stamp = stamps[next];
      const line = stamp.line;
      // Only a line's first stamp with a time that does not end a range may start an entry.
      if (line === lastLine || stamp.inFrontMatter || stamp.range?.role === 'to' || !stamp.parts.time) continue;
      lastLine = line;
      if (!structure.skipped[line] && leads(index, stamp) && !(line + 1 < index.lineCount && isPageAge(index.lineText(line + 1)))) {
        entryStamps[found++] = stamp;
      }
    }
    filled = Math.max(filled, found);
    // Outside a Timeline section a single stamped line is prose, not a timeline.
    if (!timelineSections.length && found < 2) continue;
    markLines(index, markup, range.start, range.end, MARKUP_CHARACTERS);
    // The range's last entry so far.
    let previous: Entry | undefined;
    for (let i = 0; i < found; i++) {
      const stamp = entryStamps[i]!;
      const line = stamp.line;
      const limit = i + 1 < found ? entryStamps[i + 1]!.line : range.end;
      const lineText = index.lineText(line);
      const textStart = textStartOf(index, stamp);
      const marksEnd = leadingMarks(lineText, textStart);
      // The updates of one status page share a form: after a trailer, a stamp alone on its line is one too (the
      // oldest update is followed by the next section, not by another update). TRAILER_REST's characters are leading
      // marks: any other character after the stamp rules the line out before the regex.
      const trailer = marksEnd === lineText.length && TRAILER_REST.test(lineText.slice(textStart)) && (previous?.trailer || closesUpdate(index, line, limit));
      let start: number;
      let end: number;
      if (trailer) {
        start = previous ? previous.end : updateStart(index, range.start, line);
        // Blank lines between updates separate them; they belong to neither.
        while (start < line && isBlank(index.lineText(start))) start++;
        end = line + 1 < limit && RELATIVE.test(index.lineText(line + 1)) ? line + 2 : line + 1;
      } else {
        start = line;
        end = continuationEnd(index, structure, line, limit, headingLines);
      }
      const labelLine = trailer ? findLabel(index, start, line) : lineText;
      const status = trailer && STATUS_LINE.test(labelLine) ? labelLine.trim() : undefined;
      previous = new Entry(stamp, start, end, status, (trailer ? TRAILER : 0) | (isUpdateLabel(labelLine) ? UPDATE : 0), source);
      entries[count++] = previous;
    }
  }
  // The stamps cleared too: they hold the document's lines.
  entryStamps.fill(undefined, 0, filled);
  return takeFirst(entries, count);
}

// Entries are collected here and copied out at their number: a list grown by push left a copy of its room at each
// growth. Written by index and never shortened, it keeps its room between parses.
const foundEntries: (TimelineEntry | undefined)[] = [];

// The flags of an entry.
const TRAILER = 1;
const UPDATE = 2;

/** What entries' texts are read from: the document's lines, and the markup flags of the lines of its timelines. */
interface TextSource {
  index: LineIndex;
  markup: Uint8Array;
}

/**
 * A timeline entry: its line is its stamp's, its two flags share a number, and it is its own block (its start and end
 * are the block's lines). Readers see the fields of TimelineEntry; an entry has no text of its own and no object for its
 * block (thousands of entries stay in the model).
 */
class Entry implements TimelineEntry {
  constructor(
    readonly stamp: Stamp,
    readonly start: number,
    readonly end: number,
    readonly status: string | undefined,
    private readonly flags: number,
    private readonly source: TextSource,
  ) {}

  get block(): { start: number; end: number } {
    return this;
  }

  /**
   * Read from the document on each call, not kept: parse reads most entries' keywords on their lines (textLines), and
   * kept, the texts were a tenth of the model.
   */
  get text(): string {
    const { index, markup } = this.source;
    const { stamp, start, end, status } = this;
    const line = stamp.line;
    let text = this.trailer
      ? collectText(index, start, line, markup)
      : cleanText(index.lineText(line), markup[line], textStartOf(index, stamp)) + (end > line + 1 ? ' ' + collectText(index, line + 1, end, markup) : '');
    // "Investigating: Some customers…": the status heads the update; it is not the first word of its prose.
    if (status !== undefined && text.startsWith(`${status} `)) text = `${status}: ${text.slice(status.length + 1)}`;
    text = text.trim();
    // Cut only when too long: slice(0, 500) of a shorter text is still a new string, one per entry and parse.
    return text.length > 500 ? text.slice(0, 500) : text;
  }

  /** See textLines. */
  textLines(joining: RegExp, lines: number[], starts: number[]): number {
    const { index, markup } = this.source;
    const line = this.stamp.line;
    let count = 0;
    // The text is no longer: each pipe and the blanks around it become one space, and one space joins two lines.
    let length = -1;
    for (let next = line; next < this.end; next++) {
      const text = index.lineText(next);
      const from = next === line ? textStartOf(index, this.stamp) : continuationStart(text);
      if (from < 0) continue;
      const start = leadingMarks(text, from);
      if (start > 0 && isWord(text.charCodeAt(start - 1))) return -1;
      // Neither has a character among the leading marks: where none follows them, cleanText's replacements change nothing.
      const flags = markup[next];
      if ((flags & TAG && text.indexOf('<', start) >= 0) || (flags & EMPHASIS_MARK && (text.indexOf('*', start) >= 0 || text.indexOf('_', start) >= 0))) {
        return -1;
      }
      if (flags & PIPE) {
        for (let pipe = text.indexOf('|', start); pipe >= 0; pipe = text.indexOf('|', pipe + 1)) if (lastWordIs(joining, text, pipe)) return -1;
      }
      if (next + 1 < this.end && lastWordIs(joining, text, text.length)) return -1;
      length += text.length - start + 1;
      lines[count] = next;
      starts[count++] = start;
    }
    return length <= 500 ? count : -1;
  }

  get line(): number {
    return this.stamp.line;
  }

  get trailer(): boolean {
    return (this.flags & TRAILER) !== 0;
  }

  get isUpdate(): boolean {
    return (this.flags & UPDATE) !== 0;
  }
}

/**
 * The lines an entry's text is read from, into `lines`, and where on each its text starts, into `starts`; their number.
 * For readers that search the document in place of the text (thousands of entries, each text a few joined strings that
 * trim flattens): the text joins the cells of these lines (split at pipes, trimmed) by single spaces, and what stands
 * before each start is not a word character. -1 where the text is not such a join (a status-page update's, markup
 * replaced in it, cut at 500 characters or maybe so), or where a cell or line before a join ends with a word that
 * `joining`, a sticky regex read at the word's start, matches.
 */
export function textLines(entry: TimelineEntry, joining: RegExp, lines: number[], starts: number[]): number {
  return entry instanceof Entry && !entry.trailer ? entry.textLines(joining, lines, starts) : -1;
}

/** Whether the last word of `text` before `end` and the blanks before it is one that `joining` matches. */
function lastWordIs(joining: RegExp, text: string, end: number): boolean {
  let wordEnd = end;
  while (wordEnd > 0 && isSpace(text.charCodeAt(wordEnd - 1))) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > 0 && isWord(text.charCodeAt(wordStart - 1))) wordStart--;
  if (wordStart === wordEnd) return false;
  joining.lastIndex = wordStart;
  return joining.test(text);
}

// Each range's entry stamps are collected here: a list grown by push for each range was a sixth of what readTimeline
// allocated. Written by index and never shortened, it keeps its room between parses.
const entryStamps: (Stamp | undefined)[] = [];

/** Where the first status-page update above a trailer stamp begins: its status line, else its paragraph. */
function updateStart(index: LineIndex, from: number, line: number): number {
  for (let up = line - 1; up >= from; up--) if (STATUS_LINE.test(index.lineText(up))) return up;
  let start = line;
  while (start > from && !isBlank(index.lineText(start - 1))) start--;
  return start;
}

/** Where the text of a stamp's entry starts on its line: after the stamp, or after the range it opens. */
function textStartOf(index: LineIndex, stamp: Stamp): number {
  return (stamp.range?.role === 'from' && stamp.range.partner.line === stamp.line ? stamp.range.partner.span.end : stamp.span.end) - index.lineStarts[stamp.line];
}

/** Whether what stands before the stamp on its line may lead an entry. */
function leads(index: LineIndex, stamp: Stamp): boolean {
  const start = index.lineStarts[stamp.line];
  return isPlainLead(index.text, start, stamp.span.start) || LEADING.test(index.text.slice(start, stamp.span.start));
}

/**
 * Whether `text` from `start` to `end` is one of the common leads that LEADING accepts, read by hand: blanks and
 * quote marks, a bullet, then brackets, pipes and emphasis (`- [`, `| `, `- **`). It rules most entries in without a
 * slice or a regex; what it does not know goes to LEADING.
 */
function isPlainLead(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (isAsciiSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 62)) i++;
  if (i + 1 < end && isBullet(text.charCodeAt(i)) && isAsciiSpace(text.charCodeAt(i + 1))) {
    i += 2;
    while (i < end && isAsciiSpace(text.charCodeAt(i))) i++;
  }
  if (i < end && isOpeningMark(text.charCodeAt(i))) {
    i++;
    while (i < end && (isOpeningMark(text.charCodeAt(i)) || isAsciiSpace(text.charCodeAt(i)))) i++;
  }
  return i === end;
}

/** `-`, `*`, `+`: the bullets LEADING allows. */
function isBullet(c: number): boolean {
  return c === 45 || c === 42 || c === 43;
}

/** `*`, `_`, `[`, `(`, `|`: what LEADING allows just before the stamp. */
function isOpeningMark(c: number): boolean {
  return c === 42 || c === 95 || c === 91 || c === 40 || c === 124;
}

/** Whether UPDATE_LABEL matches, ruling out by hand the many lines where no word of it can follow the leading marks. */
function isUpdateLabel(text: string): boolean {
  // The first letters of UPDATE_LABEL's words (u, r, m, i, c, s) in either case; past ASCII a character may be more
  // whitespace.
  const c = firstCodeAfter(text, isLabelLead);
  const lower = c | 32;
  return (c > 127 || lower === 117 || lower === 114 || lower === 109 || lower === 105 || lower === 99 || lower === 115) && UPDATE_LABEL.test(text);
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
  const c = firstCodeAfter(text, isAsciiSpace);
  // Past ASCII a character may be more whitespace: the regex decides.
  return (c >= 48 && c <= 57) || c > 127;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Where the run of LEADING_MARKS that starts at `from` ends: the ASCII ones and dashes by hand, the regex only past them. */
function leadingMarks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isMark(text.charCodeAt(i))) i++;
  if (i === text.length || text.charCodeAt(i) < 128) return i;
  LEADING_MARKS.lastIndex = i;
  LEADING_MARKS.test(text);
  return LEADING_MARKS.lastIndex;
}

/** The characters of LEADING_MARKS but its non-ASCII blanks: ASCII whitespace, `*`, `_`, `]`, `)`, `:`, `|`, `-`, em and en dashes. */
function isMark(c: number): boolean {
  return isAsciiSpace(c) || c === 42 || c === 95 || c === 93 || c === 41 || c === 58 || c === 124 || c === 45 || c === 0x2014 || c === 0x2013;
}

/** Whether a stamp alone on its line ends a status-page update: a label ("6m later...") follows, the next update's status line, or nothing. */
function closesUpdate(index: LineIndex, line: number, limit: number): boolean {
  for (let next = line + 1; next < Math.min(limit + 1, index.lineCount); next++) {
    const text = index.lineText(next);
    if (isBlank(text)) continue;
    return RELATIVE.test(text) || STATUS_LINE.test(text);
  }
  return true;
}

function continuationEnd(index: LineIndex, structure: Structure, line: number, limit: number, headings: Set<number>): number {
  // A table row is whole on its line: what follows the table is prose, not the last row's text. Most entries are
  // followed by the next one, where nothing can continue them either.
  if (line + 1 >= limit || structure.rows[line]) return line + 1;
  let end = line + 1;
  let sawBlank = false;
  for (let next = line + 1; next < limit; next++) {
    if (headings.has(next)) break;
    const text = index.lineText(next);
    if (isBlank(text)) {
      sawBlank = true;
      continue;
    }
    // On a line that is not blank, a first character that is whitespace is indentation.
    const indented = isSpace(text.charCodeAt(0)) || structure.skipped[next];
    if (structure.rows[next] || (sawBlank && !indented) || (!indented && LIST_ITEM.test(text))) break;
    end = next + 1;
    sawBlank = false;
  }
  return end;
}

// `a | b |c` → `a b c`: each pipe and the blanks around it become one space, by hand (the regex for it,
// blanks then a pipe then blanks, backtracked quadratically on long runs of blanks). Each cell is trimmed without a
// copy, so each is sliced once; the blanks at either end go too, which cleanText trims anyway, and so does the empty
// cell after a row's closing pipe (its space made trim copy the row's text once more).
function joinCells(text: string): string {
  let pipe = text.indexOf('|');
  if (pipe < 0) return text;
  let cell = trimmedSpan(text, 0, pipe, 0);
  let joined = text.slice(cell.start, cell.end);
  for (;;) {
    const start = pipe + 1;
    pipe = text.indexOf('|', start);
    cell = trimmedSpan(text, start, pipe < 0 ? text.length : pipe, 0);
    if (pipe < 0 && cell.start === cell.end) return joined;
    joined += ' ' + text.slice(cell.start, cell.end);
    if (pipe < 0) return joined;
  }
}

// What cleanText replaces or joins at, as flags of a line.
const TAG = 1;
const PIPE = 2;
const EMPHASIS_MARK = 4;
const MARKUP_CHARACTERS: [string, number][] = [['<', TAG], ['|', PIPE], ['*', EMPHASIS_MARK], ['_', EMPHASIS_MARK]];

/** `text` from `from` on, cleaned. `markup`: the flags of the line it comes from. */
function cleanText(text: string, markup: number, from = 0): string {
  // Each replacement only where its characters occur: most entries have no tag, pipe or emphasis.
  let clean: string;
  if (markup & TAG) {
    const replaced = text.slice(from).replace(BREAK_TAG, ' ');
    // A tag replaced by a blank may lengthen the leading marks.
    clean = replaced.slice(leadingMarks(replaced, 0));
  } else {
    clean = text.slice(leadingMarks(text, from));
  }
  if (markup & PIPE) clean = joinCells(clean);
  if (markup & EMPHASIS_MARK) clean = clean.replace(EMPHASIS, '');
  return clean.trim();
}

/** The cleaned text of the lines [start, end) that are not blank or labels, joined by spaces. */
function collectText(index: LineIndex, start: number, end: number, markup: Uint8Array): string {
  // Joined as they come, not through an array: an entry has one line of text or a few.
  let collected = '';
  let count = 0;
  for (let line = start; line < end; line++) {
    const text = index.lineText(line);
    const from = continuationStart(text);
    if (from < 0) continue;
    const clean = cleanText(text, markup[line], from);
    collected = count++ === 0 ? clean : `${collected} ${clean}`;
  }
  return collected;
}

/** Where a line's text starts, after its list marker; -1 for a line that adds no text (blank, or a status-page label). */
function continuationStart(text: string): number {
  if (isBlank(text) || RELATIVE.test(text)) return -1;
  LIST_MARKER.lastIndex = 0;
  return LIST_MARKER.test(text) ? LIST_MARKER.lastIndex : 0;
}

function findLabel(index: LineIndex, start: number, end: number): string {
  for (let line = start; line < end; line++) {
    const text = index.lineText(line);
    if (!isBlank(text) && !RELATIVE.test(text)) return text;
  }
  return '';
}
