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
    if (report.findings.length > 0) output += `\n${c.underline(report.file)}\n${table(report.findings, c)}`;
  }
  const errors = all.filter((finding) => finding.severity === 'error').length;
  const warnings = all.filter((finding) => finding.severity === 'warning').length;
  const infos = all.length - errors - warnings;
  const paint = errors > 0 ? c.red : warnings > 0 ? c.yellow : c.blue;
  output += `\n${paint(c.bold(`✖ ${count(all.length, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'info')})`))}\n`;
  const fixable = all.filter((finding) => finding.fixes.length > 0).length;
  if (fixable > 0) {
    output += `${paint(c.bold(`  ${count(fixable, 'problem')} ${fixable === 1 ? 'is' : 'are'} fixable with the --fix option`))}\n`;
  }
  return `${output}\n`;
}

function table(findings: readonly Finding[], c: Colors): string {
  const rows = findings.map((finding) => ({
    where: `${finding.range.start.line + 1}:${finding.range.start.character + 1}`,
    severity: finding.severity,
    message: finding.message.replace(/\s*\r?\n\s*/g, ' '),
    rule: finding.rule,
  }));
  const width = (key: 'where' | 'message') => Math.max(...rows.map((row) => row[key].length));
  const whereWidth = width('where');
  const severityWidth = Math.max(...rows.map((row) => LABEL[row.severity].length));
  const messageWidth = width('message');
  return rows
    .map((row) => {
      const severity = LABEL[row.severity].padEnd(severityWidth);
      const painted = row.severity === 'error' ? c.red(severity) : row.severity === 'warning' ? c.yellow(severity) : c.blue(severity);
      return `  ${c.dim(row.where.padEnd(whereWidth))}  ${painted}  ${row.message.padEnd(messageWidth)}  ${c.dim(row.rule)}\n`;
    })
    .join('');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
