// The timeline preview panel: one webview beside the editor that shows the active postmortem's timeline. The data
// comes from the server (`postmortem/timeline`), refreshed as the document changes; the page draws it. Mermaid
// export is core's timelineToMermaid on the same data; SVG export is the page's drawing, saved where the user says.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { timelineToMermaid } from '../../server/src/core/mermaid';
import type { TimelineData } from '../../server/src/core/types';
import { TimelineRequest } from '../../server/src/protocol';
import type { HostMessage, PageMessage, PageState } from '../webview/messages';
import { isSupported } from './documents';
import { previewHtml } from './preview-html';
import type { Server } from './server';

export const VIEW_TYPE = 'postmortem.timeline';
const MAX_SVG_LENGTH = 32 * 1024 * 1024;

export class TimelinePreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  /** The last answer for `uri`; null when the server has no timeline for it. */
  private data: TimelineData | null | undefined;
  private pending: vscode.CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every request: a response that is not the latest is dropped. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly server: Server) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.uri && event.document.uri.toString() === this.uri.toString()) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isSupported(editor.document)) this.show(editor.document.uri);
      }),
      // The template and rule severities change what the server reports on entries.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.panel && event.affectsConfiguration('postmortem')) this.schedule();
      }),
    );
  }

  open(uri: vscode.Uri): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      this.attach(vscode.window.createWebviewPanel(VIEW_TYPE, 'Timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options()));
    }
    this.show(uri);
  }

  /** A panel VS Code kept across a reload (`registerWebviewPanelSerializer`). */
  restore(panel: vscode.WebviewPanel, state: PageState | undefined): void {
    this.panel?.dispose();
    this.attach(panel);
    if (typeof state?.uri === 'string') this.show(vscode.Uri.parse(state.uri));
  }

  async copyMermaid(): Promise<void> {
    if (!this.data?.entries.length) {
      void vscode.window.showWarningMessage('Open the timeline preview of a postmortem first.');
      return;
    }
    await vscode.env.clipboard.writeText(timelineToMermaid(this.data));
    void vscode.window.showInformationMessage('Copied the timeline as a Mermaid diagram.');
  }

  /** The page draws the SVG; it answers with a `svg` message, which `saveSvg` writes. */
  requestSvg(): void {
    if (!this.panel || !this.data?.entries.length) {
      void vscode.window.showWarningMessage('Open the timeline preview of a postmortem first.');
      return;
    }
    this.post({ type: 'exportSvg' });
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    panel.webview.options = this.options();
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    panel.webview.html = previewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      nonce: randomBytes(18).toString('base64'),
    });
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => {
        subscriptions.forEach((subscription) => subscription.dispose());
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.uri = undefined;
        this.data = undefined;
        this.cancel();
        void vscode.commands.executeCommand('setContext', 'postmortem.previewOpen', false);
      }),
    ];
    void vscode.commands.executeCommand('setContext', 'postmortem.previewOpen', true);
  }

  private show(uri: vscode.Uri): void {
    if (!this.panel) return;
    if (this.uri?.toString() !== uri.toString()) {
      this.uri = uri;
      this.data = undefined;
    }
    this.panel.title = `Timeline: ${basename(uri)}`;
    void this.refresh();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = vscode.workspace.getConfiguration('postmortem', this.uri).get<number>('debounce', 150);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.pending?.cancel();
    this.pending = undefined;
  }

  private async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri || !this.panel) return;
    this.cancel();
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    const generation = ++this.generation;
    let data: TimelineData | null;
    try {
      const client = await this.server.start();
      data = await client.sendRequest(TimelineRequest, { uri: uri.toString() }, source.token);
    } catch (error) {
      if (source.token.isCancellationRequested || generation !== this.generation) return;
      void vscode.window.showErrorMessage(`The timeline preview could not get the timeline: ${error instanceof Error ? error.message : String(error)}`);
      data = null;
    } finally {
      source.dispose();
    }
    if (generation !== this.generation) return;
    this.data = data;
    this.post({ type: 'timeline', uri: uri.toString(), fileName: basename(uri), data });
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parsePageMessage(raw);
    switch (message?.type) {
      // The page (re)loaded: messages posted before it listened are lost.
      case 'ready':
        if (this.uri && this.data !== undefined) this.post({ type: 'timeline', uri: this.uri.toString(), fileName: basename(this.uri), data: this.data });
        else void this.refresh();
        break;
      case 'reveal':
        void this.reveal(message.line);
        break;
      case 'copyMermaid':
        void this.copyMermaid();
        break;
      case 'saveSvg':
        this.requestSvg();
        break;
      case 'svg':
        void this.saveSvg(message.svg);
        break;
    }
  }

  private async reveal(line: number): Promise<void> {
    if (!this.uri) return;
    const uri = this.uri;
    const document = await vscode.workspace.openTextDocument(uri);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
    const target = document.lineAt(Math.min(line, document.lineCount - 1));
    const start = target.range.start.translate(0, target.firstNonWhitespaceCharacterIndex);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async saveSvg(svg: string): Promise<void> {
    const uri = this.uri;
    const name = `${(uri ? basename(uri) : 'postmortem').replace(/\.[^.]+$/, '')}.timeline.svg`;
    const folder = uri?.scheme === 'file' ? vscode.Uri.joinPath(uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Save timeline as SVG',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { 'SVG image': ['svg'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Saved the timeline to ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    this.cancel();
    this.panel?.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}

/** The page is ours, but what it sends is checked like any input. */
function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'copyMermaid':
    case 'saveSvg':
      return { type: message.type };
    case 'reveal':
      return Number.isInteger(message.line) && (message.line as number) >= 0 ? { type: 'reveal', line: message.line as number } : undefined;
    case 'svg':
      return typeof message.svg === 'string' && message.svg.length < MAX_SVG_LENGTH && message.svg.startsWith('<svg') ? { type: 'svg', svg: message.svg } : undefined;
    default:
      return undefined;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}
