// Starts the prepared VS Code server (lib/vscode/out/server-main.js) on loopback and builds workbench URLs for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VSCODE_DIR } from './paths';

export interface ServerOptions {
  /** --server-data-dir: the server's extensions and machine state. */
  serverDataDir: string;
  /** --user-data-dir: settings (User/settings.json) and logs (logs/…/exthost1/). */
  userDataDir: string;
  /** User settings written to User/settings.json before the server starts (else the file is left as it is). */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server, hence for its extension host and the language server. */
  env?: Record<string, string>;
  /** 0: any free port. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  readonly origin: string;
  readonly port: number;
  /** What the server printed so far. */
  output(): string;
  /** A workbench URL: the folder opened, the extension at `extensionDevelopmentPath`, tests when given. */
  workbenchUrl(folder: string, payload: { extensionDevelopmentPath: string; extensionTestsPath?: string }): string;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  mkdirSync(path.join(options.userDataDir, 'User'), { recursive: true });
  mkdirSync(options.serverDataDir, { recursive: true });
  if (options.userSettings) writeFileSync(path.join(options.userDataDir, 'User', 'settings.json'), `${JSON.stringify(options.userSettings, null, 2)}\n`);
  const args = [
    path.join(VSCODE_DIR, 'out', 'server-main.js'),
    '--host', host,
    '--port', String(options.port ?? 0),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--telemetry-level', 'off',
    '--server-data-dir', options.serverDataDir,
    '--user-data-dir', options.userDataDir,
  ];
  // Its own process group, so stopping it also stops the extension host and the language server it started.
  const child = spawn(process.execPath, args, {
    // `{}`: no extension gallery (code-server's default is open-vsx.org, which cannot be reached offline).
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Extension host agent listening on (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`The VS Code server exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`The VS Code server did not listen within 60 s:\n${output}`)), 60_000).unref();
  });
  const origin = `http://${host}:${port}`;
  const remote = (file: string) => `vscode-remote://${host}:${port}${toPosix(file)}`;
  return {
    origin,
    port,
    output: () => output,
    exited,
    workbenchUrl(folder, payload) {
      const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
      if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
      return `${origin}/?folder=${encodeURI(toPosix(folder))}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
    },
    stop: () => stopGroup(child, exited),
  };
}

function toPosix(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

async function stopGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // The group may outlive its leader for a moment (the extension host, the language server).
  signal('SIGKILL');
}
