// The server's idle-time warm-up (server/src/lsp/warmup.ts): when rounds run and when they wait, the sample it lints,
// and the bundled server answering and publishing as usual while it warms up.
import assert from 'node:assert/strict';
import { DocumentSymbolRequest, MessageType, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { lint } from '../../server/src/core/lint';
import { defaultTemplate } from '../../server/src/core/template';
import { sampleRounds, samplePostmortem, Warmup, WARMUP_ROUNDS, type WarmupEnd, type WarmupOptions } from '../../server/src/lsp/warmup';
import { build, seed004WithMismatch, TestClient, uriOf } from './client';

/** A warm-up whose round records `round <i>` in `events` (and runs `during`); resolves on its end. */
function warmUp(events: string[], options: Partial<WarmupOptions>, during: (index: number, warmup: Warmup) => void = () => undefined) {
  let warmup!: Warmup;
  const ended = new Promise<WarmupEnd>((resolve) => {
    warmup = new Warmup((index) => {
      events.push(`round ${index}`);
      during(index, warmup);
    }, { rounds: 4, quiet: 1, idle: () => true, onStart: () => events.push('start'), onEnd: resolve, ...options });
  });
  warmup.start();
  return { warmup, ended };
}

describe('warm-up', () => {
  it('runs its rounds one per turn of the event loop, then ends', async () => {
    const events: string[] = [];
    const { ended } = warmUp(events, {}, () => setImmediate(() => events.push('other work')));
    const end = await ended;
    assert.deepEqual(events, ['start', 'round 0', 'other work', 'round 1', 'other work', 'round 2', 'other work', 'round 3']);
    assert.equal(end.rounds, 4);
    assert.equal(end.heldBack, 0);
    assert.equal(end.error, undefined);
  });

  it('holds back while messages come and until nothing is pending', async () => {
    const events: string[] = [];
    let pending = true;
    const idle = () => {
      events.push(`idle: ${!pending}`);
      const answer = !pending;
      pending = false;
      return answer;
    };
    // A message arrives between rounds 1 and 2 (it is handled in its own turn of the event loop, as the server's are).
    const { ended } = warmUp(events, { idle }, (index, warmup) => {
      if (index === 1) {
        pending = true;
        setImmediate(() => {
          events.push('message');
          warmup.busy();
        });
      }
    });
    const end = await ended;
    assert.deepEqual(events, ['idle: false', 'idle: true', 'start', 'round 0', 'round 1', 'message', 'idle: false', 'idle: true', 'round 2', 'round 3']);
    assert.equal(end.rounds, 4);
    assert.equal(end.heldBack, 1);
  });

  it('ends at a round that throws, without throwing', async () => {
    const events: string[] = [];
    const { ended } = warmUp(events, {}, (index) => {
      if (index === 2) throw new Error('broken on purpose');
    });
    const end = await ended;
    assert.deepEqual(events, ['start', 'round 0', 'round 1', 'round 2']);
    assert.equal(end.rounds, 2);
    assert.match(String(end.error), /broken on purpose/);
  });

  it('lints a sample the rules find problems in, at every size', () => {
    for (const entries of [48, 96, 192, 384]) {
      const findings = lint(samplePostmortem(entries), { template: defaultTemplate, onRuleError: (rule, error) => assert.fail(`${rule.name}: ${String(error)}`) });
      const rules = new Set(findings.map((finding) => finding.rule));
      for (const rule of ['placeholder-text', 'timestamp-missing-zone', 'timestamp-not-utc', 'timestamp-zone-dst-mismatch', 'timestamp-invalid', 'timeline-order', 'time-range-inverted']) {
        assert.ok(rules.has(rule), `${rule} at ${entries} entries`);
      }
      assert.ok(findings.some((finding) => finding.fixes.length > 0), 'fixes');
    }
  });

  it('checks each round the next version of the sample, one character longer, through all its sizes', () => {
    const checked: { uri: string; version: number; length: number }[] = [];
    const round = sampleRounds((document) => checked.push({ uri: document.uri, version: document.version, length: document.getText().length }));
    for (let index = 0; index < WARMUP_ROUNDS; index++) round(index);
    assert.equal(checked.length, WARMUP_ROUNDS);
    assert.deepEqual([...new Set(checked.map((check) => check.uri))], [48, 96, 192, 384].map((entries) => `untitled:warmup-${entries}`));
    for (const [index, check] of checked.entries()) {
      const previous = checked[index - 1];
      if (previous?.uri !== check.uri) continue;
      assert.equal(check.version, previous.version + 1);
      assert.equal(check.length, previous.length + 1);
    }
  });
});

describe('language server warm-up', function () {
  this.timeout(30_000);
  let client: TestClient;

  before(() => {
    build();
  });

  afterEach(async () => {
    await client.stop();
  });

  it('ends after its rounds once the server is idle, logging at debug level and publishing nothing', async () => {
    client = await TestClient.start();
    const { message } = await client.logged((text) => text.startsWith('Warm-up over'));
    assert.match(message, new RegExp(`^Warm-up over: ${WARMUP_ROUNDS} rounds in \\d+ ms \\(longest [\\d.]+ ms\\), held back \\d+ times?$`));
    const warmupLogs = client.logs.filter((log) => log.message.startsWith('Warm-up'));
    assert.deepEqual(warmupLogs.map((log) => log.type), [MessageType.Debug, MessageType.Debug]);
    assert.deepEqual(client.published, []);
  });

  it('publishes and answers as usual while it warms up', async () => {
    client = await TestClient.start({ env: { POSTMORTEM_TEST_WARMUP_ROUNDS: '1000000000' } });
    await client.logged((text) => text === 'Warm-up started');
    const uri = uriOf('incidents/004-warming.txt');
    const text = seed004WithMismatch();
    const expected = (source: string) => [...new Set(lint(source, { template: defaultTemplate }).map((finding) => finding.rule))].sort();
    const codes = (diagnostics: readonly { code?: number | string }[]) => [...new Set(diagnostics.map((diagnostic) => String(diagnostic.code)))].filter((code) => code !== 'template-hint').sort();
    await client.open(uri, text, 'plaintext');
    assert.deepEqual(codes((await client.current(uri)).diagnostics), expected(text));
    assert.ok(expected(text).includes('duration-mismatch'));
    const line = text.split('\n').findIndex((row) => row.includes('4h15min'));
    const character = text.split('\n')[line].indexOf('4h15min');
    await client.edit(uri, [{ range: { start: { line, character }, end: { line, character: character + 7 } }, newText: '4h25min' }]);
    assert.deepEqual(codes((await client.current(uri)).diagnostics), expected(client.text(uri)));
    assert.ok(!expected(client.text(uri)).includes('duration-mismatch'));
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as DocumentSymbol[];
    assert.ok(symbols.length > 0);
    assert.deepEqual([...new Set(client.published.map((params) => params.uri))], [uri]);
    assert.ok(!client.logs.some((log) => log.message.startsWith('Warm-up over') || log.message.startsWith('Warm-up stopped')));
  });
});
