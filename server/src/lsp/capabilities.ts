// What the client can do (read once from `initialize`) and what the server offers in return.
import { pathToFileURL } from 'node:url';
import { TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver';
import { CODE_ACTION_KINDS } from './code-actions';

export interface ClientFeatures {
  /** Answers `workspace/configuration`. */
  configuration: boolean;
  configurationRegistration: boolean;
  watchedFilesRegistration: boolean;
  workspaceFolders: boolean;
  hierarchicalSymbols: boolean;
  /** Resolves a code action's edit lazily (`codeAction/resolve`). */
  codeActionResolve: boolean;
  /** Applies workspace edits that create files (`documentChanges` with resource operation `create`). */
  createFiles: boolean;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const { workspace, textDocument } = params.capabilities ?? {};
  return {
    configuration: workspace?.configuration === true,
    configurationRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: workspace?.workspaceFolders === true,
    hierarchicalSymbols: textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    codeActionResolve: textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    createFiles: workspace?.workspaceEdit?.documentChanges === true && workspace.workspaceEdit.resourceOperations?.includes('create') === true,
  };
}

/** The workspace folders' URIs, from the folders or the older root fields. */
export function workspaceFolderUris(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((folder) => folder.uri);
  if (params.rootUri) return [params.rootUri];
  // rootPath is deprecated but some clients still send only it.
  const rootPath = (params as { rootPath?: string | null }).rootPath;
  return rootPath ? [pathToFileURL(rootPath).href] : [];
}

export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: features.codeActionResolve },
    completionProvider: { triggerCharacters: ['#', '['] },
    hoverProvider: true,
    documentSymbolProvider: { label: 'Postmortem' },
    foldingRangeProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
