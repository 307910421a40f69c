// The template a document is checked against. `.postmortem.yaml` and the built-in templates produce one;
// until a document names one, `defaultTemplate` applies.

export interface TemplateSection {
  name: string;
  aliases: string[];
  required: boolean;
  /** Text inserted under the heading when the section is added by a fix. */
  skeleton?: string;
}

export interface Template {
  name: string;
  sections: TemplateSection[];
  order: 'strict' | 'any';
  timeline: { order: 'ascending' | 'descending' };
  /** The zone timestamps must be written in. */
  timezone: string;
}

export const defaultTemplate: Template = {
  name: 'default',
  order: 'any',
  timeline: { order: 'ascending' },
  timezone: 'UTC',
  sections: [
    {
      name: 'Summary',
      aliases: ['Issue Summary', 'Executive Summary', 'Incident Summary', 'Overview', 'What happened', 'Description'],
      required: true,
      skeleton: 'What happened, who was affected, and for how long.',
    },
    {
      name: 'Timeline',
      aliases: ['Key events', 'Chronology', 'Sequence of events', 'Incident timeline'],
      required: true,
      skeleton: '- [YYYY-MM-DD HH:mm UTC] What happened.',
    },
    {
      name: 'Root cause',
      aliases: ['Root causes', 'Contributing factors', 'Trigger', 'Cause', 'Causes'],
      required: true,
      skeleton: 'Why it happened.',
    },
    {
      name: 'Action items',
      aliases: ['Follow-up actions', 'Corrective and Preventative Measures', 'Corrective actions', 'Follow-up', 'Next steps', 'Review actions', 'Remediation'],
      required: true,
      skeleton: '- [ ] What we will change, owner, tracking link.',
    },
  ],
};

/** Section names any postmortem may use; a bare line in plain text is a heading only when it is one of these. */
export const COMMON_SECTION_NAMES = [
  'Impact', 'Symptoms', 'Detection', 'Mitigation', 'Mitigation strategy', 'Resolution', 'Recovery',
  'Lessons learned', 'What went well', 'What went wrong', 'Where we got lucky', 'Background', 'Appendix',
  'Customer communication', 'Supporting information', 'Attendees', 'Stats', 'Status',
];

/** Lower case, punctuation and extra spaces removed: "Follow-up actions:" → "follow up actions". */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The template section a heading stands for: equal to a name or alias, or starting with one at a word boundary. */
export function matchSection(template: Template, heading: string): TemplateSection | undefined {
  const normalized = normalizeHeading(heading);
  let best: { section: TemplateSection; length: number } | undefined;
  for (const section of template.sections) {
    for (const name of [section.name, ...section.aliases]) {
      const candidate = normalizeHeading(name);
      const matches = normalized === candidate || normalized.startsWith(candidate + ' ');
      if (matches && (!best || candidate.length > best.length)) best = { section, length: candidate.length };
    }
  }
  return best?.section;
}

export function isKnownSectionName(template: Template, heading: string): boolean {
  if (matchSection(template, heading)) return true;
  const normalized = normalizeHeading(heading);
  return COMMON_SECTION_NAMES.some((name) => {
    const candidate = normalizeHeading(name);
    return normalized === candidate || normalized.startsWith(candidate + ' ');
  });
}

/** The VTEX incident-report format the seeds follow. */
export const incidentReportTemplate: Template = {
  name: 'incident-report',
  order: 'strict',
  timeline: { order: 'ascending' },
  timezone: 'UTC',
  sections: [
    { name: 'Summary', aliases: [], required: true, skeleton: 'On YYYY-MM-DD, from HH:mm to HH:mm UTC, what users experienced.' },
    { name: 'Symptoms', aliases: [], required: true, skeleton: 'What users and monitoring saw.' },
    { name: 'Timeline', aliases: [], required: true, skeleton: '[YYYY-MM-DD HH:mm UTC]\tWhat happened.' },
    { name: 'Mitigation strategy', aliases: ['Mitigation'], required: true, skeleton: 'How normal operation was restored.' },
    { name: 'Follow-up actions', aliases: ['Action items'], required: true, skeleton: '- What will prevent this from happening again.' },
  ],
};

/** Status-page exports: updates newest first. */
export const statusPageTemplate: Template = {
  name: 'status-page',
  order: 'any',
  timeline: { order: 'descending' },
  timezone: 'UTC',
  sections: [
    { name: 'Timeline', aliases: ['Updates', 'Incident updates', 'History'], required: true, skeleton: 'Investigating\n\nWhat we know so far.\n\nYYYY-MM-DD HH:mm UTC' },
  ],
};

export const builtInTemplates: readonly Template[] = [defaultTemplate, incidentReportTemplate, statusPageTemplate];
