// Team configs on disk, as the CLI and the language server find them: each folder of test/fixtures/config/cases is
// a small workspace with `.postmortem.yaml` files and documents; `expected.json` at its top says, per document
// (path relative to the case folder), the exact findings under the nearest config:
//   { "doc.md": { "findings": ["7:1 missing-section"], "severities": { "7:1 missing-section": "warning" },
//                 "messages": { "7:1 missing-section": "substring" } } }
// A document with preferred fixes has `<doc>.fixed.<ext>`: the text after fix-all (UPDATE_FIXTURES=1 rewrites them).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyFixes, lint, type Finding, type LintOptions } from '../../server/src/core';
import { clearConfigCache, loadConfigForFile } from '../../server/src/workspace/config';

const CASES = path.resolve(__dirname, '../fixtures/config/cases');
const key = (finding: Finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.rule}`;

interface Expected {
  findings: string[];
  severities?: Record<string, string>;
  messages?: Record<string, string>;
}

function documents(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(path.join(dir, entry)).isDirectory()) return documents(path.join(dir, entry), relative);
    return /\.(md|txt)$/.test(entry) && !/\.fixed\.\w+$/.test(entry) ? [relative] : [];
  });
}

function fixAll(text: string, options: LintOptions): string {
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const result = applyFixes(current, lint(current, options));
    if (result.applied === 0) break;
    current = result.text;
  }
  return current;
}

describe('config cases (test/fixtures/config/cases)', () => {
  before(clearConfigCache);

  for (const name of readdirSync(CASES).sort()) {
    const dir = path.join(CASES, name);
    describe(name, () => {
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;

      it('lists every document in expected.json', () => {
        assert.deepEqual(Object.keys(expected).sort(), documents(dir));
      });

      for (const [document, wanted] of Object.entries(expected)) {
        describe(document, () => {
          const file = path.join(dir, document);
          const load = () => {
            const config = loadConfigForFile(file);
            assert.deepEqual(config.problems, []);
            const options: LintOptions = { template: config.template, severities: config.severities };
            const text = readFileSync(file, 'utf8');
            return { text, options, findings: lint(text, options) };
          };

          it('reports exactly the expected findings, with their severities and messages', () => {
            const { findings } = load();
            assert.deepEqual(findings.map(key), wanted.findings, findings.map((finding) => `${key(finding)}: ${finding.message}`).join('\n'));
            for (const [item, severity] of Object.entries(wanted.severities ?? {})) {
              assert.equal(findings.find((finding) => key(finding) === item)?.severity, severity, item);
            }
            for (const [item, message] of Object.entries(wanted.messages ?? {})) {
              const finding = findings.find((candidate) => key(candidate) === item);
              assert.ok(finding?.message.includes(message), `${item}: ${finding?.message} does not contain ${message}`);
            }
          });

          it('fix-all gives the .fixed snapshot, and leaves none of the fixed findings', () => {
            const { text, options, findings } = load();
            const snapshot = file.replace(/(\.\w+)$/, '.fixed$1');
            const fixable = findings.filter((finding) => finding.fixes.some((fix) => fix.isPreferred));
            if (fixable.length === 0) {
              assert.ok(!existsSync(snapshot), `${snapshot} exists but nothing is fixable`);
              return;
            }
            const fixed = fixAll(text, options);
            if (process.env.UPDATE_FIXTURES) writeFileSync(snapshot, fixed);
            assert.equal(fixed, readFileSync(snapshot, 'utf8'));
            const after = lint(fixed, options).map(key);
            for (const finding of fixable) assert.ok(!after.some((item) => item.endsWith(` ${finding.rule}`)), `${key(finding)} is still reported after fix-all`);
          });
        });
      }
    });
  }
});
