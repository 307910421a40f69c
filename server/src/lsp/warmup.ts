// Idle-time warm-up. V8 first interprets the engine and optimises it on background threads as it runs, so the first
// edits after opening a document took several times as long as later ones. While nothing else is happening, the
// server checks a built-in sample postmortem the way it checks an edited document (see sampleRounds), one round per
// turn of the event loop, so that the engine is compiled before the user types. Incoming messages and validations
// hold the rounds back until the server has been quiet for a while (a client answers a publish with requests);
// nothing is published; the warm-up ends after a fixed number of rounds.
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * 26,500 lines of the sample in all. With `node scripts/bench-lsp.mjs`, the p95 of the first 40 edits of a 2,000-line
 * document typed 1.5 s after opening it went from 30 ms to 15 ms (steady state: 10 ms); the rounds took 0.3-0.4 s of
 * one core, none longer than 30 ms, and ended 0.6 s after the document's diagnostics. On a loaded 2-core machine: from
 * 90 ms to 25-30 ms, in up to 1 s, with rounds of up to 100 ms. Checking the sample as an edit is checked, instead of
 * parsing it whole each round, took the rounds from 231-241 ms of the server's main-thread CPU to 218-221 ms (loaded
 * machine), for edits as fast afterwards.
 */
export const WARMUP_ROUNDS = 50;
/** Longer than the pauses within a burst of requests (opening a document, asking for its symbols and folding). */
export const WARMUP_QUIET_MS = 200;

export interface WarmupOptions {
  rounds: number;
  /** Milliseconds without real work (busy()) before a round may run. */
  quiet: number;
  /** Whether the server has nothing pending (no validation waiting for its debounce or running). */
  idle: () => boolean;
  onStart: () => void;
  /** Called once, after the last round or the first round that threw; not after stop(). */
  onEnd: (end: WarmupEnd) => void;
}

export interface WarmupEnd {
  rounds: number;
  /** Milliseconds spent in rounds. */
  elapsed: number;
  /** The slowest round, in milliseconds. */
  longest: number;
  /** How many times real work interrupted the rounds. */
  heldBack: number;
  error?: unknown;
}

export class Warmup {
  private state: 'new' | 'running' | 'over' = 'new';
  private rounds = 0;
  private elapsed = 0;
  private longest = 0;
  private heldBack = 0;
  private timer: NodeJS.Timeout | undefined;
  private roundTimer: NodeJS.Timeout | undefined;

  /** `round` is let go of when the warm-up is over, with the sample and analysis it holds. */
  constructor(private round: ((index: number) => void) | undefined, private readonly options: WarmupOptions) {}

  /** The first round runs once the server has been quiet for `quiet` ms. */
  start(): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    this.wait();
  }

  /** Real work arrived or ended: no round until `quiet` ms after the last call, and nothing is pending. */
  busy(): void {
    if (this.state !== 'running') return;
    if (this.roundTimer) {
      clearTimeout(this.roundTimer);
      this.roundTimer = undefined;
      this.heldBack++;
    }
    this.wait();
  }

  /** No more rounds (the server shuts down). */
  stop(): void {
    this.state = 'over';
    this.round = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.roundTimer);
  }

  private wait(): void {
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(() => this.quietFor(), this.options.quiet);
  }

  private quietFor(): void {
    this.timer = undefined;
    if (this.options.idle()) this.next();
    else this.wait();
  }

  // A timer, not setImmediate: timers run before the event loop reads input, so a message that arrived during a round
  // is dispatched (and calls busy()) before the next round; an immediate would run ahead of it.
  private next(): void {
    this.roundTimer = setTimeout(() => this.run(), 0);
  }

  private run(): void {
    this.roundTimer = undefined;
    if (this.rounds === 0) this.options.onStart();
    const started = performance.now();
    try {
      this.round?.(this.rounds);
    } catch (error) {
      this.end(error);
      return;
    }
    const took = performance.now() - started;
    this.elapsed += took;
    this.longest = Math.max(this.longest, took);
    if (++this.rounds >= this.options.rounds) this.end();
    // Unless the round itself reported real work: the timer resumes the rounds.
    else if (!this.timer) this.next();
  }

  private end(error?: unknown): void {
    this.stop();
    const { rounds, elapsed, longest, heldBack } = this;
    this.options.onEnd({ rounds, elapsed, longest, heldBack, ...(error === undefined ? {} : { error }) });
  }
}

// The sample doubles in size every ROUNDS_PER_SIZE rounds, from 136 lines to 780: small while the engine is still
// interpreted, so that a round stays short; then large, because V8 optimises for what it sees: 30 rounds of 780 lines
// helped a 2,000-line document more than 150 rounds of 228 lines (p95 31 ms against 47 ms, on a loaded machine).
const FIRST_ENTRIES = 48;
const LAST_ENTRIES = 384;
const ROUNDS_PER_SIZE = 8;

/**
 * One round does what a change to a document does: apply the change (a character typed at the end of a line, a
 * different line each round) as an incremental update, then `check` the new version, as a validation would. The
 * server's `check` runs diagnosticsOf (diagnostics.ts) with an analyzer of its own, so that rounds re-scan only the
 * changed line as edits do and run the same code with the same shapes: V8 throws away optimised code that meets
 * objects of other shapes or another call target than it was compiled for.
 */
