// What parse reads around its scan: the scope of zone declarations, line starts, table cells.
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/parse';

describe('parse: zone declaration scopes', () => {
  it('a declaration covers the rest of the innermost section around it, asked line after line', () => {
    const text = [
      '# Incident', //           0
      '## Timeline', //          1
      '### Day one', //          2
      'All times in PST.', //    3
      '- 10:00 start', //        4
      '### Day two', //          5
      '- 11:00 more', //         6
      'Times are in CET.', //    7
      '## Appendix', //          8
      'All times in UTC.', //    9
      '- 12:00 end', //         10
    ].join('\n');
    const scopes = parse(text).declarations.map((declaration) => [declaration.line, declaration.scope.start, declaration.scope.end]);
    assert.deepEqual(scopes, [[3, 3, 5], [7, 7, 8], [9, 9, 11]]);
  });

  it('a declaration on a heading covers its section; under the title it covers the document', () => {
    const text = ['# All times in UTC', 'intro', '## Timeline (all times in PST)', '- 10:00 start', '## Notes', 'text'].join('\n');
    const scopes = parse(text).declarations.map((declaration) => [declaration.line, declaration.scope.start, declaration.scope.end]);
    assert.deepEqual(scopes, [[0, 1, 6], [2, 3, 4]]);
  });
});

describe('parse: lines and table cells', () => {
  it('finds every line start with or without carriage returns', () => {
    for (const text of ['a\nbb\n\nccc\n', 'a\r\nbb\r\n\r\nccc\r\n', '\ufeffa\nbb']) {
      const starts = parse(text).index.lineStarts;
      const expected = [text.startsWith('\ufeff') ? 1 : 0];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) expected.push(i + 1);
      }
      assert.deepEqual([...starts], expected);
    }
  });

  it('keeps a cell after the last pipe only when it holds text', () => {
    const text = ['| a | b |', '| --- | --- |', '| 10:00 | x |  ', '| 11:00 | y \\|', '| 12:00 | w |\u00a0'].join('\n');
    const cells = parse(text).structure.cells;
    const texts = (line: number) => cells.get(line)!.map((span) => text.slice(span.start, span.end));
    assert.deepEqual(texts(2), ['10:00', 'x']);
    // The last pipe is escaped: the text after the one before it is a cell.
    assert.deepEqual(texts(3), ['11:00', 'y \\|']);
    assert.deepEqual(texts(4), ['12:00', 'w']);
  });
});
