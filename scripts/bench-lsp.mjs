// Language server latency: time from a didChange to the publishDiagnostics for that version, on a generated
// 2,000-line postmortem with debounce 0. `npm run build && node scripts/bench-lsp.mjs [lines] [edits]`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node';
import { generatePostmortem } from './generate.mjs';

const {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
  ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
  StreamMessageReader, StreamMessageWriter,
} = protocol;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lines = Number(process.argv[2] ?? 2000);
const edits = Number(process.argv[3] ?? 50);

const bundle = path.join(root, 'dist/server.js');
if (!existsSync(bundle)) {
  console.error('dist/server.js is missing: run `npm run build` first.');
  process.exit(2);
}
const server = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));

const waiting = new Map();
let findings = 0;
connection.onNotification(PublishDiagnosticsNotification.type, ({ version, diagnostics }) => {
  findings = diagnostics.length;
  waiting.get(version)?.();
});
connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ debounce: 0 })));
connection.listen();
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

const workspace = path.join(root, 'bench-workspace');
await connection.sendRequest(InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(workspace).href,
  workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
  capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
});
await connection.sendNotification(InitializedNotification.type, {});

const uri = pathToFileURL(path.join(workspace, 'incidents/generated.md')).href;
const text = generatePostmortem(lines);
const textLines = text.split('\n');
let started = performance.now();
let done = published(1);
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
await done;
const open = performance.now() - started;

// Typing at the end of timeline entries spread over the document, one character per change.
const times = [];
for (let i = 0; i < edits; i++) {
  const version = i + 2;
  const line = 20 + Math.floor((i * (textLines.length - 40)) / edits);
  const position = { line, character: textLines[line].length };
  textLines[line] += 'x';
  done = published(version);
  started = performance.now();
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
  });
  await done;
  times.push(performance.now() - started);
}

await connection.sendRequest(ShutdownRequest.type);
await connection.sendNotification(ExitNotification.type);
connection.dispose();

times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
console.log(`lsp ${lines}-line postmortem (${findings} diagnostics), debounce 0, ${edits} didChange edits:`);
console.log(`  open → publish          ${open.toFixed(1)} ms`);
console.log(`  didChange → publish     median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
