import assert from 'node:assert/strict';
import { build, fixture, runCli, tempTree } from './helpers';

describe('cli: timeline', () => {
  let tree: ReturnType<typeof tempTree>;

  before(() => {
    build();
    tree = tempTree({ 'notes/clean.md': fixture('clean.md'), 'notes/binary.md': new Uint8Array([0, 1, 2]) });
  });
  after(() => tree.cleanup());

  it('prints the timeline data as JSON by default', () => {
    const result = runCli(['timeline', 'notes/clean.md'], tree.dir);
    assert.equal(result.status, 0, result.stderr);
    const data = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(data).sort(), ['declaredZone', 'entries', 'metrics', 'milestones', 'order', 'title'].sort());
    assert.equal(data.order, 'ascending');
    assert.deepEqual(
      data.entries.map((entry: { utc: string }) => entry.utc),
      ['02:10', '02:47', '03:05', '03:21', '04:02'].map((time) => `2024-03-04T${time}:00.000Z`),
    );
  });

  it('prints a Mermaid timeline with --format mermaid', () => {
    const result = runCli(['timeline', 'notes/clean.md', '--format', 'mermaid'], tree.dir);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'timeline');
    assert.ok(lines.includes('    section 2024-03-04 UTC'));
    assert.ok(lines.some((line) => line.startsWith('        02#58;10 : The nightly index rebuild started on schedule.')));
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['timeline', 'notes/gone.md'], /notes\/gone\.md: no such file/],
    ['a folder', ['timeline', 'notes'], /notes: is a folder, expected a file/],
    ['a binary file', ['timeline', 'notes/binary.md'], /notes\/binary\.md: binary file/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 naming the file for ${what}`, () => {
      const result = runCli(args, tree.dir);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    });
  }
});
