// Push diagnostics: validate on open and change after the debounce, publish only for the version validated
// (with `version` set), clear on close. Each diagnostic carries its fixes, so code actions need no cache.
// Postmortems without a chosen template also get the template hint (not a rule; see TEMPLATE_HINT_CODE).
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import { detectTemplate, type Finding, type Fix, type Severity } from '../core';
import { CONFIG_FILE_NAME } from '../workspace/config';
import type { Analyzer } from './analysis';
import { isPostmortemDocument, type Services } from './documents';
import { describeError } from './log';
import { isConfigUri, type DocumentSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'postmortem';
const RULE_DOCS = 'https://github.com/postmortem-studio/postmortem-studio#';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const Position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const Range = z.object({ start: Position, end: Position });

/** `Diagnostic.data`, as sent and as read back from a code action request (clients may send anything). */
export const DiagnosticData = z.object({
  /** The document version the fixes' ranges refer to. */
  version: z.number().int(),
  fixes: z.array(z.object({
    title: z.string(),
    isPreferred: z.boolean(),
    edits: z.array(z.object({ range: Range, newText: z.string() })),
  })),
});

/**
 * Not a rule (rule names are a contract, and this finds nothing wrong): an Information diagnostic on the first line
 * of a postmortem that nothing chose a template for, naming the built-in template its headings fit better. Its code
 * action creates the `.postmortem.yaml` it suggests.
 */
export const TEMPLATE_HINT_CODE = 'template-hint';

/** `Diagnostic.data` of the template hint. */
export const TemplateHintData = z.object({ template: z.string() });

function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: { version: number; fixes: Fix[] } = { version, fixes: finding.fixes };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: RULE_DOCS + finding.rule },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/**
 * What a validation publishes for a postmortem: its findings, and the template hint when nothing chose a template.
 * The warm-up (warmup.ts) runs it on its sample, with its own analyzer, so that it compiles what edits run.
 */
export function diagnosticsOf(analyzer: Analyzer, document: TextDocument, settings: DocumentSettings): Diagnostic[] {
  return [...analyzer.findings(document, settings).map((finding) => toDiagnostic(finding, document.version)), ...templateHint(analyzer, document, settings)];
}

function templateHint(analyzer: Analyzer, document: TextDocument, settings: DocumentSettings): Diagnostic[] {
  if (settings.templateChosen) return [];
  const guess = detectTemplate(analyzer.parse(document, settings));
  if (!guess || guess.template.name === settings.template.name) return [];
  const { name } = guess.template;
  const firstLine = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
  const data: z.infer<typeof TemplateHintData> = { template: name };
  return [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
    severity: DiagnosticSeverity.Information,
    code: TEMPLATE_HINT_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `Closest built-in template: ${name} (${guess.matched}/${guess.required} sections). Add a ${CONFIG_FILE_NAME} with \`extends: ${name}\` to check against it.`,
    data,
  }];
}

export class Validator {
  /** Per document, the latest scheduled validation; an older one finding a newer generation here gives up. */
  private readonly pending = new Map<string, { generation: number; timer?: NodeJS.Timeout }>();
  private generation = 0;

  /** `validated` is called after each validation, whether it published or gave up. */
  constructor(private readonly services: Services, private readonly connection: Connection, private readonly validated: () => void) {}

  /** No validation waiting for its debounce or running. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  schedule(document: TextDocument): void {
    const { uri } = document;
    this.cancel(uri);
    const generation = ++this.generation;
    const state: { generation: number; timer?: NodeJS.Timeout } = { generation };
    this.pending.set(uri, state);
    this.services.settings.resolveSettings(uri).then((settings) => {
      if (this.pending.get(uri) !== state) return;
      const run = () => void this.validate(uri, generation);
      // Even "immediate" waits for the messages already received: a burst of changes validates only the last.
      if (settings.debounce === 0) setImmediate(run);
      else state.timer = setTimeout(run, settings.debounce);
    }, (error: unknown) => this.services.log.error(`Validating ${uri} failed: ${describeError(error)}`));
  }

  /** Every open document but `.postmortem.yaml` buffers (validated as configs, see config-problems.ts). */
  revalidateAll(): void {
    for (const document of this.services.documents.all()) if (!isConfigUri(document.uri)) this.schedule(document);
  }

  /** On close: nothing pending is published and the document's diagnostics are cleared. */
  clear(uri: string): void {
    this.cancel(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] })
      .catch((error: unknown) => this.services.log.error(`Clearing the diagnostics of ${uri} failed: ${describeError(error)}`));
  }

  private cancel(uri: string): void {
    clearTimeout(this.pending.get(uri)?.timer);
    this.pending.delete(uri);
  }

  private isCurrent(uri: string, generation: number): boolean {
    return this.pending.get(uri)?.generation === generation;
  }

  private async validate(uri: string, generation: number): Promise<void> {
    try {
      const { documents, settings: store, analyzer, log } = this.services;
      const settings = await store.resolveSettings(uri);
      const document = documents.get(uri);
      if (!document || !this.isCurrent(uri, generation)) return;
      const { version } = document;
      const started = performance.now();
      const diagnostics = isPostmortemDocument(document, settings)
        ? diagnosticsOf(analyzer, document, settings)
        : [];
      const elapsed = performance.now() - started;
      // Changes that arrived while linting are applied first; a result for an older version is never published.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!this.isCurrent(uri, generation) || documents.get(uri)?.version !== version) return;
      this.pending.delete(uri);
      if (settings.trace === 'verbose') log.info(`Validated ${uri} v${version} in ${elapsed.toFixed(1)} ms: ${diagnostics.length} diagnostics`);
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.services.log.error(`Validating ${uri} failed: ${describeError(error)}`);
    } finally {
      this.validated();
    }
  }
}
