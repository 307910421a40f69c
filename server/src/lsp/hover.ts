// Hover: a timestamp's UTC value, where its zone and date came from, its local time and the time since the impact
// start; a stated duration's claimed interval and the value the document gives for it.
import { type Hover, MarkupKind } from 'vscode-languageserver';
import { formatDurationShort } from '../core/durations';
import { chooseMilestones, CLAIM_ENDS, type MilestoneChoice } from '../core/milestones';
import type { ClaimKind, DurationRef, Postmortem, Stamp } from '../core/model';
import { describeInstant, minutesBetween } from '../core/rules/describe';
import { targetOf, type Services } from './documents';

const CLAIM_TEXT: Record<ClaimKind, string> = {
  impact: 'impact start → end of impact (resolved, else mitigated)',
  detect: 'impact start → detected',
  mitigate: 'impact start → mitigated',
  resolve: 'impact start → resolved',
};

export async function provideHover(services: Services, params: unknown): Promise<Hover | null> {
  const target = await targetOf(services, params, true);
  if (typeof target === 'string') return null;
  const doc = services.analyzer.parse(target.document, target.settings);
  const offset = doc.index.offsetAt((params as { position: { line: number; character: number } }).position);
  const at = (span: { start: number; end: number }) => span.start <= offset && offset < span.end;
  const stamp = doc.stamps.find((candidate) => at(candidate.span));
  if (stamp) return hover(doc, stamp.span, describeStamp(doc, stamp));
  const duration = doc.durations.find((candidate) => at(candidate.span));
  if (duration) return hover(doc, duration.span, describeDuration(doc, duration));
  return null;
}

function hover(doc: Postmortem, span: { start: number; end: number }, lines: string[]): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: doc.index.rangeOf(span) };
}

function describeStamp(doc: Postmortem, stamp: Stamp): string[] {
  const written = `\`${stamp.parts.text}\``;
  if (stamp.invalid) return [`**Invalid timestamp** ${written}: ${stamp.invalid}.`];
  if (!stamp.instant) return [`${written}: not a point in time.`];
  const { parts } = stamp;
  const dated = stamp.dateSource !== 'none';
  const format = (parts.time ? (dated ? 'yyyy-MM-dd ' : '') + (parts.precision === 'second' ? 'HH:mm:ss' : 'HH:mm') : 'yyyy-MM-dd');
  const lines = [`**${stamp.instant.toUTC().toFormat(format)}${parts.time ? ' UTC' : ''}**`];
  lines.push(describeZone(stamp));
  if (stamp.zone && !stamp.zone.isUtc && parts.time) {
    lines.push(`Local time: ${stamp.instant.setZone(stamp.zone.zone).toFormat(`${dated ? 'yyyy-MM-dd ' : ''}HH:mm 'UTC'ZZ`)} (${stamp.zone.iana ?? stamp.zone.name}).`);
  }
  lines.push(describeDate(stamp));
  if (parts.time) {
    const since = sinceImpactStart(doc, stamp);
    if (since) lines.push(since);
  }
  return lines;
}

function describeZone(stamp: Stamp): string {
  const zone = stamp.zone;
  switch (stamp.zoneSource) {
    case 'written': return `Zone: ${zone!.name}, as written${zone!.iana ? ` (${zone!.iana})` : ''}.`;
    case 'range': return `Zone: ${zone!.name}, from the other end of the range.`;
    case 'declared': return `Zone: ${zone!.name}, declared on line ${stamp.declaration!.line + 1}.`;
    default: return 'Zone: none written or declared; read as UTC.';
  }
}

function describeDate(stamp: Stamp): string {
  const from = stamp.dateLine !== undefined ? `line ${stamp.dateLine + 1}` : 'the front matter';
  switch (stamp.dateSource) {
    case 'written': return 'Date: as written.';
    case 'context': return `Date: inferred from ${from}.`;
    case 'rollover': return `Date: the day after ${from}; a midnight rollover was assumed because the time is earlier than the entry before it.`;
    default: return 'Date: none in the document; only the time of day is known.';
  }
}

function sinceImpactStart(doc: Postmortem, stamp: Stamp): string | undefined {
  const start = chooseMilestones(doc).start;
  if (!start?.stamp.instant) return undefined;
  if (start.stamp === stamp) return `This is the impact start (${start.source}).`;
  const minutes = minutesBetween(start.stamp.instant, stamp.instant!);
  if (minutes === 0) return `At the impact start, ${point(start, stamp)}.`;
  return `${formatDurationShort(Math.abs(minutes))} ${minutes > 0 ? 'after' : 'before'} the impact start, ${point(start, stamp)}.`;
}

/** One end of an interval and why it is that end. */
interface End {
  stamp: Stamp;
  source: string;
}

/** "19:19 UTC (line 23, first timeline entry)"; the date only when `other` is on another day. */
function point(end: End, other: Stamp): string {
  const withDate = !end.stamp.instant!.hasSame(other.instant!, 'day');
  return `${describeInstant(end.stamp, withDate)} (line ${end.stamp.line + 1}, ${end.source})`;
}

function describeDuration(doc: Postmortem, duration: DurationRef): string[] {
  const { match } = duration;
  const minutes = Number(match.minutes.toFixed(2));
  const claim = doc.claims.find((candidate) => candidate.duration === duration);
  if (!claim) return [`\`${match.text}\` = ${minutes} minutes.`];
  const lines = [
    `**${match.text}** (${claim.label}) = ${minutes} minutes, ±${match.tolerance} at its stated precision.`,
    `Claims the interval ${CLAIM_TEXT[claim.kind]}.`,
  ];
  const window = doc.windows.find((candidate) => candidate.line === duration.line);
  const interval = window
    ? { from: { stamp: window.from, source: 'window stated on this line' }, to: { stamp: window.to, source: 'window stated on this line' } }
    : milestonesFor(chooseMilestones(doc), claim.kind);
  if (!interval) {
    lines.push('The document does not give both ends of this interval.');
    return lines;
  }
  const { from, to } = interval;
  const computed = minutesBetween(from.stamp.instant!, to.stamp.instant!);
  lines.push(`From ${point(from, to.stamp)} to ${point(to, from.stamp)}: ${formatDurationShort(computed)} (${computed} minutes).`);
  return lines;
}

function milestonesFor(choice: MilestoneChoice, kind: ClaimKind): { from: End; to: End } | undefined {
  const from = choice.start;
  const to = CLAIM_ENDS[kind].map((end) => choice[end]).find((item) => item !== undefined);
  return from?.stamp.instant && to?.stamp.instant ? { from, to } : undefined;
}
