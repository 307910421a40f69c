// Open documents (incremental sync) and what every handler starts with: well-formed params, an open document,
// and whether it is a postmortem.
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import type { Analyzer } from './analysis';
import type { Log } from './log';
import { isConfigUri, type DocumentSettings, type SettingsStore } from './settings';

export const POSTMORTEM_LANGUAGE = 'postmortem';

export interface Services {
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  analyzer: Analyzer;
  log: Log;
  /** The clock completion reads; `POSTMORTEM_NOW` fixes it for tests. */
  now: () => Date;
}

export function createDocuments(): TextDocuments<TextDocument> {
  return new TextDocuments(TextDocument);
}

// Clients that send other language ids (JSON, YAML, code) never get postmortem results, whatever the path.
// `postmortem` is the VS Code client's language for `*.postmortem.md`: Markdown that says what it is.
const LANGUAGES = new Set(['markdown', 'plaintext', POSTMORTEM_LANGUAGE]);

/** Markdown and plain text that the settings (globs, front matter) make a postmortem; language `postmortem` always is. */
export function isPostmortemDocument(document: TextDocument, settings: DocumentSettings): boolean {
  if (!LANGUAGES.has(document.languageId) || isConfigUri(document.uri)) return false;
  return document.languageId === POSTMORTEM_LANGUAGE || settings.isPostmortem(document.getText());
}

/** Markdown syntax (ATX headings and all): `markdown`, and `postmortem`, which is Markdown. */
export function isMarkdownLanguage(languageId: string): boolean {
  return languageId === 'markdown' || languageId === POSTMORTEM_LANGUAGE;
}

const DocumentParams = z.object({ textDocument: z.object({ uri: z.string() }) });
const PositionParams = DocumentParams.extend({
  position: z.object({ line: z.number().int().min(0), character: z.number().int().min(0) }),
});

export interface Target {
  document: TextDocument;
  settings: DocumentSettings;
}

/**
 * The open postmortem a request is about: `malformed` when the params are not shaped like the request's,
 * `none` when the URI is not open or not a postmortem.
 */
export async function targetOf(services: Services, params: unknown, withPosition = false): Promise<Target | 'malformed' | 'none'> {
  if (!(withPosition ? PositionParams : DocumentParams).safeParse(params).success) return 'malformed';
  const document = services.documents.get((params as z.infer<typeof DocumentParams>).textDocument.uri);
  if (!document) return 'none';
  const settings = await services.settings.resolveSettings(document.uri);
  return isPostmortemDocument(document, settings) ? { document, settings } : 'none';
}
