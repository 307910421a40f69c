// `postmortem check`: find the postmortems, lint them (fixing first with --fix), write fixes, report.
import { detectTemplate, fixAll, lint, type LintOptions } from '../core';
import { lintDocument } from '../core/lint';
import { parse } from '../core/parse';
import type { CheckCommand } from './args';
import { ConfigResolver } from './config';
import { InputError } from './errors';
import { findPostmortems, readTextFiles } from './files';
import { writeFixedFile } from './fix-writer';
import { formatReport, type FileReport } from './formatters';

export interface CheckOutcome {
  stdout: string;
  /** Rules that failed and files that could not be written; each message names its file. */
  problems: string[];
  /** Broken config files (checked with the defaults instead): reported, but the exit code is the findings'. */
  warnings: string[];
  exitCode: number;
}

export async function check(command: CheckCommand, cwd: string, color: boolean): Promise<CheckOutcome> {
  const configs = new ConfigResolver(command.engine, cwd);
  const files = await readTextFiles(await findPostmortems(command.patterns.length > 0 ? command.patterns : ['.'], cwd, configs.selector));
  const reports: FileReport[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const config = configs.forFile(file.path);
    // A failing rule is skipped, not fatal: the other rules still report, and the run exits 2.
    const failures = new Set<string>();
    const options: LintOptions = {
      template: config.template,
      severities: config.severities,
      onRuleError: (rule, error) => failures.add(`${file.display}: rule ${rule.name} failed: ${error instanceof Error ? error.message : String(error)}`),
    };
    const text = command.fix ? fixAll(file.text, (current) => lint(current, options)).text : file.text;
    const doc = parse(text, { template: config.template });
    const findings = lintDocument(doc, options);
    problems.push(...failures);
    if (text !== file.text) {
      try {
        await writeFixedFile(file, text);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.messages);
      }
    }
    const report: FileReport = { file: file.display, findings };
    // Checked with the default template only because nothing chose one: say which built-in template fits better.
    const guess = configs.choosesTemplate(file.path) ? null : detectTemplate(doc);
    if (guess && guess.template.name !== config.template.name) {
      report.notes = [`closest built-in template: ${guess.template.name} (${guess.matched}/${guess.required} sections)`];
    }
    reports.push(report);
  }
  const hasErrors = reports.some((report) => report.findings.some((finding) => finding.severity === 'error'));
  return {
    stdout: formatReport(command.format, reports, { cwd, color }),
    problems,
    warnings: configs.warnings(),
    exitCode: problems.length > 0 ? 2 : hasErrors ? 1 : 0,
  };
}
