// A Mermaid `timeline` diagram of a postmortem: entries grouped by UTC day, then milestones and metrics.
import type { Metrics, MilestoneKind, TimelineData } from './types';

const MILESTONE_LABEL: Record<MilestoneKind, string> = {
  start: 'Impact start',
  detected: 'Detected',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

const METRICS: readonly [keyof Metrics, string][] = [
  ['timeToDetect', 'Time to detect'],
  ['timeToMitigate', 'Time to mitigate'],
  ['timeToResolve', 'Time to resolve'],
  ['impactDuration', 'Impact duration'],
];

export function timelineToMermaid(data: TimelineData): string {
  const lines = ['timeline'];
  if (data.title) lines.push(`    title ${escapeText(data.title)}`);
  let section: string | undefined;
  for (const entry of data.entries) {
    const when = splitInstant(entry.utc);
    const name = when ? `${when.date} UTC` : 'Times not resolved';
    if (name !== section) {
      lines.push(`    section ${escapeText(name)}`);
      section = name;
    }
    const events = [entry.text.trim() || entry.stamp, ...entry.milestones.map((kind) => MILESTONE_LABEL[kind])];
    lines.push(`        ${[when ? when.time : entry.stamp, ...events].map(escapeText).join(' : ')}`);
  }
  const milestones = Object.entries(MILESTONE_LABEL).flatMap(([kind, label]) => {
    const milestone = data.milestones[kind as MilestoneKind];
    const when = milestone && splitInstant(milestone.utc);
    return milestone && when ? [`        ${escapeText(label)} : ${escapeText(`${when.date} ${when.time} UTC (${milestone.source})`)}`] : [];
  });
  if (milestones.length > 0) lines.push('    section Milestones', ...milestones);
  const metrics = METRICS.flatMap(([key, label]) => {
    const minutes = data.metrics[key];
    return minutes === undefined ? [] : [`        ${escapeText(label)} : ${escapeText(formatMinutes(minutes))}`];
  });
  if (metrics.length > 0) lines.push('    section Metrics', ...metrics);
  return lines.join('\n');
}

/**
 * Mermaid entity codes for the characters its timeline grammar gives meaning to (`:` separates events, `#` and
 * `%%` start comments, `;` ends statements) and for markup (`<`, `>`, `&`); line breaks become spaces.
 */
function escapeText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#:;%<>&]/g, (char) => `#${char.charCodeAt(0)};`);
}

function splitInstant(utc: string | null): { date: string; time: string } | null {
  const date = utc === null ? null : new Date(utc);
  if (!date || Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return { date: iso.slice(0, 10), time: time.endsWith(':00') ? time.slice(0, 5) : time };
}

/** `26min`, `4h 25min`, `1d 5h 47min`, as postmortems write durations. */
function formatMinutes(value: number): string {
  const total = Math.round(Math.abs(value));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [days > 0 ? `${days}d` : '', hours > 0 ? `${hours}h` : '', minutes > 0 || total === 0 ? `${minutes}min` : ''];
  return `${value < 0 && total > 0 ? '-' : ''}${parts.filter(Boolean).join(' ')}`;
}
