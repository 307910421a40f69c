// Applying fixes: the first preferred fix of each finding, skipping any fix that overlaps one already taken.
import { LineIndex } from './text';
import type { Finding } from './types';

export interface FixResult {
  text: string;
  /** Findings whose fix was applied. */
  applied: number;
  /** Findings with a fix that was skipped because it overlapped another; a second pass picks them up. */
  skipped: number;
}

export function applyFixes(text: string, findings: readonly Finding[]): FixResult {
  const index = new LineIndex(text);
  const taken: { start: number; end: number; newText: string }[] = [];
  let applied = 0;
  let skipped = 0;
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.isPreferred);
    if (!fix) continue;
    const edits = fix.edits.map((edit) => ({ ...index.spanOf(edit.range), newText: edit.newText }));
    const overlaps = edits.some((edit) => taken.some((other) => edit.start < other.end && other.start < edit.end
      || (edit.start === edit.end && edit.start === other.start && other.start === other.end)));
    if (overlaps) {
      skipped++;
      continue;
    }
    taken.push(...edits);
    applied++;
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of taken) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return { text: result, applied, skipped };
}
