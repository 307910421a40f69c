import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  formatStampLike,
  isPlaceholderStamp,
  scanTimestamps,
  ZONE_ABBREVIATIONS,
  type ScanOptions,
  type StampParts,
} from '../../server/src/core/timestamps';

interface Expected {
  /** The stamp's exact text; its start is its first occurrence after the previous stamp. */
  text: string;
  date?: { year?: number; month: number; day: number; implied?: boolean };
  weekday?: number;
  time?: { hour: number; minute: number; second?: number };
  zone?: string;
  implied?: boolean;
  precision?: StampParts['precision'];
  invalid?: RegExp;
}

interface Case {
  input: string;
  options?: ScanOptions;
  stamps: Expected[];
  ranges?: [number, number][];
}

const NNBSP = '\u202f';

function check(c: Case): void {
  const { stamps, ranges } = scanTimestamps(c.input, c.options);
  assert.deepEqual(stamps.map((s) => s.text), c.stamps.map((e) => e.text), c.input);
  let cursor = 0;
  c.stamps.forEach((e, i) => {
    const s = stamps[i];
    const start = c.input.indexOf(e.text, cursor);
    assert.equal(s.start, start, `${e.text} start`);
    assert.equal(s.end, start + e.text.length, `${e.text} end`);
    cursor = s.end;
    assert.deepEqual(s.date, e.date, `${e.text} date`);
    assert.equal(s.weekday, e.weekday, `${e.text} weekday`);
    assert.deepEqual(s.time, e.time, `${e.text} time`);
    assert.equal(s.zone?.text, e.zone, `${e.text} zone`);
    if (s.zone) {
      assert.equal(c.input.slice(s.zone.start, s.zone.end), s.zone.text, `${e.text} zone offsets`);
      assert.equal(s.zone.implied === true, e.implied === true, `${e.text} implied zone`);
      if (!s.zone.implied) assert.ok(s.zone.start >= s.start && s.zone.end <= s.end, `${e.text} zone inside stamp`);
    }
    if (e.precision) assert.equal(s.precision, e.precision, `${e.text} precision`);
    if (e.invalid) assert.match(s.invalid ?? '', e.invalid, `${e.text} invalid`);
    else assert.equal(s.invalid, undefined, `${e.text} should be valid`);
  });
  assert.deepEqual(ranges, (c.ranges ?? []).map(([from, to]) => ({ from, to })), `${c.input} ranges`);
}

const d = (year: number | undefined, month: number, day: number) => (year === undefined ? { month, day } : { year, month, day });
const t = (hour: number, minute: number, second?: number) => (second === undefined ? { hour, minute } : { hour, minute, second });

