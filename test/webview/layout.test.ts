// The preview's geometry and formatting, without a browser.
import assert from 'node:assert/strict';
import { createClock, formatDuration, isSelectableZone } from '../../client/webview/format';
import { BREAK_HEIGHT, buildAxis, compressedGaps, placeBoxes, segmentTicks, tickStep, wrap, type Measure } from '../../client/webview/layout';

const at = (hhmm: string) => Date.parse(`2023-11-28T${hhmm}:00Z`);
/** Seven pixels a character. */
const measure: Measure = (text) => text.length * 7;

describe('preview layout', () => {
  it('compresses only gaps much longer than the usual spacing', () => {
    const times = ['14:38', '15:38', '15:50', '16:08', '16:09', '16:17', '16:29'].map(at);
    assert.deepEqual(compressedGaps(times), [true, false, false, false, false, false]);
    // Evenly spaced, or too few gaps to tell: nothing compressed.
    assert.deepEqual(compressedGaps([at('10:00'), at('11:00'), at('12:00')]), [false, false]);
    assert.deepEqual(compressedGaps([at('10:00'), at('18:00')]), [false]);
    // A long gap that is still under 45 minutes is not a break, however short the others.
    assert.deepEqual(compressedGaps([at('10:00'), at('10:01'), at('10:02'), at('10:40')]), [false, false, false]);
  });

  it('maps time to y monotonically, linear within segments, with a fixed-height break', () => {
    const times = ['14:38', '15:38', '15:50', '16:08', '16:09', '16:17', '16:29'].map(at);
    const axis = buildAxis(times, 20, 600);
    assert.equal(axis.breaks.length, 1);
    assert.equal(axis.breaks[0].y1 - axis.breaks[0].y0, BREAK_HEIGHT);
    assert.equal(axis.y(times[0]), 20);
    const ys = times.map(axis.y);
    for (let i = 1; i < ys.length; i++) assert.ok(ys[i] > ys[i - 1], `y(${i}) > y(${i - 1})`);
    // Linear after the break: equal minutes, equal pixels.
    assert.ok(Math.abs((axis.y(at('16:20')) - axis.y(at('16:10'))) - 10 * axis.pxPerMinute) < 1e-9);
    // The segments (without the break) are about as long as the content.
    assert.ok(Math.abs(axis.bottom - 20 - BREAK_HEIGHT - (600 - BREAK_HEIGHT)) < 1);
  });

  it('handles no times, one time and equal times', () => {
    assert.equal(buildAxis([], 10, 100).segments.length, 0);
    const one = buildAxis([at('12:00')], 10, 100);
    assert.equal(one.y(at('12:00')), 10);
    assert.equal(one.bottom, 10);
  });

  it('keeps the scale within bounds for very long and very short incidents', () => {
    const days = buildAxis([Date.parse('2023-01-01T00:00Z'), Date.parse('2023-01-01T06:00Z'), Date.parse('2023-01-01T12:00Z')], 0, 300);
    assert.ok(days.pxPerMinute >= 0.05);
    const minutes = buildAxis([at('10:00'), at('10:01')], 0, 5000);
    assert.ok(minutes.pxPerMinute <= 30);
  });

  it('places boxes without overlap, centred on where a cluster wants to be', () => {
    const tops = placeBoxes([100, 105, 110], [40, 40, 40], 8, 0);
    for (let i = 1; i < tops.length; i++) assert.ok(tops[i] >= tops[i - 1] + 40 + 8);
    // The middle box of a symmetric cluster sits where it wanted to.
    assert.ok(Math.abs(tops[1] - 105) < 1e-9);
    // Far apart boxes stay where they want to be; nothing goes above minTop.
    assert.deepEqual(placeBoxes([0, 200], [40, 40], 8, 6), [6, 200]);
  });

  it('picks round tick steps and aligns ticks to the zone', () => {
    assert.equal(tickStep(1), 60);
    assert.equal(tickStep(10), 5);
    const segment = { from: at('14:38'), to: at('16:29'), y0: 0, y1: 100 };
    assert.deepEqual(segmentTicks(segment, 30, () => 0).map((t) => new Date(t).toISOString().slice(11, 16)), ['15:00', '15:30', '16:00']);
    // India is UTC+5:30: local half hours are whole UTC hours.
    assert.deepEqual(segmentTicks(segment, 60, () => 330).map((t) => new Date(t).toISOString().slice(11, 16)), ['15:30']);
  });

  it('wraps words, cuts words wider than a line, and ends a long text with an ellipsis', () => {
    assert.deepEqual(wrap('one two three four', 70, 'text', measure, 4), ['one two', 'three four']);
    assert.deepEqual(wrap('abcdefghijkl', 35, 'text', measure, 4), ['abcde', 'fghij', 'kl']);
    const lines = wrap('a b c d e f g h i j k l m n o p', 21, 'text', measure, 2);
    assert.equal(lines.length, 2);
    assert.ok(lines[1].endsWith('…'));
    assert.deepEqual(wrap('   ', 100, 'text', measure, 3), []);
  });

  it('formats durations the way postmortems write them', () => {
    assert.equal(formatDuration(0), '0min');
    assert.equal(formatDuration(26), '26min');
    assert.equal(formatDuration(265), '4h 25min');
    assert.equal(formatDuration(120), '2h');
    assert.equal(formatDuration(1787), '1d 5h 47min');
    assert.equal(formatDuration(-10), '-10min');
  });

  it('reads clock times in a zone, and offers only IANA zones and offsets', () => {
    const utc = createClock('UTC')!;
    const instant = Date.parse('2024-05-12T20:32:00Z');
    assert.equal(utc.time(instant), '20:32');
    assert.equal(utc.date(instant), '2024-05-12');
    const pacific = createClock('America/Los_Angeles')!;
    assert.equal(pacific.time(instant), '13:32');
    assert.equal(pacific.offsetMinutes(instant), -420);
    assert.equal(pacific.abbreviation(instant), 'PDT');
    assert.equal(createClock('Not/A_Zone'), null);
    assert.ok(isSelectableZone('Asia/Kolkata'));
    // An abbreviation names a fixed offset; ICU would read it as a zone with daylight saving time.
    assert.ok(!isSelectableZone('PST'));
  });
});
