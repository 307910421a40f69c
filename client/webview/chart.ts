// The timeline drawing: one SVG, rebuilt in place on every update (same element, so scroll and focus of the page
// stay). All document text goes in through textContent; nothing is parsed as markup.
import type { MilestoneKind, TimelineData, TimelineEntryData } from '../../server/src/core/types';
import { formatDuration, type Clock } from './format';
import { buildAxis, placeBoxes, segmentTicks, tickStep, wrap, type Axis, type Measure } from './layout';

const SVG = 'http://www.w3.org/2000/svg';
const MINUTE = 60_000;

export const MILESTONE_LABEL: Record<MilestoneKind, string> = {
  start: 'Impact start',
  detected: 'Detected',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};
export const MILESTONE_KINDS: readonly MilestoneKind[] = ['start', 'detected', 'mitigated', 'resolved'];

// Geometry, in CSS pixels.
const GUTTER = 92;
const AXIS_X = GUTTER + 16;
const CARD_X = AXIS_X + 30;
const RIGHT = 14;
const TOP = 24;
const PAD = 8;
const CARD_GAP = 8;
const HEADER_LINE = 20;
const TEXT_LINE = 18;
const NOTE_LINE = 16;
const PROBLEM_LINE = 17;
const MAX_TEXT_LINES = 4;
const MAX_PROBLEM_LINES = 3;
const PILL_GAP = 6;
const DATE_GAP = 6;

export interface ChartOptions {
  clock: Clock;
  width: number;
  measure: Measure;
}

interface Card {
  kind: 'entry' | 'milestone';
  line: number;
  time: number | null;
  /** The first line's time: in the chosen zone, or the stamp as written when it has no instant. */
  header: string;
  /** The day, on the first card of each day. */
  date: string;
  milestones: MilestoneKind[];
  textLines: string[];
  note: string;
  problemLines: string[];
  problems: string[];
  fullText: string;
  height: number;
}

function svg<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number> = {}, className?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (className) element.setAttribute('class', className);
  return element;
}

function text(x: number, y: number, content: string, className: string, anchor?: 'end' | 'middle'): SVGTextElement {
  const element = svg('text', anchor ? { x, y, 'text-anchor': anchor } : { x, y }, className);
  element.textContent = content;
  return element;
}

function entryCard(entry: TimelineEntryData, clock: Clock, textWidth: number, measure: Measure): Card {
  const parsed = entry.utc === null ? NaN : Date.parse(entry.utc);
  const time = Number.isNaN(parsed) ? null : parsed;
  const body = entry.text.trim() || entry.stamp;
  const notes = [entry.zone && entry.zone !== 'UTC' ? `written ${entry.stamp}` : '', entry.dateInferred ? 'date inferred' : ''].filter(Boolean);
  const problems = [...new Set(entry.problems)];
  const problemLines = problems.flatMap((problem) => wrap(`⚠ ${problem}`, textWidth, 'note', measure, MAX_PROBLEM_LINES));
  return {
    kind: 'entry',
    line: entry.line,
    time,
    header: time === null ? entry.stamp : clock.time(time),
    date: '',
    milestones: entry.milestones,
    textLines: wrap(body, textWidth, 'text', measure, MAX_TEXT_LINES),
    note: notes.join(' · '),
    problemLines,
    problems,
    fullText: body,
    height: 0,
  };
}

function milestoneCard(kind: MilestoneKind, time: number, line: number, source: string, clock: Clock, textWidth: number, measure: Measure): Card {
  return {
    kind: 'milestone',
    line,
    time,
    header: clock.time(time),
    date: '',
    milestones: [kind],
    textLines: wrap(`${MILESTONE_LABEL[kind]}, from ${source}`, textWidth, 'text', measure, MAX_TEXT_LINES),
    note: '',
    problemLines: [],
    problems: [],
    fullText: `${MILESTONE_LABEL[kind]}, from ${source}`,
    height: 0,
  };
}

