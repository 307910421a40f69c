// `--format json`: the contract other tools read. Keys and their order are fixed; positions are zero-based.
import type { Position } from '../../core';
import type { FileReport } from './index';

export function formatJson(reports: readonly FileReport[]): string {
  const output = reports.map(({ file, findings }) => ({
    file,
    findings: findings.map((finding) => ({
      rule: finding.rule,
      id: finding.id,
      severity: finding.severity,
      message: finding.message,
      range: { start: position(finding.range.start), end: position(finding.range.end) },
      fixable: finding.fixes.length > 0,
    })),
  }));
  return `${JSON.stringify(output, null, 2)}\n`;
}

function position({ line, character }: Position): Position {
  return { line, character };
}
