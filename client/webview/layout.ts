// Geometry of the timeline, without the DOM: a vertical time axis that is linear between entries and compresses
// gaps much longer than the usual spacing into a fixed-height break, and cards placed as close to their point on
// the axis as they can be without overlapping.

const MINUTE = 60_000;

/** Text widths in the chart's fonts: a canvas in the page, a stub in tests. */
export type Measure = (text: string, font: 'time' | 'text' | 'note' | 'pill') => number;
/** A gap is compressed when it is this many times the median gap… */
const BREAK_FACTOR = 4;
/** …and at least this long. */
const MIN_BREAK_MINUTES = 45;
export const BREAK_HEIGHT = 36;
const MIN_PX_PER_MINUTE = 0.05;
const MAX_PX_PER_MINUTE = 30;

export interface AxisSegment {
  from: number;
  to: number;
  y0: number;
  y1: number;
}

export interface AxisBreak {
  from: number;
  to: number;
  y0: number;
  y1: number;
}

export interface Axis {
  segments: AxisSegment[];
  breaks: AxisBreak[];
  pxPerMinute: number;
  top: number;
  bottom: number;
  y(time: number): number;
}

/** For each gap between consecutive distinct times, whether it is compressed. */
export function compressedGaps(times: readonly number[]): boolean[] {
  const gaps = times.slice(1).map((time, i) => time - times[i]);
  const sorted = gaps.filter((gap) => gap > 0).sort((a, b) => a - b);
  if (sorted.length < 2) return gaps.map(() => false);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  const threshold = Math.max(BREAK_FACTOR * median, MIN_BREAK_MINUTES * MINUTE);
  return gaps.map((gap) => gap > threshold);
}

/**
 * `times`: sorted ascending, distinct (ms). The scale makes the axis about as long as `contentHeight` (the cards'
 * total height), so cards stay near their points; `top` is where the first time sits.
 */
export function buildAxis(times: readonly number[], top: number, contentHeight: number): Axis {
  const compressed = compressedGaps(times);
  const linearMinutes = compressed.reduce((sum, isBreak, i) => (isBreak ? sum : sum + (times[i + 1] - times[i]) / MINUTE), 0);
  const breakCount = compressed.filter(Boolean).length;
  const target = Math.max(contentHeight - breakCount * BREAK_HEIGHT, 40);
  const pxPerMinute = linearMinutes > 0 ? Math.min(MAX_PX_PER_MINUTE, Math.max(MIN_PX_PER_MINUTE, target / linearMinutes)) : 0;
  const segments: AxisSegment[] = [];
  const breaks: AxisBreak[] = [];
  if (times.length === 0) return { segments, breaks, pxPerMinute, top, bottom: top, y: () => top };
  let segment: AxisSegment = { from: times[0], to: times[0], y0: top, y1: top };
  for (let i = 0; i < compressed.length; i++) {
    if (compressed[i]) {
      segments.push(segment);
      breaks.push({ from: times[i], to: times[i + 1], y0: segment.y1, y1: segment.y1 + BREAK_HEIGHT });
      segment = { from: times[i + 1], to: times[i + 1], y0: segment.y1 + BREAK_HEIGHT, y1: segment.y1 + BREAK_HEIGHT };
    } else {
      segment.to = times[i + 1];
      segment.y1 += ((times[i + 1] - times[i]) / MINUTE) * pxPerMinute;
    }
  }
  segments.push(segment);
  const y = (time: number): number => {
    for (const candidate of segments) {
      if (time <= candidate.to) {
        if (time <= candidate.from) return candidate.y0;
        return candidate.y0 + ((time - candidate.from) / MINUTE) * pxPerMinute;
      }
    }
    return segments[segments.length - 1].y1;
  };
  return { segments, breaks, pxPerMinute, top, bottom: segments[segments.length - 1].y1, y };
}

/** Tick spacing in minutes: the smallest round step at least `minPx` apart. */
export function tickStep(pxPerMinute: number, minPx = 44): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
  return steps.find((step) => step * pxPerMinute >= minPx) ?? steps[steps.length - 1];
}

/** Round times (in the zone `offsetMinutes` describes) inside a segment. */
export function segmentTicks(segment: AxisSegment, stepMinutes: number, offsetMinutes: (ms: number) => number): number[] {
  if (segment.to <= segment.from) return [];
  const step = stepMinutes * MINUTE;
  const offset = offsetMinutes(segment.from) * MINUTE;
  const ticks: number[] = [];
  for (let local = Math.ceil((segment.from + offset) / step) * step; local - offset <= segment.to; local += step) ticks.push(local - offset);
  return ticks;
}

/**
 * Tops for boxes of the given heights that want to sit at `desired` tops, in order, at least `gap` apart and not
 * above `minTop`: overlapping boxes form a cluster centred on where its members want to be.
 */
export function placeBoxes(desired: readonly number[], heights: readonly number[], gap: number, minTop: number): number[] {
  interface Cluster {
    first: number;
    count: number;
    top: number;
    height: number;
    /** Sum over members of (desired top − offset in the cluster). */
    wanted: number;
  }
  const clusters: Cluster[] = [];
  for (let i = 0; i < desired.length; i++) {
    clusters.push({ first: i, count: 1, top: Math.max(minTop, desired[i]), height: heights[i], wanted: desired[i] });
    for (;;) {
      const last = clusters[clusters.length - 1];
      const previous = clusters[clusters.length - 2];
      if (!previous || previous.top + previous.height + gap <= last.top) break;
      const offset = previous.height + gap;
      const merged: Cluster = {
        first: previous.first,
        count: previous.count + last.count,
        height: previous.height + gap + last.height,
        wanted: previous.wanted + last.wanted - offset * last.count,
        top: 0,
      };
      merged.top = Math.max(minTop, merged.wanted / merged.count);
      clusters.splice(clusters.length - 2, 2, merged);
    }
  }
  const tops: number[] = [];
  for (const cluster of clusters) {
    let top = cluster.top;
    for (let i = cluster.first; i < cluster.first + cluster.count; i++) {
      tops.push(top);
      top += heights[i] + gap;
    }
  }
  return tops;
}

/** Greedy word wrap; a word wider than the line is cut. At most `max` lines, the last one ending in an ellipsis. */
export function wrap(content: string, width: number, font: Parameters<Measure>[1], measure: Measure, max: number): string[] {
  const words = content.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate, font) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    while (measure(word, font) > width && word.length > 1) {
      let cut = word.length - 1;
      while (cut > 1 && measure(word.slice(0, cut), font) > width) cut--;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = `${kept[max - 1]}…`;
  while (last.length > 1 && measure(last, font) > width) last = `${last.slice(0, -2)}…`;
  kept[max - 1] = last;
  return kept;
}
