// Completion: section headings the template still lacks (at the start of a line, in the document's heading
// style), a stamp for now in UTC written like the timeline's entries (on an empty line of the Timeline), and
// zone names after a time (UTC first).
import { DateTime } from 'luxon';
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import type { Postmortem } from '../core/model';
import { documentHeadingStyle, presentSections, writeHeading } from '../core/rules/sections';
import { formatStampLike, ZONE_ABBREVIATIONS } from '../core/timestamps';
import { isMarkdownLanguage, targetOf, type Services } from './documents';

// Only a heading marker and the start of a name typed so far: `## Ro`, `**`, `Tim`, or nothing.
const HEADING_CONTEXT = /^[ \t]{0,3}(#{1,6}[ \t]*|\*{1,2}|_{1,2})?(?:\p{L}[\p{L}\p{N} '-]*)?$/u;
// Only what may stand before an entry's stamp: indentation, a bullet or number, a table pipe, brackets, emphasis.
const STAMP_CONTEXT = /^[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\|[ \t]*)?[[(*_]*$/;
// A time followed by a space and the start of a zone (not the time's own AM/PM).
const ZONE_CONTEXT = /(?<![\d:])\d{1,2}(?::\d{2}){1,2}(?:[ \t]?[AaPp]\.?[Mm]\.?)?[ \t]+(?![AaPp]\.?[Mm]\.?$)([A-Za-z]{0,5})$/;
// What follows an entry's stamp before its text: closing brackets or emphasis around a separator, then spacing.
const STAMP_TRAIL = /^[\])*_]*(?:[ \t]*[|:\u2014\u2013-])?[\])*_]*[ \t]*/;

const ZONES = ['UTC', 'GMT', ...Object.keys(ZONE_ABBREVIATIONS).filter((name) => /^[A-Z]{2,5}$/.test(name) && name !== 'UTC' && name !== 'GMT')];

export async function provideCompletion(services: Services, params: unknown): Promise<CompletionItem[] | null> {
  const target = await targetOf(services, params, true);
  if (target === 'malformed') return null;
  if (target === 'none') return [];
  const { position } = params as { position: Position };
  const doc = services.analyzer.parse(target.document, target.settings);
  if (position.line >= doc.index.lineCount || doc.structure.skipped[position.line]) return [];
  const lineText = doc.index.lineText(position.line);
  const prefix = lineText.slice(0, position.character);
  const now = DateTime.fromJSDate(services.now(), { zone: 'utc' });

  const zone = ZONE_CONTEXT.exec(prefix);
  if (zone) return zoneItems(now, { start: { line: position.line, character: position.character - zone[1].length }, end: position });

  // Headings and entries are whole lines: offered only where nothing follows the cursor.
  if (lineText.slice(position.character).trim() !== '') return [];
  const items: CompletionItem[] = [];
  const lineStart = { start: { line: position.line, character: 0 }, end: position };
  const timeline = doc.timelineSection;
  if (timeline && position.line >= timeline.bodyStart && position.line < timeline.end && STAMP_CONTEXT.test(prefix)) {
    items.push(stampItem(doc, now, lineStart));
  }
  const heading = HEADING_CONTEXT.exec(prefix);
  if (heading) items.push(...sectionItems(doc, target.document.languageId, heading[1] ?? '', lineStart));
  return items;
}

function stampItem(doc: Postmortem, now: DateTime, range: Range): CompletionItem {
  const value = { year: now.year, month: now.month, day: now.day, hour: now.hour, minute: now.minute, second: now.second };
  let newText = `${now.toFormat('yyyy-MM-dd HH:mm')} UTC`;
  const first = doc.timeline[0];
  if (first) {
    const { stamp } = first;
    const lineText = doc.index.lineText(first.line);
    const lineStart = doc.index.lineStarts[first.line];
    const lead = lineText.slice(0, stamp.span.start - lineStart);
    // A range ("10:00 - 11:00 UTC Text") is one stamp for the new entry: the trail follows its end.
    const end = stamp.range?.role === 'from' && stamp.range.partner.line === first.line ? stamp.range.partner.span.end : stamp.span.end;
    const trail = STAMP_TRAIL.exec(lineText.slice(end - lineStart))![0];
    // A UTC declaration covers the new entry too; any other zone or none needs UTC written out.
    const declaredUtc = stamp.zoneSource === 'declared' && stamp.zone?.isUtc === true;
    newText = lead + formatStampLike(stamp.parts, value, declaredUtc ? '' : 'UTC') + trail;
  }
  return {
    label: newText.trim(),
    kind: CompletionItemKind.Event,
    detail: 'Timeline entry for now (UTC)',
    textEdit: { range, newText },
    filterText: newText,
    sortText: '0',
    preselect: true,
  };
}

function sectionItems(doc: Postmortem, languageId: string, marker: string, range: Range): CompletionItem[] {
  const present = new Set(presentSections(doc).map((item) => item.match));
  // An empty Markdown (or `postmortem`) document gets Markdown headings; plain text gets bare lines.
  const { style, level } = doc.sections.length || !isMarkdownLanguage(languageId) ? documentHeadingStyle(doc) : { style: 'atx' as const, level: 2 };
  return doc.template.sections
    .filter((section) => !present.has(section))
    .map((section, i) => ({
      label: section.name,
      kind: CompletionItemKind.Module,
      detail: `${section.required ? 'Required section' : 'Section'} of the ${doc.template.name} template`,
      documentation: section.skeleton,
      textEdit: { range, newText: writeHeading(section.name, style, level) },
      filterText: marker + section.name,
      sortText: `1${String(i).padStart(3, '0')}`,
    }));
}

function zoneItems(now: DateTime, range: Range): CompletionItem[] {
  return ZONES.map((name, i) => {
    const known = ZONE_ABBREVIATIONS[name]!;
    const offset = known.offsetMinutes ?? now.setZone(known.iana).offset;
    const sign = offset < 0 ? '\u2212' : '+';
    const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
    return {
      label: name,
      kind: CompletionItemKind.Constant,
      detail: name === 'UTC' ? 'Coordinated Universal Time' : `UTC${sign}${hours}:${minutes}${known.offsetMinutes === undefined ? ' today' : ''} (${known.iana})`,
      textEdit: { range, newText: name },
      sortText: String(i).padStart(3, '0'),
      preselect: i === 0,
    };
  });
}
