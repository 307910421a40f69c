// Where the suite runs: a real VS Code with the extension under development, a trusted workspace folder.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, workspaceFolder } from './helpers';

export function hostSuite(): void {
  describe('VS Code host', () => {
    it('loads the extension from the repository in a trusted workspace folder', async () => {
      assert.equal(vscode.workspace.isTrusted, true);
      assert.equal(vscode.workspace.workspaceFolders?.length, 1);
      assert.equal(workspaceFolder().scheme, 'file');
      const ours = extension();
      const manifest = ours.packageJSON as { main?: string; activationEvents?: string[]; contributes?: { commands?: { command: string }[] } };
      assert.equal(manifest.main, './dist/client.js');
      // Not activated on `*` or at startup: it waits for a Markdown, text or postmortem document (or one of its
      // commands). Whether it is active yet is not checked: the workbench can open a model as plain text while it
      // starts (a run once logged activationEvent 'onLanguage:plaintext' before any test opened a document).
      assert.ok(manifest.activationEvents?.includes('onLanguage:markdown'), 'activates on Markdown');
      assert.deepEqual(manifest.activationEvents?.filter((event) => event === '*' || event === 'onStartupFinished'), []);
      await ours.activate();
      const commands = await vscode.commands.getCommands(true);
      for (const { command } of manifest.contributes?.commands ?? []) assert.ok(commands.includes(command), command);
    });
  });
}
