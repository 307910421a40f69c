// SARIF 2.1.0 for GitHub code scanning. Rules are identified by name (what GitHub shows); columns are UTF-16
// code units, SARIF's default and what the engine's positions count.
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { version } from '../../../../package.json';
import { ruleRegistry, type Finding, type RuleMeta, type Severity } from '../../core';
import type { FileReport } from './index';

const REPOSITORY = 'https://github.com/postmortem-studio/postmortem-studio';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(reports: readonly FileReport[], cwd: string): string {
  const ruleIndex = new Map(ruleRegistry.map((rule, index) => [rule.name, index]));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'postmortem',
            informationUri: REPOSITORY,
            version,
            semanticVersion: version,
            rules: ruleRegistry.map(descriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(cwd) } },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) => report.findings.map((finding) => result(finding, report.file, ruleIndex))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(rule: RuleMeta): ReportingDescriptor {
  return {
    id: rule.name,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri: `${REPOSITORY}#${rule.name}`,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { id: rule.id, tags: [...rule.tags], fixable: rule.fixable },
  };
}

function result(finding: Finding, file: string, ruleIndex: ReadonlyMap<string, number>): Result {
  const index = ruleIndex.get(finding.rule);
  const { start, end } = finding.range;
  return {
    ruleId: finding.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(file), uriBaseId: SRCROOT },
          region: {
            startLine: start.line + 1,
            startColumn: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
          },
        },
      },
    ],
  };
}

/** A relative URI reference: forward slashes, each segment percent-encoded (spaces, `#`, `?`). */
function fileUri(file: string): string {
  return file.split(sep).map(encodeURIComponent).join('/');
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
