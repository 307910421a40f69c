// "Insert timeline entry (now, UTC)": snippet variables ($CURRENT_HOUR…) give local time, so the stamp is made here.
import * as vscode from 'vscode';
import { timelineEntrySnippet } from './stamp';

export async function insertTimelineEntry(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const line = editor.document.lineAt(editor.selection.active.line);
  const snippet = timelineEntrySnippet(new Date(), line.isEmptyOrWhitespace, editor.document.languageId === 'plaintext');
  await editor.insertSnippet(new vscode.SnippetString(snippet));
}
