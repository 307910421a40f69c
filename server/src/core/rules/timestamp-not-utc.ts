import type { Postmortem, Stamp } from '../model';
import { MemoKey } from '../memo';
import type { Span } from '../types';
import { remembered, replacing, type FixDraft, type Rule, type RuleContext } from './rule';
import { clockMinutes, dayLender, indexAfter, leavesDay } from './days';
import { inUtc, sameUtcDay, startsWithUtcDate, utcDate } from './describe';
import { crowded, firstWrittenDay, invertedRange, readersFromBelow, readersOfDate, readersOfFirstWrittenDate, startReadsAs, swapRange, withUtcDate } from './ranges';
import { stampGroups } from './stamp-groups';
import { timelineRewrites } from './timeline-order';
import { isRollover } from '../parse';
import { scanTimestamps } from '../timestamps';
import { findZoneDeclaration, wallMillis, type ZoneDeclaration } from '../zones';

const NAME = 'timestamp-not-utc';

function target(doc: { template: { timezone: string } }): string {
  return doc.template.timezone.toUpperCase();
}

const convertible = (stamp: Stamp) => stamp.epoch !== undefined && !!stamp.parts.time && !stamp.invalid;

/** Midnight UTC of the day `stamp` is read on, as parse counts it (wallMillis: years 0–99 are years). */
const readDayMillis = (date: NonNullable<Stamp['date']>) => wallMillis(date.year, date.month, date.day);

/** Whether `stamp` falls on another day in UTC than the one it is read on. */
const movesDay = (stamp: Stamp) => !!stamp.date && !sameUtcDay(stamp.epoch!, readDayMillis(stamp.date));

/** A stamp reported on its own, converted by its own fix. Its zone is read before zoneSource, a getter: most are UTC. */
const writtenInOtherZone = (stamp: Stamp) => !!stamp.zone && !stamp.zone.isUtc && stamp.zoneSource === 'written' && convertible(stamp);

/**
 * The conversion of an end of an inverted range, swapped: converting and swapping (time-range-inverted's fix) edit
 * the same text, so fix-all would do one per pass, and a duration checked against the range in between would need
 * a third. Undefined when that swap would not read back as written, or time-range-inverted does not report the range.
 */
function swappedInUtc(doc: Postmortem, context: RuleContext, stamp: Stamp, writesUtc: (end: Stamp) => boolean, kept: (reader: Stamp) => boolean = () => false): FixDraft['edits'] | undefined {
  const inverted = invertedRange(stamp);
  if (!inverted || !context.reports('time-range-inverted', inverted.from.line)) return undefined;
  const swap = swapRange(doc, inverted.from, inverted.to, writesUtc, (end) => readersKeepDay(doc, end, kept, context));
  return swap.roundTrips ? swap.edits : undefined;
}

/**
 * Whether each stamp that reads its date from `end` (`readersOfDate`) keeps its day when `end` is rewritten on
 * another: it is `kept`, up to one that gets a date of its own in the same fix-all pass, written by its own preferred
 * conversion ("… to 3 Jul 2012,2:33IST 1PM PT until 23:55": 1PM PT's writes both dates). The stamps after that one
 * read its date, and its conversion checks that they keep their day. A fix rewriting `end` then need not wait a pass
 * for them. Without `context`, or for those conversions themselves, only `kept` readers count: a reader's readers are
 * not followed further.
 */
function readersKeepDay(doc: Postmortem, end: Stamp, kept: (reader: Stamp) => boolean, context?: RuleContext): boolean {
  if (crowded(doc, end)) return false;
  for (const reader of readersOfDate(doc, end)) {
    if (context && datesItself(doc, context, end, reader)) return true;
    if (!kept(reader)) return false;
  }
  return true;
}

/** `datesItself` once per stamp: the fix it asks about is the same whatever `end` is. */
const datingItself = new WeakMap<Stamp, boolean>();

/**
 * Whether a preferred fix of this rule writes the date of `reader`: the conversion of a stamp written in another zone
 * (`reader`, or the end of its range it takes its zone from), or in an inverted range the swap converting both ends
 * ("10:00 JST to 02:33 IST" as "2012-07-29 21:03 UTC to 2012-07-30 01:00 UTC"). That fix checks the stamps after
 * `reader` itself. A reader in a range with `end` is rewritten by the fix rewriting `end`, and its own finding's
 * edits would clash with that one's.
 */
