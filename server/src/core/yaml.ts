// YAML as the engine reads it (front matter, .postmortem.yaml): errors are data with offsets, and reading takes time
// linear in the text whatever it holds. The library's own unique-key check compares each key with every earlier key of
// its map, and turning an alias into data scans the nodes before it: 10,000 keys or aliases took seconds. Keys are
// checked here, one set per map; a text with more aliases than a real file needs is not turned into data.
import { isScalar, parseDocument, visit, type Document } from 'yaml';

/** Aliases expanded at most, as the library counts them too ("billion laughs"). */
const MAX_ALIASES = 100;

export interface YamlError {
  /** The first line of the library's message. */
  message: string;
  /** Offsets in the source, half-open. */
  pos: [number, number];
}

export interface ParsedYaml {
  doc: Document.Parsed;
  /** In text order. */
  errors: YamlError[];
  /** The document as plain data; undefined when there are errors. */
  data: unknown;
}

export function readYaml(source: string, options: { strict?: boolean } = {}): ParsedYaml {
  const doc = parseDocument(source, { uniqueKeys: false, prettyErrors: false, strict: options.strict ?? true });
  const errors: YamlError[] = doc.errors.map((error) => ({ message: error.message.split('\n')[0], pos: [error.pos[0], error.pos[1]] }));
  const aliases: number[] = [];
  visit(doc, {
    Map(_, map) {
      const keys = new Set<unknown>();
      for (const pair of map.items) {
        // The library's test: scalar keys of the same value (1 and "1" differ); other keys only as the same node.
        if (!isScalar(pair.key) || !pair.key.range || Number.isNaN(pair.key.value)) continue;
        if (keys.has(pair.key.value)) errors.push({ message: 'Map keys must be unique', pos: [pair.key.range[0], pair.key.range[0] + 1] });
        keys.add(pair.key.value);
      }
    },
    Alias(_, alias) {
      aliases.push(alias.range?.[0] ?? 0);
    },
  });
  if (errors.length > 0) return { doc, errors: errors.sort((a, b) => a.pos[0] - b.pos[0]), data: undefined };
  if (aliases.length > MAX_ALIASES) {
    const at = aliases[MAX_ALIASES];
    return { doc, errors: [{ message: `Excessive alias count (more than ${MAX_ALIASES}) indicates a resource exhaustion attack`, pos: [at, at + 1] }], data: undefined };
  }
  try {
    return { doc, errors, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    return { doc, errors: [{ message: (error as Error).message.split('\n')[0], pos: [0, source.length] }], data: undefined };
  }
}
