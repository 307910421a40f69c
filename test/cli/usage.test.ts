import assert from 'node:assert/strict';
import { version } from '../../package.json';
import { ruleRegistry } from '../../server/src/core';
import { build, ROOT, runCli } from './helpers';

describe('cli: usage', () => {
  before(build);

  it('prints help on stdout with --help and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['timeline', '--help']]) {
      const result = runCli(args, ROOT);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, /^Usage: postmortem <command>/);
      assert.equal(result.stderr, '');
    }
  });

  it('prints the package version with --version', () => {
    const result = runCli(['--version'], ROOT);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${version}\n`);
  });

  it('lists every rule of the registry', () => {
    const result = runCli(['rules'], ROOT);
    assert.equal(result.status, 0);
    const lines = result.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, ruleRegistry.length);
    for (const rule of ruleRegistry) assert.ok(lines.some((line) => line.startsWith(`${rule.id}  `) && line.includes(rule.name)), rule.name);
  });

  const badUsage: [string, string[], RegExp][] = [
    ['no command', [], /no command given/],
    ['an unknown command', ['lint'], /unknown command 'lint'/],
    ['an unknown option', ['check', '--bogus'], /--bogus/],
    ['an unknown top-level option', ['--bogus'], /--bogus/],
    ['an unknown check format', ['check', '--format', 'xml'], /unknown format 'xml'/],
    ['an unknown timeline format', ['timeline', 'a.md', '--format', 'svg'], /unknown format 'svg'/],
    ['a missing option value', ['check', '--format'], /--format/],
    ['timeline without a file', ['timeline'], /exactly one FILE/],
    ['timeline with two files', ['timeline', 'a.md', 'b.md'], /exactly one FILE/],
    ['rules with an argument', ['rules', 'x'], /no arguments/],
  ];
  for (const [what, args, message] of badUsage) {
    it(`exits 2 with the usage on stderr for ${what}`, () => {
      const result = runCli(args, ROOT);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Usage: postmortem <command>/);
    });
  }
});