function datesItself(doc: Postmortem, context: RuleContext, end: Stamp, reader: Stamp): boolean {
  if (reader.range?.partner === end) return false;
  const inverted = invertedRange(reader);
  const reported = (stamp: Stamp) => writtenInOtherZone(stamp) && context.reports(NAME, stamp.line);
  const converting = inverted ? [inverted.from, inverted.to].find(reported) : reader.zoneSource === 'range' ? reader.range?.partner : reader;
  if (!converting || !reported(converting)) return false;
  return remembered(datingItself, reader, () => {
    // An inverted range that cannot be swapped is converted as it stands, as any other.
    const swap = inverted && swappedWithWrittenZone(doc, context, converting);
    if (swap) {
      const swapped = swap.find((edit) => edit.start === reader.span.start);
      return !!swapped && addsDate(reader, swapped.newText, reader.range!.partner.epoch!);
    }
    const conversion = ownConversion(doc, converting);
    const text = conversion.converted.get(reader);
    return conversion.isPreferred && text !== undefined && addsDate(reader, text);
  });
}

const ownConversions = new WeakMap<Stamp, Conversion>();

/** The conversion of `stamp`, counting on no other finding (`conversionOf` without context): found once per stamp. */
function ownConversion(doc: Postmortem, stamp: Stamp): Conversion {
  return remembered(ownConversions, stamp, () => conversionOf(doc, stamp));
}

/** Whether the finding of `stamp`, written in another zone, rewrites it in UTC by its preferred conversion. */
function convertsItself(doc: Postmortem, context: RuleContext, stamp: Stamp): boolean {
  return writtenInOtherZone(stamp) && !invertedRange(stamp) && context.reports(NAME, stamp.line) && ownConversion(doc, stamp).isPreferred;
}

/** The swap converting `stamp`, written in another zone, and the other end of its range. */
function swappedWithWrittenZone(doc: Postmortem, context: RuleContext, stamp: Stamp): FixDraft['edits'] | undefined {
  // An end that takes its zone from this one is read in UTC after the fix; one with its own zone is converted by
  // its own finding, with the same edits.
  return swappedInUtc(doc, context, stamp, (end) => end === stamp || end.zoneSource === 'range' || writtenInOtherZone(end));
}

/**
 * The swap converting both ends of `stamp`'s range, which inherit `declaration`. The stamps after the range that read
 * the date of its end and inherit the declaration too keep their day when the same fix writes their date.
 */
function swappedWithDeclaration(doc: Postmortem, context: RuleContext, stamp: Stamp, declaration: ZoneDeclaration): FixDraft['edits'] | undefined {
  if (stamp.range?.partner.declaration !== declaration) return undefined;
  const datedWith = (reader: Stamp) => reader.declaration === declaration && convertible(reader) && !invertedRange(reader) && addsDate(reader, inUtc(reader, ''));
  return swappedInUtc(doc, context, stamp, (end) => end.declaration === declaration, datedWith);
}

/** How far before a stamp a range it could end starts: a date and a join ("between November 2 2023 and "). */
const RANGE_REACH = 64;

/** The lower-case words a stamp or a range join can hold ("at 10:00", "3 of May", "9 am", "to", "until"). */
const STAMP_WORDS = new Set(['am', 'pm', 'at', 'of', 'to', 'until', 'till', 'through', 'and']);

/** What can join the ends of a range inside a stamp's own text: a dash, or a word ("to", "and"). */
const MAY_JOIN = /[-\u2013\u2014a-z]/;

/**
 * Whether a lower-case word that no stamp or range join holds ("alert"), and no digit or capital after it, stands
 * between `reach` and `stamp`: no stamp read before that word reaches past it, and no stamp starts after it.
 */
function setApart(doc: Postmortem, stamp: Stamp, reach: number): boolean {
  const text = doc.text;
  let wordEnd = -1;
  for (let i = stamp.span.start - 1; i >= reach; i--) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      if (wordEnd < 0) wordEnd = i + 1;
      continue;
    }
    // A digit or capital may start a stamp, or begin the word as its month name or ordinal ("Nov", "2nd").
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) return false;
    if (wordEnd - i > 2 && !STAMP_WORDS.has(text.slice(i + 1, wordEnd))) return true;
    wordEnd = -1;
  }
  return false;
}

/**
 * Whether a stamp of no range, written as `text`, still joins no other: the date a conversion writes in front of it
 * can make it the end of a range from a date before it ("between November 2 2023 and 2023-11-01 21:03 UTC"). Only
 * the text just before the stamp is scanned, the same way for both: a line can hold thousands of stamps. Neither is
 * scanned when the stamp is `setApart` from that text and neither can hold a range itself ("… alert at 12:05 PST").
 */
function staysAlone(doc: Postmortem, stamp: Stamp, text: string): boolean {
  const reach = Math.max(doc.index.lineStarts[stamp.line], stamp.span.start - RANGE_REACH);
  const original = doc.text.slice(stamp.span.start, stamp.span.end);
  if (!MAY_JOIN.test(text) && !MAY_JOIN.test(original) && setApart(doc, stamp, reach)) return true;
  const before = doc.text.slice(reach, stamp.span.start);
  return scanTimestamps(before + text).ranges.length === scanTimestamps(before + original).ranges.length;
}

