import type { Section } from '../structure';
import type { TemplateSection } from '../template';
import type { Rule } from './rule';

export const duplicateSection: Rule = {
  id: 'PM003',
  name: 'duplicate-section',
  description: 'The same template section appears twice at the same level.',
  defaultSeverity: 'warning',
  tags: ['sections', 'template'],
  fixable: false,
  check(doc, report) {
    // The first heading of each template section, by level: one lookup per heading, not a search of those above it.
    const first = new Map<TemplateSection, Section[]>();
    for (const section of doc.sections) {
      if (!section.match) continue;
      let byLevel = first.get(section.match);
      if (!byLevel) first.set(section.match, (byLevel = []));
      const earlier = byLevel[section.level];
      if (earlier) report({ span: section.titleSpan, message: `"${section.title}" repeats the "${section.match.name}" section already on line ${earlier.line + 1}.` });
      else byLevel[section.level] = section;
    }
  },
};
