import { formatStampLike } from '../timestamps';
import type { CalendarDate, Stamp } from '../model';
import { offsetAt, wallMillis } from '../zones';
import type { Rule } from './rule';

/** The day parse gives a time without any date. */
const FLOATING_DAY: CalendarDate = { year: 2000, month: 1, day: 1 };

/** The instant of `stamp` on the clock of `shownIn`'s zone: a swapped end is written in the zone of the place it moves to. */
function valuesOf(stamp: Stamp, shownIn: Stamp) {
  const zone = shownIn.zone?.zone;
  const local = new Date(stamp.epoch! + (zone ? offsetAt(zone, stamp.epoch!) : 0) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds() };
}

export const timeRangeInverted: Rule = {
  id: 'PM012',
  name: 'time-range-inverted',
  description: 'A written range whose end is before its start ("14:00 - 13:30").',
  defaultSeverity: 'error',
  tags: ['timestamps', 'timeline'],
  fixable: true,
  check(doc, report) {
    for (const from of doc.stamps) {
      const to = from.range?.role === 'from' ? from.range.partner : undefined;
      if (!to || from.epoch === undefined || to.epoch === undefined || to.epoch >= from.epoch) continue;
      const zoneOf = (stamp: Stamp) => (stamp.zoneSpan ? doc.text.slice(stamp.zoneSpan.start, stamp.zoneSpan.end) : '');
      // The swap reads back as written only if an end that does not write its date gets a value on the day it will be
      // read on: otherwise ("14:38Z to 02:33 IST", the end taking its date from the start) the range moves by a day
      // on every fix-all pass. Such a swap is offered, not applied by fix-all.
      const newFrom = valuesOf(to, from);
      const newTo = valuesOf(from, to);
      const written = (stamp: Stamp) => !!stamp.parts.date && !stamp.parts.date.implied && stamp.parts.date.year !== undefined;
      const sameDay = (a: CalendarDate, b: CalendarDate) => a.year === b.year && a.month === b.month && a.day === b.day;
      const fromDay = from.date ?? FLOATING_DAY;
      const toDayAfter = to.parts.date?.implied ? (written(from) ? newFrom : fromDay) : to.date ?? FLOATING_DAY;
      // And an end that writes an abbreviation (PDT) must still be in that half of the year with its new value.
      const season = (stamp: Stamp, epoch: number) => {
        const zone = stamp.zone;
        if (!stamp.zoneSpan || !zone || zone.daylight === undefined) return true;
        const year = new Date(epoch).getUTCFullYear();
        const standard = Math.min(offsetAt(zone.zone, wallMillis(year, 1, 1)), offsetAt(zone.zone, wallMillis(year, 7, 1)));
        return (offsetAt(zone.zone, epoch) > standard) === zone.daylight;
      };
      const roundTrips = (written(from) || sameDay(newFrom, fromDay)) && (written(to) || sameDay(newTo, toDayAfter))
        && season(from, to.epoch!) && season(to, from.epoch!);
      report({
        span: { start: from.span.start, end: to.span.end },
        message: `The range ends (${to.parts.text}) before it starts (${from.parts.text}).`,
        fixes: [{
          title: 'Swap start and end',
          edits: [
            { ...from.span, newText: formatStampLike(from.parts, newFrom, zoneOf(from)) },
            { ...to.span, newText: formatStampLike(to.parts, newTo, zoneOf(to)) },
          ],
          isPreferred: roundTrips,
        }],
      });
    }
  },
};
