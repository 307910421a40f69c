import assert from 'node:assert/strict';
import { timelineToMermaid, type TimelineData, type TimelineEntryData } from '../../server/src/core';

function entry(utc: string | null, text: string, extra: Partial<TimelineEntryData> = {}): TimelineEntryData {
  return {
    line: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
    stamp: utc ?? '??',
    utc,
    zone: 'UTC',
    dateInferred: false,
    text,
    milestones: [],
    problems: [],
    ...extra,
  };
}

const data: TimelineData = {
  title: 'Checkout: errors #2; 100% of carts',
  declaredZone: null,
  order: 'ascending',
  entries: [
    entry('2023-11-28T23:50:00.000Z', 'Deploy v2: started', { milestones: [] }),
    entry('2023-11-28T23:58:30.000Z', 'Errors hit 40%% of <checkout> & cart;\nsee #ops', { milestones: ['start'] }),
    entry('2023-11-29T00:20:00.000Z', 'Rolled back', { milestones: ['mitigated', 'resolved'] }),
    entry(null, '', { stamp: '25:10' }),
  ],
  milestones: {
    start: { kind: 'start', utc: '2023-11-28T23:58:30.000Z', line: 3, source: '"errors" in the timeline' },
    resolved: { kind: 'resolved', utc: '2023-11-29T00:20:00.000Z', line: 4, source: 'field "Resolved: yes"' },
  },
  metrics: { timeToResolve: 22, impactDuration: 1567 },
};

/**
 * What Mermaid's timeline lexer accepts, after Mermaid's own step that turns entity codes (`#58;`) into
 * placeholders: a title line, section lines without `:`, and `period : event : …` lines where no part holds
 * `:`, `#`, `;` or `%%`.
 */
function assertParsable(diagram: string): void {
  const encoded = diagram.replace(/#\w+;/g, (code) => `\uFB02\u00B0\u00B0${code.slice(1, -1)}\u00B6\u00DF`);
  const [header, ...lines] = encoded.split('\n');
  assert.equal(header, 'timeline');
  for (const line of lines) {
    const ok = /^ {4}title [^\n#;%]+$/.test(line)
      || /^ {4}section [^:\n#;%]+$/.test(line)
      || /^ {8}[^:\n#;%]+( : [^:\n#;%]+)+$/.test(line);
    assert.ok(ok, `not valid timeline syntax: ${JSON.stringify(line)}`);
  }
}

describe('core: timelineToMermaid', () => {
  const diagram = timelineToMermaid(data);
  const lines = diagram.split('\n');

  it('produces only lines Mermaid timeline syntax accepts', () => {
    assertParsable(diagram);
  });

  it('escapes colons, #, ;, % and markup with entity codes, and folds line breaks', () => {
    assert.equal(lines[1], '    title Checkout#58; errors #35;2#59; 100#37; of carts');
    assert.ok(lines.includes('        23#58;58#58;30 : Errors hit 40#37;#37; of #60;checkout#62; #38; cart#59; see #35;ops : Impact start'));
  });

  it('groups entries by UTC day and marks their milestones', () => {
    assert.deepEqual(lines.slice(2, 9), [
      '    section 2023-11-28 UTC',
      '        23#58;50 : Deploy v2#58; started',
      '        23#58;58#58;30 : Errors hit 40#37;#37; of #60;checkout#62; #38; cart#59; see #35;ops : Impact start',
      '    section 2023-11-29 UTC',
      '        00#58;20 : Rolled back : Mitigated : Resolved',
      '    section Times not resolved',
      '        25#58;10 : 25#58;10',
    ]);
  });

  it('lists milestones with their source, and metrics as durations', () => {
    assert.deepEqual(lines.slice(9), [
      '    section Milestones',
      '        Impact start : 2023-11-28 23#58;58#58;30 UTC ("errors" in the timeline)',
      '        Resolved : 2023-11-29 00#58;20 UTC (field "Resolved#58; yes")',
      '    section Metrics',
      '        Time to resolve : 22min',
      '        Impact duration : 1d 2h 7min',
    ]);
  });

  it('is just the header for an empty timeline', () => {
    assert.equal(timelineToMermaid({ title: null, declaredZone: null, order: 'empty', entries: [], milestones: {}, metrics: {} }), 'timeline');
  });
});
