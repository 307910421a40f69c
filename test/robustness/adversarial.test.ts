// Hostile inputs: long runs of one character, a 1 MB line, 100k short lines, and documents built to make a
// quadratic step show (thousands of inline controls, zone declarations, stated durations, out-of-order
// entries). Each is linted once and must finish far inside a generous bound: this guards against
// catastrophic backtracking and accidental O(n²), it is not a benchmark (scripts/bench.mjs is).
import assert from 'node:assert/strict';
import { lint } from '../../server/src/core';
import { lintDocument } from '../../server/src/core/lint';
import { parse } from '../../server/src/core/parse';
import { rules } from '../../server/src/core/rules';
import { checkFindingsInside, timed } from './helpers';

const { oneMegabyteLines, runsOfOneCharacter } = require('../../scripts/hostile.mjs') as {
  oneMegabyteLines: () => { name: string; text: string }[];
  runsOfOneCharacter: () => { name: string; text: string }[];
};

/** Far above the expected times (single-digit to tens of ms): only a blow-up fails. */
const BOUND_MS = 1000;
const K50 = 50 * 1024;

function lintsQuickly(name: string, text: string, bound = BOUND_MS): void {
  // Warm the engine once on a small document so the first measured input does not pay for JIT and module start.
  lint('# Warm up\n\n## Timeline\n\n- 10:00 UTC start\n');
  const { ms, result } = timed(() => lint(text));
  console.log(`      ${name}: ${(text.length / 1024).toFixed(0)} KB, ${result.length} findings, ${ms.toFixed(1)} ms`);
  checkFindingsInside(text, result);
  assert.ok(ms < bound, `${name} took ${ms.toFixed(0)} ms (bound ${bound} ms)`);
}

