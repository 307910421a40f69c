import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { formatDurationLike, formatDurationShort, scanDurations, type DurationMatch } from '../../server/src/core/durations';

function only(line: string): DurationMatch {
  const found = scanDurations(line);
  assert.equal(found.length, 1, `expected one duration in ${JSON.stringify(line)}, got ${JSON.stringify(found.map((m) => m.text))}`);
  return found[0];
}

describe('durations', () => {
  describe('scanDurations reads', () => {
    // [line, the duration exactly as it must be delimited, minutes, tolerance]
    const cases: [string, string, number, number][] = [
      ['Time to fix: 4h25min', '4h25min', 265, 0.5],
      ['took 4h 25m overall', '4h 25m', 265, 0.5],
      ['4h25m', '4h25m', 265, 0.5],
      ['Outage length\t0 days, 0 hours and 26 minutes', '0 days, 0 hours and 26 minutes', 26, 0.5],
      ['down for 26 minutes.', '26 minutes', 26, 0.5],
      ['about 26 mins', '26 mins', 26, 0.5],
      ['failed after 1 minute', '1 minute', 1, 0.5],
      ['Lasted for 8h', '8h', 480, 30],
      ['over 8 hours, the queue grew', '8 hours', 480, 30],
      ['- Time to detection: 544 minutes', '544 minutes', 544, 0.5],
      ['- **Time to repair**: 1d 5h 47m', '1d 5h 47m', 1787, 0.5],
      ['resolved in 2d 1h 29m', '2d 1h 29m', 2969, 0.5],
      ['it ran 15 hours 40 minutes', '15 hours 40 minutes', 940, 0.5],
      ['after 19 hours and 12 minutes of impact', '19 hours and 12 minutes', 1152, 0.5],
      ['it took seven hours and ten minutes to drain', 'seven hours and ten minutes', 430, 0.5],
      ['Twenty-five minutes later it recovered', 'Twenty-five minutes', 25, 0.5],
      ['fifty-nine minutes', 'fifty-nine minutes', 59, 0.5],
      ['zero minutes of downtime', 'zero minutes', 0, 0.5],
      ['for an hour nobody noticed', 'an hour', 60, 30],
      ['wait a minute', 'a minute', 1, 0.5],
      ['roughly half an hour', 'half an hour', 30, 15],
      ['duration: PT4H25M', 'PT4H25M', 265, 0.5],
      ['PT45M', 'PT45M', 45, 0.5],
      ['P1DT2H', 'P1DT2H', 1560, 30],
      ['a 1.5 hours window', '1.5 hours', 90, 15],
      ['retried after 90s', '90s', 1.5, 0.5],
      ['30 seconds', '30 seconds', 0.5, 0.5],
      ['for 2 hrs', '2 hrs', 120, 30],
      ['3 hr outage', '3 hr', 180, 30],
      ['took 45 min', '45 min', 45, 0.5],
      ['- **Time to repair**: 5h 16m', '5h 16m', 316, 0.5],
      ['- **Time to repair**: 1h 28m', '1h 28m', 88, 0.5],
      ['Duration: 16h 45m<br>', '16h 45m', 1005, 0.5],
      ['customers waited 6 hours', '6 hours', 360, 30],
      ['total recovery: 20 hours', '20 hours', 1200, 30],
      ['target: __4 hours__.', '4 hours', 240, 30],
      ['Duration of incident: **4h25min**', '4h25min', 265, 0.5],
      ['lasted approximately 3 hours.', '3 hours', 180, 30],
      ['support runs 24 hours a day', '24 hours', 1440, 30],
      ['1h earlier...', '1h', 60, 30],
      ['a seven-hour backlog', 'seven-hour', 420, 30],
      ['impact 19h12m.', '19h12m', 1152, 0.5],
      ['Duration:4h', '4h', 240, 30],
    ];
    for (const [line, text, minutes, tolerance] of cases) {
      it(`${JSON.stringify(line)} → ${text}`, () => {
        const m = only(line);
        const start = line.indexOf(text);
        assert.deepEqual(
          { start: m.start, end: m.end, text: m.text, minutes: m.minutes, tolerance: m.tolerance },
          { start, end: start + text.length, text, minutes, tolerance },
        );
      });
    }

    it('finds each of several durations in a list', () => {
      const line = 'short periods (7min, 2min, 3min, 4min) were seen';
      assert.deepEqual(
        scanDurations(line).map((m) => [m.start, m.end, m.minutes]),
        [[15, 19, 7], [21, 25, 2], [27, 31, 3], [33, 37, 4]],
      );
    });

    it('reads a range and a list of separate units as separate durations', () => {
      assert.deepEqual(scanDurations('from 24 hours to 7 days').map((m) => m.text), ['24 hours', '7 days']);
      assert.deepEqual(scanDurations('4 hours 4 hours').map((m) => m.text), ['4 hours', '4 hours']);
    });
  });

  describe('scanDurations ignores', () => {
    const ignored = [
      'N/A', '?', 'TBD', '-', 'v2.1', '2.5 GB', '10:30', '2023-11-28', 'a8h3', '0x8h', '5 MB', 'id1d2', 'm',
      '3rd', 'P1', 'PT', 'PT4', '24/7', 'after 42 attempts', 'x hours', 'HH:mm', 'a second PR', 'hours a day',
      'at 10h30', 'serving 502s', '100s of requests', '$5m', '10M users', 'timeout_5m', '5m_timeout', '3 months',
      'a minimum', 'PT in P1 incidents', '2,5 hours', '',
    ];
    for (const line of ignored) {
      it(JSON.stringify(line), () => assert.deepEqual(scanDurations(line), []));
    }
  });

  describe('formatDurationLike', () => {
    // [how the author wrote it, new value in minutes, expected]
    const cases: [string, number, string][] = [
      ['4h15min', 265, '4h25min'],
      ['4h 15m', 265, '4h 25m'],
      ['26 minutes', 30, '30 minutes'],
      ['1 minute', 2, '2 minutes'],
      ['2 minutes', 1, '1 minute'],
      ['544 minutes', 548, '548 minutes'],
      ['0 days, 0 hours and 26 minutes', 1451, '1 day, 0 hours and 11 minutes'],
      ['1d 5h 47m', 851, '14h 11m'],
      ['1d 5h 47m', 1445, '1d 0h 5m'],
      ['5h 16m', 851, '14h 11m'],
      ['16h 45m', 1308, '21h 48m'],
      ['8h', 600, '10h'],
      ['8h', 520, '9h'],
      ['8h', 20, '20m'],
      ['PT4H25M', 265, 'PT4H25M'],
      ['PT4H25M', 1308, 'PT21H48M'],
      ['PT4H25M', 240, 'PT4H'],
      ['PT4H25M', 0, 'PT0M'],
      ['P1DT2H', 1500, 'P1DT1H'],
      ['seven hours and ten minutes', 425, 'seven hours and five minutes'],
      ['Seven hours and ten minutes', 61, 'One hour and one minute'],
      ['2 hrs', 150, '3 hrs'],
      ['2 hrs', 60, '1 hr'],
      ['3 hr', 120, '2 hr'],
      ['45 min', 50, '50 min'],
      ['26 mins', 1, '1 min'],
      ['4h25min', 240, '4h'],
      ['4h25min', 25, '25min'],
      ['4h25min', 0, '0min'],
      ['4h05m', 245, '4h05m'],
      ['an hour', 120, 'two hours'],
      ['an hour', 60, 'an hour'],
      ['a minute', 1, 'a minute'],
      ['half an hour', 95, 'one hour and thirty-five minutes'],
      ['1.5 hours', 100, '1.5 hours'],
      ['1.5 hours', 120, '2 hours'],
      ['90s', 1, '60s'],
      ['90s', 7, '420 s'],
      ['1 day, 5 hours and 47 minutes', 1740, '1 day and 5 hours'],
      ['8 Hours', 60, '1 Hour'],
      ['a seven-hour backlog', 120, 'two-hour'],
      ['ten minutes', 544, '544 minutes'],
      ['4h25min', -5, '0min'],
    ];
    for (const [written, minutes, expected] of cases) {
      it(`${written} + ${minutes} → ${expected}`, () => assert.equal(formatDurationLike(minutes, only(written)), expected));
    }
  });

  describe('formatDurationShort', () => {
    const cases: [number, string][] = [
      [26, '26m'], [265, '4h25m'], [1308, '21h48m'], [1787, '1d 5h47m'], [480, '8h'], [0, '0m'],
      [1440, '1d'], [1445, '1d 5m'], [1.5, '1m30s'], [-5, '-5m'],
    ];
    for (const [minutes, expected] of cases) {
      it(`${minutes} → ${expected}`, () => assert.equal(formatDurationShort(minutes), expected));
    }
  });

  describe('round trip: a written value reads back as itself', () => {
    // [style sample, precision in minutes]: a value is expected back rounded to that precision; one
    // that would round to zero comes back written one unit finer.
    const samples: [string, number][] = [
      ['4h25min', 1], ['4h 25m', 1], ['4h25m', 1], ['0 days, 0 hours and 26 minutes', 1], ['26 minutes', 1],
      ['26 mins', 1], ['1 minute', 1], ['544 minutes', 1], ['1d 5h 47m', 1], ['2d 1h 29m', 1],
      ['15 hours 40 minutes', 1], ['19 hours and 12 minutes', 1], ['seven hours and ten minutes', 1],
      ['PT4H25M', 1], ['PT45M', 1], ['45 min', 1], ['a minute', 1], ['half an hour', 1], ['90s', 1],
      ['30 seconds', 1], ['4h05m', 1], ['ten minutes', 1],
      ['8h', 60], ['8 hours', 60], ['2 hrs', 60], ['3 hr', 60], ['an hour', 60], ['P1DT2H', 60], ['a seven-hour backlog', 60],
      ['1.5 hours', 30], ['2 days', 1440],
    ];
    const expected = (v: number, precision: number): number => {
      const q = Math.round(v / precision) * precision;
      if (q !== 0 || v === 0 || precision === 1) return q;
      return expected(v, precision === 1440 ? 60 : 1);
    };
    for (const [sample, precision] of samples) {
      it(sample, () => {
        const like = only(sample);
        for (let v = 0; v <= 3000; v += 7) {
          const written = formatDurationLike(v, like);
          const back = scanDurations(written);
          assert.equal(back.length, 1, `${v} → ${JSON.stringify(written)}`);
          assert.equal(back[0].text, written);
          assert.equal(back[0].minutes, expected(v, precision), `${v} → ${JSON.stringify(written)}`);
        }
      });
    }
  });

  describe('real documents', () => {
    const shared = path.resolve(__dirname, '../../../shared');
    const lines = (file: string): string[] => readFileSync(file, 'utf8').split(/\r?\n/);
    const seed = (prefix: string): string[] => {
      const dir = path.join(shared, 'seeds');
      const name = readdirSync(dir).find((f) => f.startsWith(prefix)) as string;
      return lines(path.join(dir, name));
    };

    it('scans every line of the seeds and the corpus', () => {
      const files = [
        ...readdirSync(path.join(shared, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => path.join(shared, 'seeds', f)),
        ...readdirSync(path.join(shared, 'corpus/docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(shared, 'corpus/docs', f)),
      ];
      assert.ok(files.length > 0);
      let found = 0;
      for (const file of files) for (const line of lines(file)) found += scanDurations(line).length;
      assert.ok(found > 0);
    });

    it('seed 004 line 9: 4h25min', () => {
      const line = seed('004_')[8];
      const m = only(line);
      assert.equal(m.text, '4h25min');
      assert.equal(m.minutes, 265);
      assert.equal(line.slice(m.start, m.end), '4h25min');
    });

    it('seed 000 line 9: 0 days, 0 hours and 26 minutes', () => {
      const m = only(seed('000_')[8]);
      assert.equal(m.text, '0 days, 0 hours and 26 minutes');
      assert.equal(m.minutes, 26);
    });

    it('seed 001 line 3: 8h at hour precision', () => {
      const m = only(seed('001_')[2]);
      assert.equal(m.text, '8h');
      assert.equal(m.tolerance, 30);
    });

    it('corpus moj-2025-01-13: 1d 5h 47m', () => {
      const hits = lines(path.join(shared, 'corpus/docs/moj-2025-01-13.md')).flatMap(scanDurations);
      const m = hits.find((h) => h.text === '1d 5h 47m');
      assert.ok(m);
      assert.equal(m.minutes, 1787);
    });
  });

  describe('long adversarial lines stay linear', () => {
    const size = 1 << 18;
    const lines: [string, string][] = [
      ['digits', '1'.repeat(size)],
      ['spaces after a part', `1h${' '.repeat(size)}x`],
      ['spaces before and', `1h${' '.repeat(size)}and${' '.repeat(size)}`],
      ['numbers without units', '1 '.repeat(size / 2)],
      ['dotted numbers', '1.1.'.repeat(size / 4)],
      ['touching parts', '1h'.repeat(size / 2)],
      ['number words', 'twenty-'.repeat(size / 7)],
      ['ISO prefixes', 'PT1'.repeat(size / 3)],
    ];
    for (const [name, line] of lines) {
      it(name, () => assert.ok(scanDurations(line).length <= 1));
    }
  });
});
