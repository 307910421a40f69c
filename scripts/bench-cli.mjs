// CLI benchmark (run by `npm run bench`, or alone after `npm run build`): `postmortem check` on 10,000 generated
// postmortems in a temp folder named incidents/, files per second, and the same files through markdownlint-cli2
// (default rules) in the same run. Wall time of whole processes, the way CI runs them.
//   BENCH_CLI_FILES=2000  fewer files;  BENCH_CLI_RUNS=3  runs per tool (median).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSmallPostmortem } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'dist/cli.js');
const markdownlintCli2 = path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

const files = Number(process.env.BENCH_CLI_FILES ?? 10_000);
const runs = Number(process.env.BENCH_CLI_RUNS ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), 'postmortem-bench-cli-'));
const incidents = path.join(dir, 'incidents');
mkdirSync(incidents);
let bytes = 0;
for (let i = 0; i < files; i++) {
  const text = generateSmallPostmortem(i);
  bytes += text.length;
  writeFileSync(path.join(incidents, `incident-${String(i).padStart(5, '0')}.md`), text);
}

function time(command, args) {
  const times = [];
  let status = null;
  let stderr = '';
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    status = result.status;
    stderr = result.stderr;
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], status, stderr };
}

try {
  const ours = time(process.execPath, [cli, 'check', 'incidents', '--format', 'json']);
  if (ours.status === 2) throw new Error(`postmortem check failed: ${ours.stderr.slice(0, 500)}`);
  const theirs = time(process.execPath, [markdownlintCli2, 'incidents/**/*.md']);
  if (theirs.status === 2) throw new Error(`markdownlint-cli2 failed: ${theirs.stderr.slice(0, 500)}`);
  console.log(`cli: ${files} files (${(bytes / 1024 / 1024).toFixed(1)} MB) in incidents/, median of ${runs} runs`);
  console.log(`cli postmortem check:  ${ours.seconds.toFixed(2)} s, ${(files / ours.seconds).toFixed(0)} files/s`);
  console.log(`cli markdownlint-cli2: ${theirs.seconds.toFixed(2)} s, ${(files / theirs.seconds).toFixed(0)} files/s`);
  console.log(`cli-ratio-vs-markdownlint-cli2: ${(ours.seconds / theirs.seconds).toFixed(3)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
