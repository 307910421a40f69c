import type { Rule } from './rule';
import { stampGroups } from './stamp-groups';

export const timestampMissingZone: Rule = {
  id: 'PM008',
  name: 'timestamp-missing-zone',
  description: 'A timestamp has no zone, and the document or section declares none ("All times in UTC").',
  defaultSeverity: 'warning',
  tags: ['timestamps', 'zones'],
  fixable: true,
  check(doc, report) {
    // Fields before getters (inFrontMatter, invalid).
    const missing = stampGroups(doc).zoneless.filter((stamp) => stamp.parts.time && !stamp.inFrontMatter && !stamp.invalid);
    if (!missing.length) return;
    // Zones this document already writes, offered after the template's zone.
    const written = new Map<string, number>();
    for (const stamp of doc.stamps) {
      if (stamp.zone && stamp.zoneSource === 'written') written.set(stamp.zone.name, (written.get(stamp.zone.name) ?? 0) + 1);
    }
    const zones = [doc.template.timezone, ...[...written.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name)]
      .filter((zone, i, all) => all.indexOf(zone) === i)
      .slice(0, 3);
    for (const stamp of missing) {
      report({
        span: stamp.span,
        message: `${stamp.parts.text} has no time zone, and none is declared for this ${doc.timelineSection ? 'section' : 'document'}.`,
        fixes: zones.map((zone) => ({ title: `Append ${zone}`, edits: [{ start: stamp.span.end, end: stamp.span.end, newText: ` ${zone}` }], isPreferred: false })),
      });
    }
  },
};
