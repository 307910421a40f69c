// The day parse gives a stamp that writes no date: the date of the stamp before it, or the next day when its time is
// a little earlier on the clock than that stamp's ("23:59", then "0:00"). Fixes that rewrite or move stamps check here
// that they keep those days.
import type { CalendarDate, Postmortem, Stamp } from '../model';
import { isRollover } from '../parse';

/** The stamp's time as minutes into its day on the clock it is written in; undefined for a date alone. */
export function clockMinutes(stamp: Stamp): number | undefined {
  return stamp.parts.time ? stamp.parts.time.hour * 60 + stamp.parts.time.minute : undefined;
}

/** Whether two dates are the same calendar day. */
export function sameDay(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Whether parse reads a time without a date after one at `previous` minutes as on the next day. */
export function wrapsPastMidnight(previous: number | undefined, minutes: number | undefined): boolean {
  return previous !== undefined && minutes !== undefined && isRollover(previous, minutes, false);
}

/** The index in `doc.stamps` (in text order) of the first stamp that starts after `stamp`. */
export function indexAfter(doc: Postmortem, stamp: Stamp): number {
  const stamps = doc.stamps;
  let lo = 0;
  let hi = stamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stamps[mid].span.start <= stamp.span.start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether `stamp` is an invalid stamp that writes a date ("20202-01-16", "0000-01-01 00:00"): parse carries the day
 * before it on past it, to the time-only stamps after it.
 */
export const leavesDay = (stamp: Stamp) => !!stamp.parts.date && !!stamp.invalid;

/** The stamp whose day parse carries on to `stamp`: the one before it, past front matter and invalid dated stamps. */
export function dayLender(doc: Postmortem, stamp: Stamp): Stamp | undefined {
  let previous = indexAfter(doc, stamp) - 2;
  while (previous >= 0 && (doc.stamps[previous].inFrontMatter || leavesDay(doc.stamps[previous]))) previous--;
  return doc.stamps[previous];
}