describe('scanTimestamps: formats found in real postmortems', () => {
  const cases: Case[] = [
    { input: '[2023-11-28 14:38 UTC]\tRollout of the new cart service began.', stamps: [{ text: '2023-11-28 14:38 UTC', date: d(2023, 11, 28), time: t(14, 38), zone: 'UTC', precision: 'minute' }] },
    { input: '| 2023-11-28 14:38 | Node pool drained |', stamps: [{ text: '2023-11-28 14:38', date: d(2023, 11, 28), time: t(14, 38) }] },
    { input: 'started: 2023-11-28T14:38:00Z', stamps: [{ text: '2023-11-28T14:38:00Z', date: d(2023, 11, 28), time: t(14, 38, 0), zone: 'Z', precision: 'second' }] },
    { input: 'createdAt: 2023-11-28T14:38:00.106Z', stamps: [{ text: '2023-11-28T14:38:00.106Z', date: d(2023, 11, 28), time: t(14, 38, 0), zone: 'Z' }] },
    { input: 'date: 2025-06-24T05:56:00+00:00', stamps: [{ text: '2025-06-24T05:56:00+00:00', date: d(2025, 6, 24), time: t(5, 56, 0), zone: '+00:00' }] },
    { input: '{{< track "2023-11-28T14:38:00+01:00" >}} Update posted', stamps: [{ text: '2023-11-28T14:38:00+01:00', date: d(2023, 11, 28), time: t(14, 38, 0), zone: '+01:00' }] },
    { input: 'At 14:38 UTC, the queue backed up.', stamps: [{ text: '14:38 UTC', time: t(14, 38), zone: 'UTC' }] },
    { input: '- **1:32 PM PST:** Pager fired for the payments API.', stamps: [{ text: '1:32 PM PST', time: t(13, 32), zone: 'PST' }] },
    { input: 'paged at 1:32pm by the on-call bot', stamps: [{ text: '1:32pm', time: t(13, 32) }] },
    { input: '- 8:27 AM: rollback confirmed', stamps: [{ text: '8:27 AM', time: t(8, 27) }] },
    { input: '>alice [8:27 AM]  ', stamps: [{ text: '8:27 AM', time: t(8, 27) }] },
    { input: '12:05 AM and 12:40 PM', stamps: [{ text: '12:05 AM', time: t(0, 5) }, { text: '12:40 PM', time: t(12, 40) }] },
    { input: '* [08:47] Deploy merged. **Outage begins.**', stamps: [{ text: '08:47', time: t(8, 47) }] },
    { input: '**16:27** Tag cut and pushed', stamps: [{ text: '16:27', time: t(16, 27) }] },
    { input: '[03-26 23:04] worker restarted', stamps: [{ text: '03-26 23:04', date: d(undefined, 3, 26), time: t(23, 4) }] },
    { input: '  - Incident declared 2022-03-10 11.50', stamps: [{ text: '2022-03-10 11.50', date: d(2022, 3, 10), time: t(11, 50) }] },
    { input: '  - Repaired: 2025-01-14 1600', stamps: [{ text: '2025-01-14 1600', date: d(2025, 1, 14), time: t(16, 0) }] },
    { input: '| 2024-04-09 8:40 | Nodes cordoned', stamps: [{ text: '2024-04-09 8:40', date: d(2024, 4, 9), time: t(8, 40) }] },
    { input: 'first signs at 2016/11/07 21:30, fixed later', stamps: [{ text: '2016/11/07 21:30', date: d(2016, 11, 7), time: t(21, 30) }] },
    { input: `Thu, Jul 13, 2023, 11:26${NNBSP}PM`, stamps: [{ text: `Thu, Jul 13, 2023, 11:26${NNBSP}PM`, date: d(2023, 7, 13), weekday: 4, time: t(23, 26) }] },
    { input: 'Thu, Jul 13, 2023, 09:48\u00a0PM', stamps: [{ text: 'Thu, Jul 13, 2023, 09:48\u00a0PM', date: d(2023, 7, 13), weekday: 4, time: t(21, 48) }] },
    { input: 'Thu, Jul 13, 2023, 03:09 PM', stamps: [{ text: 'Thu, Jul 13, 2023, 03:09 PM', date: d(2023, 7, 13), weekday: 4, time: t(15, 9) }] },
    { input: 'On July 13, 2023, at 15:02 UTC, error rates rose.', stamps: [{ text: 'July 13, 2023, at 15:02 UTC', date: d(2023, 7, 13), time: t(15, 2), zone: 'UTC' }] },
    { input: '**30 July 2012, 02:33 IST.** A feeder tripped.', stamps: [{ text: '30 July 2012, 02:33 IST', date: d(2012, 7, 30), time: t(2, 33), zone: 'IST' }] },
    { input: 'on 16/03/2020 3am UTC the job stalled', stamps: [{ text: '16/03/2020 3am UTC', date: d(2020, 3, 16), time: t(3, 0), zone: 'UTC', precision: 'hour' }] },
    { input: 'on 03/04/2020 the job stalled', stamps: [{ text: '03/04/2020', date: d(2020, 3, 4), precision: 'day' }] },
    { input: 'The relay failed at 02:33 IST.', stamps: [{ text: '02:33 IST', time: t(2, 33), zone: 'IST' }] },
    { input: '- 2:54 PM PST: config merged', stamps: [{ text: '2:54 PM PST', time: t(14, 54), zone: 'PST' }] },
    { input: 'The import began around 1:00 am (UTC) and ran long.', stamps: [{ text: '1:00 am (UTC)', time: t(1, 0), zone: 'UTC' }] },
    { input: 'It ended near 6:00 pm (UTC) on Sunday.', stamps: [{ text: '6:00 pm (UTC)', time: t(18, 0), zone: 'UTC' }] },
    { input: 'short drops were seen beginning from UTC 05:13.', stamps: [{ text: 'UTC 05:13', time: t(5, 13), zone: 'UTC' }] },
    { input: '*2023-01-04 05:13*: Monitor raised an alert.', stamps: [{ text: '2023-01-04 05:13', date: d(2023, 1, 4), time: t(5, 13) }] },
    { input: '*2023-01-04/11:34*: Provider blocked the address.', stamps: [{ text: '2023-01-04/11:34', date: d(2023, 1, 4), time: t(11, 34) }] },
    { input: '> {"level":"fatal","msg":"config load failed","time":"2019-01-23T16:08:30Z"}', stamps: [{ text: '2019-01-23T16:08:30Z', date: d(2019, 1, 23), time: t(16, 8, 30), zone: 'Z' }] },
    { input: '### 2023-08-25', stamps: [{ text: '2023-08-25', date: d(2023, 8, 25), precision: 'day' }] },
    { input: '2019-01-22', stamps: [{ text: '2019-01-22', date: d(2019, 1, 22) }] },
    { input: 'On May 12, 2024, checkout failed.', stamps: [{ text: 'May 12, 2024', date: d(2024, 5, 12) }] },
    { input: 'the outage last Friday, November 10, with orders', stamps: [{ text: 'Friday, November 10', date: d(undefined, 11, 10), weekday: 5 }] },
    { input: 'restored on November 10.', stamps: [{ text: 'November 10', date: d(undefined, 11, 10) }] },
    { input: 'On November 28th, 2023, carts failed.', stamps: [{ text: 'November 28th, 2023', date: d(2023, 11, 28) }] },
    { input: 'Nov 28, 2023 : Checkout degraded', stamps: [{ text: 'Nov 28, 2023', date: d(2023, 11, 28) }] },
    { input: 'All times in PST, on February 5th 2019', stamps: [{ text: 'February 5th 2019', date: d(2019, 2, 5) }] },
    { input: '**31 July 2012** was worse.', stamps: [{ text: '31 July 2012', date: d(2012, 7, 31) }] },
    { input: 'On 31st July 2018 a token leaked.', stamps: [{ text: '31st July 2018', date: d(2018, 7, 31) }] },
    { input: 'fixed on 2016/11/08.', stamps: [{ text: '2016/11/08', date: d(2016, 11, 8) }] },
    { input: 'Wed 4 Jan 2023 at 10:00', stamps: [{ text: 'Wed 4 Jan 2023 at 10:00', date: d(2023, 1, 4), weekday: 3, time: t(10, 0) }] },
    { input: 'on 2023-01-04 at 5pm', stamps: [{ text: '2023-01-04 at 5pm', date: d(2023, 1, 4), time: t(17, 0), precision: 'hour' }] },
    { input: '| 2021-12-10   15:40 | call started |', stamps: [{ text: '2021-12-10   15:40', date: d(2021, 12, 10), time: t(15, 40) }] },
    { input: '12:30:15 UTC', stamps: [{ text: '12:30:15 UTC', time: t(12, 30, 15), zone: 'UTC', precision: 'second' }] },
    { input: 'at 3 p.m. sharp', stamps: [{ text: '3 p.m.', time: t(15, 0), precision: 'hour' }] },
    { input: 'Logs: 2023-02-01 10:11:12 -0700 start', stamps: [{ text: '2023-02-01 10:11:12 -0700', date: d(2023, 2, 1), time: t(10, 11, 12), zone: '-0700' }] },
    { input: 'seen at 10:15+01:00', stamps: [{ text: '10:15+01:00', time: t(10, 15), zone: '+01:00' }] },
    { input: 'We were back by 3pm.', stamps: [{ text: '3pm', time: t(15, 0) }] },
    // Pasted from tools that write names in capitals.
    { input: '| THU, JUL 13, 2023, 11:26 PM | ERRORS ROSE |', stamps: [{ text: 'THU, JUL 13, 2023, 11:26 PM', date: d(2023, 7, 13), weekday: 4, time: t(23, 26) }] },
    { input: 'WEDNESDAY, MARCH 6, 2024 AT 4:05 PM PST', stamps: [{ text: 'WEDNESDAY, MARCH 6, 2024 AT 4:05 PM PST', date: d(2024, 3, 6), weekday: 3, time: t(16, 5), zone: 'PST' }] },
    { input: 'SEPTEMBER 3RD 2024 10:00 UTC', stamps: [{ text: 'SEPTEMBER 3RD 2024 10:00 UTC', date: d(2024, 9, 3), time: t(10, 0), zone: 'UTC' }] },
    { input: 'ON 3RD OF MARCH 2024 THE DISK FILLED', stamps: [{ text: '3RD OF MARCH 2024', date: d(2024, 3, 3) }] },
    { input: 'SEPT. 3, 2024', stamps: [{ text: 'SEPT. 3, 2024', date: d(2024, 9, 3) }] },
  ];
  for (const c of cases) it(JSON.stringify(c.input), () => check(c));

  it('reads bare 1600 and 11.50 only in a time field', () => {
    check({ input: '1600', options: { timeField: true }, stamps: [{ text: '1600', time: t(16, 0) }] });
    check({ input: ' 11.50 ', options: { timeField: true }, stamps: [{ text: '11.50', time: t(11, 50) }] });
    check({ input: '**0905 UTC**', options: { timeField: true }, stamps: [{ text: '0905 UTC', time: t(9, 5), zone: 'UTC' }] });
    check({ input: '1600-1700', options: { timeField: true }, stamps: [{ text: '1600', time: t(16, 0) }, { text: '1700', time: t(17, 0) }], ranges: [[0, 1]] });
    check({ input: '2.17', options: { timeField: true }, stamps: [{ text: '2.17', time: t(2, 17) }] });
    for (const input of ['1600', '11.50', 'at 1600', 'at 11.50 we']) check({ input, stamps: [] });
    // In a field only the leading number is a time: "November 2017" is a year.
    for (const input of ['Post Mortem - November 2017', 'Impact: 1600 MW', 'ran 3 jobs in 1600 seconds', '1600 servers', 'log4j 2.17 published']) {
      check({ input, options: { timeField: true }, stamps: [] });
    }
  });
});

