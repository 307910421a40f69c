// The language server process: started on the first candidate document (or command that needs it), over IPC
// (`--node-ipc`), with the client's `postmortem.*` settings answered through `workspace/configuration`.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './documents';

/**
 * Node flags for the server process: young-generation semi-spaces of 8 MB instead of 16 MB, no allocation-site
 * pretenuring. With the server's warm-up (server/src/lsp/warmup.ts) they took its RSS with 50 open 2,000-line
 * documents from about 158 MB to 130 MB, and idle from 117 MB to 98 MB, for about 1 ms more on a median edit.
 * scripts/bench-lsp.mjs reads this array literal, to start the server as VS Code does.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=8', '--no-allocation-site-pretenuring'];

export class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {}

  /** Whether the server was started (or is starting). */
  get requested(): boolean {
    return this.starting !== undefined;
  }

  /** The running client; starts the server on first use. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.create().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    if (!this.client) {
      await this.start();
      return;
    }
    await this.client.restart();
  }

  private async create(): Promise<LanguageClient> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
    };
    // The id `postmortem` makes the client read `postmortem.trace.server`.
    const client = new LanguageClient('postmortem', 'Postmortem Studio', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    return client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client?.isRunning()) await client.stop();
  }

  dispose(): void {
    void this.stop();
  }
}
