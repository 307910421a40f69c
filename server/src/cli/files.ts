// From command-line paths and globs to the postmortems to check, and reading them as UTF-8 text.
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
// The require form makes esbuild bundle tinyglobby's CommonJS build: its ESM build pulls in fdir's, which calls
// createRequire(import.meta.url), and import.meta.url is undefined in this CommonJS bundle.
import tinyglobby = require('tinyglobby');
import { hasPostmortemFrontMatter, isMarkdownOrText } from '../selection';
import { InputError } from './errors';

const { glob, isDynamicPattern } = tinyglobby;

export interface InputFile {
  path: string;
  /** Relative to the working directory, as printed. */
  display: string;
}

export interface TextFile extends InputFile {
  text: string;
  /** The bytes as read, to tell whether the file changed before a fix is written. */
  bytes: Uint8Array;
  mtimeMs: number;
  mode: number;
}

const IGNORE = ['**/node_modules/**'];
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Whether a file found in a folder or by a glob is listed as a postmortem by its path (`files:` globs); `base` is
 * where the default globs are matched from when no `.postmortem.yaml` sets them.
 */
export type FileSelector = (absolutePath: string, base: string) => boolean;

/**
 * The files to check, sorted by their printed path, each file once even when reached through symlinks;
 * every path or glob that yields none is an error.
 */
export async function findPostmortems(patterns: readonly string[], cwd: string, isListed: FileSelector): Promise<InputFile[]> {
  const found = new Set<string>();
  const problems: string[] = [];
  for (const pattern of patterns) {
    const files = await expand(pattern, cwd, isListed).catch((error: unknown) => {
      if (error instanceof InputError) problems.push(...error.messages);
      else throw error;
      return [];
    });
    for (const file of files) found.add(file);
  }
  if (problems.length > 0) throw new InputError(problems);
  const sorted = [...found]
    .map((path) => ({ path, display: relative(cwd, path) }))
    .sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  const real = new Set<string>();
  const unique: InputFile[] = [];
  for (const file of sorted) {
    const target = await realpath(file.path).catch(() => file.path);
    if (real.has(target)) continue;
    real.add(target);
    unique.push(file);
  }
  return unique;
}

async function expand(pattern: string, cwd: string, isListed: FileSelector): Promise<string[]> {
  const path = resolve(cwd, pattern);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && isDynamicPattern(pattern)) return null;
    throw new InputError([`${pattern}: ${describe(error)}`]);
  });
  if (info === null) {
    const files = await selectPostmortems(pattern, cwd, matchBase(resolve(cwd, picomatch.scan(pattern).base), cwd), isListed);
    if (files.length === 0) throw new InputError([`${pattern}: no postmortems match this pattern`]);
    return files;
  }
  if (info.isFile()) return [path];
  if (!info.isDirectory()) throw new InputError([`${pattern}: not a regular file or folder`]);
  const files = await selectPostmortems('**/*', path, matchBase(path, cwd), isListed);
  if (files.length === 0) {
    throw new InputError([`${pattern}: no postmortems in this folder (none under a postmortems/ or incidents/ folder, `
      + 'named like *postmortem*.md, or with "postmortem: true" front matter)']);
  }
  return files;
}

/**
 * Where `files:` globs are matched from: the working directory, like a workspace root, so that
 * `postmortem check postmortems/` matches `postmortems/**`. Outside it, the folder's parent, so its own name counts.
 */
function matchBase(folder: string, cwd: string): string {
  const path = relative(cwd, folder);
  const outside = path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path);
  return outside ? dirname(folder) : cwd;
}

async function selectPostmortems(pattern: string, cwd: string, base: string, isListed: FileSelector): Promise<string[]> {
  const candidates = await glob(pattern, { cwd, absolute: true, dot: false, ignore: IGNORE });
  const selected: string[] = [];
  for (const file of candidates) {
    if (isListed(file, base) || (isMarkdownOrText(file) && (await declaresPostmortem(file)))) selected.push(file);
  }
  return selected;
}

async function declaresPostmortem(path: string): Promise<boolean> {
  try {
    return hasPostmortemFrontMatter(decoder.decode(await readBytes(path)));
  } catch {
    // An unreadable or binary file nobody named is simply not a postmortem.
    return false;
  }
}

export async function readTextFile(file: InputFile): Promise<TextFile> {
  let bytes: Uint8Array;
  let info;
  try {
    info = await stat(file.path);
    if (info.isDirectory()) throw new InputError([`${file.display}: is a folder, expected a file`]);
    bytes = await readBytes(file.path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([`${file.display}: ${describe(error as NodeJS.ErrnoException)}`]);
  }
  if (bytes.includes(0)) throw new InputError([`${file.display}: binary file (contains NUL bytes), expected UTF-8 text`]);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InputError([`${file.display}: not valid UTF-8 text`]);
  }
  return { ...file, text, bytes, mtimeMs: info.mtimeMs, mode: info.mode };
}

/** Reads every file; the errors of all of them are reported together. */
export async function readTextFiles(files: readonly InputFile[]): Promise<TextFile[]> {
  const read: TextFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      read.push(await readTextFile(file));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.messages);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return read;
}

/** A plain Uint8Array: the pinned @types/node's Buffer does not type-check as one under this TypeScript. */
export async function readBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

export function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, expected a file';
    default:
      return error.message;
  }
}
