// What the server knows about one document: the client's `postmortem` settings (validated, cached per document)
// and the `.postmortem.yaml` that applies to it. `resolveSettings(uri)` is the one place that decides a document's
// template, rule severities and whether it is a postmortem.
//
//   template     the config's (when a valid `.postmortem.yaml` applies), else `postmortem.template`
//   severities   the config's `rules:`, then the client's `postmortem.rules` on top (the client wins)
//   postmortem   the config's `files:` globs when it has some, else `postmortem.files` (the default globs unless
//                set), relative to the workspace folder; or front matter `postmortem: true`; or language `postmortem`
//
// Documents without a path on disk (untitled:, other schemes) have no config: they are postmortems by front matter
// or language only. An `untitled:` document whose path lies in a workspace folder (VS Code's "New postmortem…" names
// it after the file it will be saved as) is treated as that file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { z } from 'zod';
import { ruleRegistry, type SeveritySetting } from '../core';
import { builtInTemplates, defaultTemplate, type Template } from '../core/template';
import { SETTINGS_SECTION } from '../protocol';
import { DEFAULT_POSTMORTEM_FILES, hasPostmortemFrontMatter } from '../selection';
import { CONFIG_FILE_NAME, isListed, loadConfigForFile, type WorkspaceConfig } from '../workspace/config';
import { describeError, type Log } from './log';

export type Trace = 'off' | 'messages' | 'verbose';

export interface ClientSettings {
  /** Globs of the documents that are postmortems, relative to the workspace folder. */
  files: readonly string[];
  /** A built-in template's name. */
  template: string;
  /** Milliseconds between the last change and validation; 0 validates at once. */
  debounce: number;
  /** `postmortem.rules`: per rule (name or id), error, warning, information, hint or off. */
  rules: Readonly<Record<string, SeveritySetting>>;
  /** `postmortem.trace.server`; `verbose` also logs each validation's timing. */
  trace: Trace;
}

const DEFAULT_TEMPLATE = 'default';

const DEFAULT_SETTINGS: ClientSettings = {
  files: DEFAULT_POSTMORTEM_FILES,
  template: DEFAULT_TEMPLATE,
  debounce: 150,
  rules: {},
  trace: 'off',
};

const RULE_NAMES = new Set(ruleRegistry.flatMap((rule) => [rule.name, rule.id]));
const NAME_BY_ID = new Map(ruleRegistry.map((rule) => [rule.id, rule.name]));
const TEMPLATE_NAMES = builtInTemplates.map((template) => template.name);
const FIELDS = {
  files: z.array(z.string().min(1)),
  template: z.string().refine((name) => TEMPLATE_NAMES.includes(name), { message: `expected one of ${TEMPLATE_NAMES.join(', ')}` }),
  debounce: z.number().int().min(0).max(10_000),
  rules: z.record(
    z.string().refine((name) => RULE_NAMES.has(name), { message: 'unknown rule' }),
    z.enum(['error', 'warning', 'information', 'hint', 'off']),
  ),
  trace: z.object({ server: z.enum(['off', 'messages', 'verbose']) }),
};

/** Each field that fails validation falls back to its default, with a problem naming it. */
function validateSettings(raw: unknown): { settings: ClientSettings; problems: string[] } {
  const settings = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: [`${SETTINGS_SECTION}: expected an object`] };
  const values = raw as Record<string, unknown>;
  const read = <T>(key: keyof typeof FIELDS, schema: z.ZodType<T>): T | undefined => {
    if (values[key] === null || values[key] === undefined) return undefined;
    const result = schema.safeParse(values[key]);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    problems.push(`${[SETTINGS_SECTION, key, ...issue.path.map(String)].join('.')}: ${issue.message}`);
    return undefined;
  };
  settings.files = read('files', FIELDS.files) ?? settings.files;
  settings.template = read('template', FIELDS.template) ?? settings.template;
  settings.debounce = read('debounce', FIELDS.debounce) ?? settings.debounce;
  settings.rules = read('rules', FIELDS.rules) ?? settings.rules;
  settings.trace = read('trace', FIELDS.trace)?.server ?? settings.trace;
  return { settings, problems };
}

