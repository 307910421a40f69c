// Engine benchmark (`npm run bench`): median lint time per document size, how it grows, and side by
// side on the same documents in the same run: markdownlint (default rules, the library users run on
// Markdown in VS Code) and the physical floor (split into lines, one regex test per line). Then the
// CLI benchmark (scripts/bench-cli.mjs). Prints numbers only; nothing here is a test.
//   BENCH_SIZES=100,1000  limit the sizes;  BENCH_CLI=0  skip the CLI benchmark;  BENCH_HOSTILE=0  skip the hostile inputs.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint as markdownlint } from 'markdownlint/sync';
import { generatePostmortem } from './generate.mjs';
import { oneMegabyteLines, runsOfOneCharacter } from './hostile.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Collect garbage between measurements, so that one tool's garbage is not collected on another's clock.
if (typeof globalThis.gc !== 'function') {
  const rerun = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}
const dir = mkdtempSync(path.join(tmpdir(), 'postmortem-bench-'));
const outfile = path.join(dir, 'core.cjs');
await esbuild.build({ entryPoints: [path.join(here, '../server/src/core/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, minify: true, logLevel: 'warning' });
const { lint } = createRequire(import.meta.url)(outfile);
rmSync(dir, { recursive: true, force: true });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// V8 compiles a function's optimised code in the background once it has run for a while: a few runs of a small
// document are not enough, and the 1,000-line median came out anywhere from 3 to 8 ms depending on whether the
// optimised code was ready. Every measurement is preceded by at least this much warm-up.
const WARMUP_MS = 1000;

/** Milliseconds of each of `runs` runs of `fn`, after a garbage collection, `warmup` runs and WARMUP_MS. */
function timings(fn, runs, warmup) {
  globalThis.gc();
  const warm = performance.now() + WARMUP_MS;
  for (let i = 0; i < warmup || performance.now() < warm; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

function measure(fn, runs, warmup) {
  return median(timings(fn, runs, warmup));
}

// The floor: what any line-based checker must at least do.
const FLOOR_RE = /\b\d{1,2}:\d\d\b/;
function floor(text) {
  let hits = 0;
  for (const line of text.split(/\r?\n/)) if (FLOOR_RE.test(line)) hits++;
  return hits;
}

const mdl = (text) => markdownlint({ strings: { doc: text } }).doc;

const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000,100000').split(',').map(Number);
// 11 runs at 100,000 lines: a lint there spans several garbage collections and page faults of new memory, and the
// median of 5 moved by 10% from one run of the benchmark to the next.
const documents = sizes.map((lines) => ({ lines, text: generatePostmortem(lines), runs: lines >= 100_000 ? 11 : lines >= 10_000 ? 15 : lines >= 1_000 ? 41 : 101 }));
// Each document linted before any is measured: V8 optimises the engine as it runs, and a size that shows it new
// shapes (a longer table, another kind of stamp) would otherwise pay for re-optimising inside its measurement.
for (const { lines, text } of documents) for (let i = 0; i < (lines >= 100_000 ? 1 : 3); i++) lint(text);
// Each tool on every size in turn: our engine first, then the floor, then markdownlint.
const results = documents.map(({ lines, text, runs }) => ({ lines, ms: measure(() => lint(text), runs, 5), findings: lint(text).length }));
documents.forEach(({ text, runs }, i) => { results[i].floorMs = measure(() => floor(text), runs * 2, 5); });
documents.forEach(({ lines, text, runs }, i) => {
  results[i].mdlMs = measure(() => mdl(text), lines >= 100_000 ? 3 : Math.min(runs, 15), 1);
  results[i].mdlFindings = mdl(text).length;
});
for (const r of results) {
  console.log(`engine lint ${String(r.lines).padStart(7)} lines: median ${r.ms.toFixed(2)} ms (${r.findings} findings) | markdownlint ${r.mdlMs.toFixed(2)} ms (${r.mdlFindings}) | floor ${r.floorMs.toFixed(3)} ms`);
}

console.log('');
console.log('| lines | engine median ms | findings | markdownlint ms | ours / markdownlint | floor ms | ours / floor |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.lines} | ${r.ms.toFixed(2)} | ${r.findings} | ${r.mdlMs.toFixed(1)} | ${(r.ms / r.mdlMs).toFixed(3)} | ${r.floorMs.toFixed(3)} | ${(r.ms / r.floorMs).toFixed(1)} |`);
}
console.log('');
for (let i = 1; i < results.length; i++) {
  const growth = results[i].ms / results[i - 1].ms;
  const factor = results[i].lines / results[i - 1].lines;
  console.log(`growth ${results[i - 1].lines} → ${results[i].lines} lines: ×${growth.toFixed(1)} time for ×${factor} lines${growth > factor * 1.2 ? ' (SUPERLINEAR)' : ''}`);
}
// The huge-input target: a 5 MB postmortem of the same kind.
if (process.env.BENCH_5MB !== '0') {
  const perLine = generatePostmortem(2_000).length / 2_000;
  const text = generatePostmortem(Math.ceil((5 * 1024 * 1024) / perLine));
  const ms = measure(() => lint(text), 5, 1);
  console.log(`engine lint 5 MB (${(text.length / 1024 / 1024).toFixed(2)} MB, ${text.split('\n').length - 1} lines): median ${ms.toFixed(0)} ms`);
}
// Real postmortem text, the kind the markdownlint figures were measured on: the corpus's public postmortems
// (../shared/corpus/docs, read here at run time, never copied into the project) one after another up to 10,000 lines.
// The generated documents are a timeline-heavy mix: several times as many lines with a clock time.
const corpusDir = path.join(here, '../../shared/corpus/docs');
if (existsSync(corpusDir)) {
  const postmortems = readdirSync(corpusDir).filter((name) => name.endsWith('.md')).sort().map((name) => readFileSync(path.join(corpusDir, name), 'utf8').split(/\r?\n/));
  const lines = [];
  for (let i = 0; lines.length < 10_000; i++) lines.push(...postmortems[i % postmortems.length]);
  const text = lines.slice(0, 10_000).join('\n');
  for (let i = 0; i < 3; i++) lint(text);
  const ms = measure(() => lint(text), 15, 5);
  const floorMs = measure(() => floor(text), 30, 5);
  const mdlMs = measure(() => mdl(text), 15, 1);
  const timed = (doc) => `${Math.round((100 * floor(doc)) / doc.split('\n').length)}%`;
  console.log('');
  console.log(`real postmortem text, 10000 lines (${postmortems.length} corpus postmortems repeated; ${timed(text)} of lines have a clock time, generated: ${timed(documents.find((d) => d.lines === 10_000)?.text ?? generatePostmortem(10_000))}): median ${ms.toFixed(2)} ms (${lint(text).length} findings) | markdownlint ${mdlMs.toFixed(2)} ms | floor ${floorMs.toFixed(3)} ms`);
  console.log(`real postmortem text: ours / markdownlint ${(ms / mdlMs).toFixed(4)}, ours / floor ${(ms / floorMs).toFixed(1)}`);
}
// The hostile inputs: each is to be checked in under 100 ms. The slowest run is shown too: on these, a garbage
// collection is a large share of a run.
if (process.env.BENCH_HOSTILE !== '0') {
  console.log('');
  const hostile = [
    ...runsOfOneCharacter().map(({ name, text }) => ({ name: `50 KB of ${name}`, text })),
    ...oneMegabyteLines().map(({ name, text }) => ({ name: `1 MB line of ${name}`, text })),
  ];
  for (const { name, text } of hostile) {
    const times = timings(() => lint(text), 7, 1);
    const ms = median(times);
    console.log(`hostile ${name}: median ${ms.toFixed(1)} ms, slowest ${Math.max(...times).toFixed(1)} ms (${lint(text).length} findings)${ms < 100 ? '' : ' (target < 100 ms: OVER)'}`);
  }
}
const tenK = results.find((r) => r.lines === 10_000);
if (tenK) {
  console.log(`ratio-vs-markdownlint: ${(tenK.ms / tenK.mdlMs).toFixed(4)}`);
  console.log(`ratio-vs-floor: ${(tenK.ms / tenK.floorMs).toFixed(1)}`);
}

if (process.env.BENCH_CLI !== '0') {
  console.log('');
  const cli = spawnSync(process.execPath, [path.join(here, 'bench-cli.mjs')], { stdio: 'inherit' });
  if (cli.status !== 0) process.exitCode = cli.status ?? 1;
}
