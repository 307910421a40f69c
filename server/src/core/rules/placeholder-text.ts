import type { Rule } from './rule';

// Template leftovers. Kept linear: alternatives of literals and bounded classes only.
const PLACEHOLDER = /\b(?:TODO|TBD|TBA|XXX|FIXME)\b|\[(?:insert|add|describe|enter|your|fill in)\b[^\]\n]{0,100}\]|<(?:insert|add|describe|enter)\b[^>\n]{0,100}>|\b(?:HH|hh):(?:mm|MM)(?::(?:ss|SS))?\b|--:--|\b(?:YYYY|yyyy)[-/](?:MM|mm)[-/](?:DD|dd)\b|\b(?:DD|dd)\/(?:MM|mm)\/(?:YYYY|yyyy)\b|(?<![\w?])\?\?(?:[-/:]\?\?)*(?![\w?])/g;

export const placeholderText: Rule = {
  id: 'PM005',
  name: 'placeholder-text',
  description: 'Template leftovers: TODO, TBD, XXX, HH:mm, YYYY-MM-DD, ??-??, [Insert …].',
  defaultSeverity: 'warning',
  tags: ['content'],
  fixable: false,
  check(doc, report) {
    const fenceFree = (line: number) => !doc.structure.skipped[line] || (doc.frontMatter !== null && line > 0 && line < doc.frontMatter.endLine);
    for (let line = 0; line < doc.index.lineCount; line++) {
      if (!fenceFree(line)) continue;
      const text = doc.index.lineText(line);
      if (!/[A-Z?\-[<hy]/.test(text)) continue;
      const start = doc.index.lineStarts[line];
      for (const match of text.matchAll(PLACEHOLDER)) {
        const from = start + (match.index ?? 0);
        report({ span: { start: from, end: from + match[0].length }, message: `Unfinished template text: ${match[0]}.` });
      }
    }
  },
};
