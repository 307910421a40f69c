// Which built-in template a document is closest to: a hint for documents no `.postmortem.yaml` covers
// ("closest built-in template: incident-report (5/5 sections)"), never a finding.
import type { Postmortem } from './model';
import type { Section } from './structure';
import { builtInTemplates, matchSection, type Template } from './template';

export interface TemplateGuess {
  template: Template;
  /** Required sections of the template the document has. */
  matched: number;
  /** Required sections of the template. */
  required: number;
}

/**
 * The built-in template that best explains the document's headings: the share of the template's required
 * sections the document has, times the share of the document's known headings (those some built-in template
 * names) that the template names. A template of one section does not win just by having it; `default` wins ties.
 * Null when no heading is a template section.
 */
export function detectTemplate(doc: Pick<Postmortem, 'sections'>): TemplateGuess | null {
  const isKnown = (section: Section) => builtInTemplates.some((template) => matchSection(template, section.title));
  // Subsections of a known section ("Detection" under "Action items") are its content, not sections of their own.
  const known = doc.sections.filter((section, i) => isKnown(section)
    && !doc.sections.slice(0, i).some((outer) => outer.level < section.level && outer.end > section.line && isKnown(outer)));
  let best: { guess: TemplateGuess; score: number } | null = null;
  for (const template of builtInTemplates) {
    const required = template.sections.filter((section) => section.required);
    const matches = known.map((section) => matchSection(template, section.title));
    const matched = required.filter((section) => matches.includes(section)).length;
    if (matched === 0) continue;
    const score = (matched / required.length) * (matches.filter(Boolean).length / known.length);
    const guess = { template, matched, required: required.length };
    if (!best || score > best.score || (score === best.score && template.name === 'default')) best = { guess, score };
  }
  return best?.guess ?? null;
}
