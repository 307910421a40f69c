// The `postmortem` command: parse, dispatch, print, exit. All checking happens in core.
import { version } from '../../package.json';
import { ruleRegistry } from './core';
import { parseCommand, USAGE, type Command } from './cli/args';
import { check } from './cli/check';
import { useColor } from './cli/colors';
import { InputError, UsageError } from './cli/errors';
import { init } from './cli/init';
import { formatRules } from './cli/rules';
import { timeline } from './cli/timeline';

async function run(command: Command): Promise<number> {
  switch (command.name) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'rules':
      process.stdout.write(formatRules(ruleRegistry));
      return 0;
    case 'timeline':
    case 'init': {
      const outcome = command.name === 'init' ? await init(command, process.cwd(), new Date()) : await timeline(command, process.cwd());
      for (const warning of outcome.warnings) process.stderr.write(`postmortem: ${warning}\n`);
      process.stdout.write(outcome.stdout);
      return 0;
    }
    case 'check': {
      const outcome = await check(command, process.cwd(), useColor(process.env, process.stdout.isTTY === true));
      process.stdout.write(outcome.stdout);
      for (const message of [...outcome.warnings, ...outcome.problems]) process.stderr.write(`postmortem: ${message}\n`);
      return outcome.exitCode;
    }
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(parseCommand(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`postmortem: ${error.message}\n\n${USAGE}`);
    } else if (error instanceof InputError) {
      for (const message of error.messages) process.stderr.write(`postmortem: ${message}\n`);
    } else {
      process.stderr.write(`postmortem: internal error: ${(error as Error).stack ?? String(error)}\n`);
    }
    return 2;
  }
}

// exitCode rather than exit(): a large report piped to another program is flushed before Node exits.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
