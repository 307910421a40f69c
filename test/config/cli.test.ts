// The CLI with team configs: nested `.postmortem.yaml` discovery, `files:` globs, --config, --template, a broken
// config (one warning, defaults, exit code by findings), the closest-template note, and `postmortem init`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, checkJson, runCli, tempTree } from '../cli/helpers';

// The incident-report layout (Summary, Symptoms, Timeline, Mitigation strategy, Follow-up actions), all in UTC.
const REPORT = `# Incident report

## Summary

On 2024-04-18, from 14:02 to 14:20 UTC, product pages rendered without prices.

## Symptoms

Shoppers saw empty price tags.

## Timeline

- [2024-04-18 14:02 UTC] A template change is published.
- [2024-04-18 14:20 UTC] The change is reverted; prices are back.

## Mitigation strategy

We reverted the template change.

## Follow-up actions

- Preview template changes on a staging storefront first.
`;

// The default layout, with a leftover TODO.
const DEFAULT_DOC = `# Search outage

## Summary

Search was down for ten minutes. TODO: link the dashboard.

## Timeline

- 2024-05-02 09:10 UTC the index is dropped by a migration.
- 2024-05-02 09:20 UTC the index is restored.

## Root cause

A migration dropped the index before building the new one.

## Action items

- Build first, then swap.
`;

const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

