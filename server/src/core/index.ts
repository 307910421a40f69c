// The engine's public surface: everything an adapter needs, nothing about editors or files.
export * from './types';
export { lint, type LintOptions } from './lint';
export { applyFixes, fixAll, MAX_FIX_PASSES, type FixAllOptions, type FixAllResult } from './fixes';
export { buildTimeline } from './timeline';
export { timelineToMermaid } from './mermaid';
export { ruleRegistry, type RuleMeta } from './rules';
export { builtInTemplates, defaultTemplate, findBuiltInTemplate, type Template, type TemplateSection } from './template';
export { parseConfig, resolveConfig, configSchema, type ConfigLoader, type ConfigProblem, type ConfigSource, type ResolvedConfig } from './config';
export { detectTemplate, type TemplateGuess } from './detect';
export { renderSkeleton } from './skeleton';
