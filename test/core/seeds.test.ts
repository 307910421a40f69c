// Every statement of ../shared/seeds/EXPECTED.md, asserted on the seeds read from ../shared at test time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyFixes, buildTimeline, lint, type Finding } from '../../server/src/core';
import { parse } from '../../server/src/core/parse';
import { builtInTemplates, defaultTemplate, type Template } from '../../server/src/core/template';

const SEEDS = path.resolve(__dirname, '../../../shared/seeds');
const seed = (name: string) => readFileSync(path.join(SEEDS, name), 'utf8');
const template = (name: string): Template => builtInTemplates.find((candidate) => candidate.name === name)!;
const byRule = (findings: Finding[], rule: string) => findings.filter((finding) => finding.rule === rule);
const lines = (findings: Finding[]) => findings.map((finding) => finding.range.start.line + 1);
const utcTime = (iso: string | undefined) => iso?.slice(11, 16);

describe('seed 000: incident report, Markdown, UTC timeline in brackets', () => {
  const text = seed('000_ac00cb96e8e2b397.txt');
  const findings = lint(text);

  it('reads the TAB-separated Duration field on line 9 as 26 minutes and finds it correct', () => {
    const doc = parse(text);
    const claim = doc.claims.find((candidate) => candidate.duration.line === 8);
    assert.ok(claim, 'a claim on line 9');
    assert.equal(claim.kind, 'impact');
    assert.equal(claim.duration.match.minutes, 26);
    assert.deepEqual(byRule(findings, 'duration-mismatch'), []);
  });

  it('reads the ascending timeline on lines 22-29 without timeline-order', () => {
    const doc = parse(text);
    assert.deepEqual(doc.timeline.map((entry) => entry.line + 1), [22, 23, 24, 26, 27, 28, 29]);
    assert.deepEqual(byRule(findings, 'timeline-order'), []);
  });

  it('has only UTC stamps: no timestamp-not-utc, no timestamp-missing-zone', () => {
    assert.deepEqual(byRule(findings, 'timestamp-not-utc'), []);
    assert.deepEqual(byRule(findings, 'timestamp-missing-zone'), []);
  });

  it('finds Summary, Symptoms, Timeline, Mitigation strategy, Follow-up actions; only Root cause is missing, as a warning', () => {
    const titles = parse(text).sections.map((section) => section.title);
    for (const title of ['Summary', 'Symptoms', 'Timeline', 'Mitigation strategy', 'Follow-up actions: preventing future failures']) assert.ok(titles.includes(title), title);
    const missing = byRule(findings, 'missing-section');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /Root cause/);
    assert.equal(missing[0].severity, 'warning');
    assert.equal(findings.length, 1, JSON.stringify(findings, null, 1));
  });

  it('gives zero findings under the incident-report template', () => {
    assert.deepEqual(lint(text, { template: template('incident-report') }), []);
  });

  it('has the metrics: start 15:38 or 15:51, detected 16:08, mitigated 16:17, resolved 16:29 UTC', () => {
    const { milestones } = buildTimeline(text);
    assert.ok(['15:38', '15:51'].includes(utcTime(milestones.start?.utc)!), milestones.start?.utc);
    assert.equal(utcTime(milestones.detected?.utc), '16:08');
    assert.equal(utcTime(milestones.mitigated?.utc), '16:17');
    assert.equal(utcTime(milestones.resolved?.utc), '16:29');
  });
});

