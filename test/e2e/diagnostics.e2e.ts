// Diagnostics, a quick fix and fix-all on save, in VS Code, on copies of the seeds in the workspace's incidents/.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors, codeOf, diagnosticCodes, diagnosticWith, diagnosticsWhen, open, readWorkspaceFile, replaceInEditor, saveLikeCtrlS, seed, SEED_003,
  SEED_004, SOURCE, writeWorkspaceFile,
} from './helpers';

export function diagnosticsSuite(): void {
  describe('diagnostics and fixes', () => {
    afterEach(closeAllEditors);

    it('shows the findings of seed 004 (plain text under incidents/): missing-section on line 3, the template hint on line 1', async () => {
      const uri = await writeWorkspaceFile('incidents/004.txt', seed(SEED_004));
      const editor = await open(uri);
      assert.equal(editor.document.languageId, 'plaintext');
      const diagnostics = await diagnosticCodes(uri, ['missing-section', 'template-hint']);
      const missing = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'missing-section')!;
      assert.deepEqual([missing.range.start.line, missing.range.start.character, missing.range.end.line, missing.range.end.character], [2, 0, 2, 51]);
      assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(missing.source, SOURCE);
      assert.match(missing.message, /Missing section "Root cause"/);
      assert.equal((missing.code as { target: vscode.Uri }).target.toString(true), 'https://github.com/postmortem-studio/postmortem-studio#missing-section');
      const hint = diagnostics.find((diagnostic) => codeOf(diagnostic) === 'template-hint')!;
      assert.equal(hint.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(hint.range.start.line, 0);
      assert.match(hint.message, /incident-report/);
    });

    it('reports duration-mismatch when the duration is edited to 4h15min, and its quick fix (code action + applyEdit) removes it', async () => {
      const uri = await writeWorkspaceFile('incidents/004-quickfix.txt', seed(SEED_004));
      const editor = await open(uri);
      await diagnosticCodes(uri, ['missing-section', 'template-hint']);

      await replaceInEditor(editor, '4h25min', '4h15min');
      const mismatch = await diagnosticWith(uri, 'duration-mismatch');
      assert.deepEqual([mismatch.range.start.line, mismatch.range.start.character, mismatch.range.end.line, mismatch.range.end.character], [8, 24, 8, 31]);
      assert.equal(editor.document.getText(mismatch.range), '4h15min');
      assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
      assert.match(mismatch.message, /Stated duration 4h15min .* 19:19 UTC \(line 23\) → 23:44 UTC \(line 33\) is 4h25m/);

      // The quick fixes for the diagnostics at that range (VS Code passes them to the provider): only this one is there.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mismatch.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepEqual(actions.map((action) => action.title), ['Change to 4h25min']);
      const [fix] = actions;
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), fix.kind?.value);
      assert.equal(fix.isPreferred, true);
      assert.ok(fix.edit, 'the quick fix carries its edit');
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);

      assert.match(editor.document.lineAt(8).text, /Duration of incident: \*\*4h25min\*\*/);
      await diagnosticCodes(uri, ['missing-section', 'template-hint']);
    });

    it('runs source.fixAll.postmortem on save (editor.codeActionsOnSave in the workspace settings): seed 004 with a wrong duration', async () => {
      const configured = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get<Record<string, string>>('codeActionsOnSave');
      assert.deepEqual(configured, { 'source.fixAll.postmortem': 'explicit' }, 'the workspace settings written by the harness');
      const uri = await writeWorkspaceFile('incidents/004-save.txt', seed(SEED_004));
      const editor = await open(uri);
      await diagnosticCodes(uri, ['missing-section', 'template-hint']);
      await replaceInEditor(editor, '4h25min', '4h15min');
      await diagnosticWith(uri, 'duration-mismatch');

      await saveLikeCtrlS(editor);
      assert.equal(editor.document.isDirty, false);
      const saved = await readWorkspaceFile(uri);
      assert.equal(saved, editor.document.getText());
      assert.match(saved, /Duration of incident: \*\*4h25min\*\*/);
      assert.match(saved, /\nRoot cause\n\nWhy it happened\.\n/);
      // Only the template hint is left: it is not a finding and has no fix.
      await diagnosticCodes(uri, ['template-hint']);
    });

    it('fixes every fixable finding of seed 003 (Markdown, PST in May) on save: all stamps rewritten in UTC', async () => {
      const uri = await writeWorkspaceFile('incidents/003.md', seed(SEED_003));
      const editor = await open(uri);
      assert.equal(editor.document.languageId, 'markdown');
      const before = await diagnosticsWhen(uri, (current) => current.filter((diagnostic) => codeOf(diagnostic) === 'timestamp-zone-dst-mismatch').length === 10, '10 timestamp-zone-dst-mismatch');
      assert.equal(before.filter((diagnostic) => codeOf(diagnostic) === 'timestamp-not-utc').length, 10);
      // The author adds an entry, in PST like the others; once it is checked (11 findings), Ctrl+S.
      const entry = editor.document.getText().indexOf('\n\n', editor.document.getText().indexOf('- **2:30 PM PST:**'));
      await editor.edit((builder) => builder.insert(editor.document.positionAt(entry), '\n- **2:40 PM PST:**\n  - Monitoring confirmed the recovery.'));
      await diagnosticsWhen(uri, (current) => current.filter((diagnostic) => codeOf(diagnostic) === 'timestamp-zone-dst-mismatch').length === 11, '11 timestamp-zone-dst-mismatch');
      await saveLikeCtrlS(editor);
      assert.equal(editor.document.isDirty, false);
      const saved = await readWorkspaceFile(uri);
      assert.equal(saved, editor.document.getText());
      assert.match(saved, /- \*\*8:32 PM UTC:\*\*/);
      assert.match(saved, /- \*\*9:40 PM UTC:\*\*\n  - Monitoring confirmed the recovery\./);
      assert.match(saved, /from 8:30 PM UTC to 9:30 PM UTC/);
      assert.doesNotMatch(saved, /PST/);
      await diagnosticsWhen(uri, (current) => current.every((diagnostic) => codeOf(diagnostic) === 'template-hint'), 'no finding left');
    });
  });
}
