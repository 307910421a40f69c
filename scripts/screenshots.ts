// README's screenshots of the timeline preview (media/screenshots/), from the seeds in ../shared:
// `npm run build && npx tsx scripts/screenshots.ts`. The webview tests take the same pictures into test-artifacts/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTimeline } from '../server/src/core';
import { launchChromium } from '../test/webview/browser';
import { openPreview, render, type Theme } from '../test/webview/page';

const ROOT = path.resolve(__dirname, '..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');

const SHOTS: { seed: string; theme: Theme; out: string; height: number }[] = [
  { seed: '000_ac00cb96e8e2b397.txt', theme: 'dark', out: 'timeline-preview-dark.png', height: 720 },
  { seed: '003_3a3be04277b3d75c.txt', theme: 'light', out: 'timeline-preview-problems.png', height: 760 },
];

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const shot of SHOTS) {
      const page = await openPreview(browser.context, { theme: shot.theme });
      await page.setViewportSize({ width: 900, height: shot.height });
      await render(page, buildTimeline(readFileSync(path.join(SEEDS, shot.seed), 'utf8')), { fileName: shot.seed });
      await page.screenshot({ path: path.join(ROOT, 'media/screenshots', shot.out) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
