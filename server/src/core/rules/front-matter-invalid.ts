import type { Rule } from './rule';

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
      return;
    }
    // An opening fence followed by `key:` lines but never closed: front matter the author meant to write.
    if (/^\uFEFF?---[ \t]*\r?$/.test(doc.index.lineText(0)) && doc.index.lineCount > 1 && KEY_LINE.test(doc.index.lineText(1))) {
      report({ span: { start: 0, end: doc.index.lineEnd(0) }, message: 'Front matter is not closed: add a `---` line after its last field.' });
    }
  },
};
