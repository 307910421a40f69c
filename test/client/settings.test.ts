// The client and the bundled server agree: the server asks for section `postmortem` through workspace/configuration
// and gets what VS Code answers for it (the keys without the prefix, `trace.server` nested), as
// vscode-languageclient does for the extension; and it checks the documents the client sends, in the languages
// the client contributes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, seed004WithMismatch, TestClient, uriOf } from '../lsp/client';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

/** The section as VS Code's getConfiguration('postmortem') returns it: defaults from package.json, then `overrides`. */
function section(overrides: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties as Record<string, { default: unknown }>)) {
    const parts = key.replace(/^postmortem\./, '').split('.');
    let target = values;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = setting.default;
  }
  return { ...values, ...overrides };
}

const codes = (params: { diagnostics: { code?: unknown }[] }) => params.diagnostics.map((diagnostic) => diagnostic.code);

describe('the language server gets what the client sends', function () {
  this.timeout(30_000);
  let client: TestClient;
  const overrides = new Map<string, Record<string, unknown>>();

  before(async () => {
    build();
    client = await TestClient.start({ settings: (uri) => section({ debounce: 0, ...(uri ? overrides.get(uri) : undefined) }) });
  });
  after(() => client?.stop());

  it('postmortem.rules turns a rule off and raises another', async () => {
    const uri = uriOf('incidents/004-rules.txt');
    overrides.set(uri, { rules: { 'duration-mismatch': 'off', 'missing-section': 'error' } });
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    const published = await client.current(uri);
    assert.ok(!codes(published).includes('duration-mismatch'), `duration-mismatch is off: ${codes(published).join(', ')}`);
    const missing = published.diagnostics.filter((diagnostic) => diagnostic.code === 'missing-section');
    assert.ok(missing.length > 0 && missing.every((diagnostic) => diagnostic.severity === 1));
  });

  it('postmortem.files makes a document a postmortem', async () => {
    const uri = uriOf('docs/retro.md');
    const text = '# Retro\n\n## Timeline\n\n- [2024-05-12 14:38 PST] Errors rose.\n';
    await client.open(uri, text);
    assert.deepEqual(codes(await client.current(uri)), [], 'not a postmortem with the default globs');
    await client.close(uri);
    const listed = uriOf('docs/listed.md');
    overrides.set(listed, { files: ['docs/**/*.md'] });
    await client.open(listed, text);
    assert.ok(codes(await client.current(listed)).includes('timestamp-not-utc'));
  });

  it('checks documents in the `postmortem` language (*.postmortem.md) like Markdown', async () => {
    const uri = uriOf('notes/checkout.postmortem.md');
    await client.open(uri, '# Checkout\n\n## Timeline\n\n- [2024-05-12 14:38 PST] Errors rose.\n', 'postmortem');
    assert.ok(codes(await client.current(uri)).includes('timestamp-not-utc'), 'the client sends languageId postmortem for these files');
  });

  it('postmortem.template picks the built-in template', async () => {
    const uri = uriOf('incidents/004-template.txt');
    overrides.set(uri, { template: 'incident-report' });
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    // Seed 004 follows the incident-report format: nothing is missing from it.
    assert.ok(!codes(await client.current(uri)).includes('missing-section'));
  });
});
