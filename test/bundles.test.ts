// The bundles node loads (server, CLI, client) are ASCII: V8 holds a script with a single non-ASCII character as a
// two-byte string, twice its size in every process (0.86 MB more for the server). esbuild escapes non-ASCII text in
// strings but not in regex literals: write `\u2014`, not `—`, in a regex.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

describe('bundles', () => {
  for (const bundle of ['dist/server.js', 'dist/cli.js', 'dist/client.js']) {
    it(`${bundle} is ASCII`, () => {
      const text = readFileSync(path.join(root, bundle), 'utf8');
      const found = /[^\x00-\x7f]/.exec(text);
      assert.equal(found, null, found ? `${bundle} has ${JSON.stringify(found[0])} in ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 40))}` : '');
    });
  }

  // Two versions of a package in one bundle are loaded and compiled twice (the server had two vscode-jsonrpc). Plugin
  // namespaces ("zod-locales:") are not copies.
  for (const bundle of ['dist/server.js', 'dist/cli.js', 'dist/client.js']) {
    it(`${bundle} has one copy of each package`, () => {
      const { sources } = JSON.parse(readFileSync(path.join(root, `${bundle}.map`), 'utf8')) as { sources: string[] };
      const copies = new Map<string, Set<string>>();
      for (const source of sources) {
        const match = /^([^:]*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(source);
        if (!match) continue;
        const name = match[2];
        copies.set(name, (copies.get(name) ?? new Set()).add(match[1] + name));
      }
      assert.ok(copies.size > 0, `${bundle}.map names no package`);
      assert.deepEqual([...copies].filter(([, places]) => places.size > 1).map(([name, places]) => `${name}: ${[...places].join(', ')}`), []);
    });
  }
});
