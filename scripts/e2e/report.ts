// What both hosts print: each run's tests from the results file the suite wrote, and one closing line
// "e2e: N passed, N failed" that counts a run with a problem (bad exit code, timeout, no results, no test) as failed.
import { existsSync, readFileSync } from 'node:fs';
import type { E2eResults } from '../../test/e2e/index';
import type { SuiteName } from './workspace';

export interface RunOutcome {
  suite: SuiteName;
  results?: E2eResults;
  /** Why the run failed besides failed tests. */
  problems: string[];
}

export const say = (line: string) => process.stdout.write(`${line}\n`);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Reads the suite's results; a missing file or a run without tests is a problem of the run. */
export function readResults(file: string, problems: string[]): E2eResults | undefined {
  if (!existsSync(file)) {
    problems.push('the suite wrote no results: no test ran');
    return undefined;
  }
  const results = JSON.parse(readFileSync(file, 'utf8')) as E2eResults;
  if (results.passed + results.failed === 0) problems.push('no test ran');
  return results;
}

/** An assertion's message and its first frames: a diff of a whole document says little more. */
function abbreviate(error: string, max = 30): string[] {
  const lines = error.split('\n');
  return lines.length <= max ? lines : [...lines.slice(0, max), `… ${lines.length - max} more lines in the run's results.json`];
}

export function printRun(outcome: RunOutcome, elapsed: number): void {
  say(`e2e: ${outcome.suite} workspace — ${outcome.results?.host ?? 'VS Code'} — ${seconds(elapsed)}`);
  for (const test of outcome.results?.tests ?? []) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    say(`  ${mark} ${test.title}${test.durationMs === undefined ? '' : ` (${test.durationMs} ms)`}`);
    if (test.error) say(abbreviate(test.error).map((line) => `      ${line}`).join('\n'));
  }
  for (const problem of outcome.problems) say(`  ✘ ${problem}`);
}

export function failed(outcome: RunOutcome): boolean {
  return outcome.problems.length > 0 || !outcome.results || outcome.results.failed > 0 || outcome.results.passed === 0;
}

/** Prints the closing line and returns the exit code. */
export function summarize(outcomes: RunOutcome[], elapsed: number): number {
  const passed = outcomes.reduce((sum, outcome) => sum + (outcome.results?.passed ?? 0), 0);
  // A run that failed without a failed test (a crash, a timeout, no test) counts as one failure.
  const failures = outcomes.reduce((sum, outcome) => sum + Math.max(outcome.results?.failed ?? 0, failed(outcome) ? 1 : 0), 0);
  const pending = outcomes.reduce((sum, outcome) => sum + (outcome.results?.pending ?? 0), 0);
  const runs = outcomes.map((outcome) => `${outcome.suite} ${outcome.results?.passed ?? 0}/${(outcome.results?.passed ?? 0) + (outcome.results?.failed ?? 0)}${failed(outcome) ? ' FAILED' : ''}`);
  say(`e2e: ${runs.join(', ')}; ${seconds(elapsed)} in all`);
  say(`e2e: ${passed} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  return outcomes.length > 0 && outcomes.every((outcome) => !failed(outcome)) ? 0 : 1;
}
