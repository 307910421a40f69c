// Keyword evidence of timeline entries: read from each entry's text, which is not always its line as written (cells
// joined, markup cleaned, continuation lines joined, the text cut at 500 characters).
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/parse';
import { STRENGTH, wordsBeforeSpaces } from '../../server/src/core/milestones';

/** The keyword evidence of `body` under a Timeline heading, as "line:kind:source" (lines 0-based). */
function keywords(body: string): string[] {
  return parse(`## Timeline\n\n${body}`).evidence
    .filter((item) => item.strength === STRENGTH.keyword)
    .map((item) => `${item.stamp.line}:${item.kind}:${item.source}`);
}

describe('milestones: keywords in timeline entries', () => {
  it('reads each kind once per entry, by the keyword as written', () => {
    assert.deepEqual(keywords('- 10:00 UTC Rolled back the deploy   \n- 10:05 UTC: All clear, errors gone, errors\n'), [
      '2:mitigated:"Rolled back" in the timeline',
      '3:start:"errors" in the timeline',
      '3:resolved:"All clear" in the timeline',
    ]);
  });

  it('reads a 5xx at the end of an entry as an error, and one before a unit as a quantity', () => {
    assert.deepEqual(keywords('- 10:00 UTC status 503   \n- 10:05 UTC took 503 ms\n'), ['2:start:"503" in the timeline']);
  });

  it('reads the text where it is not the line as written', () => {
    // Cells joined by a space: "rolled back" across two cells; "503 ms" a quantity, not an error.
    assert.deepEqual(keywords('| Time | Event |\n| --- | --- |\n| 10:00 UTC | rolled | back |\n| 10:05 UTC | 503 | ms |\n'), [
      '4:mitigated:"rolled back" in the timeline',
    ]);
    // Emphasis removed, a line break tag read as a blank.
    assert.deepEqual(keywords('- 10:00 UTC fail**ed** here\n- 10:05 UTC __resolved__\n- 10:10 UTC rolled<br>back\n'), [
      '2:start:"failed" in the timeline',
      '3:resolved:"resolved" in the timeline',
      '4:mitigated:"rolled back" in the timeline',
    ]);
    // Continuation lines joined to the entry's line.
    assert.deepEqual(keywords('- 10:00 UTC the deploy was rolled\n  back by hand\n'), ['2:mitigated:"rolled back" in the timeline']);
  });

  it('reads a keyword split by a cell or a line break as the text joins it', () => {
    // Every keyword with a space, split at each of its spaces; and a 5xx with its unit after the join.
    const spaced = ['first errors', 'unable to', 'stops responding', 'stopped working', 'became aware', 'reaching out', 'rolled back',
      'fix lands', 'hotfix deployed', 'hotfix was deployed', 'back to normal', 'all clear', 'fully restored', 'incident over',
      'incident is over', '503 ms'];
    for (const keyword of spaced) {
      const words = keyword.split(' ');
      const whole = keywords(`- 10:00 UTC x ${keyword} y\n`);
      for (let split = 1; split < words.length; split++) {
        const before = words.slice(0, split).join(' ');
        const after = words.slice(split).join(' ');
        assert.deepEqual(keywords(`| Time | Event |\n| --- | --- |\n| 10:00 UTC | x ${before} | ${after} y |\n`).map((item) => item.replace(/^4:/, '2:')), whole, keyword);
        assert.deepEqual(keywords(`- 10:00 UTC x ${before}\n  ${after} y\n`), whole, keyword);
      }
    }
  });

  it('finds the words a space follows in a keyword, which decide where a keyword may span a join', () => {
    assert.deepEqual(wordsBeforeSpaces('rolled back'), ['rolled']);
    assert.deepEqual(wordsBeforeSpaces('errors?'), []);
    assert.deepEqual(wordsBeforeSpaces('hotfix (?:was )?deployed'), ['hotfix', 'was']);
    assert.deepEqual(wordsBeforeSpaces('back to (?:normal|nominal)'), ['back', 'to']);
    assert.deepEqual(wordsBeforeSpaces(String.raw`stop(?:s|ped) \w+ing`), ['stop(?:s|ped)']);
    assert.deepEqual(wordsBeforeSpaces(String.raw`(?:re)?stored \w+ly`), ['(?:re)?stored']);
    assert.deepEqual(wordsBeforeSpaces('went down (?:hard|fast) again'), ['went', 'down', '(?:hard|fast)']);
    // A space in a character class follows no word.
    assert.deepEqual(wordsBeforeSpaces(String.raw`5\d\d\b(?![ \t]?ms)`), []);
  });

  it('reads no keyword past the first 500 characters of an entry', () => {
    assert.deepEqual(keywords(`- 10:00 UTC ${'x'.repeat(494)} failed\n- 10:05 UTC ${'x'.repeat(487)} failed\n`), ['3:start:"failed" in the timeline']);
    // Cut after the lines and cells are joined.
    assert.deepEqual(keywords(`- 10:00 UTC ${'x'.repeat(300)}\n  ${'x'.repeat(193)} failed\n- 10:05 UTC ${'x'.repeat(300)}\n  ${'x'.repeat(186)} failed\n`), [
      '4:start:"failed" in the timeline',
    ]);
    assert.deepEqual(keywords(`| 10:00 UTC | ${'x'.repeat(300)} | ${'x'.repeat(193)} failed |\n| 10:05 UTC | ${'x'.repeat(300)} | ${'x'.repeat(186)} failed |\n`), [
      '3:start:"failed" in the timeline',
    ]);
  });
});
