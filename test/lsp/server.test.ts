// The language server as an editor drives it: the bundled dist/server.js over stdio, a real client connection.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, CodeActionResolveRequest, CompletionRequest, createProtocolConnection, DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, DocumentSymbolRequest, ExitNotification, FileChangeType,
  FoldingRangeRequest, HoverRequest, InitializedNotification, InitializeRequest, IPCMessageReader, IPCMessageWriter,
  PublishDiagnosticsNotification, ShutdownRequest, type PublishDiagnosticsParams,
  type CodeAction, type CompletionItem, type Diagnostic, type DocumentSymbol, type MarkupContent,
  type SymbolInformation, type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TimelineRequest } from '../../server/src/protocol';
import { applyEdits, build, CAPABILITIES, seed004WithMismatch, SERVER, TestClient, uriOf } from './client';

const NOW = '2024-05-01T12:34:56Z';
// The rules' diagnostics. Seed 004 follows the incident-report template and these tests check it against `default`,
// so it also gets the template hint (not a rule): test/lsp/config.test.ts covers that one.
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code).filter((code) => code !== 'template-hint');

// Our own Markdown postmortem: PST stamps, an entry out of order, two sections missing, front matter and a fence.
const CHECKOUT = [
  '---', 'title: Checkout outage', 'postmortem: true', '---', '',
  '# Checkout outage', '',
  '## Summary', '',
  'On March 4, 2024 checkout failed for 40 minutes after a deploy.', '',
  'Duration: 25 minutes', '',
  '## Timeline', '',
  '- 2024-03-04 10:20 PST Errors rose at checkout.',
  '- 2024-03-04 10:05 PST Deploy of build 42 started.',
  '- 2024-03-04 10:45 PST Rolled back; checkout recovered.', '',
  '```sh', 'kubectl rollout undo deploy/checkout', '```', '',
].join('\n');

// Time-only entries under a day heading, across midnight.
const NIGHT = ['# Night incident', '', '## Timeline', '', 'All times UTC.', '', '### 2024-03-04', '', '- 23:55 Errors began.', '- 00:10 Rolled back.', ''].join('\n');

