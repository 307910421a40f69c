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
  /** As Fix's moves, in offsets. */
  moves?: { edit: number; from: Span }[];
}

/**
 * The edit writing `newText` over `span`. Its fields are copied one by one: a conversion that spread the span into the
 * edit spent a sixth of its time there.
 */
export function replacing(span: Span, newText: string): FixDraft['edits'][number] {
  return { start: span.start, end: span.end, newText };
}

export interface Report {
  span: Span;
  message: string;
  fixes?: FixDraft[];
}

/**
 * What a rule knows of the others in the run: a rule whose fix would clash with another's, where that other rule's
 * fix does both at once, leaves the text to it only when that rule reports there.
 */
export interface RuleContext {
  /** Whether the rule named `rule` runs (not `off`) and is not disabled inline on `line`. */
  reports(rule: string, line: number): boolean;
}

export interface Rule extends RuleMeta {
  check(doc: Postmortem, report: (finding: Report) => void, context: RuleContext): void;
}

/**
 * `cache`'s value for `key`, computed on first use: rules that ask each other about their fixes find each answer once
 * per stamp or lint run (the run's RuleContext). Once per document: Postmortem.memo.
 */
export function remembered<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = compute()));
  return value;
}
