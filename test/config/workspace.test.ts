// The file-system side of configs (server/src/workspace/config.ts), used by the CLI and the language server:
// the nearest `.postmortem.yaml`, where the search stops, the cache, `--template`, and `files:` globs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_POSTMORTEM_FILES } from '../../server/src/selection';
import { clearConfigCache, findConfigFile, isListed, loadConfigFile, loadConfigForFile, validateConfigText } from '../../server/src/workspace/config';

describe('workspace config', () => {
  let root: string;
  const file = (relative: string, text = '') => {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    clearConfigCache();
    root = mkdtempSync(join(tmpdir(), 'postmortem-config-'));
    file('repo/.git/HEAD', 'ref: refs/heads/main\n');
    file('repo/.postmortem.yaml', 'extends: default\nname: repo\n');
    file('repo/teams/payments/.postmortem.yaml', 'extends: incident-report\nrules: { placeholder-text: error }\nfiles: ["reports/*.md"]\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the nearest .postmortem.yaml from the document\'s folder upward', () => {
    const deep = file('repo/teams/payments/reports/2024/outage.md');
    assert.equal(findConfigFile(dirname(deep)), join(root, 'repo/teams/payments/.postmortem.yaml'));
    assert.equal(findConfigFile(join(root, 'repo/teams/search')), join(root, 'repo/.postmortem.yaml'));
    const config = loadConfigForFile(deep);
    assert.equal(config.configPath, join(root, 'repo/teams/payments/.postmortem.yaml'));
    assert.equal(config.template.name, 'incident-report');
    assert.deepEqual(config.severities, { 'placeholder-text': 'error' });
    assert.deepEqual(config.files, { globs: ['reports/*.md'], base: join(root, 'repo/teams/payments') });
    assert.deepEqual(config.sources, [join(root, 'repo/teams/payments/.postmortem.yaml')]);
  });

  it('stops at the workspace folder given as root, else at the repository root', () => {
    file('.postmortem.yaml', 'name: outside\n');
    assert.equal(findConfigFile(join(root, 'repo/teams/search'), join(root, 'repo/teams')), null);
    file('other/notes/x.md');
    assert.equal(findConfigFile(join(root, 'other/notes')), join(root, '.postmortem.yaml'), 'no .git: up to the filesystem root');
    rmSync(join(root, 'repo/.postmortem.yaml'));
    assert.equal(findConfigFile(join(root, 'repo/teams/search')), null, 'not above the folder holding .git');
  });

  it('gives the defaults and no config path when there is none', () => {
    const config = loadConfigForFile(file('repo/teams/search/outage.md'), { root: join(root, 'repo/teams') });
    assert.equal(config.configPath, null);
    assert.equal(config.template.name, 'default');
    assert.deepEqual([config.severities, config.files, config.problems], [{}, null, []]);
  });

  it('uses --config instead of looking, and --template replaces the template but keeps rules and files', () => {
    const other = file('elsewhere/team.yaml', 'extends: pagerduty\nrules: { missing-section: off }\n');
    const config = loadConfigForFile(join(root, 'repo/teams/payments/x.md'), { configFile: other, templateName: 'status-page' });
    assert.equal(config.configPath, other);
    assert.equal(config.template.name, 'status-page');
    assert.deepEqual(config.severities, { 'missing-section': 'off' });
  });

  it('caches a config until it or a file it extends changes', () => {
    const base = file('repo/base.yaml', 'rules: { placeholder-text: warning }\n');
    const config = file('repo/teams/search/.postmortem.yaml', 'extends: ../../base.yaml\n');
    const first = loadConfigFile(config);
    assert.equal(loadConfigFile(config), first, 'unchanged: the same object');
    writeFileSync(base, 'rules: { placeholder-text: error }\n');
    utimesSync(base, new Date(), new Date(Date.now() + 5000));
    const second = loadConfigFile(config);
    assert.notEqual(second, first);
    assert.deepEqual(second.severities, { 'placeholder-text': 'error' });
    assert.deepEqual(second.sources, [config, base]);
  });

  it('reports a broken config with absolute file names and falls back to the defaults', () => {
    const broken = file('repo/teams/search/.postmortem.yaml', 'extends: default\nrules:\n  timestamp-not-utc: err\n');
    const config = loadConfigForFile(join(root, 'repo/teams/search/outage.md'));
    assert.equal(config.configPath, broken);
    assert.equal(config.template.name, 'default');
    assert.deepEqual(config.severities, {});
    assert.deepEqual(config.problems, [{
      file: broken,
      range: { start: { line: 2, character: 21 }, end: { line: 2, character: 24 } },
      message: 'rules.timestamp-not-utc: expected one of error, warning, information, hint, off',
    }]);
  });

  it('reports an unreadable config file as a problem, not a crash', () => {
    mkdirSync(join(root, 'repo/teams/odd/.postmortem.yaml/inside'), { recursive: true });
    const config = loadConfigFile(join(root, 'repo/teams/odd/.postmortem.yaml'));
    assert.deepEqual(config.problems.map((problem) => problem.message), ['cannot read: is a folder']);
  });

  it('lists postmortems by the config\'s files: globs (relative to the config), else by the fallback', () => {
    const payments = loadConfigForFile(join(root, 'repo/teams/payments/reports/a.md'));
    const fallback = { globs: DEFAULT_POSTMORTEM_FILES, base: join(root, 'repo') };
    assert.equal(isListed(payments, join(root, 'repo/teams/payments/reports/a.md'), fallback), true);
    assert.equal(isListed(payments, join(root, 'repo/teams/payments/postmortems/a.md'), fallback), false, 'the config\'s globs replace the defaults');
    const plain = loadConfigForFile(join(root, 'repo/postmortems/a.md'));
    assert.equal(isListed(plain, join(root, 'repo/postmortems/a.md'), fallback), true);
    assert.equal(isListed(plain, join(root, 'repo/notes/a.md'), fallback), false);
  });

  it('validates unsaved config text, reading what it extends from disk', () => {
    file('repo/base.yaml', 'order: sometimes\n');
    const config = join(root, 'repo/teams/search/.postmortem.yaml');
    assert.deepEqual(validateConfigText(config, 'extends: default\n'), []);
    assert.deepEqual(validateConfigText(config, 'extends: ../../base.yaml\n').map((problem) => `${problem.file} ${problem.range.start.line + 1}:${problem.range.start.character + 1} ${problem.message}`), [
      `${config} 1:10 extends: ../../base.yaml has 1 problem`,
      `${join(root, 'repo/base.yaml')} 1:8 order: expected one of strict, any`,
    ]);
  });
});