function hoverText(value: { contents: unknown } | null): string {
  assert.ok(value, 'a hover');
  return (value.contents as MarkupContent).value;
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;
  const settings = new Map<string, Record<string, unknown>>();

  before(async () => {
    build();
    client = await TestClient.start({
      env: { POSTMORTEM_NOW: NOW },
      settings: (uri) => ({ debounce: 0, ...(uri ? settings.get(uri) : undefined) }),
    });
  });

  after(async () => {
    await client.stop();
  });

  async function resolveEdits(action: CodeAction, uri: string): Promise<TextEdit[]> {
    const resolved = action.edit ? action : await client.connection.sendRequest(CodeActionResolveRequest.type, action);
    const edits = resolved.edit?.changes?.[uri];
    assert.ok(edits?.length, `${action.title} has edits`);
    return edits;
  }

  async function documentActions(uri: string, only?: string[]): Promise<CodeAction[]> {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], only } });
    return (actions ?? []) as CodeAction[];
  }

  it('advertises incremental sync and the code action kinds, and registers for .postmortem.yaml changes', async () => {
    const { capabilities } = client.initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    const kinds = (capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    for (const kind of ['quickfix', 'refactor.rewrite', 'source.fixAll.postmortem', 'source.convertToUtc.postmortem']) assert.ok(kinds.includes(kind), kind);
    const watch = await client.registration('workspace/didChangeWatchedFiles');
    assert.deepEqual(watch.registerOptions, { watchers: [{ globPattern: '**/.postmortem.yaml' }] });
  });

  it('publishes duration-mismatch on line 9 of seed 004 (4h15min) with code, link, source, severity, version and fixes', async () => {
    const uri = uriOf('incidents/004-diagnostics.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    const published = await client.current(uri);
    assert.equal(published.version, 1);
    const mismatch = published.diagnostics.find((diagnostic) => diagnostic.code === 'duration-mismatch');
    assert.ok(mismatch, JSON.stringify(codes(published.diagnostics)));
    assert.equal(mismatch.range.start.line, 8);
    assert.equal(mismatch.severity, 1);
    assert.equal(mismatch.source, 'postmortem');
    assert.equal(mismatch.codeDescription?.href, 'https://github.com/postmortem-studio/postmortem-studio#duration-mismatch');
    const data = mismatch.data as { version: number; fixes: { title: string; edits: TextEdit[] }[] };
    assert.equal(data.version, 1);
    assert.equal(data.fixes[0].edits[0].newText, '4h25min');
    const missing = published.diagnostics.find((diagnostic) => diagnostic.code === 'missing-section');
    assert.equal(missing?.severity, 2);
  });

  it('offers the quick fix of a diagnostic; applying it leaves only missing-section', async () => {
    const uri = uriOf('incidents/004-quickfix.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    const mismatch = (await client.current(uri)).diagnostics.find((diagnostic) => diagnostic.code === 'duration-mismatch')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch], only: ['quickfix'] },
    }) as CodeAction[];
    assert.equal(actions.length, 1);
    const [fix] = actions;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [mismatch]);
    await client.edit(uri, fix.edit!.changes![uri]);
    assert.ok(client.text(uri).includes('Duration of incident: **4h25min**'));
    assert.deepEqual(codes((await client.current(uri)).diagnostics), ['missing-section']);
  });

  it('publishes only the latest version after 10 changes in a row (debounce 150 ms)', async () => {
    await publishesOnlyTheLast(client, settings, uriOf('incidents/004-rapid.txt'), 10);
  });

  it('hovers a stamp: UTC value, zone, date source and time since the impact start', async () => {
    const uri = uriOf('incidents/004-hover.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const first = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 22, character: 5 } }));
    assert.match(first, /2023-06-12 19:19 UTC/);
    assert.match(first, /Zone: UTC, as written/);
    assert.match(first, /Date: as written/);
    assert.match(first, /This is the impact start/);
    const second = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 24, character: 12 } }));
    assert.match(second, /2023-06-12 20:11 UTC/);
    assert.match(second, /52m after the impact start, 19:19 UTC \(line 23/);
  });

  it('hovers a stated duration: the interval it claims, its lines and the computed value', async () => {
    const uri = uriOf('incidents/004-hover-duration.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const text = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 8, character: 26 } }));
    assert.match(text, /\*\*4h15min\*\* \(Duration of incident\) = 255 minutes/);
    assert.match(text, /impact start → end of impact/);
    assert.match(text, /From 19:19 UTC \(line 23, [^)]*\) to 23:44 UTC \(line 33, [^)]*\): 4h25m \(265 minutes\)/);
  });

  it('hovers a duration that claims nothing with its minutes, and an inferred date and a midnight rollover with their lines', async () => {
    const checkout = uriOf('notes/checkout.md');
    await client.open(checkout, CHECKOUT);
    await client.current(checkout);
    const plain = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: checkout }, position: { line: 9, character: 40 } }));
    assert.equal(plain, '`40 minutes` = 40 minutes.');
    const pst = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: checkout }, position: { line: 15, character: 5 } }));
    assert.match(pst, /\*\*2024-03-04 18:20 UTC\*\*/);
    assert.match(pst, /Zone: PST, as written \(America\/Los_Angeles\)/);
    assert.match(pst, /Local time: 2024-03-04 10:20 UTC-08:00/);

    const night = uriOf('incidents/night.md');
    await client.open(night, NIGHT);
    await client.current(night);
    const before = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: night }, position: { line: 8, character: 3 } }));
    assert.match(before, /Date: inferred from line 7/);
    assert.match(before, /Zone: UTC, declared on line 5/);
    const after = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: night }, position: { line: 9, character: 3 } }));
    assert.match(after, /\*\*2024-03-05 00:10 UTC\*\*/);
    assert.match(after, /midnight rollover was assumed/);
  });

  it('completes a stamp for now in the timeline\'s own format on an empty Timeline line', async () => {
    const uri = uriOf('incidents/004-completion.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 23, character: 0 } }) as CompletionItem[];
    const stamp = items[0];
    assert.equal(stamp.label, '[2024-05-01 12:34 UTC]');
    assert.deepEqual(stamp.textEdit, { range: { start: { line: 23, character: 0 }, end: { line: 23, character: 0 } }, newText: '[2024-05-01 12:34 UTC] ' });
  });

  it('completes the missing sections at the start of a line, in the document\'s heading style', async () => {
    const plain = uriOf('incidents/004-sections.txt');
    await client.open(plain, seed004WithMismatch(), 'plaintext');
    await client.current(plain);
    const bare = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: plain }, position: { line: 1, character: 0 } }) as CompletionItem[];
    assert.deepEqual(bare.map((item) => [item.label, (item.textEdit as TextEdit).newText]), [['Root cause', 'Root cause']]);

    const markdown = uriOf('notes/checkout-sections.md');
    await client.open(markdown, CHECKOUT.replace('\n## Timeline', '\nRo\n\n## Timeline'));
    await client.current(markdown);
    const atx = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: markdown }, position: { line: 13, character: 2 } }) as CompletionItem[];
    assert.deepEqual(atx.map((item) => [item.label, (item.textEdit as TextEdit).newText]), [['Root cause', '## Root cause'], ['Action items', '## Action items']]);
    assert.deepEqual((atx[0].textEdit as TextEdit).range, { start: { line: 13, character: 0 }, end: { line: 13, character: 2 } });
  });

  it('completes zone names after a time, UTC first', async () => {
    const uri = uriOf('notes/checkout-zones.md');
    await client.open(uri, CHECKOUT.replace('Duration: 25 minutes', 'Alert fired at 10:20 P'));
    await client.current(uri);
    const items = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 11, character: 22 } }) as CompletionItem[];
    assert.equal(items[0].label, 'UTC');
    assert.ok(items.some((item) => item.label === 'PST'));
    assert.deepEqual((items[0].textEdit as TextEdit).range, { start: { line: 11, character: 21 }, end: { line: 11, character: 22 } });
  });

  it('lists sections as document symbols, with the timeline entries under Timeline', async () => {
    const uri = uriOf('incidents/004-symbols.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['Symptoms', 'Summary', 'Timeline', 'Mitigation strategy', 'Follow-up actions: preventing future failures']);
    const timeline = symbols[2];
    assert.equal(timeline.children?.length, 6);
    assert.match(timeline.children![0].name, /^2023-06-12 19:19 UTC Errors were returned/);
    assert.deepEqual(timeline.children![0].selectionRange, { start: { line: 22, character: 1 }, end: { line: 22, character: 21 } });

    const night = uriOf('incidents/night-symbols.md');
    await client.open(night, NIGHT);
    await client.current(night);
    const [title] = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: night } }) as DocumentSymbol[];
    const day = title.children![0].children![0];
    assert.equal(day.name, '2024-03-04');
    assert.deepEqual(day.children!.map((child) => child.name), ['23:55 Errors began.', '00:10 Rolled back.']);
  });

  it('folds sections, front matter and fenced code', async () => {
    const uri = uriOf('notes/checkout-folding.md');
    await client.open(uri, CHECKOUT);
    await client.current(uri);
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const pairs = ranges!.map((range) => [range.startLine, range.endLine]);
    assert.deepEqual(pairs, [[0, 3], [5, 21], [7, 11], [13, 21], [19, 21]]);
  });

  it('answers postmortem/timeline with the timeline data; null for an unknown URI or malformed params', async () => {
    const uri = uriOf('incidents/004-timeline.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const timeline = await client.connection.sendRequest(TimelineRequest, { uri });
    assert.ok(timeline);
    assert.equal(timeline.entries.length, 6);
    assert.equal(timeline.order, 'ascending');
    assert.equal(timeline.milestones.start?.utc, '2023-06-12T19:19:00.000Z');
    assert.equal(timeline.metrics.impactDuration, 265);
    assert.equal(await client.connection.sendRequest(TimelineRequest, { uri: uriOf('incidents/unknown.txt') }), null);
    assert.equal(await client.connection.sendRequest(TimelineRequest.method, 42), null);
  });

  it('answers the same for a document after other documents were analysed in between (their analyses replace its own)', async () => {
    const uri = uriOf('notes/checkout-revisited.md');
    await client.open(uri, CHECKOUT);
    await client.current(uri);
    const answers = async () => {
      const actions = await documentActions(uri);
      return {
        symbols: await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
        hover: await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 15, character: 5 } }),
        actions,
        fixAll: await resolveEdits(actions.find((action) => action.kind === 'source.fixAll.postmortem')!, uri),
      };
    };
    const before = await answers();
    for (const other of ['incidents/004-between-1.txt', 'incidents/004-between-2.txt']) {
      await client.open(uriOf(other), seed004WithMismatch(), 'plaintext');
      await client.current(uriOf(other));
    }
    assert.deepEqual(await answers(), before);
  });

  it('fixes all in file (source.fixAll.postmortem, resolved lazily) to a document with nothing left to fix', async () => {
    const uri = uriOf('incidents/004-fixall.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const actions = await documentActions(uri, ['source.fixAll']);
    assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all in file', 'source.fixAll.postmortem']]);
    assert.equal(actions[0].edit, undefined);
    const edits = await resolveEdits(actions[0], uri);
    assert.equal(edits.length, 1);
    await client.edit(uri, edits);
    assert.ok(client.text(uri).includes('4h25min'));
    assert.ok(client.text(uri).includes('Root cause\n\nWhy it happened.'));
    assert.deepEqual(codes((await client.current(uri)).diagnostics), []);
  });

  it('sorts the timeline, converts all timestamps to UTC and inserts the missing sections as document actions', async () => {
    const uri = uriOf('notes/checkout-actions.md');
    await client.open(uri, CHECKOUT);
    await client.current(uri);
    const actions = await documentActions(uri);
    const byTitle = (title: string) => {
      const action = actions.find((candidate) => candidate.title === title);
      assert.ok(action, `${title} in ${actions.map((candidate) => candidate.title).join(', ')}`);
      return action;
    };
    assert.equal(byTitle('Sort timeline').kind, 'refactor.rewrite');
    assert.equal(byTitle('Convert all timestamps to UTC').kind, 'source.convertToUtc.postmortem');
    assert.equal(byTitle('Insert missing sections').kind, 'source.insertMissingSections.postmortem');

    await client.edit(uri, await resolveEdits(byTitle('Sort timeline'), uri));
    let remaining = codes((await client.current(uri)).diagnostics);
    assert.ok(!remaining.includes('timeline-order'), remaining.join());
    assert.match(client.text(uri), /10:05 PST Deploy[^\n]*\n- 2024-03-04 10:20 PST Errors/);

    const [utc] = (await documentActions(uri, ['source.convertToUtc'])).filter((action) => action.title === 'Convert all timestamps to UTC');
    await client.edit(uri, await resolveEdits(utc, uri));
    remaining = codes((await client.current(uri)).diagnostics);
    assert.ok(!remaining.includes('timestamp-not-utc'), remaining.join());
    assert.match(client.text(uri), /- 2024-03-04 18:05 UTC Deploy/);

    const [sections] = await documentActions(uri, ['source.insertMissingSections.postmortem']);
    await client.edit(uri, await resolveEdits(sections, uri));
    remaining = codes((await client.current(uri)).diagnostics);
    assert.deepEqual(remaining, []);
    assert.match(client.text(uri), /## Root cause\n\nWhy it happened\.\n[\s\S]*## Action items\n/);
  });

  it('offers no quick fix for a diagnostic of an older version', async () => {
    const uri = uriOf('incidents/004-stale.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    const mismatch = (await client.current(uri)).diagnostics.find((diagnostic) => diagnostic.code === 'duration-mismatch')!;
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch], only: ['quickfix'] },
    });
    assert.deepEqual(actions, []);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = uriOf('incidents/004-close.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    assert.ok((await client.current(uri)).diagnostics.length > 0);
    const cleared = client.next(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('gives no diagnostics to a file that is not a postmortem, nor to other languages; front matter makes one a postmortem', async () => {
    const readme = uriOf('notes/readme.md');
    await client.open(readme, '# Notes\n\nAt 10:00 PST we met. Duration: 4h15min\n');
    assert.deepEqual((await client.current(readme)).diagnostics, []);
    const json = uriOf('incidents/data.json');
    await client.open(json, '{"at": "10:00 PST"}\n', 'json');
    assert.deepEqual((await client.current(json)).diagnostics, []);
    const declared = uriOf('notes/retro.md');
    await client.open(declared, '---\npostmortem: true\n---\n\n# Retro\n\nAt 10:00 PST we met.\n');
    assert.ok(codes((await client.current(declared)).diagnostics).includes('missing-section'));
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: readme } }), []);
  });

  it('re-reads settings on didChangeConfiguration and re-validates on a .postmortem.yaml change', async () => {
    const uri = uriOf('incidents/004-settings.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    assert.ok(codes((await client.current(uri)).diagnostics).includes('duration-mismatch'));
    settings.set(uri, { rules: { 'duration-mismatch': 'off', 'missing-section': 'error' } });
    const reconfigured = client.next(uri);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const after = (await reconfigured).diagnostics;
    assert.deepEqual(codes(after), ['missing-section']);
    assert.equal(after[0].severity, 1);
    const revalidated = client.next(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('.postmortem.yaml'), type: FileChangeType.Changed }] });
    assert.deepEqual(codes((await revalidated).diagnostics), ['missing-section']);
  });

  it('answers malformed params with null and unknown documents with empty results', async () => {
    const unknown = { textDocument: { uri: uriOf('incidents/never-opened.md') }, position: { line: 0, character: 0 } };
    assert.equal(await client.connection.sendRequest(HoverRequest.method, { position: 'nowhere' }), null);
    assert.equal(await client.connection.sendRequest(CompletionRequest.method, { textDocument: 5 }), null);
    assert.equal(await client.connection.sendRequest(CodeActionRequest.method, { textDocument: {} }), null);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, unknown), null);
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, unknown), []);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, unknown), []);
    assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, unknown), []);
    // Documents no editor would send: text that is not a string, a change with impossible positions.
    const broken = uriOf('incidents/broken.md');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.method, { textDocument: { uri: broken, languageId: 'markdown', version: 1, text: 42 } });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.method, {
      textDocument: { uri: broken, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: -1, character: 0 } }, text: 'x' }],
    });
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: broken }, position: { line: 0, character: 0 } }), null);
    assert.ok(client.alive);
  });
});

