// Bugs the robustness work found, each pinned by the smallest input that showed it.
import assert from 'node:assert/strict';
import { applyFixes, buildTimeline, fixAll, lint, type Finding, type Position, type Range } from '../../server/src/core';
import { scanDurations } from '../../server/src/core/durations';
import { parse } from '../../server/src/core/parse';
import { checkFindingsInside, timed } from './helpers';

/** Lint options for the fragments below: without the missing sections' skeletons, fix-all's output is the fragment's. */
const NO_SECTIONS = { severities: { 'missing-section': 'off' as const } };

describe('robustness: regressions', () => {
  describe('durations written with letters that case-fold to ASCII (ſ U+017F folds to s)', () => {
    // The duration regex is case-insensitive and Unicode-aware, so "5ſ" matched the unit "s" and the unit table,
    // keyed by ASCII spellings, had no entry for it: lint threw a TypeError.
    for (const text of ['5ſ', '4 dayſ', '3 minuteſ', '2 hourſ and 5 minuteſ']) {
      it(`"${text}" is not a duration, and lint does not throw`, () => {
        assert.deepEqual(scanDurations(text), []);
        const document = `# Incident\n\nDuration: ${text}\n`;
        const findings = lint(document);
        checkFindingsInside(document, findings);
      });
    }
    it('"ſix hours" is not six hours, nor minus one hour', () => {
      assert.deepEqual(scanDurations('ſix hours'), []);
      assert.deepEqual(scanDurations('twenty-ſix minutes').map((match) => match.minutes), []);
    });
    it('a stated duration next to them still reads', () => {
      assert.deepEqual(scanDurations('5ſ then 4h 25m').map((match) => match.text), ['4h 25m']);
    });
  });

  it('fix-all on a document with such a duration reaches a fixed point', () => {
    const text = '# Incident\n\n## Timeline\n\n- 10:00 UTC errors\n- 12:00 UTC resolved\n\nDuration: 5ſ\n';
    assert.equal(fixAllPasses(text), 1);
  });

  // lint collected each rule's findings with findings.push(...found): past about 120,000 arguments V8 throws
  // "Maximum call stack size exceeded", so a document with that many stamps without a zone crashed lint.
  it('a rule with 200,000 findings does not overflow the call stack', () => {
    const text = '1:00\n'.repeat(200_000);
    const findings = lint(text, { severities: { 'timeline-order': 'off' } });
    assert.ok(findings.filter((finding) => finding.rule === 'timestamp-missing-zone').length === 200_000);
  });

  // metadata-mismatch read a front matter time without a date as "copied" from any body stamp without a date (both
  // wall clocks were null), and after a fix the next such stamp matched: fix-all rewrote `start` back and forth.
  describe('metadata-mismatch fixes converge', () => {
    it('a front matter time without a date is not compared by wall clock', () => {
      const text = '---\nstart: 10:00\n---\n***Update***: 14:00 UTC things improved\n| Time | Event |\n| --- | --- |\n| 6:00 pm (UTC) | errors rose |\n';
      assert.deepEqual(lint(text).filter((finding) => finding.rule === 'metadata-mismatch').map((finding) => finding.message), []);
    });
    it('a start that some body stamp states exactly is not rewritten, so stamps cannot pass it around', () => {
      // 09:00Z is 10:00+01:00 (line 6); 09:00+02:00 and 07:00-02:00 would otherwise bounce it between 07:00 and 09:00.
      const text = '---\nstart_time: 2024-05-12T09:00:00Z\n---\n# Outage\n\nAt 2024-05-12T10:00:00+01:00 errors rose.\nAt 2024-05-12T09:00:00+02:00 we paged.\nAt 2024-05-12T07:00:00-02:00 it was over.\n';
      assert.deepEqual(lint(text).filter((finding) => finding.rule === 'metadata-mismatch').map((finding) => finding.message), []);
      assert.ok(fixAllPasses(text) <= 2);
    });
  });

  // Found by the fuzzer: a document that ends inside an unclosed code fence got the missing headings inserted inside
  // the fence, as code, on every pass.
  it('missing-section: fix-all converges when the document ends inside an unclosed code fence', () => {
    assert.ok(fixAllPasses('~~~\n[2024-01-01 10:00 UTC] x\n\n') <= 2);
  });

  it('missing-section: CR-only documents get CR line breaks', () => {
    const text = '# Outage\r\rSummary\r\rCheckout failed.\r';
    const fixed = applyFixes(text, lint(text)).text;
    assert.ok(!fixed.includes('\n'), JSON.stringify(fixed));
  });

  // timestamp-not-utc rewrote only the end of a range that wrote the zone; the other end, which took its zone from
  // it, then read as UTC clock time: the range turned inverted, and its duration claim was rewritten twice.
  describe('timestamp-not-utc on a range converts both ends', () => {
    it('the end without its own zone moves with the end that has one', () => {
      const text = '# Outage\n\nOn 2024-05-12, from 08:00 IST to 9:11:12 a.m. users saw errors.\n';
      const fixed = applyFixes(text, lint(text)).text;
      assert.match(fixed, /from 02:30 UTC to 3:41:12 a\.m\. users/);
    });
    it('fix-all settles within two passes', () => {
      assert.ok(fixAllPasses('On 02:33 IST to 9:11:12 a.m. users saw errors.\nDuration: 4h25min\n') <= 2);
      assert.ok(fixAllPasses('On 1:32 PM PST to 2024-01-15 10:00 CEST users saw errors.\nDuration: 4h25min\n') <= 2);
    });
  });

  // time-range-inverted swapped the two ends' clock readings but kept each end's zone: "14:38 UTC to 10:00 JST"
  // became "10:00 UTC to 14:38 JST", inverted again, and fix-all swapped it back and forth.
  it('time-range-inverted writes each swapped end in the zone of its new place', () => {
    const text = 'On 14:38 UTC to 10:00 JST users saw errors.\n';
    const swap = lint(text).find((finding) => finding.rule === 'time-range-inverted');
    assert.ok(swap);
    // Between zones the swap is offered but not applied by fix-all (see below): applied by hand here.
    const chosen = { ...swap, fixes: swap.fixes.map((fix) => ({ ...fix, isPreferred: true })) };
    assert.equal(applyFixes(text, [chosen]).text, 'On 01:00 UTC to 23:38 JST users saw errors.\n');
    assert.ok(fixAllPasses(text) <= 2);
  });

  // A swapped range whose end takes its date from the start moved back a day on each pass ("2023-11-28T14:38:00Z to
  // 02:33 IST" → "2023-11-27T21:03:00Z to 20:08 IST" → …): such a swap is offered, but not applied by fix-all.
  it('time-range-inverted does not let fix-all walk a range back day by day', () => {
    assert.ok(fixAllPasses('On 2023-11-28T14:38:00Z to 02:33 IST users saw errors.\n') <= 2);
  });

  // time-range-inverted's plain swap came first in the findings and won the overlap with timestamp-not-utc's fix,
  // which swaps as it converts: the conversion waited a pass, and whatever read the range a third. The plain swap
  // now defers, but only to a timestamp-not-utc that runs and reports on that line.
  describe('time-range-inverted leaves an inverted range to timestamp-not-utc\'s swap-and-convert', () => {
    const preferredSwap = (text: string, options: Parameters<typeof lint>[1] = {}) =>
      lint(text, options).filter((finding) => finding.rule === 'time-range-inverted').map((finding) => finding.fixes.some((fix) => fix.isPreferred));
    const written = 'From 2023-01-08T08:00Z to 2023-01-08T08:00+01:00 errors rose.\n';
    const declared = 'All times in PST.\nOn 2024-01-10 from 14:00 to 13:30 users saw errors.\n';
    it('when timestamp-not-utc converts the range, by a written zone or a declaration', () => {
      assert.deepEqual(preferredSwap(written), [false]);
      assert.deepEqual(preferredSwap(declared), [false]);
      assert.deepEqual(preferredSwap(`All times in PST.\n<!-- postmortem-disable-next-line timestamp-not-utc -->\n${declared.split('\n')[1]}\n`), [false]);
    });
    it('not when timestamp-not-utc is off, or disabled on the line of its finding', () => {
      assert.deepEqual(preferredSwap(written, { severities: { 'timestamp-not-utc': 'off' } }), [true]);
      assert.deepEqual(preferredSwap(`<!-- postmortem-disable-next-line timestamp-not-utc -->\n${written}`), [true]);
      assert.deepEqual(preferredSwap(declared, { severities: { PM007: 'off' } }), [true]);
      assert.deepEqual(preferredSwap(`<!-- postmortem-disable-next-line timestamp-not-utc -->\n${declared}`), [true]);
    });
    it('fix-all settles within two passes when a move holds the range back a pass', () => {
      assert.ok(fixAllPasses('Jul 1 2023,0:02\r2023-1-4/8:00 until 3 Jul 2012,2:33IST') <= 2);
      assert.ok(fixAllPasses('2024-2-2 9:00\n2023-1-8T8:00Z to 2023-1-8T8:00+0100') <= 2);
    });
    it('and timestamp-not-utc does not swap a range time-range-inverted does not report', () => {
      const fixes = lint(written, { severities: { ...NO_SECTIONS.severities, 'time-range-inverted': 'off' } }).flatMap((finding) => finding.fixes.filter((fix) => fix.isPreferred));
      assert.deepEqual(fixes.map((fix) => fix.edits.map((edit) => edit.newText)), [['2023-01-08T07:00Z']]);
    });
  });

  // A Timeline section nested in another was read twice: its entries were listed twice, and timeline-order's sort
  // fix had two edits for the same block, so it could never be applied.
  it('entries of a Timeline section inside another Timeline section are listed once', () => {
    const text = '# Key events\n- 23:55 - 00:10 UTC errors rose\n- [2023-11-28 14:38 UTC] errors rose\n## Key events\n- 2023-01-04/11:34 errors rose\n';
    assert.deepEqual(parse(text).timeline.map((entry) => entry.line), [1, 2, 4]);
    for (const finding of lint(text)) if (finding.fixes.some((fix) => fix.isPreferred)) assert.equal(applyFixes(text, [finding]).applied, 1, finding.rule);
  });

  // duration-mismatch read the impact's end from the timeline's last entry in the text; after timeline-order moved
  // an entry, the end changed and the duration was found wrong only in a third pass.
  it('a stated duration is checked against the latest entry in time, wherever it stands', () => {
    assert.ok(fixAllPasses('# Key events\n- 23:59:59 restored\nDuration: 0m\n| Time | Event |\n| --- | --- |\n| 1:32 PM PST | errors rose |\n') <= 2);
  });

  // timeline-order moved a dated entry above a time-only one; the time-only entry then took its date from the
  // moved entry, became out of order in turn, and fix-all moved the two back and forth for ever.
  it('timeline-order does not let fix-all move entries whose dates depend on their neighbours', () => {
    const text = '---\nstart_time: 2024-05-12T10:00:00Z\n---\n# Key events\n| Time | Event |\n| --- | --- |\n| 8:27 AM | errors rose |\n| [2023-11-28 14:38 UTC] | errors rose |\n';
    assert.ok(fixAllPasses(text) <= 2);
    const order = lint(text).find((finding) => finding.rule === 'timeline-order');
    assert.ok(order && order.fixes.length > 0 && order.fixes.every((fix) => !fix.isPreferred), 'offered, not preferred');
  });

  // Ranges whose ends differ in zone, date or DST half-year: the swap, the UTC conversion and the DST fix used to
  // need three passes (swap; convert, which moved the undated end to another day or kept "PDT" on a winter time; swap).
  settleWithinTwoPasses('inverted ranges across zones settle within two passes', [
    'On 2023-11-28 14:38 to 02:33 IST users saw errors.\n',
    'On 23:59:59 to 2024-11-03 01:30 PDT users saw errors.\n',
    'On 2023-01-04/11:34 to 02:33 IST users saw errors.\n',
    // Swapped, then converted to UTC: 18:30 to 03:41, a range across midnight (under 12 h, so not inverted again).
    'On 9:11:12 a.m. to 00:00 users saw errors.\nAll times in UTC+5:30\n',
  ]);

  // Found by exploring runs (FUZZ_RUNS=20000), reduced: fix-all needed a third pass. timestamp-not-utc, time-range-inverted
  // and timestamp-zone-dst-mismatch edit the same stamps, so each pass applied one of them, and a duration computed
  // before the swap needed yet another pass. timestamp-not-utc now writes an inverted range swapped as it converts it.
  settleWithinTwoPasses('three-pass cascades settle within two passes', [
    '- 2024-01-15 10:00 CEST errors rose\n- [2023-11-28 14:38 UTC] errors rose\nOn 2024-07-01 12:00 PST to 2023-01-04/11:34 users saw errors.\n',
    'start: 10:00\rOn 2023-11-28T14:38:00+01:00 until 16/03/2020 3am UTC users saw errors.\rTime to resolve\t999999999 minutes',
    'Time to resolve: **1.5 hours\nOn 2024-02-12 09:00 EDT to 16/03/2020 3am UTC users saw errors.',
    'Lasted for: **1.5 hours\n* 1:40 PM PST - 2:00 PM PST all clear\nFrom 2023-11-28T14:38:00+01:00 to 30 July 2012, 02:33 IST users saw errors.',
    // The swap written in UTC dates the end that would read the start's day; written in PST in July, it is not applied.
    'start: 10:00\r\nFrom 2024-07-01 12:00 PST until 02:33 IST users saw errors.\r\nTime to mitigate: **15 hours 40 minutes',
    // Converting the start moved its date back a day, and the UTC end that read it followed: the range read inverted.
    '- 9:11:12 a.m. errors rose\n- UTC 05:13 errors rose\nOn 30 July 2012, 02:33 IST to 14:38 UTC users saw errors.\n',
  ]);

  // A range converted to UTC whose ends fall on different days: the end without a date read the other end's new date
  // ("23:59:59" took 2024-05-13 from "2024-05-13 03:59 UTC"), so the range read inverted and was swapped, moving both.
  // The range stays inverted: swapped, the end written without seconds would lose those of 03:59:59.
  settleWithinTwoPasses('a range converted to UTC across midnight writes both dates', [
    'Between 23:59:59 until 2024-05-12 09:00 EDT users saw errors.\n',
    'From 23:59:59 to 1:32 PM PST users saw errors.\n  - [2023-11-28 14:38 UTC] identified the cause\n',
    'KOn 23:59:59 until 2023-11-28 14:38 users saw errors.\r\nAll times in PST.',
  ], () => {
    it('writes the date of the end that had none', () => {
      const text = 'Between 23:59:59 until 2024-05-12 09:00 EDT users saw errors.\n';
      assert.equal(fixAll(text, (current) => lint(current, NO_SECTIONS)).text, 'Between 2024-05-13 03:59:59 until 2024-05-12 13:00 UTC users saw errors.\n');
    });
  });

  // A range's start written without a meridiem takes the end's ("9:00 to 11:30 PM" starts at 21:00): a conversion or
  // swap that wrote the start as "03:00" before "09:38PM" moved it twelve hours, and the duration measured from it
  // was rewritten in a third pass. Such a rewrite is offered, not applied; and the two ends of a range, each written
  // in another zone, are converted together, so that neither end's fix reads the other's old text.
  settleWithinTwoPasses('rewritten ranges start where they did', [
    '2023-11-8 4:38 until Jul 1 2023 11PM\nDuration\t5s time ET',
    'Impact duration: 5m\nJul 1 2023 6PM\n2023-1-4/1:34 2024-7-1 2:00PT to Jul 1 2023 6PM',
    'Jul 1 2023 6PM\n2023-1-4/1:01 2:00PT to Jul 1 1PM PT',
  ], () => {
    it('either end\'s fix on its own keeps the start', () => {
      const text = 'On 2024-06-30 2:00 PT to 2024-07-01 1 PM PT checkout failed.\n';
      const starts = (source: string) => parse(source).stamps.filter((stamp) => stamp.range?.role === 'from').map((stamp) => stamp.epoch);
      for (const finding of lint(text, NO_SECTIONS)) assert.deepEqual(starts(applyFixes(text, [finding]).text), starts(text), finding.message);
    });
  });

  // A date without a time took its zone from the other end of its range ("From 2024-02-02 to 2024-02-02 02:33 IST"):
  // converting that end moved the day's start from midnight IST to midnight UTC, after the end. Offered, not applied.
  // And a time after a date, in no range ("Between November 2 2023 and 2:33 IST"), converted with its UTC date in front,
  // joined that date as the end of a range that read inverted.
  describe('timestamp-not-utc does not apply a conversion that changes how a date next to the stamp reads', () => {
    for (const text of ['From 2024-02-02 to 2024-02-02 02:33 IST users saw errors.\n', 'Between November 2 2023 and 2:33 IST users saw errors.\n']) {
      it(JSON.stringify(text), () => {
        assert.deepEqual(lint(text, NO_SECTIONS).map((finding) => [finding.rule, finding.fixes.some((fix) => fix.isPreferred)]), [['timestamp-not-utc', false]]);
      });
    }
    for (const text of ['Detected 3:04\rduration 5s\nBetween November 2 2023 and 2:33IST', 'start 0:00\nTime to resolve: 9m 2024-2-2- 2:33IST', 'November 2 2023 to 2:33IST\nImpact duration\t2s\n2024-1-3 6pm-5:30\n7:47']) {
      it(`fix-all settles within two passes: ${JSON.stringify(text)}`, () => assert.ok(fixAllPasses(text) <= 2));
    }
  });

  // A stamp after an inverted range whose ends are on different days read its date from the end ("… to 2023-07-01
  // 11:26 UTC …; retried at 12:00 UTC"): the swap gave it the other day, and the duration measured to it changed in a
  // third pass. Such a swap is offered, not applied.
  // A conversion that puts a stamp on another day does the same.
  it('neither a swap nor a conversion is applied when it moves the date of a stamp after it', () => {
    assert.ok(fixAllPasses('Impact duration: 5m\nJul 1 2023 6PM\n2023-1-4/1:34 2024-7-1 2:00 to Jul 1 2023 1126 1:40-6:00') <= 2);
    assert.ok(fixAllPasses('Impact duration: 5m\nJul 1 2023 6PM\n2023-1-4/1:34>07-01 2:00PT to Jul 1 6PM 1:40-6:00') <= 2);
  });

  // timeline-order moved the entry a stamp above the list took its date from ("start 0:00", dated from the first
  // entry): the stamp read another entry's date, and the duration measured from it changed in a third pass.
  it('timeline-order does not apply moves that change the date another stamp reads from the list', () => {
    assert.ok(fixAllPasses('start 0:00\nduration 5s\n**Timeline**\n2023-11-8T8:00+0100\nJul 1 2023,2PM') <= 2);
  });

  // Found by exploring runs (FUZZ_RUNS=20000), reduced: fix-all needed a third pass because a fix changed what another
  // stamp read, or the stamp it rewrote read differently. "10:00UTC" written before "-1-8" read the offset UTC-1; the
  // date a conversion wrote in front of "2:33IST" was read by "8AM" after it, on its line; "10:00JST" rewritten as
  // "01:00" after "23:04" rolled over to the next day; a date written in front of "23:59" became the first written
  // date, which "0:00" above it read; a written date changed by a conversion ("3 Jul 2012,2:33IST") was read by
  // "start 0:00" above it. Such conversions are offered, not applied. A stamp after the converted one that reads its
  // date and is converted with a date of its own ("|0:00UTC+5") is converted with it, in the same fix. A declaration
  // is rewritten only where UTC written in place of its zone declares UTC.
  settleWithinTwoPasses('a conversion keeps what the stamps around it read', [
    '2:00PT-1-8',
    '2024-7-1 2:00\n3 Jul 2012,2:33IST|0:00UTC+5',
    'PT 23:59\n2:33IST 8AM-6/3/2020 3AM',
    '0:00 23:59 time PT\nDuration 4h[03-26 23:04\n10:00JST[2023-1-2\n~~~',
    'start 0:00 3 Jul 2012,2:33IST 1PM PT- 0:38\nTime to mitigate: 7m',
    // "TIME UTC.2" declares UTC.2 (zones.ts reads "." as an offset's sign): UTC written in place of ET must declare UTC.
    'TIME ET.2,2',
    // The date an end writes is read by the stamps after it only up to the next stamp that writes its own.
    'On 02:33 IST to 2024-02-12 09:00 EDT users saw errors.\nOn 02:33 IST to 2024-02-12 09:00 EDT users saw errors.\nOn 02:33 IST to 2024-02-12 09:00 EDT users saw errors.\n',
  ], () => {
    it('a conversion that would read on into the text after it is not applied', () => {
      for (const text of ['2:00PT-1-8', 'At 2:00PT+1 errors rose.']) {
        assert.deepEqual(lint(text, NO_SECTIONS).map((finding) => [finding.rule, finding.fixes.some((fix) => fix.isPreferred)]), [['timestamp-not-utc', false]]);
      }
    });
    it('a stamp that reads the converted stamp\'s date is converted with it', () => {
      const text = '2024-7-1 2:00\n3 Jul 2012,2:33IST|0:00UTC+5';
      assert.equal(fixAll(text, (current) => lint(current, { severities: { 'missing-section': 'off', 'timeline-order': 'off' } })).text, '2024-7-1 2:00\n2 Jul 2012,21:03UTC|2012-07-02 19:00UTC');
    });
  });

  // timeline-order's moves changed what the entries read: "0:00JST" moved under "2023-1-2 2359" rolled over to the next
  // day; an entry whose lines open a code fence made the entries after its new place code; "1600" moved below
  // "time UTC+5" read that zone; an entry writing a date of its own ("11:34 to 6/3/2020 3am", or "03-26 23:04 UTC"
  // with the year carried to it) moved above "23:59", which then read that date. Such moves are offered, not applied.
  const readOwnDate = [
    '2024-5-1 time PT\n23:59\n11:34 to 6/3/2020 3am',
    '---\ndate: 2024-05-12\n---\n- 23:59 UTC alert fired\n- [03-26 23:04 UTC] paged',
    '2024-5-2\n# Key events\n2PM PT\n4:38\n03-26 3:04\nTime to mitigate: 7m',
  ];
  settleWithinTwoPasses('timeline-order keeps what the moved entries read', [
    'A[2023-1-2 2359\n23:59 time PT\n6:00\n0:00JST',
    '---\n---\nResolved: [2023-11-28 14:38 UTC]\n# Key events\nDuration: 4h25min\n- Thu, Jul 13, 2023, 11:26 PM errors rose\n- 30 July 2012, 02:33 IST errors rose\n~~~\n[2024-01-01 10:00 UTC] x\n\n',
    'Timeline\r\r|1600|\rtime UTC+5\r14:38UTC\r|8:47|\rTime UT 2024-2-1',
    ...readOwnDate,
  ], () => {
    it('an entry that writes a date is not moved above entries that read another', () => {
      const instants = (text: string) => parse(text).stamps.filter((stamp) => !stamp.inFrontMatter && stamp.epoch !== undefined).map((stamp) => stamp.epoch).sort();
      for (const text of readOwnDate) assert.deepEqual(instants(fixAll(text, (current) => lint(current, NO_SECTIONS)).text), instants(text), text);
    });
  });

  // An invalid stamp that writes a date ("20202-01-16", "0000-01-01 00:00") sets no day: parse carries the day before
  // it on to the times after it. timestamp-not-utc read the invalid stamp's own date there, and held a conversion back
  // until timeline-order had moved an entry above it, a pass later. Two conversions that each keep every day alone, but
  // together roll "01:00UTC" over to the next day, were both applied; now both wait, and the move goes first.
  settleWithinTwoPasses('conversions read days as parse carries them', [
    '---\nstart_time: 2024-05-12T10:00:00Z\n---\n# Key events\n| Time | Event |\n| --- | --- |\n| 20202-01-16 | errors rose |\n| 1:32 PM PST | errors rose |\n| 10:00 JST | errors rose |\n',
    '---\ndate: 2024-05-12\n---\n| Time | Event |\n| --- | --- |\n| 0000-01-01 00:00 | errors rose |\n| 11.50 | errors rose |\n| 10:00 JST | errors rose |\nAll times in PST.\n~~~\n[2024-01-01 10:00 UTC] x\n\n',
    '2024-5-3\n# Timeline\n2PM PT\n10:00JST',
  ]);

  // timeline-order moved an entry whose lines hold a declaration's zone or a stamp inheriting it, and so held back the
  // declaration's rewrite a pass: a conversion counting on that rewrite to date the stamp after it waited a pass too,
  // or, applied, moved that stamp's day (fixture timeline-move-keeps-day-of-declared-stamp). The move waits instead,
  // unless fix-all carries the rewrite along with the block: the document's only declaration (twelfth round, below).
  settleWithinTwoPasses('timeline-order waits for a declaration\'s rewrite', [
    '---\n---\n| Time | Event |\n| --- | --- |\n| [2023-11-28 14:38 UTC] | errors rose |\nOn 30 July 2012, 02:33 IST and 00:00 users saw errors.\n- 2023-01-04/11:34 errors rose\nAll times in CET.\n',
    '---\n---\n| Time | Event |\n| --- | --- |\n| [2023-11-28 14:38 UTC] | errors rose |\nOn 30 July 2012, 02:33 IST and 08:00 users saw errors.\n- 2023-01-04/11:34 errors rose\nAll times in JST.\n',
  ]);

  // Ninth round (random-seed fuzz, seed -648801359; and reduced): the entry timeline-order moves holds the declaration,
  // whose rewrite can only follow the move (it clashes with it, and dates "23:59" for the entry above it). The
  // conversion of the entry's own stamp came first in the findings and held the move back a pass, and the rewrite to a
  // third (fixture timeline-move-carries-declaration). The conversion waits for the move instead.
  settleWithinTwoPasses('a conversion waits for the move of an entry holding the declaration', [
    '---\nstart_time: 2024-05-12T10:00:00Z\n---\n- 23:59:59 errors rose\n- 1:32 PM PST errors rose\nAll times in PST.\n# Summary\n~~~\n[2024-01-01 10:00 UTC] x\n\n',
    '2024-5-1\n23:59\n1PM PT time PT\n# y\n~~~',
  ]);

  // Tenth round (random-seed fuzz, seeds 1543005625, -380830871, 1778982814 and -2089456522; reduced). timeline-order's
  // sort wrote a table row into the slot of the list item above the table, breaking the table (fixture
  // timeline-sort-keeps-rows-in-their-table); and a sort or a move clashed with the fixes inside the blocks it moves (a
  // conversion, a zone's DST fix): it waited a pass for them, and the fixes counting on the sorted list (a conversion, a
  // declaration's rewrite) a third. fix-all now carries an edit inside a moved block along with it (Fix.moves), where
  // the moved stamps read their days whether or not they are converted.
  settleWithinTwoPasses('fixes inside the blocks a sort moves go with them', [
    '- 1:40 PM PST - 2:00 PM PST errors rose\n| Time | Event |\n| --- | --- |\n| 10:00 JST | errors rose |\n| 6:00 pm (UTC) | errors rose |\n| [08:47] | errors rose |\nDuration: On July 13, 2023, at 15:02 UTC\n~~~\n[2024-01-01 10:00 UTC] x\n\n',
    '- 2024-05-12 09:00 EDT errors rose\n- 2024-03-10 02:30 PST errors rose\n',
    '---\ndate: 2024-05-12\n---\n# Timeline\n- 23:59:59 errors rose\nAll times in PST.\n- 1:32 PM PST errors rose\n',
    '---\nstart_time: 2024-05-12 02:33\n---\n# Key events\n- 1:40 PM PST - 2:00 PM PST errors rose\n- 10:00 JST errors rose\n- 10:00 JST errors rose\n',
    // A stamp that stays ("1600", converted in its place by the declaration's rewrite) does not hold the carrying back.
    '- [2023-11-28 14:38 UTC] errors rose\nAll times in PST.\n# Key events\n| Time | Event |\n| --- | --- |\n| 1600 | errors rose |\n| 1:40 PM PST - 2:00 PM PST | errors rose |\n',
  ], () => {
    it('a sort or a reverse writes each row into a row of its own table', () => {
      const table = (rows: string[]) => `- 2024-03-05 10:40 UTC rolled back\n| Time | Event |\n| --- | --- |\n${rows.map((row) => `| 2024-03-05 ${row} |\n`).join('')}`;
      for (const [title, rows, fixed] of [
        ['Sort the timeline', ['10:00 UTC | restarted', '09:30 UTC | alert fired', '09:45 UTC | cause found'], ['09:30 UTC | alert fired', '09:45 UTC | cause found', '10:00 UTC | restarted']],
        ['Reverse the timeline', ['10:00 UTC | restarted', '09:30 UTC | alert fired'], ['09:30 UTC | alert fired', '10:00 UTC | restarted']],
      ] as const) {
        const text = table([...rows]);
        const findings = lint(text);
        const fix = findings.flatMap((finding) => finding.fixes).find((candidate) => candidate.title.startsWith(title));
        assert.equal(fix?.isPreferred, false, `${title}: the list stays out of order, so fix-all leaves it`);
        assert.equal(applyFixes(text, [{ ...findings[0], fixes: [{ ...fix!, isPreferred: true }] }]).text, table([...fixed]));
        assert.ok(findings.every((finding) => finding.fixes.every((candidate) => !candidate.title.startsWith('Move'))), 'no row moves above the list item');
      }
    });
    // A slot whose lines read as those written into it is not rewritten: its block, copied below, was named a move.
    it('a sort names as moves only the blocks it takes away', () => {
      const text = '- [2023-11-28 14:38 UTC] errors rose\n'.repeat(3) + 'Resolved\n\nThis incident has been resolved.\n\nJul 13, 2023, 11:26 PM UTC\n';
      const sort = lint(text).flatMap((finding) => finding.fixes).find((fix) => fix.title === 'Sort the timeline');
      const within = (inner: Range, outer: Range) => compare(outer.start, inner.start) <= 0 && compare(inner.end, outer.end) <= 0;
      assert.deepEqual(sort?.moves?.map((move) => move.edit), [0, 2]);
      for (const move of sort!.moves!) assert.ok(sort!.edits.some((edit, i) => i !== move.edit && within(move.from, edit.range)));
    });
    it('a conversion inside a block the sort moves is applied in the same pass', () => {
      const text = ['10:00 UTC a', '10:30 UTC b', '03:00 PST c', '10:20 UTC d', '10:05 UTC e'].map((entry) => `- 2024-01-09 ${entry}\n`).join('');
      const result = applyFixes(text, lint(text, NO_SECTIONS));
      assert.equal(result.text, ['10:00 UTC a', '10:05 UTC e', '10:20 UTC d', '10:30 UTC b', '11:00 UTC c'].map((entry) => `- 2024-01-09 ${entry}\n`).join(''));
      assert.deepEqual([result.applied, result.skipped], [2, 0]);
    });
  });

  // missing-section inserted a setext heading right under a line of text, which made that line the heading: the
  // section was still missing, and was inserted again in the next pass.
  it('missing-section leaves a blank line between a line of text and the heading it inserts', () => {
    const text = 'Key events\n=\nd 23:44\n2:33IST\n2024-5-1/2:00\n## Follow-up\n6:00';
    const fixed = fixAll(text, lint).text;
    assert.equal(fixed.split('\n').filter((line) => line === 'Root cause').length, 1, fixed);
    assert.match(fixed, /2024-5-1\/2:00\n\nRoot cause\n=+\n/);
  });

  // timeline-order moved a table row together with the line under the table, over the fixes of that line; and moves
  // inserted above the same entry kept the order of the findings, not of time, so a pass moved them again.
  describe('timeline-order: moves that settle in one pass', () => {
    it('a table row moves alone', () => {
      const text = '| 2023-11-28 14:38 | rolled back |\n| Thu, Jul 13, 2023, 11:26 PM | deployed the fix |\nBetween 2023-11-28T14:38:00+01:00 until 8:27 AM users saw errors.';
      const move = lint(text).find((finding) => finding.rule === 'timeline-order');
      assert.equal(move?.fixes[0].edits[0].newText, '| Thu, Jul 13, 2023, 11:26 PM | deployed the fix |\n');
      assert.ok(fixAllPasses(text) <= 2);
      assert.ok(fixAllPasses('---\nstart_time: 2024-05-12T10:00:00Z\n---\nTimeline\n========\n| 9:11:12 a.m. | all clear |\n| 10:00 JST | identified the cause |\nLasted for: **90s') <= 2);
    });
    it('the list is sorted when entries would move above the same entry out of order', () => {
      const text = ['10:00 a', '10:30 b', '11:00 c', '10:20 d', '10:05 e'].map((entry) => `- 2024-01-09 ${entry}\n`).join('');
      const findings = lint(text).filter((finding) => finding.rule === 'timeline-order');
      assert.deepEqual(findings.map((finding) => finding.fixes.map((fix) => [fix.title, fix.isPreferred])), [
        [['Move the entry above line 2', false], ['Sort the timeline', true]],
        [['Move the entry above line 2', false]],
      ]);
      assert.equal(fixAll(text, (current) => lint(current, NO_SECTIONS)).text, ['10:00 a', '10:05 e', '10:20 d', '10:30 b', '11:00 c'].map((entry) => `- 2024-01-09 ${entry}\n`).join(''));
      assert.ok(fixAllPasses('(all times in PST/PDT)\n| 2023-11-28T14:38:00+01:00 | alert fired |\n| 2023-01-04/11:34 | first errors |\nJul 13, 2023, 11:26 PM UTC\n  - 0000-01-01 00:00 deployed the fix\n~~~') <= 2);
    });
    it('the list is sorted when an entry out of place cannot move (a status-page update whose stamp ends it)', () => {
      assert.ok(fixAllPasses('| 2024-03-10 02:30 PST | restored |\n| 30 July 2012, 02:33 IST | paged on-call |\nJul 13, 2023, 10:02 PM UTC\n1h earlier\n~~~') <= 2);
    });
  });

  describe('applyFixes', () => {
    // Fixes that insert at the same point (every missing section goes at the end of a document without a later
    // section) were skipped as overlapping, one per pass: a document missing four sections needed four passes.
    it('applies insertions at the same point together, in the order of the findings', () => {
      const text = 'Some notes about an outage.\n';
      assert.equal(fixAllPasses(text), 1);
      const fixed = applyFixes(text, lint(text)).text;
      const headings = fixed.split('\n').filter((line) => /^(?:#|[A-Z][a-z ]+$)/.test(line));
      assert.deepEqual(headings.filter((line) => /Summary|Timeline|Root cause|Action items/.test(line)).map((line) => line.replace(/^#+ /, '')), ['Summary', 'Timeline', 'Root cause', 'Action items']);
    });

    it('still skips a fix that overlaps one already taken', () => {
      const range = (start: number, end: number) => ({ start: { line: 0, character: start }, end: { line: 0, character: end } });
      const finding = (start: number, end: number, newText: string): Finding => ({
        id: 'PM000', rule: 'test', severity: 'warning', message: '', range: range(start, end),
        fixes: [{ title: '', isPreferred: true, edits: [{ range: range(start, end), newText }] }],
      });
      const result = applyFixes('abcdef', [finding(1, 3, 'X'), finding(2, 4, 'Y'), finding(3, 3, '+'), finding(3, 3, '-'), finding(5, 6, 'Z')]);
      assert.deepEqual(result, { text: 'aX+-deZ', applied: 4, skipped: 1 });
    });

    // Each edit used to copy the whole text: thousands of fixes on a large document were quadratic.
    it('applies thousands of fixes to a large document in linear time', () => {
      const text = `${'- 10:00 PST x\n'.repeat(20_000)}`;
      const findings = lint(text);
      assert.ok(findings.length >= 20_000);
      const { ms, result } = timed(() => applyFixes(text, findings));
      console.log(`      ${result.applied} fixes on ${(text.length / 1024).toFixed(0)} KB: ${ms.toFixed(1)} ms`);
      assert.ok(result.applied >= 20_000);
      assert.ok(ms < 1000, `${ms} ms`);
    });
  });
});

// Found by longer searches (N=20000), reduced: the stamps above the first written date read that date, as parse
// reads them: front matter's time-only "start: 0:00" too, and an invalid date ("2023-1-0") is not that date.
settleWithinTwoPasses('conversions above the first written date', [
  '---\nstart: 0:00\n---\r3 Jul 2012,2:33IST 1PM PT- 0:38\nTime to mitigate: 7m',
  '2023-1-0 time PT[03-26 23:04 9:59 to 3 Jul 2012,2:33IST 0:00JST to 2:33',
]);

// Third-round searches (N=20000), reduced. A conversion, or a range swap, that writes a date where stamps after it, or
// above the first written date, read theirs; or that stops the stamp after it rolling over past midnight
// ("11PM" as "06PM", then "2:33IST"): those stamps changed day, and their fixes ran a pass later. The stamp after a
// converted one now keeps its day, or the fix is not applied; a swap keeps the day of the first written date, and an
// end written as a date alone does not take a time. A reader converted by its own finding, writing its date, does
// not hold a conversion back: the declaration's fix no longer waited for it, and the stamp before it for both.
settleWithinTwoPasses('fixes keep the day of the stamps that read theirs', [
  '8:27\n2:33IST\n- ,2:33IST 2023-1-2',
  '6PM\n2:33IST\nLasted\t0m 2:30 to Jul 1 2023,1:26 time PT',
  '8:47\n2:33IST time UTC+5\n0:00\n|2024-2-2|',
  '2:33IST time ET\n**Key events**\n11PM\n|2024|\nJul 1 2023,1:26',
  'end 20:00\nLasted 5m time UTC+5 Jul 1 2023 11PM\r2:33IST\r1PM PT- 2:00',
  '3:55-0:10 2024-7-1 until 2024-2-2 9:00 2:33IST\rDuration\t4s',
  '3:55-0:10 2024-7-1 2:00 until 2024-2-2 9:00 2:33IST\rDuration\t4s',
  '3 Jul 2012,2:33IST 5:30pm)2:33IST time PT',
  '2024-5-3\n2:33IST\n5:30PM)2:33IST TIME PT',
]);

// Fourth-round searches, reduced: a chain of three waits. The conversion of "2024-5-1 2PM PT" waited for the swap
// that dates "0:00", and the swap (or the conversion of "2:33IST", moving it to 2 July) for "1PM PT", which reads the
// date of "3 Jul 2012" and writes its own (and 23:55's) as it converts. A fix that gives a stamp another day no longer
// waits for the stamps reading its date that the preferred conversion of one of them dates in the same pass.
settleWithinTwoPasses('a fix does not wait for readers that their own conversion dates', [
  '2024-5-1 2PM PT\n0:00 to 3 Jul 2012,2:33IST 1PM PT until 23:55',
  '2024-5-1 2PM\n3 Jul 2012,2:33IST 1PM PT until 23:55',
]);

// Found by a fourth-round search (seed 1717), reduced: fix-all never settled. duration-mismatch wrote the claim as
// "507 m"; the start keyword for 5xx statuses read "507" in the entry's text as an error, which moved the impact's
// start, so the next pass wrote "387 m", and the one after "507 m" again. A number with a unit is not a status.
settleWithinTwoPasses('a duration fix-all writes is not read as an HTTP status', ['21-03 2:00\nLasted 6 m\r8:27\r0:00\n~~~']);

// Fifth-round searches (N=20000), reduced: fixes that waited a pass for another preferred fix of the same pass, most
// after timeline-order had moved an entry. The conversion of the last stamp above the first written date waited for
// the first of those stamps, dated by its own conversion ("1:32|2:33IST"); a conversion whose next stamp the
// declaration's fix dates waited for that fix ("0:00" under "UTC+5"); a conversion converting along a reader that its
// own conversion dates waited for it, or for a stamp after it that no conversion can keep ("8:27"); and a swap, the
// declaration's or time-range-inverted's, waited for the readers of its end's date that the declaration's fix dates.
settleWithinTwoPasses('a fix does not wait for the stamps other preferred fixes date', [
  '1:32|2:33IST\n2:33IST\n\nJul 1 2023',
  '2024-5-1 time UTC+5\r2PM PT 0:00\r9:11',
  'l 3 Jul 2012,2:33IST\n0:00\n2:33IST\n4:00',
  '2:33IST\n2:33IST\n2:33IST\n2:33IST 8:27 Jul 1 2023',
  '2024-5-1 time PT\n23:59\n11:34 to 6/3/2020 3am',
  '---\ndate: 2024-05-12\n---\nAll times in PST/PDT.\n- 23:59:59 x\n- 12:00:00Z y; from 2023-01-04/11:34 to 16/03/2020 3am UTC z',
]);

// Sixth round (random-seed fuzz, seed -1943566517), reduced: timeline-order's move won the first pass over the
// conversions on the lines it moved; then the conversion of "30 July 2012, 02:33 IST", which moves that date to 29
// July, waited for the range reading it, although the range's own preferred fix writes its dates: the swap in UTC of
// an inverted range (either end in another zone, or one taking its zone from the other), or the conversion of the end
// that gives the other its zone. A fix no longer waits for readers those fixes date.
settleWithinTwoPasses('a fix does not wait for a range whose own fix dates it', [
  '- 2023-11-28 14:38 UTC\n- 30 July 2012, 02:33 IST\nOn 10:00 JST to 02:33 IST',
  '- 2023-11-28 14:38 UTC\n- 30 July 2012, 03:20 IST\nOn 12:00 to 02:33 IST',
  '- 2031-01-01 08:56 UTC\n- 30 July 2012, 04:12 JST\nOn 18:00 to 04:33 EDT',
]);

// Ninth round (search seed 4747, reduced): the conversion of "2:33IST", writing 2 June, checked that the stamps reading
// its date keep their day, and did not count the declaration's preferred rewrite, which writes the date of "6pm" in
// the same pass (the check of the stamp right after it did): it waited a pass for it, and the move of its line, which
// needs the date it writes, a third.
settleWithinTwoPasses('a conversion counts on the declaration dating its readers', ['# Timeline time PT\n6/3/2020 3am\n2:33IST 6pm']);

// Ninth round (random-seed fuzz, seed 1450260059): the swap of an inverted range writes each end in its own format,
// and an end written without seconds ("02:30 PST") dropped those of the other's instant ("23:59:59" as "23:59"): the
// instant moved, and duration-mismatch measured the range again a pass later. Such a swap is offered, not applied
// (fixture time-range-swap-keeps-seconds).
const dropsSeconds = '- 23:59:59 errors rose\nOn 23:59:59 to 2024-03-10 02:30 PST users saw errors.\nDuration: 4h25min\n';
settleWithinTwoPasses('a swap keeps the seconds of the instants it writes', [dropsSeconds], () => keepsEveryInstant(dropsSeconds));

// Found among 10,000 property-test documents (fast-check seed 7) by comparing instants before and after fix-all: converting "09:00 EDT" wrote the date of its range's start
// ("At 2024-02-13 05:00 until …"), the day that start read by rolling over from "1:32 PM PST", above the first written
// date. The start did not move day, so the conversion did not check the stamps above it that read the first written
// date: "1:32 PM PST" moved to the 13th.
const writesFirstDate = 'From 1:32 PM PST until 25:10 users saw errors.\nAt 00:00 until 2024-02-12 09:00 EDT users saw errors.\n';
settleWithinTwoPasses('a date a conversion writes above the first written date keeps what the stamps above read', [writesFirstDate], () => keepsEveryInstant(writesFirstDate));

// Tenth round (random-seed fuzz, seed 1111360510): the rows all write their dates, so timeline-order checked only the
// stamps that read their date from a row by context, not one rolling over from it: once converted, "Duration: 01:00
// UTC" rolled over from the last row, and the sort re-dated it to the day of the row it put last; the sort also
// waited a pass for the conversion of a row it moved (fixture timeline-move-rollover-reads-last-row).
const rollsOverFromRow = '# Timeline\n| Time | Event |\n| --- | --- |\n| [2023-11-28 14:38 UTC] | errors rose |\n| 30 July 2012, 02:33 IST | errors rose |\n| 02:33 IST | errors rose |\nDuration: 10:00 JST\n';
settleWithinTwoPasses('timeline-order keeps the day of a stamp rolling over from an entry', [rollsOverFromRow], () => keepsEveryInstant(rollsOverFromRow));

// Tenth round (seed 1065612887): "23:59" above the first written date reads it, and the conversion of "3 Jul
// 2012,2:33IST" moves that date a day back; the declaration's rewrite writes a date for "23:59" in the same pass, but
// the conversion did not count on it and waited, then held the move of its row back a pass (fixture
// timestamp-not-utc-declaration-dates-reader-above).
settleWithinTwoPasses('a conversion counts on the declaration dating the stamps above the date it writes', ['time PT\n23:59\n|3 Jul 2012,2:33IST|\n~~~']);

// Tenth round (find.ts, seed 6464): "9:24-01-15 0:00ET" ends before it starts and cannot be swapped, so its finding
// converts it as it stands, writing a date for "9:24"; the conversion of "2:33IST" before it counted on that only for
// a swap, and waited. Converted a pass later, it moved the start metadata-mismatch and duration-mismatch measure from,
// and the duration was measured again in a third pass.
settleWithinTwoPasses('a conversion counts on an inverted range converted as it stands', ['---\nstart_time: 2024-5-2 2:33\n---\n2:33IST 9:24-01-15 0:00ET\nImpact duration: 5s']);

// Tenth round (find.ts, seed 6565): parse carries the clock past an invalid stamp that writes a date ("2023-1-0"),
// but timeline-order read none there, so "01:00UTC" sorted first did not roll over from "11PM" above the list: the sort
// moved it and "6:00" to the next day (fixture timeline-move-rolls-over-past-invalid-date). The same in a moved block:
// "01:00 UTC" after the list rolled over from "21:00 UTC" once the sort wrote that entry last.
const rollsPastInvalidDate = 'Jul 1 2023 11PM\n**Key events**\n2023-1-0\n6:00\n10:00JST';
const rollsPastInvalidDateInBlock = 'Paged on 2024-05-01.\n\n## Timeline\n\n- 21:00 UTC a\n  Monday, 2023-01-04\n- 10:00 UTC b\n\nRecovered 01:00 UTC.\n';
settleWithinTwoPasses('timeline-order reads the clock past an invalid date', [rollsPastInvalidDate, rollsPastInvalidDateInBlock], () => {
  keepsEveryInstant(rollsPastInvalidDate);
  keepsEveryInstant(rollsPastInvalidDateInBlock);
});

// Eleventh round (random-seed fuzz, seeds 478157147, -1798365611, -384877580 and 1227647303): the move put the entry
// under "disable-next-line" out from under it and the converted entry in its place; the moved-out entry's findings
// appeared a pass later, and the control turned the rule off for another entry than the author's (fixtures
// timeline-move-keeps-disabled-entry, timeline-move-keeps-disabled-entry-offset).
const controlTargets = [
  '# Timeline\n<!-- postmortem-disable-next-line -->\n- 2024-07-01 12:00 PST errors rose\n- 2024-05-12 09:00 EDT errors rose\n',
  '# Key events\n<!-- postmortem-disable-next-line -->\n- 2024-03-10 02:30 PST errors rose\n- 2023-11-28T14:38:00+01:00 errors rose\n',
  '<!-- postmortem-disable-next-line -->\n- 2023-11-28T14:38:00+01:00 errors rose\n| Time | Event |\n| --- | --- |\n| 02:33 IST | errors rose |\n| [2023-11-28 14:38 UTC] | errors rose |\n~~~\n[2024-01-01 10:00 UTC] x\n\n',
];
settleWithinTwoPasses('timeline-order keeps each inline control on the line it turns off', controlTargets, () => {
  it('fix-all leaves the line under each "disable-next-line" under it', () => {
    const underControls = (text: string) => text.split('\n').filter((_, line, lines) => lines[line - 1]?.includes('postmortem-disable-next-line'));
    for (const text of controlTargets) assert.deepEqual(underControls(fixAll(text, (current) => lint(current, NO_SECTIONS)).text), underControls(text));
  });
});

// Twelfth round (random-seed fuzz, seed -2089456522; reduced). A move whose block holds the declaration's rewrite
// waited a pass for it, and the conversions counting on the sorted list a third: the rewrite of the document's only
// declaration now goes with the block (fixture timeline-move-carries-declaration-rewrite). And the sort carried no edit
// because a stamp after the list would roll over from the UTC clock of the last entry, though that entry's conversion
// waits and only its DST fixes go with it: the sort clashed with them.
const carriedDstFixes = '---\nstart_time: 2024-05-12 02:33\n---\n# Key events\n- 1:40 PM PST - 2:00 PM PST errors rose\n- 10:00 JST errors rose\n| Time | Event |\n| --- | --- |\n| 6:00 pm (UTC) | errors rose |\n- 10:00 JST errors rose\n# Summary\nDuration: 00:00\n';
settleWithinTwoPasses('a sort or a move carries what the preferred fixes do inside its blocks', [
  '---\nstart_time: 2024-05-12 02:33\n---\n# Key events\n- 1:40 PM PST - 2:00 PM PST errors rose\n- 10:00 JST errors rose\nAll times in PST.\n',
  carriedDstFixes,
], () => {
  keepsEveryInstant(carriedDstFixes);
  it('a conversion inside the block that carries the declaration\'s rewrite does not wait for the move', () => {
    const text = '- 2024-05-12 10:00 UTC errors rose\n- 2024-05-12 09:00 JST paged\n  All times in PST.\n';
    const result = applyFixes(text, lint(text, NO_SECTIONS));
    assert.equal(result.text, '- 2024-05-12 00:00 UTC paged\n  All times in UTC.\n- 2024-05-12 10:00 UTC errors rose\n');
    assert.deepEqual([result.applied, result.skipped], [3, 0]);
  });
});

/** A test: fix-all (without the missing sections) leaves every instant of `text` as it was. */
function keepsEveryInstant(text: string): void {
  it('fix-all keeps every instant', () => {
    const instants = (current: string) => parse(current).stamps.filter((stamp) => stamp.epoch !== undefined).map((stamp) => stamp.epoch).sort();
    assert.deepEqual(instants(fixAll(text, (current) => lint(current, NO_SECTIONS)).text), instants(text));
  });
}

/** A describe block: each text's fix-all settles within two passes; `more` adds the block's other tests. */
function settleWithinTwoPasses(title: string, texts: string[], more?: () => void): void {
  describe(title, () => {
    for (const text of texts) it(JSON.stringify(text), () => assert.ok(fixAllPasses(text) <= 2));
    more?.();
  });
}

const compare = (a: Position, b: Position) => a.line - b.line || a.character - b.character;

/** How many applyFixes passes fix-all makes before a pass applies nothing (at most 5). */
function fixAllPasses(original: string): number {
  let text = original;
  for (let pass = 0; pass < 5; pass++) {
    const result = applyFixes(text, lint(text));
    checkFindingsInside(text, lint(text));
    if (result.applied === 0) return pass;
    text = result.text;
  }
  return 5;
}

// Found by the fix-all fuzzer: each pinned by its smallest input.
describe('robustness: regressions (fix-all fuzzer)', () => {
  // The lines under a table were the last row's text: its keywords ("errors") made it the impact start.
  it('a table row\'s entry ends at the row', () => {
    const text = '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 10:00 UTC | deploy began |\n| 10:20 UTC | rollback finished |\nOther customers saw errors.\n';
    assert.deepEqual(buildTimeline(text).entries.map((entry) => entry.text), ['deploy began', 'rollback finished']);
  });

  // A stated window's date-only end ("from 2024-02-29") was read as midnight and measured against.
  it('a window end without a time is not measured from', () => {
    const text = '## Timeline\n\n- 2024-02-29 14:30 UTC errors began\n- 2024-02-29 17:30 UTC resolved\n\nDuration: 3 hours, from 2024-02-29 to 2024-02-29 17:30 UTC\n';
    assert.deepEqual(lint(text, NO_SECTIONS).filter((finding) => finding.rule === 'duration-mismatch').map((finding) => finding.message), []);
  });

  // Line breaks of both kinds, the last a lone "\r": the "\n" that was to leave a blank line before an inserted
  // section completed it as "\r\n", the setext heading joined the paragraph above, and the next pass inserted it again.
  it('a section inserted after a lone "\r" is a section of its own', () => {
    const text = '<<<<<<< HEAD\n---\n=======\n---\n>>>>>>> feature/timeline\n| Time | Event |\r| --- | --- |\r| [2023-11-28 14:38 UTC] | errors rose |\r'
      + '| [2023-11-28 14:38 UTC] | errors rose |\rDuration: 4h25min\r# Summary\rOn 8:27 AM to 2024-03-10 02:30 PST users saw errors.\r';
    assert.equal(fixAllPasses(text), 2);
  });
});

// A newest-first status page without "6m earlier..." labels: its stamps were read as entries of their own, so the
// sort fix moved the stamps and left each update's text behind, under another update's time.
describe('robustness: regressions (status-page updates)', () => {
  const page = ['## Timeline', '', 'Resolved', '', 'All clear.', '', 'Jul 13, 2023, 11:26 PM UTC', '', 'Monitoring', '',
    'A fix is in; we are watching error rates.', '', 'Jul 13, 2023, 10:02 PM UTC', '', 'Investigating', '',
    'Some customers cannot sign in.', '', 'Jul 13, 2023, 09:15 PM UTC', '', '## Root cause', '', 'A bad deploy.', ''].join('\n');

  it('each update\'s text stays with its stamp', () => {
    assert.deepEqual(buildTimeline(page).entries.map((entry) => entry.text), ['Resolved: All clear.', 'Monitoring: A fix is in; we are watching error rates.', 'Investigating: Some customers cannot sign in.']);
  });

  // "watching error rates" in the Monitoring update made it the impact's start, after its detection.
  it('an update\'s status marks its milestone, not the words of its prose', () => {
    const { milestones } = buildTimeline(page);
    assert.deepEqual([milestones.start?.utc, milestones.detected?.utc, milestones.mitigated?.utc, milestones.resolved?.utc], [
      '2023-07-13T21:15:00.000Z', '2023-07-13T21:15:00.000Z', '2023-07-13T22:02:00.000Z', '2023-07-13T23:26:00.000Z',
    ]);
  });
});
