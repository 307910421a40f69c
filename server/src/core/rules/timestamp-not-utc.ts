import type { Postmortem, Stamp } from '../model';
import type { FixDraft, Rule } from './rule';
import { inUtc, sameUtcDay } from './describe';
import { invertedRange, swapRange, withUtcDate } from './ranges';
import type { ZoneDeclaration } from '../zones';

function target(doc: { template: { timezone: string } }): string {
  return doc.template.timezone.toUpperCase();
}

/**
 * The conversion of an end of an inverted range, swapped: converting and swapping (time-range-inverted's fix) edit
 * the same text, so fix-all would do one per pass, and a duration checked against the range in between would need
 * a third. Undefined when that swap would not read back as written, or time-range-inverted is silenced on its line.
 */
function swappedInUtc(doc: Postmortem, stamp: Stamp, writesUtc: (end: Stamp) => boolean): FixDraft['edits'] | undefined {
  const inverted = invertedRange(stamp);
  if (!inverted || doc.inline.disabledAt(inverted.from.line, 'time-range-inverted')) return undefined;
  const swap = swapRange(doc, inverted.from, inverted.to, writesUtc);
  return swap.roundTrips ? swap.edits : undefined;
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
    const convertible = (stamp: Stamp) => stamp.epoch !== undefined && !!stamp.parts.time && !stamp.invalid;
    // The stamps reported one by one, each converted by its own fix.
    const writtenInOtherZone = (stamp: Stamp) => stamp.zoneSource === 'written' && !!stamp.zone && !stamp.zone.isUtc && convertible(stamp);
    for (const stamp of doc.stamps) {
      if (!writtenInOtherZone(stamp)) continue;
      const utc = inUtc(stamp);
      const edits = [{ ...stamp.span, newText: utc }];
      // "02:33 IST to 9:11 a.m.": the other end takes its zone from this one. Rewriting only this end would move the
      // other to UTC clock time; it is converted with it, and keeps taking the zone from this end.
      const partner = stamp.range?.partner;
      let preferred = true;
      if (partner && partner.zoneSource === 'range' && convertible(partner)) {
        const partnerText = inUtc(partner, '');
        if (sameUtcDay(stamp.epoch!, partner.epoch!)) {
          edits.push({ ...partner.span, newText: partnerText });
        } else {
          edits[0].newText = withUtcDate(stamp, utc, stamp.epoch!);
          edits.push({ ...partner.span, newText: withUtcDate(partner, partnerText, partner.epoch!) });
        }
        // Without dates, a range that now crosses midnight in UTC would read backwards: the user decides.
        if ((stamp.dateSource === 'none' || partner.dateSource === 'none') && !sameUtcDay(stamp.epoch!, partner.epoch!)) preferred = false;
      } else if (partner?.zone?.isUtc && stamp.range!.role === 'from' && partner.parts.date?.implied && convertible(partner) && !sameUtcDay(stamp.epoch!, partner.epoch!)) {
        // "30 July, 02:33 IST to 14:38 UTC": the end reads the start's date, which the conversion moves to 29 July.
        edits.push({ ...partner.span, newText: withUtcDate(partner, doc.text.slice(partner.span.start, partner.span.end), partner.epoch!) });
      }
      const convert: FixDraft = { title: `Rewrite as ${utc}`, edits, isPreferred: preferred };
      // An end that takes its zone from this one is read in UTC after the fix; one with its own zone is converted by
      // its own finding, with the same edits.
      const swapped = swappedInUtc(doc, stamp, (end) => end === stamp || end.zoneSource === 'range' || writtenInOtherZone(end));
      report({
        span: stamp.span,
        message: `${stamp.parts.text} is in ${stamp.zone!.name}, not UTC: ${utc}.`,
        fixes: swapped
          ? [{ title: 'Swap the inverted range\'s ends and rewrite them in UTC', edits: swapped }, { ...convert, isPreferred: false }]
          : [convert],
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
        edits: [{ ...declaration.span, newText: 'UTC' }],
      };
      const done = new Set<Stamp>();
      for (const stamp of inherited) {
        if (done.has(stamp)) continue;
        // Both ends of a range inheriting the declaration: swapped as they are converted when the range is inverted,
        // each writing its date when they fall on different days in UTC.
        const partner = stamp.range?.partner;
        const pair = partner?.declaration === declaration;
        const swapped = pair ? swappedInUtc(doc, stamp, (end) => end.declaration === declaration) : undefined;
        if (swapped) {
          fix.edits.push(...swapped);
          done.add(partner!);
          continue;
        }
        const text = inUtc(stamp, '');
        const crossDay = pair && convertible(partner!) && !sameUtcDay(stamp.epoch!, partner!.epoch!);
        fix.edits.push({ ...stamp.span, newText: crossDay ? withUtcDate(stamp, text, stamp.epoch!) : text });
      }
      report({
        span: declaration.span,
        message: `Times are declared in ${declaration.zone.name}, not UTC` + (inherited.length ? ` (${inherited.length} timestamp${inherited.length === 1 ? '' : 's'} inherit it).` : '.'),
        fixes: [fix],
      });
    }
  },
};