/** What the server needs to know about one document. */
export interface DocumentSettings {
  template: Template;
  severities: Readonly<Record<string, SeveritySetting>>;
  debounce: number;
  trace: Trace;
  /** The file the document is (or will be saved as), absolute; null for documents without one. */
  filePath: string | null;
  /** The `.postmortem.yaml` that applies (absolute), valid or not; null when there is none. */
  configPath: string | null;
  /**
   * Whether something chose the template: a `.postmortem.yaml`, or `postmortem.template` set to another template
   * than `default`. When nothing did, the server hints at the closest built-in template.
   */
  templateChosen: boolean;
  /** Listed by the `files` globs, or (for any other document) front matter `postmortem: true`. */
  isPostmortem(text: string): boolean;
}

/** When the config could not be looked up at all: the client's globs decide. */
const NO_CONFIG: WorkspaceConfig = { template: defaultTemplate, severities: {}, files: null, configPath: null, sources: [], problems: [] };

interface Resolved {
  client: ClientSettings;
  config: WorkspaceConfig | null;
  settings: DocumentSettings;
}

export class SettingsStore {
  /** The client's settings per document URI (`workspace/configuration` is asked once per document). */
  private readonly clients = new Map<string, Promise<ClientSettings>>();
  /** The last settings built per document, reused while neither the client's settings nor the config changed. */
  private readonly resolved = new Map<string, Resolved>();
  /** Problems already warned about since the settings last changed: one warning, not one per document. */
  private readonly warned = new Set<string>();
  private folderUris: string[] = [];
  /** Workspace folder paths, longest first, that `files` globs are relative to. */
  private folders: string[] = [];
  /** The client answers `workspace/configuration`; otherwise it pushes settings with `didChangeConfiguration`. */
  private pull = false;
  private pushed: unknown;

  /** `onConfig` hears each config a document resolved to (its problems become diagnostics in the YAML file). */
  constructor(
    private readonly connection: Connection,
    private readonly log: Log,
    private readonly onConfig: (config: WorkspaceConfig) => void = () => undefined,
  ) {}

  /** `folders` are the workspace folders' URIs. */
  configure(options: { pull: boolean; folders: readonly string[] }): void {
    this.pull = options.pull;
    this.setFolders(options.folders);
  }

