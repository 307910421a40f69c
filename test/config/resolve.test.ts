// `extends:` and merging, in core, over an in-memory file system: built-in templates, files relative to the file
// that names them, cycles reported (not followed forever), and a broken chain falling back to the defaults.
import assert from 'node:assert/strict';
import { resolveConfig, type ConfigLoader } from '../../server/src/core/config';
import { defaultTemplate, findBuiltInTemplate } from '../../server/src/core/template';

/** Files by absolute path; `extends` paths are relative to the folder of the file that names them. */
function memory(files: Record<string, string>): { load: ConfigLoader; calls: string[] } {
  const calls: string[] = [];
  const load: ConfigLoader = (reference, from) => {
    const parts = from.split('/').slice(0, -1);
    for (const part of reference.split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.') parts.push(part);
    }
    const path = parts.join('/');
    calls.push(path);
    return path in files ? { path, text: files[path] } : { error: 'no such file' };
  };
  return { load, calls };
}

const resolve = (files: Record<string, string>, entry = '/repo/.postmortem.yaml') => {
  const { load, calls } = memory(files);
  return { ...resolveConfig({ path: entry, text: files[entry] }, load), calls };
};
const where = (resolved: ReturnType<typeof resolve>) => resolved.problems.map((problem) => `${problem.file} ${problem.range.start.line + 1}:${problem.range.start.character + 1} ${problem.message}`);

