import { formatDurationLike, formatDurationShort } from '../durations';
import { candidates, chooseMilestones, CLAIM_ENDS, evidenceFor, STRENGTH, type EvidenceKind } from '../milestones';
import type { ClaimKind, MilestoneEvidence, Postmortem, Stamp, Window } from '../model';
import { describeInterval } from './describe';
import { MemoKey } from '../memo';
import { replacing, type Rule } from './rule';

const WHAT: Record<ClaimKind, string> = {
  impact: 'the impact', detect: 'detection', mitigate: 'mitigation', resolve: 'resolution',
};

/** The evidence for a milestone: `evidenceFor` (unsorted) where only the instants count, `candidates` where the order does. */
type EvidenceList = (doc: Postmortem, kind: EvidenceKind) => readonly MilestoneEvidence[];

/** Whether any of the evidence is a marker (`<START OF OUTAGE>`, `[resolved]`): where there is one, markers alone are read. */
function hasMarker(items: readonly MilestoneEvidence[]): boolean {
  return items.some((item) => item.strength === STRENGTH.marker);
}

/**
 * Where the stamps an interval may start or end at go: into a list of stamps where a message needs them, or straight
 * into a reading's instants, without a list of thousands of stamps per reading.
 */
type StampSink = (stamp: Stamp) => void;

/** Whether `item` counts when only markers do, if `markersOnly`. */
function counts(item: MilestoneEvidence, markersOnly: boolean): boolean {
  return !markersOnly || item.strength === STRENGTH.marker;
}

/** The stamps of `items` (of its markers only, if `markersOnly`) into `take`. */
function takeStamps(items: readonly MilestoneEvidence[], markersOnly: boolean, take: StampSink): void {
  // Indexed loops over the evidence and the timeline (thousands of items): this runs a few times per lint, too few for
  // V8 to optimise away the result object for-of allocates per element.
  for (let i = 0; i < items.length; i++) if (counts(items[i], markersOnly)) take(items[i].stamp);
}

/** Every stamp the impact may have started at: all evidence for the start unless markers fix it, and the chosen start. */
function startStamps(doc: Postmortem, list: EvidenceList, take: StampSink): void {
  const starts = list(doc, 'start');
  const markersOnly = hasMarker(starts);
  takeStamps(starts, markersOnly, take);
  const chosen = chooseMilestones(doc).start?.stamp;
  if (chosen && !starts.some((item) => item.stamp === chosen && counts(item, markersOnly))) take(chosen);
}

/** Every stamp a claim of `kind` may end at: all evidence for its ends, unless markers fix the impact window. */
function endStamps(doc: Postmortem, kind: ClaimKind, list: EvidenceList, take: StampSink): void {
  const ends = CLAIM_ENDS[kind];
  const marked = kind === 'impact' && ends.some((end) => hasMarker(list(doc, end)));
  for (const end of ends) takeStamps(list(doc, end), marked, take);
  if (kind !== 'detect' && !marked) {
    const last = latestEntryStamp(doc);
    if (last) take(last);
  }
}

const LATEST_ENTRY_STAMP = new MemoKey<Stamp | undefined>();

/**
 * The stamp of the timeline's latest entry in time, not in the text: moving an entry (timeline-order's fix) must not
 * change what a stated duration is checked against, or fix-all needs another pass. Found once per document, not
 * once per kind of claim and list.
 */
function latestEntryStamp(doc: Postmortem): Stamp | undefined {
  return doc.memo.get(LATEST_ENTRY_STAMP, () => {
    let last: Stamp | undefined;
    for (let i = 0; i < doc.timeline.length; i++) {
      const stamp = doc.timeline[i].stamp;
      if (stamp.epoch !== undefined && (!last || stamp.epoch >= last.epoch!)) last = stamp;
    }
    return last;
  });
}

/**
 * The stamps `collect` gives, in its order. Stamp lists are only pushed to: arrays from map, filter or `[]` differ in
 * elements kind, and code optimised for one is dropped when another comes.
 */
