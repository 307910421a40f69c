// Zones as written ("UTC", "+01:00", "PST", "Pacific Time") resolved to something luxon computes with,
// and the zone a document or section declares ("All times in PST").
import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { ZONE_ABBREVIATIONS } from './timestamps';
import type { Span } from './types';

export interface ResolvedZone {
  /** As written, normalised: `UTC`, `PST`, `+01:00`. */
  name: string;
  zone: Zone;
  isUtc: boolean;
  /** For abbreviations that name standard or daylight time: whether they claim daylight time. */
  daylight?: boolean;
  /** The IANA zone an abbreviation belongs to, for DST checks. */
  iana?: string;
}

export interface ZoneDeclaration {
  zone: ResolvedZone;
  /** The zone's text in the declaration, e.g. `PST` in "All times in PST". */
  span: Span;
  line: number;
  /** Lines [start, end) the declaration applies to. */
  scope: { start: number; end: number };
}

const UTC_NAMES = new Set(['UTC', 'GMT', 'Z', 'ZULU', 'UT']);
const LONG_NAMES: Record<string, string> = {
  'PACIFIC TIME': 'PT', 'EASTERN TIME': 'ET', 'CENTRAL TIME': 'CT', 'MOUNTAIN TIME': 'MT',
  'PACIFIC': 'PT', 'EASTERN': 'ET', 'CENTRAL': 'CT', 'MOUNTAIN': 'MT',
};
const OFFSET = /^(?:UTC|GMT)?\s*([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i;

/** Milliseconds since the epoch of a wall-clock time read as if it were UTC; years 0–99 are years, not 1900–1999. */
export function wallMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (!isClockPart(hour, 24) || !isClockPart(minute, 60) || !isClockPart(second, 60)) return utcMillis(year, month, day, hour, minute, second);
  if (year !== lastDay.year || month !== lastDay.month || day !== lastDay.day) lastDay = { year, month, day, midnight: utcMillis(year, month, day, 0, 0, 0) };
  const ms = lastDay.midnight + ((hour * 60 + minute) * 60 + second) * 1000;
  // Past the last instant a Date holds, Date.UTC gives NaN.
  return ms <= MAX_EPOCH ? ms : NaN;
}

// A document's stamps come in runs on one day: the time of day is added to that day's midnight, found once, without
// a call to Date.UTC (C++) per stamp.
let lastDay = { year: NaN, month: NaN, day: NaN, midnight: NaN };

/** The range of instants a JavaScript Date (and so luxon) can hold. */
export const MAX_EPOCH = 8.64e15;

/** Whether a clock field is a whole number in [0, limit): then the time of day does not move the date. */
function isClockPart(value: number, limit: number): boolean {
  return value >= 0 && value < limit && Math.floor(value) === value;
}

function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 0 && year < 100) {
    const date = new Date(ms);
    date.setUTCFullYear(year);
    return date.getTime();
  }
  return ms;
}

// Offsets of IANA zones per 15-minute bucket of the instant: Intl is slow and a document's stamps share a few
// buckets. A bucket is cached only when its two ends have the same offset (no transition inside it).
const BUCKET = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset in minutes at the instant `ms`. */
export function offsetAt(zone: Zone, ms: number): number {
  if (zone.isUniversal) return zone.offset(ms);
  let cache = offsetCache.get(zone.name);
  if (!cache) offsetCache.set(zone.name, (cache = new Map()));
  const bucket = Math.floor(ms / BUCKET);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const start = zone.offset(bucket * BUCKET);
  if (start !== zone.offset(bucket * BUCKET + BUCKET - 1)) return zone.offset(ms);
  if (cache.size > 50_000) cache.clear();
  cache.set(bucket, start);
  return start;
}

/**
 * The instant of a wall-clock time (`wall`, from wallMillis) in `zone`, as luxon computes it but without
 * depending on today's date: the first guess is the offset at the wall time itself, so a time in a DST
 * overlap always reads the same way. A time in a DST gap moves forward, as luxon does.
 */
