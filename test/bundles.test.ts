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
});
