// Applying fixes: the first preferred fix of each finding, skipping any fix that overlaps one already taken; and
// fix-all, which lints and applies again until nothing changes.
import { LineIndex } from './text';
import type { Finding, Fix, Span } from './types';

export interface FixResult {
  text: string;
  /** Findings whose fix was applied. */
  applied: number;
  /** Findings with a fix that was skipped because it overlapped another; a second pass picks them up. */
  skipped: number;
}

interface Edit extends Span {
  newText: string;
  /** The order edits were taken in: insertions at the same point are written in this order. */
  order: number;
  /** On an edit that removes text its fix moves elsewhere: the moved spans inside it. */
  carriers?: Carrier[];
  /** On an edit that writes moved text: the span it copies, and the edits carried there. */
  copies?: Carrier;
}

/** A span a fix moves, and the edits of other fixes inside it, applied to the copy instead of the text moved away. */
interface Carrier {
  from: Span;
  carried: EditList;
}

/**
 * Two edits overlap when each starts before the other ends. Insertions (empty ranges) overlap only a range
 * they fall strictly inside: several insertions at one point are all applied, in the order of the findings
 * (every missing section goes at the end of a document), and an insertion at either end of a replaced range
 * is applied next to it.
 */
function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

const contains = (outer: Span, inner: Span) => outer.start <= inner.start && inner.end <= outer.end;

/** The carrier of `edit` whose span holds `inner`. */
function carrierHolding(edit: Edit, inner: Span): Carrier | undefined {
  return edit.carriers?.find((carrier) => contains(carrier.from, inner));
}

