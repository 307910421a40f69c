// The client's pure parts: the preview page's HTML and CSP, the UTC stamp of a new timeline entry, and the rule
// that keeps the client thin (it imports from the server only the protocol, core's types and Mermaid export).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, previewHtml } from '../../client/src/preview-html';
import { timelineEntrySnippet, utcStamp } from '../../client/src/stamp';

const ROOT = path.resolve(__dirname, '../..');

describe('client', () => {
  describe('preview page HTML', () => {
    const resources = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js?a=1&b="2"', styleUri: 'https://x/dist/webview.css', nonce: 'abc123' };

    it('has a strict Content-Security-Policy: nothing by default, scripts by nonce, no inline or eval', () => {
      const policy = contentSecurityPolicy(resources);
      assert.match(policy, /^default-src 'none';/);
      assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
      assert.match(policy, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
      assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*|http:|data:/);
    });

    it('loads only the bundled script (with the nonce) and style, escaping attributes', () => {
      const html = previewHtml(resources);
      assert.ok(html.includes('<script nonce="abc123" src="https://x/dist/webview.js?a=1&#38;b=&#34;2&#34;"></script>'));
      assert.ok(html.includes('<link rel="stylesheet" href="https://x/dist/webview.css">'));
      assert.equal(html.match(/<script/g)?.length, 1);
      assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/);
    });
  });

  describe('timeline entry for now', () => {
    const now = new Date('2024-05-12T20:32:59.999Z');

    it('is in UTC whatever the local zone', () => {
      assert.equal(utcStamp(now), '2024-05-12 20:32 UTC');
      assert.equal(utcStamp(new Date('2024-12-31T23:59:00-05:00')), '2025-01-01 04:59 UTC');
    });

    it('is a list item in Markdown, a tab-separated line in plain text, the stamp alone inside a line', () => {
      assert.equal(timelineEntrySnippet(now, true, false), '- [2024-05-12 20:32 UTC] ${1:What happened.}$0');
      assert.equal(timelineEntrySnippet(now, true, true), '[2024-05-12 20:32 UTC]\t${1:What happened.}$0');
      assert.equal(timelineEntrySnippet(now, false, false), '[2024-05-12 20:32 UTC] $0');
    });
  });

  it('imports from the server only the protocol, core types and Mermaid export: no validation in the client', () => {
    const allowed = new Set(['server/src/protocol', 'server/src/core/types', 'server/src/core/mermaid']);
    for (const dir of ['client/src', 'client/webview']) {
      for (const file of readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith('.ts'))) {
        const source = readFileSync(path.join(ROOT, dir, file), 'utf8');
        for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
          if (!specifier.startsWith('.')) continue;
          const target = path.relative(ROOT, path.resolve(ROOT, dir, specifier)).replace(/\\/g, '/');
          if (target.startsWith('server/')) assert.ok(allowed.has(target), `${dir}/${file} imports ${target}`);
        }
      }
    }
  });
});
