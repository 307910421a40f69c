// How scripts/snippets.ts names the whole-postmortem snippets, and how "New postmortem…" finds them.

/** Whole-postmortem snippets' prefixes are `postmortem-<template name>`. */
export const TEMPLATE_PREFIX = 'postmortem-';
/** The title's tab stop; the other occurrence of the title mirrors it (`$1`). */
export const TITLE_TAB_STOP = '${1:Incident title}';

/** `$`, `}` and `\` are snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (char) => `\\${char}`);
}
