// Milestones (impact start, detected, mitigated, resolved) and the durations a document states about them.
// Evidence comes in strengths: markers and front matter beat field lines, which beat keywords in entries.
import type { ClaimKind, DurationClaim, MilestoneEvidence, Postmortem, Stamp } from './model';
import { normalizeHeading } from './template';
import type { MilestoneKind } from './types';

type EvidenceKind = MilestoneKind | 'declared';

// A stated window counts for every reading, but names a milestone only when the timeline has nothing better.
export const STRENGTH = { window: 0.5, keyword: 1, field: 4, frontMatter: 5, marker: 6 } as const;

const FRONT_MATTER_KEYS: Record<string, EvidenceKind> = {
  start_time: 'start', started_at: 'start', start: 'start', impact_start: 'start', began_at: 'start', date: 'start',
  detected_at: 'detected', detected: 'detected', detection_time: 'detected',
  mitigated_at: 'mitigated', mitigated: 'mitigated',
  end_time: 'resolved', ended_at: 'resolved', end: 'resolved', resolved_at: 'resolved', resolvedwhen: 'resolved', resolved_when: 'resolved',
};

// Field labels, matched on the normalised label: "First detected", "**Repaired**:", "| Start time |".
const FIELD_LABELS: [RegExp, EvidenceKind][] = [
  [/^(?:impact start|incident start|start(?: time)?|started|outage start(?:ed)?|began)$/, 'start'],
  [/^(?:first detected|detected|detection(?: time)?|detected at)$/, 'detected'],
  [/^(?:incident declared|declared)$/, 'declared'],
  [/^(?:repaired|mitigated|mitigation(?: time)?|fixed|restored|recovered)$/, 'mitigated'],
  [/^(?:resolved|resolution(?: time)?|end(?: time)?|ended|closed|outage end(?:ed)?)$/, 'resolved'],
];
// The same labels written without a colon before the stamp: "  - First detected 2021-09-04 22:05".
const LABEL_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z ]{2,30}?)(?:\*\*|__)?\s*:?\s+$/;

const MARKERS: [RegExp, EvidenceKind, string][] = [
  [/(?:<|&lt;)\s*start of (?:the )?(?:outage|incident|impact)\s*(?:>|&gt;)|\boutage (?:begins|starts)\b|\[start\]/i, 'start', 'start marker'],
  [/\[detected\]/i, 'detected', '[detected] tag'],
  [/\[mitigated\]/i, 'mitigated', '[mitigated] tag'],
  [/(?:<|&lt;)\s*end of (?:the )?(?:outage|incident|impact)\s*(?:>|&gt;)|\boutage (?:ends|ended)\b|\[resolved\]|\[end\]/i, 'resolved', 'end marker'],
];

const KEYWORDS: [RegExp, MilestoneKind][] = [
  [/\b(?:first errors?|errors?|failures?|failing|failed|outage|degrad(?:ed|ation)|unavailable|unable to|crash\w*|5\d\d\b|stop(?:s|ped) \w+ing|broke|breakage|elevated)\b/i, 'start'],
  [/\b(?:alert(?:s|ed)?|paged?|noticed|detected|reported|reports|discovered|observed|became aware|notified|reaching out|investigat\w*)\b/i, 'detected'],
  [/\b(?:rolled back|reverted|restored|recovered|mitigated|fixed|fix (?:lands|landed|deployed)|hotfix (?:was )?deployed|back to (?:normal|nominal)|resumed|workaround)\b/i, 'mitigated'],
  [/\b(?:resolved|all clear|closed|fully (?:re)?(?:stored|established|recovered|operational)|incident (?:is )?over)\b/i, 'resolved'],
];

export function readEvidence(doc: Postmortem): MilestoneEvidence[] {
  const evidence: MilestoneEvidence[] = [];
  const usable = (stamp: Stamp | undefined): stamp is Stamp => !!stamp && !!stamp.instant && !!stamp.parts.time;
  const hasStartKey = doc.stamps.some((stamp) => stamp.frontMatterKey && FRONT_MATTER_KEYS[stamp.frontMatterKey.toLowerCase()] === 'start' && stamp.frontMatterKey !== 'date');
  for (const stamp of doc.stamps) {
    if (!stamp.frontMatterKey || !usable(stamp)) continue;
    const key = stamp.frontMatterKey.toLowerCase();
    const kind = FRONT_MATTER_KEYS[key];
    if (!kind || (key === 'date' && hasStartKey)) continue;
    evidence.push({ kind, stamp, source: `front matter ${stamp.frontMatterKey}`, strength: key === 'date' ? STRENGTH.field : STRENGTH.frontMatter });
  }

  const firstOnLine = new Map<number, Stamp>();
  for (const stamp of doc.stamps) if (!stamp.inFrontMatter && usable(stamp) && !firstOnLine.has(stamp.line)) firstOnLine.set(stamp.line, stamp);
  for (const field of doc.structure.fields) {
    const kind = labelKind(field.key);
    const stamp = firstOnLine.get(field.line);
    if (kind && stamp && stamp.span.start >= field.valueSpan.start) evidence.push({ kind, stamp, source: `"${field.key}"`, strength: STRENGTH.field });
  }
  for (const [line, stamp] of firstOnLine) {
    const before = doc.text.slice(doc.index.lineStarts[line], stamp.span.start);
    const label = LABEL_LINE.exec(before);
    const kind = label && labelKind(label[1]);
    if (kind && !evidence.some((item) => item.stamp === stamp)) evidence.push({ kind, stamp, source: `"${label[1].trim()}"`, strength: STRENGTH.field });
    const lineText = doc.index.lineText(line);
    for (const [pattern, markerKind, source] of MARKERS) {
      if (pattern.test(lineText)) evidence.push({ kind: markerKind, stamp, source, strength: STRENGTH.marker });
    }
  }
  for (const window of doc.windows) {
    if (!window.from.instant || !window.to.instant) continue;
    evidence.push({ kind: 'start', stamp: window.from, source: 'stated window', strength: STRENGTH.window });
    evidence.push({ kind: 'resolved', stamp: window.to, source: 'stated window', strength: STRENGTH.window });
  }
  for (const entry of doc.timeline) {
    if (!usable(entry.stamp)) continue;
    for (const [pattern, kind] of KEYWORDS) {
      const match = pattern.exec(entry.text);
      if (match) evidence.push({ kind, stamp: entry.stamp, source: `"${match[0]}" in the timeline`, strength: STRENGTH.keyword });
    }
  }
  return evidence;
}

