// Shared checks for the robustness tests, written independently of the engine's LineIndex so that a bug
// there cannot hide a bug elsewhere.
import assert from 'node:assert/strict';
import type { Finding, Position, Range } from '../../server/src/core';

export function timed<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Lines as LSP counts them: `\r\n`, `\r` and `\n` end a line; a leading BOM is not a column. */
export class Lines {
  readonly starts: number[];
  /** Offset of each line's end, before its line break. */
  readonly ends: number[];

  constructor(readonly text: string) {
    this.starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    this.ends = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.ends.push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      this.starts.push(i + 1);
    }
    this.ends.push(text.length);
  }

  /** The offset of a position that must be inside the document; throws with `what` otherwise. */
  offset(position: Position, what: string): number {
    const { line, character } = position;
    assert.ok(Number.isInteger(line) && Number.isInteger(character), `${what}: non-integer position ${JSON.stringify(position)}`);
    assert.ok(line >= 0 && line < this.starts.length, `${what}: line ${line} outside the document (${this.starts.length} lines)`);
    const length = this.ends[line] - this.starts[line];
    assert.ok(character >= 0 && character <= length, `${what}: character ${character} outside line ${line} (length ${length})`);
    return this.starts[line] + character;
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogate(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

export function checkRange(lines: Lines, range: Range, what: string): { start: number; end: number } {
  const start = lines.offset(range.start, `${what} start`);
  const end = lines.offset(range.end, `${what} end`);
  assert.ok(start <= end, `${what}: start after end ${JSON.stringify(range)}`);
  assert.ok(!splitsSurrogate(lines.text, start), `${what}: start splits a surrogate pair ${JSON.stringify(range)}`);
  assert.ok(!splitsSurrogate(lines.text, end), `${what}: end splits a surrogate pair ${JSON.stringify(range)}`);
  return { start, end };
}

/** Every finding's range and every fix edit's range is inside the document and on UTF-16 boundaries. */
export function checkFindingsInside(text: string, findings: readonly Finding[]): void {
  const lines = new Lines(text);
  for (const finding of findings) {
    const what = `${finding.rule} at ${finding.range.start.line}:${finding.range.start.character}`;
    checkRange(lines, finding.range, what);
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        checkRange(lines, edit.range, `${what} fix "${fix.title}"`);
        assert.equal(typeof edit.newText, 'string');
      }
    }
  }
}
