// Restricted Mode: the workspace is not trusted. package.json declares `capabilities.untrustedWorkspaces.supported:
// true` (the extension runs nothing from the workspace), so everything works as in a trusted one.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticCodes, diagnosticWith, extension, isTimelinePreview, open, replaceInEditor, seed, SEED_004, tabWhere, writeWorkspaceFile } from './helpers';

export function untrustedSuite(): void {
  describe('in an untrusted workspace (Restricted Mode)', () => {
    after(closeAllEditors);

    it('opens the workspace untrusted, and the manifest says the extension supports that fully', () => {
      assert.equal(vscode.workspace.isTrusted, false);
      const manifest = extension().packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
      assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    });

    it('activates and checks postmortems: diagnostics, a quick fix and the timeline preview', async () => {
      const uri = await writeWorkspaceFile('incidents/004.txt', seed(SEED_004));
      const editor = await open(uri);
      await diagnosticCodes(uri, ['missing-section', 'template-hint']);
      assert.equal(extension().isActive, true);

      await replaceInEditor(editor, '4h25min', '4h15min');
      const mismatch = await diagnosticWith(uri, 'duration-mismatch');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mismatch.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepEqual(actions.map((action) => action.title), ['Change to 4h25min']);
      const [fix] = actions;
      assert.ok(fix.edit);
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      await diagnosticCodes(uri, ['missing-section', 'template-hint']);

      await vscode.commands.executeCommand('postmortem.openTimelinePreview');
      await tabWhere((tab) => isTimelinePreview(tab) && tab.label === 'Timeline: 004.txt', 'the timeline preview tab of 004.txt');
    });
  });
}