/**
 * Whether no stamp or range join holds `c` (a bracket, a quote, `|`, `;` and the like), and the scanner looks no
 * further ahead than it: a stamp read before it ends before it, whatever follows.
 */
function endsReads(c: number): boolean {
  return c === 91 || c === 93 || c === 124 || c === 59 || c === 33 || c === 63 || c === 42 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96;
}

/**
 * Where the stamps read in `text`, followed by the rest of `stamp`'s line, end (-1 for none). The rest is read up to
 * the first character that `endsReads`: what follows it changes no stamp read from before it.
 */
function readEnd(doc: Postmortem, stamp: Stamp, text: string): number {
  const start = stamp.span.end;
  const reach = Math.min(doc.index.lineEnd(stamp.line), start + RANGE_REACH);
  let end = start;
  while (end < reach && !endsReads(doc.text.charCodeAt(end))) end++;
  // The character itself is kept: the scanner looks ahead at it from the stamps before it.
  if (end < reach) end++;
  let last = -1;
  for (const parts of scanTimestamps(text + doc.text.slice(start, end)).stamps) if (parts.start < text.length) last = parts.end;
  return last;
}

/**
 * Whether `text`, written in place of `stamp`, is read to its end and no further: a zone written in front of what
 * follows can take it in ("2:00PT-1" as "10:00UTC-1" reads the offset -1).
 */
function endsAsWritten(doc: Postmortem, stamp: Stamp, text: string): boolean {
  const original = doc.text.slice(stamp.span.start, stamp.span.end);
  return readEnd(doc, stamp, text) === text.length || readEnd(doc, stamp, original) !== original.length;
}

/**
 * Whether `text`, `stamp` rewritten in UTC at `epoch` (its own instant, or the other end's when swapped), writes a
 * date `stamp` did not ("2023-03-26 01:00 UTC" for "10:00 JST").
 */
function addsDate(stamp: Stamp, text: string, epoch = stamp.epoch!): boolean {
  return (!stamp.parts.date || !!stamp.parts.date.implied) && startsWithUtcDate(text, epoch);
}

/** Whether `stamp`, in UTC, is on the day of the document's first written date (true when there is none). */
function readsFirstWrittenDay(doc: Postmortem, stamp: Stamp): boolean {
  const day = firstWrittenDay(doc);
  return !day || utcDate(stamp.epoch!) === utcDate(readDayMillis(day));
}

/** The stamps a fix rewrites in UTC, each with its new text. */
type Rewritten = Pick<Map<Stamp, string>, 'has' | 'get'>;

/** The UTC day (days since 1970) of `stamp`'s date as read, or of its instant once it is rewritten in UTC. */
function dayAfter(stamp: Stamp, converted: Rewritten): number | undefined {
  if (converted.has(stamp)) return Math.floor(stamp.epoch! / 86_400_000);
  return stamp.date ? readDayMillis(stamp.date) / 86_400_000 : undefined;
}

/** The time of `stamp` as minutes into its day: on its clock, or in UTC once rewritten. */
function minutesAfter(stamp: Stamp, converted: Rewritten): number | undefined {
  return converted.has(stamp) ? Math.floor(stamp.epoch! / 60_000) % 1440 : clockMinutes(stamp);
}

/**
 * Whether `stamp`, rewritten without a date of its own or left as it is, reads its day (UTC once rewritten): the day
 * of the stamp parse carries it from (`dayLender`) as the `converted` stamps are rewritten, or the next when it is a
 * little earlier on the clock than that stamp ("10:00 JST" after "23:04", rewritten as "01:00", would read as the
 * next day).
 */
function keepsDay(doc: Postmortem, stamp: Stamp, converted: Rewritten): boolean {
  // An invalid time-only stamp has no instant, but parse carries the day it reads on to the stamps after it.
  if (stamp.parts.date || !stamp.date || (converted.has(stamp) && addsDate(stamp, converted.get(stamp)!))) return true;
  const before = dayLender(doc, stamp);
  const day = before && dayAfter(before, converted);
  if (!before || day === undefined) return true;
  const previousMinutes = minutesAfter(before, converted);
  const minutes = minutesAfter(stamp, converted);
  // The end of a range rolls over on a longer gap than a stamp alone, as parse reads it ("8:32 PM UTC - 07:47").
  const wraps = previousMinutes !== undefined && minutes !== undefined && isRollover(previousMinutes, minutes, stamp.range?.role === 'to');
  return day + (wraps ? 1 : 0) === dayAfter(stamp, converted);
}

