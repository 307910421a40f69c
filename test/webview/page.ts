// The preview page as VS Code loads it (client/src/preview-html.ts: the same HTML and CSP, the bundled
// dist/webview.js and dist/webview.css), opened from a temp folder in headless Chromium, with the theme
// variables VS Code would inject and, optionally, a stand-in for acquireVsCodeApi that records messages.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { previewHtml } from '../../client/src/preview-html';
import type { HostMessage, PageMessage, PageState } from '../../client/webview/messages';
import type { TimelineData } from '../../server/src/core/types';

const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const BUNDLE = path.join(ROOT, 'dist/webview.js');
const STYLES = path.join(ROOT, 'dist/webview.css');

/** The bundle must be built from the current sources: `npm run build` (npm test does it first). */
export function assertBundleFresh(): void {
  let built: number;
  try {
    built = Math.min(statSync(BUNDLE).mtimeMs, statSync(STYLES).mtimeMs);
  } catch {
    throw new Error('dist/webview.js is missing: run `npm run build` first');
  }
  const sources = path.join(ROOT, 'client/webview');
  const newest = Math.max(...readdirSync(sources).map((file) => statSync(path.join(sources, file)).mtimeMs));
  if (newest > built) throw new Error('dist/webview.js is older than client/webview/: run `npm run build` first');
}

export type Theme = 'light' | 'dark' | 'high-contrast';

// Values of VS Code's Light Modern, Dark Modern and High Contrast themes for the variables the page uses.
export const THEMES: Record<Theme, { bodyClass: string; variables: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    variables: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-descriptionForeground': '#717171',
      '--vscode-editorWidget-background': '#f8f8f8', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-focusBorder': '#005fb8', '--vscode-charts-lines': '#949494', '--vscode-charts-red': '#e51400', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-border': '#cecece', '--vscode-dropdown-foreground': '#3b3b3b',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-editorWidget-background': '#202020', '--vscode-editorWidget-border': '#454545', '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-focusBorder': '#0078d4', '--vscode-charts-lines': '#808080', '--vscode-charts-red': '#f14c4c', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc', '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-border': '#3c3c3c', '--vscode-dropdown-foreground': '#cccccc',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    variables: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-descriptionForeground': '#ffffff',
      '--vscode-editorWidget-background': '#0c141f', '--vscode-contrastBorder': '#6fc3df', '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-focusBorder': '#f38518', '--vscode-charts-lines': '#ffffff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-editorWarning-foreground': '#ffd370',
      '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff', '--vscode-dropdown-background': '#000000',
      '--vscode-dropdown-border': '#6fc3df', '--vscode-dropdown-foreground': '#ffffff',
    },
  },
};

export interface OpenOptions {
  /** Install a stand-in for VS Code's webview API that records what the page posts. */
  host?: boolean;
  /** State the stand-in returns from getState (a reload). */
  state?: PageState;
  theme?: Theme;
}

/** Page functions run in the browser, but this tsconfig has no DOM types: the little they touch, typed here. */
interface Browser {
  document: {
    body: { className: string };
    documentElement: { style: { setProperty(name: string, value: string): void; removeProperty(name: string): void } };
  };
  postMessage(message: unknown, targetOrigin: string): void;
  addEventListener(type: 'message', listener: () => void, options: { once: boolean }): void;
}

let pages = 0;
let pagesDir: string | undefined;

/** One temp folder for every page this process opens, removed when it exits (one per page piled up in /tmp). */
function pageFolder(): string {
  if (pagesDir === undefined) {
    const dir = (pagesDir = mkdtempSync(path.join(tmpdir(), 'postmortem-preview-')));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return pagesDir;
}

export async function openPreview(context: BrowserContext, options: OpenOptions = {}): Promise<Page> {
  const file = path.join(pageFolder(), `preview-${++pages}.html`);
  writeFileSync(file, previewHtml({
    cspSource: 'file:',
    scriptUri: pathToFileURL(BUNDLE).href,
    styleUri: pathToFileURL(STYLES).href,
    nonce: `test-nonce-${pages}`,
  }));
  const page = await context.newPage();
  if (options.host) {
    // Runs before the page's own script, outside its Content-Security-Policy, like VS Code's webview shim.
    // A string, not a function: tsx's compiled functions call helpers (`__name`) the page does not have.
    await page.addInitScript(`(() => {
      const state = ${JSON.stringify(options.state ?? null)};
      globalThis.__posted = [];
      globalThis.__state = state ?? undefined;
      globalThis.acquireVsCodeApi = () => ({
        postMessage: (message) => globalThis.__posted.push(message),
        getState: () => globalThis.__state,
        setState: (value) => { globalThis.__state = value; },
      });
    })();`);
  }
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => 'postmortemPreview' in globalThis);
  await setTheme(page, options.theme ?? 'light');
  return page;
}

/** What VS Code does on a theme change: a class on body and the theme's variables on the root element. */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  const all = [...new Set(Object.values(THEMES).flatMap((value) => Object.keys(value.variables)))];
  await page.evaluate(({ bodyClass, variables, all }) => {
    const { document } = globalThis as unknown as Browser;
    document.body.className = bodyClass;
    const style = document.documentElement.style;
    for (const name of all) style.removeProperty(name);
    for (const [name, value] of Object.entries(variables)) style.setProperty(name, value);
  }, { ...THEMES[theme], all });
}

/** Renders through the page's standalone API. */
export async function render(page: Page, data: TimelineData | null, options: { uri?: string; fileName?: string } = {}): Promise<void> {
  await page.evaluate(({ data, options }) => {
    (globalThis as unknown as { postmortemPreview: { render(data: unknown, options: unknown): void } }).postmortemPreview.render(data, options);
  }, { data, options });
}

/**
 * Sends a message the way the extension does (webview.postMessage → a `message` event), and returns once the
 * page has handled it: its listener was added first, so it runs before this one.
 */
export async function sendMessage(page: Page, message: HostMessage): Promise<void> {
  await page.evaluate((message) => new Promise<void>((resolve) => {
    const browser = globalThis as unknown as Browser;
    browser.addEventListener('message', () => resolve(), { once: true });
    browser.postMessage(message, '*');
  }), message);
}

export async function posted(page: Page): Promise<PageMessage[]> {
  return page.evaluate(() => (globalThis as unknown as { __posted: PageMessage[] }).__posted);
}