/** Where the header's pills start: after the time and, on a new day, the date. */
function headerReserve(card: Card, measure: Measure): number {
  return measure(card.header, 'time') + (card.date ? DATE_GAP + measure(card.date, 'note') : 0) + PILL_GAP * 2;
}

/** The header's pills, wrapping to more rows when they do not fit after the time. */
function pillRows(card: Card, textWidth: number, measure: Measure): { kind: MilestoneKind; row: number; x: number; width: number }[] {
  let row = 0;
  let x = headerReserve(card, measure);
  return card.milestones.map((kind) => {
    const width = measure(MILESTONE_LABEL[kind], 'pill') + 14;
    if (x + width > textWidth && x > 0) {
      row++;
      x = 0;
    }
    const placed = { kind, row, x, width };
    x += width + PILL_GAP;
    return placed;
  });
}

function headerRows(card: Card, textWidth: number, measure: Measure): number {
  return 1 + Math.max(0, ...pillRows(card, textWidth, measure).map((pill) => pill.row));
}

function cardHeight(card: Card, textWidth: number, measure: Measure): number {
  return PAD * 2 + headerRows(card, textWidth, measure) * HEADER_LINE + card.textLines.length * TEXT_LINE + (card.note ? NOTE_LINE : 0) + card.problemLines.length * PROBLEM_LINE;
}

/** Draws `data` into `root`, replacing what it held. */
export function renderChart(root: SVGSVGElement, data: TimelineData, { clock, width, measure }: ChartOptions): void {
  const cardWidth = Math.max(160, width - CARD_X - RIGHT);
  const textWidth = cardWidth - PAD * 2 - 4;
  const cards = data.entries.map((entry) => entryCard(entry, clock, textWidth, measure));
  const entryLines = new Set(data.entries.map((entry) => entry.line));
  for (const kind of MILESTONE_KINDS) {
    const milestone = data.milestones[kind];
    const time = milestone ? Date.parse(milestone.utc) : NaN;
    // A milestone read from elsewhere (front matter, a field line, a stated window) gets a card of its own.
    if (milestone && !entryLines.has(milestone.line) && !Number.isNaN(time)) {
      cards.push(milestoneCard(kind, time, milestone.line, milestone.source, clock, textWidth, measure));
    }
  }
  const placedCards = cards.filter((card) => card.time !== null).sort((a, b) => a.time! - b.time! || a.line - b.line);
  const unplacedCards = cards.filter((card) => card.time === null);
  let previousDay = '';
  for (const card of placedCards) {
    const day = clock.date(card.time!);
    if (day !== previousDay) card.date = clock.shortDate(card.time!);
    previousDay = day;
  }
  for (const card of cards) card.height = cardHeight(card, textWidth, measure);

  const times = [...new Set(placedCards.map((card) => card.time!))].sort((a, b) => a - b);
  const contentHeight = placedCards.reduce((sum, card) => sum + card.height + CARD_GAP, 0);
  const axis = buildAxis(times, TOP, contentHeight);
  const anchor = PAD + HEADER_LINE / 2;
  const tops = placeBoxes(placedCards.map((card) => axis.y(card.time!) - anchor), placedCards.map((card) => card.height), CARD_GAP, 6);

  const layers = {
    ticks: svg('g', {}, 'pm-ticks'),
    impact: svg('g', {}, 'pm-impact'),
    axis: svg('g', {}, 'pm-axis'),
    cards: svg('g', {}, 'pm-cards'),
    points: svg('g', {}, 'pm-points'),
  };
  if (times.length) {
    drawTicks(layers.ticks, axis, clock);
    drawImpact(layers.impact, data, axis, clock);
    drawAxis(layers.axis, axis);
  }
  placedCards.forEach((card, i) => layers.cards.append(drawCard(card, tops[i], axis.y(card.time!), cardWidth, clock, measure)));
  // Points above the cards' connectors, milestones above plain entries: a milestone a minute from another entry
  // stays visible.
  const milestonesLast = [...placedCards].sort((a, b) => Number(a.milestones.length > 0) - Number(b.milestones.length > 0));
  for (const card of milestonesLast) layers.points.append(drawPoint(card, axis.y(card.time!)));

  let bottom = Math.max(axis.bottom, placedCards.length ? tops[tops.length - 1] + placedCards[placedCards.length - 1].height : 0);
  if (unplacedCards.length) {
    bottom += 28;
    const heading = text(CARD_X, bottom, 'Not on the axis: their time could not be resolved', 'pm-section-heading');
    layers.cards.append(heading);
    bottom += 10;
    for (const card of unplacedCards) {
      layers.cards.append(drawCard(card, bottom, null, cardWidth, clock, measure));
      bottom += card.height + CARD_GAP;
    }
  }
  const height = Math.ceil(bottom + 16);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.replaceChildren(layers.ticks, layers.impact, layers.axis, layers.cards, layers.points);
}

