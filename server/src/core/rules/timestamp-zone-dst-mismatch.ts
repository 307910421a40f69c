import { formatStampLike } from '../timestamps';
import { counterpartAbbreviation, offsetAt, wallMillis, zonedMillis } from '../zones';
import { utcTime } from './describe';
import { replacing, type Rule } from './rule';
import { stampGroups } from './stamp-groups';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An offset in minutes as `+05:30`. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const timestampZoneDstMismatch: Rule = {
  id: 'PM009',
  name: 'timestamp-zone-dst-mismatch',
  description: 'A zone abbreviation names standard time on a daylight-saving date or the reverse (PST in May, EDT in February).',
  defaultSeverity: 'warning',
  tags: ['timestamps', 'zones'],
  fixable: true,
  check(doc, report) {
    // Only zones other than UTC name daylight or standard time.
    for (const stamp of stampGroups(doc).inOtherZones) {
      const zone = stamp.zone;
      // The zone's own fields first: zoneSource and invalid are getters.
      if (!zone || zone.daylight === undefined || !zone.iana || stamp.zoneSource !== 'written' || !stamp.date || stamp.dateSource === 'none'
        || !stamp.parts.time || stamp.invalid || !stamp.zoneSpan) continue;
      const wall = { year: stamp.date.year, month: stamp.date.month, day: stamp.date.day, hour: stamp.parts.time.hour, minute: stamp.parts.time.minute, second: stamp.parts.time.second ?? 0 };
      // The clock time read in the abbreviation's zone, and whether that zone is on daylight time then (its offset
      // above the year's standard offset, as luxon's isInDST): cached offsets, not a luxon DateTime per stamp.
      const iana = zone.zone;
      const clockEpoch = zonedMillis(iana, wallMillis(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second));
      if (!Number.isFinite(clockEpoch)) continue;
      const standard = Math.min(offsetAt(iana, wallMillis(wall.year, 1, 1)), offsetAt(iana, wallMillis(wall.year, 7, 1)));
      const offset = offsetAt(iana, clockEpoch);
      const inDst = offset > standard;
      if (inDst === zone.daylight) continue;
      const actualName = counterpartAbbreviation(zone) ?? formatOffset(offset);
      // Reading 1: the clock time is right and the abbreviation is wrong. Reading 2: the abbreviation's offset is right.
      const byClock = clockEpoch;
      const written = offset + (zone.daylight ? 60 : -60);
      const wallMs = wallMillis(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second);
      const byAbbreviation = wallMs - written * 60_000;
      // That instant on the zone's own clock, which the rewritten stamp shows next to the actual abbreviation.
      const asLocal = new Date(byAbbreviation + offsetAt(iana, byAbbreviation) * 60_000);
      const rewritten = formatStampLike(stamp.parts, {
        year: asLocal.getUTCFullYear(), month: asLocal.getUTCMonth() + 1, day: asLocal.getUTCDate(),
        hour: asLocal.getUTCHours(), minute: asLocal.getUTCMinutes(), second: asLocal.getUTCSeconds(),
      }, actualName);
      const clockDate = new Date(clockEpoch + offset * 60_000);
      const date = `${MONTH_NAMES[clockDate.getUTCMonth()]} ${clockDate.getUTCDate()}, ${String(clockDate.getUTCFullYear()).padStart(4, '0')}`;
      report({
        span: stamp.zoneSpan,
        message: `${zone.name} is ${zone.daylight ? 'daylight' : 'standard'} time, but ${date} falls in ${inDst ? 'daylight saving' : 'standard'} time (${actualName}): ${stamp.parts.text} is ${utcTime(byClock)} UTC if the clock time is right, ${utcTime(byAbbreviation)} UTC if the offset is.`,
        fixes: [
          { title: `Read as ${actualName}: ${utcTime(byClock)} UTC`, edits: [replacing(stamp.zoneSpan, actualName)] },
          { title: `Read as ${zone.name}: ${rewritten} (${utcTime(byAbbreviation)} UTC)`, edits: [replacing(stamp.span, rewritten)], isPreferred: false },
        ],
      });
    }
  },
};
