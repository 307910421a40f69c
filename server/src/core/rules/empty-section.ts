import type { Rule } from './rule';

const PLACEHOLDER_ONLY = /^[\s\-*+>|:#_]*(?:TODO|TBD|TBA|XXX|FIXME|N\/A|\.\.\.|…|-)?[\s\-*+>|:_.]*$/i;

export const emptySection: Rule = {
  id: 'PM004',
  name: 'empty-section',
  description: 'A required section has no content, or only placeholders.',
  defaultSeverity: 'warning',
  tags: ['sections', 'template'],
  fixable: false,
  check(doc, report) {
    for (const section of doc.sections) {
      if (!section.match?.required) continue;
      let content = false;
      for (let line = section.bodyStart; line < section.end && !content; line++) {
        content = !PLACEHOLDER_ONLY.test(doc.index.lineText(line)) || doc.structure.sections.some((other) => other.line === line);
      }
      if (!content) report({ span: section.titleSpan, message: `Section "${section.title}" is empty.` });
    }
  },
};
