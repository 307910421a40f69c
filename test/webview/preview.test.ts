// The timeline preview page in headless Chromium, loaded as VS Code loads it (same HTML, CSP and bundle), with
// timeline data computed by core from the seeds in ../shared at test time.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatDuration } from '../../client/webview/format';
import { buildTimeline, type MilestoneKind, type TimelineData } from '../../server/src/core';
import { launchChromium, type Chromium } from './browser';
import { ARTIFACTS, assertBundleFresh, openPreview, posted, render, sendMessage, setTheme, type Theme } from './page';

const SEEDS = path.resolve(__dirname, '../../../shared/seeds');
const seeds = readdirSync(SEEDS).filter((file) => file.endsWith('.txt')).sort();
const timelineOf = (file: string): TimelineData => buildTimeline(readFileSync(path.join(SEEDS, file), 'utf8'));

interface CardInfo {
  line: number;
  top: number;
  problem: boolean;
  milestone: boolean;
  time: string;
  text: string;
  problems: string;
  pills: string[];
}

/** Runs in the page: what the chart shows, card by card, in document order of the SVG. */
function readCards(page: Page): Promise<CardInfo[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<PageElement> } }).document;
    interface PageElement {
      getAttribute(name: string): string | null;
      querySelector(selector: string): PageElement | null;
      querySelectorAll(selector: string): ArrayLike<PageElement>;
      classList: { contains(name: string): boolean };
      textContent: string | null;
    }
    return Array.from(doc.querySelectorAll('.pm-card')).map((card) => ({
      line: Number(card.getAttribute('data-line')),
      top: Number(card.querySelector('.pm-card-box')!.getAttribute('y')),
      problem: card.classList.contains('pm-card--problem'),
      milestone: card.classList.contains('pm-card--milestone'),
      time: card.querySelector('.pm-card-time')!.textContent ?? '',
      text: Array.from(card.querySelectorAll('.pm-card-text')).map((line) => line.textContent).join(' '),
      problems: Array.from(card.querySelectorAll('.pm-card-problem')).map((line) => line.textContent).join(' '),
      pills: Array.from(card.querySelectorAll('.pm-pill')).map((pill) => pill.getAttribute('class')!.replace(/.*pm-kind-/, '')),
    }));
  });
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

