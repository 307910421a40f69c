// README's rule table is the registry, row for row.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ruleRegistry } from '../../server/src/core';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('lists every rule of the registry with its id, default severity, fix and description, in order', () => {
    const rows = [...readme.matchAll(/^\| (PM\d{3}) \| \[`([a-z-]+)`\]\(#([a-z-]+)\) \| (\w+) \| (yes|—) \| (.+) \|$/gm)];
    assert.deepEqual(
      rows.map((row) => ({ id: row[1], name: row[2], anchor: row[3], severity: row[4], fixable: row[5] === 'yes', description: row[6] })),
      ruleRegistry.map((rule) => ({ id: rule.id, name: rule.name, anchor: rule.name, severity: rule.defaultSeverity, fixable: rule.fixable, description: rule.description })),
    );
  });

  it('documents every rule under its own heading (the anchor diagnostics link to)', () => {
    for (const rule of ruleRegistry) assert.match(readme, new RegExp(`^### ${rule.name}$`, 'm'), rule.name);
  });
});
