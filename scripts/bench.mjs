// Engine benchmark: median lint time per document size and how it grows. `npm run bench`.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePostmortem } from './generate.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'postmortem-bench-'));
const outfile = path.join(dir, 'core.cjs');
await esbuild.build({ entryPoints: ['server/src/core/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile, minify: true, logLevel: 'warning' });
const { lint } = createRequire(import.meta.url)(outfile);
rmSync(dir, { recursive: true, force: true });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(text, runs) {
  for (let i = 0; i < 3; i++) lint(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    lint(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const sizes = [100, 1_000, 10_000, 100_000];
const results = [];
for (const lines of sizes) {
  const text = generatePostmortem(lines);
  const runs = lines >= 100_000 ? 5 : lines >= 10_000 ? 15 : 41;
  const ms = measure(text, runs);
  results.push({ lines, ms });
  console.log(`engine lint ${String(lines).padStart(7)} lines: median ${ms.toFixed(2)} ms (${lint(text).length} findings)`);
}
for (let i = 1; i < results.length; i++) {
  console.log(`growth ${results[i - 1].lines} → ${results[i].lines} lines: ×${(results[i].ms / results[i - 1].ms).toFixed(1)} time for ×10 lines`);
}
