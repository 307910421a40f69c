// The two ends of a written range as fixes rewrite them: swapped when inverted ("14:00 - 13:30", time-range-inverted's
// fix, and timestamp-not-utc's, which writes the swap in UTC so that one pass of fix-all does both), and dated.
import type { CalendarDate, Postmortem, Stamp } from '../model';
import { formatStampLike, scanTimestamps } from '../timestamps';
import { offsetAt, wallMillis } from '../zones';
import { clockMinutes, dayLender, indexAfter, sameDay, wrapsPastMidnight } from './days';
import { sameUtcDay, utcDate } from './describe';
import { MemoKey } from '../memo';
import { replacing, type FixDraft } from './rule';

/** The day parse gives a time without any date. */
const FLOATING_DAY: CalendarDate = { year: 2000, month: 1, day: 1 };

/** The range `stamp` is an end of, when that range ends before it starts. */
export function invertedRange(stamp: Stamp): { from: Stamp; to: Stamp } | undefined {
  if (!stamp.range) return undefined;
  const [from, to] = stamp.range.role === 'from' ? [stamp, stamp.range.partner] : [stamp.range.partner, stamp];
  return from.epoch !== undefined && to.epoch !== undefined && to.epoch < from.epoch ? { from, to } : undefined;
}

/**
 * Whether `end` reads its date from `other`, the other end of its range: copied from the start ("2024-05-12 22:00 -
 * 01:00"), or the date nearest to it being the other end's ("23:59 - 2024-05-12 09:00 EDT", with no date above).
 */
function takesDateFrom(end: Stamp, other: Stamp): boolean {
  return !!end.parts.date?.implied || (!end.parts.date && end.dateSource === 'context' && end.dateLine === other.line && !!other.parts.date);
}

/**
 * `text`, an end of a range written in UTC, with the UTC date of `epoch` in front when the end writes no date of its
 * own: for ends that fall on different days in UTC. Without it an end reads the other end's date, or its context's.
 */
export function withUtcDate(end: Stamp, text: string, epoch: number): string {
  const day = utcDate(epoch);
  return (!end.parts.date || end.parts.date.implied) && end.dateSource !== 'none' && !text.startsWith(day) ? `${day} ${text}` : text;
}

/** The instant `epoch` on the clock of `zone` (UTC without one). */
function valuesAt(epoch: number, zone: Stamp['zone']) {
  const local = new Date(epoch + (zone ? offsetAt(zone.zone, epoch) : 0) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds() };
}

/**
 * Whether `fromText` and `toText`, written in place of the ends of a range, read back with the start at `hour`: a
 * start written without a meridiem takes the end's ("9:00 to 11:30 PM" starts at 21:00), so a rewritten start can
 * read twelve hours off, and fix-all would then rewrite what was measured from it.
 */
export function startReadsAs(doc: Postmortem, from: Stamp, to: Stamp, fromText: string, toText: string, hour: number): boolean {
  const { stamps, ranges } = scanTimestamps(fromText + doc.text.slice(from.span.end, to.span.start) + toText);
  const range = ranges.find((candidate) => stamps[candidate.from].start === 0);
  return !range || stamps[range.from].time?.hour === hour;
}

/**
 * The stamps after `end` that write no date and read the date of `end`'s line ("… to Jul 1 2023 11:26, 1:40"), or
 * stand on that line: they would read a date written in front of `end` ("2:33 IST 8AM" as "2020-06-03 21:03 UTC 8AM").
 */
export function* readersOfDate(doc: Postmortem, end: Stamp): Generator<Stamp> {
  const stamps = doc.stamps;
  // The first stamp after `end`, then on while they are on its line or read their date from it, up to one that writes
  // its date: the stamps after that one read its date.
  for (let i = indexAfter(doc, end); i < stamps.length && (stamps[i].line === end.line || stamps[i].dateLine === end.line); i++) {
    if (stamps[i].dateSource === 'written') return;
    if (stamps[i].dateSource === 'context' && (stamps[i].dateLine === end.line || stamps[i].line === end.line)) yield stamps[i];
  }
}

/**
 * How many stamps after a stamp on its own line the fixes follow as its readers. Each conversion converts them along
 * and checks each (a line costs about the cube of this): at 32, 400 lines of 31 stamps in PST took 3 s; at 8, 0.2 s.
 */
