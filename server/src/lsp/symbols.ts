// Outline and folding: sections nested by level with the timeline's entries under the Timeline section;
// folds for sections, front matter and fenced code.
import { type DocumentSymbol, type FoldingRange, type Range, type SymbolInformation, SymbolKind } from 'vscode-languageserver';
import type { Postmortem } from '../core/model';
import type { Section } from '../core/structure';
import { targetOf, type Services } from './documents';

const MAX_NAME = 80;

export async function provideDocumentSymbols(services: Services, params: unknown, hierarchical: boolean): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
  const target = await targetOf(services, params);
  if (target === 'malformed') return null;
  if (target === 'none') return [];
  const symbols = documentSymbols(services.analyzer.parse(target.document, target.settings));
  return hierarchical ? symbols : flatten(symbols, target.document.uri);
}

export async function provideFoldingRanges(services: Services, params: unknown): Promise<FoldingRange[] | null> {
  const target = await targetOf(services, params);
  if (target === 'malformed') return null;
  if (target === 'none') return [];
  return foldingRanges(services.analyzer.parse(target.document, target.settings));
}

function documentSymbols(doc: Postmortem): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const symbols = new Map<Section, DocumentSymbol>();
  const open: Section[] = [];
  for (const section of doc.sections) {
    while (open.length && open[open.length - 1].level >= section.level) open.pop();
    const symbol: DocumentSymbol = {
      name: name(section.title),
      kind: SymbolKind.String,
      range: linesRange(doc, section.line, section.end),
      selectionRange: doc.index.rangeOf(section.titleSpan),
      children: [],
    };
    (open.length ? symbols.get(open[open.length - 1])!.children! : roots).push(symbol);
    symbols.set(section, symbol);
    open.push(section);
  }
  const timeline = doc.timelineSection;
  if (!timeline) return roots;
  for (const entry of doc.timeline) {
    if (entry.line < timeline.bodyStart || entry.line >= timeline.end) continue;
    // Under the innermost section holding it: the Timeline, or a day heading inside it.
    const holder = doc.sections.filter((section) => section.line >= timeline.line && section.line < entry.line && entry.line < section.end).at(-1) ?? timeline;
    const children = symbols.get(holder)!.children!;
    const at = children.findIndex((child) => child.range.start.line > entry.line);
    const symbol: DocumentSymbol = {
      name: name(`${entry.stamp.parts.text} ${entry.text}`),
      kind: SymbolKind.Event,
      range: linesRange(doc, entry.block.start, entry.block.end),
      selectionRange: doc.index.rangeOf(entry.stamp.span),
    };
    children.splice(at < 0 ? children.length : at, 0, symbol);
  }
  return roots;
}

// Clients reject empty names.
function name(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return '(untitled)';
  return trimmed.length > MAX_NAME ? `${trimmed.slice(0, MAX_NAME - 1)}…` : trimmed;
}

/** Lines [start, end) from the first character to the end of the last line's text. */
function linesRange(doc: Postmortem, start: number, end: number): Range {
  const last = Math.max(start, Math.min(end, doc.index.lineCount) - 1);
  return { start: { line: start, character: 0 }, end: doc.index.positionAt(doc.index.lineEnd(last)) };
}

function flatten(symbols: DocumentSymbol[], uri: string, containerName?: string): SymbolInformation[] {
  return symbols.flatMap((symbol) => [
    { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range }, containerName },
    ...flatten(symbol.children ?? [], uri, symbol.name),
  ]);
}

function foldingRanges(doc: Postmortem): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const frontMatterEnd = doc.frontMatter ? doc.frontMatter.endLine : -1;
  if (doc.frontMatter) ranges.push({ startLine: doc.frontMatter.startLine, endLine: frontMatterEnd });
  // Fenced code is what the parser skips after the front matter: each run of skipped lines is one fence.
  const { skipped } = doc.structure;
  for (let line = frontMatterEnd + 1; line < skipped.length; line++) {
    if (!skipped[line]) continue;
    const start = line;
    while (line + 1 < skipped.length && skipped[line + 1]) line++;
    if (line > start) ranges.push({ startLine: start, endLine: line });
  }
  for (const section of doc.sections) {
    // Up to the section's last line with text, so the blank line before the next heading stays visible.
    let end = Math.min(section.end, doc.index.lineCount) - 1;
    while (end > section.line && doc.index.lineText(end).trim() === '') end--;
    if (end > section.line) ranges.push({ startLine: section.line, endLine: end });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
