// `.postmortem.yaml`: the zod schema, validation with exact positions, and `extends` resolution. Pure: other files
// are read through a callback, so the CLI and the language server bring their own file system.
import { IANAZone } from 'luxon';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { ruleRegistry } from './rules';
import { closest } from './suggest';
import { applyLayer, builtInTemplates, defaultTemplate, findBuiltInTemplate, normalizeHeading, type Template, type TemplateLayer } from './template';
import { LineIndex } from './text';
import type { Range, SeveritySetting } from './types';
import { resolveZone } from './zones';
import { readYaml } from './yaml';

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
const RULE_NAMES = ruleRegistry.map((rule) => rule.name);

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const text = z.string().min(1);

function isZone(name: string): boolean {
  return resolveZone(name) !== null || IANAZone.isValidZone(name);
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const section = z.strictObject({
  name: text.describe('The heading, e.g. "Root cause". Matching ignores case and punctuation, and a heading may continue after it.'),
  aliases: z.array(text).optional().describe('Other headings that count as this section.'),
  required: z
    .union([z.boolean(), z.strictObject({
      when: z
        .record(z.string(), z.union([scalar, z.array(scalar)], { error: 'expected a value or a list of values' }))
        .describe('Front matter keys and the values that make the section required; every key must match one of its values.'),
    })], { error: 'expected true, false or { when: { front-matter key: [values] } }' })
    .optional()
    .describe('true (the default), false, or { when: { severity: [SEV1, SEV2] } }: required only when the front matter says so.'),
  skeleton: z.string().optional().describe('Text written under the heading by the missing-section fix and by `postmortem init`.'),
});

const property = z.strictObject({
  type: z.enum(['string', 'number', 'boolean', 'date']).optional().describe('date: YYYY-MM-DD or an ISO 8601 date-time.'),
  enum: z.array(scalar).min(1).optional().describe('The allowed values.'),
  pattern: z.string()
    .superRefine((pattern, ctx) => {
      const problem = regexProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${problem}` });
    })
    .optional()
    .describe('A regular expression (JavaScript, u flag) the whole value must match.'),
  description: z.string().optional(),
});

const rules = z.strictObject(Object.fromEntries(RULE_NAMES.map((name) => [name, z.enum(SEVERITIES).optional()])))
  .describe('Severity per rule: error, warning, information, hint or off.');

/** The whole `.postmortem.yaml`; built-in template files (templates/*.yaml) use the same shape. */
export const configSchema = z.strictObject({
  extends: text.optional().describe('A built-in template (default, google-sre, …) or a path to another YAML file, relative to this one.'),
  name: text.optional().describe('The template name findings mention.'),
  description: z.string().optional(),
  files: z.array(text).optional().describe('Globs, relative to this file\'s folder, of the documents that are postmortems.'),
  timezone: text
    .refine(isZone, { error: 'expected UTC, an offset like +01:00, an abbreviation like CET or an IANA zone like Europe/Paris' })
    .optional()
    .describe('The zone timestamps must be written in.'),
  timeline: z.strictObject({ order: z.enum(['ascending', 'descending']) }).optional().describe('descending: newest first, as status pages write updates.'),
  order: z.enum(['strict', 'any']).optional().describe('strict: sections must follow the order of `sections`.'),
  sections: z.array(section)
    .superRefine((sections, ctx) => {
      const seen = new Map<string, number>();
      sections.forEach((item, index) => {
        for (const name of [item.name, ...(item.aliases ?? [])]) {
          const key = normalizeHeading(name);
          const first = seen.get(key);
          if (first !== undefined && first !== index) {
            ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${name}" is already a name or alias of sections[${first}]` });
          }
          seen.set(key, first ?? index);
        }
      });
    })
    .optional()
    .describe('The sections, in order. Replaces the list of the template this file extends.'),
  frontMatter: z.strictObject({
    required: z.array(text).optional().describe('Keys the front matter must have.'),
    properties: z.record(z.string(), property).optional().describe('What each key\'s value must be.'),
  }).optional(),
  rules: rules.optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;
// The zod output is what template.ts reads: a type error here means the two shapes drifted apart.
const asLayer = (config: ConfigFile): TemplateLayer => config;

/** An error in a config file, at its place in that file. */
export interface ConfigProblem {
  /** The file as the loader named it. */
  file: string;
  range: Range;
  message: string;
}

export interface ConfigSource {
  path: string;
  text: string;
}

/**
 * Reads the file an `extends:` names, relative to the file `from`; `path` must identify the file (the same file
 * always gives the same path), which is how cycles are found.
 */
export type ConfigLoader = (reference: string, from: string) => ConfigSource | { error: string };

export interface ResolvedConfig {
  template: Template;
  severities: Record<string, SeveritySetting>;
  /** `files:` globs and the file that declared them (they are relative to its folder); absent: the default globs. */
  files?: { globs: string[]; from: string };
  /** The config file, then the files it extends, as the loader named them. */
  sources: string[];
  /** Problems in any of the files; when there are any, the other fields are the defaults. */
  problems: ConfigProblem[];
}

