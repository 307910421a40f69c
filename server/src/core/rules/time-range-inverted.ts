import type { Rule } from './rule';
import { invertedRange, swapRange } from './ranges';
import { stampGroups } from './stamp-groups';
import { convertsSwapped, readersDatedByConversions } from './timestamp-not-utc';

export const timeRangeInverted: Rule = {
  id: 'PM012',
  name: 'time-range-inverted',
  description: 'A written range whose end is before its start ("14:00 - 13:30").',
  defaultSeverity: 'error',
  tags: ['timestamps', 'timeline'],
  fixable: true,
  check(doc, report, context) {
    for (const stamp of stampGroups(doc).rangeStarts) {
      const inverted = invertedRange(stamp);
      if (!inverted) continue;
      const { from, to } = inverted;
      // Each swapped end is written in the zone of the place it moves to.
      const swap = swapRange(doc, from, to, undefined, (end) => readersDatedByConversions(doc, context, end));
      // Converting the range to UTC edits the same text: fix-all leaves the swap to timestamp-not-utc's fix, which
      // swaps as it converts, or this one would take the range first and the conversion would wait a pass.
      report({
        span: { start: from.span.start, end: to.span.end },
        message: `The range ends (${to.parts.text}) before it starts (${from.parts.text}).`,
        fixes: [{ title: 'Swap start and end', edits: swap.edits, isPreferred: swap.roundTrips && !convertsSwapped(doc, context, from, to) }],
      });
    }
  },
};