function drawTicks(layer: SVGGElement, axis: Axis, clock: Clock): void {
  const step = tickStep(axis.pxPerMinute || 1);
  let previousDay = '';
  for (const segment of axis.segments) {
    const ticks = segmentTicks(segment, step, clock.offsetMinutes);
    // A segment too short for a round tick (one entry after a break) is labelled at its time.
    if (!ticks.length) ticks.push(segment.from);
    for (const time of ticks) {
      const y = axis.y(time);
      layer.append(svg('line', { x1: AXIS_X - 5, x2: AXIS_X + 5, y1: y, y2: y }, 'pm-tick'));
      layer.append(text(GUTTER - 6, y + 4, clock.time(time), 'pm-tick-label', 'end'));
      const day = clock.date(time);
      if (day !== previousDay) {
        layer.append(text(GUTTER - 6, y - 10, clock.shortDate(time), 'pm-tick-date', 'end'));
        previousDay = day;
      }
    }
  }
}

function drawImpact(layer: SVGGElement, data: TimelineData, axis: Axis, clock: Clock): void {
  const start = data.milestones.start;
  const end = data.milestones.resolved ?? data.milestones.mitigated;
  if (!start) return;
  const from = Date.parse(start.utc);
  const to = end ? Date.parse(end.utc) : axis.segments[axis.segments.length - 1].to;
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return;
  const y0 = axis.y(from);
  const y1 = Math.max(axis.y(to), y0 + 2);
  const band = svg('rect', { x: AXIS_X - 9, y: y0, width: 18, height: y1 - y0, rx: 4 }, end ? 'pm-impact-band' : 'pm-impact-band pm-impact-band--open');
  const title = svg('title');
  const minutes = Math.round((to - from) / MINUTE);
  title.textContent = end
    ? `Impact: ${clock.time(from)} → ${clock.time(to)} ${clock.abbreviation(to)} (${formatDuration(minutes)})`
    : `Impact from ${clock.time(from)} ${clock.abbreviation(from)}; its end is not known`;
  band.append(title);
  layer.append(band);
}

function drawAxis(layer: SVGGElement, axis: Axis): void {
  for (const segment of axis.segments) {
    layer.append(svg('line', { x1: AXIS_X, x2: AXIS_X, y1: segment.y0 - 8, y2: segment.y1 + 8 }, 'pm-axis-line'));
  }
  for (const gap of axis.breaks) {
    const middle = (gap.y0 + gap.y1) / 2;
    const group = svg('g', {}, 'pm-break');
    // Two slanted strokes across the axis: the usual mark for a cut scale.
    for (const dy of [-4, 4]) {
      group.append(svg('line', { x1: AXIS_X - 9, x2: AXIS_X + 9, y1: middle + dy + 3, y2: middle + dy - 3 }, 'pm-break-mark'));
    }
    group.append(text(GUTTER - 6, middle + 4, `${formatDuration((gap.to - gap.from) / MINUTE)} later`, 'pm-break-label', 'end'));
    const title = svg('title');
    title.textContent = `The axis skips ${formatDuration((gap.to - gap.from) / MINUTE)} with no entries (scale compressed).`;
    group.append(title);
    layer.append(group);
  }
}

