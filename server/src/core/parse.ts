// parse(text) → Postmortem: structure, every stamp resolved to an instant, durations, timeline, evidence.
import { DateTime, FixedOffsetZone } from 'luxon';
import { readFrontMatter } from './frontmatter';
import { readClaims, readEvidence } from './milestones';
import type { CalendarDate, DurationRef, Postmortem, Stamp, Window } from './model';
import { readInlineControl } from './inline-control';
import { readStructure, type Section, type Structure } from './structure';
import { defaultTemplate, normalizeHeading, type Template } from './template';
import { takeFirst } from './lists';
import { DocumentMemo } from './memo';
import { LineIndex, markLines } from './text';
import { pieceLists, scanPieceInto, type ScanCache } from './scans';
import { readTimeline } from './timeline-entries';
import { mayHoldUrl, scanTimestamps, type StampParts } from './timestamps';
import type { Span } from './types';
import { findZoneDeclaration, MAX_EPOCH, resolveZone, wallMillis, zonedMillis, type ResolvedZone, type ZoneDeclaration } from './zones';

export interface ParseOptions {
  template?: Template;
  /** The same document's scans from its last parse (the language server keeps them between edits). */
  scans?: ScanCache;
}

// Text that looks like stamps but is not prose: URLs, inline code, HTML tags.
const MASKED = /\bhttps?:\/\/[^\s)\]>"'`]+|`[^`\n]*`|<[a-zA-Z/][^<>\n]{0,200}>/g;
// What each match of MASKED holds: lines without any of these are left as they are. A URL's `://` is looked for as
// `//`: a search stops at each candidate first character, and clock times put a colon on most lines.
const MASK_MARKS: [string, number][] = [['//', 1], ['`', 1], ['<', 1]];

function mask(text: string): string {
  return text.replace(MASKED, (match) => blank(match.length));
}

// Blank runs by length, each built once: a long document masks code spans and URLs of a few dozen lengths many times.
const blanks: (string | undefined)[] = [];

function blank(length: number): string {
  return length < 256 ? (blanks[length] ??= ' '.repeat(length)) : ' '.repeat(length);
}

/** Whether the text holds an ASCII letter or digit: a line without one has no stamp or duration. */
function hasAsciiAlphanumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32;
    if ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 122)) return true;
  }
  return false;
}

// A parse collects its stamps and durations here and copies them out: a list grown by push leaves each smaller copy of
// itself behind, and keeps room for up to half as many again.
const foundStamps: (ResolvedStamp | undefined)[] = [];
const foundDurations: (DurationRef | undefined)[] = [];

// Front matter keys whose dates give the year and day of time-only stamps, best first.
const DATE_KEYS = ['start_time', 'started_at', 'start', 'date', 'incident_date', 'created', 'createdAt', 'created_at', 'publishedAt'];

