// Validating one `.postmortem.yaml` text: every YAML or schema error at its line and column, with a message that
// names the field and what is allowed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, type ConfigProblem } from '../../server/src/core/config';
import { closest, editDistance } from '../../server/src/core/suggest';

const FIXTURES = path.resolve(__dirname, '../fixtures/config');

/** "line:col-line:col message", 1-based, as an editor shows it. */
const show = (problem: ConfigProblem) => {
  const { start, end } = problem.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${problem.message}`;
};
const problemsOf = (text: string) => parseConfig({ path: '.postmortem.yaml', text }).problems.map(show);

describe('config schema: parseConfig', () => {
  it('reports a config with five kinds of mistakes as five problems, each at its place', () => {
    const text = readFileSync(path.join(FIXTURES, 'five-mistakes.postmortem.yaml'), 'utf8');
    assert.deepEqual(problemsOf(text), [
      '4:8-4:15 order: expected one of strict, any',
      '7:5-7:10 sections[0].alias: unknown key (did you mean "aliases"?); allowed: name, aliases, required, skeleton',
      '9:15-9:24 sections[1].required: expected true, false or { when: { front-matter key: [values] } }',
      '11:3-11:18 rules.placeholder-txt: unknown rule (did you mean "placeholder-text"?)',
      '12:22-12:25 rules.timestamp-not-utc: expected one of error, warning, information, hint, off',
    ]);
  });

  it('accepts an empty file and a complete one', () => {
    assert.deepEqual(problemsOf(''), []);
    assert.deepEqual(problemsOf('# nothing yet\n'), []);
    const complete = [
      'extends: google-sre',
      'name: payments',
      'description: Payments team postmortems',
      'files: ["postmortems/**/*.md"]',
      'timezone: UTC',
      'timeline: { order: descending }',
      'order: strict',
      'sections:',
      '  - { name: Summary, aliases: [Overview], skeleton: What happened. }',
      '  - { name: Customer communication, required: { when: { severity: [SEV1, SEV2], customer_facing: true } } }',
      '  - { name: Appendix, required: false }',
      'frontMatter:',
      '  required: [title, date, severity]',
      '  properties:',
      '    severity: { enum: [SEV1, SEV2, SEV3], description: How bad. }',
      '    date: { type: date }',
      '    ticket: { type: string, pattern: "INC-\\\\d+" }',
      'rules: { placeholder-text: error, timestamp-missing-zone: off, missing-section: hint, duration-mismatch: information }',
    ].join('\n');
    assert.deepEqual(problemsOf(complete), []);
  });

  it('reports YAML syntax errors and duplicate keys at their place, and nothing else', () => {
    assert.deepEqual(problemsOf('order: strict\nsections: [\n'), ['3:1-3:1 YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
    assert.deepEqual(problemsOf('order: strict\norder: any\n'), ['2:1-2:2 YAML: Map keys must be unique']);
  });

  it('names the field and the type it expects, and what it got', () => {
    assert.deepEqual(problemsOf('- extends: default\n'), ['1:1-1:19 (the file): expected a mapping, got a list']);
    assert.deepEqual(problemsOf('files: postmortems/**\n'), ['1:8-1:22 files: expected a list, got "postmortems/**"']);
    assert.deepEqual(problemsOf('name: ""\n'), ['1:7-1:9 name: must not be empty']);
    assert.deepEqual(problemsOf('timeline: { order: newest-first }\n'), ['1:20-1:32 timeline.order: expected one of ascending, descending']);
    assert.deepEqual(problemsOf('sections:\n  - aliases: [Overview]\n'), ['2:5-2:24 sections[0].name: required, expected text']);
  });

  it('checks zones, regular expressions and conditions', () => {
    assert.deepEqual(problemsOf('timezone: Mars/Olympus\n'), ['1:11-1:23 timezone: expected UTC, an offset like +01:00, an abbreviation like CET or an IANA zone like Europe/Paris']);
    for (const zone of ['UTC', 'CET', '+01:00', 'Europe/Paris', 'America/Los_Angeles']) assert.deepEqual(problemsOf(`timezone: ${zone}\n`), [], zone);
    assert.deepEqual(problemsOf("frontMatter: { properties: { ticket: { pattern: 'INC-(\\d+' } } }\n"), [
      '1:49-1:59 frontMatter.properties.ticket.pattern: not a valid regular expression: Invalid regular expression: /INC-(\\d+/u: Unterminated group',
    ]);
    assert.deepEqual(problemsOf('sections:\n  - { name: Impact, required: { when: { severity: { is: SEV1 } } } }\n'), [
      '2:51-2:63 sections[0].required.when.severity: expected a value or a list of values',
    ]);
  });

  it('reports a misspelt key once, with the key it suggests, not also that key as missing', () => {
    assert.deepEqual(problemsOf('sections:\n  - name: Impact\n    required: { whne: { severity: SEV1 } }\n'), [
      '3:17-3:21 sections[0].required.whne: unknown key (did you mean "when"?); allowed: when',
    ]);
    assert.deepEqual(problemsOf('extend: default\n'), [
      '1:1-1:7 extend: unknown key (did you mean "extends"?); allowed: extends, name, description, files, timezone, timeline, order, sections, frontMatter, rules',
    ]);
  });

  it('reports an unknown rule with the closest rule name, or where to find them', () => {
    assert.deepEqual(problemsOf('rules:\n  timestamp-not-utcc: off\n  zones: off\n'), [
      '2:3-2:21 rules.timestamp-not-utcc: unknown rule (did you mean "timestamp-not-utc"?)',
      '3:3-3:8 rules.zones: unknown rule; `postmortem rules` lists them',
    ]);
  });

  it('reports two sections claiming the same heading', () => {
    assert.deepEqual(problemsOf('sections:\n  - { name: Summary, aliases: [Overview] }\n  - { name: overview }\n'), [
      '3:13-3:21 sections[1].name: "overview" is already a name or alias of sections[0]',
    ]);
  });
});

describe('config schema: suggestions', () => {
  it('computes edit distances', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });

  it('suggests the closest candidate only when it is near', () => {
    assert.equal(closest('googel-sre', ['default', 'google-sre', 'google-api-infra']), 'google-sre');
    assert.equal(closest('Timestamp-Not-UTC', ['timestamp-not-utc', 'timeline-order']), 'timestamp-not-utc');
    assert.equal(closest('zones', ['timestamp-not-utc', 'timeline-order']), undefined);
  });
});
