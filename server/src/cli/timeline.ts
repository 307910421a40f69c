// `postmortem timeline FILE`: the timeline, milestones and metrics, as the editor's preview shows them, read with
// the file's `.postmortem.yaml` (its template says which section is the timeline and which way it runs).
import { relative, resolve } from 'node:path';
import { buildTimeline, timelineToMermaid } from '../core';
import type { TimelineCommand } from './args';
import { ConfigResolver } from './config';
import { readTextFile } from './files';

export async function timeline(command: TimelineCommand, cwd: string): Promise<{ stdout: string; warnings: string[] }> {
  const path = resolve(cwd, command.file);
  const file = await readTextFile({ path, display: relative(cwd, path) });
  const configs = new ConfigResolver({}, cwd);
  const { template, severities } = configs.forFile(path);
  const data = buildTimeline(file.text, { template, severities });
  const stdout = command.format === 'mermaid' ? `${timelineToMermaid(data)}\n` : `${JSON.stringify(data, null, 2)}\n`;
  return { stdout, warnings: configs.warnings() };
}
