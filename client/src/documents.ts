// Which documents the client hands to the language server, and which of them start it. The server alone decides
// what is a postmortem (`.postmortem.yaml` `files:`, the `postmortem.files` setting, front matter); this is only a
// cheap pre-filter so that opening a README does not start a process.
import * as vscode from 'vscode';

export const LANGUAGES = ['markdown', 'plaintext', 'postmortem'] as const;

// Files on disk and untitled documents: the server reads `.postmortem.yaml` from disk, so virtual file systems
// are left out (package.json `capabilities.virtualWorkspaces`). Open `.postmortem.yaml` buffers go to the server
// too, so their mistakes show while they are typed.
export const DOCUMENT_SELECTOR: ({ language: string; scheme: string } | { scheme: string; pattern: string })[] = [
  ...LANGUAGES.flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme }))),
  { scheme: 'file', pattern: '**/.postmortem.yaml' },
];

// A front matter block that mentions `postmortem:`; the server reads the value.
const FRONT_MATTER_MENTION = /^\uFEFF?---\r?\n(?:(?!---\r?$|\.\.\.\r?$)[^\n]*\n)*?postmortem\s*:/;
const FRONT_MATTER_LINES = 60;

export function isSupported(document: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}

export class Candidates implements vscode.Disposable {
  private configFiles = 0;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/.postmortem.yaml', false, true, false);
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a `.postmortem.yaml` appears or the last one goes: what counts as a candidate changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.watcher.onDidCreate(() => this.recount());
    this.watcher.onDidDelete(() => this.recount());
    this.recount();
  }

  /** Whether the server should see this document: it may be a postmortem. */
  isCandidate(document: vscode.TextDocument): boolean {
    if (!isSupported(document)) return false;
    if (document.languageId === 'postmortem' || this.configFiles > 0) return true;
    return this.matchesFilesSetting(document) || FRONT_MATTER_MENTION.test(document.getText(new vscode.Range(0, 0, FRONT_MATTER_LINES, 0)));
  }

  private matchesFilesSetting(document: vscode.TextDocument): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const globs = vscode.workspace.getConfiguration('postmortem', document.uri).get<string[]>('files', []);
    return globs.some((glob) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, document) > 0);
  }

  private recount(): void {
    vscode.workspace.findFiles('**/.postmortem.yaml', '**/node_modules/**', 1).then((found) => {
      const before = this.configFiles;
      this.configFiles = found.length;
      if ((before > 0) !== (this.configFiles > 0)) this.changed.fire();
    }, () => undefined);
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