  /** Workspace folders added and removed (`workspace/didChangeWorkspaceFolders`), by URI. */
  changeFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.setFolders([...this.folderUris.filter((uri) => !gone.has(uri)), ...added]);
  }

  private setFolders(uris: readonly string[]): void {
    this.folderUris = [...new Set(uris)];
    this.folders = this.folderUris.map(filePathOf).filter((folder): folder is string => folder !== null).sort((a, b) => b.length - a.length);
    this.invalidate();
  }

  /** Settings pushed by a client without `workspace/configuration`. */
  push(raw: unknown): void {
    this.pushed = raw;
    this.invalidate();
  }

  invalidate(): void {
    this.clients.clear();
    this.resolved.clear();
    this.warned.clear();
  }

  forget(uri: string): void {
    this.clients.delete(uri);
    this.resolved.delete(uri);
  }

  /**
   * The document's settings. The config is looked up on every call (`loadConfigForFile` caches by mtime, so this
   * is a few `stat`s): an edited `.postmortem.yaml` applies at the next validation even for clients that do not
   * watch files. The same object comes back while nothing changed, so analyses cached for it stay valid.
   */
  async resolveSettings(uri: string): Promise<DocumentSettings> {
    let pending = this.clients.get(uri);
    if (!pending) {
      pending = this.loadClient(uri);
      this.clients.set(uri, pending);
    }
    const client = await pending;
    const filePath = this.documentPath(uri);
    const folder = filePath === null ? undefined : this.folderOf(filePath);
    const config = filePath === null ? null : this.loadConfig(filePath, folder);
    const cached = this.resolved.get(uri);
    if (cached && cached.client === client && sameConfig(cached.config, config)) return cached.settings;
    if (config) this.onConfig(config);
    const settings = buildSettings(client, config, filePath, folder);
    this.resolved.set(uri, { client, config, settings });
    return settings;
  }

  private async loadClient(uri: string): Promise<ClientSettings> {
    const raw = this.pull
      ? await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).catch((error: unknown) => {
        this.warnOnce(`Could not read the ${SETTINGS_SECTION} settings, using defaults: ${String(error)}`);
        return undefined;
      })
      : this.pushed;
    const { settings, problems } = validateSettings(raw);
    if (problems.length) this.warnOnce(`Invalid ${SETTINGS_SECTION} settings, using the defaults for: ${problems.join('; ')}`);
    return settings;
  }

  private loadConfig(filePath: string, root: string | undefined): WorkspaceConfig | null {
    try {
      return loadConfigForFile(filePath, { root });
    } catch (error) {
      this.warnOnce(`Could not read the ${CONFIG_FILE_NAME} for ${filePath}, using the defaults: ${describeError(error)}`);
      return null;
    }
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log.warn(message);
  }

  /** The workspace folder holding `file`, the innermost when they nest. */
  private folderOf(file: string): string | undefined {
    return this.folders.find((folder) => file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep));
  }

  /** A `file:` URI's path; an `untitled:` URI's path when it lies in a workspace folder; otherwise null. */
  private documentPath(uri: string): string | null {
    const file = filePathOf(uri);
    if (file !== null) return file;
    try {
      const url = new URL(uri);
      if (url.protocol !== 'untitled:') return null;
      const pathname = decodeURIComponent(url.pathname);
      if (!path.isAbsolute(pathname)) return null;
      const candidate = path.resolve(pathname);
      return this.folderOf(candidate) !== undefined ? candidate : null;
    } catch {
      return null;
    }
  }
}

/** A document's settings with the client's defaults, no config and no path: those of the warm-up's sample. */
export function defaultDocumentSettings(): DocumentSettings {
  return buildSettings(DEFAULT_SETTINGS, null, null, undefined);
}

function buildSettings(client: ClientSettings, config: WorkspaceConfig | null, filePath: string | null, folder: string | undefined): DocumentSettings {
  const valid = config !== null && config.configPath !== null && config.problems.length === 0;
  const template = valid ? config.template : builtInTemplates.find((candidate) => candidate.name === client.template) ?? defaultTemplate;
  const severities: Record<string, SeveritySetting> = { ...(valid ? config.severities : {}) };
  // By name: core looks a rule up by name before id, so an id from the client must not lose to the config's name.
  for (const [rule, level] of Object.entries(client.rules)) severities[NAME_BY_ID.get(rule) ?? rule] = level;
  // `files:` globs of the config, else the client's (or the default) globs from the workspace folder; outside every
  // folder, from the filesystem root.
  const listed = filePath !== null && isListed(config ?? NO_CONFIG, filePath, { globs: client.files, base: folder ?? path.parse(filePath).root });
  return {
    template,
    severities,
    debounce: client.debounce,
    trace: client.trace,
    filePath,
    configPath: config?.configPath ?? null,
    templateChosen: (config?.configPath ?? null) !== null || client.template !== DEFAULT_TEMPLATE,
    isPostmortem: (text) => listed || hasPostmortemFrontMatter(text),
  };
}

/** Whether two lookups found the same config in the same state (`loadConfigFile` returns cached objects). */
function sameConfig(a: WorkspaceConfig | null, b: WorkspaceConfig | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.configPath !== b.configPath) return false;
  return a.configPath === null || (a.template === b.template && a.severities === b.severities && a.problems === b.problems);
}

function filePathOf(uri: string): string | null {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? fileURLToPath(url) : null;
  } catch {
    return null;
  }
}

/** Whether the URI names a `.postmortem.yaml` (any scheme): its buffer is validated as a config, never as a postmortem. */
export function isConfigUri(uri: string): boolean {
  try {
    return path.posix.basename(decodeURIComponent(new URL(uri).pathname)) === CONFIG_FILE_NAME;
  } catch {
    return false;
  }
}
