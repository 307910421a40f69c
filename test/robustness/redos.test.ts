// Every regular expression in the engine (server/src/core) is checked for catastrophic backtracking (ReDoS) with
// recheck. Regexes are module-private, so they are read from the sources with the TypeScript compiler API:
// regex literals, and `new RegExp(…)` whose arguments are evaluated from the module's own top-level constants
// (durations.ts and milestones.ts build some from strings). recheck's pure-JavaScript backend runs offline and
// in-process; RECHECK_BACKEND=native (or java) uses another one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';

const CORE = path.resolve(__dirname, '../../server/src/core');

/**
 * `new RegExp(…)` calls whose pattern comes from the user's `.postmortem.yaml` at run time (a front matter
 * property's `pattern`): they cannot be checked here. A team's own configuration is trusted input; a new
 * dynamic regex must be added here on purpose, after review.
 */
const DYNAMIC: { file: string; argument: string }[] = [
  { file: 'config.ts', argument: 'pattern' },
  { file: 'rules/front-matter-invalid.ts', argument: '`^(?:${property.pattern})$`' },
];

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function toJs(code: string): string {
  return ts.transpile(code, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: true });
}

/**
 * A context holding the module's top-level constants that can be evaluated on their own (literals, strings built from
 * them, with the module's functions): its function declarations first, as JavaScript hoists them.
 */
function moduleConstants(file: ts.SourceFile): vm.Context {
  const context = vm.createContext({});
  for (const statement of [...file.statements.filter(ts.isFunctionDeclaration), ...file.statements.filter(ts.isVariableStatement)]) {
    try {
      // `var` so that each declaration lands on the context for the next one and for the arguments.
      vm.runInContext(toJs(statement.getText(file)).replace(/^\s*(?:export\s+)?(?:const|let)\s/, 'var ').replace(/^\s*export\s+function\s/, 'function '), context);
    } catch {
      // Depends on an import: not needed unless a RegExp argument uses it (then that check fails).
    }
  }
  return context;
}

export function collectRegexes(): { found: Found[]; dynamic: { file: string; line: number; argument: string }[] } {
  const found: Found[] = [];
  const dynamic: { file: string; line: number; argument: string }[] = [];
  for (const full of sources(CORE)) {
    const file = path.relative(CORE, full).split(path.sep).join('/');
    const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, true);
    let constants: vm.Context | undefined;
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        found.push({ file, line: lineOf(node), source: text.slice(1, slash), flags: text.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        const argument = pattern?.getText(source) ?? '';
        if (DYNAMIC.some((entry) => entry.file === file && entry.argument === argument)) {
          dynamic.push({ file, line: lineOf(node), argument });
        } else {
          constants ??= moduleConstants(source);
          let value: unknown;
          let flagValue: unknown = '';
          try {
            value = vm.runInContext(toJs(`(${argument})`), constants);
            if (flags) flagValue = vm.runInContext(toJs(`(${flags.getText(source)})`), constants);
          } catch (error) {
            assert.fail(`${file}:${lineOf(node)}: cannot evaluate new RegExp(${argument}) from the module's constants (${(error as Error).message}); `
              + 'build it from top-level constants, or list it in DYNAMIC after review');
          }
          assert.equal(typeof value, 'string', `${file}:${lineOf(node)}: RegExp pattern is not a string`);
          found.push({ file, line: lineOf(node), source: value as string, flags: String(flagValue) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { found, dynamic };
}

function nativeBackendAvailable(): boolean {
  try {
    require.resolve(`recheck-${process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * recheck's fuzzer bounds its runs both by steps and by wall time (1 s per attack string, 250 ms per incubation):
 * on a loaded machine a safe regex's run outlasted the clock once and came back unsafe. Only the step limits here,
 * so the verdict is the same on any machine; the overall timeout stays as a guard.
 */
const STEP_BOUNDED = { timeout: 120_000, attackTimeout: null, incubationTimeout: null, seedingTimeout: null, recallTimeout: -1 };

describe('robustness: every regex in server/src/core is ReDoS-safe (recheck)', function () {
  // recheck's pure backend takes tens of milliseconds per regex, a few seconds for the largest.
  this.timeout(300_000);
  const { found, dynamic } = collectRegexes();

  it('finds the regexes, including the ones built with new RegExp', () => {
    assert.ok(found.length >= 80, `only ${found.length} regexes found`);
    assert.ok(found.some((regex) => regex.file === 'durations.ts' && regex.flags.includes('u') && regex.source.includes('(days|day|d|hours')));
    for (const regex of found) assert.doesNotThrow(() => new RegExp(regex.source, regex.flags), `${regex.file}:${regex.line}`);
  });

  it('the only dynamic regexes are the reviewed ones from user configuration', () => {
    assert.deepEqual(dynamic.map(({ file, argument }) => ({ file, argument })).sort((a, b) => a.file.localeCompare(b.file)), [...DYNAMIC].sort((a, b) => a.file.localeCompare(b.file)));
  });

  it('each one is safe', async () => {
    // The native agent ships as an optional npm package for this platform; without it, the pure backend.
    process.env.RECHECK_BACKEND ??= nativeBackendAvailable() ? 'native' : 'pure';
    const { check } = await import('recheck');
    const unsafe: string[] = [];
    const seen = new Set<string>();
    let checked = 0;
    for (const regex of found) {
      const key = `/${regex.source}/${regex.flags}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const result = await check(regex.source, regex.flags, STEP_BOUNDED);
      checked++;
      if (result.status === 'safe') continue;
      const detail = result.status === 'vulnerable'
        ? `${result.complexity.type}${'degree' in result.complexity ? ` degree ${result.complexity.degree}` : ''}, attack ${JSON.stringify(result.attack.pattern)}`
        : `unknown: ${result.error.kind}`;
      unsafe.push(`${regex.file}:${regex.line} ${key} — ${detail}`);
    }
    console.log(`      checked ${checked} distinct regexes (${found.length} sites) with recheck (${process.env.RECHECK_BACKEND} backend)`);
    assert.deepEqual(unsafe, [], `unsafe or unknown regexes:\n${unsafe.join('\n')}`);
  });
});
