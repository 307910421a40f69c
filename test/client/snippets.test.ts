// snippets/postmortem.json: well-formed, generated from the built-in templates (not stale), and each whole
// postmortem, once its tab stops are filled with their defaults, is complete for its template.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildTimeline, lint } from '../../server/src/core';
import { builtInTemplates } from '../../server/src/core/template';
import { TEMPLATE_PREFIX, TITLE_TAB_STOP } from '../../client/src/snippet-names';
import { renderSnippets, SNIPPETS_FILE } from '../../scripts/snippets';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const text = readFileSync(SNIPPETS_FILE, 'utf8');
const snippets: Record<string, Snippet> = JSON.parse(text);
const bodyOf = (snippet: Snippet) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
const prefixes = (snippet: Snippet) => (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]);

/** The text VS Code inserts when every tab stop keeps its default; variables as on 2024-05-12. */
function expand(body: string): string {
  const defaults = new Map<string, string>();
  const variables: Record<string, string> = { CURRENT_YEAR: '2024', CURRENT_MONTH: '05', CURRENT_DATE: '12' };
  let previous: string;
  let out = body;
  do {
    previous = out;
    out = out
      .replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_, n: string, first: string) => (defaults.set(n, first), first))
      .replace(/\$\{(\d+):((?:[^${}\\]|\\.)*)\}/g, (_, n: string, value: string) => (defaults.set(n, value), value))
      .replace(/\$\{([A-Z_]+)\}|\$([A-Z_]+)/g, (match, braced?: string, bare?: string) => variables[(braced ?? bare)!] ?? match);
  } while (out !== previous);
  return out.replace(/\$\{?(\d+)\}?/g, (_, n: string) => defaults.get(n) ?? '').replace(/\\([\\$}])/g, '$1');
}

/** Tab stops and placeholders open and close; escapes are complete. */
function assertWellFormed(name: string, body: string): void {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === '$' && body[i + 1] === '{') {
      depth++;
      i++;
    } else if (body[i] === '}') {
      assert.ok(depth > 0, `${name}: unbalanced } at ${i}`);
      depth--;
    }
  }
  assert.equal(depth, 0, `${name}: unclosed \${`);
}

describe('snippets', () => {
  it('parse, and every snippet has a prefix, a body and a description', () => {
    assert.ok(Object.keys(snippets).length >= 10);
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(prefixes(snippet).length > 0 && prefixes(snippet).every((prefix) => /^[a-z][a-z0-9-]+$/.test(prefix)), `${name}: prefix`);
      assert.ok(bodyOf(snippet).length > 0, `${name}: body`);
      assert.ok(snippet.description?.length > 10, `${name}: description`);
      assertWellFormed(name, bodyOf(snippet));
    }
    const all = Object.values(snippets).flatMap(prefixes);
    assert.equal(new Set(all).size, all.length, 'prefixes are unique');
  });

  it('are generated from the built-in templates (npx tsx scripts/snippets.ts)', () => {
    assert.equal(text, renderSnippets(), 'snippets/postmortem.json is stale: run `npx tsx scripts/snippets.ts`');
  });

  it('have a whole postmortem for every built-in template, with the title as first tab stop', () => {
    const names = Object.values(snippets).flatMap(prefixes).filter((prefix) => prefix.startsWith(TEMPLATE_PREFIX)).map((prefix) => prefix.slice(TEMPLATE_PREFIX.length));
    assert.deepEqual(names.sort(), ['atlassian', 'default', 'google-api-infra', 'google-sre', 'incident-report', 'pagerduty', 'status-page']);
    assert.deepEqual(names.sort(), builtInTemplates.map((template) => template.name).sort());
    for (const snippet of Object.values(snippets).filter((candidate) => prefixes(candidate)[0].startsWith(TEMPLATE_PREFIX))) {
      assert.equal(bodyOf(snippet).split(TITLE_TAB_STOP).length, 2, 'one title tab stop');
    }
  });

  it('give each template a document with all its sections, in order', () => {
    for (const template of builtInTemplates) {
      const snippet = Object.values(snippets).find((candidate) => prefixes(candidate).includes(`${TEMPLATE_PREFIX}${template.name}`))!;
      const document = expand(bodyOf(snippet));
      const findings = lint(document, { template }).filter((finding) => ['missing-section', 'section-order', 'duplicate-section', 'front-matter-invalid'].includes(finding.rule));
      assert.deepEqual(findings.map((finding) => `${finding.rule}: ${finding.message}`), [], template.name);
      assert.match(document, /^(?:---\n[^]*?\n---\n\n)?# Incident title\n/, `${template.name}: the title`);
    }
  });

  it('have an action item, a milestone marker and the outage markers', () => {
    const byPrefix = (prefix: string) => Object.values(snippets).find((snippet) => prefixes(snippet).includes(prefix));
    assert.match(expand(bodyOf(byPrefix('pm-action')!)), /^- \[ \] /);
    assert.match(expand(bodyOf(byPrefix('pm-action-row')!)), /^\| .* \| .* \| .* \| .* \|$/);
    assert.equal(expand(bodyOf(byPrefix('pm-milestone')!)), '[start]');
    assert.equal(bodyOf(byPrefix('pm-outage-start')!), '<START OF OUTAGE>');
    assert.equal(bodyOf(byPrefix('pm-outage-end')!), '<END OF OUTAGE>');
  });

  it('mark milestones the engine reads', () => {
    for (const marker of ['[start]', '[detected]', '[mitigated]', '[resolved]', '<START OF OUTAGE>', '<END OF OUTAGE>'] as const) {
      const document = ['# Incident', '', '## Timeline', '', `- [2024-05-12 14:38 UTC] Something happened ${marker}`, '- [2024-05-12 15:38 UTC] Later.', ''].join('\n');
      const kind = ({ '[start]': 'start', '[detected]': 'detected', '[mitigated]': 'mitigated', '[resolved]': 'resolved', '<START OF OUTAGE>': 'start', '<END OF OUTAGE>': 'resolved' } as const)[marker];
      const choices = bodyOf(Object.values(snippets).find((snippet) => prefixes(snippet).includes('pm-milestone'))!);
      if (marker.startsWith('[')) assert.ok(choices.includes(marker.slice(1, -1)), `${marker} is a choice of pm-milestone`);
      const { milestones } = buildTimeline(document);
      assert.equal(milestones[kind]?.line, 4, `${marker} marks the entry as ${kind}`);
    }
  });
});
