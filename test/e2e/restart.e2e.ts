// The client restarts a language server that died: the suite finds the server the extension host forked
// (dist/server.js of this extension, a child of this process), kills it with SIGKILL, and checks that a new one
// starts and checks an edit made afterwards. Linux only (reads /proc); skipped elsewhere.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  closeAllEditors, diagnosticCodes, diagnosticWith, extension, open, replaceInEditor, seed, SEED_004, writeWorkspaceFile,
} from './helpers';

/** The pids of this extension host's children running this extension's dist/server.js. */
function serverPids(): number[] {
  const bundle = path.join(extension().extensionPath, 'dist', 'server.js');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command name in parentheses (which may contain spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(bundle)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

async function until<T>(find: () => T | undefined, what: string, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function restartSuite(): void {
  describe('server restart', () => {
    afterEach(closeAllEditors);

    it('restarts a language server killed with SIGKILL; the new one checks the next edit', async function () {
      if (process.platform !== 'linux') this.skip();
      const uri = await writeWorkspaceFile('incidents/004-restart.txt', seed(SEED_004));
      const editor = await open(uri);
      await diagnosticCodes(uri, ['missing-section', 'template-hint']);

      const [pid, ...others] = await until(() => { const pids = serverPids(); return pids.length ? pids : undefined; }, 'the language server process');
      assert.deepEqual(others, [], 'one language server');
      process.kill(pid, 'SIGKILL');
      await until(() => (alive(pid) ? undefined : true), `server ${pid} to end`);
      const restarted = await until(() => serverPids().find((candidate) => candidate !== pid), 'a new language server process');
      assert.notEqual(restarted, pid);

      await replaceInEditor(editor, '4h25min', '4h15min');
      await diagnosticWith(uri, 'duration-mismatch');
      assert.ok(alive(restarted), 'the new server is still running');
    });
  });
}
