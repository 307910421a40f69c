// fast-check arbitraries for postmortems: documents built from real fragments (headings in every style, stamps in
// the formats DESIGN.md lists, durations, tables, front matter, status-page updates, zone declarations, inline
// controls) and then mutated the way files get broken (truncation, CRLF, BOM, emoji and combining characters,
// NUL bytes, unbalanced front matter, git conflict markers, case-folding letters).
import fc from 'fast-check';

export const STAMPS = [
  '[2023-11-28 14:38 UTC]', '2023-11-28 14:38', '2023-11-28T14:38:00Z', '2023-11-28T14:38:00+01:00', '14:38 UTC',
  '1:32 PM PST', '8:27 AM', '[08:47]', '[03-26 23:04]', '11.50', '1600', 'Thu, Jul 13, 2023, 11:26 PM',
  'On July 13, 2023, at 15:02 UTC', '16/03/2020 3am UTC', '02:33 IST', '(Between 1:46pm - 5:30pm)',
  '1:40 PM PST - 2:00 PM PST', '23:55 - 00:10 UTC', 'from 15:51 to 16:17 UTC', 'Between 19:19 UTC and 23:44 UTC',
  '2024-05-12 09:00 EDT', '2024-02-12 09:00 EDT', '2024-07-01 12:00 PST', '2024-01-15 10:00 CEST', '10:00 JST',
  'UTC 05:13', '6:00 pm (UTC)', '9:11:12 a.m.', '12:00:00.123Z', '2023-01-04/11:34', 'November 28th, 2023',
  '30 July 2012, 02:33 IST', '2024-03-10 02:30 PST', '2024-11-03 01:30 PDT', '00:00', '23:59:59', '2024-02-29',
  // Invalid and placeholder stamps.
  '20202-01-16', '07:7:47', '25:10', '2023-02-30', 'Monday, 2023-01-04', 'HH:mm', '--:--', 'YYYY-MM-DD', '??',
  '2024-09-??', '24:00 UTC', '12:60', '99:99 UTC', '0000-01-01 00:00',
];

export const DURATIONS = [
  '4h25min', '4h 25m', '0 days, 0 hours and 26 minutes', '26 minutes', '8h', '544 minutes', '1d 5h 47m',
  '2d 1h 29m', '15 hours 40 minutes', 'seven hours and ten minutes', 'PT4H25M', 'N/A', '?', 'TBD', 'half an hour',
  'an hour', '1.5 hours', '90s', '5ſ', 'ſix hours', 'twenty-ſix minutes', '0m', 'P1D', '999999999 minutes',
];

const HEADING_NAMES = ['Summary', 'Timeline', 'Root cause', 'Action items', 'Impact', 'Detection', 'Follow-up actions', 'Notes', 'Incident Summary', 'Key events'];

const heading = fc.tuple(fc.constantFrom(...HEADING_NAMES), fc.constantFrom('atx1', 'atx2', 'atx3', 'setext1', 'setext2', 'bold', 'bare', 'closed')).map(([name, style]) => {
  switch (style) {
    case 'atx1': return `# ${name}`;
    case 'atx2': return `## ${name}`;
    case 'atx3': return `### ${name}`;
    case 'setext1': return `${name}\n${'='.repeat(name.length)}`;
    case 'setext2': return `${name}\n${'-'.repeat(name.length)}`;
    case 'bold': return `**${name}:**`;
    case 'closed': return `## ${name} ##`;
    default: return `\n${name}\n`;
  }
});

const stamp = fc.constantFrom(...STAMPS);
const duration = fc.constantFrom(...DURATIONS);
const words = fc.constantFrom('errors rose', 'alert fired', 'paged on-call', 'rolled back', 'restored', 'resolved', 'identified the cause', 'first errors', 'all clear', 'customers reported failures', 'deployed the fix', 'monitoring');

const entry = fc.tuple(fc.constantFrom('- ', '* ', '1. ', '', '- [ ] ', '> ', '  - ', '| '), stamp, words, fc.constantFrom('', ' |', '.', ' <br>', ' (see https://example.com/12:00)', ' `12:00`'))
  .map(([lead, at, text, tail]) => `${lead}${at} ${text}${tail}`);

const table = fc.array(fc.tuple(stamp, words), { minLength: 1, maxLength: 4 }).map((rows) =>
  ['| Time | Event |', '| --- | --- |', ...rows.map(([at, text]) => `| ${at} | ${text} |`)].join('\n'));

const field = fc.tuple(fc.constantFrom('Duration', 'Time to detect', 'Time to mitigate', 'Time to resolve', 'Lasted for', 'Impact duration', 'Start time', 'Detected', 'Resolved', 'Repaired', 'First detected', 'Status'), fc.oneof(duration, stamp), fc.constantFrom(': ', '\t', ': **', '** : '))
  .map(([key, value, sep]) => (sep.startsWith('**') ? `**${key}${sep}${value}` : `${key}${sep}${value}`));