/** The first index below `count` from which `reached` holds on (it holds for every index after it), or `count`. */
function firstReached(count: number, reached: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Edits sorted by (start, end, order). They do not overlap, so their ends are sorted too, and the one edit a new edit
 * could overlap first is the first whose end is past the new edit's start.
 */
class EditList {
  readonly edits: Edit[] = [];

  firstEndingAfter(offset: number): number {
    const { edits } = this;
    return firstReached(edits.length, (i) => edits[i].end > offset);
  }

  clashes(edit: Span): boolean {
    const k = this.firstEndingAfter(edit.start);
    return k < this.edits.length && overlaps(edit, this.edits[k]);
  }

  /** Inserts `edit` in its place, after taking out the `removed` edits from index `at` on. */
  insert(edit: Edit, at = 0, removed = 0): void {
    const { edits } = this;
    if (removed > 0) edits.splice(at, removed);
    const place = firstReached(edits.length, (i) => {
      const other = edits[i];
      return other.start > edit.start || (other.start === edit.start && (other.end > edit.end || (other.end === edit.end && other.order > edit.order)));
    });
    edits.splice(place, 0, edit);
  }
}

/**
 * Marks the fix's moves on its edits: each moved span becomes a carrier of the edit that removes it and of the edit
 * that writes its copy. A move is ignored (its text is then only written, as any edit's) unless that copy begins
 * with the span's text and another edit of the fix covers the span.
 */
function markMoves(text: string, index: LineIndex, fix: Fix, edits: Edit[], sorted: Edit[]): void {
  for (const move of fix.moves!) {
    const writer = edits[move.edit];
    const from = index.spanOf(move.from);
    if (!writer || writer.copies || from.end <= from.start || !writer.newText.startsWith(text.slice(from.start, from.end))) continue;
    // The last edit starting at or before the span is the only one that can cover it.
    const remover = sorted[firstReached(sorted.length, (i) => sorted[i].start > from.start) - 1];
    if (!remover || remover === writer || !contains(remover, from)) continue;
    const carrier: Carrier = { from, carried: new EditList() };
    (remover.carriers ??= []).push(carrier);
    writer.copies = carrier;
  }
}

/**
 * Where `edit` goes among the taken edits: `taken` when it overlaps none or only edits inside the spans it moves
 * (those are then carried), the carrier of the taken edit that moves the span it lies in, or `clash`.
 */
function placement(taken: EditList, edit: Edit): EditList | 'clash' {
  let k = taken.firstEndingAfter(edit.start);
  const first = taken.edits[k];
  if (!first || !overlaps(edit, first)) return taken;
  if (!edit.carriers) {
    // Moved text is not moved again: a copy carried into another would leave its own carried edits behind.
    const carrier = edit.copies ? undefined : carrierHolding(first, edit);
    return carrier && !carrier.carried.clashes(edit) ? carrier.carried : 'clash';
  }
  for (; k < taken.edits.length && taken.edits[k].start < edit.end; k++) {
    const other = taken.edits[k];
    if (other.carriers || other.copies || !carrierHolding(edit, other)) return 'clash';
  }
  return taken;
}

/** Takes `edit` into `list`; taken edits inside the spans it moves go to their carriers. */
function take(list: EditList, edit: Edit): void {
  if (!edit.carriers) return list.insert(edit);
  const at = list.firstEndingAfter(edit.start);
  let end = at;
  while (end < list.edits.length && list.edits[end].start < edit.end) {
    const inner = list.edits[end++];
    carrierHolding(edit, inner)!.carried.insert(inner);
  }
  list.insert(edit, at, end - at);
}

/** The text `edit` writes: a copy of moved text gets the edits carried along with it. */
function written(edit: Edit): string {
  const carried = edit.copies?.carried.edits;
  if (!carried || carried.length === 0) return edit.newText;
  const offset = edit.copies!.from.start;
  const pieces: string[] = [];
  let at = 0;
  for (const inner of carried) {
    pieces.push(edit.newText.slice(at, inner.start - offset), inner.newText);
    at = inner.end - offset;
  }
  pieces.push(edit.newText.slice(at));
  return pieces.join('');
}

export function applyFixes(text: string, findings: readonly Finding[]): FixResult {
  const index = new LineIndex(text);
  const taken = new EditList();
  let applied = 0;
  let skipped = 0;
  let order = 0;
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.isPreferred);
    if (!fix) continue;
    const edits: Edit[] = fix.edits.map((edit) => ({ ...index.spanOf(edit.range), newText: edit.newText, order: 0 }));
    // A fix whose own edits overlap, or run backwards, cannot be applied at all.
    const own = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    if (own.some((edit, i) => edit.start > edit.end || (i > 0 && overlaps(own[i - 1], edit)))) continue;
    if (fix.moves) markMoves(text, index, fix, edits, own);
    const places = edits.map((edit) => placement(taken, edit));
    if (places.includes('clash')) {
      skipped++;
      continue;
    }
    for (let i = 0; i < edits.length; i++) {
      edits[i].order = order++;
      take(places[i] as EditList, edits[i]);
    }
    applied++;
  }
  if (taken.edits.length === 0) return { text, applied, skipped };
  const pieces: string[] = [];
  let at = 0;
  for (const edit of taken.edits) {
    pieces.push(text.slice(at, edit.start), written(edit));
    at = edit.end;
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), applied, skipped };
}

/**
 * A bound on fix-all's passes. A fix skipped for overlapping another, or made possible by one, is applied by a later
 * pass (fixes settle within two, rarely three); fixes that undo each other would never stop.
 */
export const MAX_FIX_PASSES = 5;

export interface FixAllOptions {
  /** The findings of `text` when the caller already has them: the first pass does not lint again. */
  findings?: readonly Finding[];
  /** Which findings to fix (default: all). */
  select?: (finding: Finding) => boolean;
}

export interface FixAllResult {
  text: string;
  /** Passes that changed the text. */
  passes: number;
}

/** The text after applying the preferred fixes, linting again with `lintText` until a pass changes nothing. */
export function fixAll(text: string, lintText: (text: string) => readonly Finding[], options: FixAllOptions = {}): FixAllResult {
  const { select } = options;
  let current = text;
  let findings = options.findings ?? lintText(text);
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const result = applyFixes(current, select ? findings.filter(select) : findings);
    if (result.applied === 0 || result.text === current) break;
    current = result.text;
    if (++passes < MAX_FIX_PASSES) findings = lintText(current);
  }
  return { text: current, passes };
}
