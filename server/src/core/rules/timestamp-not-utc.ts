import type { Stamp } from '../model';
import type { FixDraft, Rule } from './rule';
import { inUtc } from './describe';

function target(doc: { template: { timezone: string } }): string {
  return doc.template.timezone.toUpperCase();
}

export const timestampNotUtc: Rule = {
  id: 'PM007',
  name: 'timestamp-not-utc',
  description: 'A timestamp is written in another zone or offset than the one the template requires (UTC by default).',
  defaultSeverity: 'warning',
  tags: ['timestamps', 'zones'],
  fixable: true,
  check(doc, report) {
    if (target(doc) !== 'UTC') return;
    const convertible = (stamp: Stamp) => stamp.instant && stamp.parts.time && !stamp.invalid;
    for (const stamp of doc.stamps) {
      if (stamp.zoneSource !== 'written' || !stamp.zone || stamp.zone.isUtc || !convertible(stamp)) continue;
      const utc = inUtc(stamp);
      report({
        span: stamp.span,
        message: `${stamp.parts.text} is in ${stamp.zone.name}, not UTC: ${utc}.`,
        fixes: [{ title: `Rewrite as ${utc}`, edits: [{ ...stamp.span, newText: utc }] }],
      });
    }
    for (const declaration of doc.declarations) {
      if (declaration.zone.isUtc) continue;
      const inherited = doc.stamps.filter((stamp) => stamp.declaration === declaration && convertible(stamp));
      const fix: FixDraft = {
        title: `Convert ${inherited.length} timestamp${inherited.length === 1 ? '' : 's'} to UTC and declare UTC`,
        edits: [
          { ...declaration.span, newText: 'UTC' },
          ...inherited.map((stamp) => ({ ...stamp.span, newText: inUtc(stamp, '') })),
        ],
      };
      report({
        span: declaration.span,
        message: `Times are declared in ${declaration.zone.name}, not UTC` + (inherited.length ? ` (${inherited.length} timestamp${inherited.length === 1 ? '' : 's'} inherit it).` : '.'),
        fixes: [fix],
      });
    }
  },
};
