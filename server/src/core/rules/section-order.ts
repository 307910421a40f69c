import type { Rule } from './rule';
import { lineOffset, presentSections } from './sections';

export const sectionOrder: Rule = {
  id: 'PM002',
  name: 'section-order',
  description: "Sections out of the template's order (when the template's order is strict).",
  defaultSeverity: 'warning',
  tags: ['sections', 'template'],
  fixable: true,
  check(doc, report) {
    if (doc.template.order !== 'strict') return;
    const present = presentSections(doc);
    for (let i = 1; i < present.length; i++) {
      const item = present[i];
      const before = present.slice(0, i).find((other) => other.position > item.position);
      if (!before) continue;
      const from = lineOffset(doc, item.section.line);
      const to = lineOffset(doc, item.section.end);
      let moved = doc.text.slice(from, to);
      if (!moved.endsWith('\n')) moved += doc.text.includes('\r\n') ? '\r\n' : '\n';
      const destination = lineOffset(doc, before.section.line);
      report({
        span: item.section.titleSpan,
        message: `"${item.section.title}" should come before "${before.section.title}" in the ${doc.template.name} template's order.`,
        fixes: [{
          title: `Move "${item.section.title}" above "${before.section.title}"`,
          edits: [{ start: destination, end: destination, newText: moved }, { start: from, end: to, newText: '' }],
        }],
      });
    }
  },
};
