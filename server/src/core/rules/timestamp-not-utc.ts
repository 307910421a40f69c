import type { Stamp } from '../model';
import type { FixDraft, Rule } from './rule';
import { inUtc, sameUtcDay, utcDate } from './describe';
import type { ZoneDeclaration } from '../zones';

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
    const convertible = (stamp: Stamp) => stamp.epoch !== undefined && stamp.parts.time && !stamp.invalid;
    for (const stamp of doc.stamps) {
      if (stamp.zoneSource !== 'written' || !stamp.zone || stamp.zone.isUtc || !convertible(stamp)) continue;
      const utc = inUtc(stamp);
      const edits = [{ ...stamp.span, newText: utc }];
      // "02:33 IST to 9:11 a.m.": the other end takes its zone from this one. Rewriting only this end would move the
      // other to UTC clock time; it is converted with it, and keeps taking the zone from this end.
      const partner = stamp.range?.partner;
      let preferred = true;
      if (partner && partner.zoneSource === 'range' && convertible(partner)) {
        let partnerText = inUtc(partner, '');
        // The end that takes its date from the start writes its own when the two fall on different days in UTC.
        const [start, end] = stamp.range!.role === 'from' ? [stamp, partner] : [partner, stamp];
        if (end.parts.date?.implied && !sameUtcDay(start.epoch!, end.epoch!)) {
          const day = utcDate(end.epoch!);
          if (end === partner) partnerText = `${day} ${partnerText}`;
          else if (!edits[0].newText.startsWith(day)) edits[0].newText = `${day} ${edits[0].newText}`;
        }
        edits.push({ ...partner.span, newText: partnerText });
        // Without dates, a range that now crosses midnight in UTC would read backwards: the user decides.
        if ((stamp.dateSource === 'none' || partner.dateSource === 'none') && !sameUtcDay(stamp.epoch!, partner.epoch!)) preferred = false;
      }
      report({
        span: stamp.span,
        message: `${stamp.parts.text} is in ${stamp.zone.name}, not UTC: ${utc}.`,
        fixes: [{ title: `Rewrite as ${utc}`, edits, isPreferred: preferred }],
      });
    }
    // Only a declaration of another zone is reported, with the stamps that inherit it.
    if (doc.declarations.every((declaration) => declaration.zone.isUtc)) return;
    const inheriting = new Map<ZoneDeclaration, Stamp[]>();
    for (const stamp of doc.stamps) {
      if (!stamp.declaration || !convertible(stamp)) continue;
      const list = inheriting.get(stamp.declaration);
      if (list) list.push(stamp);
      else inheriting.set(stamp.declaration, [stamp]);
    }
    for (const declaration of doc.declarations) {
      if (declaration.zone.isUtc) continue;
      const inherited = inheriting.get(declaration) ?? [];
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
