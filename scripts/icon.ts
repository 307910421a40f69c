// media/icon.png (128×128) from media/icon.svg, rasterised by headless Chromium: `npx tsx scripts/icon.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/webview/browser';

const MEDIA = path.resolve(__dirname, '../media');

async function main(): Promise<void> {
  const svg = readFileSync(path.join(MEDIA, 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 128, height: 128 });
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(path.join(MEDIA, 'icon.png'), new Uint8Array(png));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
