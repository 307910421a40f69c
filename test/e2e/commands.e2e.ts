// The extension's commands as the command palette runs them: the timeline preview and "New postmortem…".
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors, diagnosticCodes, diagnosticWith, isTimelinePreview, open, seed, SEED_004, tabWhere,
  writeWorkspaceFile,
} from './helpers';

export function commandsSuite(): void {
  describe('commands', () => {
    afterEach(closeAllEditors);

    it('Postmortem: Open timeline preview opens the timeline webview beside the postmortem', async () => {
      const uri = await writeWorkspaceFile('incidents/004-preview.txt', seed(SEED_004));
      const editor = await open(uri);
      await diagnosticWith(uri, 'missing-section');
      assert.equal(vscode.window.tabGroups.all.length, 1);

      await vscode.commands.executeCommand('postmortem.openTimelinePreview');
      // Titled after the document once the panel shows it.
      const tab = await tabWhere((candidate) => isTimelinePreview(candidate) && candidate.label === 'Timeline: 004-preview.txt', 'the timeline preview tab of 004-preview.txt');
      assert.equal(vscode.window.tabGroups.all.length, 2, 'beside the editor');
      assert.notEqual(tab.group.viewColumn, editor.viewColumn);
      // preserveFocus: the postmortem stays the active editor.
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());

      // The preview follows the active editor.
      const other = await writeWorkspaceFile('incidents/004-preview-2.txt', seed(SEED_004));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), vscode.ViewColumn.One);
      await tabWhere((candidate) => isTimelinePreview(candidate) && candidate.label === 'Timeline: 004-preview-2.txt', 'the preview of the other postmortem');
    });

    it('Postmortem: New postmortem… opens an untitled postmortem from the chosen template and title, checked before it is saved', async () => {
      await vscode.commands.executeCommand('postmortem.newPostmortem', { template: 'default', title: 'Checkout errors' });
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'an editor for the new postmortem');
      const { document } = editor;
      assert.equal(document.uri.scheme, 'untitled');
      assert.match(document.uri.path, /\/postmortem-\d{4}-\d{2}-\d{2}-checkout-errors\.md$/);
      assert.equal(document.languageId, 'markdown');
      const text = document.getText();
      assert.match(text, /Checkout errors/);
      const headings = text.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3));
      assert.deepEqual(headings, ['Summary', 'Timeline', 'Root cause', 'Action items']);
      // Named like a postmortem in the workspace, so the server checks it before it is saved: the timeline's
      // placeholder time is the one finding.
      const [placeholder] = await diagnosticCodes(document.uri, ['placeholder-text']);
      assert.match(placeholder.message, /HH:mm/);
      assert.equal(document.getText(placeholder.range), 'HH:mm');
    });
  });
}
