// parse(text) → Postmortem: structure, every stamp resolved to an instant, durations, timeline, evidence.
import { DateTime } from 'luxon';
import { scanDurations } from './durations';
import { readFrontMatter } from './frontmatter';
import { readClaims, readEvidence } from './milestones';
import type { CalendarDate, DurationRef, InlineControl, Postmortem, Stamp, Window } from './model';
import { readStructure, type Section, type Structure } from './structure';
import { defaultTemplate, normalizeHeading, type Template } from './template';
import { LineIndex } from './text';
import { readTimeline } from './timeline-entries';
import { scanTimestamps, type StampParts } from './timestamps';
import { findZoneDeclaration, resolveZone, type ZoneDeclaration } from './zones';

export interface ParseOptions {
  template?: Template;
}

// Text that looks like stamps but is not prose: URLs, inline code, HTML tags.
const MASKED = /\bhttps?:\/\/[^\s)\]>"'`]+|`[^`\n]*`|<[a-zA-Z/][^<>\n]{0,200}>/g;

function mask(text: string): string {
  return text.replace(MASKED, (match) => ' '.repeat(match.length));
}

// Front matter keys whose dates give the year and day of time-only stamps, best first.
const DATE_KEYS = ['start_time', 'started_at', 'start', 'date', 'incident_date', 'created', 'createdAt', 'created_at', 'publishedAt'];

export function parse(text: string, options: ParseOptions = {}): Postmortem {
  const template = options.template ?? defaultTemplate;
  const index = new LineIndex(text);
  const frontMatter = readFrontMatter(text, index.lineStarts);
  const structure = readStructure(index, frontMatter, template);
  const sections = structure.sections;
  const declarations = readDeclarations(index, structure);

  const raw: { parts: StampParts; line: number; base: number; frontMatterKey?: string; range?: { role: 'from' | 'to'; other: number } }[] = [];
  const durations: DurationRef[] = [];
  if (frontMatter) {
    for (const field of frontMatter.fields) {
      if (!field.valueSpan || typeof field.value !== 'string') continue;
      const { stamps } = scanTimestamps(text.slice(field.valueSpan.start, field.valueSpan.end), { timeField: true });
      for (const parts of stamps) raw.push({ parts, line: index.lineAt(field.valueSpan.start), base: field.valueSpan.start, frontMatterKey: field.key });
    }
  }
  for (let line = 0; line < index.lineCount; line++) {
    if (structure.skipped[line]) continue;
    const lineText = index.lineText(line);
    if (!/\d/.test(lineText) && !/[a-z]/i.test(lineText)) continue;
    const lineStart = index.lineStarts[line];
    const masked = mask(lineText);
    const cells = structure.cells.get(line);
    const pieces = cells
      ? cells.map((cell, i) => ({ start: cell.start - lineStart, text: masked.slice(cell.start - lineStart, cell.end - lineStart), timeField: i === 0 }))
      : [{ start: 0, text: masked, timeField: false }];
    for (const piece of pieces) {
      const { stamps, ranges } = scanTimestamps(piece.text, { timeField: piece.timeField });
      const first = raw.length;
      for (const parts of stamps) raw.push({ parts, line, base: lineStart + piece.start });
      for (const range of ranges) {
        raw[first + range.from].range = { role: 'from', other: first + range.to };
        raw[first + range.to].range = { role: 'to', other: first + range.from };
      }
      for (const match of scanDurations(piece.text)) {
        const start = lineStart + piece.start + match.start;
        durations.push({ match, line, span: { start, end: start + match.end - match.start } });
      }
    }
  }

  const stamps = resolveStamps(raw, frontMatter?.data ?? {}, declarations);
  const timelineSections = sections.filter((section) => section.match && normalizeHeading(section.match.name) === 'timeline');
  const timeline = readTimeline(index, structure, timelineSections, stamps);
  const entryLines = new Set(timeline.map((entry) => entry.line));
  const windows: Window[] = [];
  for (const stamp of stamps) {
    if (stamp.range?.role === 'from' && !stamp.inFrontMatter && !entryLines.has(stamp.line) && !structure.cells.has(stamp.line)) {
      windows.push({ from: stamp, to: stamp.range.partner, line: stamp.line });
    }
  }
  const title = readTitle(index, sections, frontMatter?.data ?? {});
  const doc: Postmortem = {
    text, index, template, frontMatter, structure, sections, title, stamps, durations, declarations,
    timelineSection: timelineSections[0] ?? null, timeline, windows, evidence: [], claims: [],
    inline: readInlineControl(index),
  };
  doc.evidence = readEvidence(doc);
  doc.claims = readClaims(doc);
  return doc;
}