describe('config: resolveConfig', () => {
  it('without extends, layers the file over the default template', () => {
    const resolved = resolve({ '/repo/.postmortem.yaml': 'rules: { placeholder-text: error }\ntimeline: { order: descending }\n' });
    assert.deepEqual(resolved.problems, []);
    assert.equal(resolved.template.name, '.postmortem.yaml');
    assert.deepEqual(resolved.template.sections, defaultTemplate.sections);
    assert.deepEqual(resolved.template.timeline, { order: 'descending' });
    assert.deepEqual(resolved.severities, { 'placeholder-text': 'error' });
    assert.equal(resolved.files, undefined);
    assert.deepEqual(resolved.sources, ['/repo/.postmortem.yaml']);
  });

  it('extends a built-in template: its sections, order and name, with the file\'s rules', () => {
    const resolved = resolve({ '/repo/.postmortem.yaml': 'extends: incident-report\nrules: { timestamp-missing-zone: off }\n' });
    const builtIn = findBuiltInTemplate('incident-report')!;
    assert.deepEqual(resolved.problems, []);
    assert.deepEqual(resolved.template, builtIn);
    assert.deepEqual(resolved.severities, { 'timestamp-missing-zone': 'off' });
  });

  it('extends a file relative to the extending one; rules and front matter properties merge, sections replace', () => {
    const resolved = resolve({
      '/repo/team/base.yaml': [
        'extends: google-sre',
        'name: team',
        'files: ["incidents/**/*.md"]',
        'frontMatter: { required: [title], properties: { severity: { enum: [SEV1, SEV2] } } }',
        'rules: { placeholder-text: error, timestamp-not-utc: error }',
      ].join('\n'),
      '/repo/product/.postmortem.yaml': [
        'extends: ../team/base.yaml',
        'sections: [{ name: Summary }, { name: Timeline }]',
        'frontMatter: { properties: { date: { type: date } } }',
        'rules: { timestamp-not-utc: warning }',
      ].join('\n'),
    }, '/repo/product/.postmortem.yaml');
    assert.deepEqual(resolved.problems, []);
    assert.deepEqual(resolved.calls, ['/repo/team/base.yaml']);
    assert.deepEqual(resolved.sources, ['/repo/product/.postmortem.yaml', '/repo/team/base.yaml']);
    assert.equal(resolved.template.name, '.postmortem.yaml');
    assert.deepEqual(resolved.template.sections.map((section) => section.name), ['Summary', 'Timeline']);
    assert.equal(resolved.template.order, 'any', 'from google-sre');
    assert.deepEqual(resolved.template.frontMatter, {
      required: ['title'],
      properties: { ...findBuiltInTemplate('google-sre')!.frontMatter!.properties, severity: { enum: ['SEV1', 'SEV2'] }, date: { type: 'date' } },
    });
    assert.deepEqual(resolved.severities, { 'placeholder-text': 'error', 'timestamp-not-utc': 'warning' });
    assert.deepEqual(resolved.files, { globs: ['incidents/**/*.md'], from: '/repo/team/base.yaml' });
  });

  it('keeps the extended template\'s name when the file only sets rules or files', () => {
    const resolved = resolve({ '/repo/.postmortem.yaml': 'extends: ./team.yaml\nrules: { missing-section: hint }\n', '/repo/team.yaml': 'name: team\nsections: [{ name: Summary }]\n' });
    assert.equal(resolved.template.name, 'team');
  });

  it('turns a conditional requirement into `when` lists', () => {
    const resolved = resolve({ '/repo/.postmortem.yaml': 'sections:\n  - { name: Customer communication, required: { when: { severity: SEV1, region: [eu, us] } } }\n  - { name: Appendix, required: false }\n' });
    assert.deepEqual(resolved.template.sections, [
      { name: 'Customer communication', aliases: [], required: true, when: { severity: ['SEV1'], region: ['eu', 'us'] } },
      { name: 'Appendix', aliases: [], required: false },
    ]);
  });

  it('reports a cycle at the extends that closes it, and stops', () => {
    const resolved = resolve({
      '/repo/.postmortem.yaml': 'extends: ./a.yaml\n',
      '/repo/a.yaml': 'extends: ./b.yaml\n',
      '/repo/b.yaml': '# back to the start\nextends: ./.postmortem.yaml\n',
    });
    assert.deepEqual(resolved.calls, ['/repo/a.yaml', '/repo/b.yaml', '/repo/.postmortem.yaml']);
    assert.deepEqual(where(resolved), [
      '/repo/.postmortem.yaml 1:10 extends: ./a.yaml has 2 problems',
      '/repo/a.yaml 1:10 extends: ./b.yaml has 1 problem',
      '/repo/b.yaml 2:10 extends: ./.postmortem.yaml extends this file again (.postmortem.yaml → a.yaml → b.yaml → .postmortem.yaml)',
    ]);
    assert.equal(resolved.template, defaultTemplate);
    assert.deepEqual(resolved.severities, {});
  });

  it('reports a file that extends itself', () => {
    assert.deepEqual(where(resolve({ '/repo/.postmortem.yaml': 'extends: ./.postmortem.yaml\n' })), [
      '/repo/.postmortem.yaml 1:10 extends: ./.postmortem.yaml extends this file again (.postmortem.yaml → .postmortem.yaml)',
    ]);
  });

  it('reports a missing file and an unknown built-in template, with the closest name', () => {
    assert.deepEqual(where(resolve({ '/repo/.postmortem.yaml': 'extends: ../shared/team.yaml\n' })), [
      '/repo/.postmortem.yaml 1:10 extends: cannot read ../shared/team.yaml: no such file',
    ]);
    const unknown = where(resolve({ '/repo/.postmortem.yaml': 'extends: googel-sre\n' }));
    assert.equal(unknown.length, 1);
    assert.match(unknown[0], /^\/repo\/\.postmortem\.yaml 1:10 extends: unknown template "googel-sre" \(did you mean "google-sre"\?\); built-in templates are atlassian, default, /);
  });

  it('falls back to the defaults when an extended file is broken, listing its problems in that file', () => {
    const resolved = resolve({
      '/repo/.postmortem.yaml': 'extends: ./team.yaml\nrules: { placeholder-text: error }\n',
      '/repo/team.yaml': 'order: sometimes\n',
    });
    assert.deepEqual(where(resolved), [
      '/repo/.postmortem.yaml 1:10 extends: ./team.yaml has 1 problem',
      '/repo/team.yaml 1:8 order: expected one of strict, any',
    ]);
    assert.equal(resolved.template, defaultTemplate);
    assert.deepEqual(resolved.severities, {});
    assert.deepEqual(resolved.sources, ['/repo/.postmortem.yaml', '/repo/team.yaml']);
  });
});