describe('seed 001: status-page export, plain text, no headings', () => {
  const text = seed('001_3b42e667c46257d7.txt');
  const findings = lint(text);
  const updateLines = [59, 68, 78, 88, 98, 106, 116, 126, 136, 146, 153, 159].length;

  it('accepts "Lasted for 8h" against 15:02 → 23:20 UTC: no duration-mismatch', () => {
    const doc = parse(text);
    const claim = doc.claims.find((candidate) => candidate.duration.line === 2);
    assert.ok(claim);
    assert.equal(claim.duration.match.tolerance, 30);
    assert.deepEqual(byRule(findings, 'duration-mismatch'), []);
  });

  it('reports timestamp-missing-zone on each of the fourteen "Thu, Jul 13, 2023, …PM" stamps, UTC offered first', () => {
    const missing = byRule(findings, 'timestamp-missing-zone');
    assert.equal(missing.length, 14);
    assert.equal(missing[0].range.start.line + 1, 27);
    for (const finding of missing) {
      assert.match(text.split('\n')[finding.range.start.line], /^Thu, Jul 13, 2023, /);
      assert.equal(finding.fixes[0].title, 'Append UTC');
    }
    assert.ok(updateLines > 0);
  });

  it('does not flag the narrative "At 15:14 UTC" stamps', () => {
    assert.deepEqual(byRule(findings, 'timestamp-not-utc'), []);
  });

  it('reports ONE timeline-order finding for the newest-first updates, with a fix that reverses them', () => {
    const order = byRule(findings, 'timeline-order');
    assert.equal(order.length, 1);
    assert.match(order[0].message, /reverse chronological/);
    const fixed = applyFixes(text, order).text;
    const after = lint(fixed);
    assert.deepEqual(byRule(after, 'timeline-order'), []);
    const stamps = fixed.split('\n').filter((line) => /^Thu, Jul 13, 2023, /.test(line));
    assert.equal(stamps.length, 14);
    assert.match(stamps[1], /03:09/);
    assert.match(stamps[13], /11:26/);
    assert.equal(fixed.length, text.length, 'reversing moves text, it does not add or lose any');
  });

  it('reports no timeline-order under a template that declares descending order', () => {
    assert.deepEqual(byRule(lint(text, { template: { ...defaultTemplate, timeline: { order: 'descending' } } }), 'timeline-order'), []);
  });

  it('reports the four default sections as missing, yet still finds every timestamp', () => {
    assert.deepEqual(byRule(findings, 'missing-section').map((finding) => /"([^"]+)"/.exec(finding.message)![1]), ['Summary', 'Timeline', 'Root cause', 'Action items']);
    const doc = parse(text);
    assert.equal(doc.stamps.filter((stamp) => stamp.parts.text.startsWith('Jul 13, 2023') || stamp.parts.text.startsWith('Thu, Jul 13')).length, 14);
    assert.ok(doc.stamps.some((stamp) => stamp.parts.text.includes('15:14 UTC')));
  });
});

describe('seed 002: customer letter with YAML front matter', () => {
  const text = seed('002_352edf48c2df1f0d.txt');
  const findings = lint(text);

  it('reads valid front matter: no front-matter-invalid', () => {
    const doc = parse(text);
    assert.equal(doc.frontMatter?.endLine, 15);
    assert.equal(doc.frontMatter?.data.createdAt, '2017-11-15T03:34:25.106Z');
    assert.deepEqual(byRule(findings, 'front-matter-invalid'), []);
  });

  it('dates "last Friday, November 10" to 2017-11-10 from the front matter, a Friday', () => {
    const doc = parse(text);
    const stamp = doc.stamps.find((candidate) => candidate.parts.text.includes('November 10'));
    assert.ok(stamp);
    assert.deepEqual(stamp.date, { year: 2017, month: 11, day: 10 });
    assert.deepEqual(byRule(findings, 'timestamp-invalid'), []);
  });

  it('accepts "around 1:00 am (UTC)" and "6:00 pm (UTC)" as UTC', () => {
    const doc = parse(text);
    const utc = doc.stamps.filter((stamp) => stamp.parts.time && stamp.zone?.isUtc);
    assert.ok(utc.length >= 2);
    assert.deepEqual(byRule(findings, 'timestamp-not-utc'), []);
  });

  it('does not take the recovery target (4 hours) or the actual (20 hours) as claims on a timeline', () => {
    assert.deepEqual(byRule(findings, 'duration-mismatch'), []);
  });

  it('reports missing Summary, Timeline, Root cause and Action items; the two Accident sections are ordinary', () => {
    assert.deepEqual(byRule(findings, 'missing-section').map((finding) => /"([^"]+)"/.exec(finding.message)![1]), ['Summary', 'Timeline', 'Root cause', 'Action items']);
    const doc = parse(text);
    assert.deepEqual(doc.sections.map((section) => section.title), ['Accident 1 - Interruption of the OMS Search API', 'Accident 2 - Interruption of the orders workflow processing']);
  });
});

