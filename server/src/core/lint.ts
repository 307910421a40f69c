// lint(text) → findings: parse once, run every enabled rule, turn offsets into LSP ranges.
import type { Postmortem } from './model';
import { parse } from './parse';
import { rules, type Rule, type RuleContext } from './rules';
import type { FixDraft } from './rules/rule';
import type { Template } from './template';
import type { Finding, Fix, Severity, SeveritySetting } from './types';

export interface LintOptions {
  template?: Template;
  /** Per-rule severity by rule name; `off` disables the rule. */
  severities?: Record<string, SeveritySetting>;
  /** Called when a rule throws; that rule's findings are skipped and the others still run. */
  onRuleError?: (rule: Rule, error: unknown) => void;
  /** Rules to run instead of the registry (tests inject a failing rule through this). */
  rules?: readonly Rule[];
}

const NO_FIXES: readonly FixDraft[] = Object.freeze([]);

const hasEdits = (fix: FixDraft) => fix.edits.length > 0;

export function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintDocument(parse(text, { template: options.template }), options);
}

export function lintDocument(doc: Postmortem, options: LintOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const running: { rule: Rule; severity: Severity }[] = [];
  for (const rule of options.rules ?? rules) {
    const severity = options.severities?.[rule.name] ?? options.severities?.[rule.id] ?? rule.defaultSeverity;
    if (severity !== 'off') running.push({ rule, severity });
  }
  const names = new Set(running.map(({ rule }) => rule.name));
  const context: RuleContext = { reports: (name, line) => names.has(name) && !doc.inline.disabledAt(line, name) };
  for (const { rule, severity } of running) {
    const found: Finding[] = [];
    try {
      rule.check(doc, (report) => {
        const range = doc.index.rangeOf(report.span);
        if (!context.reports(rule.name, range.start.line)) return;
        // Most edits rewrite the text the finding covers: they share its range, which nothing changes.
        const toEdit = (edit: FixDraft['edits'][number]) => ({ range: edit.start === report.span.start && edit.end === report.span.end ? range : doc.index.rangeOf(edit), newText: edit.newText });
        const drafts = report.fixes ?? NO_FIXES;
        // Filtered only when a fix has no edit: map allocates its array at its size.
        const fixes = (drafts.every(hasEdits) ? drafts : drafts.filter(hasEdits)).map((fix) => {
          const converted: Fix = { title: fix.title, isPreferred: fix.isPreferred ?? true, edits: fix.edits.map(toEdit) };
          if (fix.moves) converted.moves = fix.moves.map(({ edit, from }) => ({ edit, from: doc.index.rangeOf(from) }));
          return converted;
        });
        found.push({ id: rule.id, rule: rule.name, severity, message: report.message, range, fixes });
      }, context);
    } catch (error) {
      options.onRuleError?.(rule, error);
      continue;
    }
    // Not push(...found): a spread of more than about 120,000 arguments overflows the call stack.
    for (const finding of found) findings.push(finding);
  }
  // Ids are ASCII ("PM005"): a plain comparison orders them as localeCompare did, without its cost per pair.
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
