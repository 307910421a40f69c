import { DateTime } from 'luxon';
import type { Postmortem } from '../model';
import { scalarText, type FrontMatterProperty } from '../template';
import type { Report, Rule } from './rule';
import { titleSpan } from './sections';

const KEY_LINE = /^[A-Za-z_][\w-]*\s*:/;

export const frontMatterInvalid: Rule = {
  id: 'PM006',
  name: 'front-matter-invalid',
  description: "The YAML front matter does not parse, or a field fails the template's schema.",
  defaultSeverity: 'error',
  tags: ['front-matter'],
  fixable: false,
  check(doc, report) {
    if (doc.frontMatter) {
      for (const error of doc.frontMatter.errors) report({ span: error.span, message: `Front matter YAML: ${error.message}` });
      if (doc.frontMatter.errors.length === 0) checkSchema(doc, report);
      return;
    }
    // An opening fence followed by `key:` lines but never closed: front matter the author meant to write.
    if (/^\uFEFF?---[ \t]*\r?$/.test(doc.index.lineText(0)) && doc.index.lineCount > 1 && KEY_LINE.test(doc.index.lineText(1))) {
      report({ span: { start: 0, end: doc.index.lineEnd(0) }, message: 'Front matter is not closed: add a `---` line after its last field.' });
      return;
    }
    const required = doc.template.frontMatter?.required ?? [];
    if (required.length > 0) {
      report({ span: titleSpan(doc), message: `No front matter: the ${doc.template.name} template requires ${required.join(', ')}.` });
    }
  },
};

/** The template's `frontMatter:` schema: missing keys on the opening `---`, wrong values on their key. */
function checkSchema(doc: Postmortem, report: (finding: Report) => void): void {
  const schema = doc.template.frontMatter;
  const frontMatter = doc.frontMatter;
  if (!schema || !frontMatter) return;
  const fields = new Map(frontMatter.fields.map((field) => [field.key, field]));
  const opening = { start: 0, end: doc.index.lineEnd(0) };
  for (const key of schema.required) {
    const field = fields.get(key);
    if (!field) report({ span: opening, message: `Front matter has no "${key}": the ${doc.template.name} template requires it.` });
    else if (isEmpty(frontMatter.data[key])) report({ span: field.keySpan, message: `Front matter "${key}" is empty: the ${doc.template.name} template requires a value.` });
  }
  for (const [key, property] of Object.entries(schema.properties)) {
    const field = fields.get(key);
    const value = frontMatter.data[key];
    if (!field || isEmpty(value)) continue;
    const problem = valueProblem(value, property);
    if (problem) report({ span: { start: field.keySpan.start, end: field.valueSpan?.end ?? field.keySpan.end }, message: `Front matter "${key}": ${problem}.` });
  }
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function valueProblem(value: unknown, property: FrontMatterProperty): string | undefined {
  const collection = typeof value === 'object' && !(value instanceof Date);
  const got = collection ? (Array.isArray(value) ? 'a list' : 'a mapping') : JSON.stringify(scalarText(value));
  if (property.type && !hasType(value, property.type)) {
    return `expected ${property.type === 'date' ? 'a date (YYYY-MM-DD or ISO 8601)' : property.type === 'boolean' ? 'true or false' : `a ${property.type}`}, got ${got}`;
  }
  if (property.enum && !property.enum.some((allowed) => String(allowed) === scalarText(value))) {
    return `expected one of ${property.enum.map(String).join(', ')}, got ${got}`;
  }
  if (property.pattern !== undefined && (collection || !new RegExp(`^(?:${property.pattern})$`, 'u').test(scalarText(value)))) {
    return `${got} does not match ${property.pattern}`;
  }
  return undefined;
}

function hasType(value: unknown, type: NonNullable<FrontMatterProperty['type']>): boolean {
  switch (type) {
    case 'date':
      return value instanceof Date || (typeof value === 'string' && DateTime.fromISO(value.trim(), { setZone: true }).isValid);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
  }
}
