// The engine as the server runs it: one parse and lint per version of the document being worked on (diagnostics,
// hover, completion, symbols and code actions share it), a rule that throws is logged once and skipped, and fixes are
// applied to a fixed point.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, type Finding } from '../core';
import { lintDocument, type LintOptions } from '../core/lint';
import type { Postmortem } from '../core/model';
import { parse } from '../core/parse';
import { rules as registry, type Rule } from '../core/rules';
import { ScanCache } from '../core/scans';
import { describeError, type Log } from './log';
import type { DocumentSettings } from './settings';

/**
 * How many documents keep their analysis (the parsed model and the findings). A model is about 15 times the size of
 * its text (1.6 MB for 2,000 lines); only the document being worked on asks for it again soon (hover, completion,
 * symbols, code actions after each change), and another document's analysis is computed again when asked for.
 * One, measured with `node scripts/bench-lsp.mjs`: with 50 open 2,000-line documents, keeping two raised the
 * server's RSS by about 15 MB, keeping every one by about 60 MB.
 */
const ANALYSES_KEPT = 1;

interface Analysis {
  version: number;
  settings: DocumentSettings;
  doc: Postmortem;
  findings?: Finding[];
}

export class Analyzer {
  /** The analyses of the most recently used documents, least recent first (a Map keeps insertion order). */
  private readonly recent = new Map<string, Analysis>();
  /**
   * The line scans of the document parsed last: its next version re-scans only the lines an edit changed. One
   * document's, like the analyses: another document's scans are rebuilt by its next parse.
   */
  private scans: { uri: string; cache: ScanCache } | undefined;

  constructor(private readonly log: Log, private readonly rules: readonly Rule[] = registry) {}

  options(settings: DocumentSettings): LintOptions {
    return {
      template: settings.template,
      severities: settings.severities,
      rules: this.rules,
      onRuleError: (rule, error) => this.log.errorOnce(`rule:${rule.name}`, `Rule ${rule.name} (${rule.id}) failed and was skipped: ${describeError(error)}`),
    };
  }

  parse(document: TextDocument, settings: DocumentSettings): Postmortem {
    return this.analysis(document, settings).doc;
  }

  findings(document: TextDocument, settings: DocumentSettings): Finding[] {
    const analysis = this.analysis(document, settings);
    analysis.findings ??= lintDocument(analysis.doc, this.options(settings));
    return analysis.findings;
  }

  /** The text after fix-all of the selected findings, starting from the findings of the document as it is. */
  fixToFixedPoint(document: TextDocument, settings: DocumentSettings, select: (finding: Finding) => boolean): string {
    const options = this.options(settings);
    const lintText = (text: string) => lintDocument(parse(text, { template: settings.template }), options);
    return fixAll(document.getText(), lintText, { findings: this.findings(document, settings), select }).text;
  }

  forget(uri: string): void {
    this.recent.delete(uri);
    if (this.scans?.uri === uri) this.scans = undefined;
  }

  private analysis(document: TextDocument, settings: DocumentSettings): Analysis {
    const { uri, version } = document;
    let analysis = this.recent.get(uri);
    this.recent.delete(uri);
    if (!analysis || analysis.version !== version || analysis.settings !== settings) {
      // Room is made before parsing, so that the model being built is one of the ANALYSES_KEPT alive.
      for (const leastRecent of this.recent.keys()) {
        if (this.recent.size < ANALYSES_KEPT) break;
        this.recent.delete(leastRecent);
      }
      if (this.scans?.uri !== uri) this.scans = { uri, cache: new ScanCache() };
      analysis = { version, settings, doc: parse(document.getText(), { template: settings.template, scans: this.scans.cache }) };
    }
    this.recent.set(uri, analysis);
    return analysis;
  }
}

/** Test hook: the registry with `name`'s check replaced by one that throws. */
export function withCrashingRule(name: string): readonly Rule[] {
  return registry.map((rule) => (rule.name === name ? {
    ...rule,
    check: () => {
      throw new Error(`${name} crashed on purpose (POSTMORTEM_TEST_CRASH_RULE)`);
    },
  } : rule));
}
