import assert from 'node:assert/strict';
import { useColor } from '../../server/src/cli/colors';
import { build, checkJson, fixture, runCli, tempTree } from './helpers';

// eslint-style colour codes: SGR sequences only.
const ANSI = /\x1b\[\d+m/g;

describe('cli: check --format stylish', () => {
  let tree: ReturnType<typeof tempTree>;

  before(() => {
    build();
    tree = tempTree({
      'postmortems/clean.md': fixture('clean.md'),
      'postmortems/pacific.md': fixture('pacific.md'),
      'postmortems/invalid-date.md': fixture('invalid-date.md'),
    });
  });
  after(() => tree.cleanup());

  it('prints nothing for clean files', () => {
    const result = runCli(['check', 'postmortems/clean.md'], tree.dir);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
  });

  it('lays out files, aligned rows with 1-based line:col, and a summary, without colour when piped', () => {
    const result = runCli(['check'], tree.dir);
    const { reports } = checkJson([], tree.dir);
    assert.doesNotMatch(result.stdout, ANSI);
    const lines = result.stdout.split('\n');
    const withFindings = reports.filter((report) => report.findings.length > 0);
    assert.ok(withFindings.length >= 2);
    let at = 0;
    for (const report of withFindings) {
      assert.equal(lines[at++], '');
      assert.equal(lines[at++], report.file);
      const rows = lines.slice(at, at + report.findings.length);
      at += report.findings.length;
      const colonColumn = new Set<number>();
      const severityColumn = new Set<number>();
      const messageColumn = new Set<number>();
      rows.forEach((row, i) => {
        const finding = report.findings[i];
        const label = finding.severity === 'information' ? 'info' : finding.severity;
        const match = /^( {2,})(\d+):(\d+)( +)(\S+)( +)(.+?) {2,}(\S+)$/.exec(row);
        assert.ok(match, row);
        assert.equal(Number(match[2]), finding.range.start.line + 1);
        assert.equal(Number(match[3]), finding.range.start.character + 1);
        assert.equal(match[5], label);
        assert.equal(match[7], finding.message);
        assert.equal(match[8], finding.rule);
        const colonAt = match[1].length + match[2].length;
        const severityAt = colonAt + 1 + match[3].length + match[4].length;
        colonColumn.add(colonAt);
        severityColumn.add(severityAt);
        messageColumn.add(severityAt + match[5].length + match[6].length);
      });
      assert.equal(colonColumn.size, 1, 'line numbers right-aligned');
      assert.equal(severityColumn.size, 1, 'severities aligned');
      assert.equal(messageColumn.size, 1, 'messages aligned');
    }
    const all = reports.flatMap((report) => report.findings);
    const errors = all.filter((finding) => finding.severity === 'error').length;
    const warnings = all.filter((finding) => finding.severity === 'warning').length;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    assert.equal(lines[at++], '');
    assert.equal(lines[at++], `✖ ${plural(all.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(all.length - errors - warnings, 'info')})`);
    assert.match(lines[at++], /^ {2}\d+ problems? (is|are) fixable with the --fix option$/);
    assert.deepEqual(lines.slice(at), ['', '']);
    assert.equal(result.status, 1);
  });

  it('colours with FORCE_COLOR, and the text is the same without the colour codes', () => {
    const plain = runCli(['check'], tree.dir).stdout;
    const coloured = runCli(['check'], tree.dir, { FORCE_COLOR: '1' }).stdout;
    assert.match(coloured, ANSI);
    assert.equal(coloured.replace(ANSI, ''), plain);
  });

  it('does not colour with NO_COLOR or FORCE_COLOR=0', () => {
    assert.doesNotMatch(runCli(['check'], tree.dir, { NO_COLOR: '1' }).stdout, ANSI);
    assert.doesNotMatch(runCli(['check'], tree.dir, { FORCE_COLOR: '0' }).stdout, ANSI);
  });
});

describe('cli: when to colour', () => {
  it('colours a TTY unless NO_COLOR or TERM=dumb; FORCE_COLOR decides when set', () => {
    assert.equal(useColor({}, true), true);
    assert.equal(useColor({}, false), false);
    assert.equal(useColor({ NO_COLOR: '1' }, true), false);
    assert.equal(useColor({ NO_COLOR: '' }, true), true);
    assert.equal(useColor({ TERM: 'dumb' }, true), false);
    assert.equal(useColor({ FORCE_COLOR: '1' }, false), true);
    assert.equal(useColor({ FORCE_COLOR: '', NO_COLOR: '1' }, false), true);
    assert.equal(useColor({ FORCE_COLOR: '0' }, true), false);
    assert.equal(useColor({ FORCE_COLOR: 'false' }, true), false);
  });
});
