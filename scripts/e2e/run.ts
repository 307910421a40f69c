// `npm run test:e2e`: the e2e suite in real VS Code, offline. The VS Code server that the code-server npm package ships
// (prepared once into .vscode-test/ by prepare.ts) runs on loopback; headless Chromium opens its workbench with the
// extension under development and the suite's bundle as `extensionTestsPath`; the suite runs in the Node extension
// host, writes its results to a JSON file, and the workbench hands its exit code to `window.codeAutomationExit`.
//
// Two runs: `trusted` (workspace trust off: the main suite) and `untrusted` (trust on, the folder in Restricted Mode:
// the untrusted suite). A run fails on a non-zero exit code, on a timeout, and when no test ran; a failed run leaves a
// screenshot of the workbench, the extension host's logs, the server's output and the browser console in
// test-artifacts/e2e/<run>/ (every run does with --artifacts).
//
//   npx tsx scripts/e2e/run.ts [--suite trusted|untrusted] [--grep TEXT] [--timeout MS] [--keep] [--artifacts]
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, newWorkbenchPage } from './browser';
import { buildSuite } from './build';
import { ARTIFACTS, ROOT, SEEDS, TESTS_BUNDLE } from './paths';
import { prepareServer } from './prepare';
import { failed, printRun, readResults, say, seconds, summarize, type RunOutcome } from './report';
import { startServer } from './server';
import { createRunFolders, userSettings, type SuiteName } from './workspace';

interface RunOptions {
  grep?: string;
  timeout: number;
  keep: boolean;
  artifacts: boolean;
}

type Exit = { code: number } | { problem: string };

async function runSuite(suite: SuiteName, options: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const folders = createRunFolders(suite);
  const outcome: RunOutcome = { suite, problems: [] };
  const consoleLines: string[] = [];
  const server = await startServer({
    serverDataDir: folders.serverData,
    userDataDir: folders.userData,
    userSettings: userSettings(suite),
    // The server's environment reaches the extension host, where the suite reads it.
    env: {
      POSTMORTEM_E2E_SUITE: suite,
      POSTMORTEM_E2E_RESULTS: folders.results,
      POSTMORTEM_E2E_SEEDS: SEEDS,
      ...(options.grep ? { POSTMORTEM_E2E_GREP: options.grep } : {}),
    },
  });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await newWorkbenchPage(browser);
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
    let exit!: (value: Exit) => void;
    const exited = new Promise<Exit>((resolve) => {
      exit = resolve;
    });
    // The workbench calls this when the suite's run() settles: 0 when it resolved, 1 when it threw.
    await page.exposeFunction('codeAutomationExit', (code: unknown) => exit({ code: Number(code) }));
    page.on('crash', () => exit({ problem: 'the workbench page crashed' }));
    void server.exited.then((code) => exit({ problem: `the VS Code server exited (${code}) during the run` }));
    const timer = setTimeout(() => exit({ problem: `timed out after ${seconds(options.timeout)} (--timeout, POSTMORTEM_E2E_TIMEOUT)` }), options.timeout);
    await page.goto(server.workbenchUrl(folders.workspace, { extensionDevelopmentPath: ROOT, extensionTestsPath: TESTS_BUNDLE }));
    const result = await exited;
    clearTimeout(timer);
    if ('problem' in result) outcome.problems.push(result.problem);
    else if (result.code !== 0) outcome.problems.push(`the suite's run() failed: exit code ${result.code}`);
    outcome.results = readResults(folders.results, outcome.problems);
    printRun(outcome, Date.now() - started);

    if (failed(outcome) || options.artifacts) {
      const dir = path.join(ARTIFACTS, suite);
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'workbench.png') }).catch((error: unknown) => consoleLines.push(`[harness] no screenshot: ${String(error)}`));
      writeFileSync(path.join(dir, 'browser-console.log'), `${consoleLines.join('\n')}\n`);
      writeFileSync(path.join(dir, 'server.log'), server.output());
      // The extension host's log (exthost1/remoteexthost.log), the extension's output channel, the server's logs.
      const logs = path.join(folders.userData, 'logs');
      if (existsSync(logs)) cpSync(logs, path.join(dir, 'logs'), { recursive: true });
      if (existsSync(folders.results)) cpSync(folders.results, path.join(dir, 'results.json'));
      say(`  artifacts: ${path.relative(process.cwd(), dir)}/ (workbench.png, logs/*/exthost1/remoteexthost.log, server.log, browser-console.log)`);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (options.keep) say(`  kept ${folders.root}`);
    else rmSync(folders.root, { recursive: true, force: true });
  }
  return outcome;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      grep: { type: 'string' },
      timeout: { type: 'string' },
      keep: { type: 'boolean', default: false },
      artifacts: { type: 'boolean', default: false },
    },
  });
  const suites = (values.suite ? [values.suite] : ['trusted', 'untrusted']) as SuiteName[];
  if (!suites.every((suite) => suite === 'trusted' || suite === 'untrusted')) throw new Error(`--suite ${values.suite}: expected trusted or untrusted`);
  const timeout = Number(values.timeout ?? process.env.POSTMORTEM_E2E_TIMEOUT ?? 300_000);
  if (!existsSync(SEEDS)) throw new Error(`The suite reads the seeds from ${SEEDS} (../shared/seeds beside the repository), which does not exist`);
  for (const bundle of ['client.js', 'server.js', 'webview.js']) {
    if (!existsSync(path.join(ROOT, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: npm run build`);
  }

  const started = Date.now();
  rmSync(ARTIFACTS, { recursive: true, force: true });
  await prepareServer();
  const prepared = Date.now();
  await buildSuite();
  say(`e2e: VS Code server ready in ${seconds(prepared - started)} (cached in .vscode-test/); suite bundled into ${path.relative(ROOT, TESTS_BUNDLE)}`);

  const outcomes: RunOutcome[] = [];
  for (const suite of suites) outcomes.push(await runSuite(suite, { grep: values.grep, timeout, keep: values.keep === true, artifacts: values.artifacts === true }));
  return summarize(outcomes, Date.now() - started);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`e2e: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    say('e2e: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
