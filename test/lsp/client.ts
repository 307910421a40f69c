// A real LSP client over the bundled server's stdio: initialize, answer workspace/configuration, record what the
// server publishes and logs, and wait for notifications with promises.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, LogMessageNotification,
  PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type InitializeResult, type LogMessageParams, type ProtocolConnection,
  type PublishDiagnosticsParams, type Registration, type TextDocumentContentChangeEvent, type TextEdit,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');
const SEEDS = path.resolve(__dirname, '../../../shared/seeds');

export function seed(name: string): string {
  return readFileSync(path.join(SEEDS, name), 'utf8');
}

/** Seed 004 with its stated duration changed so that it disagrees with the timeline. */
export function seed004WithMismatch(): string {
  const text = seed('004_b6c1c1b3363144e9.txt');
  if (!text.includes('4h25min')) throw new Error('seed 004 no longer states 4h25min');
  return text.replace('4h25min', '4h15min');
}

let built = false;

/** Builds the bundles once per run, so the tests drive what ships. */
export function build(): void {
  if (built) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export const WORKSPACE = path.join(ROOT, 'test-artifacts', 'lsp-workspace');
export const uriOf = (relative: string) => pathToFileURL(path.join(WORKSPACE, relative)).href;

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false } },
  },
};

export interface StartOptions {
  env?: Record<string, string>;
  /** The `postmortem` settings section answered for a document URI. */
  settings?: (uri: string | undefined) => unknown;
  capabilities?: ClientCapabilities;
  /** The workspace folder (a path); default WORKSPACE, which exists only as URIs. */
  workspace?: string;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly configurationRequests: (string | undefined)[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly registered = new Map<string, (registration: Registration) => void>();
  private waiters: { test: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  private logWaiters: { test: (message: string) => boolean; resolve: (params: LogMessageParams) => void }[] = [];
  private readonly texts = new Map<string, TextDocument>();

  private constructor(readonly child: ChildProcess, readonly connection: ProtocolConnection) {}

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    child.stderr!.on('data', (chunk: Buffer) => { client.stderr += chunk.toString(); });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.onPublish(params));
    connection.onNotification(LogMessageNotification.type, (params) => client.onLog(params));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => {
      client.configurationRequests.push(item.scopeUri);
      return options.settings ? options.settings(item.scopeUri) : { debounce: 0 };
    }));
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
      for (const registration of params.registrations) client.registered.get(registration.method)?.(registration);
    });
    connection.listen();
    const workspace = pathToFileURL(options.workspace ?? WORKSPACE).href;
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspace,
      workspaceFolders: [{ uri: workspace, name: 'workspace' }],
      capabilities: options.capabilities ?? CAPABILITIES,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The server's registration for `method` (it registers after `initialized`, so it may still be coming). */
  registration(method: string): Promise<Registration> {
    const found = this.registrations.find((registration) => registration.method === method);
    return found ? Promise.resolve(found) : new Promise((resolve) => this.registered.set(method, resolve));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends the edits as an incremental change and returns the new version. */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<number> {
    const before = this.document(uri);
    const changes: TextDocumentContentChangeEvent[] = [...edits]
      .sort((a, b) => before.offsetAt(b.range.start) - before.offsetAt(a.range.start))
      .map((edit) => ({ range: edit.range, text: edit.newText }));
    const after = TextDocument.update(before, changes, before.version + 1);
    this.texts.set(uri, after);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: after.version }, contentChanges: changes });
    return after.version;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The first publish for `uri` (already received or coming) that passes `test`. */
  diagnostics(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const match = (params: PublishDiagnosticsParams) => params.uri === uri && test(params);
    const found = this.published.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ test: match, resolve }));
  }

  /** The publish for the document's current version (the server sends `version`). */
  current(uri: string): Promise<PublishDiagnosticsParams> {
    const version = this.version(uri);
    return this.diagnostics(uri, (params) => params.version === version);
  }

  /** The next publish for `uri` after those received so far. */
  next(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = this.published.length;
    return this.diagnostics(uri, (params) => this.published.indexOf(params) >= seen && test(params));
  }

  /** The first `window/logMessage` (already received or coming) whose message passes `test`. */
  logged(test: (message: string) => boolean): Promise<LogMessageParams> {
    const found = this.logs.find((params) => test(params.message));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.logWaiters.push({ test, resolve }));
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }

  private document(uri: string): TextDocument {
    const document = this.texts.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  private onLog(params: LogMessageParams): void {
    this.logs.push(params);
    const ready = this.logWaiters.filter((waiter) => waiter.test(params.message));
    this.logWaiters = this.logWaiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(params);
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    this.published.push(params);
    const ready = this.waiters.filter((waiter) => waiter.test(params));
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(params);
  }
}

/** `text` with the edits applied, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 1, text), [...edits]);
}