describe('scanTimestamps: zones', () => {
  const cases: [string, string][] = [
    ['10:15 UTC', 'UTC'], ['10:15 GMT', 'GMT'], ['10:15Z', 'Z'], ['10:15 UTC+1', 'UTC+1'], ['10:15 GMT-05:00', 'GMT-05:00'],
    ['10:15 UTC+05:30', 'UTC+05:30'], ['2023-05-01T10:15:00+01:00', '+01:00'], ['2023-05-01T10:15:00-0700', '-0700'], ['10:15 PST/PDT', 'PST/PDT'],
    ['10:15 (PST)', 'PST'], ['10:15 ( UTC )', 'UTC'],
  ];
  for (const [input, zone] of cases) {
    it(input, () => {
      const [stamp] = scanTimestamps(input).stamps;
      assert.equal(stamp.zone?.text, zone);
      assert.equal(stamp.end, input.length);
    });
  }

  const abbreviations: Record<string, string> = {
    PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles',
    EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York',
    CST: 'America/Chicago', CDT: 'America/Chicago', CT: 'America/Chicago',
    MST: 'America/Denver', MDT: 'America/Denver', MT: 'America/Denver',
    CET: 'Europe/Paris', CEST: 'Europe/Paris', WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon', EET: 'Europe/Athens', EEST: 'Europe/Athens',
    BST: 'Europe/London', IST: 'Asia/Kolkata', BRT: 'America/Sao_Paulo', JST: 'Asia/Tokyo', KST: 'Asia/Seoul',
    AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', ACST: 'Australia/Adelaide', AWST: 'Australia/Perth',
    NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland', HKT: 'Asia/Hong_Kong', SGT: 'Asia/Singapore', MSK: 'Europe/Moscow',
    'PST/PDT': 'America/Los_Angeles',
  };
  it('finds every abbreviation after a time and maps it to its IANA zone', () => {
    for (const [abbreviation, iana] of Object.entries(abbreviations)) {
      const input = `at 10:15 ${abbreviation}: done`;
      const [stamp] = scanTimestamps(input).stamps;
      assert.equal(stamp.text, `10:15 ${abbreviation}`, input);
      assert.equal(stamp.zone?.text, abbreviation);
      assert.equal(ZONE_ABBREVIATIONS[abbreviation]?.iana, iana, abbreviation);
    }
  });

  it('records fixed offsets and daylight time, and leaves them out for generic names', () => {
    assert.deepEqual(ZONE_ABBREVIATIONS.PST, { iana: 'America/Los_Angeles', offsetMinutes: -480, dst: false });
    assert.deepEqual(ZONE_ABBREVIATIONS.PDT, { iana: 'America/Los_Angeles', offsetMinutes: -420, dst: true });
    assert.deepEqual(ZONE_ABBREVIATIONS.IST, { iana: 'Asia/Kolkata', offsetMinutes: 330, dst: false });
    assert.deepEqual(ZONE_ABBREVIATIONS.CEST, { iana: 'Europe/Paris', offsetMinutes: 120, dst: true });
    assert.deepEqual(ZONE_ABBREVIATIONS.UTC, { iana: 'UTC', offsetMinutes: 0, dst: false });
    for (const generic of ['PT', 'ET', 'CT', 'MT', 'PST/PDT']) {
      assert.equal(ZONE_ABBREVIATIONS[generic]?.offsetMinutes, undefined, generic);
      assert.equal(ZONE_ABBREVIATIONS[generic]?.dst, undefined, generic);
    }
    assert.equal(ZONE_ABBREVIATIONS.constructor, undefined);
    assert.equal(ZONE_ABBREVIATIONS.XYZ, undefined);
  });

  it('takes a zone only as a whole word', () => {
    check({ input: 'deploy at 10:00 ETA tomorrow', stamps: [{ text: '10:00', time: t(10, 0) }] });
    check({ input: '10:00 LIST of hosts', stamps: [{ text: '10:00', time: t(10, 0) }] });
    check({ input: 'at 10:00 ESTIMATED', stamps: [{ text: '10:00', time: t(10, 0) }] });
    check({ input: 'at 10:00 IT paged', stamps: [{ text: '10:00', time: t(10, 0) }] });
  });
});