/** The stamp that reads its day from `stamp`: the one after it, past invalid dated stamps. */
function dayBorrower(doc: Postmortem, stamp: Stamp): Stamp | undefined {
  let after = indexAfter(doc, stamp);
  while (after < doc.stamps.length && leavesDay(doc.stamps[after])) after++;
  return doc.stamps[after];
}

/**
 * Whether `stamp` has no instant (an invalid time such as "25:10") and no stamp with one reads the day it carries on:
 * the stamps after it have none either, up to the end or one that writes its date. Its day can then move.
 */
function carriesDayToNone(doc: Postmortem, stamp: Stamp): boolean {
  for (let next: Stamp | undefined = stamp; next; next = dayBorrower(doc, next)) {
    if (next !== stamp && next.parts.date) return true;
    if (next.epoch !== undefined) return false;
  }
  return true;
}

/**
 * `keepsDay`, with `neighbour` (the stamp `stamp` reads its day from, or `stamp` itself) both as it is, unless, with
 * `context`, its own preferred conversion rewrites it anyway (`convertsItself`), and, when written in another zone
 * and not among `converted`, as its own conversion rewrites it: fix-all may apply that in the same pass or not.
 * "2PM PT" then "10:00JST": each conversion alone keeps every day, both at once roll "01:00UTC" over to the next day;
 * each waits for the other, and a move of the entries is not held back by either. A neighbour that moves day checks
 * the stamps that read its date itself, counting on their own conversions.
 */
function keepsDayEitherWay(doc: Postmortem, stamp: Stamp, converted: Rewritten, neighbour: Stamp | undefined, context?: RuleContext): boolean {
  const mayConvert = !!neighbour && !converted.has(neighbour) && writtenInOtherZone(neighbour) && !movesDay(neighbour);
  if (!keepsDay(doc, stamp, converted) && !(mayConvert && !!context && convertsItself(doc, context, neighbour))) return false;
  if (!neighbour || !mayConvert) return true;
  // Its text is only read when it is `stamp` (whether it writes a date): formatted then, not for every lender.
  let text: string | undefined;
  return keepsDay(doc, stamp, { has: (other) => other === neighbour || converted.has(other), get: (other) => (other === neighbour ? (text ??= inUtc(neighbour)) : converted.get(other)) });
}

/**
 * Whether the `converted` stamps (each with its text in UTC) are read as before, and so are the stamps after them: alone,
 * or in ranges that start where they did. With `context`, the other findings of this rule are counted on
 * (`readersKeepDay`).
 */
function readsBack(doc: Postmortem, converted: Map<Stamp, string>, context?: RuleContext): boolean {
  let below: ReturnType<typeof readersFromBelow> | undefined;
  // Keys, not entries: an entry is an array allocated per stamp.
  for (const stamp of converted.keys()) {
    const text = converted.get(stamp)!;
    if (!endsAsWritten(doc, stamp, text) || !keepsDayEitherWay(doc, stamp, converted, dayLender(doc, stamp))) return false;
    // The stamp after it (past invalid dated ones) reads its day from it: when that one keeps its day too, so does
    // every stamp after it. With `context`, one its own preferred conversion rewrites need not keep it as it is; one
    // the declaration's preferred fix, or its range's own (`datesItself`), writes a date for keeps its day.
    const next = dayBorrower(doc, stamp);
    if (next && !next.inFrontMatter && !keepsDayEitherWay(doc, next, converted, next, context) && !carriesDayToNone(doc, next)
      && !(context && !converted.has(next) && (datedByDeclaration(doc, context, next) || datesItself(doc, context, stamp, next)))) return false;
    // The stamps above it that read the first written date would read its UTC day, when it writes that date and it is
    // another day (it moves day, or it read a day of its own: the start of a range reads its end's), unless the first
    // of them gets a date of its own from this fix, the declaration's preferred fix, or its own conversion: the stamps
    // after that one read its date. Its own conversion counts only for the last stamp above that date: the stamps between
    // another and the date would read its new date instead.
    const moves = movesDay(stamp);
    if ((moves && stamp.dateSource === 'written') || (addsDate(stamp, text) && (moves || !readsFirstWrittenDay(doc, stamp)))) {
      below ??= readersFromBelow(doc, (other) => converted.has(other) && addsDate(other, converted.get(other)!), context && readersNotDatedByDeclarations(doc, context));
      const reader = below.firstReader;
      const lastAbove = !next || next.span.start >= below.firstWritten;
      if (reader && reader.span.start < stamp.span.start && stamp.span.start <= below.firstWritten
        && !(context && lastAbove && datesItself(doc, context, stamp, reader))) return false;
    }
    if (moves) {
      // The stamps after it that read its date would take its UTC day, unless converted with it, writing their own, or
      // by their own finding (one that moves day, or, with `context`, one whose preferred conversion writes a date).
      const kept = (reader: Stamp) => (writtenInOtherZone(reader) && movesDay(reader)) || startsWithUtcDate(converted.get(reader) ?? '', reader.epoch!)
        || (!!context && !converted.has(reader) && datedByDeclaration(doc, context, reader));
      if (!readersKeepDay(doc, stamp, kept, context)) return false;
    }
    if (!stamp.range) {
      if (!staysAlone(doc, stamp, text)) return false;
      continue;
    }
    const [from, to] = stamp.range.role === 'from' ? [stamp, stamp.range.partner] : [stamp.range.partner, stamp];
    if (!from.parts.time) continue;
    const written = (end: Stamp) => converted.get(end) ?? doc.text.slice(end.span.start, end.span.end);
    const hour = converted.has(from) ? new Date(from.epoch!).getUTCHours() : from.parts.time.hour;
    if (!startReadsAs(doc, from, to, written(from), written(to), hour)) return false;
  }
  return true;
}

