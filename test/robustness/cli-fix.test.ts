// `postmortem check --fix` never loses data: the cases test/cli/fix.test.ts does not cover (a file deleted, or
// rewritten with its old mtime, after it was read; a folder that cannot take the temp file; a symlinked postmortem).
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../server/src/cli/errors';
import { readTextFile } from '../../server/src/cli/files';
import { writeFixedFile } from '../../server/src/cli/fix-writer';
import { build, runCli, tempTree } from '../cli/helpers';

const PACIFIC = '# Outage\n\n## Summary\n\nCheckout failed.\n\n## Timeline\n\n- 2024-05-12 1:32 PM PDT errors rose\n- 2024-05-12 2:00 PM PDT resolved\n\n## Root cause\n\nA flag.\n\n## Action items\n\n- [ ] Canary.\n';

describe('robustness: check --fix never loses data', () => {
  before(build);

  it('does not recreate a file deleted after it was read', async () => {
    const tree = tempTree({ 'postmortem.md': PACIFIC });
    try {
      const path = join(tree.dir, 'postmortem.md');
      const read = await readTextFile({ path, display: 'postmortem.md' });
      rmSync(path);
      await assert.rejects(writeFixedFile(read, 'fixed\n'), InputError);
      assert.deepEqual(readdirSync(tree.dir), [], 'neither the file nor a temp file');
    } finally {
      tree.cleanup();
    }
  });

  it('refuses a file whose content changed even when its mtime was put back', async () => {
    const tree = tempTree({ 'postmortem.md': PACIFIC });
    try {
      const path = join(tree.dir, 'postmortem.md');
      const read = await readTextFile({ path, display: 'postmortem.md' });
      const mtime = statSync(path).mtime;
      writeFileSync(path, PACIFIC.replace('A flag.', 'A flag, as an editor saved it.'));
      utimesSync(path, mtime, mtime);
      await assert.rejects(writeFixedFile(read, 'fixed\n'), /changed on disk since it was read/);
      assert.match(readFileSync(path, 'utf8'), /as an editor saved it/);
      assert.deepEqual(readdirSync(tree.dir), ['postmortem.md']);
    } finally {
      tree.cleanup();
    }
  });

  it('leaves the file and no temp file when the folder cannot be written', function () {
    if (process.getuid?.() === 0) this.skip(); // root writes read-only folders
    const tree = tempTree({ 'postmortems/pacific.md': PACIFIC });
    const folder = join(tree.dir, 'postmortems');
    try {
      chmodSync(folder, 0o555);
      const result = runCli(['check', '--fix', 'postmortems'], tree.dir);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /fixes not written/);
      assert.equal(readFileSync(join(folder, 'pacific.md'), 'utf8'), PACIFIC);
      assert.deepEqual(readdirSync(folder), ['pacific.md']);
    } finally {
      chmodSync(folder, 0o755);
      tree.cleanup();
    }
  });

  it('writes the file a symlink points to and keeps the link', () => {
    const tree = tempTree({ 'real/pacific.md': PACIFIC });
    try {
      const link = join(tree.dir, 'postmortem.md');
      symlinkSync(join(tree.dir, 'real/pacific.md'), link);
      const result = runCli(['check', '--fix', 'postmortem.md'], tree.dir);
      assert.notEqual(result.status, 2, result.stderr);
      assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
      const fixed = readFileSync(join(tree.dir, 'real/pacific.md'), 'utf8');
      assert.notEqual(fixed, PACIFIC);
      assert.doesNotMatch(fixed, /PDT/);
      assert.deepEqual(readdirSync(join(tree.dir, 'real')), ['pacific.md'], 'no temp file left');
      assert.ok(existsSync(link));
    } finally {
      tree.cleanup();
    }
  });
});
