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