describe('scanTimestamps: ranges', () => {
  const cases: Case[] = [
    {
      input: '(Between 1:46pm - 5:30pm)',
      stamps: [{ text: '1:46pm', time: t(13, 46) }, { text: '5:30pm', time: t(17, 30) }],
      ranges: [[0, 1]],
    },
    {
      input: '- **1:40 PM PST - 2:00 PM PST:** retries piled up',
      stamps: [{ text: '1:40 PM PST', time: t(13, 40), zone: 'PST' }, { text: '2:00 PM PST', time: t(14, 0), zone: 'PST' }],
      ranges: [[0, 1]],
    },
    {
      input: '| 2020-10-06 09:00 - 11:00 | Investigation |',
      stamps: [{ text: '2020-10-06 09:00', date: d(2020, 10, 6), time: t(9, 0) }, { text: '11:00', date: { ...d(2020, 10, 6), implied: true }, time: t(11, 0) }],
      ranges: [[0, 1]],
    },
    {
      input: 'Checkout errors ran from 15:51 to 16:17 UTC for most shops.',
      stamps: [{ text: '15:51', time: t(15, 51), zone: 'UTC', implied: true }, { text: '16:17 UTC', time: t(16, 17), zone: 'UTC' }],
      ranges: [[0, 1]],
    },
    {
      input: 'Between 19:19 UTC and 23:44 UTC, logins failed.',
      stamps: [{ text: '19:19 UTC', time: t(19, 19), zone: 'UTC' }, { text: '23:44 UTC', time: t(23, 44), zone: 'UTC' }],
      ranges: [[0, 1]],
    },
    {
      input: 'From 19:19 to 23:44 UTC, the CLI returned 500s.',
      stamps: [{ text: '19:19', time: t(19, 19), zone: 'UTC', implied: true }, { text: '23:44 UTC', time: t(23, 44), zone: 'UTC' }],
      ranges: [[0, 1]],
    },
    {
      input: 'checkout was down from 1:30 PM PST to 2:30 PM PST.',
      stamps: [{ text: '1:30 PM PST', time: t(13, 30), zone: 'PST' }, { text: '2:30 PM PST', time: t(14, 30), zone: 'PST' }],
      ranges: [[0, 1]],
    },
    {
      input: 'down from 9:00 to 11:30 PM',
      stamps: [{ text: '9:00', time: t(21, 0) }, { text: '11:30 PM', time: t(23, 30) }],
      ranges: [[0, 1]],
    },
    {
      input: '10:00 PST - 11:00',
      stamps: [{ text: '10:00 PST', time: t(10, 0), zone: 'PST' }, { text: '11:00', time: t(11, 0), zone: 'PST', implied: true }],
      ranges: [[0, 1]],
    },
    { input: '23:55-00:10', stamps: [{ text: '23:55', time: t(23, 55) }, { text: '00:10', time: t(0, 10) }], ranges: [[0, 1]] },
    { input: '12:00\u201313:00', stamps: [{ text: '12:00', time: t(12, 0) }, { text: '13:00', time: t(13, 0) }], ranges: [[0, 1]] },
    { input: '2023-01-04 to 2023-01-06', stamps: [{ text: '2023-01-04', date: d(2023, 1, 4) }, { text: '2023-01-06', date: d(2023, 1, 6) }], ranges: [[0, 1]] },
    // "and" joins a range only after "between"; a date and a time are not a range.
    { input: 'at 10:00 and 11:00', stamps: [{ text: '10:00', time: t(10, 0) }, { text: '11:00', time: t(11, 0) }] },
    { input: '# 2021-09-04 - 10:00 incident', stamps: [{ text: '2021-09-04', date: d(2021, 9, 4) }, { text: '10:00', time: t(10, 0) }] },
    { input: 'Outage on 2021-09-04 - Pingdom alert', stamps: [{ text: '2021-09-04', date: d(2021, 9, 4) }] },
  ];
  for (const c of cases) it(JSON.stringify(c.input), () => check(c));

  it('moving a range start to the afternoon changes no other stamp (stamps share their times)', () => {
    const before = scanTimestamps('at 12:00 and 9:00').stamps.map((stamp) => stamp.time);
    scanTimestamps('From 12:00 - 3am, and 9:00 to 11:30 PM');
    assert.deepEqual(scanTimestamps('at 12:00 and 9:00').stamps.map((stamp) => stamp.time), [t(12, 0), t(9, 0)]);
    assert.deepEqual(before, [t(12, 0), t(9, 0)]);
  });
});

