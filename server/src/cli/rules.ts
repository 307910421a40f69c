// `postmortem rules`: the registry as a table.
import type { RuleMeta } from '../core';

export function formatRules(rules: readonly RuleMeta[]): string {
  const rows = rules.map((rule) => [rule.id, rule.name, rule.defaultSeverity, rule.fixable ? 'fixable' : '', rule.description]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(0, ...rows.map((row) => row[column].length)));
  return rows.map((row) => `${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()}\n`).join('');
}
