// What `npm run package` puts in the .vsix, as vsce computes it from .vscodeignore (its own listFiles): only the
// bundles and the contributed files, no sources, source maps or node_modules. And what the client bundle holds.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const ROOT = path.resolve(__dirname, '../..');
const bundle = (name: string) => path.join(ROOT, 'dist', name);

describe('packaging', function () {
  this.timeout(30_000);

  it('.vscodeignore lets only the bundles, contributed files and docs into the .vsix', async () => {
    const files = (await listFiles({ cwd: ROOT, packageManager: PackageManager.None })).map((file) => file.replace(/\\/g, '/')).sort();
    const allowed = [/^dist\/(client|server|webview)\.js$/, /^dist\/webview\.css$/, /^snippets\/[^/]+\.json$/, /^syntaxes\/[^/]+\.json$/, /^schemas\/[^/]+\.json$/, /^media\/icon\.png$/, /^(README|CHANGELOG)\.md$/, /^LICENSE$/, /^package\.json$/];
    for (const file of files) assert.ok(allowed.some((pattern) => pattern.test(file)), `${file} would be packaged`);
    for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/icon.png', 'snippets/postmortem.json', 'syntaxes/postmortem.tmLanguage.json', 'syntaxes/language-configuration.json', 'schemas/postmortem.schema.json']) {
      assert.ok(files.includes(required), `${required} is packaged`);
    }
    for (const excluded of ['client/src/extension.ts', 'client/webview/main.ts', 'server/src/server.ts', 'esbuild.mjs', 'tsconfig.json', 'templates/default.yaml', 'media/icon.svg', 'dist/client.js.map', 'test/client/package.test.ts']) {
      assert.ok(!files.includes(excluded), `${excluded} is not packaged`);
    }
    assert.ok(!files.some((file) => file.startsWith('node_modules/')), 'no node_modules');
  });

  describe('bundles (npm run build)', () => {
    before(function () {
      if (!existsSync(bundle('client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first');
    });

    it('the client bundle holds no engine: no rules, no YAML parser, no luxon', () => {
      const client = readFileSync(bundle('client.js'), 'utf8');
      for (const engine of ['duration-mismatch', 'timestamp-zone-dst-mismatch', 'YAMLParseError', 'Luxon']) assert.ok(!client.includes(engine), `${engine} is not in dist/client.js`);
      assert.ok(client.includes('postmortem/timeline'), 'it asks the server');
    });

    it('stays within size budgets', () => {
      const kb = (name: string) => statSync(bundle(name)).size / 1024;
      // vscode-languageclient alone is ~430 KB minified: see README ("Bundle sizes").
      assert.ok(kb('client.js') <= 480, `dist/client.js: ${kb('client.js').toFixed(0)} KB`);
      assert.ok(kb('webview.js') + kb('webview.css') <= 60, `dist/webview.*: ${(kb('webview.js') + kb('webview.css')).toFixed(0)} KB`);
    });
  });
});
