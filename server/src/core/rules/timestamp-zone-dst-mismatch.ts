import { DateTime, FixedOffsetZone } from 'luxon';
import { formatStampLike } from '../timestamps';
import { counterpartAbbreviation } from '../zones';
import type { Rule } from './rule';

export const timestampZoneDstMismatch: Rule = {
  id: 'PM009',
  name: 'timestamp-zone-dst-mismatch',
  description: 'A zone abbreviation names standard time on a daylight-saving date or the reverse (PST in May, EDT in February).',
  defaultSeverity: 'warning',
  tags: ['timestamps', 'zones'],
  fixable: true,
  check(doc, report) {
    for (const stamp of doc.stamps) {
      const zone = stamp.zone;
      if (stamp.zoneSource !== 'written' || !zone || zone.daylight === undefined || !zone.iana || !stamp.date || stamp.dateSource === 'none'
        || !stamp.parts.time || stamp.invalid || !stamp.zoneSpan) continue;
      const wall = { ...stamp.date, hour: stamp.parts.time.hour, minute: stamp.parts.time.minute, second: stamp.parts.time.second ?? 0 };
      const local = DateTime.fromObject(wall, { zone: zone.iana });
      if (!local.isValid || local.isInDST === zone.daylight) continue;
      const actualName = counterpartAbbreviation(zone) ?? local.toFormat('ZZ');
      // Reading 1: the clock time is right and the abbreviation is wrong. Reading 2: the abbreviation's offset is right.
      const byClock = local.toUTC();
      const written = local.offset + (zone.daylight ? 60 : -60);
      const byAbbreviation = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(written) }).toUTC();
      const asLocal = byAbbreviation.setZone(zone.iana);
      const rewritten = formatStampLike(stamp.parts, { year: asLocal.year, month: asLocal.month, day: asLocal.day, hour: asLocal.hour, minute: asLocal.minute, second: asLocal.second }, actualName);
      const date = local.toFormat('LLLL d, yyyy');
      report({
        span: stamp.zoneSpan,
        message: `${zone.name} is ${zone.daylight ? 'daylight' : 'standard'} time, but ${date} falls in ${local.isInDST ? 'daylight saving' : 'standard'} time (${actualName}): ${stamp.parts.text} is ${byClock.toFormat('HH:mm')} UTC if the clock time is right, ${byAbbreviation.toFormat('HH:mm')} UTC if the offset is.`,
        fixes: [
          { title: `Read as ${actualName}: ${byClock.toFormat('HH:mm')} UTC`, edits: [{ ...stamp.zoneSpan, newText: actualName }] },
          { title: `Read as ${zone.name}: ${rewritten} (${byAbbreviation.toFormat('HH:mm')} UTC)`, edits: [{ ...stamp.span, newText: rewritten }], isPreferred: false },
        ],
      });
    }
  },
};
