import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { build, checkJson, fixture, runCli, tempTree } from './helpers';

describe('cli: which files are checked', () => {
  const clean = fixture('clean.md');
  let tree: ReturnType<typeof tempTree>;

  before(() => {
    build();
    tree = tempTree({
      'postmortems/2024-03-04-search.md': clean,
      'postmortems/2024/nested.markdown': clean,
      'postmortems/diagram.png': 'not a postmortem',
      'docs/db-postmortem.md': clean,
      'docs/README.md': '# Docs\n',
      'docs/notes.md': `---\ntitle: Notes\npostmortem: true\n---\n${clean}`,
      'docs/draft.md': `---\npostmortem: false\n---\n${clean}`,
      'docs/binary.md': new Uint8Array([0x23, 0x00, 0xff]),
      'Incidents/Outage.TXT': clean,
      'INCIDENT-REPORT-7.MD': clean,
      'node_modules/pkg/postmortems/vendored.md': clean,
      '.archive/postmortems/old.md': clean,
      'empty/.keep': '',
      'plain/README.md': '# Nothing to see\n',
      'notes.rst': clean,
    });
  });
  after(() => tree.cleanup());

  const files = (args: string[]) => {
    const { status, reports, stderr } = checkJson(args, tree.dir);
    assert.notEqual(status, 2, stderr);
    return reports.map((report) => report.file);
  };

  it('checks the postmortems under the current folder by default, sorted, skipping node_modules and dot folders', () => {
    assert.deepEqual(files([]), [
      'INCIDENT-REPORT-7.MD',
      'Incidents/Outage.TXT',
      'docs/db-postmortem.md',
      'docs/notes.md',
      'postmortems/2024-03-04-search.md',
      'postmortems/2024/nested.markdown',
    ]);
  });

  it('selects postmortems in a folder by name, folder or front matter', () => {
    assert.deepEqual(files(['docs']), ['docs/db-postmortem.md', 'docs/notes.md']);
  });

  it('matches folder globs from the working directory, or from above a folder outside it', () => {
    assert.deepEqual(files(['postmortems']), ['postmortems/2024-03-04-search.md', 'postmortems/2024/nested.markdown']);
    assert.deepEqual(files(['.']), files([]));
    const outside = checkJson(['../postmortems'], join(tree.dir, 'docs'));
    assert.deepEqual(outside.reports.map((report) => report.file), ['../postmortems/2024-03-04-search.md', '../postmortems/2024/nested.markdown']);
  });

  it('selects postmortems among the files a glob matches', () => {
    assert.deepEqual(files(['docs/*.md']), ['docs/db-postmortem.md', 'docs/notes.md']);
    assert.deepEqual(files(['**/*.md']), ['docs/db-postmortem.md', 'docs/notes.md', 'postmortems/2024-03-04-search.md']);
  });

  it('always checks files named explicitly, whatever their name or extension', () => {
    assert.deepEqual(files(['docs/README.md', 'notes.rst']), ['docs/README.md', 'notes.rst']);
  });

  it('checks a file once when it is named and also found', () => {
    assert.deepEqual(files(['docs', 'docs/notes.md', './docs/notes.md']), ['docs/db-postmortem.md', 'docs/notes.md']);
  });

  it('checks a file reached through symlinks once, and survives a symlink loop', () => {
    const linked = tempTree({ 'postmortems/a.md': clean });
    try {
      symlinkSync('a.md', join(linked.dir, 'postmortems/b-postmortem.md'));
      symlinkSync('..', join(linked.dir, 'postmortems/loop'));
      const { status, reports } = checkJson([], linked.dir);
      assert.equal(status, 0);
      assert.deepEqual(reports.map((report) => report.file), ['postmortems/a.md']);
    } finally {
      linked.cleanup();
    }
  });

  const badInputs: [string, string[], RegExp][] = [
    ['a missing file', ['missing.md'], /missing\.md: no such file or folder/],
    ['a binary file (NUL bytes)', ['docs/binary.md'], /docs\/binary\.md: binary file/],
    ['an empty folder', ['empty'], /empty: no postmortems in this folder/],
    ['a folder with no postmortems', ['plain'], /plain: no postmortems in this folder/],
    ['a glob that selects nothing', ['plain/*.md'], /plain\/\*\.md: no postmortems match/],
  ];
  for (const [what, args, message] of badInputs) {
    it(`exits 2 naming the input for ${what}`, () => {
      const result = runCli(['check', ...args], tree.dir);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    });
  }

  it('exits 2 for a file that is not valid UTF-8', () => {
    const invalid = tempTree({ 'postmortem.md': new Uint8Array([0x23, 0x20, 0xc3, 0x28, 0x0a]) });
    try {
      const result = runCli(['check', 'postmortem.md'], invalid.dir);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /postmortem\.md: not valid UTF-8 text/);
    } finally {
      invalid.cleanup();
    }
  });

  it('reports every bad input, and writes nothing with --fix', () => {
    const mixed = tempTree({ 'postmortems/pacific.md': fixture('pacific.md') });
    try {
      const before = statSync(join(mixed.dir, 'postmortems/pacific.md')).mtimeMs;
      const result = runCli(['check', '--fix', 'postmortems', 'gone.md', 'also-gone.md'], mixed.dir);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /gone\.md: no such file/);
      assert.match(result.stderr, /also-gone\.md: no such file/);
      assert.equal(readFileSync(join(mixed.dir, 'postmortems/pacific.md'), 'utf8'), fixture('pacific.md'));
      assert.equal(statSync(join(mixed.dir, 'postmortems/pacific.md')).mtimeMs, before);
      assert.deepEqual(readdirSync(join(mixed.dir, 'postmortems')), ['pacific.md']);
    } finally {
      mixed.cleanup();
    }
  });
});