export function sampleRounds(check: (document: TextDocument) => void): (index: number) => void {
  const documents = new Map<number, TextDocument>();
  return (index) => {
    const entries = Math.min(LAST_ENTRIES, FIRST_ENTRIES * 2 ** Math.floor(index / ROUNDS_PER_SIZE));
    const document = documents.get(entries) ?? TextDocument.create(`untitled:warmup-${entries}`, 'markdown', 1, samplePostmortem(entries));
    documents.set(entries, document);
    const line = 1 + ((index * 7) % (document.lineCount - 2));
    const end = document.positionAt(document.offsetAt({ line: line + 1, character: 0 }) - 1);
    check(TextDocument.update(document, [{ range: { start: end, end }, text: 'x' }], document.version + 1));
  };
}

const SERVICES = ['login', 'session-store', 'token-service', 'api-gateway', 'user-profile'];
const EVENTS = [
  'Synthetic probes for {svc} started failing the TLS handshake',
  'On-call engineer acknowledged the page for {svc}',
  'Rotated certificate bundle {n} reached the first {svc} hosts',
  'Opened the incident channel and named an incident commander',
  'Traffic for {svc} moved to the standby region',
  'Restored the previous certificate bundle on {svc}',
  'Handshake errors on {svc} dropped below 0.1%',
  'Posted an update on the status page',
];

/**
 * A postmortem with the shapes real ones have: front matter, a fields table, a summary with stated times and
 * durations, a timeline of `entries` dated and time-only entries under day headings, tables and prose, in several
 * zones, with a few mistakes for the rules to report and fix.
 */
export function samplePostmortem(entries: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lines = [
    '---',
    'title: Sign-in failures after a certificate rotation',
    'date: 2024-10-08',
    'severity: SEV1',
    'start_time: 2024-10-08T22:41:00Z',
    'authors: [identity-team]',
    '---',
    '',
    '# Sign-in failures after a certificate rotation',
    '',
    '| Field | Value |',
    '| --- | --- |',
    '| Status | Resolved |',
    '| Duration | 2h 05m |',
    '| Time to detect | 6 minutes |',
    '',
    '## Summary',
    '',
    'On October 8, 2024, from 22:41 to 00:46 UTC, about 30% of sign-ins failed after an intermediate certificate was',
    'rotated on the **login** fleet (see https://status.example.org/incidents/8812). Users were affected for two hours',
    'and fifteen minutes; TODO: add the number of support tickets.',
    '',
    '**Time to mitigate:** 45 minutes',
    '',
    '## Timeline',
    '',
    'Times are from the incident channel.',
    '',
  ];
  let minutes = 22 * 60 + 41;
  let day = 8;
  for (let i = 0; i < entries; i++) {
    if (i === 0 || minutes >= 24 * 60) {
      if (minutes >= 24 * 60) {
        minutes -= 24 * 60;
        day++;
      }
      lines.push('', `### 2024-10-${pad(day)}`, '');
    }
    const clock = (at: number) => `${pad(Math.floor(at / 60) % 24)}:${pad(at % 60)}`;
    const hm = clock(minutes);
    const date = `2024-10-${pad(day)}`;
    const event = EVENTS[i % EVENTS.length].replace('{svc}', SERVICES[i % SERVICES.length]).replace('{n}', String(310 + i));
    // Entries in other zones are at the same instant as their neighbours; a few are out of order or impossible.
    const pdt = (minutes + 17 * 60) % (24 * 60);
    switch (i % 12) {
      case 0: lines.push(`- ${date} ${hm} UTC ${event}.`); break;
      case 1: lines.push(`- [${date} ${hm} UTC] ${event}.`); break;
      case 2: lines.push(`- ${hm} UTC: ${event}; it took ${1 + (i % 9)} minutes.`); break;
      case 3: lines.push(`- **${hm}** ${event}`, `  - Graph: https://grafana.example.org/d/tls?from=${i}h and \`openssl s_client -connect ${SERVICES[i % 5]}:443\``); break;
      case 4: lines.push('', '| Time (UTC) | Event |', '| --- | --- |', `| ${date} ${hm} | ${event} |`, ''); break;
      case 5: lines.push(`- ${date}T${hm}:00Z ${event}.`); break;
      case 6: lines.push('', `Between ${hm} UTC and ${clock(minutes + 1)} UTC retries doubled the load on ${SERVICES[i % 5]}.`, ''); break;
      case 7: lines.push(`- ${hm} ${event} (zone not written).`); break;
      case 8: lines.push(`- Oct ${pdt > minutes ? day - 1 : day}, ${pad(Math.floor(pdt / 60) % 12 || 12)}:${pad(pdt % 60)} ${pdt >= 720 ? 'PM' : 'AM'} PDT - ${event}.`); break;
      case 9:
        if (i % 24 === 9) lines.push(`- [${date} ${clock(Math.max(0, minutes - 60))} UTC] ${event} (noted late).`);
        else lines.push(`- [${date} 25:${pad(minutes % 60)} UTC] ${event} (a typo in the hour).`);
        break;
      case 10: lines.push('', '```sh', `kubectl -n identity rollout undo deploy/${SERVICES[i % 5]}`, '```', ''); break;
      // EST in October: the zone was on daylight time (EDT); the range's end is before its start.
      default: lines.push(`- ${hm} UTC ${event}, from ${clock(minutes + 19 * 60)} to ${clock(minutes + 18 * 60)} EST.`);
    }
    minutes += 1 + (i % 3);
  }
  lines.push(
    '',
    '## Root cause',
    '',
    'The new bundle left out the cross-signed intermediate; clients with an old trust store could not build a chain.',
    '',
    '## Action items',
    '',
    '- [ ] Check certificate chains against old trust stores before rollout (owner: @identity, SEC-2201).',
    '- [ ] Alert on TLS handshake failures above 1% for 5 minutes.',
    '',
  );
  return lines.join('\n');
}
