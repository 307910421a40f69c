// The built-in templates (templates/*.yaml), the files generated from them and from the zod schema, the JSON
// Schema editors use, template detection, and `init` skeletons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { JSON_SCHEMA, readTemplateFiles, renderJsonSchema, renderTemplatesModule, TEMPLATES_MODULE } from '../../scripts/assets';
import { detectTemplate, lint, renderSkeleton } from '../../server/src/core';
import { parseConfig } from '../../server/src/core/config';
import { parse } from '../../server/src/core/parse';
import { builtInTemplates, findBuiltInTemplate, matchSection } from '../../server/src/core/template';

const ROOT = path.resolve(__dirname, '../..');
const SHARED = path.resolve(__dirname, '../../../shared');
const FIXTURES = path.join(ROOT, 'test/fixtures/config');
const read = (file: string) => readFileSync(file, 'utf8');
const readme = read(path.join(ROOT, 'README.md'));
const readmeExample = () => /^## Teams$[\s\S]*?```yaml\n([\s\S]*?)```/m.exec(readme)![1];

describe('built-in templates', () => {
  const files = readTemplateFiles();

  it('are the seven of the design, one YAML file each, named after the file', () => {
    assert.deepEqual(files.map((file) => file.name).sort(), ['atlassian', 'default', 'google-api-infra', 'google-sre', 'incident-report', 'pagerduty', 'status-page']);
    assert.deepEqual(builtInTemplates.map((template) => template.name), files.map((file) => file.name));
    for (const file of files) assert.equal((parseYaml(file.text) as { name: string }).name, file.name);
  });

  it('validate against the config schema and use only template keys (extends, files and rules belong to team configs)', () => {
    for (const file of files) {
      assert.deepEqual(parseConfig({ path: `${file.name}.yaml`, text: file.text }).problems, [], file.name);
      const keys = Object.keys(parseYaml(file.text) as object);
      assert.deepEqual(keys.filter((key) => ['extends', 'files', 'rules'].includes(key)), [], file.name);
    }
  });

  it('are bundled into core by the generated builtin-templates.ts, which is up to date (npm run build)', () => {
    assert.equal(read(TEMPLATES_MODULE), renderTemplatesModule(files));
  });

  it('keep the formats the design names', () => {
    const report = findBuiltInTemplate('incident-report')!;
    assert.equal(report.order, 'strict');
    assert.deepEqual(report.sections.map((section) => section.name), ['Summary', 'Symptoms', 'Timeline', 'Mitigation strategy', 'Follow-up actions']);
    const status = findBuiltInTemplate('status-page')!;
    assert.deepEqual(status.timeline, { order: 'descending' });
    assert.equal(matchSection(status, 'Updates')?.name, 'Timeline');
    const fallback = findBuiltInTemplate('default')!;
    assert.equal(fallback.order, 'any');
    assert.deepEqual(fallback.sections.map((section) => section.name), ['Summary', 'Timeline', 'Root cause', 'Action items']);
  });

  it('google-sre and google-api-infra name every section of the corpus templates they come from', () => {
    const headings = (file: string) => read(path.join(SHARED, 'corpus/templates', file)).split('\n').filter((line) => /^#{2,3} /.test(line)).map((line) => line.replace(/^#+ /, ''));
    const sre = findBuiltInTemplate('google-sre')!;
    // Date, Authors and Status are the document's header (front matter here), the three "What went …" are Lessons learned.
    const sreSections = headings('dastergon-srebook.md').filter((heading) => !/^(Date|Authors|Status|What went|Where we got lucky)/.test(heading));
    assert.deepEqual(sreSections.filter((heading) => !matchSection(sre, heading)), []);
    const api = findBuiltInTemplate('google-api-infra')!;
    assert.deepEqual(headings('dastergon-google-api-infra.md').map((heading) => matchSection(api, heading)?.name), api.sections.map((section) => section.name));
  });
});

describe('JSON Schema of .postmortem.yaml', () => {
  const schema = JSON.parse(read(JSON_SCHEMA)) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('is generated from the zod schema and up to date (npm run build)', () => {
    assert.equal(read(JSON_SCHEMA), renderJsonSchema(readTemplateFiles()));
  });

  it('is what package.json registers for .postmortem.yaml', () => {
    const manifest = JSON.parse(read(path.join(ROOT, 'package.json'))) as { contributes?: { yamlValidation?: { fileMatch: string | string[]; url: string }[] } };
    assert.deepEqual(manifest.contributes?.yamlValidation, [{ fileMatch: ['.postmortem.yaml'], url: './schemas/postmortem.schema.json' }]);
  });

  it('accepts the built-in templates, the README example and the corpus configs', () => {
    const texts: [string, string][] = [
      ...readTemplateFiles().map((file): [string, string] => [file.name, file.text]),
      ['README', readmeExample()],
      ...['dfds-template', 'dastergon-srebook', 'dastergon-google-api-infra', 'dastergon-michael-kehoe', 'status-im-template']
        .map((name): [string, string] => [name, read(path.join(FIXTURES, `corpus/${name}.postmortem.yaml`))]),
    ];
    for (const [name, text] of texts) assert.ok(validate(parseYaml(text) ?? {}), `${name}: ${JSON.stringify(validate.errors)}`);
  });

  it('rejects what the zod schema rejects: the five mistakes, a misspelt key, an unknown template name', () => {
    assert.equal(validate(parseYaml(read(path.join(FIXTURES, 'five-mistakes.postmortem.yaml')))), false);
    assert.equal(validate({ sections: [{ name: 'Summary', alias: ['Overview'] }] }), false);
    assert.equal(validate({ extends: 'googel-sre' }), false);
    assert.ok(validate({ extends: '../team/postmortem-base.yaml' }));
  });
});

describe('README Teams section', () => {
  it('has a complete example config that validates', () => {
    const example = readmeExample();
    assert.deepEqual(parseConfig({ path: 'README', text: example }).problems, []);
    for (const key of ['extends', 'name', 'files', 'timezone', 'timeline', 'order', 'sections', 'frontMatter', 'rules', 'when', 'aliases', 'skeleton']) {
      assert.match(example, new RegExp(`\\b${key}:`), key);
    }
  });
});

describe('detectTemplate', () => {
  const seed = (name: string) => parse(read(path.join(SHARED, 'seeds', name)));
  const corpus = (name: string) => parse(read(path.join(SHARED, 'corpus', name)));
  const guess = (doc: ReturnType<typeof parse>) => {
    const found = detectTemplate(doc);
    return found && `${found.template.name} ${found.matched}/${found.required}`;
  };

  it('finds the seeds\' VTEX reports closest to incident-report, the bold-heading one to default', () => {
    assert.equal(guess(seed('000_ac00cb96e8e2b397.txt')), 'incident-report 5/5');
    assert.equal(guess(seed('004_b6c1c1b3363144e9.txt')), 'incident-report 5/5');
    assert.equal(guess(seed('003_3a3be04277b3d75c.txt')), 'default 4/4');
    assert.equal(guess(seed('002_352edf48c2df1f0d.txt')), null);
  });

  it('finds the SRE-book postmortems closest to google-sre, and the API report template to google-api-infra', () => {
    assert.equal(guess(corpus('docs/k8s-test-infra-2019-01-23.md')), 'google-sre 8/8');
    assert.equal(guess(corpus('templates/dastergon-google-api-infra.md')), 'google-api-infra 5/5');
  });

  it('does not pick a one-section template for a document that has most of default\'s', () => {
    assert.equal(guess(corpus('docs/dfds-PM2021-011.md')), 'default 3/4');
    assert.equal(guess(corpus('docs/flutter-2016-11-08.md')), 'default 4/4');
  });
});

describe('renderSkeleton (postmortem init)', () => {
  for (const template of builtInTemplates) {
    it(`writes a ${template.name} document that has every section of the template, in order`, () => {
      const text = renderSkeleton(template, { title: 'Checkout errors', date: '2024-06-12' });
      const findings = lint(text, { template });
      assert.deepEqual(findings.filter((finding) => ['missing-section', 'section-order', 'duplicate-section', 'front-matter-invalid'].includes(finding.rule)), []);
      assert.equal(text.startsWith('---\n'), template.frontMatter !== undefined);
      assert.match(text, /^# Checkout errors$/m);
      assert.match(text, template.frontMatter ? /^date: 2024-06-12$/m : /^Date: 2024-06-12$/m);
      const headings = parse(text, { template }).sections.filter((section) => section.level === 2);
      assert.deepEqual(headings.map((section) => section.match?.name), template.sections.map((section) => section.name));
    });
  }

  it('writes the front matter a team template asks for, with hints for the values to fill in', () => {
    const text = renderSkeleton({
      ...findBuiltInTemplate('default')!,
      frontMatter: { required: ['title', 'date', 'severity', 'owner'], properties: { severity: { enum: ['SEV1', 'SEV2'] }, date: { type: 'date' } } },
    }, { title: 'Queue: backlog', date: '2024-06-12' });
    assert.equal(text.split('\n# ')[0], '---\ntitle: "Queue: backlog"\ndate: 2024-06-12\nseverity: # one of SEV1, SEV2\nowner:\n---\n');
  });
});
