// Document structure: which lines are code, headings in every style the seeds use, fields and table cells.
import type { FrontMatter } from './frontmatter';
import { isKnownSectionName, matchSection, type Template, type TemplateSection } from './template';
import { isBlank, skipWhile, type LineIndex } from './text';
import type { Span } from './types';

export type HeadingStyle = 'atx' | 'setext' | 'bold' | 'bare';

export interface Section {
  title: string;
  level: number;
  style: HeadingStyle;
  /** Zero-based heading line (the text line for setext). */
  line: number;
  titleSpan: Span;
  /** First line after the heading (after the underline for setext). */
  bodyStart: number;
  /** Exclusive end line: the next heading of the same or a higher level, or the document's end. */
  end: number;
  /** The template section this heading stands for. */
  match?: TemplateSection;
}

export interface Field {
  key: string;
  value: string;
  line: number;
  keySpan: Span;
  valueSpan: Span;
}

export interface Structure {
  /**
   * 1 on lines inside fenced code or front matter: no timestamps, headings or fields are read there. Bytes, not a list:
   * a long document's list of booleans was a large object, new memory on every parse.
   */
  skipped: Uint8Array;
  sections: Section[];
  fields: Field[];
  /** For table rows: cell spans per line. */
  cells: Map<number, Span[]>;
  /** 1 on the lines in `cells`: a scan over the lines asks about each one, and this needs no map lookup. */
  rows: Uint8Array;
  /** A code fence is still open at the end of the document: anything appended there would be code. */
  unclosedFence: boolean;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(\S.*)$/;
// A whole line in bold, optionally ending with a colon: `**Timeline:**`, `__Summary__:`.
// (Blanks, then a colon with its own blanks: `[ \t]*:?[ \t]*$` backtracked quadratically on a run of blanks.)
const BOLD_HEADING = /^ {0,3}(\*\*|__)([^*_\n]{1,80}?)\1[ \t]*(?::[ \t]*)?$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
// `Key: value`, `**Key**: value`, `- Key: value`, `Key<TAB>value`. Keys are short and start with a letter.
// The key does not end with a space, and before the colon or tab only spaces and tabs: so the key and the gap do
// not compete for the same blanks (recheck reported `[\w %…]{0,48}?` followed by `\s*:` as quadratic).
const FIELD = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z%](?:[\w %/&()'-]{0,47}[\w%/&()'-])?)(?:\*\*|__)?(?:[ \t]*:(?:\*\*|__)?[ \t]+| *\t+)(\S.*)$/;

/**
 * `---`, `:--`, `--:`, `:-:`: a trimmed cell of a table's separator row, `text` from `start` to `end`. By hand, on the
 * cells already split: as one regex (`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`) the row's runs of whitespace
 * backtracked cubically.
 */