interface Conversion {
  /** The stamp in UTC. */
  utc: string;
  edits: FixDraft['edits'];
  /** The stamps the edits rewrite, each with its new text. */
  converted: Map<Stamp, string>;
  isPreferred: boolean;
}

/** The fix of a stamp written in another zone, rewriting it in UTC (swapping no range). */
function conversionOf(doc: Postmortem, stamp: Stamp, context?: RuleContext): Conversion {
  const utc = inUtc(stamp);
  const edits = [replacing(stamp.span, utc)];
  // "02:33 IST to 9:11 a.m.": the other end takes its zone from this one. Rewriting only this end would move the
  // other to UTC clock time; it is converted with it, and keeps taking the zone from this end. An other end with a
  // zone of its own is converted with it too: alone, a start could take the other end's meridiem ("2:00 PT to 1PM
  // PT"), and each end's fix would wait for the other's.
  const partner = stamp.range?.partner;
  let preferred = true;
  if (partner && (partner.zoneSource === 'range' || writtenInOtherZone(partner)) && convertible(partner)) {
    const partnerText = inUtc(partner, partner.zoneSource === 'range' ? '' : 'UTC');
    if (sameUtcDay(stamp.epoch!, partner.epoch!)) {
      edits.push(replacing(partner.span, partnerText));
    } else {
      edits[0].newText = withUtcDate(stamp, utc, stamp.epoch!);
      edits.push(replacing(partner.span, withUtcDate(partner, partnerText, partner.epoch!)));
    }
    // Without dates, a range that now crosses midnight in UTC would read backwards: the user decides.
    if ((stamp.dateSource === 'none' || partner.dateSource === 'none') && !sameUtcDay(stamp.epoch!, partner.epoch!)) preferred = false;
  } else if (partner?.zoneSource === 'range' && partner.epoch !== undefined && !partner.parts.time) {
    // "Between November 2 2023 and 2:33 IST": the day takes its zone from this end, and would begin at midnight UTC
    // instead, hours away, perhaps after the converted end: the user decides.
    preferred = false;
  } else if (partner?.zone?.isUtc && stamp.range!.role === 'from' && partner.parts.date?.implied && convertible(partner) && !sameUtcDay(stamp.epoch!, partner.epoch!)) {
    // "30 July, 02:33 IST to 14:38 UTC": the end reads the start's date, which the conversion moves to 29 July.
    edits.push(replacing(partner.span, withUtcDate(partner, doc.text.slice(partner.span.start, partner.span.end), partner.epoch!)));
  }
  const converted = new Map<Stamp, string>().set(stamp, edits[0].newText);
  if (edits.length > 1) converted.set(partner!, edits[1].newText);
  // "3 Jul 2012,2:33IST|0:00UTC+5": the stamps after it that read its date and convert writing a date of their own
  // are converted with it. Converted alone, this stamp would wait for their conversion, a pass later. With `context`,
  // from one whose own preferred conversion dates it on, that conversion rewrites them (`readersKeepDay`): converted
  // here too, a stamp after them that cannot be would hold this one back.
  if (movesDay(stamp) && !crowded(doc, stamp)) {
    for (const reader of readersOfDate(doc, stamp)) {
      if (converted.has(reader)) continue;
      if (reader.range || reader.parts.date || !writtenInOtherZone(reader) || !movesDay(reader) || (context && datesItself(doc, context, stamp, reader))) break;
      converted.set(reader, inUtc(reader));
      edits.push(replacing(reader.span, converted.get(reader)!));
    }
  }
  return { utc, edits, converted, isPreferred: preferred && readsBack(doc, converted, context) };
}

