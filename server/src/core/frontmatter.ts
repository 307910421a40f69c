// YAML front matter with positions. A YAML error is data (message + span), never a throw.
import { isMap, isScalar } from 'yaml';
import type { Span } from './types';
import { readYaml } from './yaml';

export interface FrontMatterField {
  key: string;
  keySpan: Span;
  /** Span of the scalar value as written (without quotes), absent for non-scalars. */
  valueSpan?: Span;
  value: unknown;
}

export interface FrontMatter {
  /** From the opening `---` to the end of the closing fence line. */
  span: Span;
  /** Zero-based lines of the fences. */
  startLine: number;
  endLine: number;
  data: Record<string, unknown>;
  fields: FrontMatterField[];
  errors: { message: string; span: Span }[];
}

const OPEN = /^\uFEFF?---[ \t]*\r?$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/;

/** Reads front matter when the document starts with a `---` fence that is closed later. */
export function readFrontMatter(text: string, lineStarts: readonly number[]): FrontMatter | null {
  const firstLineEnd = text.indexOf('\n');
  if (!OPEN.test(text.slice(0, firstLineEnd < 0 ? text.length : firstLineEnd))) return null;
  let endLine = -1;
  for (let line = 1; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    // Only a line that starts with `-` or `.` can close it: no slice of every line of a document that starts with a rule.
    const c = text.charCodeAt(start);
    if (c !== 45 && c !== 46) continue;
    const next = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    if (CLOSE.test(text.slice(start, next).replace(/\n$/, ''))) {
      endLine = line;
      break;
    }
  }
  if (endLine < 0) return null;
  const bodyStart = lineStarts[1];
  const bodyEnd = lineStarts[endLine];
  const source = text.slice(bodyStart, bodyEnd);
  // Positions come from node ranges and error offsets: no LineCounter, which only pretty errors would read.
  const yaml = readYaml(source, { strict: false });
  const doc = yaml.doc;
  const errors = yaml.errors.map((error) => ({
    message: error.message,
    span: { start: bodyStart + error.pos[0], end: bodyStart + Math.max(error.pos[1], error.pos[0] + 1) },
  }));
  const fields: FrontMatterField[] = [];
  let data: Record<string, unknown> = {};
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      const keyRange = pair.key.range;
      const field: FrontMatterField = {
        key,
        keySpan: { start: bodyStart + keyRange[0], end: bodyStart + keyRange[1] },
        value: isScalar(pair.value) ? pair.value.value : undefined,
      };
      if (isScalar(pair.value) && pair.value.range) {
        const [start, end] = pair.value.range;
        const quoted = pair.value.type === 'QUOTE_DOUBLE' || pair.value.type === 'QUOTE_SINGLE';
        field.valueSpan = { start: bodyStart + start + (quoted ? 1 : 0), end: bodyStart + end - (quoted ? 1 : 0) };
      }
      fields.push(field);
    }
  }
  if (yaml.data && typeof yaml.data === 'object' && !Array.isArray(yaml.data)) data = yaml.data as Record<string, unknown>;
  const closeEnd = endLine + 1 < lineStarts.length ? lineStarts[endLine + 1] : text.length;
  return { span: { start: 0, end: closeEnd }, startLine: 0, endLine, data, fields, errors };
}
