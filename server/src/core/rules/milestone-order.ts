import { chooseMilestones, STRENGTH } from '../milestones';
import type { MilestoneEvidence } from '../model';
import { describeInstant, sameUtcDay } from './describe';
import type { Rule } from './rule';

const SEQUENCE = ['start', 'detected', 'declared', 'mitigated', 'resolved'] as const;
const NAMES: Record<(typeof SEQUENCE)[number], string> = {
  start: 'impact start', detected: 'detection', declared: 'incident declared', mitigated: 'mitigation', resolved: 'resolution',
};
// Mitigation before the incident is declared is normal; the other pairs are not.
const ALLOWED = new Set(['declared>mitigated']);

export const milestoneOrder: Rule = {
  id: 'PM015',
  name: 'milestone-order',
  description: 'Milestones out of sequence: detected, mitigated or resolved before the impact started, or resolved before detected.',
  defaultSeverity: 'error',
  tags: ['milestones', 'timeline'],
  fixable: false,
  check(doc, report) {
    const chosen = chooseMilestones(doc);
    // Keywords guess; only stated milestones (fields, front matter, markers) are held to the order.
    const stated = SEQUENCE.map((kind) => chosen[kind]).filter((item): item is MilestoneEvidence => !!item && item.strength >= STRENGTH.field);
    for (let i = 0; i < stated.length; i++) {
      for (let j = i + 1; j < stated.length; j++) {
        const earlier = stated[i];
        const later = stated[j];
        if (ALLOWED.has(`${earlier.kind}>${later.kind}`) || later.stamp.epoch! >= earlier.stamp.epoch!) continue;
        const withDate = !sameUtcDay(later.stamp.epoch!, earlier.stamp.epoch!);
        report({
          span: earlier.stamp.span,
          message: `${capitalize(NAMES[earlier.kind])} (${describeInstant(earlier.stamp, withDate)}, ${earlier.source}) is after ${NAMES[later.kind]} `
            + `(${describeInstant(later.stamp, withDate)}, ${later.source}, line ${later.stamp.line + 1}).`,
        });
      }
    }
  },
};

function capitalize(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