export function parse(text: string, options: ParseOptions = {}): Postmortem {
  const template = options.template ?? defaultTemplate;
  const index = new LineIndex(text);
  const frontMatter = readFrontMatter(text, index.lineStarts);
  const structure = readStructure(index, frontMatter, template);
  const sections = structure.sections;
  const declarations = readDeclarations(index, structure);
  const lists = pieceLists();
  const scan = options.scans?.scan ?? ((piece: string, timeField: boolean, timeFieldEnd: number) => scanPieceInto(piece, timeField, lists, timeFieldEnd));

  let stampCount = 0;
  let durationCount = 0;
  if (frontMatter) {
    for (const field of frontMatter.fields) {
      if (!field.valueSpan || typeof field.value !== 'string') continue;
      const line = index.lineAt(field.valueSpan.start);
      for (const parts of scanTimestamps(text.slice(field.valueSpan.start, field.valueSpan.end), { timeField: true }).stamps) {
        foundStamps[stampCount++] = new ResolvedStamp(parts, line, field.valueSpan.start, field.key);
      }
    }
  }
  const addPiece = (line: number, pieceStart: number, text: string, timeField: boolean, timeFieldEnd = text.length) => {
    const found = scan(text, timeField, timeFieldEnd);
    const first = stampCount;
    // Indexed loops: a piece's lists are of several array kinds (a shared frozen empty one among them), and for-of over
    // them took V8's generic iteration, an object per element.
    const { stamps: parts, ranges, durations: matches } = found;
    for (let i = 0; i < parts.length; i++) foundStamps[stampCount++] = new ResolvedStamp(parts[i], line, pieceStart, undefined);
    for (let i = 0; i < ranges.length; i++) {
      const from = foundStamps[first + ranges[i].from]!;
      const to = foundStamps[first + ranges[i].to]!;
      from.range = { role: 'from', partner: to };
      to.range = { role: 'to', partner: from };
    }
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i];
      const start = pieceStart + match.start;
      foundDurations[durationCount++] = { match, line, span: { start, end: start + match.end - match.start } };
    }
  };
  // Found in the whole text, not line by line: most lines have no URL, code span or tag.
  const toMask = new Uint8Array(index.lineCount);
  markLines(index, toMask, 0, index.lineCount, MASK_MARKS);
  for (let line = 0; line < index.lineCount; line++) {
    if (structure.skipped[line]) continue;
    const lineText = index.lineText(line);
    if (!hasAsciiAlphanumeric(lineText)) continue;
    const lineStart = index.lineStarts[line];
    const masked = toMask[line] ? mask(lineText) : lineText;
    if (!structure.rows[line]) {
      addPiece(line, lineStart, masked, false);
      continue;
    }
    const cells = structure.cells.get(line)!;
    // A row is scanned whole, its first cell the time field: no stamp or duration reaches across a pipe, and what a scan
    // reads around a cell's text (its pipes and blanks) reads as the end of a text does. One scan and no slice per
    // cell, except where masking blanked a pipe (two cells would join) or a URL may run on across a pipe.
    if (masked === lineText && !mayHoldUrl(lineText)) {
      addPiece(line, lineStart, lineText, true, cells[0].end - lineStart);
      continue;
    }
    for (let i = 0; i < cells.length; i++) addPiece(line, cells[i].start, masked.slice(cells[i].start - lineStart, cells[i].end - lineStart), i === 0);
  }

  options.scans?.endParse();
  const stamps = takeFirst(foundStamps, stampCount);
  const durations = takeFirst(foundDurations, durationCount);
  resolveStamps(stamps, frontMatter?.data ?? {}, declarations);
  const timelineSections = sections.filter((section) => section.match && normalizeHeading(section.match.name) === 'timeline');
  const timeline = readTimeline(index, structure, timelineSections, stamps);
  const isEntryLine = new Uint8Array(index.lineCount);
  for (const entry of timeline) isEntryLine[entry.line] = 1;
  const windows: Window[] = [];
  for (const stamp of stamps) {
    if (stamp.range?.role === 'from' && !stamp.inFrontMatter && !isEntryLine[stamp.line] && !structure.rows[stamp.line]) {
      windows.push({ from: stamp, to: stamp.range.partner, line: stamp.line });
    }
  }
  const title = readTitle(index, sections, frontMatter?.data ?? {});
  const doc: Postmortem = {
    text, index, template, frontMatter, structure, sections, title, stamps, durations, declarations,
    timelineSection: timelineSections[0] ?? null, timeline, windows, evidence: [], claims: [],
    inline: readInlineControl(index), memo: new DocumentMemo(),
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

const TIME_WORD = /time/gi;

function readDeclarations(index: LineIndex, structure: Structure): ZoneDeclaration[] {
  const declarations: ZoneDeclaration[] = [];
  const sections = structure.sections;
  let headingAt: Map<number, Section> | undefined;
  let innermost: ((line: number) => Section | undefined) | undefined;
  // A declaration says "time" in some case ("All times in UTC", "Timezone: PST"): only lines with it are read.
  // Global: test advances lastIndex, and moving it to the next line's start looks once per line.
  TIME_WORD.lastIndex = 0;
  while (TIME_WORD.test(index.text)) {
    const line = index.lineAt(TIME_WORD.lastIndex - 1);
    TIME_WORD.lastIndex = line + 1 < index.lineCount ? index.lineStarts[line + 1] : index.text.length;
    if (structure.skipped[line]) continue;
    const found = findZoneDeclaration(index.lineText(line));
    if (!found) continue;
    const start = index.lineStarts[line];
    if (!headingAt || !innermost) ({ headingAt, innermost } = sectionLookup(sections));
    const heading = headingAt.get(line);
    // The innermost section around the line; a heading's declaration covers its own section.
    const around = heading ?? innermost(line);
    const scope = heading
      ? { start: heading.bodyStart, end: heading.end }
      : around && around.level > 1
        ? { start: line, end: around.end }
        : { start: 0, end: index.lineCount };
    declarations.push({ zone: found.zone, span: { start: start + found.start, end: start + found.end }, line, scope });
  }
  // A document's only declaration speaks for all of it: "All times in PST" under Timeline covers the appendix too.
  if (declarations.length === 1) declarations[0].scope = { start: 0, end: index.lineCount };
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

/**
 * The heading on each line, and for lines asked in increasing order the innermost section that started on an earlier
 * line and contains it. A section ends at or before its parent's end, so the sections open at a line form a stack with
 * the innermost on top: no list by line, which cost a slot for every line of the document.
 */
function sectionLookup(sections: Section[]): { headingAt: Map<number, Section>; innermost: (line: number) => Section | undefined } {
  const headingAt = new Map<number, Section>();
  for (const section of sections) if (!headingAt.has(section.line)) headingAt.set(section.line, section);
  const open: Section[] = [];
  let next = 0;
  const innermost = (line: number) => {
    for (; next < sections.length && sections[next].line < line; next++) {
      while (open.length > 0 && open[open.length - 1].end <= sections[next].line) open.pop();
      open.push(sections[next]);
    }
    while (open.length > 0 && open[open.length - 1].end <= line) open.pop();
    return open[open.length - 1];
  };
  return { headingAt, innermost };
}

/**
 * For stamps in line order: the declaration that covers the line and starts last (the last written on a tie).
 * Every query line is at least the one before, so a declaration whose scope has ended can be dropped for good.
 */
function declarationFinder(declarations: ZoneDeclaration[]): (line: number) => ZoneDeclaration | undefined {
  if (declarations.length === 0) return () => undefined;
  const byStart = declarations.map((declaration, order) => ({ declaration, order })).sort((a, b) => a.declaration.scope.start - b.declaration.scope.start || a.order - b.order);
  // A max-heap on (scope start, written order) of the declarations whose scope has started.
  const heap: { declaration: ZoneDeclaration; order: number }[] = [];
  const above = (a: (typeof heap)[number], b: (typeof heap)[number]) => a.declaration.scope.start > b.declaration.scope.start || (a.declaration.scope.start === b.declaration.scope.start && a.order > b.order);
  const push = (item: (typeof heap)[number]) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!above(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = () => {
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && above(heap[l], heap[top])) top = l;
      if (r < heap.length && above(heap[r], heap[top])) top = r;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  };
  let next = 0;
  let previous = -Infinity;
  return (line) => {
    if (line < previous) return declarationFor(declarations, line);
    previous = line;
    while (next < byStart.length && byStart[next].declaration.scope.start <= line) push(byStart[next++]);
    while (heap.length > 0 && heap[0].declaration.scope.end <= line) pop();
    return heap[0]?.declaration;
  };
}

const FLOATING_DATE: CalendarDate = { year: 2000, month: 1, day: 1 };

/** Gives each stamp its zone, date and instant, in document order (dates carry forward from stamp to stamp). */
function resolveStamps(stamps: Stamp[], data: Record<string, unknown>, declarations: ZoneDeclaration[]): void {
  // The date context: front matter first, else the first written full date anywhere.
  let context: { date: CalendarDate; line?: number } | null = null;
  // The front matter's stamps come first (parse reads it before the body): no pass over all the others for them.
  let frontMatterCount = 0;
  while (frontMatterCount < stamps.length && stamps[frontMatterCount].inFrontMatter) frontMatterCount++;
  const inFrontMatter = stamps.slice(0, frontMatterCount);
  for (const key of DATE_KEYS) {
    const stamp = inFrontMatter.find((candidate) => candidate.frontMatterKey === key && candidate.parts.date?.year && !candidate.invalid);
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
  if (!context && firstDated?.parts.date?.year) context = { date: { ...firstDated.parts.date, year: firstDated.parts.date.year }, line: firstDated.line };
  // The date that time-only stamps take, where it was written, and the clock time of the last stamp that set it.
  let currentDate = context?.date;
  let currentLine = context?.line;
  let lastMinutes: number | undefined;

  const declarationFor = declarationFinder(declarations);
  // With no date known yet, times still cross midnight ("22:40 - 01:05", a timeline past midnight): they count days
  // from the floating date without claiming one.
  let floatingDay = 0;
  let floatingMinutes: number | undefined;
  for (const stamp of stamps) {
    const { parts } = stamp;
    // The zone as written, else the declared one: zoneSource tells them apart from what is set here.
    if (parts.zone) stamp.zone = resolveZone(parts.zone.text);
    if (!stamp.zone && !stamp.inFrontMatter) {
      const declaration = declarationFor(stamp.line);
      if (declaration) {
        stamp.zone = declaration.zone;
        stamp.declaration = declaration;
      }
    }
    const minutes = parts.time ? parts.time.hour * 60 + parts.time.minute : undefined;
    const rangeEnd = stamp.range?.role === 'to';
    if (parts.date) {
      const year = parts.date.year ?? currentDate?.year;
      if (year !== undefined) {
        stamp.date = sameDay(currentDate, year, parts.date.month, parts.date.day) ? currentDate! : asCalendarDate(parts.date, year);
        stamp.dateSource = parts.date.year !== undefined && !parts.date.implied ? 'written' : 'context';
        // "23:40 - 00:35": the end of a range written without its own date is on the next day, when that is a short gap.
        const start = rangeEnd ? stamp.range?.partner.parts.time : undefined;
        if (parts.date.implied && start && minutes !== undefined && isRollover(start.hour * 60 + start.minute, minutes, rangeEnd)) {
          stamp.date = nextDay(stamp.date);
          stamp.dateSource = 'rollover';
        }
        if (parts.date.year === undefined) stamp.dateLine = currentLine;
      }
      if (!stamp.invalid && stamp.date && !stamp.inFrontMatter) {
        currentDate = stamp.date;
        currentLine = stamp.line;
        lastMinutes = minutes;
      }
    } else if (parts.time && currentDate) {
      stamp.dateSource = 'context';
      stamp.dateLine = currentLine;
      if (minutes !== undefined && lastMinutes !== undefined && isRollover(lastMinutes, minutes, rangeEnd)) {
        currentDate = nextDay(currentDate);
        currentLine = stamp.line;
        lastMinutes = undefined;
        stamp.dateSource = 'rollover';
      }
      stamp.date = currentDate;
      if (minutes !== undefined && !stamp.inFrontMatter) lastMinutes = minutes;
    }
    if (stamp.invalid) continue;
    let days = 0;
    if (!stamp.date && minutes !== undefined && !stamp.inFrontMatter) {
      if (floatingMinutes !== undefined && isRollover(floatingMinutes, minutes, rangeEnd)) floatingDay++;
      floatingMinutes = minutes;
      days = floatingDay;
    }
    const date = stamp.date ?? (parts.time ? FLOATING_DATE : null);
    if (!date || !isRealDate(date)) continue;
    const time = parts.time;
    const wall = wallMillis(date.year, date.month, date.day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0) + days * 86_400_000;
    const epoch = stamp.zone && !stamp.zone.isUtc ? zonedMillis(stamp.zone.zone, wall) : wall;
    if (Number.isFinite(epoch) && Math.abs(epoch) <= MAX_EPOCH) stamp.epoch = epoch;
  }
}

// Instants built for messages and hover, by stamp: few stamps are asked, and a field for it cost every stamp 8 bytes.
const instants = new WeakMap<ResolvedStamp, DateTime>();

/**
 * A stamp whose luxon DateTime is only built when something asks for `instant`: rules compare `epoch`. A parse keeps
 * thousands, and the garbage collector copies each while the parse runs: what follows from other fields (the zone's
 * span and source, whether it is in the front matter, a weekday the inferred date contradicts) is worked out when read.
 * The stamp is its own span (its start and end are absolute): the timeline and the evidence read most stamps' spans, a
 * span built per read was more garbage than spans kept, and a span kept was an object per stamp.
 */
class ResolvedStamp implements Stamp {
  readonly start: number;
  readonly end: number;
  zone: ResolvedZone | null = null;
  declaration?: ZoneDeclaration;
  date: CalendarDate | null = null;
  dateSource: Stamp['dateSource'] = 'none';
  dateLine?: number;
  epoch?: number;
  range?: Stamp['range'];

  /** `base`: the offset in the document of the text the stamp was scanned in. */
  constructor(readonly parts: StampParts, readonly line: number, base: number, readonly frontMatterKey: string | undefined) {
    this.start = base + parts.start;
    this.end = base + parts.end;
  }

  get span(): Span {
    return this;
  }

  get inFrontMatter(): boolean {
    return this.frontMatterKey !== undefined;
  }

  /** The scanner's reason, else a written weekday that the date taken from the context contradicts. */
  get invalid(): string | undefined {
    const { parts } = this;
    if (parts.invalid !== undefined || parts.weekday === undefined) return parts.invalid;
    return parts.date !== undefined && parts.date.year === undefined && this.date !== null ? weekdayProblem(this.date, parts.weekday) : undefined;
  }

  /** A zone comes from the stamp's text (its own or its range partner's) unless resolveStamps took a declared one. */
  get zoneSource(): Stamp['zoneSource'] {
    if (this.zone === null) return 'none';
    if (this.declaration) return 'declared';
    return this.parts.zone?.implied ? 'range' : 'written';
  }

  /** A written zone's span, read by few rules and for few stamps (a daylight-saving name, a range being swapped). */
  get zoneSpan(): Span | undefined {
    const zone = this.parts.zone;
    if (!zone || zone.implied) return undefined;
    const base = this.span.start - this.parts.start;
    return { start: base + zone.start, end: base + zone.end };
  }

  get instant(): DateTime | undefined {
    if (this.epoch === undefined) return undefined;
    let instant = instants.get(this);
    if (instant === undefined) instants.set(this, (instant = DateTime.fromMillis(this.epoch, { zone: FixedOffsetZone.utcInstance })));
    return instant;
  }
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The written date in `year`: the scanner's own object when it wrote the year (scanned dates are never changed). */
function asCalendarDate(written: NonNullable<StampParts['date']>, year: number): CalendarDate {
  return written.year === year && !written.implied ? (written as CalendarDate) : { year, month: written.month, day: written.day };
}

function sameDay(date: CalendarDate | undefined, year: number, month: number, day: number): boolean {
  return date !== undefined && date.year === year && date.month === month && date.day === day;
}

function isRealDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * A clock time before the previous one is the next day only when the gap forward is short: 23:55 → 00:10 in a
 * timeline (6 h at most). The end of a written range ("22:00 to 07:00") is the next day for any gap under 12 h: a
 * range reads forward, and only the longer way round is more likely a slip than a night.
 */
export function isRollover(previousMinutes: number, minutes: number, rangeEnd: boolean): boolean {
  return minutes < previousMinutes && minutes + 1440 - previousMinutes <= (rangeEnd ? 719 : 360);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayProblem(date: CalendarDate, weekday: number): string | undefined {
  if (!isRealDate(date)) return undefined;
  // 1 = Monday … 7 = Sunday, as luxon and StampParts count.
  const actual = new Date(wallMillis(date.year, date.month, date.day)).getUTCDay() || 7;
  if (actual === weekday) return undefined;
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)} was a ${WEEKDAYS[actual - 1]}, not a ${WEEKDAYS[weekday - 1]}`;
}

function nextDay(date: CalendarDate): CalendarDate {
  if (!isRealDate(date)) return date;
  const next = new Date(wallMillis(date.year, date.month, date.day) + 86_400_000);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
