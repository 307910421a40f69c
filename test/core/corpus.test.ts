// The "Expected" facts of ../shared/corpus/README.md, on the real documents read from ../shared at test time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lint, type Finding } from '../../server/src/core';
import { parse } from '../../server/src/core/parse';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const read = (name: string) => readFileSync(path.join(CORPUS, 'docs', name), 'utf8');
const rule = (findings: Finding[], name: string) => findings.filter((finding) => finding.rule === name);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

describe('corpus: every document and template parses and lints without throwing', () => {
  for (const folder of ['docs', 'templates']) {
    for (const name of readdirSync(path.join(CORPUS, folder))) {
      it(`${folder}/${name}`, () => {
        const text = readFileSync(path.join(CORPUS, folder, name), 'utf8');
        const findings = lint(text);
        for (const finding of findings) {
          assert.ok(finding.range.start.line >= 0 && finding.range.end.line < text.split(/\r?\n/).length + 1);
        }
      });
    }
  }
});

describe('corpus facts', () => {
  it('dfds-PM2020-003: five-digit years are invalid, CET is flagged, "?" durations are not numbers', () => {
    const text = read('dfds-PM2020-003.md');
    const findings = lint(text);
    const invalid = rule(findings, 'timestamp-invalid');
    assert.equal(invalid.length, 5);
    assert.ok(invalid.every((finding) => /20202/.test(finding.message)));
    assert.ok(rule(findings, 'timestamp-not-utc').some((finding) => /CET/.test(finding.message)));
    assert.deepEqual(parse(text).claims, []);
    assert.deepEqual(rule(findings, 'duration-mismatch'), []);
  });

  it('dfds-PM2020-007: 60 and 240 minutes agree with the timeline; CET is flagged', () => {
    const findings = lint(read('dfds-PM2020-007.md'));
    assert.equal(parse(read('dfds-PM2020-007.md')).claims.length, 2);
    assert.deepEqual(rule(findings, 'duration-mismatch'), []);
    assert.ok(rule(findings, 'timestamp-not-utc').some((finding) => /CET/.test(finding.message)));
  });

  it('dfds-PM2021-011: 2021-12-13 14:30 after 15:50 is out of order; N/A durations are ignored', () => {
    const text = read('dfds-PM2021-011.md');
    const findings = lint(text);
    const order = rule(findings, 'timeline-order');
    assert.ok(order.length >= 1);
    assert.ok(order.some((finding) => /2021-12-13\s+14:30/.test(text.split('\n')[finding.range.start.line])), JSON.stringify(order));
    assert.deepEqual(rule(findings, 'duration-mismatch'), []);
  });

  it('dfds-PM2022-006: placeholders are unfinished text, not invalid stamps or order errors', () => {
    const text = read('dfds-PM2022-006.md');
    const findings = lint(text);
    const placeholders = rule(findings, 'placeholder-text');
    assert.ok(placeholders.some((finding) => /HH:mm/.test(finding.message)));
    for (const finding of [...rule(findings, 'timestamp-invalid'), ...rule(findings, 'timeline-order')]) {
      assert.doesNotMatch(text.split('\n')[finding.range.start.line], /HH:mm|\?\?/);
    }
  });

  it('dfds-PM2023-002: 544 minutes (548) and 669 minutes (665) are wrong', () => {
    const text = read('dfds-PM2023-002.md');
    const mismatch = rule(lint(text), 'duration-mismatch');
    assert.deepEqual(mismatch.map((finding) => text.split('\n')[finding.range.start.line].trim()), ['- Time to detection: 544 minutes', '- Time to recovery: 669 minutes']);
    assert.match(mismatch[0].message, /11:20 UTC \(line \d+\) → 20:28 UTC \(line \d+\) is 9h8m/);
    assert.equal(mismatch[0].fixes[0].edits[0].newText, '548 minutes');
  });

  it('dfds-PM2024-002: 8:40 is 08:40; "Time to recovery: 10 minutes" is wrong (8:40 → 9:15 is 35 min)', () => {
    const text = read('dfds-PM2024-002.md');
    const doc = parse(text);
    const first = doc.timeline[0];
    assert.equal(first.stamp.instant?.toISO(), '2024-04-09T08:40:00.000Z');
    const mismatch = rule(lint(text), 'duration-mismatch');
    assert.equal(mismatch.length, 1);
    assert.equal(mismatch[0].range.start.line, lineOf(text, 'Time to recovery'));
  });

  it('k8s-test-infra-2019-01-23: PST reported; zone-less entries inherit PST; January PST is right', () => {
    const findings = lint(read('k8s-test-infra-2019-01-23.md'));
    assert.ok(rule(findings, 'timestamp-not-utc').length >= 1);
    assert.deepEqual(rule(findings, 'timestamp-missing-zone'), []);
    assert.deepEqual(rule(findings, 'timestamp-zone-dst-mismatch'), []);
  });

  it('k8s-test-infra-2019-02-05: 47 minutes agrees (08:47 → 09:34); appendix chat stamps are not entries', () => {
    const text = read('k8s-test-infra-2019-02-05.md');
    const doc = parse(text);
    assert.ok(doc.timelineSection);
    assert.ok(doc.timeline.length > 3);
    assert.ok(doc.timeline.every((entry) => entry.line < doc.timelineSection!.end));
    assert.deepEqual(rule(lint(text), 'duration-mismatch'), []);
  });

  it('moj-2021-09-04: declared after resolved; 5h 16m and 5h 27m are wrong; no zone', () => {
    const text = read('moj-2021-09-04.md');
    const findings = lint(text);
    const order = rule(findings, 'milestone-order');
    assert.equal(order.length, 1);
    assert.match(order[0].message, /declared/);
    const mismatch = rule(findings, 'duration-mismatch');
    assert.equal(mismatch.length, 2);
    assert.match(mismatch[0].message, /14h11m/);
    assert.match(mismatch[1].message, /14h22m/);
    assert.ok(rule(findings, 'timestamp-missing-zone').length >= 4);
  });

  it('moj-2022-03-10: dot times read; "Time to repair: 8m" agrees', () => {
    const text = read('moj-2022-03-10.md');
    assert.ok(parse(text).stamps.some((stamp) => stamp.parts.text.includes('11.50') && stamp.instant?.toISO()?.startsWith('2022-03-10T11:50')));
    assert.deepEqual(rule(lint(text), 'duration-mismatch'), []);
  });

  it('moj-2023-01-11: 2022-01-11 14:40 among 2023 entries is out of order; 1h 28m and 1h 29m agree', () => {
    const text = read('moj-2023-01-11.md');
    const findings = lint(text);
    const order = rule(findings, 'timeline-order');
    assert.equal(order.length, 1);
    assert.equal(order[0].range.start.line, lineOf(text, '2022-01-11 14:40'));
    assert.deepEqual(rule(findings, 'duration-mismatch'), []);
  });

  it('moj-2025-01-13: 1600 is 16:00; 1d 5h 47m and 1d 6h 40m agree', () => {
    const text = read('moj-2025-01-13.md');
    assert.equal(parse(text).claims.length, 2);
    assert.deepEqual(rule(lint(text), 'duration-mismatch'), []);
  });

  it('icco-0b9c79f2: start_time disagrees with "02:33 IST"; IST is not UTC', () => {
    const text = read('icco-0b9c79f2.md');
    const findings = lint(text);
    const meta = rule(findings, 'metadata-mismatch');
    assert.equal(meta.length, 1);
    assert.equal(meta[0].fixes[0].edits[0].newText, '2012-07-29T21:03:00Z');
    assert.ok(rule(findings, 'timestamp-not-utc').some((finding) => /IST/.test(finding.message)));
  });

  it('icco-a089d03f: "19 hours and 12 minutes" agrees; no duration finding', () => {
    assert.deepEqual(rule(lint(read('icco-a089d03f.md')), 'duration-mismatch'), []);
  });

  it('flutter-2016-11-08: START 11-07 16:27 → END 11-08 14:15 is 21h48m, not 16h 45m', () => {
    const text = read('flutter-2016-11-08.md');
    const mismatch = rule(lint(text), 'duration-mismatch');
    assert.equal(mismatch.length, 1);
    assert.match(mismatch[0].message, /21h48m/);
    assert.equal(mismatch[0].fixes[0].edits[0].newText, '21h 48m');
  });

  it('dogsbody-2025-06-24: the first update (05:56) is before the incident start (17:29)', () => {
    const text = read('dogsbody-2025-06-24.md');
    const meta = rule(lint(text), 'metadata-mismatch');
    assert.equal(meta.length, 1);
    assert.equal(meta[0].range.start.line, lineOf(text, '05:56'));
  });

  it('wire-2023-01-04: 11:34 before 09:15; Tuesday 2023-01-04 was a Wednesday; the timeline has no zone', () => {
    const text = read('wire-2023-01-04.md');
    const findings = lint(text);
    const order = rule(findings, 'timeline-order');
    assert.equal(order.length, 1);
    assert.equal(order[0].range.start.line, lineOf(text, '*2023-01-04 09:15*'));
    assert.ok(rule(findings, 'timestamp-invalid').some((finding) => /Wednesday/.test(finding.message)));
    const timelineLine = lineOf(text, '## Timeline');
    assert.ok(rule(findings, 'timestamp-missing-zone').filter((finding) => finding.range.start.line > timelineLine).length >= 5);
  });

  it('homebrew-2018-08-05: no timestamp, order or duration findings; only template findings', () => {
    const findings = lint(read('homebrew-2018-08-05.md'));
    for (const finding of findings) assert.ok(['missing-section', 'empty-section', 'placeholder-text'].includes(finding.rule), finding.rule);
    assert.ok(rule(findings, 'missing-section').some((finding) => /Timeline/.test(finding.message)));
  });
});
