// The engine's public surface: everything an adapter needs, nothing about editors or files.
export * from './types';
export { lint, type LintOptions } from './lint';
export { applyFixes } from './fixes';
export { buildTimeline } from './timeline';
export { timelineToMermaid } from './mermaid';
export { ruleRegistry, type RuleMeta } from './rules';
