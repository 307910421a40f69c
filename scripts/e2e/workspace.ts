// The folders a test run opens: a temp workspace (the suite writes its seed copies into incidents/ itself) with
// workspace settings, and the user settings that decide workspace trust. Shared by both hosts.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type SuiteName = 'trusted' | 'untrusted';

/** A quiet workbench: no welcome page, tips, update or gallery checks, nothing that reaches the network. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never',
  // VS Code for the Web saves a second after each edit by default; desktop VS Code does not. An auto-save races the
  // suite's Ctrl+S, and skips the `explicit` code actions on save: it made the fix-all-on-save tests flaky.
  'files.autoSave': 'off',
};

/**
 * User settings for a run. Trusted: workspace trust switched off, so every folder is trusted. Untrusted: trust on
 * (the default) and no startup prompt, so the folder opens in Restricted Mode without a dialog in the way.
 */
export function userSettings(suite: SuiteName): Record<string, unknown> {
  return suite === 'trusted'
    ? { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': false }
    : { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };
}

/** The workspace settings the suite relies on: fix-all on an explicit save. */
export const WORKSPACE_SETTINGS = {
  'editor.codeActionsOnSave': { 'source.fixAll.postmortem': 'explicit' },
};

export interface RunFolders {
  /** Holds everything below; removed after a run. */
  root: string;
  workspace: string;
  userData: string;
  serverData: string;
  results: string;
}

export function createRunFolders(suite: SuiteName): RunFolders {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), `postmortem-e2e-${suite}-`)));
  const workspace = path.join(root, 'workspace');
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  mkdirSync(path.join(workspace, 'incidents'), { recursive: true });
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(WORKSPACE_SETTINGS, null, 2)}\n`);
  return { root, workspace, userData: path.join(root, 'user-data'), serverData: path.join(root, 'server-data'), results: path.join(root, 'results.json') };
}