describe('language server with a rule that throws', function () {
  this.timeout(30_000);
  let client: TestClient;
  const { resolveSupport: _resolve, ...codeAction } = CAPABILITIES.textDocument!.codeAction!;

  before(async () => {
    build();
    client = await TestClient.start({
      env: { POSTMORTEM_TEST_CRASH_RULE: 'duration-mismatch' },
      // No lazy code actions, no hierarchical symbols: the paths for simpler clients.
      capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, codeAction, documentSymbol: {} } },
      settings: (uri) => (uri?.includes('bad-settings') ? { debounce: -5, template: 'nope', rules: { 'no-such-rule': 'error' } } : { debounce: 0 }),
    });
  });

  after(async () => {
    await client.stop();
  });

  it('still publishes the other rules\' diagnostics, logs the failure once and stays alive', async () => {
    const uri = uriOf('incidents/004-crash.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    assert.deepEqual(codes((await client.current(uri)).diagnostics), ['missing-section']);
    await client.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    assert.deepEqual(codes((await client.current(uri)).diagnostics), ['missing-section']);
    const logged = client.logs.filter((log) => log.message.includes('duration-mismatch'));
    assert.equal(logged.length, 1, JSON.stringify(client.logs));
    assert.match(logged[0].message, /Rule duration-mismatch \(PM013\) failed and was skipped/);
    assert.ok(client.alive);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as SymbolInformation[];
    assert.ok(symbols.some((symbol) => symbol.containerName === 'Timeline'), 'flat symbols for a client without hierarchy');
  });

  it('computes document-wide edits at once for a client that cannot resolve code actions', async () => {
    const uri = uriOf('incidents/004-eager.txt');
    await client.open(uri, seed004WithMismatch(), 'plaintext');
    await client.current(uri);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [fixAll] = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } }) as CodeAction[];
    const edits = fixAll.edit?.changes?.[uri];
    assert.ok(edits);
    assert.match(applyEdits(client.text(uri), edits), /Root cause\n\nWhy it happened\./);
  });

  it('falls back to the defaults for invalid settings with one warning', async () => {
    const first = uriOf('incidents/bad-settings-1.txt');
    const second = uriOf('incidents/bad-settings-2.txt');
    await client.open(first, seed004WithMismatch(), 'plaintext');
    await client.open(second, seed004WithMismatch(), 'plaintext');
    assert.deepEqual(codes((await client.current(first)).diagnostics), ['missing-section']);
    await client.current(second);
    const warnings = client.logs.filter((log) => log.message.startsWith('Invalid postmortem settings'));
    assert.equal(warnings.length, 1, JSON.stringify(client.logs));
    for (const name of ['postmortem.debounce', 'postmortem.template', 'postmortem.rules.no-such-rule']) assert.ok(warnings[0].message.includes(name), name);
  });
});

