// A team's `.postmortem.yaml` in VS Code: its mistake is a diagnostic in the YAML file; fixing and saving it
// re-checks the open postmortems against the template it names.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, diagnosticCodes, diagnosticsWhen, open, replaceInEditor, saveLikeCtrlS, seed, SEED_004, writeWorkspaceFile } from './helpers';

export function configSuite(): void {
  describe('.postmortem.yaml', () => {
    after(closeAllEditors);

    it('shows a broken config\'s mistake in the YAML file; fixing it re-validates the open postmortems', async () => {
      const yaml = await writeWorkspaceFile('team/.postmortem.yaml', 'extends: incident-report\norder: strickt\n');
      const postmortem = await writeWorkspaceFile('team/incidents/004.txt', seed(SEED_004));
      await open(postmortem);
      // Checked with the defaults meanwhile: the default template's missing Root cause.
      const meanwhile = await diagnosticsWhen(postmortem, (current) => current.some((diagnostic) => codeOf(diagnostic) === 'missing-section'), 'missing-section');
      assert.ok(!meanwhile.map(codeOf).includes('section-order'));

      const editor = await open(yaml);
      const [problem] = await diagnosticCodes(yaml, ['config']);
      assert.equal(problem.message, 'order: expected one of strict, any');
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual(problem.range, new vscode.Range(1, 7, 1, 14));

      await replaceInEditor(editor, 'strickt', 'strict');
      await saveLikeCtrlS(editor);
      await diagnosticCodes(yaml, []);
      // Now checked against incident-report: seed 004 has Symptoms before Summary.
      const [order] = await diagnosticCodes(postmortem, ['section-order']);
      assert.match(order.message, /"Summary" should come before "Symptoms"/);
    });
  });
}
