// `postmortem init [FILE] [--template NAME] [--title T]`: a new postmortem from a template. Never overwrites.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { renderSkeleton } from '../core';
import type { InitCommand } from './args';
import { ConfigResolver } from './config';
import { InputError } from './errors';
import { describe } from './files';

export async function init(command: InitCommand, cwd: string, now: Date): Promise<{ stdout: string; warnings: string[] }> {
  const date = localDate(now);
  const path = resolve(cwd, command.file ?? `postmortem-${date}.md`);
  const display = relative(cwd, path);
  // Without --template, the template of the .postmortem.yaml the new file will be checked with.
  const configs = new ConfigResolver({ template: command.template }, cwd);
  const { template } = configs.forFile(path);
  const text = renderSkeleton(template, { title: command.title ?? 'Untitled incident', date });
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError([`${display}: ${code === 'EEXIST' ? 'already exists; not overwritten' : describe(error as NodeJS.ErrnoException)}`]);
  }
  return { stdout: `Created ${display} from the ${template.name} template.\n`, warnings: configs.warnings() };
}

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
