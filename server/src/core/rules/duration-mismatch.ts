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
    if (!doc.claims.length) return;
    const entryLines = new Set(doc.timeline.map((entry) => entry.line));
    for (const claim of doc.claims) {
      const { match } = claim.duration;
      // A stated window on the claim's own line is the strongest evidence of what the author meant.
      const ownWindow = doc.windows.find((window) => window.line === claim.duration.line);
      const { starts, ends } = ownWindow ? { starts: [ownWindow.from], ends: [ownWindow.to] } : readings(doc, claim.kind);
      const usableStarts = starts.filter((stamp) => stamp.instant);
      const endTimes = [...new Set(ends.filter((stamp) => stamp.instant).map((stamp) => stamp.instant!.toMillis()))].sort((a, b) => a - b);
      if (!usableStarts.length || !endTimes.length) continue;
      // Minute stamps are each ±1 minute; the stated value is as precise as half its smallest unit.
      const slack = (match.tolerance + 1) * 60_000;
      const claimed = match.minutes * 60_000;
      const agrees = usableStarts.some((from) => {
        const start = from.instant!.toMillis();
        const i = lowerBound(endTimes, Math.max(start, start + claimed - slack));
        return i < endTimes.length && endTimes[i] <= start + claimed + slack;
      });
      if (agrees) continue;
      const primary = primaryPair(usableStarts, ends, entryLines);
      if (!primary) continue;
      const minutes = minutesBetween(primary.from.instant!, primary.to.instant!);
      const value = formatDurationLike(minutes, match);
      report({
        span: claim.duration.span,
        message: `Stated duration ${match.text} (${claim.label}) disagrees with the timeline: ${describeInterval(primary.from, primary.to)}`
          + ` (${WHAT[claim.kind]} ${minutes > match.minutes ? 'took longer' : 'was shorter'} by ${formatDurationShort(Math.abs(minutes - match.minutes))}).`,
        fixes: [{ title: `Change to ${value}`, edits: [{ ...claim.duration.span, newText: value }] }],
      });
    }
  },
};

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The interval the message names: strongest evidence first, preferring timeline entries, which a reader checks. */
function primaryPair(starts: Stamp[], ends: Stamp[], entryLines: Set<number>): { from: Stamp; to: Stamp } | undefined {
  const onTimeline = (stamp: Stamp) => entryLines.has(stamp.line);
  const after = (from: Stamp) => (to: Stamp) => to !== from && !!to.instant && to.instant >= from.instant!;
  const orderedStarts = [...starts.filter(onTimeline), ...starts.filter((stamp) => !onTimeline(stamp))];
  for (const from of orderedStarts) {
    const later = ends.filter(after(from));
    const to = later.find(onTimeline) ?? later[0];
    if (to) return { from, to };
  }
  return undefined;
}
