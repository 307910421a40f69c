// Completion, hover and document symbols through VS Code's own provider commands: what test/lsp/server.test.ts
// expects of the server, seen through the language client and the editor.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors, diagnosticWith, hoverText, insertedText, labelOf, open, seed, SEED_004, writeWorkspaceFile,
} from './helpers';

// Our own Markdown postmortem (front matter makes it one wherever it is), a zone being typed on line 10.
const TYPING_A_ZONE = ['---', 'title: Checkout outage', 'postmortem: true', '---', '', '# Checkout outage', '', '## Summary', '', 'Alert fired at 10:20 P', ''].join('\n');

function rangeOf(item: vscode.CompletionItem): vscode.Range | undefined {
  const { range } = item;
  return range instanceof vscode.Range ? range : range?.replacing;
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

export function languageSuite(): void {
  describe('completion, hover and symbols', () => {
    let uri: vscode.Uri;

    before(async () => {
      // Seed 004 with its duration changed to 4h15min, as in the LSP tests.
      uri = await writeWorkspaceFile('incidents/004-language.txt', seed(SEED_004).replace('4h25min', '4h15min'));
      await open(uri);
      await diagnosticWith(uri, 'duration-mismatch');
    });

    after(closeAllEditors);

    it('completes a stamp for now (UTC) in the timeline\'s format on an empty Timeline line', async () => {
      const before = Date.now();
      const items = await completions(uri, new vscode.Position(23, 0));
      const stamps = items.filter((item) => /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\]$/.test(labelOf(item)));
      assert.equal(stamps.length, 1, JSON.stringify(items.map(labelOf)));
      const [stamp] = stamps;
      const label = labelOf(stamp);
      const minute = (time: number) => `[${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC]`;
      assert.ok([minute(before), minute(Date.now())].includes(label), `${label} is the current UTC minute`);
      assert.equal(insertedText(stamp), `${label} `);
      assert.deepEqual(rangeOf(stamp), new vscode.Range(23, 0, 23, 0));
    });

    it('completes the missing section at the start of a line, in the document\'s heading style (a bare line)', async () => {
      const items = await completions(uri, new vscode.Position(1, 0));
      const sections = items.filter((item) => item.kind !== vscode.CompletionItemKind.Snippet);
      assert.deepEqual(sections.map((item) => [labelOf(item), insertedText(item)]), [['Root cause', 'Root cause']]);
    });

    it('completes zone names after a time, UTC before the others', async () => {
      const markdown = await writeWorkspaceFile('notes/checkout-zones.md', TYPING_A_ZONE);
      await open(markdown);
      await diagnosticWith(markdown, 'missing-section');
      const items = await completions(markdown, new vscode.Position(9, 22));
      const labels = items.map(labelOf);
      const utc = labels.indexOf('UTC');
      assert.ok(utc >= 0 && labels.includes('PST'), JSON.stringify(labels));
      assert.ok(utc < labels.indexOf('PST'));
      assert.deepEqual(rangeOf(items[utc]), new vscode.Range(9, 21, 9, 22));
    });

    it('hovers a stamp: its UTC value, zone, date source and the impact start', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(22, 5));
      const text = hoverText(hovers);
      assert.match(text, /2023-06-12 19:19 UTC/);
      assert.match(text, /Zone: UTC, as written/);
      assert.match(text, /Date: as written/);
      assert.match(text, /This is the impact start/);
      const later = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(24, 12)));
      assert.match(later, /52m after the impact start, 19:19 UTC \(line 23/);
    });

    it('hovers a stated duration: the interval it claims and the computed value', async () => {
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(8, 26)));
      assert.match(text, /\*\*4h15min\*\* \(Duration of incident\) = 255 minutes/);
      assert.match(text, /impact start → end of impact/);
      assert.match(text, /From 19:19 UTC \(line 23, [^)]*\) to 23:44 UTC \(line 33, [^)]*\): 4h25m \(265 minutes\)/);
    });

    it('lists the sections as document symbols (the outline), with the timeline entries under Timeline', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      assert.deepEqual(symbols.map((symbol) => symbol.name), ['Symptoms', 'Summary', 'Timeline', 'Mitigation strategy', 'Follow-up actions: preventing future failures']);
      const timeline = symbols[2];
      assert.equal(timeline.children.length, 6);
      assert.match(timeline.children[0].name, /^2023-06-12 19:19 UTC Errors were returned/);
      assert.deepEqual(timeline.children[0].selectionRange, new vscode.Range(22, 1, 22, 21));
    });
  });
}
