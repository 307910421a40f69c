// Code actions: a quick fix per fix of each diagnostic in the request (read from the diagnostic's data), and
// document-wide actions computed on the server's current text: fix all, sort the timeline, convert to UTC,
// insert missing sections. Clients that can resolve code actions get the (costly) document-wide edits lazily.
// The template hint's quick fix creates the `.postmortem.yaml` it suggests, for clients that can create files.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import type { Finding, Fix } from '../core';
import { LineIndex } from '../core/text';
import { findBuiltInTemplate } from '../core/template';
import { PostmortemCodeActionKind } from '../protocol';
import { CONFIG_FILE_NAME } from '../workspace/config';
import type { ClientFeatures } from './capabilities';
import { DIAGNOSTIC_SOURCE, DiagnosticData, TEMPLATE_HINT_CODE, TemplateHintData } from './diagnostics';
import { isPostmortemDocument, targetOf, type Services, type Target } from './documents';

export const CODE_ACTION_KINDS: string[] = [
  CodeActionKind.QuickFix,
  CodeActionKind.RefactorRewrite,
  PostmortemCodeActionKind.FixAll,
  PostmortemCodeActionKind.ConvertToUtc,
  PostmortemCodeActionKind.InsertMissingSections,
];

type DocumentActionId = 'fixAll' | 'sortTimeline' | 'convertToUtc' | 'insertMissingSections';

const hasFix = (finding: Finding) => finding.fixes.length > 0;
const isRule = (rule: string) => (finding: Finding) => finding.rule === rule && hasFix(finding);
/**
 * How "Sort timeline" recognises the timeline-order fix that rewrites the whole list (the others move one entry):
 * by its title, as core/rules/timeline-order.ts writes it ("Sort the timeline", "Reverse the timeline (oldest
 * first)"). Core's fixes carry no kind yet; when they do, match the kind instead and drop this. If core's titles
 * change, the "sorts the timeline" test in test/lsp/server.test.ts fails.
 */
const WHOLE_TIMELINE_FIX_TITLE = /^(?:Sort|Reverse) the timeline\b/;

function sortFix(findings: readonly Finding[]): Fix | undefined {
  return findings.filter(isRule('timeline-order')).flatMap((finding) => finding.fixes).find((fix) => WHOLE_TIMELINE_FIX_TITLE.test(fix.title));
}

const DOCUMENT_ACTIONS: Record<DocumentActionId, { title: string; kind: string; offered: (findings: readonly Finding[]) => boolean }> = {
  fixAll: { title: 'Fix all in file', kind: PostmortemCodeActionKind.FixAll, offered: (findings) => findings.some((finding) => finding.fixes.some((fix) => fix.isPreferred)) },
  sortTimeline: { title: 'Sort timeline', kind: CodeActionKind.RefactorRewrite, offered: (findings) => sortFix(findings) !== undefined },
  convertToUtc: { title: 'Convert all timestamps to UTC', kind: PostmortemCodeActionKind.ConvertToUtc, offered: (findings) => findings.some(isRule('timestamp-not-utc')) },
  insertMissingSections: { title: 'Insert missing sections', kind: PostmortemCodeActionKind.InsertMissingSections, offered: (findings) => findings.some(isRule('missing-section')) },
};

// The findings each fixed-point action applies.
const SELECT: Record<Exclude<DocumentActionId, 'sortTimeline'>, (finding: Finding) => boolean> = {
  fixAll: () => true,
  convertToUtc: isRule('timestamp-not-utc'),
  insertMissingSections: isRule('missing-section'),
};

const Context = z.object({
  diagnostics: z.array(z.unknown()),
  only: z.array(z.string()).optional(),
});

/** What `codeAction/resolve` needs to compute a document-wide edit; stale when the version moved on. */
const ActionData = z.object({
  uri: z.string(),
  version: z.number().int(),
  action: z.enum(['fixAll', 'sortTimeline', 'convertToUtc', 'insertMissingSections']),
});

