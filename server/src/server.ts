// `postmortem-language-server --stdio` (editors) or `--node-ipc` (VS Code). Wiring only: which handler in lsp/
// answers which message. Environment: see lsp/environment.ts.
import { fileURLToPath } from 'node:url';
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  type CodeAction, type DidChangeConfigurationParams, type DidChangeWatchedFilesParams, type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { version } from '../../package.json';
import { TimelineRequest, SETTINGS_SECTION } from './protocol';
import { Analyzer } from './lsp/analysis';
import { clientFeatures, serverCapabilities, workspaceFolderUris, type ClientFeatures } from './lsp/capabilities';
import { provideCodeActions, resolveCodeAction } from './lsp/code-actions';
import { provideCompletion } from './lsp/completion';
import { ConfigProblems } from './lsp/config-problems';
import { diagnosticsOf, Validator } from './lsp/diagnostics';
import { createDocuments, type Services } from './lsp/documents';
import { readEnvironment } from './lsp/environment';
import { provideHover } from './lsp/hover';
import { describeError, guard, guardNotification, Log } from './lsp/log';
import { defaultDocumentSettings, isConfigUri, SettingsStore } from './lsp/settings';
import { provideDocumentSymbols, provideFoldingRanges } from './lsp/symbols';
import { provideTimeline } from './lsp/timeline';
import { sampleRounds, Warmup, WARMUP_QUIET_MS } from './lsp/warmup';
import { clearConfigCache } from './workspace/config';

if (!process.argv.slice(2).some((arg) => /^--(?:stdio|node-ipc|socket=|pipe=)/.test(arg))) {
  process.stderr.write('usage: postmortem-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
  process.exit(2);
}

// Every incoming message and every validation holds the warm-up back (see lsp/warmup.ts).
const connection = createConnection({ messageStrategy: { handleMessage: (message, next) => { warmup.busy(); return next(message); } } });
const log = new Log(connection.console);
const environment = readEnvironment(process.env);
const documents = createDocuments();
const configProblems = new ConfigProblems(connection, log, documents);
const settings = new SettingsStore(connection, log, (config) => configProblems.observe(config));
const analyzer = new Analyzer(log, environment.rules);
const services: Services = { documents, settings, analyzer, log, now: environment.now };
const validator = new Validator(services, connection, () => warmup.busy());
const warmup = new Warmup(sampleValidationRounds(), {
  rounds: environment.warmupRounds,
  quiet: WARMUP_QUIET_MS,
  idle: () => validator.idle,
  onStart: () => log.debug('Warm-up started'),
  onEnd: ({ rounds, elapsed, longest, heldBack, error }) => log.debug(error === undefined
    ? `Warm-up over: ${rounds} rounds in ${elapsed.toFixed(0)} ms (longest ${longest.toFixed(1)} ms), held back ${heldBack} time${heldBack === 1 ? '' : 's'}`
    : `Warm-up stopped after ${rounds} rounds: ${describeError(error)}`),
});
let features: ClientFeatures;

/** The warm-up checks its sample as validations check documents, with an analyzer of its own (see lsp/warmup.ts). */
function sampleValidationRounds(): (index: number) => void {
  const sampleAnalyzer = new Analyzer(log, environment.rules);
  const sampleSettings = defaultDocumentSettings();
  return sampleRounds((document) => diagnosticsOf(sampleAnalyzer, document, sampleSettings));
}

const revalidate = () => {
  settings.invalidate();
  validator.revalidateAll();
};

connection.onInitialize((params) => {
  features = clientFeatures(params);
  settings.configure({ pull: features.configuration, folders: workspaceFolderUris(params) });
  return { capabilities: serverCapabilities(features), serverInfo: { name: 'postmortem-language-server', version } };
});

connection.onInitialized(guardNotification(log, 'initialized', async () => {
  for (const problem of environment.problems) log.warn(problem);
  warmup.start();
  if (features.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(guardNotification(log, 'workspace/didChangeWorkspaceFolders', ({ added, removed }: WorkspaceFoldersChangeEvent) => {
      settings.changeFolders(added.map((folder) => folder.uri), removed.map((folder) => folder.uri));
      validator.revalidateAll();
    }));
  }
  // .postmortem.yaml decides templates and severities: any change re-validates what is open.
  if (features.watchedFilesRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.postmortem.yaml' }] });
  }
  if (features.configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
}));

connection.onDidChangeConfiguration(guardNotification(log, 'workspace/didChangeConfiguration', (params: DidChangeConfigurationParams) => {
  // Clients that cannot be asked for settings push them here.
  if (!features.configuration) settings.push((params?.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION]);
  revalidate();
}));
connection.onDidChangeWatchedFiles(guardNotification(log, 'workspace/didChangeWatchedFiles', (params: DidChangeWatchedFilesParams) => {
  // Files may change without their mtime and size changing: read every config again.
  clearConfigCache();
  const configFiles = (params?.changes ?? []).flatMap(({ uri }) => {
    try {
      return isConfigUri(uri) && uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
  configProblems.diskChanged(configFiles);
  revalidate();
}));

// `.postmortem.yaml` buffers are validated as configs (diagnostics in the YAML); everything else as a postmortem.
documents.onDidChangeContent(({ document }) => {
  if (isConfigUri(document.uri)) configProblems.bufferChanged(document);
  else validator.schedule(document);
});
documents.onDidClose(({ document }) => {
  if (isConfigUri(document.uri)) {
    configProblems.bufferClosed(document.uri);
    return;
  }
  validator.clear(document.uri);
  settings.forget(document.uri);
  analyzer.forget(document.uri);
});

connection.onCodeAction(guard(log, 'textDocument/codeAction', (params: unknown) => provideCodeActions(services, params, features)));
connection.onCodeActionResolve(guard(log, 'codeAction/resolve', (action: CodeAction) => resolveCodeAction(services, action), (action) => action));
connection.onCompletion(guard(log, 'textDocument/completion', (params: unknown) => provideCompletion(services, params)));
connection.onHover(guard(log, 'textDocument/hover', (params: unknown) => provideHover(services, params)));
connection.onDocumentSymbol(guard(log, 'textDocument/documentSymbol', (params: unknown) => provideDocumentSymbols(services, params, features.hierarchicalSymbols)));
connection.onFoldingRanges(guard(log, 'textDocument/foldingRange', (params: unknown) => provideFoldingRanges(services, params)));
// By method name: vscode-languageserver pins its own vscode-jsonrpc, whose RequestType type is not the one protocol.ts
// is typed with (the bundle has one copy, see esbuild.mjs).
connection.onRequest(TimelineRequest.method, guard(log, TimelineRequest.method, (params: unknown) => provideTimeline(services, params)));

connection.onShutdown(() => warmup.stop());

documents.listen(connection);
connection.listen();