export function zonedMillis(zone: Zone, wall: number): number {
  if (zone.isUniversal) return wall - zone.offset(wall) * 60_000;
  const o1 = offsetAt(zone, wall);
  let guess = wall - o1 * 60_000;
  const o2 = offsetAt(zone, guess);
  if (o1 === o2) return guess;
  guess -= (o2 - o1) * 60_000;
  const o3 = offsetAt(zone, guess);
  if (o2 === o3) return guess;
  return wall - Math.min(o2, o3) * 60_000;
}

/** The abbreviation for the other half of the year in the same zone: PST ↔ PDT, CET ↔ CEST. */
export function counterpartAbbreviation(zone: ResolvedZone): string | undefined {
  if (zone.daylight === undefined || !zone.iana) return undefined;
  const key = `${zone.iana} ${zone.daylight}`;
  if (!counterparts.has(key)) {
    let found: string | undefined;
    for (const [name, known] of Object.entries(ZONE_ABBREVIATIONS)) {
      if (known && known.iana === zone.iana && known.dst === !zone.daylight) {
        found = name;
        break;
      }
    }
    counterparts.set(key, found);
  }
  return counterparts.get(key);
}

const counterparts = new Map<string, string | undefined>();

// A document writes a few zones many times; resolved zones are plain data, shared between stamps (read-only).
const resolved = new Map<string, ResolvedZone | null>();

export function resolveZone(text: string): ResolvedZone | null {
  let zone = resolved.get(text);
  if (zone === undefined) {
    zone = resolveZoneText(text);
    if (resolved.size > 10_000) resolved.clear();
    resolved.set(text, zone);
  }
  return zone;
}

function resolveZoneText(text: string): ResolvedZone | null {
  const raw = text.replace(/[()]/g, '').trim();
  const upper = raw.toUpperCase();
  if (UTC_NAMES.has(upper)) return { name: upper === 'Z' ? 'UTC' : upper, zone: FixedOffsetZone.utcInstance, isUtc: true };
  const offset = OFFSET.exec(raw);
  if (offset) {
    const minutes = (offset[1] === '+' ? 1 : -1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    if (Math.abs(minutes) > 14 * 60) return null;
    return { name: raw, zone: FixedOffsetZone.instance(minutes), isUtc: minutes === 0 };
  }
  const abbreviation = LONG_NAMES[upper] ?? upper;
  const known = ZONE_ABBREVIATIONS[abbreviation];
  if (!known) return null;
  const zone = IANAZone.create(known.iana);
  if (!zone.isValid) return null;
  return { name: raw, zone, isUtc: false, daylight: known.dst, iana: known.iana };
}

// "All times in CET.", "(all times in PST/PDT)", "( All times EDT )", "Times are UTC", "Timezone: UTC".
const DECLARATION = /\b(?:all\s+)?times?\s+(?:are\s+|shown\s+|given\s+|listed\s+)?(?:(?:are|in)\s+)?(?:the\s+)?((?:UTC|GMT)[+\-\u2212]\d{1,2}(?::\d{2})?|(?:Pacific|Eastern|Central|Mountain)(?:\s+Time)?|[A-Z]{1,5}(?:\/[A-Z]{3,4})?)\b|\btime\s*zone\s*:\s*([A-Za-z]{1,5}(?:\/[A-Za-z]{3,4})?)\b/i;

/** Finds a zone declaration on one line; the caller decides the scope. */
export function findZoneDeclaration(lineText: string): { zone: ResolvedZone; start: number; end: number } | null {
  const match = DECLARATION.exec(lineText);
  if (!match) return null;
  const token = match[1] ?? match[2];
  const zone = resolveZone(token);
  if (!zone) return null;
  const start = match.index + match[0].lastIndexOf(token);
  return { zone, start, end: start + token.length };
}