export interface ParsedConfig {
  /** Absent when there are problems. */
  config?: ConfigFile;
  doc: Document;
  index: LineIndex;
  problems: ConfigProblem[];
}

/** Parses and validates one file's text; every YAML or schema error becomes a problem at its place. */
export function parseConfig(source: ConfigSource): ParsedConfig {
  const index = new LineIndex(source.text);
  const yaml = readYaml(source.text);
  const doc = yaml.doc;
  const problem = (span: [number, number], message: string): ConfigProblem => ({ file: source.path, range: firstLine(index, span), message });
  if (yaml.errors.length > 0) return { doc, index, problems: yaml.errors.map((error) => problem(error.pos, `YAML: ${error.message}`)) };
  const data = yaml.data ?? {};
  const result = configSchema.safeParse(data);
  if (result.success) return { config: result.data, doc, index, problems: [] };
  const explained = result.error.issues.flatMap((issue) => explain(issue, data));
  // "when: required" next to an unknown key "whne" that suggests it is one mistake, reported once.
  const suggested = new Set(explained.flatMap((item) => (item.suggests ? [formatPath(item.suggests)] : [])));
  const problems = explained
    .filter((item) => !(item.missing && suggested.has(formatPath(item.path))))
    .map(({ path, message, at }) => problem(locate(doc, path, at), message))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { doc, index, problems };
}

/**
 * Resolves a config file and what it `extends` into the template, severities and globs to check with. Any problem
 * anywhere in the chain gives the defaults, with every problem listed.
 */
export function resolveConfig(source: ConfigSource, load: ConfigLoader): ResolvedConfig {
  return resolveLayers(source, load, []);
}

function resolveLayers(source: ConfigSource, load: ConfigLoader, chain: readonly string[]): ResolvedConfig {
  const parsed = parseConfig(source);
  const sources = [source.path];
  const fail = (problems: ConfigProblem[]): ResolvedConfig => ({ template: defaultTemplate, severities: {}, sources, problems });
  if (!parsed.config) return fail(parsed.problems);
  const config = parsed.config;
  let base: ResolvedConfig = { template: defaultTemplate, severities: {}, sources: [], problems: [] };
  if (config.extends !== undefined) {
    const at = (message: string): ConfigProblem => ({
      file: source.path, range: firstLine(parsed.index, locate(parsed.doc, ['extends'], 'value')), message: `extends: ${message}`,
    });
    const reference = config.extends;
    const builtIn = findBuiltInTemplate(reference);
    if (builtIn) {
      base = { ...base, template: builtIn };
    } else if (!/[\\/]|\.ya?ml$/i.test(reference)) {
      const names = builtInTemplates.map((template) => template.name);
      const suggestion = closest(reference, names);
      return fail([at(`unknown template "${reference}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; built-in templates are ${names.join(', ')}, or give a path to a YAML file`)]);
    } else {
      const loaded = load(reference, source.path);
      if ('error' in loaded) return fail([at(`cannot read ${reference}: ${loaded.error}`)]);
      const cycle = [...chain, source.path];
      if (cycle.includes(loaded.path)) {
        return fail([at(`${reference} extends this file again (${[...cycle.slice(cycle.indexOf(loaded.path)), loaded.path].map(baseName).join(' → ')})`)]);
      }
      base = resolveLayers(loaded, load, cycle);
      sources.push(...base.sources);
      if (base.problems.length > 0) {
        const count = base.problems.length;
        return fail([at(`${reference} has ${count} problem${count === 1 ? '' : 's'}`), ...base.problems]);
      }
    }
  }
  // A file that changes the template without naming it is named after itself in findings.
  const changesTemplate = TEMPLATE_KEYS.some((key) => config[key] !== undefined);
  const name = config.name ?? (changesTemplate ? baseName(source.path) : base.template.name);
  return {
    template: applyLayer(base.template, asLayer(config), name),
    severities: { ...base.severities, ...definedEntries(config.rules ?? {}) },
    ...(config.files ? { files: { globs: config.files, from: source.path } } : base.files ? { files: base.files } : {}),
    sources,
    problems: [],
  };
}

const TEMPLATE_KEYS = ['sections', 'order', 'timeline', 'timezone', 'frontMatter'] as const;

function definedEntries<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== undefined));
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The JSON Schema editors validate `.postmortem.yaml` with (schemas/postmortem.schema.json). */
export function configJsonSchema(templateNames: readonly string[]): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7' }) as Record<string, unknown> & { properties: Record<string, unknown> };
  return {
    $schema: schema.$schema,
    title: '.postmortem.yaml',
    description: 'A team\'s postmortem template, rule severities and the files that are postmortems (Postmortem Studio).',
    ...schema,
    properties: {
      ...schema.properties,
      // Completion for the built-in names; any other string is a path.
      extends: {
        description: (schema.properties.extends as { description?: string }).description,
        anyOf: [{ enum: [...templateNames] }, { type: 'string', pattern: '[\\\\/]|\\.ya?ml$' }],
      },
    },
  };
}