const LINE_READERS = 8;

/**
 * Whether `end`'s line holds more than LINE_READERS stamps after it. A fix then neither rewrites its readers with it
 * nor counts on them keeping their day, and is not preferred: on a pasted line of thousands of stamps, every fix read
 * every stamp after its own, and converted them too (cubic time).
 */
export function crowded(doc: Postmortem, end: Stamp): boolean {
  const beyond = indexAfter(doc, end) + LINE_READERS;
  return beyond < doc.stamps.length && doc.stamps[beyond].line === end.line;
}

/** Whether a stamp after `end` reads its date from it (`readersOfDate`). */
export function lendsDateOnward(doc: Postmortem, end: Stamp): boolean {
  return !readersOfDate(doc, end).next().done;
}

/**
 * Without a date in front matter, the stamps before the first valid written date (front matter's "start: 0:00" too,
 * as parse reads them) read that date, and would read a date a fix writes in front of a stamp above it, or in its
 * place, instead. Where that first written date is (its offset), and the first stamp above it that reads it and is not
 * `datedByFix` (none when there is none), among `readers` when given (those readers, less some a caller rules out).
 */
export function readersFromBelow(doc: Postmortem, datedByFix: (stamp: Stamp) => boolean = () => false, readers: readonly Stamp[] = firstWrittenDate(doc).readers): { firstWritten: number; firstReader?: Stamp } {
  return { firstWritten: firstWrittenDate(doc).firstWritten, firstReader: readers.find((stamp) => !datedByFix(stamp)) };
}

/** The stamps above the first valid written date that read it (`readersFromBelow`), in text order. */
export function readersOfFirstWrittenDate(doc: Postmortem): readonly Stamp[] {
  return firstWrittenDate(doc).readers;
}

/** The date of the first valid written date (undefined for none): what the stamps before it read. */
export function firstWrittenDay(doc: Postmortem): CalendarDate | undefined {
  return firstWrittenDate(doc).date;
}

interface FirstWrittenDate {
  firstWritten: number;
  date?: CalendarDate;
  readers: Stamp[];
}

const FIRST_WRITTEN_DATE = new MemoKey<FirstWrittenDate>();

/** The offset and date of the first valid written date, and the stamps before it that read it: found once per document. */
function firstWrittenDate(doc: Postmortem): FirstWrittenDate {
  return doc.memo.get(FIRST_WRITTEN_DATE, () => {
    const found: FirstWrittenDate = { firstWritten: Infinity, readers: [] };
    for (const stamp of doc.stamps) {
      if (!stamp.date || stamp.invalid) continue;
      if (stamp.dateSource === 'written') {
        found.firstWritten = stamp.span.start;
        found.date = stamp.date;
        break;
      }
      found.readers.push(stamp);
    }
    return found;
  });
}

export interface RangeSwap {
  edits: FixDraft['edits'];
  /**
   * Whether the swapped range reads back as written. An end that does not write its date must get a value on the
   * day it will be read on: otherwise ("14:38Z to 02:33 IST", the end taking its date from the start) the range
   * moves by a day on every fix-all pass. And an end that writes an abbreviation (PDT) must still be in that half
   * of the year with its new value; a start without a meridiem must not take the end's; and no stamp after the range
   * may read its date from the end. A swap that does not round-trip is offered, not applied by fix-all.
   */
  roundTrips: boolean;
}

/**
 * The edits writing each end of an inverted range with the other end's instant. Each end is written on the clock of
 * the zone it is read in at its place, or in UTC where `writesUtc(end)` (an end that writes no zone must then take
 * UTC from the other end, or from a declaration the same fix rewrites). `readersDated(end)`: whether the stamps
 * that read their date from `end` get dates of their own from other fixes in the same pass.
 */
/**
 * Whether `start`, a time written without a date, rolls over past midnight from the stamp parse reads its day from
 * (the one before it, past invalid dated ones) at `minutes` as it does now: "23:59:59" then "14:38 UTC - 10:00 JST"
 * swapped in UTC as "01:00 UTC - 14:38 UTC" would move the range to the next day.
 */
function rollsAsNow(doc: Postmortem, start: Stamp, minutes: number): boolean {
  const lender = dayLender(doc, start);
  const before = lender && clockMinutes(lender);
  return wrapsPastMidnight(before, minutes) === wrapsPastMidnight(before, clockMinutes(start));
}

