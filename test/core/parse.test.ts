// What parse reads around its scan: the scope of zone declarations, line starts, table cells.
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/parse';
import { scanPiece } from '../../server/src/core/scans';

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

  // Parse scans a table row whole, not cell by cell: it must find what each cell's own scan finds.
  it('reads a table row as it reads each of its cells', () => {
    const rows = [
      '| 1600 | 1600 MW |', '| -- | 0930 |', '| 11.50 | deploy at 11.50 |', '|1|PM|', '| Monday | 12 Feb 2024 |',
      '| 10:00 - 11:00 UTC | x |', '| 10:00 - | 11:00 |', '| 10:00 to | 11:00 |', '| between | 10:00 and 11:00 |',
      '| 2024-02-12 | 19:20 |', '|Feb|12|', '| 12 | Feb |', '| 3 hours |and 5 minutes|', '| five | minutes |',
      '| PT5M | P |', '|\u00a012:00\u00a0| 1 h |', '|a\\|12:00|', '| 19:20 UTC |  2 h 5 m  |', '  | 23:55 | 00:10 PST |',
      '| 10:00 | www.example.com|12:00 |', '| 10:00 `a|b` 11:00 |', '| 10:00 | <b>|11:00 |',
    ];
    for (const row of rows) {
      const doc = parse(`${row}\n`);
      const cells = doc.structure.cells.get(0)!;
      const expected = { stamps: [] as unknown[], durations: [] as unknown[] };
      cells.forEach((cell, i) => {
        const scan = scanPiece(row.slice(cell.start, cell.end), i === 0);
        for (const stamp of scan.stamps) expected.stamps.push([cell.start + stamp.start, cell.start + stamp.end, stamp.text, stamp.style.pattern]);
        for (const duration of scan.durations) expected.durations.push([cell.start + duration.start, cell.start + duration.end, duration.minutes]);
      });
      const found = {
        stamps: doc.stamps.map((stamp) => [stamp.span.start, stamp.span.end, stamp.parts.text, stamp.parts.style.pattern]),
        durations: doc.durations.map((duration) => [duration.span.start, duration.span.end, duration.match.minutes]),
      };
      assert.deepEqual(found, expected, row);
    }
  });
});
