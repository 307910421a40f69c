// Where the end-to-end harness keeps things. Everything it downloads or builds lives in .vscode-test/ (git-ignored),
// what a failed run leaves for people to look at in test-artifacts/e2e/ (git-ignored).
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CACHE = path.join(ROOT, '.vscode-test');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

/** The last code-server release whose VS Code server runs on Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';
export const SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
/** The VS Code server inside the code-server package. */
export const VSCODE_DIR = path.join(SERVER_DIR, 'lib', 'vscode');

/** The suite's bundle: the `extensionTestsPath` both hosts load. */
export const TESTS_BUNDLE = path.join(ROOT, 'dist', 'test', 'e2e', 'index.js');
/** The seeds, read at setup time from the checkout beside this one; never copied into the repository. */
export const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
export const EXAMPLES = path.join(ROOT, 'examples');

export const EXTENSION_ID = 'postmortem-studio.postmortem-studio';
