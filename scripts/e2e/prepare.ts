// The VS Code server the e2e suite and `npm start` run in, prepared once into .vscode-test/ and reused.
//
// It is the server build inside the `code-server` npm package (lib/vscode), installed by hand because a plain
// `npm install code-server` runs a postinstall that downloads ripgrep and prebuilt binaries, and nothing but the npm
// registry and Debian's packages can be reached here:
//   1. `npm pack code-server@VERSION` (the registry's tarball), unpacked;
//   2. lib/vscode: `npm install --omit=dev --ignore-scripts` (its runtime dependencies, no install scripts);
//   3. its native modules rebuilt from source for this Node with node-gyp (Debian's libkrb5-dev for kerberos);
//   4. ripgrep: @vscode/ripgrep's bin/rg is a link to Debian's `rg` (search and file quick-open use it);
//   5. `node_modules.asar` → `node_modules` (a desktop build reads its modules from the asar; this one has none);
//   6. lib/vscode/extensions: `npm install --omit=dev --ignore-scripts` (what the built-in extensions share).
// A marker file records the code-server version and the Node ABI the natives were built for; anything else, or a
// half-finished preparation, starts again from a clean folder. `npx tsx scripts/e2e/prepare.ts` prepares alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE, CODE_SERVER_VERSION, SERVER_DIR, VSCODE_DIR } from './paths';

/** The native modules the server loads (Windows-only ones are left out), each built with node-gyp. */
const NATIVE_MODULES = ['@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid', 'kerberos'];
const MARKER = '.postmortem-prepared.json';

interface Marker {
  codeServer: string;
  node: string;
  platform: string;
  arch: string;
}

const wanted = (): Marker => ({ codeServer: CODE_SERVER_VERSION, node: process.versions.modules, platform: process.platform, arch: process.arch });

function log(message: string): void {
  process.stderr.write(`[e2e prepare] ${message}\n`);
}

/** Whether .vscode-test/ holds a finished preparation for this code-server version and Node ABI. */
export function isPrepared(): boolean {
  try {
    const marker = JSON.parse(readFileSync(path.join(SERVER_DIR, MARKER), 'utf8')) as Marker;
    return JSON.stringify(marker) === JSON.stringify(wanted());
  } catch {
    return false;
  }
}

/** Prepares the server unless it already is; returns lib/vscode, the folder holding out/server-main.js. */
export async function prepareServer(): Promise<string> {
  if (isPrepared()) return VSCODE_DIR;
  const started = Date.now();
  const ripgrep = which('rg');
  if (!ripgrep) throw new Error('ripgrep is missing: apt-get install -y ripgrep (Debian\'s `rg` stands in for @vscode/ripgrep\'s download)');
  const gyp = nodeGyp();
  mkdirSync(CACHE, { recursive: true });
  const work = `${SERVER_DIR}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const logFile = path.join(CACHE, 'prepare.log');
  writeFileSync(logFile, '');

  const tarball = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}.tgz`);
  if (!existsSync(tarball)) {
    log(`npm pack code-server@${CODE_SERVER_VERSION}`);
    await run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', CACHE, '--silent'], CACHE, logFile);
    if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
  }
  log('unpacking');
  await run('tar', ['-xzf', tarball, '-C', work, '--strip-components=1'], CACHE, logFile);
  const vscode = path.join(work, 'lib', 'vscode');

  log('lib/vscode: npm install --omit=dev --ignore-scripts');
  await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], vscode, logFile);

  const nodedir = nodeDir();
  for (const name of NATIVE_MODULES) {
    const step = Date.now();
    const args = [gyp, 'rebuild', `--jobs=${cores()}`, ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
    await run(process.execPath, args, path.join(vscode, 'node_modules', name), logFile).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nBuilding the VS Code server's native modules needs a C++ toolchain, python3 and, for kerberos, libkrb5-dev: apt-get install -y build-essential python3 libkrb5-dev (.ci/run installs them).`);
    });
    log(`built ${name} (${seconds(Date.now() - step)})`);
  }

  const bin = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(ripgrep, path.join(bin, 'rg'));
  symlinkSync('node_modules', path.join(vscode, 'node_modules.asar'));

  log('lib/vscode/extensions: npm install --omit=dev --ignore-scripts');
  await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], path.join(vscode, 'extensions'), logFile);

  checkNatives(vscode);
  writeFileSync(path.join(work, MARKER), `${JSON.stringify(wanted(), null, 2)}\n`);
  rmSync(SERVER_DIR, { recursive: true, force: true });
  renameSync(work, SERVER_DIR);
  log(`prepared VS Code server ${readVersion()} from code-server ${CODE_SERVER_VERSION} in ${seconds(Date.now() - started)} (log: ${path.relative(process.cwd(), logFile)})`);
  return VSCODE_DIR;
}

/** Loads every rebuilt module, so a broken build fails here rather than as a workbench that never starts. */
function checkNatives(vscode: string): void {
  const requireFrom = createRequire(path.join(vscode, 'package.json'));
  for (const name of NATIVE_MODULES) {
    try {
      requireFrom(name);
    } catch (error) {
      throw new Error(`${name} does not load after its rebuild: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!existsSync(path.join(vscode, 'out', 'server-main.js'))) throw new Error('lib/vscode/out/server-main.js is missing from the package');
  if (!readdirSync(path.join(vscode, 'extensions')).includes('markdown-language-features')) throw new Error('the built-in Markdown extension is missing');
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(VSCODE_DIR, 'product.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

/** npm's own node-gyp (npm ships one); npm sets npm_execpath for scripts it runs. */
function nodeGyp(): string {
  const candidates = [
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const root = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout?.trim();
  if (root) candidates.push(path.join(root, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const found = candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate as string));
  if (!found) throw new Error(`node-gyp not found (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

/** Node's headers: npm's `nodedir` setting when there is one (this machine builds against /usr/include/node). */
function nodeDir(): string | undefined {
  const fromEnv = process.env.npm_config_nodedir;
  if (fromEnv) return fromEnv;
  const configured = spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim();
  return configured && configured !== 'undefined' && configured !== 'null' ? configured : undefined;
}

function which(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout?.trim();
  return found || undefined;
}

function cores(): number {
  return Math.max(1, Number(spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim()) || 2);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command, its output appended to the log; rejects with the log's tail when it fails. */
function run(command: string, args: string[], cwd: string, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      writeFileSync(logFile, `$ (cd ${cwd} && ${command} ${args.join(' ')})\n${output}\n`, { flag: 'a' });
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output.slice(-3000)}`));
    });
  });
}

if (require.main === module) {
  prepareServer().then(
    (dir) => log(isPrepared() ? `ready: ${dir}` : dir),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
