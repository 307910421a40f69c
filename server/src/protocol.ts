// Custom LSP messages shared by the VS Code client and the language server. No Node-only imports: the
// client and its webview bundle this too.
import { RequestType } from 'vscode-languageserver-protocol';
import type { TimelineData } from './core/types';

export interface TimelineParams {
  /** The document's URI, as the client opened it. */
  uri: string;
}

/** `postmortem/timeline`: the timeline, milestones and metrics of an open document; null for an unknown URI. */
export const TimelineRequest = new RequestType<TimelineParams, TimelineData | null, void>('postmortem/timeline');

/** Code action kinds the server offers beyond `quickfix` and `refactor.rewrite` (sort the timeline). */
export const PostmortemCodeActionKind = {
  /** Applies every preferred fix until nothing changes; usable in `editor.codeActionsOnSave`. */
  FixAll: 'source.fixAll.postmortem',
  ConvertToUtc: 'source.convertToUtc.postmortem',
  InsertMissingSections: 'source.insertMissingSections.postmortem',
} as const;

/** The settings section the server reads through `workspace/configuration`. */
export const SETTINGS_SECTION = 'postmortem';
