// Bundles the e2e suite (test/e2e/index.ts) into dist/test/e2e/index.js: one CommonJS file with mocha inside and
// `vscode` external, what both hosts load as `extensionTestsPath`.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { ROOT, TESTS_BUNDLE } from './paths';

export async function buildSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test', 'e2e', 'index.ts')],
    outfile: TESTS_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return TESTS_BUNDLE;
}

if (require.main === module) {
  buildSuite().then(
    (file) => process.stdout.write(`${path.relative(process.cwd(), file)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