/** The entry's mark on the axis: a diamond in the milestone's colour, or a circle; ringed when it has problems. */
function drawPoint(card: Card, y: number): SVGGElement {
  const group = svg('g', { 'data-line': card.line }, card.problems.length ? 'pm-mark pm-mark--problem' : 'pm-mark');
  if (card.problems.length) group.append(svg('circle', { cx: AXIS_X, cy: y, r: 9 }, 'pm-point-ring'));
  const kind = card.milestones[0];
  if (kind) {
    const r = 6.5;
    group.append(svg('path', { d: `M ${AXIS_X} ${y - r} L ${AXIS_X + r} ${y} L ${AXIS_X} ${y + r} L ${AXIS_X - r} ${y} Z` }, `pm-point pm-point--milestone pm-kind-${kind}`));
  } else {
    group.append(svg('circle', { cx: AXIS_X, cy: y, r: 4.5 }, 'pm-point'));
  }
  const title = svg('title');
  title.textContent = card.fullText;
  group.append(title);
  return group;
}

function drawCard(card: Card, top: number, pointY: number | null, cardWidth: number, clock: Clock, measure: Measure): SVGGElement {
  const classes = ['pm-card', card.problems.length ? 'pm-card--problem' : '', card.kind === 'milestone' ? 'pm-card--milestone' : ''];
  const group = svg('g', { 'data-line': card.line, tabindex: 0, role: 'button' }, classes.filter(Boolean).join(' '));
  const when = card.time === null ? card.header : `${card.header} ${clock.abbreviation(card.time)}`;
  group.setAttribute('aria-label', `${when}: ${card.fullText}${card.problems.length ? `. Problems: ${card.problems.join(' ')}` : ''} (line ${card.line + 1})`);
  const tooltip = svg('title');
  tooltip.textContent = [`${when} · line ${card.line + 1}`, card.fullText, ...card.problems.map((problem) => `⚠ ${problem}`)].join('\n');
  group.append(tooltip);

  const anchorY = top + PAD + HEADER_LINE / 2;
  if (pointY !== null) {
    const path = `M ${AXIS_X + 6} ${pointY} C ${AXIS_X + 18} ${pointY}, ${CARD_X - 14} ${anchorY}, ${CARD_X} ${anchorY}`;
    group.append(svg('path', { d: path }, 'pm-link'));
  }
  group.append(svg('rect', { x: CARD_X, y: top, width: cardWidth, height: card.height, rx: 4 }, 'pm-card-box'));
  if (card.problems.length) group.append(svg('rect', { x: CARD_X, y: top, width: 3, height: card.height, rx: 1.5 }, 'pm-card-accent'));

  const x = CARD_X + PAD + 4;
  let y = top + PAD + 14;
  group.append(text(x, y, card.header, 'pm-card-time'));
  if (card.date) group.append(text(x + measure(card.header, 'time') + DATE_GAP, y, card.date, 'pm-card-date'));
  const textWidth = cardWidth - PAD * 2 - 4;
  for (const pill of pillRows(card, textWidth, measure)) {
    const pillY = y - 12 + pill.row * HEADER_LINE;
    const pillGroup = svg('g', {}, `pm-pill pm-kind-${pill.kind}`);
    pillGroup.append(svg('rect', { x: x + pill.x, y: pillY, width: pill.width, height: 16, rx: 8 }, 'pm-pill-box'));
    pillGroup.append(text(x + pill.x + pill.width / 2, pillY + 12, MILESTONE_LABEL[pill.kind], 'pm-pill-label', 'middle'));
    group.append(pillGroup);
  }
  y += (headerRows(card, textWidth, measure) - 1) * HEADER_LINE;
  for (const line of card.textLines) {
    y += TEXT_LINE;
    group.append(text(x, y, line, 'pm-card-text'));
  }
  if (card.note) {
    y += NOTE_LINE;
    group.append(text(x, y, card.note, 'pm-card-note'));
  }
  for (const line of card.problemLines) {
    y += PROBLEM_LINE;
    group.append(text(x, y, line, 'pm-card-problem'));
  }
  return group;
}