describe('language server over node IPC (how VS Code starts it)', function () {
  this.timeout(30_000);

  it('initializes and publishes diagnostics', async () => {
    build();
    const child = fork(SERVER, ['--node-ipc'], { silent: true });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const uri = uriOf('incidents/004-ipc.txt');
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
    connection.listen();
    const { capabilities } = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(''), capabilities: {} });
    assert.ok(capabilities.hoverProvider);
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text: seed004WithMismatch() } });
    assert.ok(codes((await published).diagnostics).includes('duration-mismatch'));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    connection.dispose();
  });
});

describe('language server with a .postmortem.yaml that is a folder', function () {
  this.timeout(30_000);
  let workspace: string;
  let client: TestClient;
  const settings = new Map<string, Record<string, unknown>>();
  const uri = (relative: string) => pathToFileURL(path.join(workspace, relative)).href;

  before(async () => {
    build();
    workspace = realpathSync(mkdtempSync(path.join(tmpdir(), 'postmortem-lsp-folder-config-')));
    mkdirSync(path.join(workspace, 'incidents/.postmortem.yaml'), { recursive: true });
    mkdirSync(path.join(workspace, 'postmortems'), { recursive: true });
    client = await TestClient.start({ workspace, settings: (scope) => ({ debounce: 0, ...(scope ? settings.get(scope) : undefined) }) });
  });

  after(async () => {
    await client?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('falls back to the defaults and stays alive, also when the folder is reported as a changed config', async () => {
    const doc = uri('incidents/004.txt');
    const control = uri('postmortems/004.txt');
    await client.open(doc, seed004WithMismatch(), 'plaintext');
    await client.open(control, seed004WithMismatch(), 'plaintext');
    const published = await client.current(doc);
    const expected = (await client.current(control)).diagnostics.map((diagnostic) => diagnostic.code);
    assert.ok(expected.includes('duration-mismatch'), JSON.stringify(expected));
    assert.deepEqual(published.diagnostics.map((diagnostic) => diagnostic.code), expected);

    const next = client.next(doc);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri('incidents/.postmortem.yaml'), type: FileChangeType.Created }],
    });
    await client.edit(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    await next;
    assert.deepEqual((await client.current(doc)).diagnostics.map((diagnostic) => diagnostic.code), expected);
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc } });
    assert.ok(client.alive, client.stderr);
  });

  it('publishes only the final version after a burst of 100 changes (debounce 150 ms)', async () => {
    await publishesOnlyTheLast(client, settings, uri('incidents/burst.txt'), 100);
  });
});

/** Types `count` characters in a row with a 150 ms debounce: only the last version is published, and it is right. */
async function publishesOnlyTheLast(client: TestClient, settings: Map<string, Record<string, unknown>>, doc: string, count: number): Promise<void> {
  settings.set(doc, { debounce: 150 });
  await client.open(doc, seed004WithMismatch(), 'plaintext');
  await client.current(doc);
  const before = client.published.length;
  const insert = { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'x' };
  for (let i = 0; i < count; i++) await client.edit(doc, [insert]);
  assert.equal(client.version(doc), count + 1);
  const latest = await client.current(doc);
  assert.ok(latest.diagnostics.some((diagnostic) => diagnostic.code === 'duration-mismatch'));
  // Past another debounce, then a request answered after anything the server sent before it.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc } });
  const versions = client.published.slice(before).filter((params) => params.uri === doc).map((params) => params.version);
  assert.deepEqual(versions, [count + 1]);
  assert.ok(client.alive, client.stderr);
}