// --- Issues → messages ---------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

interface Explained {
  path: Path;
  message: string;
  /** Where in the YAML: the key (unknown keys) or the value. */
  at: 'key' | 'value';
  /** A required key that is absent. */
  missing?: boolean;
  /** For an unknown key: the path of the key it suggests instead. */
  suggests?: Path;
}

function explain(issue: Issue, data: unknown, prefix: Path = []): Explained[] {
  const path = [...prefix, ...issue.path];
  const where = formatPath(path);
  switch (issue.code) {
    case 'invalid_union': {
      // The branch that got past the value's type is the one the author meant: report its issues.
      const meant = issue.errors.filter((branch) => !branch.every(isTypeMismatch));
      if (meant.length === 1) return meant[0].flatMap((inner) => explain(inner, data, path));
      return [{ path, message: `${where}: ${issue.message}`, at: 'value' }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ ...unknownKey(path, key, data), path: [...path, key], at: 'key' }));
    case 'invalid_value':
      return [{ path, message: `${where}: expected one of ${issue.values.map(String).join(', ')}`, at: 'value' }];
    case 'invalid_type': {
      const value = valueAt(data, path);
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) return [{ path, message: `${where}: required, expected ${expected}`, at: 'value', missing: true }];
      return [{ path, message: `${where}: expected ${expected}, got ${kindOf(value)}`, at: 'value' }];
    }
    case 'too_small':
      return [{ path, message: `${where}: ${issue.origin === 'string' ? 'must not be empty' : `needs at least ${String(issue.minimum)}`}`, at: 'value' }];
    default:
      return [{ path, message: `${where}: ${issue.message}`, at: 'value' }];
  }
}

const EXPECTED: Record<string, string> = {
  string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping', record: 'a mapping',
};

/** A value of the wrong type for a union's branch: that branch is not what the author meant. */
function isTypeMismatch(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || (issue.code === 'invalid_union' && issue.errors.every((branch) => branch.every(isTypeMismatch))));
}

function unknownKey(path: Path, key: string, data: unknown): { message: string; suggests?: Path } {
  const where = formatPath([...path, key]);
  if (path.length === 1 && path[0] === 'rules') {
    const suggestion = closest(key, RULE_NAMES);
    return { message: `${where}: unknown rule${suggestion ? ` (did you mean "${suggestion}"?)` : '; `postmortem rules` lists them'}` };
  }
  const parent = valueAt(data, path);
  const allowed = allowedKeys(path);
  // Suggest only keys not already there: "alias" next to "aliases" is not a misspelling of it.
  const suggestion = closest(key, allowed.filter((name) => !(parent && typeof parent === 'object' && name in parent)));
  return {
    message: `${where}: unknown key${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed: ${allowed.join(', ')}`,
    ...(suggestion ? { suggests: [...path, suggestion] } : {}),
  };
}

// What zod keeps about each schema: enough to walk from the root to the object at a path.
interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}
const defOf = (schema: z.core.$ZodType) => schema._zod.def as Def;

/** The keys the schema allows in the object at `path`. */
function allowedKeys(path: Path): string[] {
  let schema = unwrap(configSchema);
  for (const segment of path) {
    const def = defOf(schema);
    const next = def.shape?.[String(segment)] ?? def.element ?? def.valueType;
    if (!next) return [];
    schema = unwrap(next);
  }
  return Object.keys(defOf(schema).shape ?? {});
}

/** Through optional and described wrappers; in a union of a scalar and an object, the object (whose keys to suggest). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'union' && def.options) current = def.options.find((option) => defOf(option).type === 'object') ?? def.options[0];
    else return current;
  }
}

/** `sections[2].required.when` */
export function formatPath(path: Path): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`)).join('') || '(the file)';
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

// --- Positions -----------------------------------------------------------------------------------------------

/**
 * The offsets of the key or value at `path` in the YAML document; for a key that is absent (a missing required
 * field), the object that lacks it.
 */
function locate(doc: Document, path: Path, at: 'key' | 'value'): [number, number] {
  let node = doc.contents as Node | null;
  let span = rangeOf(node) ?? [0, 0];
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keySpan = rangeOf(pair.key as Node) ?? span;
      const valueSpan = rangeOf(pair.value as Node | null);
      // An empty value (`name:`) has no text of its own: point at its key.
      const useKey = (last && at === 'key') || !valueSpan || valueSpan[0] === valueSpan[1];
      span = useKey ? keySpan : valueSpan;
      node = pair.value as Node | null;
      if (useKey) break;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment] as Node;
      span = rangeOf(node) ?? span;
    } else {
      break;
    }
  }
  return span;
}

function rangeOf(node: Node | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** The span as a range, cut at the end of its first line: a whole mapping is marked by its first line. */
function firstLine(index: LineIndex, [start, end]: [number, number]): Range {
  return index.rangeOf({ start, end: Math.max(start, Math.min(end, index.lineEnd(index.lineAt(start)))) });
}
