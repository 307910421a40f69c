import assert from 'node:assert/strict';
import { createFilesMatcher, hasPostmortemFrontMatter, isMarkdownOrText } from '../../server/src/selection';

describe('selection: which files are postmortems', () => {
  const matches = createFilesMatcher();

  it('matches the default folder globs at any depth, Markdown and plain text', () => {
    for (const path of [
      'postmortems/2024-01-05.md',
      'docs/post-mortems/db/failover.markdown',
      'team/incidents/outage.txt',
      'incident-reports/a.md',
      'postmortem/x.md',
    ]) assert.ok(matches(path), path);
  });

  it('matches file names containing postmortem, post-mortem or incident-report', () => {
    for (const path of ['2024-01-05-postmortem.md', 'docs/db-post-mortem.txt', 'notes/incident-report-42.markdown']) assert.ok(matches(path), path);
  });

  it('ignores case and either separator', () => {
    assert.ok(matches('Docs/Postmortems/Outage.MD'));
    assert.ok(matches('INCIDENT-REPORT.md'));
    assert.ok(matches('docs\\postmortems\\a.md'));
  });

  it('does not match other files', () => {
    for (const path of ['README.md', 'docs/notes.md', 'postmortems/diagram.png', 'postmortem.json', 'incidents.md']) assert.ok(!matches(path), path);
  });

  it('takes custom globs', () => {
    const custom = createFilesMatcher(['reviews/**/*.md']);
    assert.ok(custom('reviews/2024/a.md'));
    assert.ok(!custom('postmortems/a.md'));
  });

  it('reads `postmortem: true` from front matter only', () => {
    assert.ok(hasPostmortemFrontMatter('---\ntitle: Outage\npostmortem: true\n---\n# Outage\n'));
    assert.ok(hasPostmortemFrontMatter('\uFEFF---\r\npostmortem: true\r\n---\r\n'));
    assert.ok(!hasPostmortemFrontMatter('---\npostmortem: false\n---\n'));
    assert.ok(!hasPostmortemFrontMatter('---\npostmortem: "true"\n---\n'));
    assert.ok(!hasPostmortemFrontMatter('# Notes\n\npostmortem: true\n'));
    assert.ok(!hasPostmortemFrontMatter('---\npostmortem: true\n'));
    assert.ok(!hasPostmortemFrontMatter('---\npostmortem: [true\n---\n'));
  });

  it('knows Markdown and plain text by extension', () => {
    for (const path of ['a.md', 'b.MARKDOWN', 'c.txt']) assert.ok(isMarkdownOrText(path), path);
    for (const path of ['a.mdx', 'b.json', 'md']) assert.ok(!isMarkdownOrText(path), path);
  });
});
