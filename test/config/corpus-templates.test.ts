// The five public templates of ../shared/corpus/templates written as team configs (test/fixtures/config/corpus),
// checked against the templates themselves and against the corpus postmortems written in those styles. Every
// expectation below was checked by reading the documents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, type Finding } from '../../server/src/core';
import { clearConfigCache, loadConfigFile } from '../../server/src/workspace/config';

const SHARED = path.resolve(__dirname, '../../../shared');
const CONFIGS = path.resolve(__dirname, '../fixtures/config/corpus');
const TEMPLATE_RULES = new Set(['missing-section', 'section-order', 'duplicate-section', 'empty-section', 'front-matter-invalid']);

/** The template findings of a corpus file under a corpus config, as "line:col rule: message". */
function check(config: string, file: string): string[] {
  const resolved = loadConfigFile(path.join(CONFIGS, `${config}.postmortem.yaml`));
  assert.deepEqual(resolved.problems, []);
  const text = readFileSync(path.join(SHARED, file), 'utf8');
  return lint(text, { template: resolved.template, severities: resolved.severities })
    .filter((finding: Finding) => TEMPLATE_RULES.has(finding.rule))
    .map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.rule}: ${finding.message}`);
}
const rules = (findings: string[]) => findings.map((finding) => finding.slice(0, finding.indexOf(':', finding.indexOf(' '))));

describe('corpus templates as .postmortem.yaml', () => {
  before(clearConfigCache);

  describe('dfds-template', () => {
    it('the blank template has every section; the ones it leaves blank are empty', () => {
      assert.deepEqual(rules(check('dfds-template', 'corpus/templates/dfds-template.md')), [
        '3:4 empty-section', '13:4 empty-section', '17:4 empty-section', '21:4 empty-section',
      ]);
    });

    it('finds Summary and Timeline in every DFDS postmortem', () => {
      for (const file of ['dfds-PM2020-003.md', 'dfds-PM2020-007.md', 'dfds-PM2021-011.md', 'dfds-PM2022-006.md', 'dfds-PM2023-002.md', 'dfds-PM2024-002.md']) {
        assert.deepEqual(check('dfds-template', `corpus/docs/${file}`).filter((finding) => /"(Summary|Timeline)"/.test(finding)), [], file);
      }
    });

    it('follows the template in 2022-006 and 2024-002', () => {
      assert.deepEqual(check('dfds-template', 'corpus/docs/dfds-PM2022-006.md'), []);
      assert.deepEqual(check('dfds-template', 'corpus/docs/dfds-PM2024-002.md'), []);
    });

    it('2020-003 and 2020-007 put Lessons Learned before Action Items, and have no Attendees (optional)', () => {
      assert.deepEqual(check('dfds-template', 'corpus/docs/dfds-PM2020-003.md'), [
        '36:4 section-order: "Action Items" should come before "Lessons Learned" in the dfds template\'s order.',
      ]);
      assert.deepEqual(rules(check('dfds-template', 'corpus/docs/dfds-PM2020-007.md')), ['40:4 section-order']);
    });

    it('2021-011 has no Contributing Factors; 2023-002 left Lessons Learned as a bare "-"', () => {
      assert.deepEqual(check('dfds-template', 'corpus/docs/dfds-PM2021-011.md'), [
        '1:1 missing-section: Missing section "Contributing factors" required by the dfds template.',
      ]);
      assert.deepEqual(check('dfds-template', 'corpus/docs/dfds-PM2023-002.md'), ['40:4 empty-section: Section "Lessons Learned" is empty.']);
    });
  });

  describe('dastergon-srebook (the SRE book)', () => {
    it('the blank template has every section; the blank required ones are empty', () => {
      const findings = check('dastergon-srebook', 'corpus/templates/dastergon-srebook.md');
      assert.ok(findings.every((finding) => finding.includes('empty-section')), findings.join('\n'));
      assert.equal(findings.length, 8);
    });

    it('the Kubernetes Prow postmortems have every section but a separate Trigger', () => {
      for (const file of ['k8s-test-infra-2019-01-23.md', 'k8s-test-infra-2019-02-05.md']) {
        assert.deepEqual(check('dastergon-srebook', `corpus/docs/${file}`), ['1:1 missing-section: Missing section "Trigger" required by the srebook template.'], file);
      }
    });

    it('the Flutter postmortem lacks Impact, Trigger and Resolution', () => {
      assert.deepEqual(check('dastergon-srebook', 'corpus/docs/flutter-2016-11-08.md').map((finding) => /"([^"]+)"/.exec(finding)![1]), ['Impact', 'Trigger', 'Resolution']);
    });
  });

  describe('dastergon-google-api-infra', () => {
    it('the blank template is in order; its blank sections are empty', () => {
      assert.deepEqual(rules(check('dastergon-google-api-infra', 'corpus/templates/dastergon-google-api-infra.md')), [
        '5:4 empty-section', '10:4 empty-section', '12:4 empty-section', '14:4 empty-section',
      ]);
    });

    it('seed 003 (Issue Summary, Timeline, Root Cause and Resolution, Corrective and Preventative Measures) merges resolution into root cause', () => {
      assert.deepEqual(check('dastergon-google-api-infra', 'seeds/003_3a3be04277b3d75c.txt'), [
        '1:1 missing-section: Missing section "Resolution and recovery" (or "Resolution") required by the google-api-infra-report template.',
      ]);
    });
  });

  describe('dastergon-michael-kehoe', () => {
    it('the blank template: "Root Cause(s)" and "Mitigation & Resolution" are the empty required sections', () => {
      assert.deepEqual(check('dastergon-michael-kehoe', 'corpus/templates/dastergon-michael-kehoe.md'), [
        '49:6 empty-section: Section "Root Cause(s)" is empty.',
        '51:5 empty-section: Section "Mitigation & Resolution" is empty.',
      ]);
    });

    it('an SRE-book postmortem has no attendees table and no incident timing table', () => {
      assert.deepEqual(check('dastergon-michael-kehoe', 'corpus/docs/k8s-test-infra-2019-01-23.md').map((finding) => /"([^"]+)"/.exec(finding)![1]), ['Postmortem attendees', 'Incident timing']);
    });
  });

  describe('status-im-template', () => {
    it('the blank template: its front matter comes after a remark line, so it is no front matter; Trigger and Resolution are empty', () => {
      assert.deepEqual(check('status-im-template', 'corpus/templates/status-im-template.md'), [
        '1:1 front-matter-invalid: No front matter: the status-im template requires title.',
        '25:4 empty-section: Section "Trigger" is empty.',
        '27:4 empty-section: Section "Resolution" is empty.',
      ]);
    });

    it('a Prow postmortem lacks the Date section, the Trigger and the front matter', () => {
      assert.deepEqual(rules(check('status-im-template', 'corpus/docs/k8s-test-infra-2019-02-05.md')), ['1:1 missing-section', '1:1 missing-section', '1:1 front-matter-invalid']);
    });
  });
});
