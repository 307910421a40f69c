// Language server benchmarks over stdio against the bundled dist/server.js (`npm run build && node scripts/bench-lsp.mjs`):
// - latency from a didChange to the publishDiagnostics for that version (debounce 0), at 2,000 and 10,000 lines:
//   the first edits after opening (the engine's code is still being compiled: V8 optimises it as it runs), then
//   the same number of edits again once typing has gone on (steady state);
// - a burst of 100 back-to-back didChanges with the default debounce (150 ms): which versions get published;
// - server RSS after opening 50 different 2,000-line documents and receiving all their diagnostics.
// One line per number. Optional: `node scripts/bench-lsp.mjs [edits]` (default 40 edits per size and phase).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';
import { generatePostmortem } from './generate.mjs';

const {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  DocumentSymbolRequest, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} = protocol;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const edits = Number(process.argv[2] ?? 40);
const TARGET_P95_MS = 20;
const TARGET_RSS_MB = 150;

const bundle = path.join(root, 'dist/server.js');
if (!existsSync(bundle)) {
  console.error('dist/server.js is missing: run `npm run build` first.');
  process.exit(2);
}
const workspace = path.join(root, 'bench-workspace');
const uriOf = (name) => pathToFileURL(path.join(workspace, 'incidents', name)).href;

/** A server with `debounce` for every document; `published(uri, version)` resolves on that publish. */
async function startServer(debounce) {
  const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const log = [];
  const waiting = new Map();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    log.push(params);
    const key = `${params.uri}#${params.version}`;
    waiting.get(key)?.(params);
    waiting.delete(key);
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
  return { child, connection, log, published, open, stop };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

function report(label, times, target) {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = quantile(sorted, 0.95);
  console.log(`${label}: didChange → publish median ${quantile(sorted, 0.5).toFixed(1)} ms (${times.length} edits, debounce 0)`);
  console.log(`${label}: didChange → publish p95 ${p95.toFixed(1)} ms${target ? ` (target ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'ok' : 'OVER'})` : ''}`);
  console.log(`${label}: didChange → publish max ${sorted[sorted.length - 1].toFixed(1)} ms`);
}

/**
 * Typing one character at the end of lines spread over the document, waiting for each version's publish: `edits`
 * right after opening, then `edits` more after another `edits` (typing goes on, the engine's code is optimised).
 */
async function latency(lines) {
  const server = await startServer(0);
  const uri = uriOf(`latency-${lines}.md`);
  const textLines = generatePostmortem(lines).split('\n');
  let started = performance.now();
  await server.open(uri, textLines.join('\n'));
  const opened = await server.published(uri, 1);
  const open = performance.now() - started;
  const times = [];
  const total = 3 * edits;
  for (let i = 0; i < total; i++) {
    const version = i + 2;
    const line = 20 + Math.floor((i * (textLines.length - 40)) / total);
    const position = { line, character: textLines[line].length };
    textLines[line] += 'x';
    const done = server.published(uri, version);
    started = performance.now();
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
    });
    await done;
    times.push(performance.now() - started);
  }
  await server.stop();
  console.log(`lsp ${lines} lines: open → publish ${open.toFixed(1)} ms (${opened.diagnostics.length} diagnostics)`);
  report(`lsp ${lines} lines`, times.slice(0, edits), lines === 2000);
  report(`lsp ${lines} lines, steady`, times.slice(2 * edits), lines === 2000);
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
