// `postmortem check`: find the postmortems, lint them (fixing first with --fix), write fixes, report.
import { applyFixes, lint, type Finding, type LintOptions } from '../core';
import type { CheckCommand } from './args';
import { InputError } from './errors';
import { findPostmortems, readTextFiles } from './files';
import { writeFixedFile } from './fix-writer';
import { formatReport, type FileReport } from './formatters';

/** A fix skipped for overlapping another, or made possible by one, is applied by a later pass. */
const MAX_FIX_PASSES = 5;

export interface CheckOutcome {
  stdout: string;
  /** Rules that failed and files that could not be written; each message names its file. */
  problems: string[];
  exitCode: number;
}

export async function check(command: CheckCommand, cwd: string, color: boolean): Promise<CheckOutcome> {
  const files = await readTextFiles(await findPostmortems(command.patterns.length > 0 ? command.patterns : ['.'], cwd));
  const reports: FileReport[] = [];
  const problems: string[] = [];
  for (const file of files) {
    // A failing rule is skipped, not fatal: the other rules still report, and the run exits 2.
    const failures = new Set<string>();
    const options: LintOptions = {
      onRuleError: (rule, error) => failures.add(`${file.display}: rule ${rule.name} failed: ${error instanceof Error ? error.message : String(error)}`),
    };
    const { text, findings } = command.fix ? fixToFixedPoint(file.text, options) : { text: file.text, findings: lint(file.text, options) };
    problems.push(...failures);
    if (text !== file.text) {
      try {
        await writeFixedFile(file, text);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.messages);
      }
    }
    reports.push({ file: file.display, findings });
  }
  const hasErrors = reports.some((report) => report.findings.some((finding) => finding.severity === 'error'));
  return {
    stdout: formatReport(command.format, reports, { cwd, color }),
    problems,
    exitCode: problems.length > 0 ? 2 : hasErrors ? 1 : 0,
  };
}

function fixToFixedPoint(original: string, options: LintOptions): { text: string; findings: Finding[] } {
  let text = original;
  let findings = lint(text, options);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const result = applyFixes(text, findings);
    if (result.applied === 0) break;
    text = result.text;
    findings = lint(text, options);
  }
  return { text, findings };
}