const INHERITORS = new MemoKey<Map<ZoneDeclaration, Stamp[]>>();

/** The convertible stamps that inherit each declaration, in text order: found once per document. */
function inheritors(doc: Postmortem): Map<ZoneDeclaration, Stamp[]> {
  return doc.memo.get(INHERITORS, () => {
    const inheriting = new Map<ZoneDeclaration, Stamp[]>();
    for (const stamp of doc.stamps) {
      if (!stamp.declaration || !convertible(stamp)) continue;
      const list = inheriting.get(stamp.declaration);
      if (list) list.push(stamp);
      else inheriting.set(stamp.declaration, [stamp]);
    }
    return inheriting;
  });
}

/**
 * The fix of a declaration of another zone: UTC declared, and the stamps that inherit it converted (`converted`, each
 * with its new text) or, for an inverted range, swapped as they are converted. With `countOnOthers`, the other
 * findings of this rule are counted on (`readsBack`).
 */
function declarationConversion(doc: Postmortem, context: RuleContext, declaration: ZoneDeclaration, countOnOthers: boolean): { fix: FixDraft; converted: Map<Stamp, string> } {
  const inherited = inheritors(doc).get(declaration) ?? [];
  const fix: FixDraft = {
    title: `Convert ${inherited.length} timestamp${inherited.length === 1 ? '' : 's'} to UTC and declare UTC`,
    edits: [replacing(declaration.span, 'UTC')],
  };
  const done = new Set<Stamp>();
  const converted = new Map<Stamp, string>();
  for (const stamp of inherited) {
    if (done.has(stamp)) continue;
    // Both ends of a range inheriting the declaration: swapped as they are converted when the range is inverted,
    // each writing its date when they fall on different days in UTC.
    const partner = stamp.range?.partner;
    const pair = partner?.declaration === declaration;
    const swapped = swappedWithDeclaration(doc, context, stamp, declaration);
    if (swapped) {
      fix.edits.push(...swapped);
      done.add(partner!);
      continue;
    }
    const text = inUtc(stamp, '');
    const crossDay = pair && convertible(partner!) && !sameUtcDay(stamp.epoch!, partner!.epoch!);
    converted.set(stamp, crossDay ? withUtcDate(stamp, text, stamp.epoch!) : text);
    fix.edits.push(replacing(stamp.span, converted.get(stamp)!));
  }
  fix.isPreferred = declaresUtc(doc, declaration) && readsBack(doc, converted, countOnOthers ? context : undefined);
  return { fix, converted };
}

const datedByDeclarations = new WeakMap<RuleContext, WeakMap<ZoneDeclaration, Set<Stamp>>>();

const declarationFixes = new WeakMap<RuleContext, WeakMap<ZoneDeclaration, FixDraft>>();

/** The fix reported for a declaration of another zone (counting on the other findings): found once per lint run. */
function declarationFix(doc: Postmortem, context: RuleContext, declaration: ZoneDeclaration): FixDraft {
  const byDeclaration = remembered(declarationFixes, context, () => new WeakMap<ZoneDeclaration, FixDraft>());
  return remembered(byDeclaration, declaration, () => declarationConversion(doc, context, declaration, true).fix);
}

const declarationRewrites = new WeakMap<RuleContext, Span[]>();

const byStart = (a: Span, b: Span) => a.start - b.start;

/**
 * Whether a preferred fix of a declaration this rule reports rewrites text inside `span` (the declaration's zone, or a
 * stamp inheriting it), other than inside one of `carried` (sorted, not overlapping: blocks a fix moves, which fix-all
 * carries those rewrites along with). Conversions count on such a fix being applied in the same pass
 * (`datedByDeclaration`): a fix that would clash with it, and so hold it back, waits a pass instead.
 */
export function rewritesDeclaredIn(doc: Postmortem, context: RuleContext, span: Span, carried: readonly Span[] = []): boolean {
  if (target(doc) !== 'UTC') return false;
  const rewrites = remembered(declarationRewrites, context, () => {
    const edits: Span[] = [];
    for (const declaration of doc.declarations) {
      if (declaration.zone.isUtc || !context.reports(NAME, declaration.line)) continue;
      const fix = declarationFix(doc, context, declaration);
      if (fix.isPreferred) edits.push(...fix.edits);
    }
    return edits.sort(byStart);
  });
  for (let i = firstEndingAfter(rewrites, span.start); i < rewrites.length && rewrites[i].start < span.end; i++) {
    if (!inOneOf(carried, rewrites[i])) return true;
  }
  return false;
}

/** The index of the first of `spans` (sorted, not overlapping) that ends after `offset`: the first a span starting there can overlap. */
function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether one of `spans` (sorted, not overlapping) overlaps `span`. */
function reachesInto(spans: readonly Span[], span: Span): boolean {
  const k = firstEndingAfter(spans, span.start);
  return k < spans.length && spans[k].start < span.end;
}

