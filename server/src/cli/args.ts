// The command line → a typed command. node:util parseArgs does the parsing; this only says what is allowed.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { builtInTemplates } from '../core/template';
import { closest } from '../core/suggest';
import { UsageError } from './errors';
import { CHECK_FORMATS, type CheckFormat } from './formatters';

export const TIMELINE_FORMATS = ['json', 'mermaid'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

/** Options handed through to the engine: which `.postmortem.yaml` and which template to check against. */
export interface EngineOptions {
  config?: string;
  template?: string;
}

export interface CheckCommand {
  name: 'check';
  patterns: string[];
  format: CheckFormat;
  fix: boolean;
  engine: EngineOptions;
}

export interface TimelineCommand {
  name: 'timeline';
  file: string;
  format: TimelineFormat;
}

export interface InitCommand {
  name: 'init';
  /** The file to write; absent: postmortem-<date>.md in the working directory. */
  file?: string;
  /** A built-in template; absent: the template of the nearest .postmortem.yaml, else default. */
  template?: string;
  title?: string;
}

export type Command = { name: 'help' } | { name: 'version' } | { name: 'rules' } | CheckCommand | TimelineCommand | InitCommand;

const TEMPLATE_NAMES = builtInTemplates.map((template) => template.name).join(', ');

export const USAGE = `Usage: postmortem <command> [options]

Commands:
  check [paths or globs...]   Check postmortems (default: the current folder)
  timeline FILE               Print the timeline, milestones and metrics of a postmortem
  init [FILE]                 Write a new postmortem from a template (default FILE: postmortem-<today>.md)
  rules                       List the rules

Options of check:
  -f, --format stylish|json|sarif   Output format (default: stylish)
      --fix                         Apply fixes and write the files
  -c, --config FILE                 Use this .postmortem.yaml (default: the nearest one above each file)
  -t, --template NAME               Check against this built-in template (below)

Options of init:
  -t, --template NAME               The built-in template (default: the nearest .postmortem.yaml's, else default)
      --title TITLE                 The incident's title

Options of timeline:
  -f, --format json|mermaid         Output format (default: json)

  -h, --help                        Show this help
  -v, --version                     Show the version

Folders and globs select postmortems: the "files:" globs of the nearest .postmortem.yaml, else files under
postmortems/ or incidents/ folders and names containing "postmortem" or "incident-report"; or front matter
"postmortem: true". Files named explicitly are always checked.

Built-in templates: ${TEMPLATE_NAMES}.

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
`;

const help = { type: 'boolean', short: 'h' } as const;
const format = { type: 'string', short: 'f' } as const;

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case 'check': {
      const { values, positionals } = parse(rest, {
        help,
        format,
        fix: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        template: { type: 'string', short: 't' },
      });
      if (values.help) return { name: 'help' };
      return {
        name: 'check',
        patterns: positionals,
        format: oneOf(values.format ?? 'stylish', CHECK_FORMATS, 'check'),
        fix: values.fix ?? false,
        engine: { config: values.config, template: templateName(values.template) },
      };
    }
    case 'init': {
      const { values, positionals } = parse(rest, { help, template: { type: 'string', short: 't' }, title: { type: 'string' } });
      if (values.help) return { name: 'help' };
      if (positionals.length > 1) throw new UsageError('init takes at most one FILE');
      return { name: 'init', file: positionals[0], template: templateName(values.template), title: values.title };
    }
    case 'timeline': {
      const { values, positionals } = parse(rest, { help, format });
      if (values.help) return { name: 'help' };
      if (positionals.length !== 1) throw new UsageError('timeline takes exactly one FILE');
      return { name: 'timeline', file: positionals[0], format: oneOf(values.format ?? 'json', TIMELINE_FORMATS, 'timeline') };
    }
    case 'rules': {
      const { values, positionals } = parse(rest, { help });
      if (positionals.length > 0) throw new UsageError(`rules takes no arguments, got '${positionals[0]}'`);
      return values.help ? { name: 'help' } : { name: 'rules' };
    }
    default: {
      if (name !== undefined && !name.startsWith('-')) throw new UsageError(`unknown command '${name}'`);
      const { values, positionals } = parse(argv, { help, version: { type: 'boolean', short: 'v' } });
      if (values.version) return { name: 'version' };
      if (values.help) return { name: 'help' };
      if (positionals.length === 0) throw new UsageError('no command given');
      throw new UsageError(`unknown command '${positionals[0]}'`);
    }
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function templateName(name: string | undefined): string | undefined {
  if (name === undefined || builtInTemplates.some((template) => template.name === name)) return name;
  const suggestion = closest(name, builtInTemplates.map((template) => template.name));
  throw new UsageError(`unknown template '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; expected ${TEMPLATE_NAMES}`);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], command: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`unknown format '${value}' for ${command}; expected ${allowed.join(', ')}`);
}
