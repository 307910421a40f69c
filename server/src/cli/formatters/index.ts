// The check report in each output format. Formatters only lay out what the engine found.
import type { Finding } from '../../core';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export const CHECK_FORMATS = ['stylish', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface FileReport {
  /** Relative to the working directory. */
  file: string;
  /** In the engine's order: by position. */
  findings: readonly Finding[];
  /** Hints about the file that are not findings (the closest built-in template); stylish prints them. */
  notes?: readonly string[];
}

export interface FormatContext {
  cwd: string;
  color: boolean;
}

export function formatReport(format: CheckFormat, reports: readonly FileReport[], context: FormatContext): string {
  switch (format) {
    case 'stylish':
      return formatStylish(reports, context.color);
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(reports, context.cwd);
  }
}
