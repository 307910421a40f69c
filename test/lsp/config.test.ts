// `.postmortem.yaml` in the language server: the template, rules and files it sets, its mistakes as diagnostics in
// the YAML file (from disk and from the open buffer), file watching, and the template hint for documents no config
// covers. One workspace on disk, a folder per case, each with its own config (the lookup stops at the workspace).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType,
  type CodeAction, type CreateFile, type Diagnostic, type PublishDiagnosticsParams, type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { build, CAPABILITIES, seed, seed004WithMismatch, TestClient } from './client';

const SEED_004 = '004_b6c1c1b3363144e9.txt';
const HINT = 'Closest built-in template: incident-report (5/5 sections). Add a .postmortem.yaml with `extends: incident-report` to check against it.';
const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.code);
const lines = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => diagnostic.range.start.line);

// Two mistakes: a value not among the allowed ones (line 2), a severity that is not one (line 4).
const BROKEN = 'extends: incident-report\norder: strickt\nrules:\n  timestamp-not-utc: err\n';

// Applies the workspace edit files can be created with.
const WITH_CREATE_FILES = { ...CAPABILITIES, workspace: { ...CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } } };

describe('language server with .postmortem.yaml', function () {
  this.timeout(30_000);
  let workspace: string;
  let client: TestClient;
  const settings = new Map<string, Record<string, unknown>>();

  const file = (relative: string, text: string) => {
    const target = path.join(workspace, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    return target;
  };
  const uri = (relative: string) => pathToFileURL(path.join(workspace, relative)).href;
  const watched = (relative: string, type: FileChangeType) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(relative), type }] });
  const warningsAbout = (relative: string) => client.logs.filter((log) => log.type === 2 && log.message.includes(path.join(workspace, relative)));

  before(async () => {
    build();
    workspace = realpathSync(mkdtempSync(path.join(tmpdir(), 'postmortem-lsp-config-')));
    client = await TestClient.start({
      workspace,
      capabilities: WITH_CREATE_FILES,
      settings: (scope) => ({ debounce: 0, ...(scope ? settings.get(scope) : undefined) }),
    });
  });

  after(async () => {
    await client?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('checks against the config\'s template: seed 004 with `extends: incident-report` has exactly one section-order', async () => {
    file('team/.postmortem.yaml', 'extends: incident-report\n');
    const doc = uri('team/incidents/004.txt');
    await client.open(doc, seed(SEED_004), 'plaintext');
    const published = await client.current(doc);
    assert.deepEqual(codes(published), ['section-order']);
    assert.match(String(published.diagnostics[0].message), /incident-report template's order/);
  });

  it('reports a broken config in the YAML file at the right lines, checks with the defaults, warns once, and clears once fixed on disk', async () => {
    file('broken/.postmortem.yaml', BROKEN);
    const yaml = uri('broken/.postmortem.yaml');
    const first = uri('broken/incidents/004.txt');
    const second = uri('broken/incidents/004-again.txt');
    await client.open(first, seed(SEED_004), 'plaintext');
    await client.open(second, seed(SEED_004), 'plaintext');

    const problems = await client.diagnostics(yaml, (params) => params.diagnostics.length > 0);
    assert.deepEqual(lines(problems), [1, 3]);
    assert.deepEqual(problems.diagnostics.map((diagnostic) => [diagnostic.source, diagnostic.code, diagnostic.severity]), [['postmortem', 'config', 1], ['postmortem', 'config', 1]]);
    assert.deepEqual(problems.diagnostics[0].range, { start: { line: 1, character: 7 }, end: { line: 1, character: 14 } });
    assert.equal(problems.diagnostics[0].message, 'order: expected one of strict, any');
    assert.match(String(problems.diagnostics[1].message), /^rules\.timestamp-not-utc: expected one of error, warning/);

    // The documents are still checked, with the default template: Root cause is missing; no template hint (a config applies).
    for (const doc of [first, second]) {
      const published = await client.current(doc);
      assert.deepEqual(codes(published), ['missing-section']);
      assert.match(String(published.diagnostics[0].message), /"Root cause"/);
    }
    assert.equal(warningsAbout('broken/.postmortem.yaml').length, 1, JSON.stringify(client.logs));

    // Fixed on disk: the watcher's event clears the YAML's diagnostics and re-validates with the template.
    file('broken/.postmortem.yaml', 'extends: incident-report\norder: strict\n');
    const cleared = client.next(yaml);
    const revalidated = client.next(first);
    await watched('broken/.postmortem.yaml', FileChangeType.Changed);
    assert.deepEqual((await cleared).diagnostics, []);
    assert.deepEqual(codes(await revalidated), ['section-order']);
    assert.equal(warningsAbout('broken/.postmortem.yaml').length, 1, 'no more warnings');
  });

  it('clears the problems of a deleted config and checks its documents without it', async () => {
    file('deleted/.postmortem.yaml', BROKEN);
    const yaml = uri('deleted/.postmortem.yaml');
    const doc = uri('deleted/incidents/004.txt');
    await client.open(doc, seed(SEED_004), 'plaintext');
    assert.deepEqual(lines(await client.diagnostics(yaml, (params) => params.diagnostics.length > 0)), [1, 3]);
    await client.current(doc);
    rmSync(path.join(workspace, 'deleted/.postmortem.yaml'));
    const cleared = client.next(yaml);
    const revalidated = client.next(doc);
    await watched('deleted/.postmortem.yaml', FileChangeType.Deleted);
    assert.deepEqual((await cleared).diagnostics, []);
    // No config now: the default template, and the hint that incident-report fits.
    assert.deepEqual(codes(await revalidated), ['missing-section', 'template-hint']);
  });

  it('validates an open .postmortem.yaml as it is typed, and the file on disk again once it is closed', async () => {
    const text = 'extends: incident-report\nrules:\n  placeholder-text: error\n';
    file('live/.postmortem.yaml', text);
    const yaml = uri('live/.postmortem.yaml');
    await client.open(yaml, text, 'yaml');
    const typo = { start: { line: 2, character: 14 }, end: { line: 2, character: 18 } };
    const broken = client.next(yaml);
    await client.edit(yaml, [{ range: typo, newText: 'txt' }]);
    const live = await broken;
    assert.deepEqual(live.diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.code, diagnostic.message]), [
      [{ start: { line: 2, character: 2 }, end: { line: 2, character: 17 } }, 'config', 'rules.placeholder-txt: unknown rule (did you mean "placeholder-text"?)'],
    ]);
    // Mistakes in a buffer are not logged: that would be one warning per keystroke.
    assert.equal(warningsAbout('live/.postmortem.yaml').length, 0);

    const fixed = client.next(yaml);
    await client.edit(yaml, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 17 } }, newText: 'text' }]);
    assert.deepEqual((await fixed).diagnostics, []);
    assert.equal(client.text(yaml), text);

    // Broken again, then closed unsaved: the file on disk is fine.
    const again = client.next(yaml);
    await client.edit(yaml, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'nmae: x\n' }]);
    assert.deepEqual(lines(await again), [0]);
    const closed = client.next(yaml);
    await client.close(yaml);
    assert.deepEqual((await closed).diagnostics, []);
    assert.ok(!client.published.some((params) => params.uri === yaml && params.diagnostics.some((diagnostic) => diagnostic.code !== 'config')), 'never checked as a postmortem');
  });

  it('checks only the files the config\'s `files:` lists', async () => {
    file('files/.postmortem.yaml', 'extends: incident-report\nfiles: ["reports/**/*.txt"]\n');
    const excluded = uri('files/incidents/004.txt');
    const listed = uri('files/reports/2023/004.txt');
    await client.open(excluded, seed(SEED_004), 'plaintext');
    await client.open(listed, seed(SEED_004), 'plaintext');
    assert.deepEqual((await client.current(excluded)).diagnostics, [], 'the default globs match incidents/, `files:` does not');
    assert.deepEqual(codes(await client.current(listed)), ['section-order']);
    // Front matter still makes any file a postmortem.
    const declared = uri('files/notes/retro.md');
    await client.open(declared, '---\npostmortem: true\n---\n\n# Retro\n\nAt 10:00 PST we met.\n');
    assert.ok(codes(await client.current(declared)).includes('missing-section'));
  });

  it('hints at the closest built-in template when nothing chose one, with a quick fix that creates the .postmortem.yaml', async () => {
    const doc = uri('hint/incidents/004.txt');
    await client.open(doc, seed(SEED_004), 'plaintext');
    const published = await client.current(doc);
    assert.deepEqual(codes(published), ['missing-section', 'template-hint']);
    const hint = published.diagnostics.find((diagnostic) => diagnostic.code === 'template-hint')!;
    assert.equal(hint.message, HINT);
    assert.equal(hint.severity, 3);
    assert.equal(hint.source, 'postmortem');
    assert.equal(hint.range.start.line, 0);
    assert.equal(hint.range.end.line, 0);

    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc }, range: hint.range, context: { diagnostics: [hint], only: ['quickfix'] },
    }) as CodeAction[];
    assert.deepEqual(actions.map((action) => action.title), ['Create .postmortem.yaml with extends: incident-report']);
    const config = uri('hint/incidents/.postmortem.yaml');
    const [create, insert] = actions[0].edit!.documentChanges as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: config, options: { overwrite: false, ignoreIfExists: false } });
    assert.equal(insert.textDocument.uri, config);
    assert.deepEqual(insert.edits.map((edit) => 'newText' in edit && edit.newText), ['extends: incident-report\n']);

    // Applied as an editor would (create, insert, save): the watcher's event re-validates with the template.
    file('hint/incidents/.postmortem.yaml', 'extends: incident-report\n');
    const revalidated = client.next(doc);
    await watched('hint/incidents/.postmortem.yaml', FileChangeType.Created);
    assert.deepEqual(codes(await revalidated), ['section-order']);
    assert.equal(readFileSync(path.join(workspace, 'hint/incidents/.postmortem.yaml'), 'utf8'), 'extends: incident-report\n');
  });

  it('gives no template hint when postmortem.template chose a template', async () => {
    const doc = uri('chosen/incidents/004.txt');
    settings.set(doc, { template: 'google-api-infra' });
    await client.open(doc, seed(SEED_004), 'plaintext');
    const published = await client.current(doc);
    assert.ok(published.diagnostics.length > 0);
    assert.ok(!codes(published).includes('template-hint'), codes(published).join());
  });

  it('lets the client\'s postmortem.rules override the config\'s rules:, by name or id', async () => {
    file('rules/.postmortem.yaml', 'extends: incident-report\nrules:\n  duration-mismatch: warning\n  section-order: error\n');
    const byConfig = uri('rules/incidents/004-config.txt');
    const byClient = uri('rules/incidents/004-client.txt');
    settings.set(byClient, { rules: { 'duration-mismatch': 'off', PM002: 'hint' } });
    await client.open(byConfig, seed004WithMismatch(), 'plaintext');
    await client.open(byClient, seed004WithMismatch(), 'plaintext');
    const severities = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic: Diagnostic) => [diagnostic.code, diagnostic.severity]);
    assert.deepEqual(severities(await client.current(byConfig)), [['duration-mismatch', 2], ['section-order', 1]]);
    assert.deepEqual(severities(await client.current(byClient)), [['section-order', 4]]);
  });

  it('checks untitled documents by front matter or language, or as the workspace file they will be saved as', async () => {
    const text = '# Retro\n\n## Timeline\n\n- [2024-05-12 14:38 PST] Errors rose.\n';
    const plain = 'untitled:Untitled-1';
    await client.open(plain, text);
    assert.deepEqual((await client.current(plain)).diagnostics, []);
    const language = 'untitled:Untitled-2';
    await client.open(language, text, 'postmortem');
    assert.ok(codes(await client.current(language)).includes('timestamp-not-utc'));
    // What "New postmortem…" opens: a name the default globs match, in the workspace folder.
    const named = `untitled:${pathToFileURL(path.join(workspace, 'postmortem-2024-05-12-retro.md')).pathname}`;
    await client.open(named, text);
    assert.ok(codes(await client.current(named)).includes('timestamp-not-utc'));
  });
});

describe('language server with .postmortem.yaml, for a client that cannot create files', function () {
  this.timeout(30_000);
  let workspace: string;
  let client: TestClient;

  before(async () => {
    build();
    workspace = realpathSync(mkdtempSync(path.join(tmpdir(), 'postmortem-lsp-config-')));
    client = await TestClient.start({ workspace, settings: () => ({ debounce: 0 }) });
  });

  after(async () => {
    await client?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('still shows the template hint, without the create-file quick fix', async () => {
    const doc = pathToFileURL(path.join(workspace, 'incidents/004.txt')).href;
    await client.open(doc, seed(SEED_004), 'plaintext');
    const hint = (await client.current(doc)).diagnostics.find((diagnostic) => diagnostic.code === 'template-hint');
    assert.equal(hint?.message, HINT);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc }, range: hint.range, context: { diagnostics: [hint], only: ['quickfix'] },
    });
    assert.deepEqual(actions, []);
  });
});
