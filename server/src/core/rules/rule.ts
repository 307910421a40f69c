import type { Postmortem } from '../model';
import type { Severity, Span } from '../types';

export interface RuleMeta {
  id: string;
  name: string;
  description: string;
  defaultSeverity: Severity;
  tags: readonly string[];
  fixable: boolean;
}

/** A fix before positions are computed: edits in offsets. */
export interface FixDraft {
  title: string;
  edits: { start: number; end: number; newText: string }[];
  /** Defaults to true. */
  isPreferred?: boolean;
}

export interface Report {
  span: Span;
  message: string;
  fixes?: FixDraft[];
}

export interface Rule extends RuleMeta {
  check(doc: Postmortem, report: (finding: Report) => void): void;
}
