// The server's cache of analyses: one parse and lint per document version, kept for the last document used only.
import assert from 'node:assert/strict';
import type { RemoteConsole } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultTemplate } from '../../server/src/core/template';
import { Analyzer } from '../../server/src/lsp/analysis';
import { Log } from '../../server/src/lsp/log';
import type { DocumentSettings } from '../../server/src/lsp/settings';
import { seed004WithMismatch } from './client';

const SETTINGS: DocumentSettings = {
  template: defaultTemplate,
  severities: {},
  debounce: 0,
  trace: 'off',
  filePath: null,
  configPath: null,
  templateChosen: false,
  isPostmortem: () => true,
};

const silent = new Log({ info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as RemoteConsole);

describe('analyses in the server', () => {
  const text = seed004WithMismatch();
  const open = (name: string) => TextDocument.create(`file:///incidents/${name}.txt`, 'plaintext', 1, text);

  it('parses and lints a document version once for every request about it', () => {
    const analyzer = new Analyzer(silent);
    const document = open('once');
    const findings = analyzer.findings(document, SETTINGS);
    assert.ok(findings.some((finding) => finding.rule === 'duration-mismatch'));
    const model = analyzer.parse(document, SETTINGS);
    assert.equal(analyzer.parse(document, SETTINGS), model);
    assert.equal(analyzer.findings(document, SETTINGS), findings);
  });

  it('keeps the analysis of the last document used only, and analyses another one again with the same results', () => {
    const analyzer = new Analyzer(silent);
    const [first, second] = [open('first'), open('second')];
    const findings = analyzer.findings(first, SETTINGS);
    const model = analyzer.parse(first, SETTINGS);
    analyzer.findings(second, SETTINGS);
    const again = analyzer.findings(first, SETTINGS);
    assert.notEqual(analyzer.parse(first, SETTINGS), model);
    assert.notEqual(again, findings);
    assert.deepEqual(again, findings);
  });

  it('analyses a new version or new settings again, and forgets a closed document', () => {
    const analyzer = new Analyzer(silent);
    const document = open('changed');
    const before = analyzer.parse(document, SETTINGS);
    TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], 2);
    const changed = analyzer.parse(document, SETTINGS);
    assert.notEqual(changed, before);
    const otherSettings = { ...SETTINGS };
    const resettled = analyzer.parse(document, otherSettings);
    assert.notEqual(resettled, changed);
    assert.equal(analyzer.parse(document, otherSettings), resettled);
    analyzer.forget(document.uri);
    assert.notEqual(analyzer.parse(document, otherSettings), resettled);
  });

  // Scans are reused by identity: a stamp read from a line the edit did not touch is the same object.
  it('scans again only the lines an edit changed, for the document worked on last', () => {
    const analyzer = new Analyzer(silent);
    const document = open('edited');
    const before = analyzer.parse(document, SETTINGS);
    const edited = before.stamps.find((stamp) => !stamp.inFrontMatter)!.line;
    const end = { line: edited, character: document.getText().split('\n')[edited].length };
    TextDocument.update(document, [{ range: { start: end, end }, text: ' x' }], 2);
    const after = analyzer.parse(document, SETTINGS);
    assert.equal(after.stamps.length, before.stamps.length);
    const reused = after.stamps.filter((stamp, i) => stamp.parts === before.stamps[i].parts);
    assert.deepEqual([...new Set(after.stamps.filter((stamp) => !reused.includes(stamp) && !stamp.inFrontMatter).map((stamp) => stamp.line))], [edited]);

    analyzer.parse(open('other'), SETTINGS);
    TextDocument.update(document, [{ range: { start: end, end }, text: ' y' }], 3);
    const again = analyzer.parse(document, SETTINGS);
    assert.ok(again.stamps.every((stamp, i) => stamp.parts !== after.stamps[i].parts), 'another document was parsed in between: no scans kept');
  });
});
