// Offsets ↔ LSP positions. Offsets are UTF-16 code units, as JavaScript strings and LSP count them.
import type { Position, Range, Span } from './types';

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];
  /** Line texts already sliced: parsing and several rules read every line. */
  private readonly lines: (string | undefined)[];
  private lastLine = 0;

  constructor(readonly text: string) {
    // Editors do not count a byte order mark: line 0 starts after it, so columns agree with VS Code's.
    const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let starts: number[];
    if (text.indexOf('\r') < 0) {
      // LF only, the common case: indexOf finds each break natively. The breaks are counted first: a list grown by
      // push leaves each smaller copy of itself behind, garbage twice the list's size.
      let breaks = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks++;
      starts = new Array<number>(breaks + 1);
      starts[0] = first;
      let line = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    } else {
      starts = [first];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
    // Sized once: an array that grows by holes changes its element kind, and V8 drops code optimised for the old one.
    this.lines = new Array<string | undefined>(starts.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    let text = this.lines[line];
    if (text === undefined) {
      text = this.text.slice(this.lineStarts[line], this.lineEnd(line));
      if (line >= 0 && line < this.lineStarts.length) this.lines[line] = text;
    }
    return text;
  }

  /** Offset just before the line break of `line`. */
  lineEnd(line: number): number {
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineAt(offset: number): number {
    // Findings arrive mostly in document order: try the line found last, and the next, before searching.
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last] <= offset) {
      if (last + 1 >= starts.length || offset < starts[last + 1]) return last;
      if (last + 2 >= starts.length || offset < starts[last + 2]) return (this.lastLine = last + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: Math.max(0, Math.min(clamped, this.lineEnd(line)) - this.lineStarts[line]) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  spanOf(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }
}

/**
 * Sets each string's flag in `marks`, indexed by line, on the lines [start, end) that hold the string: one indexOf per
 * string and line that holds it. Most lines hold none of them, and each indexOf is a call into C++ (for a two-byte
 * document always): several per line cost more than this pass. Each search stays inside the lines: from the start of
 * the range, a string the range lacks was looked for up to the end of the document.
 */
export function markLines(index: LineIndex, marks: Uint8Array, start: number, end: number, flags: readonly (readonly [string, number])[]): void {
  if (start >= end) return;
  const from = index.lineStarts[start];
  const text = index.text.slice(from, end < index.lineCount ? index.lineStarts[end] : index.text.length);
  for (const [search, flag] of flags) {
    for (let at = text.indexOf(search); at >= 0;) {
      const line = index.lineAt(from + at);
      marks[line] |= flag;
      at = line + 1 < end ? text.indexOf(search, index.lineStarts[line + 1] - from) : -1;
    }
  }
}

/** The code of the first character of `text` that `skip` does not take, or -1 when it takes them all. */
export function firstCodeAfter(text: string, skip: (c: number) => boolean): number {
  const i = skipWhile(text, 0, skip);
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** The index of the first character from `from` on that `skip` does not take, or the text's length. */
export function skipWhile(text: string, from: number, skip: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && skip(text.charCodeAt(i))) i++;
  return i;
}

/** ASCII character classes by character code: `isWord` is what `\w` and `\b` take for a word character. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isWord(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 95;
}

/** What `\s` matches, by character code. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a line is empty or only whitespace. Most lines start with a visible character: no trimmed copy for them. */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  return !(first > 32 && first < 127) && text.trim() === '';
}
