// Running the bundled CLI as a user would: `node dist/cli.js …` in a folder of our own.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const FIXTURES = join(ROOT, 'test/fixtures/cli');

let built = false;

/** Builds the bundles once per test run, so the tests check what ships. */
export function build(): void {
  if (built) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): RunResult {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A temp folder holding `files` (path → content), removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Uint8Array> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface JsonFinding {
  rule: string;
  id: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixable: boolean;
}

export interface JsonReport {
  file: string;
  findings: JsonFinding[];
}

export function checkJson(args: readonly string[], cwd: string): { status: number | null; reports: JsonReport[]; stderr: string } {
  const result = runCli(['check', '--format', 'json', ...args], cwd);
  return { status: result.status, reports: JSON.parse(result.stdout) as JsonReport[], stderr: result.stderr };
}

/** Zero-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split(/\r?\n/).findIndex((candidate) => candidate.includes(needle));
  if (line < 0) throw new Error(`fixture has no line with ${needle}`);
  return line;
}
