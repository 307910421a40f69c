// The fixture-driven spec of the engine: every document in test/fixtures/rules/ with the exact findings
// it must produce (<name>.expected.json) and, for fixable documents, the text after fix-all (<name>.fixed.md).
//
// <name>.expected.json:
//   { "template": "incident-report",                 optional, a built-in template name (default "default")
//     "findings": ["9:23 duration-mismatch", ...],    exact, as "line:col rule" (1-based), in lint's order
//     "messages": { "9:23 duration-mismatch": "..." } optional, substrings the message must contain }
//
// UPDATE_FIXTURES=1 rewrites every .fixed snapshot (and creates missing ones for documents with a preferred fix),
// but only for fixtures whose findings are the expected ones; UPDATE_FIXTURES=name,other limits that to the named
// fixtures. Review each rewritten snapshot by eye. Without it, snapshots are only read.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyFixes, lint, ruleRegistry, type Finding, type LintOptions, type Position, type Range } from '../../server/src/core';
import { parse } from '../../server/src/core/parse';
import { builtInTemplates } from '../../server/src/core/template';

const DIR = path.resolve(__dirname, '../fixtures/rules');
const DOCUMENT = /\.(md|txt)$/;
const SNAPSHOT = /\.fixed\.(md|txt)$/;
const EXPECTED = /\.expected\.json$/;
const MAX_PASSES = 5;

interface Expected {
  template?: string;
  findings: string[];
  messages?: Record<string, string>;
}

interface Fixture {
  /** Path below test/fixtures/rules without the extension, e.g. `durations-8h-outside-tolerance`. */
  name: string;
  ext: string;
  documentPath: string;
  expectedPath: string;
  snapshotPath: string;
}

/** Every file below `dir`, as paths relative to it, with `/` separators. */
function walk(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(full).isDirectory()) files.push(...walk(full, relative));
    else files.push(relative);
  }
  return files;
}

const files = existsSync(DIR) ? walk(DIR) : [];

const fixtures: Fixture[] = files
  .filter((file) => DOCUMENT.test(file) && !SNAPSHOT.test(file))
  .map((file) => {
    const ext = path.extname(file);
    const name = file.slice(0, -ext.length);
    return {
      name,
      ext,
      documentPath: path.join(DIR, file),
      expectedPath: path.join(DIR, `${name}.expected.json`),
      snapshotPath: path.join(DIR, `${name}.fixed${ext}`),
    };
  });

