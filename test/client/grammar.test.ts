// syntaxes/: the postmortem grammar is well-formed, highlights timestamps, zones, durations and milestone markers
// in seed lines (read from ../shared at test time) with vscode-textmate and the real Markdown grammar, leaves code
// and links alone, and adds nothing to ordinary Markdown files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { ZONE_ABBREVIATIONS } from '../../server/src/core/timestamps';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes/postmortem.tmLanguage.json');
const MARKDOWN_FILE = require.resolve('tm-grammars/grammars/markdown.json');
const grammarJson = JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8'));

/** Every scope the grammar may give, as README's "VS Code" section lists them. */
const SCOPES = [
  'constant.numeric.date.postmortem',
  'constant.numeric.time.postmortem',
  'constant.numeric.duration.postmortem',
  'support.constant.zone.postmortem',
  'keyword.other.milestone.postmortem',
  'punctuation.separator.date-time.postmortem',
];

type Kind = 'date' | 'time' | 'duration' | 'zone' | 'milestone';
const KIND_OF: Record<string, Kind> = {
  'constant.numeric.date.postmortem': 'date',
  'constant.numeric.time.postmortem': 'time',
  'constant.numeric.duration.postmortem': 'duration',
  'support.constant.zone.postmortem': 'zone',
  'keyword.other.milestone.postmortem': 'milestone',
};

let registry: Registry;

async function grammar(scope: 'text.postmortem' | 'text.html.markdown'): Promise<IGrammar> {
  if (!registry) {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (text) => new oniguruma.OnigString(text) }),
      loadGrammar: async (name) => {
        if (name === 'text.postmortem') return parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE);
        if (name === 'text.html.markdown') return parseRawGrammar(readFileSync(MARKDOWN_FILE, 'utf8'), MARKDOWN_FILE);
        return null;
      },
    });
  }
  return (await registry.loadGrammar(scope))!;
}

/** The postmortem tokens of each line of `text`: [kind, text] in order. */
async function tokens(text: string, scope: 'text.postmortem' | 'text.html.markdown' = 'text.postmortem'): Promise<[Kind, string][][]> {
  const g = await grammar(scope);
  let stack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = g.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.flatMap((token) => {
      const scopeName = token.scopes.find((candidate) => KIND_OF[candidate]);
      return scopeName ? [[KIND_OF[scopeName], line.slice(token.startIndex, token.endIndex)] as [Kind, string]] : [];
    });
  });
}

const seedText = (prefix: string) => readFileSync(path.join(SEEDS, readdirSync(SEEDS).find((file) => file.startsWith(prefix))!), 'utf8');
/** The first line of a seed that matches, so that the test does not copy seed text. */
const seedLine = (prefix: string, pattern: RegExp) => {
  const line = seedText(prefix).split(/\r?\n/).find((candidate) => pattern.test(candidate));
  assert.ok(line, `seed ${prefix} has a line matching ${pattern}`);
  return line;
};

