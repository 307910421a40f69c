// The one registry of rules. README's rule table is checked against this list by a test.
import { duplicateSection } from './duplicate-section';
import { durationMismatch } from './duration-mismatch';
import { emptySection } from './empty-section';
import { frontMatterInvalid } from './front-matter-invalid';
import { metadataMismatch } from './metadata-mismatch';
import { milestoneOrder } from './milestone-order';
import { missingSection } from './missing-section';
import { placeholderText } from './placeholder-text';
import type { Rule, RuleMeta } from './rule';
import { sectionOrder } from './section-order';
import { timeRangeInverted } from './time-range-inverted';
import { timelineOrder } from './timeline-order';
import { timestampInvalid } from './timestamp-invalid';
import { timestampMissingZone } from './timestamp-missing-zone';
import { timestampNotUtc } from './timestamp-not-utc';
import { timestampZoneDstMismatch } from './timestamp-zone-dst-mismatch';

export type { Rule, RuleContext, RuleMeta } from './rule';

export const rules: readonly Rule[] = [
  missingSection,
  sectionOrder,
  duplicateSection,
  emptySection,
  placeholderText,
  frontMatterInvalid,
  timestampNotUtc,
  timestampMissingZone,
  timestampZoneDstMismatch,
  timestampInvalid,
  timelineOrder,
  timeRangeInverted,
  durationMismatch,
  metadataMismatch,
  milestoneOrder,
];

export const ruleRegistry: readonly RuleMeta[] = rules.map(({ id, name, description, defaultSeverity, tags, fixable }) => ({
  id, name, description, defaultSeverity, tags, fixable,
}));