const key = (finding: Finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.rule}`;

function readExpected(fixture: Fixture): Expected {
  const raw: unknown = JSON.parse(readFileSync(fixture.expectedPath, 'utf8'));
  assert.ok(raw && typeof raw === 'object' && !Array.isArray(raw), `${fixture.name}.expected.json: not an object`);
  const data = raw as Record<string, unknown>;
  const unknownKeys = Object.keys(data).filter((name) => !['template', 'findings', 'messages'].includes(name));
  assert.deepEqual(unknownKeys, [], `${fixture.name}.expected.json: unknown keys`);
  assert.ok(Array.isArray(data.findings) && data.findings.every((item) => typeof item === 'string'), `${fixture.name}.expected.json: "findings" must be an array of strings`);
  for (const item of data.findings as string[]) assert.match(item, /^\d+:\d+ [a-z-]+$/, `${fixture.name}.expected.json: "${item}" is not "line:col rule"`);
  if (data.template !== undefined) assert.equal(typeof data.template, 'string', `${fixture.name}.expected.json: "template" must be a string`);
  if (data.messages !== undefined) {
    assert.ok(data.messages && typeof data.messages === 'object' && !Array.isArray(data.messages), `${fixture.name}.expected.json: "messages" must be an object`);
    for (const [finding, text] of Object.entries(data.messages as Record<string, unknown>)) {
      assert.equal(typeof text, 'string', `${fixture.name}.expected.json: message for "${finding}" must be a string`);
      assert.ok((data.findings as string[]).includes(finding), `${fixture.name}.expected.json: message for "${finding}", which is not in "findings"`);
    }
  }
  return data as unknown as Expected;
}

function optionsFor(fixture: Fixture, expected: Expected): LintOptions {
  if (expected.template === undefined) return {};
  const template = builtInTemplates.find((candidate) => candidate.name === expected.template);
  assert.ok(template, `${fixture.name}: unknown template "${expected.template}" (built in: ${builtInTemplates.map((item) => item.name).join(', ')})`);
  return { template };
}

/** Lines as LSP counts them: split on CRLF, CR or LF; the text of each without its break. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function inside(lengths: number[], position: Position): boolean {
  return Number.isInteger(position.line) && Number.isInteger(position.character)
    && position.line >= 0 && position.line < lengths.length
    && position.character >= 0 && position.character <= lengths[position.line];
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function assertRangeInside(lengths: number[], range: Range, what: string): void {
  assert.ok(inside(lengths, range.start) && inside(lengths, range.end) && before(range.start, range.end), `${what} is outside the document or reversed: ${JSON.stringify(range)}`);
}

/** Fix-all as the CLI and the editor run it: the preferred fixes, pass after pass, until nothing applies. */
function fixAll(text: string, options: LintOptions): { text: string; passes: number; settled: boolean } {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result = applyFixes(current, lint(current, options));
    if (result.applied === 0) return { text: current, passes: pass, settled: true };
    current = result.text;
  }
  return { text: current, passes: MAX_PASSES, settled: applyFixes(current, lint(current, options)).applied === 0 };
}

const updateSetting = process.env.UPDATE_FIXTURES;
const updating = (fixture: Fixture) => !!updateSetting && (updateSetting === '1' || updateSetting.split(',').map((item) => item.trim()).includes(fixture.name));

/** The instants (UTC, ISO) of the body's stamps that carry a time, sorted: what fixes may move or rewrite, never change. */
function instants(text: string, options: LintOptions): string[] {
  return parse(text, { template: options.template }).stamps
    .filter((stamp) => !stamp.inFrontMatter && stamp.parts.time && stamp.instant)
    .map((stamp) => stamp.instant!.toUTC().toISO()!)
    .sort();
}

const countByRule = (findings: Finding[]) => {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
  return counts;
};

describe('rule fixtures (test/fixtures/rules)', () => {
  it('has fixtures', () => {
    assert.ok(fixtures.length > 0, `no fixtures in ${DIR}`);
  });

  it('no fixture is orphaned: each document has an expected.json, each expected.json and snapshot a document', () => {
    const problems: string[] = [];
    const names = new Map<string, string[]>();
    for (const fixture of fixtures) names.set(fixture.name, [...(names.get(fixture.name) ?? []), fixture.ext]);
    for (const [name, exts] of names) if (exts.length > 1) problems.push(`${name}: one fixture name with several documents (${exts.join(', ')})`);
    for (const fixture of fixtures) if (!existsSync(fixture.expectedPath)) problems.push(`${fixture.name}${fixture.ext}: no ${fixture.name}.expected.json`);
    for (const file of files) {
      if (EXPECTED.test(file)) {
        const name = file.replace(EXPECTED, '');
        if (!names.has(name)) problems.push(`${file}: no ${name}.md or ${name}.txt`);
      } else if (SNAPSHOT.test(file)) {
        const ext = path.extname(file);
        const name = file.replace(SNAPSHOT, '');
        if (!fixtures.some((fixture) => fixture.name === name && fixture.ext === ext)) problems.push(`${file}: no ${name}${ext}`);
      } else if (!DOCUMENT.test(file)) {
        problems.push(`${file}: not a fixture file (.md, .txt, .expected.json, .fixed.md, .fixed.txt)`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every rule of the registry has at least one positive fixture', () => {
    const reported = new Set<string>();
    for (const fixture of fixtures) {
      if (!existsSync(fixture.expectedPath)) continue;
      for (const item of readExpected(fixture).findings) reported.add(item.slice(item.indexOf(' ') + 1));
    }
    assert.deepEqual(ruleRegistry.map((rule) => rule.name).filter((name) => !reported.has(name)), []);
  });

  it('expected findings name only registered rules', () => {
    const names = new Set(ruleRegistry.map((rule) => rule.name));
    const unknown: string[] = [];
    for (const fixture of fixtures) {
      if (!existsSync(fixture.expectedPath)) continue;
      for (const item of readExpected(fixture).findings) if (!names.has(item.slice(item.indexOf(' ') + 1))) unknown.push(`${fixture.name}: ${item}`);
    }
    assert.deepEqual(unknown, []);
  });

  for (const fixture of fixtures) {
    describe(`${fixture.name}${fixture.ext}`, () => {
      // Read and lint once per fixture, lazily, so a broken fixture fails its own tests and not the whole file.
      let cache: { text: string; expected: Expected; options: LintOptions; findings: Finding[]; fixed: ReturnType<typeof fixAll> } | undefined;
      const load = () => {
        if (!cache) {
          assert.ok(existsSync(fixture.expectedPath), `missing ${fixture.name}.expected.json`);
          const text = readFileSync(fixture.documentPath, 'utf8');
          const expected = readExpected(fixture);
          const options = optionsFor(fixture, expected);
          cache = { text, expected, options, findings: lint(text, options), fixed: fixAll(text, options) };
        }
        return cache;
      };
      const preferred = (findings: Finding[]) => findings.filter((finding) => finding.fixes.some((fix) => fix.isPreferred));

      it('reports exactly the expected findings', () => {
        const { findings, expected } = load();
        assert.deepEqual(findings.map(key), expected.findings, findings.map((finding) => `${key(finding)}: ${finding.message}`).join('\n'));
      });

      it('has the expected messages', () => {
        const { findings, expected } = load();
        for (const [wanted, text] of Object.entries(expected.messages ?? {})) {
          const matching = findings.filter((finding) => key(finding) === wanted);
          assert.ok(matching.length > 0, `no finding ${wanted}`);
          assert.ok(matching.some((finding) => finding.message.includes(text)), `${wanted}: message ${JSON.stringify(matching.map((finding) => finding.message))} does not contain ${JSON.stringify(text)}`);
        }
      });

      it('keeps every finding and every fix edit inside the document', () => {
        const { text, findings } = load();
        const lengths = lineLengths(text);
        for (const finding of findings) {
          assertRangeInside(lengths, finding.range, `${key(finding)} range`);
          for (const fix of finding.fixes) {
            assert.ok(fix.edits.length > 0, `${key(finding)} fix "${fix.title}" has no edits`);
            for (const edit of fix.edits) assertRangeInside(lengths, edit.range, `${key(finding)} fix "${fix.title}" edit`);
          }
        }
      });

      it('fix-all gives the .fixed snapshot', () => {
        const { text, options, findings, expected, fixed: result } = load();
        assert.ok(result.settled, `fix-all still applies fixes after ${MAX_PASSES} passes`);
        const hasSnapshot = existsSync(fixture.snapshotPath);
        if (updating(fixture) && (hasSnapshot || preferred(findings).length > 0)) {
          // A snapshot records fixes of the expected findings only: an engine bug must not become the spec.
          assert.deepEqual(findings.map(key), expected.findings, 'not updating the snapshot: the findings differ from the expected ones');
          for (const [wanted, message] of Object.entries(expected.messages ?? {})) {
            assert.ok(findings.some((finding) => key(finding) === wanted && finding.message.includes(message)), `not updating the snapshot: the message of ${wanted} differs`);
          }
          assert.deepEqual(instants(result.text, options), instants(text, options), 'not updating the snapshot: fix-all changes instants');
          writeFileSync(fixture.snapshotPath, result.text, 'utf8');
          return;
        }
        if (!hasSnapshot) {
          assert.deepEqual(preferred(findings).map(key), [], `findings with a preferred fix but no ${fixture.name}.fixed${fixture.ext} (create it with UPDATE_FIXTURES=${fixture.name})`);
          return;
        }
        const snapshot = readFileSync(fixture.snapshotPath, 'utf8');
        assert.equal(result.text, snapshot, `fix-all output differs from ${fixture.name}.fixed${fixture.ext}`);
      });

      it('fix-all keeps line endings and the BOM', () => {
        const { text, fixed: { text: fixed } } = load();
        if (text.includes('\r\n') && !/(^|[^\r])\n/.test(text)) assert.doesNotMatch(fixed, /(^|[^\r])\n/, 'a CRLF document gained a bare LF');
        if (!text.includes('\r')) assert.ok(!fixed.includes('\r'), 'an LF document gained a CR');
        if (text.includes('\r') && !text.includes('\n')) assert.ok(!fixed.includes('\n'), 'a CR document gained an LF');
        assert.equal(fixed.startsWith('\uFEFF'), text.startsWith('\uFEFF'), 'the BOM was added or lost');
      });

      it('fix-all never changes an instant: stamps are rewritten, moved or swapped, not re-dated', () => {
        const { text, options, findings, fixed } = load();
        if (preferred(findings).length === 0) return;
        assert.deepEqual(instants(fixed.text, options), instants(text, options));
      });

      it('after fix-all, every finding that had a preferred fix is gone', () => {
        const { options, findings, fixed } = load();
        const fixable = countByRule(preferred(findings));
        if (fixable.size === 0) return;
        const before = countByRule(findings);
        const after = countByRule(lint(fixed.text, options));
        const survivors: string[] = [];
        for (const [rule, count] of fixable) {
          const left = after.get(rule) ?? 0;
          if (left > (before.get(rule) ?? 0) - count) survivors.push(`${rule}: ${before.get(rule)} before (${count} with a preferred fix), ${left} after`);
        }
        assert.deepEqual(survivors, []);
      });
    });
  }
});