describe('robustness: adversarial inputs lint in bounded time', () => {
  describe('50 KB of one character', () => {
    for (const { name, text } of runsOfOneCharacter()) it(name, () => lintsQuickly(name, text));
  });

  describe('50 KB of a repeated near-miss', () => {
    const pieces: Record<string, string> = {
      'digit space': '1 ',
      'digit colon': '1:',
      'clock times': '12:34 ',
      'dates': '2024-01-01 ',
      'table row': '| a ',
      'durations': '5h ',
      'number words': 'seven hours and ',
      'declaration': 'All times in ',
      'html': '<a ',
      'inline control': '<!-- postmortem-disable ',
      'url': 'https://x.example/',
      'month names': 'March 3, ',
      'meridiem': '1 pm ',
      'ranges': '10:00 - ',
      'zone words': 'UTC PST ',
      'emphasis': '**x** ',
      'placeholders': '??-',
    };
    for (const [name, piece] of Object.entries(pieces)) {
      it(name, () => lintsQuickly(name, piece.repeat(Math.ceil(K50 / piece.length))));
      it(`${name}, one a line`, () => lintsQuickly(`${name} lines`, `${piece}\n`.repeat(Math.ceil(K50 / (piece.length + 1)))));
    }
  });

  describe('a 1 MB single line', () => {
    // Timeline text has about 11,600 findings with fixes: far more work than the other inputs, so a bound of its own.
    for (const { name, text } of oneMegabyteLines()) it(name, () => lintsQuickly(`1 MB line of ${name}`, text, name === 'timeline text' ? 3000 : BOUND_MS));
  });

  it('100k short lines', () => lintsQuickly('100k lines', 'a\n'.repeat(100_000)));

  // 100,000 findings, each with fixes: a bound of its own.
  it('100k stamped lines', () => lintsQuickly('100k stamped lines', '12:00 x\n'.repeat(100_000), 3000));

  // The attack strings recheck reported for regexes it found vulnerable, at the places the engine applies them.
  describe('attacks on regexes recheck found vulnerable', () => {
    const n = 50_000;
    const attacks: Record<string, string> = {
      'ATX heading with a long run of tabs (closing-hashes regex)': `# a${'\t'.repeat(n)}x\n`,
      'table row that nearly is a separator': `|-${' '.repeat(n)}x|\n`,
      'table separator with tabs between dashes': `|${'\t'.repeat(n / 2)}-\t${'\t'.repeat(n / 2)}\t-|\n`,
      'label before a stamp with a long run of spaces': `AAA${' '.repeat(n)}\u0000 12:00 UTC\n`,
      'whitespace before a timeline stamp': `## Timeline\n\n${' \t'.repeat(n / 2)}]12:00 UTC x\n`,
      'whitespace before a pipe in an entry': `## Timeline\n\n- 12:00 UTC a${'\t'.repeat(n)}\u0000|\n`,
      'unclosed inline controls': `s${'<!--postmortem-enable\td'.repeat(n / 24)}o><!--postmortem-enable-->\n`,
      'field-like line': `%__ ${' '.repeat(n)}   \n`,
      'placeholder-like brackets': `D${'F[add?D'.repeat(n / 7)}\n`,
    };
    for (const [name, text] of Object.entries(attacks)) it(name, () => lintsQuickly(name, text));
  });

  describe('documents that would expose a quadratic step', () => {
    it('thousands of inline controls, each before a finding', () => {
      lintsQuickly('inline controls', '<!-- postmortem-disable-next-line timestamp-missing-zone -->\n12:00 a\n'.repeat(5_000));
    });
    it('thousands of zone declarations', () => lintsQuickly('declarations', 'All times in PST. 12:00 x\n'.repeat(5_000)));
    it('thousands of sections each declaring a zone', () => lintsQuickly('declaring sections', '## Notes\nAll times in PST. 12:00 x\n'.repeat(5_000)));
    it('thousands of stated durations next to timeline entries', () => {
      lintsQuickly('claims', `## Timeline\n${'- 12:00 UTC errors, alert, rolled back, resolved\nDuration: 5h\n'.repeat(3_000)}`);
    });
    it('thousands of inverted ranges', () => lintsQuickly('ranges', '12:00 - 11:00 UTC\n'.repeat(5_000)));
    it('thousands of stamps with the wrong DST abbreviation', () => lintsQuickly('dst', '- [2024-07-01 12:00 PST] x\n'.repeat(5_000)));
    it('a timeline where every other entry is out of order', () => {
      const lines = Array.from({ length: 5_000 }, (_, i) => `- [2024-01-0${1 + (i % 2)} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} UTC] e`);
      lintsQuickly('out of order', `## Timeline\n\n${lines.join('\n')}\n`);
    });
    // Each time, converted to UTC, falls on the next day: a fix that took along every stamp after it that would then
    // read another day had thousands of edits per finding (a helper's attempt took 28 s on 2,000 entries).
    it('a long timeline in a zone whose times cross midnight in UTC', () => {
      const clock = (minutes: number) => `${((Math.floor(minutes / 60) + 11) % 12) + 1}:${String(minutes % 60).padStart(2, '0')} PM`;
      const lines = Array.from({ length: 3_000 }, (_, i) => `- ${clock(16 * 60 + 1 + Math.floor(i / 15))} PST event ${i}`);
      lintsQuickly('crossing midnight in UTC', `## Timeline\n\n- 2024-01-01 4:00 PM PST start\n${lines.join('\n')}\n`);
    });
    // Every conversion of a stamp to UTC moved its day, and a fix read every stamp after its own on the line as one that
    // reads its date, and converted them too: a pasted line of 2,000 such stamps took minutes (cubic).
    describe('a pasted line of thousands of stamps in another zone', () => {
      const attacks: Record<string, string> = {
        stamps: `- 2024-01-01 ${'01:00 IST, '.repeat(4_000)}\n`,
        ranges: `- 2024-01-01 ${'01:00 IST to 02:00 IST, '.repeat(2_000)}\n`,
        'inverted ranges': `- 2024-01-01 ${'02:00 IST to 01:00 IST, '.repeat(2_000)}\n`,
        'under a declaration': `All times in IST.\n\n- 2024-01-01 ${'01:00 to 02:00, '.repeat(3_000)}\n`,
      };
      for (const [name, text] of Object.entries(attacks)) it(name, () => lintsQuickly(`one line of ${name}`, `## Timeline\n\n${text}`));
    });
    // Up to LINE_READERS stamps after each (rules/ranges.ts) are followed: each conversion converts the others along and
    // checks every one of them, so lines just under that bound are the costliest there are (31 a line took 3 s for 400
    // lines when it was 32).
    it('lines of eight stamps in another zone, each read on the next day in UTC', () => {
      const line = (day: number) => `- 2024-01-${String(1 + (day % 28)).padStart(2, '0')} ${Array.from({ length: 8 }, (_, i) => `4:0${i} PM PST`).join(', ')}`;
      lintsQuickly('crowded lines', `## Timeline\n\n${Array.from({ length: 400 }, (_, day) => line(day)).join('\n')}\n`);
    });
    // Each conversion that writes a date checked the stamps above the first written date, from the first stamp on.
    it('thousands of stamps in another zone before the first written date', () => {
      lintsQuickly('before the first date', `## Timeline\n\n${'- 01:00 IST x\n'.repeat(20_000)}- 2024-01-01 x\n`);
    });
    // Each Timeline section marked its lines' markup in an array of the whole document's lines, searched from its start.
    it('thousands of Timeline sections', () => lintsQuickly('timeline sections', '## Timeline\n- 10:00 UTC x\n'.repeat(40_000)));
    // The YAML library checked each key against every earlier key of its map, and resolved each alias by scanning
    // every node before it.
    it('a front matter of thousands of distinct keys', () => {
      lintsQuickly('distinct keys', `---\n${Array.from({ length: 10_000 }, (_, i) => `k${i}: 1`).join('\n')}\n---\n# T\n`);
    });
    it('a front matter of thousands of anchors and aliases', () => {
      lintsQuickly('anchors', `---\nl:\n${Array.from({ length: 10_000 }, (_, i) => `  - &a${i} 1\n  - *a${i}`).join('\n')}\n---\n# T\n`);
    });
    it('a long status page of updates', () => lintsQuickly('updates', 'Resolved\n\nThe fix is out.\n\nJul 13, 2023, 11:26 PM UTC\n\n'.repeat(3_000)));
    it('a long front matter', () => lintsQuickly('front matter', `---\n${'key: 2024-01-01 10:00\n'.repeat(10_000)}---\n# T\n`));
    it('thousands of empty sections of the same name', () => lintsQuickly('same sections', '## Summary\n\n'.repeat(20_000)));

    // Counted, not timed: a rule that searches the sections above each section (duplicate-section did, and 20,000
    // sections took 590 ms) or all sections for each line (empty-section did) reads them quadratically often,
    // however fast the machine.
    it('the section rules read each section a bounded number of times', () => {
      const count = 5_000;
      const doc = parse('## Summary\n\n'.repeat(count));
      let reads = 0;
      const sections = new Proxy(doc.sections, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
      const sectionRules = rules.filter((rule) => rule.tags.includes('sections'));
      const findings = lintDocument({ ...doc, sections, structure: { ...doc.structure, sections } }, { rules: sectionRules });
      // Every section but the first repeats it, and every one is empty.
      assert.equal(findings.filter((finding) => finding.rule === 'duplicate-section').length, count - 1);
      assert.equal(findings.filter((finding) => finding.rule === 'empty-section').length, count);
      assert.ok(reads <= 10 * count, `${reads} reads of ${count} sections`);
    });
  });
});
