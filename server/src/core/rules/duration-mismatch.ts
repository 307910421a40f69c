import { formatDurationLike, formatDurationShort } from '../durations';
import { candidates, chooseMilestones } from '../milestones';
import type { ClaimKind, MilestoneEvidence, Postmortem, Stamp } from '../model';
import type { MilestoneKind } from '../types';
import { describeInterval, minutesBetween } from './describe';
import type { Rule } from './rule';

const ENDS: Record<ClaimKind, MilestoneKind[]> = {
  impact: ['resolved', 'mitigated'],
  detect: ['detected'],
  mitigate: ['mitigated', 'resolved'],
  resolve: ['resolved'],
};
const WHAT: Record<ClaimKind, string> = {
  impact: 'the impact', detect: 'detection', mitigate: 'mitigation', resolve: 'resolution',
};

/** Every reading of the document: all evidence for both ends, unless markers fix the impact window. */
function readings(doc: Postmortem, kind: ClaimKind): { starts: Stamp[]; ends: Stamp[] } {
  const strongest = (items: MilestoneEvidence[]) => items.filter((item) => item.strength === 6);
  let starts = candidates(doc, 'start');
  let ends = ENDS[kind].flatMap((end) => candidates(doc, end));
  if (strongest(starts).length) starts = strongest(starts);
  if (kind === 'impact' && strongest(ends).length) ends = strongest(ends);
  const chosen = chooseMilestones(doc);
  const startStamps = starts.map((item) => item.stamp);
  if (chosen.start && !startStamps.includes(chosen.start.stamp)) startStamps.push(chosen.start.stamp);
  const endStamps = ends.map((item) => item.stamp);
  if (kind !== 'detect' && (kind !== 'impact' || !strongest(ends).length)) {
    const last = doc.timeline.filter((entry) => entry.stamp.instant).at(-1);
    if (last) endStamps.push(last.stamp);
  }
  return { starts: startStamps, ends: endStamps };
}

export const durationMismatch: Rule = {
  id: 'PM013',
  name: 'duration-mismatch',
  description: 'A stated duration ("Duration: 4h15min", "Time to detect: 30 minutes") disagrees with the interval the document gives for it.',
  defaultSeverity: 'error',
  tags: ['durations', 'timeline'],
  fixable: true,
  check(doc, report) {
    for (const claim of doc.claims) {
      const { match } = claim.duration;
      // A stated window on the claim's own line is the strongest evidence of what the author meant.
      const ownWindow = doc.windows.find((window) => window.line === claim.duration.line);
      const { starts, ends } = ownWindow ? { starts: [ownWindow.from], ends: [ownWindow.to] } : readings(doc, claim.kind);
      const pairs: { from: Stamp; to: Stamp; minutes: number }[] = [];
      for (const from of starts) {
        for (const to of ends) {
          if (from === to || !from.instant || !to.instant || to.instant < from.instant) continue;
          pairs.push({ from, to, minutes: minutesBetween(from.instant, to.instant) });
        }
      }
      if (!pairs.length) continue;
      // Minute stamps are each ±1 minute; the stated value is as precise as its smallest unit.
      const slack = match.tolerance + 1;
      if (pairs.some((pair) => Math.abs(pair.minutes - match.minutes) <= slack)) continue;
      // Name timeline entries in the message where possible: they are what a reader checks.
      const entryLines = new Set(doc.timeline.map((entry) => entry.line));
      const primary = pairs.find((pair) => entryLines.has(pair.from.line) && entryLines.has(pair.to.line)) ?? pairs[0];
      const value = formatDurationLike(primary.minutes, match);
      report({
        span: claim.duration.span,
        message: `Stated duration ${match.text} (${claim.label}) disagrees with the timeline: ${describeInterval(primary.from, primary.to)}`
          + ` (${WHAT[claim.kind]} ${primary.minutes > match.minutes ? 'took longer' : 'was shorter'} by ${formatDurationShort(Math.abs(primary.minutes - match.minutes))}).`,
        fixes: [{ title: `Change to ${value}`, edits: [{ ...claim.duration.span, newText: value }] }],
      });
    }
  },
};
