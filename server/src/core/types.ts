// The model and the findings: plain data shared by every adapter (CLI, LSP, preview, tests).

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** One way to fix a finding: edits applied together. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Fix-all (`--fix`, `source.fixAll.postmortem`) applies it; false where the user must choose (which zone to append). */
  isPreferred: boolean;
  /** The edits that move text (a sort, a move), for fix-all: the edits alone still write the moved text as it stands. */
  moves?: FixMove[];
}

/**
 * `edits[edit]` writes a copy of the text in `from` (its newText begins with it), and another edit of the fix removes
 * that text. Fix-all applies another fix's edit inside `from` to the copy, in the same pass, instead of letting it clash.
 */
export interface FixMove {
  edit: number;
  from: Range;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Finding {
  /** Rule id, e.g. `PM011`. */
  id: string;
  /** Rule name, e.g. `duration-mismatch` (the contract other tools read). */
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Fixes, best first. Fix-all applies the first preferred one. */
  fixes: Fix[];
}

/** A span of the document in UTF-16 offsets, half-open. */
export interface Span {
  start: number;
  end: number;
}

export type MilestoneKind = 'start' | 'detected' | 'mitigated' | 'resolved';

export interface Milestone {
  kind: MilestoneKind;
  /** ISO 8601 in UTC. */
  utc: string;
  /** Zero-based line the milestone was read from. */
  line: number;
  /** Why this is the milestone, e.g. `front matter start_time` or `"rolled back" in the timeline`. */
  source: string;
}

/** Minutes between milestones; absent when either end is unknown. */
export interface Metrics {
  timeToDetect?: number;
  timeToMitigate?: number;
  timeToResolve?: number;
  impactDuration?: number;
}

export interface TimelineEntryData {
  /** Zero-based line of the entry. */
  line: number;
  /** Range of the entry's stamp. */
  range: Range;
  /** The stamp as written. */
  stamp: string;
  /** ISO 8601 in UTC; null when the stamp cannot be resolved to an instant. */
  utc: string | null;
  /** The zone the stamp was read in (IANA name or fixed offset), when known. */
  zone: string | null;
  /** True when the date came from context (a day heading, an earlier entry, the summary). */
  dateInferred: boolean;
  /** The entry's text without its stamp. */
  text: string;
  milestones: MilestoneKind[];
  /** Messages of the findings on this entry. */
  problems: string[];
}

export interface TimelineData {
  title: string | null;
  /** The zone the document declares ("All times in PST"), if any. */
  declaredZone: string | null;
  order: 'ascending' | 'descending' | 'unordered' | 'empty';
  entries: TimelineEntryData[];
  milestones: Partial<Record<MilestoneKind, Milestone>>;
  metrics: Metrics;
}
