import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import schema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { version } from '../../package.json';
import { ruleRegistry } from '../../server/src/core';
import { build, checkJson, fixture, runCli, tempTree } from './helpers';

// The schema is SARIF 2.1.0 (rtm.5, the draft-04 schema published for 2.1.0) as Microsoft's SARIF SDK ships it.
// unicodeRegExp is off because its `language` pattern has a stray `]` that only non-unicode regexps accept.
const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

describe('cli: check --format sarif', () => {
  let tree: ReturnType<typeof tempTree>;
  const validate = (() => {
    const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
  })();

  before(() => {
    build();
    tree = tempTree({
      'postmortems/clean.md': fixture('clean.md'),
      'postmortems/q1/pacific time.md': fixture('pacific.md'),
      'postmortems/invalid-date.md': fixture('invalid-date.md'),
    });
  });
  after(() => tree.cleanup());

  const sarif = (args: string[] = []) => {
    const result = runCli(['check', '--format', 'sarif', ...args], tree.dir);
    return { status: result.status, log: JSON.parse(result.stdout) as Log };
  };

  it('is valid SARIF 2.1.0', () => {
    const { log } = sarif();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema ?? '', /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
  });

  it('describes the tool and every rule of the registry by name', () => {
    const { driver } = sarif().log.runs[0].tool;
    assert.equal(driver.name, 'postmortem');
    assert.equal(driver.version, version);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    const rules = driver.rules ?? [];
    assert.deepEqual(rules.map((rule) => rule.id), ruleRegistry.map((rule) => rule.name));
    rules.forEach((rule, i) => {
      const meta = ruleRegistry[i];
      assert.equal(rule.shortDescription?.text, meta.description);
      assert.equal(rule.fullDescription?.text, meta.description);
      assert.equal(rule.helpUri, `https://github.com/postmortem-studio/postmortem-studio#${meta.name}`);
      assert.equal(rule.defaultConfiguration?.level, LEVEL[meta.defaultSeverity]);
      assert.deepEqual(rule.properties?.tags, [...meta.tags]);
    });
  });

  it('reports each finding with its rule, level and 1-based region relative to %SRCROOT%', () => {
    const { log, status } = sarif();
    const run = log.runs[0];
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `${pathToFileURL(tree.dir).href}/`);
    const { reports } = checkJson([], tree.dir);
    const expected = reports.flatMap((report) => report.findings.map((finding) => ({ file: report.file, finding })));
    assert.ok(expected.length > 0);
    const results = run.results ?? [];
    assert.equal(results.length, expected.length);
    const uri = (result: Result) => result.locations?.[0].physicalLocation?.artifactLocation?.uri;
    results.forEach((result, i) => {
      const { file, finding } = expected[i];
      assert.equal(result.ruleId, finding.rule);
      assert.equal(run.tool.driver.rules?.[result.ruleIndex ?? -1]?.id, finding.rule);
      assert.equal(result.level, LEVEL[finding.severity as keyof typeof LEVEL]);
      assert.equal(result.message.text, finding.message);
      const { artifactLocation, region } = result.locations?.[0].physicalLocation ?? {};
      assert.equal(artifactLocation?.uri, encodeURI(file));
      assert.equal(artifactLocation?.uriBaseId, '%SRCROOT%');
      assert.deepEqual(region, {
        startLine: finding.range.start.line + 1,
        startColumn: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
      });
    });
    assert.ok(results.some((result) => uri(result) === 'postmortems/q1/pacific%20time.md'));
    assert.equal(status, 1);
  });

  it('is valid with no results', () => {
    const { log, status } = sarif(['postmortems/clean.md']);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(status, 0);
  });
});
