// README's picture of the workbench (media/screenshots/workbench.png), taken the way a person tries `npm start`: the
// VS Code server with the examples, headless Chromium on its URL, then only keys: Quick Open a postmortem, wait for its
// squiggles, "Postmortem: Open timeline preview" from the command palette, the Problems panel, and Ctrl+. on a finding.
//   npm run build && npx tsx scripts/e2e/screenshot.ts [OUT.png]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ROOT } from './paths';
import { prepareServer } from './prepare';
import { startServer } from './server';
import { copyExamples } from './start';
import { QUIET_SETTINGS } from './workspace';

const FILE = '2024-03-04-checkout-deploy.md';
/** Opened first, so the Problems panel lists its findings too. */
const OTHER = '2024-07-18-search-latency.md';
const OUT = process.argv[2] ?? path.join(ROOT, 'media', 'screenshots', 'workbench.png');

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The timeline preview's page: the webview's inner frame once it has drawn its chart. */
async function previewFrame(page: Page, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator('svg').count().catch(() => 0)) {
        if (await frame.evaluate(() => document.title.includes('Timeline') || document.body.textContent?.includes('Time to')).catch(() => false)) return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the timeline preview did not draw');
}

async function main(): Promise<void> {
  await prepareServer();
  const temp = mkdtempSync(path.join(tmpdir(), 'postmortem-screenshot-'));
  const server = await startServer({
    serverDataDir: path.join(temp, 'server-data'),
    userDataDir: path.join(temp, 'user-data'),
    userSettings: {
      ...QUIET_SETTINGS,
      'security.workspace.trust.enabled': false,
      'window.commandCenter': true,
      'editor.minimap.enabled': false,
      'workbench.panel.defaultLocation': 'bottom',
    },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1680, height: 980 }, deviceScaleFactor: 1 });
    await page.goto(server.workbenchUrl(copyExamples(path.join(temp, 'examples')), { extensionDevelopmentPath: ROOT }));
    await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ timeout: 60_000 });

    for (const file of [OTHER, FILE]) {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(file);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: file }).waitFor();
    }
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });

    await runCommand(page, 'Postmortem: Open timeline preview');
    await previewFrame(page);
    await runCommand(page, 'View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor();
    // Back in the editor, on the wrong duration (line 8): Ctrl+. lists its quick fix.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':8:13');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row', { hasText: 'Change to' }).first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: OUT });
    process.stdout.write(`${path.relative(process.cwd(), OUT)}\n`);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
