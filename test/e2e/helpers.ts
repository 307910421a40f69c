// What the e2e suites share: files in the test workspace, the seeds from ../shared, and waiting for what VS Code
// reports (diagnostics, tabs) through its events, never by sleeping.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'postmortem-studio.postmortem-studio';
export const SOURCE = 'postmortem';
const WAIT_MS = 20_000;

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) throw new Error(`${EXTENSION_ID} is not loaded (extensionDevelopmentPath)`);
  return found;
}

/** The seeds, read at setup time from the checkout beside the repository (../shared/seeds); never copied into it. */
export function seed(name: string): string {
  const folder = process.env.POSTMORTEM_E2E_SEEDS ?? path.resolve(extension().extensionPath, '..', 'shared', 'seeds');
  return readFileSync(path.join(folder, name), 'utf8');
}

export const SEED_004 = '004_b6c1c1b3363144e9.txt';
export const SEED_003 = '003_3a3be04277b3d75c.txt';

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder');
  return folder.uri;
}

/** Writes a file into the workspace (through VS Code's file system, as a user's tool would) and returns its URI. */
export async function writeWorkspaceFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), ...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export async function readWorkspaceFile(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The language server's diagnostics of a document (other extensions' left out). */
export function postmortemDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

export function codes(uri: vscode.Uri): string[] {
  return postmortemDiagnostics(uri).map(codeOf).sort();
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((diagnostic) => `${codeOf(diagnostic)}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`));
}

/**
 * Resolves with a document's postmortem diagnostics once they satisfy `until`: checked now and at every
 * `onDidChangeDiagnostics` for that URI; rejects after `timeout` ms saying what was there.
 */
export function diagnosticsWhen(uri: vscode.Uri, until: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeout = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = postmortemDiagnostics(uri);
      if (!until(current)) return false;
      finish();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`Timed out after ${timeout} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; it has ${describeDiagnostics(postmortemDiagnostics(uri))}`));
    }, timeout);
    const finish = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/** Waits until a diagnostic with this code is there (and returns it). */
export async function diagnosticWith(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  const diagnostics = await diagnosticsWhen(uri, (current) => current.some((diagnostic) => codeOf(diagnostic) === code), code);
  return diagnostics.find((diagnostic) => codeOf(diagnostic) === code)!;
}

/** Waits until the document's diagnostic codes are exactly these (sorted). */
export function diagnosticCodes(uri: vscode.Uri, expected: string[]): Promise<vscode.Diagnostic[]> {
  const wanted = JSON.stringify([...expected].sort());
  return diagnosticsWhen(uri, (current) => JSON.stringify(current.map(codeOf).sort()) === wanted, wanted);
}

/** Resolves with the first tab that satisfies `find`, now or at a later `onDidChangeTabs`. */
export function tabWhere(find: (tab: vscode.Tab) => boolean, what: string, timeout = WAIT_MS): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const tab = vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(find);
      if (!tab) return;
      finish();
      resolve(tab);
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      finish();
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      reject(new Error(`Timed out after ${timeout} ms waiting for ${what}; the tabs are ${JSON.stringify(tabs)}`));
    }, timeout);
    const finish = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

export function isTimelinePreview(tab: vscode.Tab): boolean {
  // VS Code prefixes the view type of extension webviews ("mainThreadWebview-postmortem.timeline").
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('postmortem.timeline');
}

/** Replaces the first occurrence of `from` in the document through the editor, as typing would. */
export async function replaceInEditor(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const offset = editor.document.getText().indexOf(from);
  if (offset < 0) throw new Error(`"${from}" is not in ${vscode.workspace.asRelativePath(editor.document.uri)}`);
  const range = new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(offset + from.length));
  const applied = await editor.edit((builder) => builder.replace(range, to));
  if (!applied) throw new Error(`the edit "${from}" → "${to}" was not applied`);
}

/**
 * Ctrl+S on `editor`'s document (the save participants, code actions on save among them, run): shows it, runs the
 * save command and resolves once VS Code says that document was saved. The command can return before the save
 * ends, so the save event is what is waited for.
 */
export async function saveLikeCtrlS(editor: vscode.TextEditor, timeout = WAIT_MS): Promise<void> {
  const { document } = editor;
  if (!document.isDirty) throw new Error(`${vscode.workspace.asRelativePath(document.uri)} has no changes to save`);
  await vscode.window.showTextDocument(document);
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const saved = new Promise<void>((resolve, reject) => {
    subscription = vscode.workspace.onDidSaveTextDocument((savedDocument) => {
      if (savedDocument === document) resolve();
    });
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms waiting for ${vscode.workspace.asRelativePath(document.uri)} to be saved`)), timeout);
  });
  try {
    await vscode.commands.executeCommand('workbench.action.files.save');
    await saved;
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function insertedText(item: vscode.CompletionItem): string {
  const text = item.insertText ?? labelOf(item);
  return typeof text === 'string' ? text : text.value;
}

/** Reverts what a test left unsaved (closing it would ask), then closes every editor and the preview. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
