import { formatStampLike } from '../timestamps';
import type { Stamp } from '../model';
import type { Rule } from './rule';

function valuesOf(stamp: Stamp) {
  const local = stamp.instant!.setZone(stamp.zone?.zone ?? 'UTC');
  return { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second };
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
      if (!to || !from.instant || !to.instant || to.instant >= from.instant) continue;
      const zoneOf = (stamp: Stamp) => (stamp.zoneSpan ? doc.text.slice(stamp.zoneSpan.start, stamp.zoneSpan.end) : '');
      report({
        span: { start: from.span.start, end: to.span.end },
        message: `The range ends (${to.parts.text}) before it starts (${from.parts.text}).`,
        fixes: [{
          title: 'Swap start and end',
          edits: [
            { ...from.span, newText: formatStampLike(from.parts, valuesOf(to), zoneOf(from)) },
            { ...to.span, newText: formatStampLike(to.parts, valuesOf(from), zoneOf(to)) },
          ],
        }],
      });
    }
  },
};
