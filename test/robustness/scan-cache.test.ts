// The language server parses each version of a document with the scans of its previous version (ScanCache):
// whatever the edits, that must give exactly what a parse from scratch gives.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lintDocument } from '../../server/src/core/lint';
import { parse } from '../../server/src/core/parse';
import { ScanCache } from '../../server/src/core/scans';
import { DURATIONS, mutatedDocument, STAMPS } from './arbitraries';

const SEED = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 300;

// An edit replaces, inserts or deletes one line, or types into it: what a user does between two versions.
const lineEdit = fc.tuple(
  fc.nat(),
  fc.constantFrom('replace', 'insert', 'delete', 'type'),
  fc.oneof(fc.constantFrom(...STAMPS), fc.constantFrom(...DURATIONS), fc.string({ maxLength: 8 })),
);

function applyEdit(text: string, [at, kind, piece]: [number, string, string]): string {
  const lines = text.split('\n');
  const line = at % (lines.length + (kind === 'insert' ? 1 : 0));
  if (kind === 'replace') lines[line] = `- ${piece} x`;
  else if (kind === 'insert') lines.splice(line, 0, `| ${piece} | y |`);
  else if (kind === 'delete') lines.splice(line, 1);
  else lines[line] = lines[line].slice(0, at % 7) + piece + lines[line].slice(at % 7);
  return lines.join('\n');
}

function outputs(text: string, scans?: ScanCache): unknown {
  const { stamps, durations, timeline, windows, evidence, claims } = parse(text, { scans });
  return { findings: lintDocument(parse(text, { scans })), stamps, durations, timeline, windows, evidence, claims };
}

describe('ScanCache', () => {
  it('parsing each version with the previous versions\' scans gives what a fresh parse gives', () => {
    fc.assert(fc.property(mutatedDocument, fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (text, edits) => {
      const scans = new ScanCache();
      let current = text;
      assert.deepEqual(outputs(current, scans), outputs(current));
      for (const edit of edits) {
        current = applyEdit(current, edit);
        assert.deepEqual(outputs(current, scans), outputs(current), `after ${JSON.stringify(edit)}`);
      }
    }), { numRuns: RUNS, seed: SEED });
  });

  // "1600" is a time in a table's time cell and a number on a line of its own.
  it('tells a time cell from a line with the same text', () => {
    for (const text of ['## Timeline\n\n1600\n\n| Time | Event |\n| --- | --- |\n| 1600 | deploy |\n', '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 1600 | deploy |\n\n1600\n']) {
      const scans = new ScanCache();
      assert.deepEqual(outputs(text, scans), outputs(text));
      assert.deepEqual(outputs(`${text}\n`, scans), outputs(`${text}\n`));
    }
  });

  it('keeps only the pieces of the version it last parsed', () => {
    const scans = new ScanCache();
    const lines = Array.from({ length: 50 }, (_, i) => `- 2024-02-12 ${String(10 + (i % 10)).padStart(2, '0')}:${String(i).padStart(2, '0')} UTC step ${i}`);
    const parses: string[] = [];
    for (let version = 0; version < 20; version++) {
      lines[version] += ' edited';
      parses.push(lines.join('\n'));
      parse(parses[parses.length - 1], { scans });
    }
    assert.equal(scans.size, 50);
  });

  // A scan kept from an old version must not keep that version's text: V8 keeps a slice's whole parent string alive.
  it('does not keep the text of old versions alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapAfterGc = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const lines = Array.from({ length: 2000 }, (_, i) => `- 2024-02-12 ${String(10 + (i % 10))}:${String(i % 60).padStart(2, '0')} UTC step ${i} of a long incident, ${'x'.repeat(40)}`);
    const scans = new ScanCache();
    const edit = (version: number) => {
      lines[(version * 37) % lines.length] += '!';
      parse(lines.join('\n'), { scans });
    };
    edit(0);
    const before = heapAfterGc();
    // 100 versions of 170 KB each: kept alive, they would be 17 MB.
    for (let version = 1; version <= 100; version++) edit(version);
    const grown = (heapAfterGc() - before) / 1e6;
    assert.ok(grown < 4, `the heap grew by ${grown.toFixed(1)} MB over 100 versions`);
  });
});