export async function provideCodeActions(
  services: Services,
  params: unknown,
  features: Pick<ClientFeatures, 'codeActionResolve' | 'createFiles'>,
): Promise<CodeAction[] | null> {
  const target = await targetOf(services, params);
  const context = Context.safeParse((params as { context?: unknown } | null)?.context);
  if (target === 'malformed' || !context.success) return null;
  if (target === 'none') return [];
  const { document, settings } = target;
  const { only, diagnostics } = context.data;
  const wanted = (kind: string) => !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));

  const actions: CodeAction[] = wanted(CodeActionKind.QuickFix)
    ? [...quickFixes(document, diagnostics), ...(features.createFiles ? templateHintFixes(target, diagnostics) : [])]
    : [];
  const ids = (Object.keys(DOCUMENT_ACTIONS) as DocumentActionId[]).filter((id) => wanted(DOCUMENT_ACTIONS[id].kind));
  if (ids.length === 0) return actions;
  const findings = services.analyzer.findings(document, settings);
  for (const id of ids) {
    const { title, kind, offered } = DOCUMENT_ACTIONS[id];
    if (!offered(findings)) continue;
    if (features.codeActionResolve) {
      actions.push({ title, kind, data: { uri: document.uri, version: document.version, action: id } satisfies z.infer<typeof ActionData> });
      continue;
    }
    const edit = documentEdit(services, target, id);
    if (edit) actions.push({ title, kind, edit });
  }
  return actions;
}

/** Fills in the edit of a document-wide action; an action for an older version comes back without one. */
export async function resolveCodeAction(services: Services, action: CodeAction): Promise<CodeAction> {
  const data = ActionData.safeParse(action.data);
  if (!data.success) return action;
  const document = services.documents.get(data.data.uri);
  if (!document || document.version !== data.data.version) return action;
  const settings = await services.settings.resolveSettings(document.uri);
  if (!isPostmortemDocument(document, settings)) return action;
  const edit = documentEdit(services, { document, settings }, data.data.action);
  return edit ? { ...action, edit } : action;
}

function quickFixes(document: TextDocument, diagnostics: readonly unknown[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if ((diagnostic as { source?: unknown } | null)?.source !== DIAGNOSTIC_SOURCE) continue;
    const data = DiagnosticData.safeParse((diagnostic as { data?: unknown }).data);
    // Fixes computed for another version would edit the wrong text; fresh diagnostics are on their way.
    if (!data.success || data.data.version !== document.version) continue;
    for (const fix of data.data.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic as Diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [document.uri]: fix.edits } },
      });
    }
  }
  return actions;
}

/** For the template hint: create `.postmortem.yaml` next to the document, extending the suggested template. */
function templateHintFixes({ settings }: Target, diagnostics: readonly unknown[]): CodeAction[] {
  // A config may have appeared since the hint was published; one is only created where none applies.
  if (settings.filePath === null || settings.configPath !== null) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const { source, code, data } = (diagnostic ?? {}) as { source?: unknown; code?: unknown; data?: unknown };
    if (source !== DIAGNOSTIC_SOURCE || code !== TEMPLATE_HINT_CODE) continue;
    const hint = TemplateHintData.safeParse(data);
    if (!hint.success || !findBuiltInTemplate(hint.data.template)) continue;
    const uri = pathToFileURL(path.join(path.dirname(settings.filePath), CONFIG_FILE_NAME)).href;
    const start = { line: 0, character: 0 };
    actions.push({
      title: `Create ${CONFIG_FILE_NAME} with extends: ${hint.data.template}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic as Diagnostic],
      edit: {
        documentChanges: [
          // Never over an existing file: the client refuses the edit instead.
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
          { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: `extends: ${hint.data.template}\n` }] },
        ],
      },
    });
  }
  return actions;
}

function documentEdit(services: Services, { document, settings }: Target, id: DocumentActionId): WorkspaceEdit | null {
  if (id === 'sortTimeline') {
    const fix = sortFix(services.analyzer.findings(document, settings));
    return fix ? { changes: { [document.uri]: fix.edits } } : null;
  }
  const before = document.getText();
  const after = services.analyzer.fixToFixedPoint(document, settings, SELECT[id]);
  return after === before ? null : { changes: { [document.uri]: [difference(before, after)] } };
}

/** One edit turning `before` into `after`: the changed middle between their common prefix and suffix. */
function difference(before: string, after: string): TextEdit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never cut a CRLF or a surrogate pair: a position cannot point between their halves.
  const splits = (text: string, at: number) => at > 0 && at < text.length
    && ((text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10) || (text.charCodeAt(at - 1) & 0xfc00) === 0xd800);
  while (start > 0 && (splits(before, start) || splits(after, start))) start--;
  while (end > 0 && (splits(before, before.length - end) || splits(after, after.length - end))) end--;
  const index = new LineIndex(before);
  return {
    range: { start: index.positionAt(start), end: index.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}