describe('scanTimestamps: text that is not a timestamp', () => {
  const inputs = [
    'Fixed in v. 2.2 of the service', 'upgrade to 1.0.0', 'package:args tag 0.13.6+1 is cut', 'host 10.0.0.1 timed out', '~2.5 GB free',
    '~12 GB of memory usage', 'on call 24/7', 'a 3:1 ratio', 'aspect 16:9', 'https://example.slack.com/archives/C01/p1630842806160700',
    'https://status.example.com/incidents/01HGBCRWHPB0E8G45Q648B7FW', 'commit 08b1b5301de1aa3f18dedf9343ea637a58591f9c', 'see #6765',
    'Duration of incident: **4h25min**', '0 days, 0 hours and 26 minutes', '26 minutes', 'about 1600 MW lost', '~3,000 MW', '48,000 MW',
    'manifests/2.1": toomanyrequests', 'after Black Friday, we', 'we may 5 times retry', 'in March we moved', 'One night in July 2012',
    '1h earlier...', '53m earlier...', '90% of sessions', '9 months ago', 'Time to detection: 60 minutes', '(7min, 2min, 3min, 4min)',
    'slugEN: 2017-11-15-post-mortem-oms-november-2017', 'docs/incident-reports/2025-01-13-auth0.md', 'https://example.gov/2012/orders/report.pdf',
    'uuid: 0b9c79f2-c9f6-4b88-a5b7-400973716d9a', 'cert *.apps.yy-1003-0100.example', 'members 160-170', 'port localhost:8080',
    'id 2023-01-04T', 'version 2019.1.10', 'build 12.34.56', '1:2', '10:5 tests', 'at noon on Tuesday, eks-pipeline',
    'x 2023-01-04.md', 'release 2.17 published', 'MAYBE 3 TIMES', 'JuL 13', 'jul 13',
  ];
  for (const input of inputs) it(JSON.stringify(input), () => assert.deepEqual(scanTimestamps(input), { stamps: [], ranges: [] }));

  const placeholders = ['HH:mm', 'HH:MM', 'hh:mm', '--:--', 'YYYY-MM-DD', 'yyyy-mm-dd', '2021/22-??-?? HH:mm', '??:??', 'DD/MM/YYYY', '20xx-MM-DD HH:mm', 'YYYY-MM-DDTHH:mm:ssZ', 'HH:mm UTC'];
  it('returns no part of a placeholder, and isPlaceholderStamp recognises it', () => {
    for (const placeholder of placeholders) {
      assert.deepEqual(scanTimestamps(`| ${placeholder} | text |`).stamps, [], placeholder);
      assert.equal(isPlaceholderStamp(placeholder), true, placeholder);
    }
    assert.equal(isPlaceholderStamp(' 2022-05-?? HH:mm '), true);
    // The written date of a half-filled cell is real; only its time is unfinished.
    assert.deepEqual(scanTimestamps('| 2020-12-21 HH:mm | text |').stamps.map((s) => s.text), ['2020-12-21']);
    assert.equal(isPlaceholderStamp('2020-12-21 HH:mm'), true);
    for (const real of ['2023-01-04 14:00', '14:00', 'Hello', 'Mm-hmm', '----', '', 'May 12, 2024', 'TBD']) {
      assert.equal(isPlaceholderStamp(real), false, real);
    }
  });
});