const frontMatter = fc.tuple(fc.constantFrom('', 'title: Outage\n', 'title: "Quoted: title"\n'), fc.constantFrom('', 'date: 2024-05-12\n', 'date: 2024-13-45\n'), fc.constantFrom('', 'start_time: 2024-05-12T10:00:00Z\n', 'start_time: 2024-05-12 02:33\n', 'start: 10:00\n'), fc.constantFrom('', 'end_time: 2024-05-12T12:00:00Z\n', 'severity: SEV1\n', 'postmortem: true\n', 'a: &x [1, 2]\nb: *x\n', 'bad: [unclosed\n', 'k: v\nk: v\n'))
  .map(([a, b, c, d]) => `---\n${a}${b}${c}${d}---`);

const fragment = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 6, arbitrary: entry },
  { weight: 2, arbitrary: table },
  { weight: 3, arbitrary: field },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('On', 'From', 'Between', 'At'), stamp, fc.constantFrom('to', 'and', '-', 'until'), stamp).map((parts) => `${parts.join(' ')} users saw errors.`) },
  { weight: 2, arbitrary: fc.constantFrom('All times in PST.', '(all times in PST/PDT)', '( All times EDT )', 'Times are UTC', 'Timezone: UTC', 'All times in CET.', 'All times in UTC+5:30') },
  { weight: 1, arbitrary: fc.constantFrom('<!-- postmortem-disable timestamp-missing-zone -->', '<!-- postmortem-enable -->', '<!-- postmortem-disable-next-line -->', '<!-- postmortem-disable-line timeline-order, duration-mismatch -->', '<!-- postmortem-disable') },
  { weight: 1, arbitrary: fc.constantFrom('```\n12:00 in code\n```', '~~~\n[2024-01-01 10:00 UTC] x\n', '    indented 12:00 code') },
  { weight: 1, arbitrary: fc.constantFrom('Resolved\n\nThis incident has been resolved.\n\nJul 13, 2023, 11:26 PM UTC', 'Monitoring\n\nA fix has been implemented.\nJul 13, 2023, 10:02 PM UTC\n1h earlier', '***Update***: 14:00 UTC things improved', '9 months ago') },
  { weight: 1, arbitrary: fc.constantFrom('TODO: fill in', '[Insert impact here]', '<describe the root cause>', 'Started at HH:mm', '??-??', '<START OF OUTAGE>', '**Outage begins.**', '[detected]', '<END OF OUTAGE>') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '---', '***', '|', '| --- |') },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
);

/** A postmortem-like document: optional front matter, then fragments one per line. */
export const document = fc.tuple(fc.option(frontMatter, { nil: undefined, freq: 3 }), fc.array(fragment, { maxLength: 30 }))
  .map(([front, parts]) => [front, ...parts].filter((part) => part !== undefined).join('\n') + '\n');

const EMOJI = ['😀', '👩‍💻', '🇺🇸', '\u{1F600}\u{FE0F}', '𝔘𝔗ℭ'];
const COMBINING = ['e\u0301', '\u0308', 'a\u0323\u0302', '\u200d', '\u200b'];
const CONFLICT = ['<<<<<<< HEAD', '=======', '>>>>>>> feature/timeline'];

type Mutation = (text: string) => string;

const at = (fraction: number) => (text: string) => Math.floor(fraction * (text.length + 1));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (text) => text.slice(0, at(f)(text))),
  fc.constant<Mutation>((text) => text.replace(/\r?\n/g, '\r\n')),
  fc.constant<Mutation>((text) => text.replace(/\r?\n/g, '\r')),
  fc.constant<Mutation>((text) => `\uFEFF${text}`),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...EMOJI, ...COMBINING, '\0', '\u00a0', '\u202f', 'ſ', 'K', '\uD800', '\uDC00', '\u2028', '\u2029', '\v', '\f', '\x1b[31m'))
    .map(([f, insert]): Mutation => (text) => { const i = at(f)(text); return text.slice(0, i) + insert + text.slice(i); }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 }))
    .map(([f, n]): Mutation => (text) => { const i = at(f)(text); return text.slice(0, i) + text.slice(i + n); }),
  fc.constant<Mutation>((text) => text.replace(/^---\n([\s\S]*?)\n---/, '---\n$1')),
  fc.constant<Mutation>((text) => `---\n${text}`),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]): Mutation => (text) => {
    const lines = text.split('\n');
    const a = Math.floor(f * lines.length);
    const b = Math.min(lines.length, a + 1 + Math.floor(g * 4));
    return [...lines.slice(0, a), CONFLICT[0], ...lines.slice(a, b), CONFLICT[1], ...lines.slice(a, b).map((line) => line.replace(/\d/g, '7')), CONFLICT[2], ...lines.slice(b)].join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (text) => {
    // Duplicate a line: repeated sections, repeated stamps.
    const lines = text.split('\n');
    const i = Math.floor(f * lines.length);
    return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
  }),
  fc.constant<Mutation>((text) => text.toUpperCase()),
);

/** A document with zero to three mutations applied in turn. */
export const mutatedDocument = fc.tuple(document, fc.array(mutation, { maxLength: 3 }))
  .map(([text, mutations]) => mutations.reduce((current, mutate) => mutate(current), text));