function stampList(collect: (take: StampSink) => void): Stamp[] {
  const stamps: Stamp[] = [];
  collect((stamp) => {
    stamps.push(stamp);
  });
  return stamps;
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
    // The first window on each claim's line. A window with a date-only end gives no interval to measure: the claim is
    // then read like any other. Only the claims' lines are kept: a document can state thousands of windows.
    const windowOnLine = new Map<number, Window | undefined>();
    for (const claim of doc.claims) windowOnLine.set(claim.duration.line, undefined);
    for (const window of doc.windows) {
      if (windowOnLine.has(window.line) && !windowOnLine.get(window.line) && window.from.parts.time && window.to.parts.time) windowOnLine.set(window.line, window);
    }
    // The readings depend on the claim's kind only (or on its own window): computed once each, and so is the
    // answer for the same stated value, so a document of thousands of claims stays linear. The starts are the same
    // for every kind.
    let startTimes: number[] | undefined;
    const byKind = new Map<ClaimKind, Readings>();
    const answers = new Map<string, boolean>();
    let entryLines: Set<number> | undefined;
    for (const claim of doc.claims) {
      const { match } = claim.duration;
      // A stated window on the claim's own line is the strongest evidence of what the author meant.
      const ownWindow = windowOnLine.get(claim.duration.line);
      let reading = ownWindow ? undefined : byKind.get(claim.kind);
      if (!reading) {
        if (ownWindow) {
          // A window that ends before it starts is read the way time-range-inverted's fix will write it, swapped:
          // otherwise fix-all would swap it in one pass and only then find the claim wrong, in a third.
          const inverted = ownWindow.from.epoch !== undefined && ownWindow.to.epoch !== undefined && ownWindow.to.epoch < ownWindow.from.epoch;
          const [from, to] = inverted ? [ownWindow.to, ownWindow.from] : [ownWindow.from, ownWindow.to];
          reading = { starts: instants((take) => take(from)), ends: instants((take) => take(to)), stamps: () => ({ starts: [from], ends: [to] }) };
        } else {
          const kind = claim.kind;
          reading = {
            starts: (startTimes ??= instants((take) => startStamps(doc, evidenceFor, take))),
            ends: instants((take) => endStamps(doc, kind, evidenceFor, take)),
            stamps: () => ({
              starts: stampList((take) => startStamps(doc, candidates, take)),
              ends: stampList((take) => endStamps(doc, kind, candidates, take)),
            }),
          };
          byKind.set(kind, reading);
        }
      }
      if (!reading.starts.length || !reading.ends.length) continue;
      // Minute stamps are each ±1 minute; the stated value is as precise as half its smallest unit.
      const slack = (match.tolerance + 1) * 60_000;
      const claimed = match.minutes * 60_000;
      const key = `${claim.kind}:${claimed}:${slack}`;
      let agrees = ownWindow ? undefined : answers.get(key);
      if (agrees === undefined) {
        agrees = anyGapWithin(reading.starts, reading.ends, claimed - slack, claimed + slack);
        if (!ownWindow) answers.set(key, agrees);
      }
      if (agrees) continue;
      // Only a claim that disagrees needs the interval its message names.
      if (reading.primary === undefined) {
        entryLines ??= new Set(doc.timeline.map((entry) => entry.line));
        const { starts, ends } = reading.stamps();
        reading.primary = primaryPair(starts, ends, entryLines) ?? null;
      }
      const primary = reading.primary;
      if (!primary) continue;
      const minutes = Math.round((primary.to.epoch! - primary.from.epoch!) / 60_000);
      const value = formatDurationLike(minutes, match);
      report({
        span: claim.duration.span,
        message: `Stated duration ${match.text} (${claim.label}) disagrees with the timeline: ${describeInterval(primary.from, primary.to)}`
          + ` (${WHAT[claim.kind]} ${minutes > match.minutes ? 'took longer' : 'was shorter'} by ${formatDurationShort(Math.abs(minutes - match.minutes))}).`,
        fixes: [{ title: `Change to ${value}`, edits: [replacing(claim.duration.span, value)] }],
      });
    }
  },
};

interface Readings {
  /** The distinct instants the interval may start and end at, ascending. */
  starts: number[];
  ends: number[];
  /** The stamps behind them, strongest evidence first: only a claim that disagrees needs them sorted. */
  stamps: () => { starts: Stamp[]; ends: Stamp[] };
  /** The interval a message names, once a claim needs it (null: there is none). */
  primary?: { from: Stamp; to: Stamp } | null;
}

/** The distinct instants of the stamps `collect` gives that have one, ascending. */
function instants(collect: (take: StampSink) => void): number[] {
  const times: number[] = [];
  collect((stamp) => {
    if (stamp.epoch !== undefined) times.push(stamp.epoch);
  });
  const sorted = mergedRuns(times);
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (distinct === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i];
  sorted.length = distinct;
  return sorted;
}

/**
 * `times` ascending: evidence comes in a few runs sorted by time, merged here pair by pair, one pass over the list per
 * halving of their number. The array sort merged them too, but called its comparator on, and boxed, every instant;
 * a Float64Array's sort, which boxes nothing, does not merge runs, and took longer. Returns `times` or its copy.
 */
function mergedRuns(times: number[]): number[] {
  const runs: number[] = [0];
  for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) runs.push(i);
  let from = times;
  let into = runs.length > 1 ? times.slice() : times;
  while (runs.length > 1) {
    let merged = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const mid = r + 1 < runs.length ? runs[r + 1] : from.length;
      merge(from, runs[r], mid, r + 2 < runs.length ? runs[r + 2] : from.length, into);
      runs[merged++] = runs[r];
    }
    runs.length = merged;
    const done = into;
    into = from;
    from = done;
  }
  return from;
}

/** Merges the ascending runs [lo, mid) and [mid, hi) of `from` into the same places of `into`. */
function merge(from: number[], lo: number, mid: number, hi: number, into: number[]): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) into[k++] = from[j] < from[i] ? from[j++] : from[i++];
  while (i < mid) into[k++] = from[i++];
  while (j < hi) into[k++] = from[j++];
}

/** Whether some end minus some start, not negative, lies in [lo, hi]: both lists ascending, one pass over each. */
function anyGapWithin(startTimes: number[], endTimes: number[], lo: number, hi: number): boolean {
  let j = 0;
  for (let i = 0; i < startTimes.length; i++) {
    const start = startTimes[i];
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
  const usableStarts = starts.filter((stamp) => stamp.epoch !== undefined);
  const orderedStarts = [...usableStarts.filter(onTimeline), ...usableStarts.filter((stamp) => !onTimeline(stamp))];
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
