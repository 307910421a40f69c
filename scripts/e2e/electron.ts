// `npm run test:vscode`: the same e2e suite in a desktop VS Code, through @vscode/test-electron, for machines that
// have one (VSCODE_EXECUTABLE=/path/to/code) or can download one (VSCODE_VERSION, default stable, cached in
// .vscode-test/). Not run in CI here: nothing can be downloaded there, and `npm run test:e2e` runs the suite offline.
// On Linux without a display: xvfb-run -a npm run test:vscode.
//
// The trusted run is runTests() as documented. runTests always adds --disable-workspace-trust, so the untrusted run
// starts the same executable with the same arguments minus that one (trust left on, no startup prompt: Restricted Mode).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { buildSuite } from './build';
import { CACHE, ROOT, SEEDS } from './paths';
import { failed, printRun, readResults, say, summarize, type RunOutcome } from './report';
import { createRunFolders, userSettings, type SuiteName } from './workspace';

/** What runTests passes besides the paths (@vscode/test-electron 3.1.0, out/runTest.js). */
const RUN_TESTS_ARGS = ['--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--no-cached-data'];

async function runSuite(executable: string, suite: SuiteName, extensionTestsPath: string): Promise<RunOutcome> {
  const started = Date.now();
  const folders = createRunFolders(suite);
  const outcome: RunOutcome = { suite, problems: [] };
  mkdirSync(path.join(folders.userData, 'User'), { recursive: true });
  writeFileSync(path.join(folders.userData, 'User', 'settings.json'), `${JSON.stringify(userSettings(suite), null, 2)}\n`);
  const env = { POSTMORTEM_E2E_SUITE: suite, POSTMORTEM_E2E_RESULTS: folders.results, POSTMORTEM_E2E_SEEDS: SEEDS, ...(process.env.POSTMORTEM_E2E_GREP ? { POSTMORTEM_E2E_GREP: process.env.POSTMORTEM_E2E_GREP } : {}) };
  // Its own profile: no other extension, this run's settings (trust), nothing shared with the user's VS Code.
  const launchArgs = [folders.workspace, `--user-data-dir=${folders.userData}`, `--extensions-dir=${path.join(folders.root, 'extensions')}`, '--disable-extensions'];
  try {
    let code: number;
    if (suite === 'trusted') {
      code = await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: ROOT, extensionTestsPath, launchArgs, extensionTestsEnv: env }).catch((error: unknown) => {
        if (error instanceof TestRunFailedError) return error.code ?? 1;
        throw error;
      });
    } else {
      const args = [...launchArgs, ...RUN_TESTS_ARGS, `--extensionTestsPath=${extensionTestsPath}`, `--extensionDevelopmentPath=${ROOT}`];
      code = await new Promise<number>((resolve, reject) => {
        const child = spawn(executable, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
        child.once('error', reject);
        child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
      });
    }
    if (code !== 0) outcome.problems.push(`VS Code exited with code ${code}`);
    outcome.results = readResults(folders.results, outcome.problems);
    printRun(outcome, Date.now() - started);
  } finally {
    if (!failed(outcome)) rmSync(folders.root, { recursive: true, force: true });
    else say(`  the run's workspace, settings and logs: ${folders.root}`);
  }
  return outcome;
}

async function main(): Promise<number> {
  const started = Date.now();
  const executable = process.env.VSCODE_EXECUTABLE || (await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? 'stable', cachePath: CACHE }));
  const bundle = await buildSuite();
  const suites: SuiteName[] = process.env.POSTMORTEM_E2E_SUITE ? [process.env.POSTMORTEM_E2E_SUITE as SuiteName] : ['trusted', 'untrusted'];
  const outcomes: RunOutcome[] = [];
  for (const suite of suites) outcomes.push(await runSuite(executable, suite, bundle));
  return summarize(outcomes, Date.now() - started);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`test:vscode: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    say('e2e: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
