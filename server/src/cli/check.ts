// `postmortem check`: find the postmortems, lint them (fixing first with --fix), write fixes, report.
import { applyFixes, lint, type Finding } from '../core';
import type { CheckCommand } from './args';
import { InputError } from './errors';
import { findPostmortems, readTextFiles } from './files';
import { writeFixedFile } from './fix-writer';
import { formatReport, type FileReport } from './formatters';

/** Fixes can enable other fixes (a moved entry, then its zone); a few passes reach the fixed point. */
const MAX_FIX_PASSES = 5;

export interface CheckOutcome {
  stdout: string;
  /** Files that could not be written; each message names its file. */
  problems: string[];
  exitCode: number;
}

export async function check(command: CheckCommand, cwd: string, color: boolean): Promise<CheckOutcome> {
  const files = await readTextFiles(await findPostmortems(command.patterns.length > 0 ? command.patterns : ['.'], cwd));
  const reports: FileReport[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const { text, findings } = command.fix ? fixToFixedPoint(file.text) : { text: file.text, findings: lint(file.text) };
    if (text !== file.text) {
      try {
        await writeFixedFile(file, text);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.messages);
      }
    }
    reports.push({ file: file.display, findings: byPosition(findings) });
  }
  const hasErrors = reports.some((report) => report.findings.some((finding) => finding.severity === 'error'));
  return {
    stdout: formatReport(command.format, reports, { cwd, color }),
    problems,
    exitCode: problems.length > 0 ? 2 : hasErrors ? 1 : 0,
  };
}

function fixToFixedPoint(original: string): { text: string; findings: Finding[] } {
  let text = original;
  let findings = lint(text);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const result = applyFixes(text, findings);
    if (result.applied === 0) break;
    text = result.text;
    findings = lint(text);
  }
  return { text, findings };
}

function byPosition(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
