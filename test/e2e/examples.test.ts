// examples/, the workspace `npm start` opens: one postmortem per built-in template, each checked against it, and
// exactly the deliberate mistakes examples/README.md lists. Runs in plain mocha (no VS Code), through the CLI.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, checkJson, ROOT } from '../cli/helpers';

const EXAMPLES = path.join(ROOT, 'examples');
const TEMPLATES = ['default', 'google-sre', 'google-api-infra', 'pagerduty', 'atlassian', 'incident-report', 'status-page'];

// Per file: the rules reported, with how many findings each.
const EXPECTED: Record<string, Record<string, number>> = {
  'examples/default/postmortems/2024-03-04-checkout-deploy.md': { 'duration-mismatch': 1 },
  'examples/google-sre/postmortems/2024-07-18-search-latency.md': { 'timestamp-not-utc': 5, 'timestamp-zone-dst-mismatch': 5 },
  'examples/google-api-infra/postmortems/2024-02-06-api-quota-errors.md': { 'timeline-order': 1 },
  'examples/pagerduty/postmortems/2024-05-21-notification-delays.md': { 'missing-section': 1 },
  'examples/atlassian/postmortems/2024-09-10-login-failures.md': {},
  'examples/incident-report/incident-reports/2024-11-02-image-errors.txt': {},
  'examples/status-page/postmortems/2024-12-03-dashboard-outage.md': {},
};

describe('examples/ (the npm start workspace)', function () {
  this.timeout(30_000);
  before(build);

  it('has a folder per built-in template, whose .postmortem.yaml extends it (default: none)', () => {
    const folders = readdirSync(EXAMPLES, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
    assert.deepEqual([...folders].sort(), [...TEMPLATES].sort());
    for (const template of TEMPLATES.filter((name) => name !== 'default')) {
      const config = readFileSync(path.join(EXAMPLES, template, '.postmortem.yaml'), 'utf8');
      assert.match(config, new RegExp(`^extends: ${template}$`, 'm'), template);
    }
    assert.throws(() => readFileSync(path.join(EXAMPLES, 'default', '.postmortem.yaml')), /ENOENT/);
  });

  it('finds one postmortem per template, with exactly its deliberate mistakes', () => {
    const { reports, stderr } = checkJson(['examples'], ROOT);
    assert.equal(stderr, '');
    const found = Object.fromEntries(reports.map((report) => {
      const counts: Record<string, number> = {};
      for (const finding of report.findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
      return [report.file, counts];
    }));
    assert.deepEqual(found, EXPECTED);
  });

  it('states the wrong duration as 30 minutes where the timeline says 40 (the README\'s example)', () => {
    const { reports } = checkJson(['examples/default'], ROOT);
    const [finding] = reports[0].findings;
    assert.match(finding.message, /Stated duration 30 minutes .* 10:05 UTC \(line 13\) → 10:45 UTC \(line 17\) is 40m/);
    assert.equal(finding.fixable, true);
  });
});
