import { describeCondition, isSectionRequired } from '../template';
import { lineBreak } from './line-break';
import type { Rule } from './rule';
import { documentHeadingStyle, lineOffset, presentSections, titleSpan, writeHeading } from './sections';

export const missingSection: Rule = {
  id: 'PM001',
  name: 'missing-section',
  description: 'A section the template requires is absent (its aliases count).',
  defaultSeverity: 'warning',
  tags: ['sections', 'template'],
  fixable: true,
  check(doc, report) {
    const present = presentSections(doc);
    const { style, level } = documentHeadingStyle(doc);
    const frontMatter = doc.frontMatter?.data ?? {};
    let documentBreak: string | undefined;
    doc.template.sections.forEach((section, position) => {
      if (!isSectionRequired(section, frontMatter) || present.some((item) => item.match === section)) return;
      const newline = (documentBreak ??= lineBreak(doc.text));
      // Insert before the first present section that the template puts after this one; else at the end.
      const next = present.find((item) => item.position > position);
      const at = next ? lineOffset(doc, next.section.line) : doc.text.length;
      const lines = [writeHeading(section.name, style, level), ...(section.skeleton ? ['', section.skeleton] : []), ''];
      const block = lines.join('\n').replace(/\n/g, newline);
      // A heading right under a line of text would continue its paragraph (a setext underline would make that line
      // the heading): a blank line comes first.
      const blankLine = next ? (next.section.line > 0 && doc.index.lineText(next.section.line - 1).trim() ? newline : '') : (/[\r\n]$/.test(doc.text) ? newline : newline + newline);
      // After a lone "\r" (a document of mixed line breaks), a "\n" only completes that line break as "\r\n".
      const lead = blankLine && newline === '\n' && doc.text.charCodeAt(at - 1) === 13 ? newline + blankLine : blankLine;
      const aliases = section.aliases.length ? ` (or ${section.aliases.slice(0, 3).map((alias) => `"${alias}"`).join(', ')})` : '';
      const condition = section.when ? ` when ${describeCondition(section.when)}` : '';
      report({
        span: titleSpan(doc),
        message: `Missing section "${section.name}"${aliases} required by the ${doc.template.name} template${condition}.`,
        // Appended after an unclosed code fence the heading would be code, and missing again on the next pass.
        fixes: !next && doc.structure.unclosedFence ? []
          : [{ title: `Insert a "${section.name}" section`, edits: [{ start: at, end: at, newText: lead + block + (next ? newline : '') }] }],
      });
    });
  },
};