describe('postmortem grammar', () => {
  it('is well-formed: every include resolves, every scope is one of the documented ones', async () => {
    assert.equal(grammarJson.scopeName, 'text.postmortem');
    await grammar('text.postmortem');
    const includes: string[] = [];
    const scopes: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'include') includes.push(value as string);
          else if ((key === 'name' || key === 'contentName') && typeof value === 'string' && value !== 'Postmortem') scopes.push(value);
          walk(value);
        }
      }
    };
    walk({ patterns: grammarJson.patterns, injections: grammarJson.injections, repository: grammarJson.repository });
    for (const include of includes) {
      if (include.startsWith('#')) assert.ok(grammarJson.repository[include.slice(1)], `${include} is in the repository`);
      else assert.equal(include, 'text.html.markdown', 'the only other grammar is Markdown');
    }
    assert.deepEqual([...new Set(scopes)].sort(), [...SCOPES].sort());
    for (const key of Object.keys(grammarJson.repository)) assert.ok(includes.includes(`#${key}`), `#${key} is used`);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const scope of SCOPES) assert.ok(readme.includes(scope), `README documents ${scope}`);
    for (const pattern of Object.values(grammarJson.repository).flatMap((entry) => (entry as { patterns: { match?: string }[] }).patterns)) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([pattern.match!]), pattern.match);
    }
  });

  it('highlights the bracketed UTC stamps of a VTEX timeline (seed 000)', async () => {
    const [line] = await tokens(seedLine('000', /^\[2023-11-28 14:38 UTC\]\t/));
    assert.deepEqual(line, [['date', '2023-11-28'], ['time', '14:38'], ['zone', 'UTC']]);
  });

  it('highlights a tab-separated duration field and a date in the title line (seed 000)', async () => {
    assert.deepEqual((await tokens(seedLine('000', /^Duration\t/)))[0], [['duration', '0 days, 0 hours and 26 minutes']]);
    assert.deepEqual((await tokens(seedLine('000', /^Nov 28, 2023 :/)))[0], [['date', 'Nov 28, 2023']]);
  });

  it('highlights dates, times and zones in prose (seed 000 summary)', async () => {
    const [line] = await tokens(seedLine('000', /^On November 28th, 2023, from 15:51 to 16:17 UTC/));
    assert.deepEqual(line.slice(0, 4), [['date', 'November 28th, 2023'], ['time', '15:51'], ['time', '16:17'], ['zone', 'UTC']]);
  });

  it('highlights 12-hour times with zones inside bold list items (seed 003)', async () => {
    assert.deepEqual((await tokens(seedLine('003', /^- \*\*1:32 PM PST:\*\*/)))[0], [['time', '1:32 PM'], ['zone', 'PST']]);
    assert.deepEqual((await tokens(seedLine('003', /^- \*\*1:40 PM PST - 2:00 PM PST:\*\*/)))[0], [['time', '1:40 PM'], ['zone', 'PST'], ['time', '2:00 PM'], ['zone', 'PST']]);
  });

  it('highlights durations in bold and in a "Lasted for" line (seeds 004, 001), and status-page dates', async () => {
    assert.deepEqual((await tokens(seedLine('004', /^Duration of incident:/)))[0], [['duration', '4h25min']]);
    assert.deepEqual((await tokens(seedLine('001', /^Lasted for /)))[0], [['duration', '8h']]);
    // The status page writes a narrow no-break space before PM.
    const update = seedLine('001', /^Thu, Jul 13, 2023, 11:26\sPM$/);
    assert.deepEqual((await tokens(update))[0], [['date', 'Thu, Jul 13, 2023'], ['time', update.slice(update.indexOf('11:26'))]]);
  });

  it('highlights every seed timeline entry\'s stamp', async () => {
    for (const prefix of ['000', '004']) {
      const lines = seedText(prefix).split(/\r?\n/).filter((line) => /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\]/.test(line));
      assert.ok(lines.length >= 6);
      for (const line of lines) assert.deepEqual((await tokens(line))[0].slice(0, 3).map(([kind]) => kind), ['date', 'time', 'zone'], line);
    }
  });

  it('highlights milestone markers, ISO stamps, offsets and ISO durations', async () => {
    const lines = await tokens([
      '- [2024-05-12 14:38 UTC] <START OF OUTAGE> Errors rose. [detected]',
      '- 2024-05-12T14:38:00Z deploy; 2024-05-12T16:38+02:00 rollback at 9:00 AM PT',
      'Time to resolve: PT4H25M (1d 5h 47m, 15 hours 40 minutes, seven hours and ten minutes)',
      '**Outage begins.** at 02:33 IST, 16/03/2020 3am UTC, 30 July 2012, 14:38:05 CEST',
    ].join('\n'));
    assert.deepEqual(lines[0], [['date', '2024-05-12'], ['time', '14:38'], ['zone', 'UTC'], ['milestone', '<START OF OUTAGE>'], ['milestone', '[detected]']]);
    assert.deepEqual(lines[1], [['date', '2024-05-12'], ['time', '14:38:00'], ['zone', 'Z'], ['date', '2024-05-12'], ['time', '16:38'], ['zone', '+02:00'], ['time', '9:00 AM'], ['zone', 'PT']]);
    assert.deepEqual(lines[2], [['duration', 'PT4H25M'], ['duration', '1d 5h 47m'], ['duration', '15 hours 40 minutes'], ['duration', 'seven hours and ten minutes']]);
    assert.deepEqual(lines[3], [['milestone', 'Outage begins'], ['time', '02:33'], ['zone', 'IST'], ['date', '16/03/2020'], ['time', '3am'], ['zone', 'UTC'], ['date', '30 July 2012'], ['time', '14:38:05'], ['zone', 'CEST']]);
  });

  it('knows every zone abbreviation the engine knows', async () => {
    const names = Object.keys(ZONE_ABBREVIATIONS).filter((name) => /^[A-Z]{3,5}$/.test(name));
    assert.ok(names.length > 20);
    for (const name of names) assert.deepEqual((await tokens(`All times in ${name}.`))[0], [['zone', name]], name);
  });

  it('leaves code spans, fenced code, links, HTML comments and ordinary numbers alone', async () => {
    const lines = await tokens([
      'Run `deploy --at 14:38 UTC` and see https://example.com/2024-05-12/14:38 or [the log](https://example.com/4h25min).',
      '<!-- 2024-05-12 14:38 UTC -->',
      '```',
      '2024-05-12 14:38 UTC 4h25min',
      '```',
      'Version 2.17.3, 200 connections, 38% of 1,200 tickets, ratio 3:1, 5 m of cable.',
    ].join('\n'));
    assert.deepEqual(lines.flat(), []);
  });

  it('adds nothing to ordinary Markdown: the injection is scoped to text.postmortem', async () => {
    for (const prefix of ['000', '001', '003', '004']) {
      const lines = await tokens(seedText(prefix), 'text.html.markdown');
      assert.deepEqual(lines.flat(), [], `seed ${prefix} as Markdown`);
    }
    assert.match(Object.keys(grammarJson.injections)[0], /^L:text\.postmortem /);
  });
});
