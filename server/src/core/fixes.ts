// Applying fixes: the first preferred fix of each finding, skipping any fix that overlaps one already taken; and
// fix-all, which lints and applies again until nothing changes.
import { LineIndex } from './text';
import type { Finding } from './types';

export interface FixResult {
  text: string;
  /** Findings whose fix was applied. */
  applied: number;
  /** Findings with a fix that was skipped because it overlapped another; a second pass picks them up. */
  skipped: number;
}

interface Edit {
  start: number;
  end: number;
  newText: string;
  /** The order edits were taken in: insertions at the same point are written in this order. */
  order: number;
}

/**
 * Two edits overlap when each starts before the other ends. Insertions (empty ranges) overlap only a range
 * they fall strictly inside: several insertions at one point are all applied, in the order of the findings
 * (every missing section goes at the end of a document), and an insertion at either end of a replaced range
 * is applied next to it.
 */
function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function applyFixes(text: string, findings: readonly Finding[]): FixResult {
  const index = new LineIndex(text);
  // Taken edits sorted by (start, end, order). They do not overlap, so their ends are sorted too, and the one
  // edit a new edit could overlap is the first whose end is past the new edit's start.
  const taken: Edit[] = [];
  const firstEndingAfter = (offset: number) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const clashes = (edit: { start: number; end: number }) => {
    const k = firstEndingAfter(edit.start);
    return k < taken.length && overlaps(edit, taken[k]);
  };
  const insert = (edit: Edit) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = taken[mid];
      if (other.start < edit.start || (other.start === edit.start && (other.end < edit.end || (other.end === edit.end && other.order < edit.order)))) lo = mid + 1;
      else hi = mid;
    }
    taken.splice(lo, 0, edit);
  };
  let applied = 0;
  let skipped = 0;
  let order = 0;
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.isPreferred);
    if (!fix) continue;
    const edits = fix.edits.map((edit) => ({ ...index.spanOf(edit.range), newText: edit.newText }));
    // A fix whose own edits overlap, or run backwards, cannot be applied at all.
    const own = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    if (own.some((edit, i) => edit.start > edit.end || (i > 0 && overlaps(own[i - 1], edit)))) continue;
    if (edits.some(clashes)) {
      skipped++;
      continue;
    }
    for (const edit of edits) insert({ ...edit, order: order++ });
    applied++;
  }
  if (taken.length === 0) return { text, applied, skipped };
  const pieces: string[] = [];
  let at = 0;
  for (const edit of taken) {
    pieces.push(text.slice(at, edit.start), edit.newText);
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
