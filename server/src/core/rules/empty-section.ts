import { isSectionRequired } from '../template';
import type { Rule } from './rule';

// A line is empty content when, without list, quote, table and heading marks, nothing or only a placeholder is left.
const MARKS = /[\s\-*+>|:#_.]+/g;
const PLACEHOLDER = /^(?:TODO|TBD|TBA|XXX|FIXME|N\/A|\u2026)?$/i;

export const emptySection: Rule = {
  id: 'PM004',
  name: 'empty-section',
  description: 'A required section has no content, or only placeholders.',
  defaultSeverity: 'warning',
  tags: ['sections', 'template'],
  fixable: false,
  check(doc, report) {
    const frontMatter = doc.frontMatter?.data ?? {};
    // A subsection's heading is content (a set: searching the sections for each blank line was quadratic).
    const headingLines = new Set(doc.sections.map((section) => section.line));
    for (const section of doc.sections) {
      if (!section.match || !isSectionRequired(section.match, frontMatter)) continue;
      let content = false;
      for (let line = section.bodyStart; line < section.end && !content; line++) {
        content = !PLACEHOLDER.test(doc.index.lineText(line).replace(MARKS, '')) || headingLines.has(line);
      }
      if (!content) report({ span: section.titleSpan, message: `Section "${section.title}" is empty.` });
    }
  },
};
