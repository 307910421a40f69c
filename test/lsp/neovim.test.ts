// A client nobody here wrote: Debian's Neovim (0.7.2), headless, configured by the README's init.lua, with the
// bundled server on PATH as `postmortem-language-server`. Without nvim this fails: CI must install it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, seed004WithMismatch, SERVER } from './client';

const INIT = path.join(__dirname, 'neovim/init.lua');
const COLLECT = path.join(__dirname, 'neovim/collect.lua');

interface Collected {
  timeout: boolean;
  diagnostics: { code: string; line: number; severity: number; source: string; message: string }[];
}

describe('Neovim (headless) as the client', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    build();
    dir = mkdtempSync(path.join(tmpdir(), 'postmortem-nvim-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is configured by the init.lua README shows, verbatim', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    assert.ok(readme.includes(`\`\`\`lua\n${readFileSync(INIT, 'utf8')}\`\`\``), 'README\'s Neovim snippet is test/lsp/neovim/init.lua');
  });

  it('receives duration-mismatch, missing-section and the template hint for seed 004 with 4h15min', () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const shim = path.join(bin, 'postmortem-language-server');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`);
    chmodSync(shim, 0o755);
    mkdirSync(path.join(dir, 'workspace/incidents'), { recursive: true });
    writeFileSync(path.join(dir, 'workspace/incidents/004.txt'), seed004WithMismatch());
    const out = path.join(dir, 'diagnostics.json');
    // Neovim's own state (logs, shada) stays in the temp folder.
    const xdg = Object.fromEntries(['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME'].map((name) => [name, path.join(dir, name.toLowerCase())]));

    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT, 'incidents/004.txt', '-c', `luafile ${COLLECT}`], {
      cwd: path.join(dir, 'workspace'),
      env: { ...process.env, ...xdg, PATH: `${bin}${path.delimiter}${process.env.PATH}`, POSTMORTEM_NVIM_OUT: out },
      encoding: 'utf8',
      timeout: 45_000,
    });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') assert.fail('nvim is not installed: apt-get install -y neovim');
    assert.equal(run.error, undefined, String(run.error));
    assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);

    const collected = JSON.parse(readFileSync(out, 'utf8')) as Collected;
    assert.equal(collected.timeout, false, 'diagnostics arrived in time');
    const codes = collected.diagnostics.map((diagnostic) => diagnostic.code).sort();
    // Seed 004 is in the incident-report format and no .postmortem.yaml says so: the template hint too.
    assert.deepEqual(codes, ['duration-mismatch', 'missing-section', 'template-hint']);
    const hint = collected.diagnostics.find((diagnostic) => diagnostic.code === 'template-hint')!;
    assert.deepEqual([hint.line, hint.severity], [0, 3]);
    assert.match(hint.message, /^Closest built-in template: incident-report \(5\/5 sections\)/);
    const mismatch = collected.diagnostics.find((diagnostic) => diagnostic.code === 'duration-mismatch')!;
    assert.equal(mismatch.line, 8);
    assert.equal(mismatch.source, 'postmortem');
  });
});
