// The hostile inputs issue 7 names, each to be checked in under 100 ms: 50 KB of one character ("(", spaces, "*",
// ":", digits and the like) and 1 MB on a single line. The robustness tests lint each under a generous bound (a
// guard against blow-ups); `npm run bench` times them.

const K50 = 50 * 1024;
const ONE_CHARACTER = { parens: '(', spaces: ' ', stars: '*', colons: ':', digits: '7', pipes: '|', dashes: '-', hashes: '#', backticks: '`', brackets: '[', lt: '<', underscores: '_', tabs: '\t' };

/** 50 KB of one character, by name. */
export function runsOfOneCharacter() {
  return Object.entries(ONE_CHARACTER).map(([name, char]) => ({ name, text: char.repeat(K50) }));
}

const line = (piece) => piece.repeat(Math.ceil(1e6 / piece.length)).slice(0, 1e6);

/** 1 MB on one line, by name; the last is dense timeline text: a finding with a fix every 86 characters. */
export function oneMegabyteLines() {
  return [
    { name: 'one letter', text: 'x'.repeat(1e6) },
    { name: 'prose', text: line('The checkout service retried requests before the circuit breaker opened, which amplified load. ') },
    { name: 'base64', text: line('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrLw') },
    { name: 'minified JSON with stamps', text: line('{"id":12345,"ts":"2024-01-01T10:00:00Z","status":503,"latency_ms":540,"region":"eu-west-1"},') },
    { name: 'log lines', text: line('2024-01-01T10:00:00.123Z ERROR connection refused (pool=200) ') },
    { name: 'digits and spaces', text: line('12 34 56 ') },
    { name: 'timeline text', text: '- [2024-01-01 12:00 UTC] Errors rose on checkout for 5 minutes, alert at 12:05 PST. '.repeat(Math.ceil(1e6 / 86)) },
  ];
}
