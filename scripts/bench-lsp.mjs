// Language server benchmarks over stdio against the bundled dist/server.js (`npm run build && node scripts/bench-lsp.mjs`),
// started with the node flags the VS Code client passes (SERVER_EXEC_ARGV in client/src/server.ts):
// - latency from a didChange to the publishDiagnostics for that version (debounce 0), at 2,000 and 10,000 lines:
//   the first edits right after opening (the engine's code is still being compiled: V8 optimises it as it runs),
//   the first edits after the server was left idle for 1.5 s after opening (someone reads before typing; the server
//   warms the engine up meanwhile, see server/src/lsp/warmup.ts), and the same number of edits again once typing
//   has gone on (steady state);
// - a burst of 100 back-to-back didChanges with the default debounce (150 ms): which versions get published;
// - server RSS idle (once the warm-up is over) and after opening 50 different 2,000-line documents and receiving all
//   their diagnostics.
// On Linux each latency also comes with the server's main-thread CPU time per edit (from /proc), which other load on
// the machine barely changes: wall times on a busy machine vary several-fold from run to run.
// One line per number. Optional: `node scripts/bench-lsp.mjs [edits] [--server=BUNDLE] [--node-flag=FLAG…]`: 40 edits
// per size and phase by default; another bundle (a baseline, say) instead of dist/server.js; node flags added to
// SERVER_EXEC_ARGV.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';
import { generatePostmortem } from './generate.mjs';

const {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  DocumentSymbolRequest, ExitNotification, InitializedNotification, InitializeRequest, LogMessageNotification,
  PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} = protocol;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const edits = Number(args.find((arg) => !arg.startsWith('--')) ?? 40);
const option = (name) => args.filter((arg) => arg.startsWith(`--${name}=`)).map((arg) => arg.slice(name.length + 3));
const TARGET_P95_MS = 20;
const TARGET_RSS_MB = 150;
const IDLE_MS = 1500;

const bundle = path.resolve(option('server').at(-1) ?? path.join(root, 'dist/server.js'));
if (!existsSync(bundle)) {
  console.error(`${path.relative(root, bundle)} is missing: run \`npm run build\` first.`);
  process.exit(2);
}

/** The flags the VS Code client starts the server with: its SERVER_EXEC_ARGV, an array of string literals. */
function serverExecArgv() {
  const source = readFileSync(path.join(root, 'client/src/server.ts'), 'utf8');
  const literal = /^export const SERVER_EXEC_ARGV = (\[[^\]]*\]);$/m.exec(source);
  if (!literal) throw new Error('client/src/server.ts no longer declares SERVER_EXEC_ARGV as an array of string literals');
  return JSON.parse(literal[1].replace(/'/g, '"'));
}

const execArgv = [...serverExecArgv(), ...option('node-flag')];
const workspace = path.join(root, 'bench-workspace');
const uriOf = (name) => pathToFileURL(path.join(workspace, 'incidents', name)).href;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server with `debounce` for every document; `published(uri, version)` resolves on that publish, `warmupEnded` on
 * the end of the server's warm-up (its debug log line), with the time it came.
 */
async function startServer(debounce) {
  const child = spawn(process.execPath, [...execArgv, bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const log = [];
  const waiting = new Map();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    log.push(params);
    const key = `${params.uri}#${params.version}`;
    waiting.get(key)?.(params);
    waiting.delete(key);
  });
  let warmupEnd;
  const warmupEnded = new Promise((resolve) => { warmupEnd = resolve; });
  connection.onNotification(LogMessageNotification.type, ({ message }) => {
    if (/^Warm-up (?:over|stopped)/.test(message)) warmupEnd({ at: performance.now(), message });
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ debounce })));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const published = (uri, version) => {
    const found = log.find((params) => params.uri === uri && params.version === version);
    return found ? Promise.resolve(found) : new Promise((resolve) => waiting.set(`${uri}#${version}`, resolve));
  };
  const open = (uri, text, version = 1) =>
    connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await exited;
    connection.dispose();
  };
  return { child, connection, log, published, open, stop, warmupEnded };
}

