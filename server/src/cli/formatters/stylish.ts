// eslint's stylish layout: each file with findings, a row per finding with 1-based line:col, then a summary.
import type { Finding, Severity } from '../../core';
import { createColors, type Colors } from '../colors';
import type { FileReport } from './index';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

export function formatStylish(reports: readonly FileReport[], color: boolean): string {
  const c = createColors(color);
  const all = reports.flatMap((report) => report.findings);
  if (all.length === 0) return '';
  let output = '';
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    output += `\n${c.underline(report.file)}\n${table(report.findings, c)}`;
    for (const note of report.notes ?? []) output += `  ${c.blue('note')}  ${note}\n`;
  }
  const errors = all.filter((finding) => finding.severity === 'error').length;
  const warnings = all.filter((finding) => finding.severity === 'warning').length;
  const infos = all.length - errors - warnings;
  const paint = errors > 0 ? c.red : warnings > 0 ? c.yellow : c.blue;
  output += `\n${paint(c.bold(`✖ ${count(all.length, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'info')})`))}\n`;
  // Only preferred fixes are applied by --fix; the others need a choice in the editor.
  const fixable = all.filter((finding) => finding.fixes.some((fix) => fix.isPreferred)).length;
  if (fixable > 0) {
    output += `${paint(c.bold(`  ${count(fixable, 'problem')} ${fixable === 1 ? 'is' : 'are'} fixable with the --fix option`))}\n`;
  }
  return `${output}\n`;
}

/** Columns as eslint aligns them: line numbers to the right, columns, severities and messages to the left. */
function table(findings: readonly Finding[], c: Colors): string {
  const rows = findings.map((finding) => ({
    line: String(finding.range.start.line + 1),
    column: String(finding.range.start.character + 1),
    severity: finding.severity,
    message: finding.message.replace(/\s*\r?\n\s*/g, ' '),
    rule: finding.rule,
  }));
  const width = (cell: (row: (typeof rows)[number]) => string) => Math.max(...rows.map((row) => cell(row).length));
  const lineWidth = width((row) => row.line);
  const columnWidth = width((row) => row.column);
  const severityWidth = width((row) => LABEL[row.severity]);
  const messageWidth = width((row) => row.message);
  return rows
    .map((row) => {
      const where = c.dim(`${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
      const severity = LABEL[row.severity].padEnd(severityWidth);
      const painted = row.severity === 'error' ? c.red(severity) : row.severity === 'warning' ? c.yellow(severity) : c.blue(severity);
      return `  ${where}  ${painted}  ${row.message.padEnd(messageWidth)}  ${c.dim(row.rule)}\n`;
    })
    .join('');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
