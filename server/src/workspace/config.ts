// `.postmortem.yaml` on disk, for the CLI and the language server: find the nearest one, read it and what it
// extends, and cache the result until one of those files changes. Validation and merging are core's (core/config.ts).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig, type ConfigLoader, type ConfigProblem, type ResolvedConfig } from '../core/config';

export type { ConfigProblem } from '../core/config';
import { defaultTemplate, findBuiltInTemplate, type Template } from '../core/template';
import type { SeveritySetting } from '../core/types';
import { createFilesMatcher } from '../selection';

export const CONFIG_FILE_NAME = '.postmortem.yaml';

export interface ConfigOptions {
  /**
   * The workspace folder: the lookup goes no higher. Without it (the CLI), the lookup stops at the repository
   * root (a folder containing `.git`) or the filesystem root.
   */
  root?: string;
  /** Use this config file instead of looking (`--config`); relative paths are taken from the working directory. */
  configFile?: string;
  /** A built-in template that replaces the config's template (`--template`); the config's rules and files stay. */
  templateName?: string;
}

export interface WorkspaceConfig {
  template: Template;
  /** Per rule name, for `LintOptions.severities`. */
  severities: Record<string, SeveritySetting>;
  /** `files:` globs and the folder they are relative to (that of the file declaring them); null: not configured. */
  files: { globs: readonly string[]; base: string } | null;
  /** The config file in effect (absolute), or null when none was found. */
  configPath: string | null;
  /** The config file and the files it extends (absolute): watch these. */
  sources: string[];
  /** Problems in those files, `file` absolute; when there are any, template/severities/files are the defaults. */
  problems: ConfigProblem[];
}

interface CacheEntry {
  /** mtime and size of each source when it was read. */
  stamps: { file: string; stamp: string }[];
  resolved: ResolvedConfig;
}

const cache = new Map<string, CacheEntry>();

/**
 * The configuration for the document at `filePath`: the nearest `.postmortem.yaml` from its folder upward
 * (or `options.configFile`), resolved with what it extends; the defaults when there is none.
 */
export function loadConfigForFile(filePath: string, options: ConfigOptions = {}): WorkspaceConfig {
  const configPath = options.configFile !== undefined
    ? path.resolve(options.configFile)
    : findConfigFile(path.dirname(path.resolve(filePath)), options.root);
  return withTemplate(configPath === null ? null : loadConfigFile(configPath), configPath, options.templateName);
}

/** The nearest `.postmortem.yaml` from `folder` upward; see `ConfigOptions.root` for where the search stops. */
export function findConfigFile(folder: string, root?: string): string | null {
  const top = root === undefined ? undefined : path.resolve(root);
  let current = path.resolve(folder);
  const insideRoot = top !== undefined && (current === top || current.startsWith(top.endsWith(path.sep) ? top : top + path.sep));
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(current);
    const stop = insideRoot ? current === top : exists(path.join(current, '.git'));
    if (stop || parent === current) return null;
    current = parent;
  }
}

/** Reads and resolves one config file, cached until it or a file it extends changes (mtime and size). */
export function loadConfigFile(configPath: string): ResolvedConfig {
  const file = path.resolve(configPath);
  const cached = cache.get(file);
  if (cached && cached.stamps.every(({ file: source, stamp }) => stampOf(source) === stamp)) return cached.resolved;
  const source = readSource(file);
  const start = { line: 0, character: 0 };
  const resolved: ResolvedConfig = 'error' in source
    ? { template: defaultTemplate, severities: {}, sources: [file], problems: [{ file, range: { start, end: start }, message: `cannot read: ${source.error}` }] }
    : resolveConfig(source, load);
  cache.set(file, { stamps: resolved.sources.map((source) => ({ file: source, stamp: stampOf(source) })), resolved });
  return resolved;
}

/**
 * The problems of a `.postmortem.yaml` as the editor holds it (unsaved text), with what it extends read from disk:
 * the diagnostics to show in that YAML document.
 */
export function validateConfigText(configPath: string, text: string): ConfigProblem[] {
  return resolveConfig({ path: path.resolve(configPath), text }, load).problems;
}

/** Forget every cached config (tests; a client that knows files changed without touching their mtime). */
export function clearConfigCache(): void {
  cache.clear();
}

/**
 * Whether `filePath` is listed as a postmortem: by the config's `files:` globs, or, when the config has none,
 * by `fallback` (the default globs, or the editor's `postmortem.files`, relative to the workspace folder).
 */
export function isListed(config: WorkspaceConfig, filePath: string, fallback: { globs: readonly string[]; base: string }): boolean {
  const { globs, base } = config.files ?? fallback;
  return matcherFor(globs)(path.relative(base, path.resolve(filePath)));
}

const matchers = new Map<string, (relativePath: string) => boolean>();

function matcherFor(globs: readonly string[]): (relativePath: string) => boolean {
  const key = JSON.stringify(globs);
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = createFilesMatcher(globs);
    matchers.set(key, matcher);
  }
  return matcher;
}

function withTemplate(resolved: ResolvedConfig | null, configPath: string | null, templateName: string | undefined): WorkspaceConfig {
  const override = templateName === undefined ? undefined : findBuiltInTemplate(templateName);
  if (templateName !== undefined && !override) throw new Error(`unknown built-in template "${templateName}"`);
  const template = override ?? resolved?.template ?? defaultTemplate;
  return {
    template,
    severities: resolved?.severities ?? {},
    files: resolved?.files ? { globs: resolved.files.globs, base: path.dirname(resolved.files.from) } : null,
    configPath,
    sources: resolved?.sources ?? [],
    problems: resolved?.problems ?? [],
  };
}

const load: ConfigLoader = (reference, from) => readSource(path.resolve(path.dirname(from), reference));

function readSource(file: string): { path: string; text: string } | { error: string } {
  try {
    return { path: file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (error as Error).message };
  }
}

function stampOf(file: string): string {
  try {
    const info = statSync(file);
    return `${info.mtimeMs}:${info.size}`;
  } catch {
    return 'missing';
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
