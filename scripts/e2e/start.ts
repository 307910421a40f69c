// `npm start`: try the extension without installing VS Code. The same VS Code server the e2e suite runs in (prepared
// once into .vscode-test/), with the extension loaded from this checkout and a fresh copy of examples/ as the
// workspace; prints the URL to open in a browser (and opens it when there is a display). Runs until Ctrl-C.
//
//   npm start                any free port on 127.0.0.1
//   PORT=8080 npm start      a fixed port
// The server listens on loopback only and without a connection token; from another machine, forward the port
// (ssh -L 8080:127.0.0.1:8080 …) rather than listening on a public address.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE, EXAMPLES, ROOT } from './paths';
import { prepareServer } from './prepare';
import { startServer } from './server';
import { QUIET_SETTINGS } from './workspace';

const START = path.join(CACHE, 'start');
/** The copy of examples/ the workbench opens, made again at every start: the deliberate mistakes are always there. */
export const START_WORKSPACE = path.join(START, 'examples');

/** User settings: the people's own choices (theme, font size…) are kept across starts; trust is switched off. */
function writeUserSettings(userData: string): void {
  const file = path.join(userData, 'User', 'settings.json');
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // First start, or a file VS Code wrote with comments: start over.
  }
  mkdirSync(path.dirname(file), { recursive: true });
  // The examples are this project's own files: trusted. The e2e suite checks Restricted Mode separately.
  writeFileSync(file, `${JSON.stringify({ ...QUIET_SETTINGS, ...current, 'security.workspace.trust.enabled': false }, null, 2)}\n`);
}

export function copyExamples(target = START_WORKSPACE): string {
  rmSync(target, { recursive: true, force: true });
  cpSync(EXAMPLES, target, { recursive: true });
  return target;
}

async function main(): Promise<void> {
  for (const bundle of ['client.js', 'server.js', 'webview.js']) {
    if (!existsSync(path.join(ROOT, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: npm run build (npm start runs it first)`);
  }
  await prepareServer();
  const workspace = copyExamples();
  const userData = path.join(START, 'user-data');
  writeUserSettings(userData);
  const server = await startServer({
    serverDataDir: path.join(START, 'server-data'),
    userDataDir: userData,
    port: Number(process.env.PORT ?? 0),
  });
  const url = server.workbenchUrl(workspace, { extensionDevelopmentPath: ROOT });
  process.stdout.write([
    '',
    'Postmortem Studio in VS Code (the VS Code server of code-server, with the extension from this checkout):',
    '',
    `  ${url}`,
    '',
    `The workspace is a fresh copy of examples/ in ${path.relative(ROOT, workspace)}/ (made again at every start).`,
    'Open a postmortem there, look at the Problems panel, try the quick fixes (Ctrl+.), and run',
    '"Postmortem: Open timeline preview" from the command palette (Ctrl+Shift+P, or F1).',
    'After changing the extension: npm run build, then "Developer: Reload Window". Ctrl-C stops the server.',
    '',
  ].join('\n'));
  if (process.env.DISPLAY) {
    const opener = spawn('xdg-open', [url], { detached: true, stdio: 'ignore' });
    opener.on('error', () => process.stdout.write('(xdg-open is not available: open the URL yourself)\n'));
    opener.unref();
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the VS Code server…\n');
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await server.exited;
  if (!stopping) {
    process.stderr.write(`The VS Code server exited (${code}):\n${server.output().slice(-3000)}\n`);
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
