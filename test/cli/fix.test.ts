import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../server/src/cli/errors';
import { readTextFile } from '../../server/src/cli/files';
import { writeFixedFile } from '../../server/src/cli/fix-writer';
import { build, checkJson, fixture, runCli, tempTree } from './helpers';

const BOM = '\uFEFF';
const OLD = new Date('2020-01-01T00:00:00Z');

describe('cli: check --fix', () => {
  before(build);

  it('rewrites fixable findings to a fixed point, reports what remains, and leaves other files untouched', () => {
    const tree = tempTree({
      'postmortems/pacific.md': fixture('pacific.md'),
      'postmortems/clean.md': fixture('clean.md'),
      'postmortems/no-zone.md': fixture('no-zone.md'),
    });
    try {
      const path = (name: string) => join(tree.dir, 'postmortems', name);
      for (const name of ['clean.md', 'no-zone.md']) utimesSync(path(name), OLD, OLD);
      const fixed = checkJson(['--fix'], tree.dir);
      const pacific = readFileSync(path('pacific.md'), 'utf8');
      assert.notEqual(pacific, fixture('pacific.md'));
      assert.doesNotMatch(pacific, /\bPST\b/);
      assert.match(pacific, /UTC/);
      const after = checkJson([], tree.dir);
      assert.deepEqual(fixed.reports, after.reports, '--fix reports the findings of the fixed text');
      assert.equal(fixed.status, after.status);
      assert.ok(!after.reports[2].findings.some((finding) => finding.rule === 'timestamp-not-utc'));
      for (const name of ['clean.md', 'no-zone.md']) {
        assert.equal(statSync(path(name)).mtimeMs, OLD.getTime(), `${name} not touched`);
        assert.equal(readFileSync(path(name), 'utf8'), fixture(name));
      }
      assert.deepEqual(readdirSync(path('.')).sort(), ['clean.md', 'no-zone.md', 'pacific.md'], 'no temp files left');
    } finally {
      tree.cleanup();
    }
  });

  it('keeps a BOM, CRLF line breaks and the file mode', () => {
    const crlf = BOM + fixture('pacific.md').replace(/\n/g, '\r\n');
    const tree = tempTree({ 'postmortems/pacific.md': crlf });
    try {
      const path = join(tree.dir, 'postmortems/pacific.md');
      chmodSync(path, 0o640);
      const result = runCli(['check', '--fix'], tree.dir);
      assert.notEqual(result.status, 2, result.stderr);
      const fixed = readFileSync(path);
      assert.deepEqual([...fixed.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = fixed.toString('utf8');
      assert.notEqual(text, crlf);
      assert.doesNotMatch(text, /(^|[^\r])\n/, 'every line break is still CRLF');
      assert.doesNotMatch(text, /\bPST\b/);
      assert.equal(statSync(path).mode & 0o777, 0o640);
    } finally {
      tree.cleanup();
    }
  });

  it('does not write a file that changed on disk after it was read', async () => {
    const tree = tempTree({ 'postmortem.md': fixture('pacific.md') });
    try {
      const path = join(tree.dir, 'postmortem.md');
      const read = await readTextFile({ path, display: 'postmortem.md' });
      writeFileSync(path, 'saved by an editor meanwhile\n');
      await assert.rejects(writeFixedFile(read, 'fixed text\n'), (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /postmortem\.md: changed on disk since it was read/);
        return true;
      });
      assert.equal(readFileSync(path, 'utf8'), 'saved by an editor meanwhile\n');
      assert.deepEqual(readdirSync(tree.dir), ['postmortem.md'], 'temp file removed');
    } finally {
      tree.cleanup();
    }
  });

  it('writes through a file that is unchanged since it was read', async () => {
    const tree = tempTree({ 'postmortem.md': fixture('pacific.md') });
    try {
      const path = join(tree.dir, 'postmortem.md');
      await writeFixedFile(await readTextFile({ path, display: 'postmortem.md' }), 'fixed text\n');
      assert.equal(readFileSync(path, 'utf8'), 'fixed text\n');
      assert.deepEqual(readdirSync(tree.dir), ['postmortem.md']);
    } finally {
      tree.cleanup();
    }
  });
});