describe('scanTimestamps: invalid stamps are reported, not corrected', () => {
  const cases: Case[] = [
    { input: '| 20202-01-16 12:00 | Pipeline broke |', stamps: [{ text: '20202-01-16 12:00', date: d(20202, 1, 16), time: t(12, 0), invalid: /^year 20202 has five digits$/ }] },
    { input: 'at 07:7:47 the node died', stamps: [{ text: '07:7:47', time: t(7, 7, 47), invalid: /minutes need two digits/ }] },
    { input: 'at 25:10 UTC', stamps: [{ text: '25:10 UTC', time: t(25, 10), zone: 'UTC', invalid: /^hour 25 does not exist/ }] },
    { input: 'at 12:61', stamps: [{ text: '12:61', time: t(12, 61), invalid: /^minute 61 does not exist/ }] },
    { input: 'at 12:30:75', stamps: [{ text: '12:30:75', time: t(12, 30, 75), invalid: /^second 75 does not exist/ }] },
    { input: 'on 2023-02-30', stamps: [{ text: '2023-02-30', date: d(2023, 2, 30), invalid: /^February 30, 2023 does not exist$/ }] },
    { input: 'on 2023-13-01 10:00', stamps: [{ text: '2023-13-01 10:00', date: d(2023, 13, 1), time: t(10, 0), invalid: /^month 13 does not exist$/ }] },
    { input: 'on February 30 we', stamps: [{ text: 'February 30', date: d(undefined, 2, 30), invalid: /^February 30 does not exist$/ }] },
    { input: 'on February 29 we', stamps: [{ text: 'February 29', date: d(undefined, 2, 29) }] },
    { input: 'on 31/02/2020', stamps: [{ text: '31/02/2020', date: d(2020, 2, 31), invalid: /^February 31, 2020 does not exist$/ }] },
    { input: 'On Tuesday, 2023-01-04, the site went down.', stamps: [{ text: 'Tuesday, 2023-01-04', date: d(2023, 1, 4), weekday: 2, invalid: /^2023-01-04 was a Wednesday, not a Tuesday$/ }] },
    { input: 'Fri, Jul 13, 2023, 11:26 PM', stamps: [{ text: 'Fri, Jul 13, 2023, 11:26 PM', date: d(2023, 7, 13), weekday: 5, time: t(23, 26), invalid: /was a Thursday, not a Friday/ }] },
    { input: 'at 13:30 PM', stamps: [{ text: '13:30 PM', time: t(13, 30), invalid: /^hour 13 does not exist on a 12-hour clock/ }] },
    { input: 'at 0:30 am', stamps: [{ text: '0:30 am', time: t(0, 30), invalid: /^hour 0 does not exist on a 12-hour clock/ }] },
  ];
  for (const c of cases) it(JSON.stringify(c.input), () => check(c));
});