function isSeparatorCell(text: string, start: number, end: number): boolean {
  if (start < end && text.charCodeAt(start) === 58) start++;
  if (end > start && text.charCodeAt(end - 1) === 58) end--;
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== 45) return false;
  return true;
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** A heading title without its closing hashes and trailing blanks: `Timeline ##` → `Timeline` (by hand: the regex was quadratic). */
function withoutClosingHashes(title: string): string {
  let end = title.length;
  while (end > 0 && isSpaceOrTab(title.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > 0 && title.charCodeAt(hashes - 1) === 35) hashes--;
  if (hashes < end && hashes > 0 && isSpaceOrTab(title.charCodeAt(hashes - 1))) {
    end = hashes;
    while (end > 0 && isSpaceOrTab(title.charCodeAt(end - 1))) end--;
  }
  return title.slice(0, end);
}

/**
 * The character after at most three leading spaces, where fences, ATX headings, setext underlines and bold headings
 * start (-1 past the end): their regexes run only on lines whose mark can start them.
 */
function blockMark(text: string): number {
  const i = blockMarkAt(text);
  // Never read past the end: the NaN charCodeAt returns there makes V8 drop the code it compiled for this.
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** Where the block mark is: after at most three leading spaces. */
function blockMarkAt(text: string): number {
  const limit = Math.min(3, text.length);
  let i = 0;
  while (i < limit && text.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * The length of the run of `mark`, the line's block mark, that starts at it. By hand: the fence regex,
 * `^ {0,3}(`{3,}|~{3,})`, allocated a match and its strings on every fence line.
 */
function markRun(text: string, mark: number): number {
  const start = blockMarkAt(text);
  let end = start;
  while (end < text.length && text.charCodeAt(end) === mark) end++;
  return end - start;
}

/**
 * Whether `text`, whose block mark is `=` or `-`, is a setext underline: a run of its mark, then only blanks. By hand:
 * a bullet shares the mark, and the regex ran on the line above every bullet.
 */
function isSetextUnderline(text: string): boolean {
  let i = 0;
  while (text.charCodeAt(i) === 32) i++;
  const mark = text.charCodeAt(i);
  while (i < text.length && text.charCodeAt(i) === mark) i++;
  while (i < text.length && isSpaceOrTab(text.charCodeAt(i))) i++;
  return i === text.length;
}

/** Whether a line with this block mark can be a table row: `|` there, or whitespace the mark did not skip. */
function mayBeTableRow(mark: number): boolean {
  return mark === 124 || (mark !== -1 && !isVisibleAscii(mark));
}

/**
 * Whether FIELD may match the line. Before its key FIELD allows only blanks, a bullet and bold marks, so the first
 * other character must be a letter or `%`; the key's characters then run on to its colon or tab, or to the bold marks
 * that close it. Rules out timeline lines (`- [2024-…`, `- 19:33 UTC`) and prose (`- Feb 12, 12:05 PM` stops at the
 * comma) without the regex: the run ends at the first colon, so no shorter key can end at another.
 */
function mayStartField(text: string): boolean {
  const keyStart = skipWhile(text, 0, isFieldLead);
  if (keyStart === text.length) return false;
  const c = text.charCodeAt(keyStart);
  // Past ASCII a character may be more whitespace: the regex decides.
  if (c > 127) return true;
  const lower = c | 32;
  if (!((lower >= 97 && lower <= 122) || c === 37)) return false;
  const keyEnd = skipWhile(text, keyStart, isKeyCharacter);
  const after = keyEnd < text.length ? text.charCodeAt(keyEnd) : -1;
  // A colon is followed by a blank or bold marks: not `Between 06:33 UTC`.
  if (after === 58) return keyEnd + 1 < text.length && isValueLead(text.charCodeAt(keyEnd + 1));
  return after === 9 || after === 42;
}

/** What FIELD allows just after a key's colon: a blank or the first of its bold marks. */
function isValueLead(c: number): boolean {
  return isSpaceOrTab(c) || c === 42 || c === 95;
}

/** What FIELD's key may hold: `[\w %/&()'-]`. */
function isKeyCharacter(c: number): boolean {
  const lower = c | 32;
  return (lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 32 || c === 37 || c === 47 || c === 38 || c === 40 || c === 41 || c === 39 || c === 45;
}

/** ASCII whitespace, `-`, `*`, `+` and `_`: what FIELD allows before its key. */
function isFieldLead(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 45 || c === 42 || c === 43 || c === 95;
}

function stripInline(title: string): string {
  return title.replace(/[*_`]+/g, '').replace(/:\s*$/, '').trim();
}

export function readStructure(index: LineIndex, frontMatter: FrontMatter | null, template: Template): Structure {
  const lineCount = index.lineCount;
  const marks = new Int32Array(lineCount);
  for (let line = 0; line < lineCount; line++) marks[line] = blockMark(index.lineText(line));
  const skipped = new Uint8Array(lineCount);
  if (frontMatter) skipped.fill(1, 0, frontMatter.endLine + 1);
  // The open fence's mark and length; 0 while none is open.
  let fenceMark = 0;
  let fenceLength = 0;
  for (let line = 0; line < lineCount; line++) {
    if (skipped[line] && fenceLength === 0) continue;
    const text = index.lineText(line);
    const mark = marks[line];
    // A run of three backticks or tildes or more opens a fence; a run of its mark as long, then only blanks, closes it.
    const run = mark === 96 || mark === 126 ? markRun(text, mark) : 0;
    if (fenceLength !== 0) {
      skipped[line] = 1;
      if (mark === fenceMark && run >= fenceLength && isBlank(text.slice(blockMarkAt(text) + run))) fenceLength = 0;
    } else if (run >= 3) {
      skipped[line] = 1;
      fenceMark = mark;
      fenceLength = run;
    }
  }

  // Sections in document order; each one's end is set once all headings are known.
  const sections: Section[] = [];
  const addSection = (title: string, level: number, style: HeadingStyle, line: number, titleStart: number, titleLength: number, bodyStart: number) => {
    sections.push({
      title, level, style, line, titleSpan: { start: titleStart, end: titleStart + titleLength }, bodyStart, end: lineCount,
      match: matchSection(template, title),
    });
  };
  for (let line = 0; line < lineCount; line++) {
    if (skipped[line]) continue;
    const text = index.lineText(line);
    const start = index.lineStarts[line];
    const mark = marks[line];
    const atx = mark === 35 ? ATX.exec(text) : null;
    if (atx) {
      // Closing hashes are not part of the title: `## Timeline ##`.
      const title = withoutClosingHashes(atx[2]);
      const titleStart = text.indexOf(atx[2], atx[1].length);
      addSection(stripInline(title), atx[1].length, 'atx', line, start + titleStart, title.length, line + 1);
      continue;
    }
    const next = line + 1 < lineCount && !skipped[line + 1] ? index.lineText(line + 1) : undefined;
    const underlined = next !== undefined && (marks[line + 1] === 61 || marks[line + 1] === 45);
    if (underlined && !isBlank(text) && isSetextUnderline(next) && !TABLE_ROW.test(text) && !/^\s*([-*+]|\d+[.)])\s/.test(text)
      && (line === 0 || isBlank(index.lineText(line - 1)) || skipped[line - 1])) {
      const trimmed = text.trim();
      addSection(stripInline(trimmed), marks[line + 1] === 61 ? 1 : 2, 'setext', line, start + text.indexOf(trimmed), trimmed.length, line + 2);
      line++;
      continue;
    }
    const bold = mark === 42 || mark === 95 ? BOLD_HEADING.exec(text) : null;
    if (bold && /\p{L}/u.test(bold[2])) addSection(stripInline(bold[2]), 2, 'bold', line, start + text.indexOf(bold[2]), bold[2].length, line + 1);
  }

  // Plain text has no heading syntax: a short line standing alone is a heading when it names a known section.
  // (Only bold headings are found so far, and a bold line does not start with a letter: no line is both.)
  if (!sections.some((section) => section.style === 'atx' || section.style === 'setext')) {
    for (let line = 0; line < lineCount; line++) {
      if (skipped[line]) continue;
      const trimmed = index.lineText(line).trim();
      if (trimmed.length === 0 || trimmed.length > 80 || !/^\p{Lu}/u.test(trimmed) || /[.,;]$/.test(trimmed)) continue;
      const aloneBefore = line === 0 || isBlank(index.lineText(line - 1));
      const aloneAfter = line + 1 >= lineCount || isBlank(index.lineText(line + 1));
      if (!aloneBefore || !aloneAfter || !isKnownSectionName(template, trimmed)) continue;
      addSection(trimmed, 2, 'bare', line, index.lineStarts[line] + index.lineText(line).indexOf(trimmed), trimmed.length, line + 1);
    }
    sections.sort((a, b) => a.line - b.line);
  }

  sections.forEach((section, i) => {
    for (let j = i + 1; j < sections.length; j++) {
      if (sections[j].level <= section.level) {
        section.end = sections[j].line;
        break;
      }
    }
  });

  const fields: Field[] = [];
  const cells = new Map<number, Span[]>();
  const rows = new Uint8Array(lineCount);
  for (let line = 0; line < lineCount; line++) {
    if (skipped[line]) continue;
    const text = index.lineText(line);
    const start = index.lineStarts[line];
    if (mayBeTableRow(marks[line]) && TABLE_ROW.test(text)) {
      const spans = cellSpans(text, start);
      // A separator row, `| --- | :-: |`, holds no cells.
      if (isSeparatorRow(index.text, spans)) continue;
      cells.set(line, spans);
      rows[line] = 1;
      // A two-column row is a field: | Time to detect | 30 minutes |
      if (spans.length === 2 && spans[0].end > spans[0].start && spans[1].end > spans[1].start) {
        fields.push({
          key: stripInline(index.text.slice(spans[0].start, spans[0].end)),
          value: index.text.slice(spans[1].start, spans[1].end),
          line, keySpan: spans[0], valueSpan: spans[1],
        });
      }
      continue;
    }
    const field = mayStartField(text) ? FIELD.exec(text) : null;
    if (!field) continue;
    const keyStart = text.indexOf(field[1]);
    const value = field[2].trimEnd();
    const valueStart = text.length - field[2].length;
    fields.push({
      key: field[1].trim(),
      value,
      line,
      keySpan: { start: start + keyStart, end: start + keyStart + field[1].trimEnd().length },
      valueSpan: { start: start + valueStart, end: start + valueStart + value.length },
    });
  }

  return { skipped, sections, fields, cells, rows, unclosedFence: fenceLength !== 0 };
}

function isSeparatorRow(text: string, cells: readonly Span[]): boolean {
  for (const cell of cells) if (!isSeparatorCell(text, cell.start, cell.end)) return false;
  return true;
}

/** The trimmed cells of a table row (`start`: the line's offset), split at pipes not escaped with a backslash. */
function cellSpans(text: string, start: number): Span[] {
  let count = 0;
  let cellStart = text.indexOf('|') + 1;
  for (let pipe = text.indexOf('|', cellStart); ; pipe = text.indexOf('|', pipe + 1)) {
    if (pipe >= 0 && text.charCodeAt(pipe - 1) === 92) continue;
    // After the last pipe only a cell with text counts: most rows end with a pipe, and a span for nothing was garbage.
    if (pipe < 0) {
      if (!isBlank(text.slice(cellStart))) rowCells[count++] = trimmedSpan(text, cellStart, text.length, start);
      return rowCells.slice(0, count);
    }
    rowCells[count++] = trimmedSpan(text, cellStart, pipe, start);
    cellStart = pipe + 1;
  }
}

// Every row's cells are collected here and copied out: an array grown by push keeps room for 17, and the document's
// model keeps every row's.
const rowCells: Span[] = [];

/**
 * `text` from `start` to `end` without the whitespace that String.prototype.trim takes off, without slicing it;
 * `offset` is added to the span.
 */
export function trimmedSpan(text: string, start: number, end: number, offset: number): Span {
  let from = start;
  let to = end;
  while (from < to && isSpaceOrTab(text.charCodeAt(from))) from++;
  while (to > from && isSpaceOrTab(text.charCodeAt(to - 1))) to--;
  // Any other whitespace (a no-break space, a form feed) is rare: trim decides there.
  if (from < to && (!isVisibleAscii(text.charCodeAt(from)) || !isVisibleAscii(text.charCodeAt(to - 1)))) {
    const raw = text.slice(start, end);
    from = start + raw.length - raw.trimStart().length;
    to = from + raw.trim().length;
  }
  return { start: offset + from, end: offset + to };
}

function isVisibleAscii(c: number): boolean {
  return c > 32 && c < 127;
}
