// The e2e suite's entry point, in @vscode/test-electron's layout: VS Code loads this bundle
// (dist/test/e2e/index.js, built by scripts/e2e/build.ts with mocha inside and `vscode` external) in the extension
// host named by `extensionTestsPath` and calls run(). Both hosts use it: a desktop VS Code (npm run test:vscode)
// and the VS Code server in headless Chromium (npm run test:e2e).
//
// Environment, set by the harness:
//   POSTMORTEM_E2E_SUITE    `trusted` (default) or `untrusted` (the workspace opened in Restricted Mode);
//   POSTMORTEM_E2E_RESULTS  a JSON file for the results: the harness fails a run that wrote none or ran no test;
//   POSTMORTEM_E2E_GREP     only the tests whose full title matches;
//   POSTMORTEM_E2E_SEEDS    the seeds' folder (default ../shared/seeds beside the extension).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { commandsSuite } from './commands.e2e';
import { configSuite } from './config.e2e';
import { diagnosticsSuite } from './diagnostics.e2e';
import { hostSuite } from './host.e2e';
import { languageSuite } from './language.e2e';
import { restartSuite } from './restart.e2e';
import { untrustedSuite } from './untrusted.e2e';

export const SUITES = {
  trusted: [hostSuite, diagnosticsSuite, languageSuite, commandsSuite, configSuite, restartSuite],
  untrusted: [untrustedSuite],
} as const;

export type SuiteName = keyof typeof SUITES;

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface E2eResults {
  suite: SuiteName;
  host: string;
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

export async function run(): Promise<void> {
  const name = (process.env.POSTMORTEM_E2E_SUITE ?? 'trusted') as SuiteName;
  if (!(name in SUITES)) throw new Error(`POSTMORTEM_E2E_SUITE=${name}: expected one of ${Object.keys(SUITES).join(', ')}`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  if (process.env.POSTMORTEM_E2E_GREP) mocha.grep(process.env.POSTMORTEM_E2E_GREP);
  // What `mocha.addFile` + `loadFiles` would do for files: the bdd globals (describe, it…), then the suites.
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  for (const register of SUITES[name]) register();

  const tests: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    // Hooks fail through the same event: "before all" hook for …
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error: error.stack ?? String(error) }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
  });
  const results: E2eResults = {
    suite: name,
    host: `${vscode.env.appName} ${vscode.version} (${vscode.env.appHost}, ${vscode.env.remoteName ?? 'local'} extension host, Node ${process.versions.node})`,
    passed: tests.filter((test) => test.state === 'passed').length,
    failed: Math.max(failures, tests.filter((test) => test.state === 'failed').length),
    pending: tests.filter((test) => test.state === 'pending').length,
    tests,
  };
  const file = process.env.POSTMORTEM_E2E_RESULTS;
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
  if (results.failed > 0) throw new Error(`${results.failed} of ${results.passed + results.failed} e2e tests failed`);
  if (results.passed === 0) throw new Error('no e2e test ran');
}