describe('timeline preview page (headless Chromium)', function () {
  this.timeout(60_000);
  let browser: Chromium;

  before(async () => {
    assertBundleFresh();
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const file of seeds) {
    describe(`seed ${file}`, () => {
      const data = timelineOf(file);
      let page: Page;
      let errors: string[];
      before(async () => {
        page = await openPreview(browser.context);
        errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        await render(page, data, { uri: `file:///seeds/${file}`, fileName: file });
      });
      after(() => page.close());

      if (data.entries.length === 0) {
        it('says there are no entries, and draws nothing', async () => {
          assert.match((await text(page, '.pm-empty')) ?? '', /No timeline entries yet/);
          assert.equal(await page.locator('.pm-empty').isVisible(), true);
          assert.equal(await page.locator('.pm-card').count(), 0);
          assert.deepEqual(errors, []);
        });
        return;
      }

      it('shows every entry, in time order, each below the one before', async () => {
        const cards = (await readCards(page)).filter((card) => !card.milestone);
        assert.equal(cards.length, data.entries.length);
        const expected = data.entries
          .map((entry, index) => ({ entry, index }))
          .sort((a, b) => Date.parse(a.entry.utc!) - Date.parse(b.entry.utc!) || a.entry.line - b.entry.line)
          .map(({ entry }) => entry.line);
        assert.deepEqual(cards.map((card) => card.line), expected);
        for (let i = 1; i < cards.length; i++) assert.ok(cards[i].top > cards[i - 1].top, `card ${i} is below card ${i - 1}`);
        for (const card of cards) {
          const entry = data.entries.find((candidate) => candidate.line === card.line)!;
          assert.equal(card.time, entry.utc!.slice(11, 16), 'the time in UTC');
          const words = (entry.text.trim() || entry.stamp).split(/\s+/).slice(0, 4).join(' ');
          assert.ok(card.text.startsWith(words), `"${card.text}" starts with "${words}"`);
        }
        assert.deepEqual(errors, []);
      });

      it('puts the points on a time axis: later entries lower, equal times level', async () => {
        const marks = await page.evaluate(() => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; querySelector(selector: string): { getAttribute(name: string): string | null } | null }> } }).document;
          return Array.from(doc.querySelectorAll('.pm-mark')).map((mark) => {
            const shape = mark.querySelector('.pm-point')!;
            const y = shape.getAttribute('cy') ?? /L \S+ (\S+)/.exec(shape.getAttribute('d') ?? '')?.[1];
            return { line: Number(mark.getAttribute('data-line')), y: Number(y) };
          });
        });
        const timeOfLine = new Map(data.entries.map((entry) => [entry.line, Date.parse(entry.utc!)]));
        for (const kind of Object.keys(data.milestones) as MilestoneKind[]) timeOfLine.set(data.milestones[kind]!.line, Date.parse(data.milestones[kind]!.utc));
        for (const a of marks) {
          for (const b of marks) {
            const [ta, tb] = [timeOfLine.get(a.line)!, timeOfLine.get(b.line)!];
            if (ta < tb) assert.ok(a.y < b.y, `line ${a.line + 1} above line ${b.line + 1}`);
            if (ta === tb) assert.ok(Math.abs(a.y - b.y) < 1e-6);
          }
        }
      });

      it('shows the metrics as a header', async () => {
        for (const key of ['timeToDetect', 'timeToMitigate', 'timeToResolve', 'impactDuration'] as const) {
          const shown = await text(page, `.pm-metric[data-metric="${key}"] .pm-metric-value`);
          assert.equal(shown, data.metrics[key] === undefined ? '—' : formatDuration(data.metrics[key]!), key);
        }
      });

      it('marks the milestones: in the header, on the axis and on their entries', async () => {
        const kinds = (Object.keys(data.milestones) as MilestoneKind[]);
        assert.equal(await page.locator('.pm-milestone').count(), kinds.length);
        const cards = await readCards(page);
        for (const kind of kinds) {
          const milestone = data.milestones[kind]!;
          assert.equal(await page.locator(`.pm-milestone.pm-kind-${kind}`).count(), 1, kind);
          const card = cards.find((candidate) => candidate.line === milestone.line && candidate.pills.includes(kind));
          assert.ok(card, `a card with the ${kind} pill on line ${milestone.line + 1}`);
          assert.ok((await page.locator(`.pm-mark[data-line="${milestone.line}"] .pm-point--milestone`).count()) >= 1);
        }
        if (data.milestones.start) assert.equal(await page.locator('.pm-impact-band').count(), 1);
      });

      it('marks entries with problems and shows their messages', async () => {
        const cards = await readCards(page);
        for (const entry of data.entries) {
          const card = cards.find((candidate) => candidate.line === entry.line && !candidate.milestone)!;
          assert.equal(card.problem, entry.problems.length > 0, `line ${entry.line + 1}`);
          assert.equal(await page.locator(`.pm-mark--problem[data-line="${entry.line}"]`).count(), entry.problems.length ? 1 : 0);
          for (const problem of new Set(entry.problems)) {
            const start = `⚠ ${problem}`.split(/\s+/).slice(0, 6).join(' ');
            assert.ok(card.problems.includes(start), `"${start}" shown on line ${entry.line + 1}`);
          }
        }
      });
    });
  }

  it('compresses a gap much longer than the usual spacing (seed 000: an hour between the rollout and the first errors)', async () => {
    const page = await openPreview(browser.context);
    await render(page, timelineOf('000_ac00cb96e8e2b397.txt'));
    assert.equal(await page.locator('.pm-break').count(), 1);
    assert.equal(await text(page, '.pm-break-label'), '1h later');
    await page.close();
  });

  it('shows the impact window from impact start to resolution (seed 004: 4h 25min)', async () => {
    const page = await openPreview(browser.context);
    const data = timelineOf('004_b6c1c1b3363144e9.txt');
    await render(page, data);
    assert.equal(await text(page, '.pm-metric[data-metric="impactDuration"] .pm-metric-value'), '4h 25min');
    const band = await page.locator('.pm-impact-band').first();
    assert.match((await band.locator('title').textContent()) ?? '', /19:19 → 23:44 UTC \(4h 25min\)/);
    await page.close();
  });

  it('lists entries whose time cannot be resolved below the axis, as written, with their problems', async () => {
    const data = buildTimeline(['# Outage', '', '## Timeline', '', '- [2024-02-30 10:00 UTC] Impossible date.', '- [2024-05-12 10:00 UTC] Fine.', '- [2024-05-12 10:20 UTC] Also fine.', ''].join('\n'));
    assert.equal(data.entries[0].utc, null);
    const page = await openPreview(browser.context);
    await render(page, data);
    const cards = await readCards(page);
    assert.deepEqual(cards.map((card) => card.line), [5, 6, 4], 'resolved entries first, in time order');
    assert.equal(cards[2].time, '2024-02-30 10:00 UTC');
    assert.ok(cards[2].problem && cards[2].problems.startsWith('⚠'));
    assert.equal(await page.locator('.pm-mark').count(), 2, 'no point for it on the axis');
    const heading = await page.locator('.pm-section-heading').textContent();
    assert.match(heading ?? '', /Not on the axis/);
    await page.close();
  });

  it('says so when the server has no timeline for the document', async () => {
    const page = await openPreview(browser.context);
    await render(page, null, { fileName: 'notes.md' });
    assert.match((await text(page, '.pm-empty')) ?? '', /language server has not seen it/);
    assert.equal(await page.locator('.pm-button[data-action="copyMermaid"]').isDisabled(), true);
    await page.close();
  });

  describe('hostile document text', () => {
    const hostile = [
      '---',
      'postmortem: true',
      'title: "<img src=x onerror=\\"globalThis.pwned=\'title\'\\">"',
      '---',
      '# <script>globalThis.pwned="heading"</script> Outage',
      '',
      '## Timeline',
      '',
      '- [2024-05-12 14:38 UTC] <script>globalThis.pwned="entry"</script> deploy started',
      '- [2024-05-12 14:40 UTC] <img src=x onerror="globalThis.pwned=\'img\'"> errors rose [detected]',
      '- [2024-05-12 14:45 UTC] <svg onload="globalThis.pwned=\'svg\'"></svg> rolled back',
      '- [2024-05-12 14:50 UTC] <a href="javascript:globalThis.pwned=\'link\'">all clear</a> resolved',
      '',
    ].join('\n');
    const data = buildTimeline(hostile);
    // Markup in what the server sends beyond the entries' text too: a problem message and the file name.
    data.entries[0].problems.push('<img src=x onerror="globalThis.pwned=\'problem\'"> is not a stamp');

    it('is in the data the page gets (so the test means something)', () => {
      assert.match(data.entries[0].text, /<script>/);
      assert.match(data.entries[1].text, /<img src=x onerror=/);
      assert.match(data.title ?? '', /<img|<script>/);
    });

    for (const via of ['render()', 'a host message'] as const) {
      it(`never runs, and shows literally, when rendered through ${via}`, async () => {
        const page = await openPreview(browser.context, { host: via === 'a host message' });
        const fileName = '<img src=x onerror="globalThis.pwned=\'file\'">.md';
        if (via === 'render()') await render(page, data, { fileName });
        else await sendMessage(page, { type: 'timeline', uri: 'file:///hostile.md', fileName, data });
        await page.locator('.pm-card').first().click();
        await page.locator('.pm-card').last().click();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(ARTIFACTS, `preview-hostile-${via === 'render()' ? 'render' : 'message'}.png`), fullPage: true });
        assert.equal(await page.evaluate(() => (globalThis as unknown as { pwned?: string }).pwned), undefined);
        assert.equal(await page.locator('img, iframe, object, embed, a').count(), 0);
        assert.equal(await page.locator('script').count(), 1, 'only the page\'s own script');
        assert.equal(await page.locator('svg svg').count(), 0);
        // Shown as text: the card's lines (wrapped, so joined with spaces), its tooltip, the header.
        const shown = (await readCards(page)).map((card) => `${card.text} ${card.problems}`).join(' ');
        assert.ok(shown.includes('<script>globalThis.pwned="entry"</script> deploy started'), shown);
        assert.ok(shown.includes('<img src=x onerror="globalThis.pwned=\'img\'"> errors rose'), shown);
        assert.ok(shown.includes('<img src=x onerror="globalThis.pwned=\'problem\'">'), shown);
        const tooltip = await page.locator(`.pm-card[data-line="${data.entries[0].line}"] > title`).textContent();
        assert.ok(tooltip?.includes('<script>globalThis.pwned="entry"</script> deploy started'));
        assert.ok(((await text(page, '.pm-title')) ?? '').includes('<'), 'the title, literally');
        assert.ok(((await text(page, '.pm-subtitle')) ?? '').includes(fileName));
        await page.close();
      });
    }

    it('is escaped in the exported SVG', async () => {
      const page = await openPreview(browser.context, { host: true });
      await sendMessage(page, { type: 'timeline', uri: 'file:///hostile.md', fileName: 'hostile.md', data });
      await sendMessage(page, { type: 'exportSvg' });
      const svg = (await posted(page)).find((message) => message.type === 'svg');
      assert.ok(svg && svg.type === 'svg');
      assert.ok(svg.svg.includes('&lt;script&gt;globalThis.pwned="entry"&lt;/script&gt;'));
      assert.ok(!/<script|<img|onerror="[^"]*"(?=[\s>])/i.test(svg.svg.replace(/&lt;[^]*?&gt;/g, '')));
      assert.ok(!svg.svg.includes('<script'));
      await page.close();
    });
  });

  describe('Content-Security-Policy', () => {
    it('blocks inline scripts and inline event handlers, even ones added to the DOM', async () => {
      const page = await openPreview(browser.context);
      const violations = await page.evaluate(async () => {
        const g = globalThis as unknown as {
          document: {
            addEventListener(type: string, listener: (event: { violatedDirective: string }) => void): void;
            createElement(name: string): { textContent: string; setAttribute(name: string, value: string): void; click(): void };
            body: { append(node: unknown): void };
          };
          __inline?: number;
          __handler?: number;
        };
        const seen: string[] = [];
        g.document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
        const script = g.document.createElement('script');
        script.textContent = 'globalThis.__inline = 1';
        g.document.body.append(script);
        const button = g.document.createElement('button');
        button.setAttribute('onclick', 'globalThis.__handler = 1');
        g.document.body.append(button);
        button.click();
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { seen, inline: g.__inline, handler: g.__handler };
      });
      assert.equal(violations.inline, undefined);
      assert.equal(violations.handler, undefined);
      assert.ok(violations.seen.some((directive) => directive.startsWith('script-src')), violations.seen.join());
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(policy ?? '', /default-src 'none'/);
      assert.match(policy ?? '', /script-src 'nonce-[^']+'/);
      await page.close();
    });
  });

  describe('theme', () => {
    const colors = async (page: Page) => page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { body: object; querySelector(selector: string): object };
        getComputedStyle(element: object): { color: string; backgroundColor: string; fill: string; stroke: string; strokeWidth: string };
      };
      const body = g.getComputedStyle(g.document.body);
      const box = g.getComputedStyle(g.document.querySelector('.pm-card-box'));
      const band = g.getComputedStyle(g.document.querySelector('.pm-impact-band'));
      return { text: body.color, background: body.backgroundColor, card: box.fill, border: box.stroke, borderWidth: box.strokeWidth, impact: band.fill };
    });

    it('follows light, dark and high contrast through the --vscode-* variables and the body class', async () => {
      const page = await openPreview(browser.context);
      await render(page, timelineOf('000_ac00cb96e8e2b397.txt'), { fileName: '000_ac00cb96e8e2b397.txt' });
      const seen: Record<string, Awaited<ReturnType<typeof colors>>> = {};
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        await setTheme(page, theme);
        seen[theme] = await colors(page);
      }
      assert.deepEqual(seen.light, { text: 'rgb(59, 59, 59)', background: 'rgb(255, 255, 255)', card: 'rgb(248, 248, 248)', border: 'rgb(200, 200, 200)', borderWidth: '1px', impact: 'rgb(229, 20, 0)' });
      assert.deepEqual(seen.dark, { text: 'rgb(204, 204, 204)', background: 'rgb(31, 31, 31)', card: 'rgb(32, 32, 32)', border: 'rgb(69, 69, 69)', borderWidth: '1px', impact: 'rgb(241, 76, 76)' });
      // High contrast: the card is the background, outlined with the contrast border, thicker.
      assert.deepEqual(seen['high-contrast'], { text: 'rgb(255, 255, 255)', background: 'rgb(0, 0, 0)', card: 'rgb(0, 0, 0)', border: 'rgb(111, 195, 223)', borderWidth: '1.5px', impact: 'rgb(241, 76, 76)' });
      await page.close();
    });

    for (const theme of ['light', 'dark'] as Theme[]) {
      it(`is screenshotted in ${theme} (test-artifacts/)`, async () => {
        for (const file of ['000_ac00cb96e8e2b397.txt', '003_3a3be04277b3d75c.txt', '004_b6c1c1b3363144e9.txt']) {
          const page = await openPreview(browser.context, { theme });
          await page.setViewportSize({ width: 900, height: 700 });
          await render(page, timelineOf(file), { fileName: file });
          await page.screenshot({ path: path.join(ARTIFACTS, `preview-${file.slice(0, 3)}-${theme}.png`), fullPage: true });
          await page.close();
        }
      });
    }
  });

  describe('in the panel (acquireVsCodeApi)', () => {
    const seed003 = timelineOf('003_3a3be04277b3d75c.txt');
    const uri = 'file:///incidents/003.txt';

    it('says it is ready, and renders what the extension posts', async () => {
      const page = await openPreview(browser.context, { host: true });
      assert.deepEqual(await posted(page), [{ type: 'ready' }]);
      await sendMessage(page, { type: 'timeline', uri, fileName: '003.txt', data: seed003 });
      assert.equal(await page.locator('.pm-card:not(.pm-card--milestone)').count(), seed003.entries.length);
      await page.close();
    });

    it('reveals an entry\'s line on click and on Enter, and a milestone\'s from the header', async () => {
      const page = await openPreview(browser.context, { host: true });
      await sendMessage(page, { type: 'timeline', uri, fileName: '003.txt', data: seed003 });
      const second = seed003.entries[1];
      await page.locator(`.pm-card[data-line="${second.line}"]`).click();
      await page.locator(`.pm-card[data-line="${seed003.entries[2].line}"]`).focus();
      await page.keyboard.press('Enter');
      await page.locator('.pm-milestone.pm-kind-mitigated').click();
      const reveals = (await posted(page)).filter((message) => message.type === 'reveal');
      assert.deepEqual(reveals, [
        { type: 'reveal', line: second.line },
        { type: 'reveal', line: seed003.entries[2].line },
        { type: 'reveal', line: seed003.milestones.mitigated!.line },
      ]);
      await page.close();
    });

    it('asks the extension to copy as Mermaid and to save as SVG, and hands over a standalone SVG', async () => {
      const page = await openPreview(browser.context, { host: true, theme: 'dark' });
      await sendMessage(page, { type: 'timeline', uri, fileName: '003.txt', data: seed003 });
      await page.getByRole('button', { name: 'Copy as Mermaid' }).click();
      await page.getByRole('button', { name: 'Save as SVG' }).click();
      await sendMessage(page, { type: 'exportSvg' });
      const messages = await posted(page);
      assert.deepEqual(messages.slice(1, 3), [{ type: 'copyMermaid' }, { type: 'saveSvg' }]);
      const svg = messages.find((message) => message.type === 'svg');
      assert.ok(svg && svg.type === 'svg');
      assert.match(svg.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(svg.svg.includes('Postmortem issue Checkout Outage'), 'the title');
      assert.ok(svg.svg.includes('Time to mitigate: 48min'), 'the metrics');
      assert.ok(!svg.svg.includes('var(--'), 'colours resolved, not theme variables');
      assert.ok(!/class="/.test(svg.svg), 'no classes: the file has no stylesheet');
      // It stands alone: a fresh page without the preview's CSS shows it.
      const viewer = await browser.context.newPage();
      await viewer.setContent(svg.svg);
      assert.equal(await viewer.locator('svg > g text').filter({ hasText: 'Impact start' }).count() > 0, true);
      await viewer.screenshot({ path: path.join(ARTIFACTS, 'preview-export-003.png'), fullPage: true });
      await viewer.close();
      await page.close();
    });

    it('switches the zone: times, subtitle and saved state follow', async () => {
      const page = await openPreview(browser.context, { host: true });
      await sendMessage(page, { type: 'timeline', uri, fileName: '003.txt', data: seed003 });
      assert.equal(await text(page, '.pm-card-time'), '20:32');
      await page.locator('.pm-zone').selectOption('America/Los_Angeles');
      assert.equal(await text(page, '.pm-card-time'), '13:32');
      assert.match((await text(page, '.pm-subtitle')) ?? '', /times in America\/Los_Angeles/);
      assert.match((await text(page, '.pm-milestone.pm-kind-start .pm-milestone-time')) ?? '', /13:32 PDT/);
      const state = await page.evaluate(() => (globalThis as unknown as { __state: { zone?: string } }).__state);
      assert.equal(state.zone, 'America/Los_Angeles');
      await page.close();
    });

    it('restores zone and scroll after a reload of the same document', async () => {
      const page = await openPreview(browser.context, { host: true, state: { uri, zone: 'Asia/Kolkata', scrollY: 300 } });
      await page.setViewportSize({ width: 700, height: 400 });
      await sendMessage(page, { type: 'timeline', uri, fileName: '003.txt', data: seed003 });
      assert.equal(await page.locator('.pm-zone').inputValue(), 'Asia/Kolkata');
      assert.equal(await text(page, '.pm-card-time'), '02:02');
      assert.equal(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY), 300);
      await page.close();
    });

    it('updates in place as the document changes: same SVG element, scroll position kept', async () => {
      const page = await openPreview(browser.context, { host: true });
      await page.setViewportSize({ width: 700, height: 400 });
      const seed001 = timelineOf('001_3b42e667c46257d7.txt');
      await sendMessage(page, { type: 'timeline', uri, fileName: '001.txt', data: seed001 });
      await page.evaluate(() => {
        const g = globalThis as unknown as { document: { querySelector(selector: string): { __marker?: number } }; scrollTo(x: number, y: number): void };
        g.document.querySelector('svg.pm-chart').__marker = 1;
        g.scrollTo(0, 500);
      });
      const edited = structuredClone(seed001);
      edited.entries[3].text = 'Edited while the preview was open';
      await sendMessage(page, { type: 'timeline', uri, fileName: '001.txt', data: edited });
      const after = await page.evaluate(() => {
        const g = globalThis as unknown as { document: { querySelector(selector: string): { __marker?: number } }; scrollY: number };
        return { marker: g.document.querySelector('svg.pm-chart').__marker, scrollY: g.scrollY };
      });
      assert.deepEqual(after, { marker: 1, scrollY: 500 });
      assert.equal(await page.locator('.pm-card-text', { hasText: 'Edited while the preview was open' }).count(), 1);
      // Another document starts at its top.
      await sendMessage(page, { type: 'timeline', uri: 'file:///other.md', fileName: 'other.md', data: seed003 });
      assert.equal(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY), 0);
      await page.close();
    });
  });
});
