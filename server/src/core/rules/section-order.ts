import type { Postmortem } from '../model';
import type { Section } from '../structure';
import { lineBreak } from './line-break';
import type { FixDraft, Rule } from './rule';
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
      report({
        span: item.section.titleSpan,
        message: `"${item.section.title}" should come before "${before.section.title}" in the ${doc.template.name} template's order.`,
        fixes: [moveAbove(doc, item.section, before.section)],
      });
    }
  },
};

/**
 * Moves `section` (heading to the next heading) above `target`. A section runs to the next heading, so it carries
 * the blank lines that separate it from the next one; the document's last section has none of its own: it takes
 * the blank lines before it along, so that it is separated from `target` and the document ends where the section
 * before it ends.
 */
function moveAbove(doc: Postmortem, section: Section, target: Section): FixDraft {
  const newline = lineBreak(doc.text);
  const destination = lineOffset(doc, target.line);
  let from = lineOffset(doc, section.line);
  const to = lineOffset(doc, section.end);
  let moved = doc.text.slice(from, to);
  if (to === doc.text.length) {
    let last = section.end - 1;
    while (last > section.line && isBlank(doc, last)) last--;
    let separator = section.line;
    while (separator > target.line && isBlank(doc, separator - 1)) separator--;
    moved = doc.text.slice(from, doc.index.lineEnd(last)) + newline + newline.repeat(section.line - separator);
    from = lineOffset(doc, separator);
  }
  return {
    title: `Move "${section.title}" above "${target.title}"`,
    edits: [{ start: destination, end: destination, newText: moved }, { start: from, end: to, newText: '' }],
  };
}

function isBlank(doc: Postmortem, line: number): boolean {
  return doc.index.lineText(line).trim() === '';
}
