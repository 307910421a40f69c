import assert from 'node:assert/strict';
import { ruleRegistry } from '../../server/src/core';
import { build, checkJson, fixture, lineOf, runCli, tempTree } from './helpers';

describe('cli: check --format json and exit codes', () => {
  let tree: ReturnType<typeof tempTree>;

  before(() => {
    build();
    tree = tempTree({
      'postmortems/clean.md': fixture('clean.md'),
      'postmortems/pacific.md': fixture('pacific.md'),
      'postmortems/out-of-order.md': fixture('out-of-order.md'),
      'postmortems/no-zone.md': fixture('no-zone.md'),
      'postmortems/invalid-date.md': fixture('invalid-date.md'),
    });
  });
  after(() => tree.cleanup());

  it('prints one entry per checked file with exactly the contract keys, in order', () => {
    const { reports } = checkJson([], tree.dir);
    assert.deepEqual(reports.map((report) => report.file), [
      'postmortems/clean.md',
      'postmortems/invalid-date.md',
      'postmortems/no-zone.md',
      'postmortems/out-of-order.md',
      'postmortems/pacific.md',
    ]);
    const names = new Map(ruleRegistry.map((rule) => [rule.name, rule.id]));
    for (const report of reports) {
      assert.deepEqual(Object.keys(report), ['file', 'findings']);
      for (const finding of report.findings) {
        assert.deepEqual(Object.keys(finding), ['rule', 'id', 'severity', 'message', 'range', 'fixable']);
        assert.deepEqual(Object.keys(finding.range), ['start', 'end']);
        for (const position of [finding.range.start, finding.range.end]) {
          assert.deepEqual(Object.keys(position), ['line', 'character']);
          assert.ok(Number.isInteger(position.line) && position.line >= 0);
          assert.ok(Number.isInteger(position.character) && position.character >= 0);
        }
        assert.equal(names.get(finding.rule), finding.id);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(finding.severity));
        assert.equal(typeof finding.message, 'string');
        assert.equal(typeof finding.fixable, 'boolean');
      }
    }
  });

  it('exits 0 with no findings for a clean postmortem', () => {
    const { status, reports } = checkJson(['postmortems/clean.md'], tree.dir);
    assert.equal(status, 0);
    assert.deepEqual(reports, [{ file: 'postmortems/clean.md', findings: [] }]);
  });

  it('reports zones other than UTC with fixes, at zero-based positions', () => {
    const { status, reports } = checkJson(['postmortems/pacific.md'], tree.dir);
    const text = fixture('pacific.md');
    const found = reports[0].findings.filter((finding) => finding.rule === 'timestamp-not-utc');
    assert.equal(found.length, 4);
    const first = lineOf(text, '9:05 AM PST');
    assert.deepEqual(found.map((finding) => finding.range.start.line), [first, first + 1, first + 2, first + 3]);
    const stampAt = text.split('\n')[first].indexOf('2024-01-17');
    for (const finding of found) {
      assert.equal(finding.fixable, true);
      assert.ok(finding.range.start.character >= stampAt && finding.range.end.character > finding.range.start.character);
    }
    assert.equal(status, 0, 'warnings alone exit 0');
  });

  it('reports an entry earlier than the one before it', () => {
    const { reports } = checkJson(['postmortems/out-of-order.md'], tree.dir);
    const order = reports[0].findings.filter((finding) => finding.rule === 'timeline-order');
    assert.deepEqual(order.map((finding) => finding.range.start.line), [lineOf(fixture('out-of-order.md'), '13:25 UTC')]);
  });

  it('reports stamps with no zone when none is declared', () => {
    const { reports } = checkJson(['postmortems/no-zone.md'], tree.dir);
    const text = fixture('no-zone.md');
    const missing = reports[0].findings.filter((finding) => finding.rule === 'timestamp-missing-zone');
    assert.deepEqual(missing.map((finding) => finding.range.start.line), [lineOf(text, '08:12'), lineOf(text, '08:30'), lineOf(text, '09:05')]);
  });

  it('exits 1 when any file has an error-severity finding', () => {
    const { status, reports } = checkJson(['postmortems'], tree.dir);
    const invalid = reports.find((report) => report.file === 'postmortems/invalid-date.md');
    assert.ok(invalid?.findings.some((finding) => finding.rule === 'timestamp-invalid' && finding.severity === 'error'));
    assert.equal(status, 1);
    assert.equal(runCli(['check', 'postmortems/invalid-date.md'], tree.dir).status, 1);
  });
});