/** Milliseconds the server's main thread has run (Linux with scheduler statistics), else undefined. */
function mainThreadCpu(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** `measured`: per edit, `time` (didChange → publish) and `cpu` (the server's main-thread CPU meanwhile, or undefined). */
function report(label, measured, target) {
  const sorted = measured.map((edit) => edit.time).sort((a, b) => a - b);
  const p95 = quantile(sorted, 0.95);
  console.log(`${label}: didChange → publish median ${quantile(sorted, 0.5).toFixed(1)} ms (${measured.length} edits, debounce 0)`);
  console.log(`${label}: didChange → publish p95 ${p95.toFixed(1)} ms${target ? ` (target ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'ok' : 'OVER'})` : ''}`);
  console.log(`${label}: didChange → publish max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  if (measured.some((edit) => edit.cpu === undefined)) return;
  const cpu = measured.map((edit) => edit.cpu).sort((a, b) => a - b);
  console.log(`${label}: server main-thread CPU per edit median ${quantile(cpu, 0.5).toFixed(1)} ms`);
  console.log(`${label}: server main-thread CPU per edit p95 ${quantile(cpu, 0.95).toFixed(1)} ms`);
}

/** Opens a generated document of `lines` lines and waits for its diagnostics. */
async function openDocument(server, lines) {
  const uri = uriOf(`latency-${lines}.md`);
  const textLines = generatePostmortem(lines).split('\n');
  const started = performance.now();
  await server.open(uri, textLines.join('\n'));
  const { diagnostics } = await server.published(uri, 1);
  const publishedAt = performance.now();
  return { uri, textLines, version: 1, publishedAt, open: publishedAt - started, diagnostics: diagnostics.length };
}

/**
 * Types `count` characters, one at the end of lines spread over the document, waiting for each version's publish;
 * returns each edit's time and the server's main-thread CPU meanwhile.
 */
async function type(server, document, count) {
  const { uri, textLines } = document;
  const measured = [];
  for (let i = 0; i < count; i++) {
    const version = ++document.version;
    const line = 20 + Math.floor((i * (textLines.length - 40)) / count);
    const position = { line, character: textLines[line].length };
    textLines[line] += 'x';
    const done = server.published(uri, version);
    const cpuBefore = mainThreadCpu(server.child.pid);
    const started = performance.now();
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
    });
    await done;
    const time = performance.now() - started;
    const cpuAfter = mainThreadCpu(server.child.pid);
    measured.push({ time, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore });
  }
  return measured;
}

/** `promise`'s value, or undefined once `ms` have passed. */
function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `edits` edits right after opening, then `edits` more after another `edits` (typing goes on, the engine's code is
 * optimised); and on a second server, `edits` edits after leaving it idle for IDLE_MS once the document's
 * diagnostics came.
 */
async function latency(lines) {
  const server = await startServer(0);
  const opened = await openDocument(server, lines);
  const typed = await type(server, opened, 3 * edits);
  await server.stop();

  const idleServer = await startServer(0);
  const document = await openDocument(idleServer, lines);
  await sleep(IDLE_MS);
  const warmup = await within(idleServer.warmupEnded, 0);
  const afterIdle = await type(idleServer, document, edits);
  await idleServer.stop();

  const idleLabel = `lsp ${lines} lines, after ${IDLE_MS / 1000} s idle`;
  console.log(`lsp ${lines} lines: open → publish ${opened.open.toFixed(1)} ms (${opened.diagnostics} diagnostics)`);
  report(`lsp ${lines} lines`, typed.slice(0, edits), lines === 2000);
  report(idleLabel, afterIdle, lines === 2000);
  console.log(`${idleLabel}: ${warmup ? `warm-up over ${(warmup.at - document.publishedAt).toFixed(0)} ms after the open's publish (${warmup.message})` : 'warm-up not over when typing started'}`);
  report(`lsp ${lines} lines, steady`, typed.slice(2 * edits), lines === 2000);
}

/** 100 didChanges back to back with the default debounce: only the last version should be published. */
async function burst() {
  const server = await startServer(150);
  const uri = uriOf('burst.md');
  const text = generatePostmortem(2000);
  await server.open(uri, text);
  await server.published(uri, 1);
  const before = server.log.length;
  const position = { line: 20, character: 0 };
  const count = 100;
  for (let i = 0; i < count; i++) {
    // Not awaited one by one: queued back to back.
    void server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
    });
  }
  const started = performance.now();
  await server.published(uri, count + 1);
  const settled = performance.now() - started;
  // Anything else the server would publish for the burst: wait past another debounce, then a round trip.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  const versions = server.log.slice(before).filter((params) => params.uri === uri).map((params) => params.version);
  await server.stop();
  const ok = versions.length === 1 && versions[0] === count + 1;
  console.log(`lsp burst: ${count} didChanges (debounce 150 ms) → ${versions.length} publish(es) ${ok ? 'ok' : 'UNEXPECTED'}`);
  console.log(`lsp burst: versions published [${versions.join(', ')}] (last sent ${count + 1})`);
  console.log(`lsp burst: last didChange sent → publish ${settled.toFixed(1)} ms`);
}

/** Resident memory of the server after 50 different 2,000-line documents are open and checked. */
async function memory() {
  const server = await startServer(0);
  const count = 50;
  const rss = () => {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  };
  // What an idle server holds: its warm-up has run.
  await within(server.warmupEnded, 3 * IDLE_MS);
  const idle = rss();
  const pending = [];
  for (let i = 0; i < count; i++) {
    const uri = uriOf(`memory-${i}.md`);
    await server.open(uri, generatePostmortem(2000, 1000 + i));
    pending.push(server.published(uri, 1));
  }
  await Promise.all(pending);
  const loaded = rss();
  await server.stop();
  console.log(`lsp memory: server RSS idle ${idle.toFixed(1)} MB`);
  console.log(`lsp memory: server RSS with ${count} open 2,000-line documents ${loaded.toFixed(1)} MB (target ≤ ${TARGET_RSS_MB} MB: ${loaded <= TARGET_RSS_MB ? 'ok' : 'OVER'})`);
}

if (process.platform !== 'linux') console.log('lsp memory: skipped (reads /proc/<pid>/status)');
await latency(2000);
await latency(10000);
await burst();
if (process.platform === 'linux') await memory();
