// One bundle per process. `node esbuild.mjs [--watch]`.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// zod's namespace object re-exports all of its ~50 message locales, so bundles kept every one (258 KB of the
// server); nothing here uses z.locales, and zod itself imports English directly.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}zod${path.sep}`)) return undefined;
      return { path: path.resolve(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

// vscode-languageserver pins its own version of the protocol package; server code that imports the protocol (the
// messages shared with the client) must get that copy, or the server bundles two protocols and two vscode-jsonrpc.
const protocolOfLanguageServer = {
  name: 'protocol-of-language-server',
  setup(build) {
    const require = createRequire(import.meta.url);
    const languageServer = path.dirname(require.resolve('vscode-languageserver'));
    const protocol = require.resolve('vscode-languageserver-protocol', { paths: [languageServer] });
    build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, () => ({ path: protocol }));
  },
};

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: !watch,
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
};

const entries = [
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, plugins: [...common.plugins, protocolOfLanguageServer] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((entry) => existsSync(entry.entryPoints[0]));

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
