// snippets/postmortem.json, generated: one whole-postmortem snippet per built-in template, rendered by core's
// renderSkeleton (what `postmortem init` writes) with tab stops for the title, the date and every section's
// skeleton, then the small snippets. Checked in; test/client/snippets.test.ts fails when it is stale.
// `npx tsx scripts/snippets.ts` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSkeleton } from '../server/src/core/skeleton';
import { builtInTemplates, type Template } from '../server/src/core/template';
import { escapeSnippet, TEMPLATE_PREFIX, TITLE_TAB_STOP } from '../client/src/snippet-names';

export const SNIPPETS_FILE = path.resolve(__dirname, '../snippets/postmortem.json');

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

// Sentinels survive renderSkeleton (also JSON-quoted in front matter) and snippet escaping; they become tab
// stops last. The first title (front matter or heading) is the tab stop, the other one mirrors it.
const TITLE = 'TITLE_SENTINEL_41';
const DATE = 'DATE_SENTINEL_41';

export function templateSnippet(template: Template): Snippet {
  let text = escapeSnippet(renderSkeleton(template, { title: TITLE, date: DATE }));
  // Each section's skeleton becomes a placeholder, in document order, after the title (1) and the date (2).
  let tabStop = 3;
  let from = 0;
  for (const section of template.sections) {
    if (!section.skeleton) continue;
    const skeleton = escapeSnippet(section.skeleton.split('YYYY-MM-DD').join(DATE));
    const at = text.indexOf(`\n${skeleton}\n`, text.indexOf(`## ${escapeSnippet(section.name)}\n`, from));
    if (at < 0) throw new Error(`${template.name}: skeleton of ${section.name} not found in the rendered text`);
    const placeholder = `\${${tabStop++}:${skeleton}}`;
    text = text.slice(0, at + 1) + placeholder + text.slice(at + 1 + skeleton.length);
    from = at + 1 + placeholder.length;
  }
  text = text
    .replace(TITLE, TITLE_TAB_STOP)
    .split(TITLE).join('$1')
    .replace(DATE, '${2:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}')
    .split(DATE).join('$2');
  return {
    prefix: [`${TEMPLATE_PREFIX}${template.name}`],
    body: text.trimEnd().split('\n'),
    description: `A new postmortem from the ${template.name} template: ${template.description ?? 'its sections in order'}.`,
  };
}

// The small snippets. A timeline entry for now is not one: snippet variables give local time, not UTC (see README).
const SMALL: Record<string, Snippet> = {
  'Action item': {
    prefix: ['pm-action'],
    body: ['- [ ] ${1:What we will change} (owner: ${2:@owner}, ${3:tracking link})$0'],
    description: 'An action item as a checklist entry: the change, its owner and where it is tracked.',
  },
  'Action item table row': {
    prefix: ['pm-action-row'],
    body: ['| ${1:What we will change} | ${2:@owner} | ${3|prevent,mitigate,detect,process|} | ${4:tracking link} |$0'],
    description: 'An action item as a table row: change, owner, type, tracking link.',
  },
  'Action items table': {
    prefix: ['pm-actions-table'],
    body: [
      '| Action | Owner | Type | Tracking |',
      '| --- | --- | --- | --- |',
      '| ${1:What we will change} | ${2:@owner} | ${3|prevent,mitigate,detect,process|} | ${4:tracking link} |$0',
    ],
    description: 'An action items table with its header and a first row.',
  },
  'Milestone tag': {
    prefix: ['pm-milestone'],
    body: ['[${1|start,detected,mitigated,resolved|}]'],
    description: 'Marks the timeline entry on this line as a milestone: impact start, detected, mitigated or resolved.',
  },
  'Start of outage marker': {
    prefix: ['pm-outage-start'],
    body: ['<START OF OUTAGE>'],
    description: 'Marks the timeline entry on this line as the start of the impact.',
  },
  'End of outage marker': {
    prefix: ['pm-outage-end'],
    body: ['<END OF OUTAGE>'],
    description: 'Marks the timeline entry on this line as the end of the impact.',
  },
  'Zone declaration': {
    prefix: ['pm-utc'],
    body: ['All times in UTC.'],
    description: 'Declares that the times of this document (or of this section) are in UTC.',
  },
};

export function renderSnippets(templates: readonly Template[] = builtInTemplates): string {
  const snippets: Record<string, Snippet> = {};
  for (const template of templates) snippets[`Postmortem (${template.name} template)`] = templateSnippet(template);
  Object.assign(snippets, SMALL);
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

if (require.main === module) {
  const text = renderSnippets();
  let current = '';
  try {
    current = readFileSync(SNIPPETS_FILE, 'utf8');
  } catch {
    // Not generated yet.
  }
  if (current !== text) writeFileSync(SNIPPETS_FILE, text);
}