describe('formatStampLike', () => {
  const value = (year: number, month: number, day: number, hour: number, minute: number, second = 0) => ({ year, month, day, hour, minute, second });
  const cases: { input: string; options?: ScanOptions; value: ReturnType<typeof value>; zone: string; expected: string }[] = [
    { input: '1:32 PM PST', value: value(2024, 5, 12, 20, 32), zone: 'UTC', expected: '8:32 PM UTC' },
    { input: '1:32 PM PST', value: value(2024, 5, 12, 20, 32), zone: '', expected: '8:32 PM' },
    { input: '2023-11-28T14:38:00+01:00', value: value(2023, 11, 28, 13, 38), zone: 'UTC', expected: '2023-11-28T13:38:00Z' },
    { input: '2025-06-24T05:56:00+00:00', value: value(2025, 6, 24, 7, 56), zone: '+02:00', expected: '2025-06-24T07:56:00+02:00' },
    { input: '2023-11-28T14:38', value: value(2023, 11, 28, 14, 38), zone: 'UTC', expected: '2023-11-28T14:38Z' },
    { input: '2023-11-28T14:38:00.106Z', value: value(2023, 11, 28, 15, 38), zone: 'UTC', expected: '2023-11-28T15:38:00.106Z' },
    { input: '[2023-11-28 14:38 CET]', value: value(2023, 11, 28, 13, 38), zone: 'UTC', expected: '2023-11-28 13:38 UTC' },
    { input: '14:38', value: value(2023, 11, 29, 14, 38, 30), zone: 'UTC', expected: '14:38 UTC' },
    { input: `Thu, Jul 13, 2023, 11:26${NNBSP}PM`, value: value(2023, 7, 14, 3, 26), zone: 'UTC', expected: `Fri, Jul 14, 2023, 03:26${NNBSP}AM UTC` },
    { input: `Thu, Jul 13, 2023, 11:26${NNBSP}PM`, value: value(2023, 7, 13, 23, 26), zone: '', expected: `Thu, Jul 13, 2023, 11:26${NNBSP}PM` },
    { input: '1600', options: { timeField: true }, value: value(2025, 1, 14, 9, 5), zone: 'UTC', expected: '0905 UTC' },
    { input: '11.50', options: { timeField: true }, value: value(2022, 3, 10, 11, 50), zone: '', expected: '11.50' },
    { input: '2022-03-10 11.50', value: value(2022, 3, 10, 10, 50), zone: 'UTC', expected: '2022-03-10 10.50 UTC' },
    { input: '8:27 AM', value: value(2019, 1, 23, 16, 27), zone: 'UTC', expected: '4:27 PM UTC' },
    { input: '2024-04-09 8:40', value: value(2024, 4, 9, 6, 40), zone: 'UTC', expected: '2024-04-09 6:40 UTC' },
    { input: '2023-11-28 23:30 PST', value: value(2023, 11, 29, 7, 30), zone: 'UTC', expected: '2023-11-29 07:30 UTC' },
    { input: 'November 28th, 2023', value: value(2023, 12, 1, 0, 0), zone: '', expected: 'December 1st, 2023' },
    { input: 'July 13, 2023, at 15:02 UTC', value: value(2023, 7, 13, 17, 2), zone: 'CEST', expected: 'July 13, 2023, at 17:02 CEST' },
    { input: '30 July 2012, 02:33 IST', value: value(2012, 7, 29, 21, 3), zone: 'UTC', expected: '29 July 2012, 21:03 UTC' },
    { input: 'UTC 05:13', value: value(2023, 1, 4, 6, 13), zone: 'CET', expected: 'CET 06:13' },
    { input: '6:00 pm (UTC)', value: value(2017, 11, 11, 19, 0), zone: 'CET', expected: '7:00 pm (CET)' },
    { input: '16/03/2020 3am UTC', value: value(2020, 3, 16, 3, 30), zone: 'UTC', expected: '16/03/2020 3:30am UTC' },
    // Day first with slashes, a day that could be a month would read month first ("04/01/2023" is 1 April): dots keep
    // the order and read day first.
    { input: '16/03/2020 3am UTC', value: value(2023, 1, 4, 11, 34), zone: 'UTC', expected: '04.01.2023 11:34am UTC' },
    { input: '16/3/2020', value: value(2023, 12, 4, 0, 0), zone: '', expected: '04.12.2023' },
    { input: '16/03/2020', value: value(2023, 3, 3, 0, 0), zone: '', expected: '03/03/2023' },
    { input: '16/03/2020', value: value(2023, 3, 13, 0, 0), zone: '', expected: '13/03/2023' },
    { input: '[03-26 23:04]', value: value(2024, 3, 27, 6, 4), zone: 'UTC', expected: '03-27 06:04 UTC' },
    { input: 'On Tuesday, 2023-01-04', value: value(2023, 1, 4, 0, 0), zone: '', expected: 'Wednesday, 2023-01-04' },
    { input: '20202-01-16 12:00', value: value(2020, 1, 16, 11, 0), zone: 'UTC', expected: '2020-01-16 11:00 UTC' },
    { input: '9:11:12 a.m.', value: value(2023, 1, 1, 14, 11, 12), zone: '', expected: '2:11:12 p.m.' },
    { input: '09:48 PM', value: value(2023, 1, 1, 8, 5), zone: '', expected: '08:05 AM' },
    // Names written in capitals are written back in capitals.
    { input: 'THU, JUL 13, 2023, 11:26 PM', value: value(2023, 7, 14, 6, 26), zone: 'UTC', expected: 'FRI, JUL 14, 2023, 06:26 AM UTC' },
    { input: 'WEDNESDAY, MARCH 6, 2024', value: value(2024, 12, 1, 0, 0), zone: '', expected: 'SUNDAY, DECEMBER 1, 2024' },
    { input: 'SEPTEMBER 3RD 2024 10:00 UTC', value: value(2024, 9, 22, 10, 0), zone: 'UTC', expected: 'SEPTEMBER 22ND 2024 10:00 UTC' },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.input)} → ${JSON.stringify(c.expected)}`, () => {
      const [stamp] = scanTimestamps(c.input, c.options).stamps;
      assert.equal(formatStampLike(stamp, c.value, c.zone), c.expected);
    });
  }
});

describe('scanTimestamps over real documents', () => {
  const shared = path.resolve(__dirname, '../../../shared');
  const read = (dir: string, ext: string) =>
    fs.readdirSync(path.join(shared, dir)).filter((name) => name.endsWith(ext)).map((name) => ({ name, lines: fs.readFileSync(path.join(shared, dir, name), 'utf8').split(/\r?\n/) }));
  const documents = [...read('seeds', '.txt'), ...read('corpus/docs', '.md')];
  const scanned = new Map(documents.map((doc) => [doc.name, doc.lines.map((line) => ({ line, ...scanTimestamps(line) }))]));
  const lineOf = (prefix: string, n: number) => {
    const name = [...scanned.keys()].find((key) => key.startsWith(prefix));
    assert.ok(name, prefix);
    return (scanned.get(name) ?? [])[n - 1];
  };

  it('scans every line without throwing, with stamps in order and in place', () => {
    assert.ok(documents.length >= 20);
    for (const [name, lines] of scanned) {
      for (const { line, stamps, ranges } of lines) {
        let end = 0;
        for (const stamp of stamps) {
          assert.ok(stamp.start >= end, `${name}: ${line}`);
          assert.equal(line.slice(stamp.start, stamp.end), stamp.text);
          end = stamp.end;
        }
        for (const range of ranges) assert.ok(range.from < range.to && range.to < stamps.length);
      }
    }
  });

  it('seed 000: bracketed UTC stamps', () => {
    const { stamps } = lineOf('000_', 22);
    assert.equal(stamps.length, 1);
    assert.equal(stamps[0].text, '2023-11-28 14:38 UTC');
    assert.equal(stamps[0].start, 1);
    assert.equal(stamps[0].end, 21);
  });

  it('seed 001: fourteen status-page stamps with a narrow no-break space', () => {
    const all = (scanned.get([...scanned.keys()].find((key) => key.startsWith('001_')) ?? '') ?? []).flatMap((line) => line.stamps);
    const updates = all.filter((stamp) => /^Thu, Jul 13, 2023, \d\d:\d\d\u202fPM$/.test(stamp.text));
    assert.equal(updates.length, 14);
    for (const stamp of updates) {
      assert.deepEqual(stamp.date, { year: 2023, month: 7, day: 13 });
      assert.equal(stamp.weekday, 4);
      assert.equal(stamp.invalid, undefined);
      assert.equal(stamp.zone, undefined);
    }
  });

  it('seed 003: 12-hour PST entries and a range', () => {
    assert.deepEqual(lineOf('003_', 9).stamps.map((s) => s.text), ['1:32 PM PST']);
    assert.deepEqual(lineOf('003_', 13).ranges, [{ from: 0, to: 1 }]);
  });

  it('corpus: malformed years, placeholders, weekday, colon-less times', () => {
    const invalid = (scanned.get('dfds-PM2020-003.md') ?? []).flatMap((line) => line.stamps).filter((stamp) => stamp.invalid);
    assert.equal(invalid.length, 5);
    for (const line of scanned.get('dfds-PM2022-006.md') ?? []) {
      for (const stamp of line.stamps) assert.doesNotMatch(stamp.text, /[?H]/);
      if (line.line.includes('??-??')) assert.deepEqual(line.stamps, []);
    }
    assert.match(lineOf('wire-', 7).stamps[0].invalid ?? '', /Wednesday, not a Tuesday/);
    assert.equal(lineOf('moj-2025-', 11).stamps[0].text, '2025-01-14 1600');
    assert.equal(lineOf('moj-2022-03-10', 10).stamps[0].text, '2022-03-10 11.50');
    const homebrew = (scanned.get('homebrew-2018-08-05.md') ?? []).flatMap((line) => line.stamps);
    assert.ok(homebrew.every((stamp) => !stamp.time));
  });
});

describe('scanTimestamps performance', () => {
  // Each would take minutes if any step were quadratic in the line length.
  const megabyte = 1_000_000;
  const lines = [
    '1'.repeat(megabyte), '1:'.repeat(megabyte / 2), '12:'.repeat(megabyte / 3), ' '.repeat(megabyte) + '1', '1' + ' '.repeat(megabyte) + ':00',
    '1.'.repeat(megabyte / 2), '1 '.repeat(megabyte / 10), '1: '.repeat(megabyte / 10), '11:11 '.repeat(megabyte / 60), `https://${'1'.repeat(megabyte)}`,
  ];
  it('stays linear on 1 MB lines of digits, colons and spaces', () => {
    const started = Date.now();
    lines.forEach((line, i) => scanTimestamps(line, { timeField: i % 2 === 0 }));
    assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
  });
});