describe('seed 003: bold pseudo-headings, 12-hour times in PST', () => {
  const text = seed('003_3a3be04277b3d75c.txt');
  const findings = lint(text);

  it('reads the bold lines as Summary, Timeline, Root cause, Action items: no missing-section', () => {
    const doc = parse(text);
    assert.deepEqual(doc.sections.filter((section) => section.style === 'bold').map((section) => section.line + 1), [3, 7, 28, 32]);
    assert.deepEqual(byRule(findings, 'missing-section'), []);
  });

  it('takes the date of the time-only entries from "On May 12, 2024" on line 5', () => {
    const doc = parse(text);
    assert.deepEqual(doc.timeline.map((entry) => entry.line + 1), [9, 11, 13, 17, 21, 23, 25]);
    for (const entry of doc.timeline) assert.deepEqual(entry.stamp.date, { year: 2024, month: 5, day: 12 });
  });

  it('reports timestamp-not-utc on each PST stamp (lines 5 ×2, 9, 11, 13 ×2, 17, 21, 23, 25) with a fix to UTC', () => {
    const notUtc = byRule(findings, 'timestamp-not-utc');
    assert.deepEqual(lines(notUtc), [5, 5, 9, 11, 13, 13, 17, 21, 23, 25]);
    for (const finding of notUtc) assert.equal(finding.fixes.length, 1);
    const first = notUtc.find((finding) => finding.range.start.line === 8)!;
    assert.equal(first.fixes[0].edits[0].newText, '8:32 PM UTC');
  });

  it('reports PST on a May date as timestamp-zone-dst-mismatch, offering both readings (20:30 UTC first, 21:30 UTC)', () => {
    const dst = byRule(findings, 'timestamp-zone-dst-mismatch');
    assert.equal(dst.length, 10);
    const onFive = dst.find((finding) => finding.range.start.line === 4)!;
    assert.equal(onFive.fixes.length, 2);
    assert.match(onFive.fixes[0].title, /20:30 UTC/);
    assert.match(onFive.fixes[1].title, /21:30 UTC/);
  });

  it('accepts the range 1:40 PM PST - 2:00 PM PST on line 13', () => {
    const doc = parse(text);
    const from = doc.stamps.find((stamp) => stamp.line === 12 && stamp.range?.role === 'from');
    assert.ok(from);
    assert.deepEqual(byRule(findings, 'time-range-inverted'), []);
  });

  it('has an ascending timeline and no duration finding', () => {
    assert.deepEqual(byRule(findings, 'timeline-order'), []);
    assert.deepEqual(byRule(findings, 'duration-mismatch'), []);
  });

  it('converts every stamp to UTC with fix-all, after which no zone finding remains', () => {
    let fixed = text;
    for (let pass = 0; pass < 3; pass++) fixed = applyFixes(fixed, lint(fixed)).text;
    const after = lint(fixed);
    assert.deepEqual(byRule(after, 'timestamp-not-utc'), []);
    assert.deepEqual(byRule(after, 'timestamp-zone-dst-mismatch'), []);
    assert.match(fixed, /\*\*8:32 PM UTC:\*\*/);
  });
});

describe('seed 004: plain text, headings are bare lines', () => {
  const text = seed('004_b6c1c1b3363144e9.txt');
  const findings = lint(text);

  it('finds the bare-line headings on lines 11, 15, 21, 35, 39', () => {
    const doc = parse(text);
    assert.deepEqual(doc.sections.map((section) => [section.line + 1, section.style]), [[11, 'bare'], [15, 'bare'], [21, 'bare'], [35, 'bare'], [39, 'bare']]);
  });

  it('accepts "Duration of incident: **4h25min**" against 19:19 → 23:44 UTC', () => {
    assert.deepEqual(byRule(findings, 'duration-mismatch'), []);
  });

  it('reports 4h15min with a message naming both stamps and a fix to 4h25min', () => {
    const wrong = text.replace('4h25min', '4h15min');
    const mismatch = byRule(lint(wrong), 'duration-mismatch');
    assert.equal(mismatch.length, 1);
    assert.equal(mismatch[0].range.start.line, 8);
    assert.match(mismatch[0].message, /4h15min/);
    assert.match(mismatch[0].message, /19:19 UTC \(line 23\) → 23:44 UTC \(line 33\) is 4h25m/);
    assert.equal(mismatch[0].fixes[0].edits[0].newText, '4h25min');
    const fixed = applyFixes(wrong, mismatch).text;
    assert.equal(fixed, text);
  });

  it('reports nothing on the UTC timeline, lines 23-33', () => {
    assert.ok(findings.every((finding) => finding.range.start.line + 1 < 23 || finding.range.start.line + 1 > 33));
  });

  it('has one missing-section (Root cause) under the default template', () => {
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, 'missing-section');
    assert.match(findings[0].message, /Root cause/);
  });

  it('has one section-order under incident-report: Summary belongs before Symptoms, and the fix moves it up', () => {
    const under = lint(text, { template: template('incident-report') });
    assert.equal(under.length, 1);
    assert.equal(under[0].rule, 'section-order');
    assert.equal(under[0].range.start.line + 1, 15);
    const fixed = applyFixes(text, under).text;
    assert.ok(fixed.indexOf('\nSummary\n') < fixed.indexOf('\nSymptoms\n'));
    assert.deepEqual(lint(fixed, { template: template('incident-report') }), []);
  });
});