/** Whether one of `spans` (sorted, not overlapping) holds `span`. */
function inOneOf(spans: readonly Span[], span: Span): boolean {
  const k = firstEndingAfter(spans, span.start);
  return k < spans.length && spans[k].start <= span.start && span.end <= spans[k].end;
}

const timelineRewritesOfDeclarations = new WeakMap<RuleContext, { rewritten: Span[]; carried: Span[] }>();

/**
 * Whether a conversion's `edits` fall in text that a preferred fix of timeline-order rewrites, where that fix also
 * rewrites a declaration this rule reports ("- 1:32 PM PST x" and "All times in PST." below it, moved as one entry).
 * The declaration's rewrite clashes with that fix and so can only follow it; a conversion taken first would hold the
 * fix back a pass, and the rewrite to a third. The conversion waits for the fix instead, unless fix-all carries it
 * along with a block the fix moves.
 */
function waitsForTimelineFix(doc: Postmortem, context: RuleContext, edits: FixDraft['edits']): boolean {
  const { rewritten, carried } = remembered(timelineRewritesOfDeclarations, context, () => {
    const zones = doc.declarations.filter((declaration) => !declaration.zone.isUtc && context.reports(NAME, declaration.line)).map((declaration) => declaration.span).sort(byStart);
    const fixes = zones.length === 0 ? [] : timelineRewrites(doc, context).filter((rewrite) => rewrite.rewritten.some((span) => reachesInto(zones, span)));
    return { rewritten: fixes.flatMap((fix) => fix.rewritten).sort(byStart), carried: fixes.flatMap((fix) => fix.carried).sort(byStart) };
  });
  return rewritten.length > 0 && edits.some((edit) => reachesInto(rewritten, edit) && !inOneOf(carried, edit));
}

/**
 * Whether `stamp` inherits a declaration whose preferred fix writes its date ("0:00" under "Times in UTC+5" as
 * "2024-04-30 19:00"): it then keeps its day whatever the stamp before it is rewritten as. That fix's own check
 * counts on no other finding (found once per declaration and lint run).
 */
function datedByDeclaration(doc: Postmortem, context: RuleContext, stamp: Stamp): boolean {
  const declaration = stamp.declaration;
  if (!declaration || declaration.zone.isUtc || !context.reports(NAME, declaration.line)) return false;
  const byDeclaration = remembered(datedByDeclarations, context, () => new WeakMap<ZoneDeclaration, Set<Stamp>>());
  const dated = remembered(byDeclaration, declaration, () => {
    const { fix, converted } = declarationConversion(doc, context, declaration, false);
    return new Set(fix.isPreferred ? [...converted].filter(([inheritor, text]) => addsDate(inheritor, text)).map(([inheritor]) => inheritor) : []);
  });
  return dated.has(stamp);
}

const undatedReaders = new WeakMap<RuleContext, readonly Stamp[]>();

/**
 * The stamps above the first written date that read it, less those a declaration's preferred fix dates
 * (`datedByDeclaration`): found once per lint run, not searched past again by each conversion writing that date.
 */
function readersNotDatedByDeclarations(doc: Postmortem, context: RuleContext): readonly Stamp[] {
  return remembered(undatedReaders, context, () => readersOfFirstWrittenDate(doc).filter((reader) => !datedByDeclaration(doc, context, reader)));
}

/** Whether the declaration's line, with UTC written in place of its zone, declares UTC there ("Times in ET.2" does not). */
function declaresUtc(doc: Postmortem, declaration: ZoneDeclaration): boolean {
  const lineStart = doc.index.lineStarts[declaration.line];
  const line = doc.index.lineText(declaration.line);
  const start = declaration.span.start - lineStart;
  const read = findZoneDeclaration(line.slice(0, start) + 'UTC' + line.slice(declaration.span.end - lineStart));
  return !!read && read.zone.isUtc && read.start === start && read.end === start + 3;
}

/**
 * Whether the stamps that read their date from `end` get dates of their own in the same fix-all pass, from preferred
 * fixes of this rule (a conversion, or a declaration's): time-range-inverted's swap then need not wait a pass for them.
 */
export function readersDatedByConversions(doc: Postmortem, context: RuleContext, end: Stamp): boolean {
  return target(doc) === 'UTC' && readersKeepDay(doc, end, (reader) => datedByDeclaration(doc, context, reader), context);
}

/**
 * Whether a finding of this rule swaps the inverted range `from` → `to` as it converts it: time-range-inverted then
 * leaves the range to that fix, which does both in one pass.
 */
