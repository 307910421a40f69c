// Files generated from sources by `npm run build`, checked in, and tested for staleness (test/config/assets.test.ts):
// - server/src/core/builtin-templates.ts: templates/*.yaml as strings, so core bundles them without a loader and
//   tsx/mocha load them like any other module;
// - schemas/postmortem.schema.json: the JSON Schema of `.postmortem.yaml`, from the zod schema, for editors.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const TEMPLATES_DIR = path.join(ROOT, 'templates');
export const TEMPLATES_MODULE = path.join(ROOT, 'server/src/core/builtin-templates.ts');
export const JSON_SCHEMA = path.join(ROOT, 'schemas/postmortem.schema.json');

export interface TemplateFile {
  name: string;
  text: string;
}

export function readTemplateFiles(dir = TEMPLATES_DIR): TemplateFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.yaml'.length), text: readFileSync(path.join(dir, file), 'utf8') }));
}

export function renderTemplatesModule(files: readonly TemplateFile[]): string {
  const entries = files.map((file) => `  { name: ${JSON.stringify(file.name)}, text: ${JSON.stringify(file.text)} },\n`).join('');
  return '// Generated from templates/*.yaml by scripts/assets.ts (`npm run build`). Do not edit: edit the YAML files.\n'
    + `export const BUILT_IN_TEMPLATE_SOURCES: readonly { name: string; text: string }[] = [\n${entries}];\n`;
}

export function renderJsonSchema(files: readonly TemplateFile[]): string {
  // Loaded late: core loads the templates module, which main() may just have rewritten.
  const { configJsonSchema } = require('../server/src/core/config') as typeof import('../server/src/core/config');
  return `${JSON.stringify(configJsonSchema(files.map((file) => file.name)), null, 2)}\n`;
}

function main(): void {
  const files = readTemplateFiles();
  writeIfChanged(TEMPLATES_MODULE, renderTemplatesModule(files));
  writeIfChanged(JSON_SCHEMA, renderJsonSchema(files));
}

function writeIfChanged(file: string, text: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(file, text);
}

if (require.main === module) main();
