// The timeline data the preview, `postmortem timeline` and `postmortem/timeline` share.
import { lintDocument, type LintOptions } from './lint';
import { chooseMilestones } from './milestones';
import { parse } from './parse';
import type { Metrics, Milestone, MilestoneKind, TimelineData } from './types';

const KINDS: MilestoneKind[] = ['start', 'detected', 'mitigated', 'resolved'];

export function buildTimeline(text: string, options: LintOptions = {}): TimelineData {
  const doc = parse(text, { template: options.template });
  const findings = lintDocument(doc, options);
  const chosen = chooseMilestones(doc);
  const milestones: Partial<Record<MilestoneKind, Milestone>> = {};
  for (const kind of KINDS) {
    const item = chosen[kind];
    if (item?.stamp.instant) milestones[kind] = { kind, utc: item.stamp.instant.toUTC().toISO()!, line: item.stamp.line, source: item.source };
  }
  const minutes = (from?: Milestone, to?: Milestone) =>
    from && to ? Math.round((Date.parse(to.utc) - Date.parse(from.utc)) / 60000) : undefined;
  const metrics: Metrics = {};
  const detect = minutes(milestones.start, milestones.detected);
  const mitigate = minutes(milestones.start, milestones.mitigated);
  const resolve = minutes(milestones.start, milestones.resolved);
  const impact = minutes(milestones.start, milestones.resolved ?? milestones.mitigated);
  if (detect !== undefined) metrics.timeToDetect = detect;
  if (mitigate !== undefined) metrics.timeToMitigate = mitigate;
  if (resolve !== undefined) metrics.timeToResolve = resolve;
  if (impact !== undefined) metrics.impactDuration = impact;

  const entries = doc.timeline.map((entry) => {
    const { stamp } = entry;
    return {
      line: entry.line,
      range: doc.index.rangeOf(stamp.span),
      stamp: stamp.parts.text,
      utc: stamp.instant ? stamp.instant.toUTC().toISO()! : null,
      zone: stamp.zone ? stamp.zone.name : null,
      dateInferred: stamp.dateSource !== 'written',
      text: entry.text,
      milestones: KINDS.filter((kind) => milestones[kind]?.line === entry.line),
      problems: findings.filter((finding) => finding.range.start.line === entry.line).map((finding) => finding.message),
    };
  });
  const times = entries.map((entry) => entry.utc).filter((utc): utc is string => utc !== null).map((utc) => Date.parse(utc));
  let order: TimelineData['order'] = 'empty';
  if (times.length) {
    const ascending = times.every((time, i) => i === 0 || time >= times[i - 1]);
    const descending = times.every((time, i) => i === 0 || time <= times[i - 1]);
    order = ascending ? 'ascending' : descending ? 'descending' : 'unordered';
  }
  const declared = doc.declarations.find((declaration) => doc.timelineSection && declaration.scope.start <= doc.timelineSection.bodyStart + 2) ?? doc.declarations[0];
  return { title: doc.title, declaredZone: declared ? declared.zone.name : null, order, entries, milestones, metrics };
}
