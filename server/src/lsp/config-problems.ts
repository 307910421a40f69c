// `.postmortem.yaml` mistakes as diagnostics in the YAML files themselves (source `postmortem`, code `config`), at the
// line and column core reports. Three sources, newest truth first:
//   - an open `.postmortem.yaml` buffer: its text as typed (validateConfigText), for that file;
//   - configs read from disk: the one each document resolved to, and each one a watched-file event names;
//   - nothing: a deleted or fixed config's diagnostics are cleared.
// A broken config on disk is also one warning in the log per config path (again only after it was fixed and broke
// again), never one per keystroke: buffers are not logged.
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadConfigFile, validateConfigText, type ConfigProblem, type WorkspaceConfig } from '../workspace/config';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { describeError, type Log } from './log';

export const CONFIG_DIAGNOSTIC_CODE = 'config';

export class ConfigProblems {
  /** Per config file on disk (absolute path): the problems of it and of what it extends. */
  private readonly disk = new Map<string, ConfigProblem[]>();
  /** Per open `.postmortem.yaml` buffer (URI): its path and the problems of its current text. */
  private readonly buffers = new Map<string, { file: string; problems: ConfigProblem[] }>();
  /** What was last published per URI, to send only changes and to clear what is gone. */
  private readonly published = new Map<string, string>();
  /** Config paths warned about while broken. */
  private readonly warned = new Set<string>();
  /** Per buffer URI, the version a validation is scheduled for: a burst of keystrokes validates the last one. */
  private readonly scheduled = new Map<string, number>();

  constructor(private readonly connection: Connection, private readonly log: Log, private readonly documents: TextDocuments<TextDocument>) {}

  /** A document resolved to `config` (read from disk): record its problems. */
  observe(config: WorkspaceConfig): void {
    if (config.configPath === null) return;
    this.setDisk(config.configPath, config.problems);
    this.publish();
  }

  /** Watched-file events for config files: re-read the changed and created ones, forget the deleted ones. */
  diskChanged(files: readonly string[]): void {
    for (const file of files) {
      if (!isFile(file)) {
        this.disk.delete(file);
        this.warned.delete(file);
        continue;
      }
      this.setDisk(file, this.read(file));
    }
    this.publish();
  }

  /** An open `.postmortem.yaml` was opened or changed: validate its text once the pending changes are in. */
  bufferChanged(document: TextDocument): void {
    const { uri, version } = document;
    this.scheduled.set(uri, version);
    setImmediate(() => {
      if (this.scheduled.get(uri) !== version) return;
      this.scheduled.delete(uri);
      const latest = this.documents.get(uri);
      const file = pathOfUri(uri);
      if (!latest || latest.version !== version || file === null) return;
      try {
        this.buffers.set(uri, { file, problems: validateConfigText(file, latest.getText()) });
        this.publish();
      } catch (error) {
        this.log.error(`Validating ${uri} failed: ${describeError(error)}`);
      }
    });
  }

  /** The buffer was closed: the file on disk is the truth again. */
  bufferClosed(uri: string): void {
    this.scheduled.delete(uri);
    const buffer = this.buffers.get(uri);
    this.buffers.delete(uri);
    const file = buffer?.file ?? pathOfUri(uri);
    if (file !== null) {
      if (isFile(file)) this.disk.set(file, this.read(file));
      else this.disk.delete(file);
    }
    this.publish();
  }

  private read(file: string): ConfigProblem[] {
    try {
      return loadConfigFile(file).problems;
    } catch (error) {
      this.log.error(`Reading ${file} failed: ${describeError(error)}`);
      return [];
    }
  }

  private setDisk(configPath: string, problems: ConfigProblem[]): void {
    this.disk.set(configPath, problems);
    if (problems.length === 0) {
      this.warned.delete(configPath);
      return;
    }
    if (this.warned.has(configPath)) return;
    this.warned.add(configPath);
    const listed = problems.map((problem) => {
      const where = `${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
      return `${problem.file === configPath ? '' : `${problem.file}:`}${where} ${problem.message}`;
    });
    this.log.warn(`${configPath} is invalid, checking with the defaults: ${listed.join('; ')}`);
  }

  /** Publishes each file's diagnostics where they changed, and clears files that no longer have any. */
  private publish(): void {
    const byFile = new Map<string, Map<string, ConfigProblem>>();
    const add = (problem: ConfigProblem) => {
      let problems = byFile.get(problem.file);
      if (!problems) byFile.set(problem.file, problems = new Map());
      problems.set(JSON.stringify([problem.range, problem.message]), problem);
    };
    // A buffer is newer than the disk for its own file; the files it extends are read from disk either way.
    const buffered = new Map([...this.buffers].map(([uri, buffer]) => [buffer.file, uri]));
    for (const [configPath, problems] of this.disk) {
      // A config deleted behind the server's back (no file watching) has nothing left to show.
      if (!buffered.has(configPath) && !isFile(configPath)) {
        this.disk.delete(configPath);
        continue;
      }
      for (const problem of problems) if (!buffered.has(problem.file)) add(problem);
    }
    for (const { problems } of this.buffers.values()) for (const problem of problems) add(problem);

    const wanted = new Map<string, Diagnostic[]>();
    for (const [file, problems] of byFile) wanted.set(buffered.get(file) ?? pathToFileURL(file).href, [...problems.values()].map(toDiagnostic));
    for (const uri of new Set([...this.published.keys(), ...wanted.keys()])) {
      const diagnostics = wanted.get(uri) ?? [];
      const key = JSON.stringify(diagnostics);
      if ((this.published.get(uri) ?? '[]') === key) continue;
      if (diagnostics.length) this.published.set(uri, key);
      else this.published.delete(uri);
      this.connection.sendDiagnostics({ uri, diagnostics })
        .catch((error: unknown) => this.log.error(`Publishing the problems of ${uri} failed: ${describeError(error)}`));
    }
  }
}

function toDiagnostic(problem: ConfigProblem): Diagnostic {
  return {
    range: problem.range,
    severity: DiagnosticSeverity.Error,
    code: CONFIG_DIAGNOSTIC_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
  };
}

function pathOfUri(uri: string): string | null {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? path.resolve(fileURLToPath(url)) : null;
  } catch {
    return null;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
