// fixAll: the one fix-all loop the CLI (`check --fix`) and the language server (source.fixAll and the other document
// actions) call.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyFixes, fixAll, lint, MAX_FIX_PASSES, type Finding, type Fix, type LintOptions, type Range } from '../../server/src/core';
import { builtInTemplates } from '../../server/src/core/template';

const FIXTURES = path.resolve(__dirname, '../fixtures/rules');

/** A finding at the start of the text whose fix inserts `text` there. */
function inserting(text: string, rule = 'test'): Finding {
  const start = { line: 0, character: 0 };
  return {
    id: 'PM000', rule, severity: 'warning', message: '', range: { start, end: start },
    fixes: [{ title: '', isPreferred: true, edits: [{ range: { start, end: start }, newText: text }] }],
  };
}

/** The range of [start, end) in a one-line text. */
const span = (start: number, end: number): Range => ({ start: { line: 0, character: start }, end: { line: 0, character: end } });

/** A finding with the one preferred fix `fix`. */
function fixing(fix: Omit<Fix, 'title' | 'isPreferred'>): Finding {
  return { id: 'PM000', rule: 'test', severity: 'warning', message: '', range: span(0, 0), fixes: [{ title: '', isPreferred: true, ...fix }] };
}

describe('applyFixes: moves', () => {
  // "ab|cd|ef": the move writes "ab" after "ef" and removes it where it stood.
  const text = 'abcdef';
  const move = fixing({ edits: [{ range: span(6, 6), newText: 'ab' }, { range: span(0, 2), newText: '' }], moves: [{ edit: 0, from: span(0, 2) }] });
  const inside = fixing({ edits: [{ range: span(1, 2), newText: 'B' }] });

  it('an edit inside the moved text goes with it, whichever fix comes first', () => {
    for (const findings of [[move, inside], [inside, move]]) assert.deepEqual(applyFixes(text, findings), { text: 'cdefaB', applied: 2, skipped: 0 });
  });

  it('the edits alone write the moved text as it stands', () => {
    const { moves, ...plain } = move.fixes[0];
    assert.ok(moves);
    assert.deepEqual(applyFixes(text, [{ ...move, fixes: [plain] }, inside]), { text: 'cdefab', applied: 1, skipped: 1 });
  });

  it('an edit across the edge of the moved text, or over one already carried, clashes', () => {
    assert.deepEqual(applyFixes(text, [move, fixing({ edits: [{ range: span(1, 3), newText: 'X' }] })]), { text: 'cdefab', applied: 1, skipped: 1 });
    assert.deepEqual(applyFixes(text, [move, inside, fixing({ edits: [{ range: span(0, 2), newText: 'X' }] })]), { text: 'cdefaB', applied: 2, skipped: 1 });
  });

  it('a move whose copy is not the text it names moves nothing', () => {
    const wrong = fixing({ edits: [{ range: span(6, 6), newText: 'xy' }, { range: span(0, 2), newText: '' }], moves: [{ edit: 0, from: span(0, 2) }] });
    assert.deepEqual(applyFixes(text, [wrong, inside]), { text: 'cdefxy', applied: 1, skipped: 1 });
  });
});

describe('fixAll', () => {
  const broken = '# Outage\n\n## Timeline\n\n- 2024-01-12 10:00 PST errors rose\n- 2024-01-12 09:00 PST alert fired\n';

  it('returns the fixed text and how many passes changed it', () => {
    // The move of the second entry carries the conversion of its stamp: one pass.
    const result = fixAll(broken, (text) => lint(text));
    assert.equal(result.passes, 1);
    assert.deepEqual(lint(result.text).filter((finding) => finding.fixes.some((fix) => fix.isPreferred)), []);
    assert.deepEqual(fixAll(result.text, (text) => lint(text)), { text: result.text, passes: 0 });
  });

  it('starts from the findings it is given: the unchanged text is not linted again', () => {
    const linted: string[] = [];
    const lintText = (text: string) => {
      linted.push(text);
      return lint(text);
    };
    const result = fixAll(broken, lintText, { findings: lint(broken) });
    assert.ok(!linted.includes(broken));
    assert.equal(linted.length, result.passes);
    assert.equal(linted[linted.length - 1], result.text);
  });

  it('fixes the selected findings only, in every pass', () => {
    const select = (finding: Finding) => finding.rule === 'timestamp-not-utc';
    const result = fixAll(broken, (text) => lint(text), { select });
    assert.match(result.text, /- 2024-01-12 18:00 UTC errors rose\n- 2024-01-12 17:00 UTC alert fired/);
    assert.ok(lint(result.text).some((finding) => finding.rule === 'missing-section'));
  });

  it(`stops after ${MAX_FIX_PASSES} passes when fixes keep changing the text`, () => {
    let lints = 0;
    const result = fixAll('x', () => {
      lints++;
      return [inserting('+')];
    });
    assert.deepEqual(result, { text: `${'+'.repeat(MAX_FIX_PASSES)}x`, passes: MAX_FIX_PASSES });
    assert.equal(lints, MAX_FIX_PASSES, 'no lint of a text that is not fixed again');
  });

  it('stops when a pass applies fixes that change nothing', () => {
    assert.deepEqual(fixAll('x', () => [inserting('')]), { text: 'x', passes: 0 });
  });

  // The goal of issue "fix-all in two passes": each rule fixture settles within two passes.
  describe('settles each rule fixture within two passes', () => {
    for (const file of readdirSync(FIXTURES).filter((name) => /\.(md|txt)$/.test(name) && !/\.fixed\./.test(name)).sort()) {
      it(file, () => {
        const expected = JSON.parse(readFileSync(path.join(FIXTURES, file.replace(/\.(md|txt)$/, '.expected.json')), 'utf8')) as { template?: string };
        const options: LintOptions = { template: builtInTemplates.find((template) => template.name === expected.template) };
        const { passes } = fixAll(readFileSync(path.join(FIXTURES, file), 'utf8'), (text) => lint(text, options));
        assert.ok(passes <= 2, `${passes} passes`);
      });
    }
  });
});
