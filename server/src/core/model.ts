// The parsed postmortem: everything rules, the timeline and the adapters read.
import type { DateTime } from 'luxon';
import type { DurationMatch } from './durations';
import type { FrontMatter } from './frontmatter';
import type { DocumentMemo } from './memo';
import type { Section, Structure } from './structure';
import type { Template } from './template';
import type { LineIndex } from './text';
import type { StampParts } from './timestamps';
import type { MilestoneKind, Span } from './types';
import type { ResolvedZone, ZoneDeclaration } from './zones';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface Stamp {
  parts: StampParts;
  line: number;
  /** Absolute span of the stamp. */
  span: Span;
  /** Absolute span of the zone as written on this stamp (not an implied one). */
  zoneSpan?: Span;
  inFrontMatter: boolean;
  /** The front matter key this stamp is the value of. */
  frontMatterKey?: string;
  zone: ResolvedZone | null;
  zoneSource: 'written' | 'range' | 'declared' | 'none';
  declaration?: ZoneDeclaration;
  date: CalendarDate | null;
  dateSource: 'written' | 'context' | 'rollover' | 'none';
  /** Line the inferred date came from. */
  dateLine?: number;
  /** Why the stamp is not a real date/time (from the scanner or from the inferred year's weekday). */
  invalid?: string;
  /** The instant in UTC; absent for invalid stamps. Time-only stamps with no date anywhere get a floating date. */
  instant?: DateTime;
  /**
   * The same instant in milliseconds since the epoch, present exactly when `instant` is. Compare and sort with
   * this: `instant` is a luxon DateTime built on first use, for messages and hover.
   */
  epoch?: number;
  range?: { role: 'from' | 'to'; partner: Stamp };
}

export interface DurationRef {
  match: DurationMatch;
  line: number;
  span: Span;
}

export interface TimelineEntry {
  stamp: Stamp;
  line: number;
  /** Lines [start, end) that belong to the entry (its continuation lines, or for trailer stamps the text above). */
  block: { start: number; end: number };
  text: string;
  /** The stamp ends the entry ("…text\nThu, Jul 13, 2023, 11:26 PM"), as status pages write updates. */
  trailer: boolean;
  /** Lines tagged as status-page updates (`***Update***`, `Resolved`). */
  isUpdate: boolean;
  /** A trailer stamp's update status, from the line that opens it: `Investigating`, `Monitoring`, `Resolved`. */
  status: string | undefined;
}

export interface MilestoneEvidence {
  kind: MilestoneKind | 'declared';
  stamp: Stamp;
  /** Why: `front matter start_time`, `field "Repaired"`, `<START OF OUTAGE>`, `"rolled back"`. */
  source: string;
  /** Higher is stronger: markers and front matter beat fields, fields beat keywords. */
  strength: number;
}

export type ClaimKind = 'impact' | 'detect' | 'mitigate' | 'resolve';

export interface DurationClaim {
  kind: ClaimKind;
  label: string;
  duration: DurationRef;
}

/** A written interval: "from 15:51 to 16:17 UTC". */
export interface Window {
  from: Stamp;
  to: Stamp;
  line: number;
}

export interface InlineControl {
  /** Whether the document has any control: without one, every rule is on everywhere. */
  readonly hasControls: boolean;
  /** Rule names disabled per line; `*` for all. */
  disabledAt(line: number, rule: string): boolean;
  /**
   * Whether `line`, standing instead below line `at - 1` (after the toggles before `at`, under a disable-next-line on
   * `at - 1`), would have the same rules on as it has now; the controls on the line move with it.
   */
  keepsStateAt(line: number, at: number): boolean;
}

export interface Postmortem {
  text: string;
  index: LineIndex;
  template: Template;
  frontMatter: FrontMatter | null;
  structure: Structure;
  sections: Section[];
  title: string | null;
  stamps: Stamp[];
  durations: DurationRef[];
  declarations: ZoneDeclaration[];
  timelineSection: Section | null;
  timeline: TimelineEntry[];
  windows: Window[];
  evidence: MilestoneEvidence[];
  claims: DurationClaim[];
  inline: InlineControl;
  /** What rules derive from the document, computed once. A copy that changes what a value derives from needs its own. */
  memo: DocumentMemo;
}
