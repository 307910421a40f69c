// Words for messages: stamps and intervals the way a person reads them. Instants are UTC milliseconds
// (`Stamp.epoch`), formatted with Date's UTC fields: no luxon DateTime per message.
import type { DateTime } from 'luxon';
import { formatDurationShort } from '../durations';
import type { Stamp } from '../model';
import { formatStampLike } from '../timestamps';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `yyyy-MM-dd` of an instant in UTC. */
export function utcDate(epoch: number): string {
  const date = new Date(epoch);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Whether `text` starts with `utcDate(epoch)`: no date is formatted for a shorter text, such as a time alone. */
export function startsWithUtcDate(text: string, epoch: number): boolean {
  // A year of four digits or more, a month and a day: ten characters at least.
  return text.length >= 10 && text.startsWith(utcDate(epoch));
}

/** `HH:mm` of an instant in UTC. */
export function utcTime(epoch: number): string {
  const date = new Date(epoch);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** Whether two instants fall on the same UTC day. */
export function sameUtcDay(a: number, b: number): boolean {
  return Math.floor(a / 86_400_000) === Math.floor(b / 86_400_000);
}

/** "19:19 UTC", or "2021-09-05 12:16" when the zone is unknown; the date is shown when `withDate`. */
export function describeInstant(stamp: Stamp, withDate: boolean): string {
  const epoch = stamp.epoch!;
  const time = utcTime(epoch) + (stamp.zone !== null ? ' UTC' : '');
  return withDate && stamp.dateSource !== 'none' ? `${utcDate(epoch)} ${time}` : time;
}

/** "19:19 UTC (line 23) → 23:44 UTC (line 33) is 4h25m" */
export function describeInterval(from: Stamp, to: Stamp): string {
  const withDate = !sameUtcDay(from.epoch!, to.epoch!);
  return `${describeInstant(from, withDate)} (line ${from.line + 1}) → ${describeInstant(to, withDate)} (line ${to.line + 1}) is ${formatDurationShort(Math.round((to.epoch! - from.epoch!) / 60_000))}`;
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
  const utc = new Date(stamp.epoch!);
  const value = { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate(), hour: utc.getUTCHours(), minute: utc.getUTCMinutes(), second: utc.getUTCSeconds() };
  const text = formatStampLike(stamp.parts, value, zoneText);
  const { date } = stamp;
  const writtenDate = stamp.parts.date && !stamp.parts.date.implied;
  const sameDay = !date || (date.year === value.year && date.month === value.month && date.day === value.day);
  return writtenDate || sameDay || stamp.dateSource === 'none' ? text : `${utcDate(stamp.epoch!)} ${text}`;
}