export function swapRange(doc: Postmortem, from: Stamp, to: Stamp, writesUtc: (end: Stamp) => boolean = () => false, readersDated: (end: Stamp) => boolean = () => false): RangeSwap {
  const zoneText = (stamp: Stamp) => (!stamp.zoneSpan ? '' : writesUtc(stamp) ? 'UTC' : doc.text.slice(stamp.zoneSpan.start, stamp.zoneSpan.end));
  const newFrom = valuesAt(to.epoch!, writesUtc(from) ? null : from.zone);
  const newTo = valuesAt(from.epoch!, writesUtc(to) ? null : to.zone);
  const written = (stamp: Stamp) => !!stamp.parts.date && !stamp.parts.date.implied && stamp.parts.date.year !== undefined;
  // An end written in UTC gets its date, as a conversion to UTC writes it (`inUtc`), where its new value falls on
  // another day than it is read on, or than the other end.
  const crossDay = !sameUtcDay(from.epoch!, to.epoch!);
  const fromDayAfter = takesDateFrom(from, to) && written(to) ? newTo : from.date ?? FLOATING_DAY;
  const fromText = formatStampLike(from.parts, newFrom, zoneText(from));
  const fromEdit = writesUtc(from) && (crossDay || !sameDay(newFrom, fromDayAfter)) ? withUtcDate(from, fromText, to.epoch!) : fromText;
  const fromDated = written(from) || fromEdit !== fromText;
  const toDayAfter = to.parts.date?.implied ? (fromDated ? newFrom : from.date ?? FLOATING_DAY) : to.date ?? FLOATING_DAY;
  const toText = formatStampLike(to.parts, newTo, zoneText(to));
  const toEdit = writesUtc(to) && (crossDay || !sameDay(newTo, toDayAfter)) ? withUtcDate(to, toText, from.epoch!) : toText;
  const toDated = written(to) || toEdit !== toText;
  const season = (stamp: Stamp, epoch: number) => {
    const zone = stamp.zone;
    if (!stamp.zoneSpan || writesUtc(stamp) || !zone || zone.daylight === undefined) return true;
    const year = new Date(epoch).getUTCFullYear();
    const standard = Math.min(offsetAt(zone.zone, wallMillis(year, 1, 1)), offsetAt(zone.zone, wallMillis(year, 7, 1)));
    return (offsetAt(zone.zone, epoch) > standard) === zone.daylight;
  };
  // An end written as a date alone keeps only the day of the other end's instant ("2024-7-1 until 2024-2-2 9:00"), and
  // one written without seconds only its minute ("23:59:59 to 02:30 PST").
  const holds = (stamp: Stamp, value: ReturnType<typeof valuesAt>) => (stamp.parts.time
    ? stamp.parts.time.second !== undefined || value.second === 0
    : value.hour + value.minute + value.second === 0);
  // An end that writes the first date keeps the day of the stamps above it that read it ("0:10 … 2024-7-1 2:00 until
  // 2024-2-2 9:00").
  let below: ReturnType<typeof readersFromBelow> | undefined;
  const keepsReadersAbove = (stamp: Stamp, value: CalendarDate) => stamp.dateSource !== 'written' || sameDay(value, stamp.date!)
    || (below ??= readersFromBelow(doc, (end) => (end === from && fromDated) || (end === to && toDated))).firstWritten !== stamp.span.start
    || !below.firstReader;
  return {
    edits: [replacing(from.span, fromEdit), replacing(to.span, toEdit)],
    roundTrips: (fromDated || sameDay(newFrom, fromDayAfter)) && (toDated || sameDay(newTo, toDayAfter)) && season(from, to.epoch!) && season(to, from.epoch!)
      && holds(from, newFrom) && holds(to, newTo) && keepsReadersAbove(from, newFrom) && keepsReadersAbove(to, newTo)
      && (fromDated || !from.parts.time || rollsAsNow(doc, from, newFrom.hour * 60 + newFrom.minute))
      && (!from.parts.time || startReadsAs(doc, from, to, fromEdit, toEdit, newFrom.hour))
      // The stamps after the range that take its end's date would take the other day.
      && (sameDay(from.date ?? FLOATING_DAY, to.date ?? FLOATING_DAY) || !lendsDateOnward(doc, to) || readersDated(to)),
  };
}
