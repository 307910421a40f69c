// Document structure: which lines are code, headings in every style the seeds use, fields and table cells.
import type { FrontMatter } from './frontmatter';
import { isKnownSectionName, matchSection, type Template, type TemplateSection } from './template';
import type { LineIndex } from './text';
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
  /** Lines inside fenced code or front matter: no timestamps, headings or fields are read there. */
  skipped: boolean[];
  sections: Section[];
  fields: Field[];
  /** For table rows: cell spans per line. */
  cells: Map<number, Span[]>;
  /** A code fence is still open at the end of the document: anything appended there would be code. */
  unclosedFence: boolean;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(\S.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// A whole line in bold, optionally ending with a colon: `**Timeline:**`, `__Summary__:`.
// (Blanks, then a colon with its own blanks: `[ \t]*:?[ \t]*$` backtracked quadratically on a run of blanks.)
const BOLD_HEADING = /^ {0,3}(\*\*|__)([^*_\n]{1,80}?)\1[ \t]*(?::[ \t]*)?$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
// One cell of a table's separator row, trimmed: `---`, `:--`, `--:`, `:-:`. The row is split by hand: as one regex
// (`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`) its runs of whitespace backtrack cubically.
const SEPARATOR_CELL = /^:?-+:?$/;
// `Key: value`, `**Key**: value`, `- Key: value`, `Key<TAB>value`. Keys are short and start with a letter.
// The key does not end with a space, and before the colon or tab only spaces and tabs: so the key and the gap do
// not compete for the same blanks (recheck reported `[\w %…]{0,48}?` followed by `\s*:` as quadratic).
const FIELD = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z%](?:[\w %/&()'-]{0,47}[\w%/&()'-])?)(?:\*\*|__)?(?:[ \t]*:(?:\*\*|__)?[ \t]+| *\t+)(\S.*)$/;

/** `| --- | :-: |`: a table's separator row. */
function isTableSeparator(text: string): boolean {
  let row = text.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|')) row = row.slice(0, -1);
  return row.split('|').every((cell) => SEPARATOR_CELL.test(cell.trim()));
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

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function stripInline(title: string): string {
  return title.replace(/[*_`]+/g, '').replace(/:\s*$/, '').trim();
}

export function readStructure(index: LineIndex, frontMatter: FrontMatter | null, template: Template): Structure {
  const lineCount = index.lineCount;
  const lines: string[] = [];
  for (let line = 0; line < lineCount; line++) lines.push(index.lineText(line));
  const skipped = new Array<boolean>(lineCount).fill(false);
  if (frontMatter) for (let line = 0; line <= frontMatter.endLine; line++) skipped[line] = true;
  let fence: string | null = null;
  for (let line = 0; line < lineCount; line++) {
    if (skipped[line] && fence === null) continue;
    const match = FENCE.exec(lines[line]);
    if (fence !== null) {
      skipped[line] = true;
      if (match && match[1][0] === fence[0] && match[1].length >= fence.length && isBlank(lines[line].slice(match[0].length))) fence = null;
    } else if (match) {
      skipped[line] = true;
      fence = match[1];
    }
  }

  type Heading = Omit<Section, 'end' | 'match'>;
  const headings: Heading[] = [];
  for (let line = 0; line < lineCount; line++) {
    if (skipped[line]) continue;
    const text = lines[line];
    const start = index.lineStarts[line];
    const atx = ATX.exec(text);
    if (atx) {
      // Closing hashes are not part of the title: `## Timeline ##`.
      const title = withoutClosingHashes(atx[2]);
      const titleStart = text.indexOf(atx[2], atx[1].length);
      headings.push({
        title: stripInline(title), level: atx[1].length, style: 'atx', line,
        titleSpan: { start: start + titleStart, end: start + titleStart + title.length }, bodyStart: line + 1,
      });
      continue;
    }
    const next = line + 1 < lineCount && !skipped[line + 1] ? lines[line + 1] : undefined;
    if (next !== undefined && !isBlank(text) && SETEXT.test(next) && !TABLE_ROW.test(text) && !/^\s*([-*+]|\d+[.)])\s/.test(text)
      && (line === 0 || isBlank(lines[line - 1]) || skipped[line - 1])) {
      const trimmed = text.trim();
      const titleStart = text.indexOf(trimmed);
      headings.push({
        title: stripInline(trimmed), level: next.trim()[0] === '=' ? 1 : 2, style: 'setext', line,
        titleSpan: { start: start + titleStart, end: start + titleStart + trimmed.length }, bodyStart: line + 2,
      });
      line++;
      continue;
    }
    const bold = BOLD_HEADING.exec(text);
    if (bold && /\p{L}/u.test(bold[2])) {
      const titleStart = text.indexOf(bold[2]);
      headings.push({
        title: stripInline(bold[2]), level: 2, style: 'bold', line,
        titleSpan: { start: start + titleStart, end: start + titleStart + bold[2].length }, bodyStart: line + 1,
      });
    }
  }

  // Plain text has no heading syntax: a short line standing alone is a heading when it names a known section.
  if (!headings.some((heading) => heading.style === 'atx' || heading.style === 'setext')) {
    for (let line = 0; line < lineCount; line++) {
      if (skipped[line]) continue;
      const trimmed = lines[line].trim();
      if (trimmed.length === 0 || trimmed.length > 80 || !/^\p{Lu}/u.test(trimmed) || /[.,;]$/.test(trimmed)) continue;
      const aloneBefore = line === 0 || isBlank(lines[line - 1]);
      const aloneAfter = line + 1 >= lineCount || isBlank(lines[line + 1]);
      if (!aloneBefore || !aloneAfter || !isKnownSectionName(template, trimmed)) continue;
      if (headings.some((heading) => heading.line === line)) continue;
      const titleStart = lines[line].indexOf(trimmed);
      const start = index.lineStarts[line];
      headings.push({
        title: trimmed, level: 2, style: 'bare', line,
        titleSpan: { start: start + titleStart, end: start + titleStart + trimmed.length }, bodyStart: line + 1,
      });
    }
    headings.sort((a, b) => a.line - b.line);
  }

  const sections: Section[] = headings.map((heading, i) => {
    let end = lineCount;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= heading.level) {
        end = headings[j].line;
        break;
      }
    }
    return { ...heading, end, match: matchSection(template, heading.title) };
  });

  const fields: Field[] = [];
  const cells = new Map<number, Span[]>();
  for (let line = 0; line < lineCount; line++) {
    if (skipped[line]) continue;
    const text = lines[line];
    const start = index.lineStarts[line];
    if (TABLE_ROW.test(text)) {
      if (isTableSeparator(text)) continue;
      const spans: Span[] = [];
      let cellStart = text.indexOf('|') + 1;
      for (let i = cellStart; i <= text.length; i++) {
        if (i === text.length || (text[i] === '|' && text[i - 1] !== '\\')) {
          const raw = text.slice(cellStart, i);
          const lead = raw.length - raw.trimStart().length;
          const trimmed = raw.trim();
          if (i < text.length || trimmed) spans.push({ start: start + cellStart + lead, end: start + cellStart + lead + trimmed.length });
          cellStart = i + 1;
        }
      }
      cells.set(line, spans);
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
    const field = FIELD.exec(text);
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

  return { skipped, sections, fields, cells, unclosedFence: fence !== null };
}
