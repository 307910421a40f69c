// Words for messages: stamps and intervals the way a person reads them.
import type { DateTime } from 'luxon';
import { formatDurationShort } from '../durations';
import type { Stamp } from '../model';
import { formatStampLike } from '../timestamps';

/** "19:19 UTC", or "2021-09-05 12:16" when the zone is unknown; the date is shown when `withDate`. */
export function describeInstant(stamp: Stamp, withDate: boolean): string {
  const instant = stamp.instant!;
  const zoned = stamp.zone !== null;
  const time = instant.toFormat('HH:mm') + (zoned ? ' UTC' : '');
  return withDate && stamp.dateSource !== 'none' ? `${instant.toFormat('yyyy-MM-dd')} ${time}` : time;
}

/** "19:19 UTC (line 23) → 23:44 UTC (line 33) is 4h25m" */
export function describeInterval(from: Stamp, to: Stamp): string {
  const withDate = !from.instant!.hasSame(to.instant!, 'day');
  return `${describeInstant(from, withDate)} (line ${from.line + 1}) → ${describeInstant(to, withDate)} (line ${to.line + 1}) is ${formatDurationShort(minutesBetween(from.instant!, to.instant!))}`;
}

export function minutesBetween(from: DateTime, to: DateTime): number {
  return Math.round((to.toMillis() - from.toMillis()) / 60_000);
}

/**
 * The stamp rewritten in UTC in its author's format. A time written without a date that lands on another
 * day in UTC gets the date, or it would be read back on its local day: 08:40 JST under "### 2024-05-21"
 * becomes "2024-05-20 23:40".
 */
export function inUtc(stamp: Stamp, zoneText = 'UTC'): string {
  const utc = stamp.instant!.toUTC();
  const text = formatStampLike(stamp.parts, { year: utc.year, month: utc.month, day: utc.day, hour: utc.hour, minute: utc.minute, second: utc.second }, zoneText);
  const { date } = stamp;
  const writtenDate = stamp.parts.date && !stamp.parts.date.implied;
  const sameDay = !date || (date.year === utc.year && date.month === utc.month && date.day === utc.day);
  return writtenDate || sameDay || stamp.dateSource === 'none' ? text : `${utc.toISODate()} ${text}`;
}
