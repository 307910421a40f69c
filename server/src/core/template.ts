// The template a document is checked against. `.postmortem.yaml` and the built-in templates (templates/*.yaml,
// bundled as text in builtin-templates.ts) produce one; until a document names one, `defaultTemplate` applies.
import { parse as parseYaml } from 'yaml';
import { BUILT_IN_TEMPLATE_SOURCES } from './builtin-templates';

export type FrontMatterScalar = string | number | boolean;

export interface TemplateSection {
  name: string;
  aliases: string[];
  required: boolean;
  /** Required only when every listed front matter key has one of the listed values (`required: { when: … }`). */
  when?: Record<string, FrontMatterScalar[]>;
  /** Text inserted under the heading when the section is added by a fix or `postmortem init`. */
  skeleton?: string;
}

export interface FrontMatterProperty {
  type?: 'string' | 'number' | 'boolean' | 'date';
  enum?: FrontMatterScalar[];
  /** A regular expression the whole value must match (`u` flag). */
  pattern?: string;
  description?: string;
}

export interface FrontMatterSchema {
  required: string[];
  properties: Record<string, FrontMatterProperty>;
}

export interface Template {
  name: string;
  description?: string;
  sections: TemplateSection[];
  order: 'strict' | 'any';
  timeline: { order: 'ascending' | 'descending' };
  /** The zone timestamps must be written in. */
  timezone: string;
  /** What the document's front matter must hold; absent or empty: anything. */
  frontMatter?: FrontMatterSchema;
}

/**
 * The template part of a `.postmortem.yaml` (and of a built-in template file) as written, after validation.
 * config.ts's zod schema produces exactly this shape; `applyLayer` turns it into a Template.
 */
export interface TemplateLayer {
  name?: string;
  description?: string;
  timezone?: string;
  order?: 'strict' | 'any';
  timeline?: { order: 'ascending' | 'descending' };
  sections?: {
    name: string;
    aliases?: string[];
    required?: boolean | { when: Record<string, FrontMatterScalar | FrontMatterScalar[]> };
    skeleton?: string;
  }[];
  frontMatter?: { required?: string[]; properties?: Record<string, FrontMatterProperty> };
}

/**
 * `layer` over `base`: keys the layer sets replace the base's (a `sections` list replaces the whole list),
 * except front matter properties, which merge by key. `name` falls back to `fallbackName`.
 */
export function applyLayer(base: Template, layer: TemplateLayer, fallbackName: string): Template {
  const template: Template = {
    name: layer.name ?? fallbackName,
    sections: layer.sections?.map(toSection) ?? base.sections,
    order: layer.order ?? base.order,
    timeline: layer.timeline ?? base.timeline,
    timezone: layer.timezone ?? base.timezone,
  };
  const description = layer.description ?? (layer.name === undefined ? base.description : undefined);
  if (description !== undefined) template.description = description;
  if (base.frontMatter || layer.frontMatter) {
    template.frontMatter = {
      required: layer.frontMatter?.required ?? base.frontMatter?.required ?? [],
      properties: { ...base.frontMatter?.properties, ...layer.frontMatter?.properties },
    };
  }
  return template;
}

function toSection(section: NonNullable<TemplateLayer['sections']>[number]): TemplateSection {
  const result: TemplateSection = { name: section.name, aliases: section.aliases ?? [], required: section.required !== false };
  if (typeof section.required === 'object') {
    result.when = Object.fromEntries(Object.entries(section.required.when).map(([key, value]) => [key, Array.isArray(value) ? value : [value]]));
  }
  if (section.skeleton !== undefined) result.skeleton = section.skeleton;
  return result;
}

/** Whether the document must have `section`, given its front matter data. */
export function isSectionRequired(section: TemplateSection, frontMatter: Readonly<Record<string, unknown>>): boolean {
  if (!section.required) return false;
  if (!section.when) return true;
  return Object.entries(section.when).every(([key, values]) => {
    const value = frontMatter[key];
    const written = (Array.isArray(value) ? value : [value]).filter((item) => item !== null && item !== undefined).map(scalarText);
    return written.some((item) => values.some((wanted) => String(wanted) === item));
  });
}

