// `postmortem timeline FILE`: the timeline, milestones and metrics, as the editor's preview shows them.
import { relative, resolve } from 'node:path';
import { buildTimeline, timelineToMermaid } from '../core';
import type { TimelineCommand } from './args';
import { readTextFile } from './files';

export async function timeline(command: TimelineCommand, cwd: string): Promise<string> {
  const path = resolve(cwd, command.file);
  const file = await readTextFile({ path, display: relative(cwd, path) });
  const data = buildTimeline(file.text);
  return command.format === 'mermaid' ? `${timelineToMermaid(data)}\n` : `${JSON.stringify(data, null, 2)}\n`;
}
