// The VS Code client: starts the language server for documents that may be postmortems, hosts the timeline
// preview, and offers the commands. Every check and computation is the server's or core's.
import * as vscode from 'vscode';
import type { PageState } from '../webview/messages';
import { Candidates } from './documents';
import { newPostmortem } from './new-postmortem';
import { TimelinePreview, VIEW_TYPE } from './preview';
import { Server } from './server';
import { insertTimelineEntry } from './timeline-entry';

let server: Server | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Postmortem Studio', { log: true });
  server = new Server(context, output);
  const running = server;
  const candidates = new Candidates();
  const preview = new TimelinePreview(context, running);

  const startFor = (document: vscode.TextDocument) => {
    if (running.requested || !candidates.isCandidate(document)) return;
    running.start().catch((error: unknown) => output.error(`The language server did not start: ${error instanceof Error ? error.stack : String(error)}`));
  };
  // The editor title's preview button shows on the same documents.
  const updateContext = () => {
    const document = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'postmortem.isCandidate', document !== undefined && candidates.isCandidate(document));
  };
  const recheckAll = () => {
    vscode.workspace.textDocuments.forEach(startFor);
    updateContext();
  };

  context.subscriptions.push(
    output,
    running,
    candidates,
    preview,
    vscode.commands.registerCommand('postmortem.newPostmortem', newPostmortem),
    vscode.commands.registerCommand('postmortem.openTimelinePreview', (resource?: vscode.Uri) => {
      const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showWarningMessage('Open a postmortem to preview its timeline.');
        return;
      }
      preview.open(uri);
    }),
    vscode.commands.registerCommand('postmortem.copyTimelineAsMermaid', () => preview.copyMermaid()),
    vscode.commands.registerCommand('postmortem.saveTimelineAsSvg', () => preview.requestSvg()),
    vscode.commands.registerCommand('postmortem.insertTimelineEntry', insertTimelineEntry),
    vscode.commands.registerCommand('postmortem.restartServer', () => running.restart()),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => preview.restore(panel, state as PageState | undefined),
    }),
    vscode.workspace.onDidOpenTextDocument(startFor),
    // Front matter saying `postmortem: true` may be typed after the document was opened.
    vscode.workspace.onDidChangeTextDocument(({ document }) => {
      startFor(document);
      if (document === vscode.window.activeTextEditor?.document) updateContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    candidates.onDidChange(recheckAll),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('postmortem.files')) recheckAll();
    }),
  );
  recheckAll();
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