/** A front matter value as text for comparisons: dates as ISO dates. */
export function scalarText(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/** "severity is SEV1 or SEV2 and region is eu": the condition of a conditionally required section, for messages. */
export function describeCondition(when: Record<string, FrontMatterScalar[]>): string {
  return Object.entries(when).map(([key, values]) => `${key} is ${values.map(String).join(' or ')}`).join(' and ');
}

/** Section names any postmortem may use; a bare line in plain text is a heading only when it is one of these. */
export const COMMON_SECTION_NAMES = [
  'Impact', 'Symptoms', 'Detection', 'Mitigation', 'Mitigation strategy', 'Resolution', 'Recovery',
  'Lessons learned', 'What went well', 'What went wrong', 'Where we got lucky', 'Background', 'Appendix',
  'Customer communication', 'Supporting information', 'Attendees', 'Stats', 'Status',
];

const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
// The same for ASCII text, as nearly every heading and label is: a Unicode property class makes the replacement
// several times slower.
const ASCII = /^[\x00-\x7f]*$/;
const NOT_ASCII_ALPHANUMERIC = /[^a-z0-9]+/g;

/** Lower case, punctuation and extra spaces removed: "Follow-up actions:" → "follow up actions". */
export function normalizeHeading(text: string): string {
  const lower = text.toLowerCase();
  return lower.replace(ASCII.test(lower) ? NOT_ASCII_ALPHANUMERIC : NOT_ALPHANUMERIC, ' ').trim();
}

/** A normalized heading stands for a normalized name when it is the name or goes on after it: "follow up actions preventing …". */
function headingMatches(heading: string, name: string): boolean {
  return heading === name || heading.startsWith(name + ' ');
}

/** The template section a heading stands for: equal to a name or alias, or starting with one at a word boundary. */
export function matchSection(template: Template, heading: string): TemplateSection | undefined {
  const normalized = normalizeHeading(heading);
  let best: { section: TemplateSection; length: number } | undefined;
  for (const { section, candidate } of namesOf(template)) {
    if (headingMatches(normalized, candidate) && (!best || candidate.length > best.length)) best = { section, length: candidate.length };
  }
  return best?.section;
}

// Every heading is matched against every built-in template (template detection, bare-line headings): normalize names once.
const normalizedNames = new WeakMap<Template, { section: TemplateSection; candidate: string }[]>();

function namesOf(template: Template): { section: TemplateSection; candidate: string }[] {
  let names = normalizedNames.get(template);
  if (!names) {
    names = template.sections.flatMap((section) => [section.name, ...section.aliases].map((name) => ({ section, candidate: normalizeHeading(name) })));
    normalizedNames.set(template, names);
  }
  return names;
}

/** A heading of the template, of any built-in template (so that template detection sees them), or a common one. */
export function isKnownSectionName(template: Template, heading: string): boolean {
  if (matchSection(template, heading) || builtInTemplates.some((builtIn) => matchSection(builtIn, heading))) return true;
  const normalized = normalizeHeading(heading);
  return COMMON_SECTION_NAMES.some((name) => headingMatches(normalized, normalizeHeading(name)));
}

// What a built-in template file leaves out.
const BASE: Template = { name: 'base', sections: [], order: 'any', timeline: { order: 'ascending' }, timezone: 'UTC' };

/**
 * The built-in templates, from templates/*.yaml. The files are validated against the config schema by the
 * build and the tests, so here they are only read.
 */
export const builtInTemplates: readonly Template[] = BUILT_IN_TEMPLATE_SOURCES.map(({ name, text }) => applyLayer(BASE, parseYaml(text) as TemplateLayer, name));

export function findBuiltInTemplate(name: string): Template | undefined {
  return builtInTemplates.find((template) => template.name === name);
}

function builtIn(name: string): Template {
  const template = findBuiltInTemplate(name);
  if (!template) throw new Error(`built-in template ${name} is missing from templates/`);
  return template;
}

export const defaultTemplate: Template = builtIn('default');
