// Which `.postmortem.yaml` applies to each file of a run: `--config`, else the nearest one up to the repository
// root; `--template` replaces its template. A broken config file is one warning and the defaults, not a failure.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DEFAULT_POSTMORTEM_FILES } from '../selection';
import { isListed, loadConfigForFile, type WorkspaceConfig } from '../workspace/config';
import type { EngineOptions } from './args';
import { InputError } from './errors';
import { describe, type FileSelector } from './files';

export class ConfigResolver {
  private readonly byFolder = new Map<string, WorkspaceConfig>();
  private readonly configFile?: string;

  constructor(private readonly engine: EngineOptions, private readonly cwd: string) {
    if (engine.config !== undefined) {
      this.configFile = resolve(cwd, engine.config);
      try {
        readFileSync(this.configFile);
      } catch (error) {
        throw new InputError([`${engine.config}: ${describe(error as NodeJS.ErrnoException)}`]);
      }
    }
  }

  forFile(path: string): WorkspaceConfig {
    const folder = dirname(resolve(this.cwd, path));
    let config = this.byFolder.get(folder);
    if (!config) {
      config = loadConfigForFile(resolve(this.cwd, path), { configFile: this.configFile, templateName: this.engine.template });
      this.byFolder.set(folder, config);
    }
    return config;
  }

  /** Folder and glob discovery: the `files:` of each file's config, else the default globs from `base`. */
  readonly selector: FileSelector = (file, base) => isListed(this.forFile(file), file, { globs: DEFAULT_POSTMORTEM_FILES, base });

  /** Whether a template was chosen for the file (`--template`, or a valid config), rather than the default by absence. */
  choosesTemplate(path: string): boolean {
    const config = this.forFile(path);
    return this.engine.template !== undefined || (config.configPath !== null && config.problems.length === 0);
  }

  /** One line per broken config file: its problems with line:col, and that the defaults were used instead. */
  warnings(): string[] {
    const seen = new Map<string, WorkspaceConfig>();
    for (const config of this.byFolder.values()) {
      if (config.configPath !== null && config.problems.length > 0) seen.set(config.configPath, config);
    }
    return [...seen.values()].map((config) => {
      const shown = (file: string) => relative(this.cwd, file) || file;
      const problems = config.problems.map((problem) => {
        const where = `${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
        return `${problem.file === config.configPath ? '' : `${shown(problem.file)}:`}${where} ${problem.message}`;
      });
      return `warning: ${shown(config.configPath!)} is invalid, checking with the defaults: ${problems.join('; ')}`;
    });
  }
}