export function convertsSwapped(doc: Postmortem, context: RuleContext, from: Stamp, to: Stamp): boolean {
  if (target(doc) !== 'UTC') return false;
  if ([from, to].some((end) => writtenInOtherZone(end) && context.reports(NAME, end.line) && swappedWithWrittenZone(doc, context, end))) return true;
  const declaration = from.declaration;
  return !!declaration && !declaration.zone.isUtc && context.reports(NAME, declaration.line)
    && [from, to].some((end) => convertible(end) && swappedWithDeclaration(doc, context, end, declaration));
}

/**
 * Whether the preferred conversion of `stamp`'s finding writes its date ("02:33 IST" as "2024-04-01 21:03 UTC"): it then
 * reads no date from above after the pass, and metadata-mismatch may rewrite the front matter date it reads now.
 */
export function convertsWithDate(doc: Postmortem, context: RuleContext, stamp: Stamp): boolean {
  if (target(doc) !== 'UTC' || !writtenInOtherZone(stamp) || invertedRange(stamp) || !context.reports(NAME, stamp.line)) return false;
  const { converted, isPreferred } = reportedConversion(doc, context, stamp);
  const text = converted.get(stamp);
  return isPreferred && text !== undefined && addsDate(stamp, text);
}

const rewritableInUtc = new WeakMap<RuleContext, WeakMap<Stamp, boolean>>();

/**
 * Whether a preferred fix of this rule may rewrite `stamp` in UTC: the conversion or the swap of it or of the other end
 * of its range, a conversion it is a reader of (a stamp moving day in UTC), or its declaration's rewrite. A conversion
 * waiting for a timeline fix counts. timeline-order asks, for each stamp of a block it moves, once per lint run.
 */
export function mayRewriteInUtc(doc: Postmortem, context: RuleContext, stamp: Stamp): boolean {
  if (target(doc) !== 'UTC' || !convertible(stamp)) return false;
  const declaration = stamp.declaration;
  if (declaration) return !declaration.zone.isUtc && context.reports(NAME, declaration.line) && declarationFix(doc, context, declaration).isPreferred === true;
  if (writtenInOtherZone(stamp) && movesDay(stamp)) return true;
  const byStamp = remembered(rewritableInUtc, context, () => new WeakMap<Stamp, boolean>());
  return remembered(byStamp, stamp, () => {
    const convertsEnd = (end: Stamp) => writtenInOtherZone(end) && context.reports(NAME, end.line) && (!!swappedWithWrittenZone(doc, context, end) || conversionOf(doc, end, context).isPreferred);
    const partner = stamp.range?.partner;
    return convertsEnd(stamp) || (!!partner && convertsEnd(partner));
  });
}

/** The conversion the finding of `stamp` offers, preferred as reported: it may wait for a timeline fix (`waitsForTimelineFix`). */
function reportedConversion(doc: Postmortem, context: RuleContext, stamp: Stamp): Conversion {
  const conversion = conversionOf(doc, stamp, context);
  return conversion.isPreferred && waitsForTimelineFix(doc, context, conversion.edits) ? { ...conversion, isPreferred: false } : conversion;
}

export const timestampNotUtc: Rule = {
  id: 'PM007',
  name: NAME,
  description: 'A timestamp is written in another zone or offset than the one the template requires (UTC by default).',
  defaultSeverity: 'warning',
  tags: ['timestamps', 'zones'],
  fixable: true,
  check(doc, report, context) {
    if (target(doc) !== 'UTC') return;
    for (const stamp of stampGroups(doc).inOtherZones) {
      if (!writtenInOtherZone(stamp)) continue;
      const { utc, edits, isPreferred } = reportedConversion(doc, context, stamp);
      const convert: FixDraft = { title: `Rewrite as ${utc}`, edits, isPreferred };
      const swapped = swappedWithWrittenZone(doc, context, stamp);
      report({
        span: stamp.span,
        message: `${stamp.parts.text} is in ${stamp.zone!.name}, not UTC: ${utc}.`,
        fixes: swapped
          ? [{ title: 'Swap the inverted range\'s ends and rewrite them in UTC', edits: swapped }, { ...convert, isPreferred: false }]
          : [convert],
      });
    }
    // Only a declaration of another zone is reported, with the stamps that inherit it.
    for (const declaration of doc.declarations) {
      if (declaration.zone.isUtc) continue;
      const inherited = inheritors(doc).get(declaration) ?? [];
      const fix = declarationFix(doc, context, declaration);
      report({
        span: declaration.span,
        message: `Times are declared in ${declaration.zone.name}, not UTC` + (inherited.length ? ` (${inherited.length} timestamp${inherited.length === 1 ? '' : 's'} inherit it).` : '.'),
        fixes: [fix],
      });
    }
  },
};
