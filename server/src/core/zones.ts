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
const OFFSET = /^(?:UTC|GMT)?\s*([+-\u2212])(\d{1,2})(?::?(\d{2}))?$/i;

/** The abbreviation for the other half of the year in the same zone: PST ↔ PDT, CET ↔ CEST. */
export function counterpartAbbreviation(zone: ResolvedZone): string | undefined {
  if (zone.daylight === undefined || !zone.iana) return undefined;
  for (const [name, known] of Object.entries(ZONE_ABBREVIATIONS)) {
    if (known && known.iana === zone.iana && known.dst === !zone.daylight) return name;
  }
  return undefined;
}

export function resolveZone(text: string): ResolvedZone | null {
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
const DECLARATION = /\b(?:all\s+)?times?\s+(?:are\s+|shown\s+|given\s+|listed\s+)?(?:(?:are|in)\s+)?(?:the\s+)?((?:UTC|GMT)[+-\u2212]\d{1,2}(?::\d{2})?|(?:Pacific|Eastern|Central|Mountain)(?:\s+Time)?|[A-Z]{1,5}(?:\/[A-Z]{3,4})?)\b|\btime\s*zone\s*:\s*([A-Za-z]{1,5}(?:\/[A-Za-z]{3,4})?)\b/i;

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