describe('cli: team configs', () => {
  let tree: ReturnType<typeof tempTree>;

  before(() => {
    build();
    tree = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.postmortem.yaml': 'extends: default\nrules: { placeholder-text: error }\n',
      'postmortems/search.md': DEFAULT_DOC,
      'teams/payments/.postmortem.yaml': 'extends: incident-report\nname: payments\nfiles: ["reports/**/*.md"]\n',
      'teams/payments/reports/2024/storefront.md': REPORT,
      'teams/payments/postmortems/not-listed.md': DEFAULT_DOC,
      'teams/payments/notes/declared.md': `---\npostmortem: true\n---\n\n${REPORT}`,
      'elsewhere/strict.yaml': 'extends: default\nrules: { placeholder-text: off, missing-section: error }\n',
      'loose/report-postmortem.md': REPORT,
    });
  });
  after(() => tree.cleanup());

  const findings = (reports: ReturnType<typeof checkJson>['reports'], file: string) => reports.find((report) => report.file === file)?.findings.map((finding) => `${finding.range.start.line + 1} ${finding.rule} ${finding.severity}`);

  it('checks each file with its nearest .postmortem.yaml, and selects files by that config\'s files: globs', () => {
    const { status, reports, stderr } = checkJson([], tree.dir);
    assert.equal(stderr, '');
    assert.deepEqual(reports.map((report) => report.file), [
      'loose/report-postmortem.md',
      'postmortems/search.md',
      'teams/payments/notes/declared.md',
      'teams/payments/reports/2024/storefront.md',
    ]);
    assert.deepEqual(findings(reports, 'postmortems/search.md'), ['5 placeholder-text error']);
    assert.deepEqual(findings(reports, 'teams/payments/reports/2024/storefront.md'), [], 'incident-report, from teams/payments/.postmortem.yaml');
    assert.deepEqual(findings(reports, 'teams/payments/notes/declared.md'), []);
    assert.deepEqual(findings(reports, 'loose/report-postmortem.md'), ['1 missing-section warning'], 'the root config: default sections');
    assert.equal(status, 1);
  });

  it('always checks a file named on the command line, with its nearest config (which does not inherit the one above)', () => {
    const { reports } = checkJson(['teams/payments/postmortems/not-listed.md'], tree.dir);
    assert.deepEqual(findings(reports, 'teams/payments/postmortems/not-listed.md'), [
      '1 missing-section warning', '1 missing-section warning', '5 placeholder-text warning',
    ]);
  });

  it('uses --config for every file instead of looking', () => {
    const { status, reports } = checkJson(['--config', 'elsewhere/strict.yaml', 'postmortems/search.md', 'loose/report-postmortem.md'], tree.dir);
    assert.deepEqual(findings(reports, 'postmortems/search.md'), []);
    assert.deepEqual(findings(reports, 'loose/report-postmortem.md'), ['1 missing-section error']);
    assert.equal(status, 1);
  });

  it('checks against --template, keeping the config\'s rules', () => {
    const { status, reports } = checkJson(['--template', 'incident-report', 'loose/report-postmortem.md', 'postmortems/search.md'], tree.dir);
    assert.deepEqual(findings(reports, 'loose/report-postmortem.md'), []);
    assert.ok(findings(reports, 'postmortems/search.md')!.includes('5 placeholder-text error'));
    assert.equal(status, 1);
  });

  it('refuses an unknown --template or a missing --config file (exit 2)', () => {
    const unknown = runCli(['check', '--template', 'googel-sre'], tree.dir);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown template 'googel-sre' \(did you mean 'google-sre'\?\)/);
    const missing = runCli(['check', '--config', 'nope.yaml'], tree.dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^postmortem: nope\.yaml: no such file or folder$/m);
  });

  it('warns once about a broken config, checks with the defaults, and exits by the findings', () => {
    const broken = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.postmortem.yaml': 'extends: default\nrules:\n  placeholder-txt: off\n  timestamp-not-utc: err\n',
      'postmortems/a.md': REPORT.replace('## Mitigation strategy', '## Root cause\n\nA template bug.\n\n## Mitigation strategy'),
      'postmortems/b.md': DEFAULT_DOC.replace(' TODO: link the dashboard.', ''),
    });
    try {
      const result = runCli(['check'], broken.dir);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, 'postmortem: warning: .postmortem.yaml is invalid, checking with the defaults: '
        + '3:3 rules.placeholder-txt: unknown rule (did you mean "placeholder-text"?); '
        + '4:22 rules.timestamp-not-utc: expected one of error, warning, information, hint, off\n');
      assert.equal(result.status, 0);
    } finally {
      broken.cleanup();
    }
  });

  it('notes the closest built-in template when no config applies, in stylish output only', () => {
    const bare = tempTree({ '.git/HEAD': '', 'postmortems/report.md': REPORT });
    try {
      const stylish = runCli(['check'], bare.dir);
      assert.match(stylish.stdout, /^ {2}note {2}closest built-in template: incident-report \(5\/5 sections\)$/m);
      assert.doesNotMatch(runCli(['check', '--format', 'json'], bare.dir).stdout, /closest/);
      assert.equal(runCli(['check', '--template', 'incident-report'], bare.dir).stdout, '');
    } finally {
      bare.cleanup();
    }
    assert.doesNotMatch(runCli(['check', 'loose/report-postmortem.md'], tree.dir).stdout, /closest/, 'a config applies');
  });

  it('reads the timeline with the file\'s config: newest-first updates are what status-page expects', () => {
    const updates = 'Updates\n\nResolved\n\nAll good.\n\nJul 8, 2024, 14:10 UTC\n30m earlier...\n\nInvestigating\n\nErrors.\n\nJul 8, 2024, 13:40 UTC\n';
    const pages = tempTree({ '.git/HEAD': '', 'status/.postmortem.yaml': 'extends: status-page\n', 'status/api-incident-report.txt': updates, 'plain/api-incident-report.txt': updates });
    try {
      const problems = (file: string) => {
        const result = runCli(['timeline', file], pages.dir);
        assert.equal(result.status, 0, result.stderr);
        return (JSON.parse(result.stdout) as { entries: { problems: string[] }[] }).entries.flatMap((entry) => entry.problems);
      };
      assert.deepEqual(problems('status/api-incident-report.txt'), []);
      assert.ok(problems('plain/api-incident-report.txt').some((problem) => /is earlier than Jul 8, 2024, 14:10 UTC/.test(problem)));
    } finally {
      pages.cleanup();
    }
  });

  describe('init', () => {
    it('writes a new postmortem from a built-in template: title, today\'s date, every section', () => {
      const result = runCli(['init', '--template', 'incident-report', '--title', 'Checkout errors', 'postmortems/checkout.md'], tree.dir);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, 'Created postmortems/checkout.md from the incident-report template.\n');
      const text = readFileSync(join(tree.dir, 'postmortems/checkout.md'), 'utf8');
      assert.ok(text.startsWith(`# Checkout errors\n\nDate: ${today()}\n\n## Summary\n\nOn ${today()}, from HH:mm to HH:mm UTC`), text);
      assert.deepEqual(text.match(/^## .*/gm), ['## Summary', '## Symptoms', '## Timeline', '## Mitigation strategy', '## Follow-up actions']);
    });

    it('writes front matter when the template has one', () => {
      const result = runCli(['init', '-t', 'status-page', '--title', 'API errors', 'incidents/api.md'], tree.dir);
      assert.equal(result.status, 0, result.stderr);
      const text = readFileSync(join(tree.dir, 'incidents/api.md'), 'utf8');
      assert.ok(text.startsWith(`---\ntitle: "API errors"\ndate: ${today()}\nseverity: # one of down, disrupted, notice\n`), text);
    });

    it('uses the template of the .postmortem.yaml that will apply, and a dated name by default', () => {
      const result = runCli(['init'], join(tree.dir, 'teams/payments/reports'));
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `Created postmortem-${today()}.md from the payments template.\n`);
      const text = readFileSync(join(tree.dir, `teams/payments/reports/postmortem-${today()}.md`), 'utf8');
      assert.match(text, /^## Mitigation strategy$/m);
    });

    it('never overwrites a file (exit 2)', () => {
      const target = join(tree.dir, 'postmortems/keep.md');
      writeFileSync(target, 'mine\n');
      const result = runCli(['init', 'postmortems/keep.md'], tree.dir);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, 'postmortem: postmortems/keep.md: already exists; not overwritten\n');
      assert.equal(readFileSync(target, 'utf8'), 'mine\n');
    });

    it('refuses an unknown template and two files', () => {
      assert.equal(runCli(['init', '--template', 'nope', 'x.md'], tree.dir).status, 2);
      assert.equal(runCli(['init', 'x.md', 'y.md'], tree.dir).status, 2);
      assert.ok(!existsSync(join(tree.dir, 'x.md')));
    });
  });
});