function readTitle(index: LineIndex, sections: Section[], data: Record<string, unknown>): string | null {
  if (typeof data.title === 'string' && data.title.trim()) return data.title.trim();
  const h1 = sections.find((section) => section.level === 1);
  if (h1) return h1.title;
  for (let line = 0; line < index.lineCount; line++) {
    const text = index.lineText(line).trim();
    if (text && text !== '---') return text.replace(/^#+\s*/, '').replace(/[*_]/g, '').slice(0, 200);
  }
  return null;
}

function readDeclarations(index: LineIndex, structure: Structure): ZoneDeclaration[] {
  const declarations: ZoneDeclaration[] = [];
  const sections = structure.sections;
  for (let line = 0; line < index.lineCount; line++) {
    if (structure.skipped[line]) continue;
    const found = findZoneDeclaration(index.lineText(line));
    if (!found) continue;
    const start = index.lineStarts[line];
    const heading = sections.find((section) => section.line === line);
    // The innermost section around the line; a heading's declaration covers its own section.
    const around = heading ?? [...sections].reverse().find((section) => section.line < line && section.end > line);
    const scope = heading
      ? { start: heading.bodyStart, end: heading.end }
      : around && around.level > 1
        ? { start: line, end: around.end }
        : { start: 0, end: index.lineCount };
    declarations.push({ zone: found.zone, span: { start: start + found.start, end: start + found.end }, line, scope });
  }
  return declarations;
}

function declarationFor(declarations: ZoneDeclaration[], line: number): ZoneDeclaration | undefined {
  let best: ZoneDeclaration | undefined;
  for (const declaration of declarations) {
    if (line < declaration.scope.start || line >= declaration.scope.end) continue;
    if (!best || declaration.scope.start >= best.scope.start) best = declaration;
  }
  return best;
}

const FLOATING_DATE: CalendarDate = { year: 2000, month: 1, day: 1 };

function resolveStamps(
  raw: { parts: StampParts; line: number; base: number; frontMatterKey?: string; range?: { role: 'from' | 'to'; other: number } }[],
  data: Record<string, unknown>,
  declarations: ZoneDeclaration[],
): Stamp[] {
  const stamps: Stamp[] = raw.map(({ parts, line, base, frontMatterKey }) => {
    const span = { start: base + parts.start, end: base + parts.end };
    const stamp: Stamp = {
      parts, line, span, inFrontMatter: frontMatterKey !== undefined, frontMatterKey,
      zone: null, zoneSource: 'none', date: null, dateSource: 'none', invalid: parts.invalid,
    };
    if (parts.zone && !parts.zone.implied) stamp.zoneSpan = { start: base + parts.zone.start, end: base + parts.zone.end };
    return stamp;
  });
  raw.forEach((entry, i) => {
    if (entry.range) stamps[i].range = { role: entry.range.role, partner: stamps[entry.range.other] };
  });

  // The date context: front matter first, else the first written full date anywhere.
  let context: { date: CalendarDate; line?: number } | null = null;
  for (const key of DATE_KEYS) {
    const stamp = stamps.find((candidate) => candidate.frontMatterKey === key && candidate.parts.date?.year && !candidate.invalid);
    if (stamp && stamp.parts.date?.year) {
      context = { date: { ...stamp.parts.date, year: stamp.parts.date.year }, line: stamp.line };
      break;
    }
  }
  if (!context && typeof data.date === 'object' && data.date instanceof Date) {
    const date = data.date;
    context = { date: { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() } };
  }
  const firstDated = stamps.find((stamp) => stamp.parts.date?.year && !stamp.invalid);
  let current: { date: CalendarDate; line?: number; lastMinutes?: number } | null = context
    ?? (firstDated?.parts.date?.year ? { date: { ...firstDated.parts.date, year: firstDated.parts.date.year }, line: firstDated.line } : null);

  for (const stamp of stamps) {
    const { parts } = stamp;
    if (parts.zone) {
      stamp.zone = resolveZone(parts.zone.text);
      if (stamp.zone) stamp.zoneSource = parts.zone.implied ? 'range' : 'written';
    }
    if (!stamp.zone && !stamp.inFrontMatter) {
      const declaration = declarationFor(declarations, stamp.line);
      if (declaration) {
        stamp.zone = declaration.zone;
        stamp.zoneSource = 'declared';
        stamp.declaration = declaration;
      }
    }
    const minutes = parts.time ? parts.time.hour * 60 + parts.time.minute : undefined;
    if (parts.date) {
      const year = parts.date.year ?? current?.date.year;
      if (year !== undefined) {
        stamp.date = { year, month: parts.date.month, day: parts.date.day };
        stamp.dateSource = parts.date.year !== undefined && !parts.date.implied ? 'written' : 'context';
        // "23:40 - 00:35": the end of a range written without its own date is on the next day, when that is a short gap.
        const start = stamp.range?.role === 'to' ? stamp.range.partner.parts.time : undefined;
        if (parts.date.implied && start && minutes !== undefined && isRollover(start.hour * 60 + start.minute, minutes)) {
          stamp.date = nextDay(stamp.date);
          stamp.dateSource = 'rollover';
        }
        if (parts.date.year === undefined) stamp.dateLine = current?.line;
        if (!stamp.invalid && parts.weekday !== undefined && parts.date.year === undefined) stamp.invalid = weekdayProblem(stamp.date, parts.weekday);
      }
      if (!stamp.invalid && stamp.date && !stamp.inFrontMatter) current = { date: stamp.date, line: stamp.line, lastMinutes: minutes };
    } else if (parts.time && current) {
      let date = current.date;
      stamp.dateSource = 'context';
      stamp.dateLine = current.line;
      if (minutes !== undefined && current.lastMinutes !== undefined && isRollover(current.lastMinutes, minutes)) {
        date = nextDay(date);
        stamp.dateSource = 'rollover';
        current = { date, line: stamp.line };
      }
      stamp.date = date;
      if (minutes !== undefined && !stamp.inFrontMatter) current = { ...current, lastMinutes: minutes };
    }
    if (stamp.invalid) continue;
    const date = stamp.date ?? (parts.time ? FLOATING_DATE : null);
    if (!date) continue;
    const local = DateTime.fromObject(
      { ...date, hour: parts.time?.hour ?? 0, minute: parts.time?.minute ?? 0, second: parts.time?.second ?? 0 },
      { zone: stamp.zone?.zone ?? 'UTC' },
    );
    if (local.isValid) stamp.instant = local.toUTC();
  }
  return stamps;
}

/** A clock time before the previous one is the next day only when the gap forward is short: 23:55 → 00:10. */
function isRollover(previousMinutes: number, minutes: number): boolean {
  return minutes < previousMinutes && minutes + 1440 - previousMinutes <= 360;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayProblem(date: CalendarDate, weekday: number): string | undefined {
  const actual = DateTime.fromObject(date, { zone: 'UTC' });
  if (!actual.isValid || actual.weekday === weekday) return undefined;
  return `${actual.toISODate()} was a ${WEEKDAYS[actual.weekday - 1]}, not a ${WEEKDAYS[weekday - 1]}`;
}

function nextDay(date: CalendarDate): CalendarDate {
  const next = DateTime.fromObject(date, { zone: 'UTC' }).plus({ days: 1 });
  return { year: next.year, month: next.month, day: next.day };
}

// <!-- postmortem-disable RULE -->, <!-- postmortem-enable RULE -->, <!-- postmortem-disable-next-line RULE -->
const CONTROL = /<!--\s*postmortem-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

function readInlineControl(index: LineIndex): InlineControl {
  const events: { line: number; action: string; rules: string[] }[] = [];
  if (index.text.includes('postmortem-')) {
    for (const match of index.text.matchAll(CONTROL)) {
      const rules = match[2].split(/[\s,]+/).filter(Boolean);
      events.push({ line: index.lineAt(match.index ?? 0), action: match[1], rules: rules.length ? rules : ['*'] });
    }
  }
  return {
    disabledAt(line: number, rule: string): boolean {
      let disabled = false;
      for (const event of events) {
        const applies = event.rules.includes('*') || event.rules.includes(rule);
        if (!applies) continue;
        if (event.action === 'disable-next-line' && event.line + 1 === line) return true;
        if (event.action === 'disable-line' && event.line === line) return true;
        if (event.line > line) continue;
        if (event.action === 'disable') disabled = true;
        if (event.action === 'enable') disabled = false;
      }
      return disabled;
    },
  };
}