function labelKind(label: string): EvidenceKind | undefined {
  const normalized = normalizeHeading(label);
  return FIELD_LABELS.find(([pattern]) => pattern.test(normalized))?.[1];
}

const CLAIM_LABELS: [RegExp, ClaimKind][] = [
  [/^(?:total |incident |outage |impact )?(?:duration|length|downtime)\b|^lasted(?: for)?$|^outage (?:length|duration)|^length of (?:the )?(?:outage|incident)/, 'impact'],
  [/^(?:time to detect(?:ion)?|ttd|mttd|detection time)$/, 'detect'],
  [/^(?:time to (?:repair|recover(?:y)?|mitigat(?:e|ion)|restore|fix)|ttr|ttm|mttr|mttm|recovery time|repair time)$/, 'mitigate'],
  [/^(?:time to resol(?:ve|ution)|resolution time)$/, 'resolve'],
];
// "Lasted for 8h": a claim at the start of a line without a colon.
const LASTED = /^\s*(?:[-*+]\s+)?(lasted(?: for)?|duration)\s+(?=[\d*_])/i;

export function readClaims(doc: Postmortem): DurationClaim[] {
  const claims: DurationClaim[] = [];
  const claimed = new Set<number>();
  const add = (kind: ClaimKind, label: string, line: number, from: number) => {
    const duration = doc.durations.find((candidate) => candidate.line === line && candidate.span.start >= from);
    if (!duration || claimed.has(duration.span.start)) return;
    claimed.add(duration.span.start);
    claims.push({ kind, label, duration });
  };
  for (const field of doc.structure.fields) {
    if (doc.frontMatter && field.line <= doc.frontMatter.endLine) continue;
    const normalized = normalizeHeading(field.key);
    const kind = CLAIM_LABELS.find(([pattern]) => pattern.test(normalized))?.[1];
    if (kind) add(kind, field.key, field.line, field.valueSpan.start);
  }
  for (let line = 0; line < doc.index.lineCount; line++) {
    if (doc.structure.skipped[line]) continue;
    const match = LASTED.exec(doc.index.lineText(line));
    if (match) add('impact', match[1], line, doc.index.lineStarts[line] + match[0].length);
  }
  return claims.sort((a, b) => a.duration.span.start - b.duration.span.start);
}

/** Candidate stamps for a milestone, strongest first; within a strength, the natural pick first. */
export function candidates(doc: Postmortem, kind: EvidenceKind): MilestoneEvidence[] {
  const latestFirst = kind === 'resolved';
  return doc.evidence
    .filter((item) => item.kind === kind)
    .sort((a, b) => b.strength - a.strength
      || (latestFirst ? b.stamp.instant!.toMillis() - a.stamp.instant!.toMillis() : a.stamp.instant!.toMillis() - b.stamp.instant!.toMillis()));
}

export interface MilestoneChoice {
  start?: MilestoneEvidence;
  detected?: MilestoneEvidence;
  mitigated?: MilestoneEvidence;
  resolved?: MilestoneEvidence;
  declared?: MilestoneEvidence;
}

/** The document's milestones: the strongest evidence for each, with the timeline's first and last entries as fallbacks. */
export function chooseMilestones(doc: Postmortem): MilestoneChoice {
  const choice: MilestoneChoice = {};
  for (const kind of ['start', 'detected', 'mitigated', 'resolved', 'declared'] as const) choice[kind] = candidates(doc, kind)[0];
  const dated = doc.timeline.filter((entry) => entry.stamp.instant);
  if (!choice.start) {
    const first = dated.reduce<Stamp | undefined>((best, entry) => (!best || entry.stamp.instant! < best.instant! ? entry.stamp : best), undefined);
    if (first) choice.start = { kind: 'start', stamp: first, source: 'first timeline entry', strength: 0 };
    else if (choice.detected) choice.start = { ...choice.detected, kind: 'start', source: `${choice.detected.source} (no earlier start known)` };
  }
  return choice;
}
