import type { Rule } from './rule';

export const duplicateSection: Rule = {
  id: 'PM003',
  name: 'duplicate-section',
  description: 'The same template section appears twice at the same level.',
  defaultSeverity: 'warning',
  tags: ['sections', 'template'],
  fixable: false,
  check(doc, report) {
    for (const [i, section] of doc.sections.entries()) {
      if (!section.match) continue;
      const first = doc.sections.slice(0, i).find((other) => other.match === section.match && other.level === section.level);
      if (first) report({ span: section.titleSpan, message: `"${section.title}" repeats the "${section.match.name}" section already on line ${first.line + 1}.` });
    }
  },
};
