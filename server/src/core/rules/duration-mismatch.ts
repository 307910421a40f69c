import { formatDurationLike, formatDurationShort } from '../durations';
import { candidates, chooseMilestones, CLAIM_ENDS } from '../milestones';
import type { ClaimKind, MilestoneEvidence, Postmortem, Stamp, Window } from '../model';
import { describeInterval } from './describe';
import type { Rule } from './rule';

const WHAT: Record<ClaimKind, string> = {
  impact: 'the impact', detect: 'detection', mitigate: 'mitigation', resolve: 'resolution',
};

/** Every reading of the document: all evidence for both ends, unless markers fix the impact window. */
function readings(doc: Postmortem, kind: ClaimKind): { starts: Stamp[]; ends: Stamp[] } {
  const strongest = (items: readonly MilestoneEvidence[]) => items.filter((item) => item.strength === 6);
  let starts = candidates(doc, 'start');
  let ends = CLAIM_ENDS[kind].flatMap((end) => candidates(doc, end));
  if (strongest(starts).length) starts = strongest(starts);
  if (kind === 'impact' && strongest(ends).length) ends = strongest(ends);
  const chosen = chooseMilestones(doc);
  const startStamps = starts.map((item) => item.stamp);
  if (chosen.start && !startStamps.includes(chosen.start.stamp)) startStamps.push(chosen.start.stamp);
  const endStamps = ends.map((item) => item.stamp);
  if (kind !== 'detect' && (kind !== 'impact' || !strongest(ends).length)) {
    // The timeline's latest entry in time, not in the text: moving an entry (timeline-order's fix) must not change
    // what a stated duration is checked against, or fix-all needs another pass.
    let last: (typeof doc.timeline)[number] | undefined;
    for (const entry of doc.timeline) if (entry.stamp.epoch !== undefined && (!last || entry.stamp.epoch >= last.stamp.epoch!)) last = entry;
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
    const windowOnLine = new Map<number, Window>();
    for (const window of doc.windows) if (!windowOnLine.has(window.line)) windowOnLine.set(window.line, window);
    // The readings depend on the claim's kind only (or on its own window): computed once each, and so is the
    // answer for the same stated value, so a document of thousands of claims stays linear.
    const byKind = new Map<ClaimKind, Readings>();
    const answers = new Map<string, boolean>();
    for (const claim of doc.claims) {
      const { match } = claim.duration;
      // A stated window on the claim's own line is the strongest evidence of what the author meant.
      const ownWindow = windowOnLine.get(claim.duration.line);
      let reading = ownWindow ? undefined : byKind.get(claim.kind);
      if (!reading) {
        // A window that ends before it starts is read the way time-range-inverted's fix will write it, swapped:
        // otherwise fix-all would swap it in one pass and only then find the claim wrong, in a third.
        const inverted = ownWindow && ownWindow.from.epoch !== undefined && ownWindow.to.epoch !== undefined && ownWindow.to.epoch < ownWindow.from.epoch;
        const { starts, ends } = ownWindow
          ? inverted ? { starts: [ownWindow.to], ends: [ownWindow.from] } : { starts: [ownWindow.from], ends: [ownWindow.to] }
          : readings(doc, claim.kind);
        reading = prepare(starts, ends, entryLines);
        if (!ownWindow) byKind.set(claim.kind, reading);
      }
      if (!reading.startTimes.length || !reading.endTimes.length) continue;
      // Minute stamps are each ±1 minute; the stated value is as precise as half its smallest unit.
      const slack = (match.tolerance + 1) * 60_000;
      const claimed = match.minutes * 60_000;
      const key = `${claim.kind}:${claimed}:${slack}`;
      let agrees = ownWindow ? undefined : answers.get(key);
      if (agrees === undefined) {
        agrees = anyGapWithin(reading.startTimes, reading.endTimes, claimed - slack, claimed + slack);
        if (!ownWindow) answers.set(key, agrees);
      }
      if (agrees) continue;
      const primary = reading.primary;
      if (!primary) continue;
      const minutes = Math.round((primary.to.epoch! - primary.from.epoch!) / 60_000);
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

interface Readings {
  /** Distinct instants of the usable starts and ends, ascending. */
  startTimes: number[];
  endTimes: number[];
  primary: { from: Stamp; to: Stamp } | undefined;
}

function prepare(starts: Stamp[], ends: Stamp[], entryLines: Set<number>): Readings {
  const usableStarts = starts.filter((stamp) => stamp.epoch !== undefined);
  const times = (stamps: Stamp[]) => [...new Set(stamps.filter((stamp) => stamp.epoch !== undefined).map((stamp) => stamp.epoch!))].sort((a, b) => a - b);
  return { startTimes: times(usableStarts), endTimes: times(ends), primary: primaryPair(usableStarts, ends, entryLines) };
}

/** Whether some end minus some start, not negative, lies in [lo, hi]: both lists ascending, one pass over each. */
function anyGapWithin(startTimes: number[], endTimes: number[], lo: number, hi: number): boolean {
  let j = 0;
  for (const start of startTimes) {
    const from = Math.max(start, start + lo);
    while (j < endTimes.length && endTimes[j] < from) j++;
    if (j === endTimes.length) return false;
    if (endTimes[j] <= start + hi) return true;
  }
  return false;
}

/** The interval the message names: strongest evidence first, preferring timeline entries, which a reader checks. */
function primaryPair(starts: Stamp[], ends: Stamp[], entryLines: Set<number>): { from: Stamp; to: Stamp } | undefined {
  const onTimeline = (stamp: Stamp) => entryLines.has(stamp.line);
  const orderedStarts = [...starts.filter(onTimeline), ...starts.filter((stamp) => !onTimeline(stamp))];
  const usableEnds = ends.filter((stamp) => stamp.epoch !== undefined);
  // For a start, the first end in the list at or after it, preferring one on the timeline. Only a later start can
  // need an end no earlier start accepted, so each start is answered by the latest end in each list: a start after
  // every end has none, and the first start with any answer is the one returned.
  const latestEnd = usableEnds.reduce((best, stamp) => Math.max(best, stamp.epoch!), -Infinity);
  const atLatest = new Set(usableEnds.filter((stamp) => stamp.epoch === latestEnd));
  for (const from of orderedStarts) {
    const start = from.epoch!;
    if (latestEnd < start || (latestEnd === start && atLatest.size === 1 && atLatest.has(from))) continue;
    const later = usableEnds.filter((to) => to !== from && to.epoch! >= start);
    const to = later.find(onTimeline) ?? later[0];
    if (to) return { from, to };
  }
  return undefined;
}
