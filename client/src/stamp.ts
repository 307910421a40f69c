// The UTC stamp of a new timeline entry, in the built-in templates' style: `[2024-05-12 14:38 UTC]`.

export function utcStamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * On an empty line a whole entry (a list item in Markdown, a tab-separated line in plain text, as the templates
 * write them); elsewhere the stamp alone.
 */
export function timelineEntrySnippet(now: Date, emptyLine: boolean, plainText: boolean): string {
  const stamp = `[${utcStamp(now)}]`;
  if (!emptyLine) return `${stamp} $0`;
  return plainText ? `${stamp}\t\${1:What happened.}$0` : `- ${stamp} \${1:What happened.}$0`;
}
