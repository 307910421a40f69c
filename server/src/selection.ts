// Which files are postmortems: a path matching the `files:` globs, or Markdown/plain text whose front matter
// says `postmortem: true`. Shared by the CLI and the language server; callers pass paths relative to their root.
import picomatch from 'picomatch';
import { readFrontMatter } from './core/frontmatter';
import { LineIndex } from './core/text';

export const DEFAULT_POSTMORTEM_FILES: readonly string[] = [
  '**/{postmortems,post-mortems,postmortem,incidents,incident-reports}/**/*.{md,markdown,txt}',
  '**/*{postmortem,post-mortem,incident-report}*.{md,markdown,txt}',
];

const TEXT_EXTENSION = /\.(?:md|markdown|txt)$/i;

/**
 * A matcher for `files:` globs. Paths may use either separator; matching ignores case (`Postmortems/`,
 * `INCIDENT-REPORT.MD`) and lets `**` cross dot folders, which callers skip while walking, not here.
 */
export function createFilesMatcher(files: readonly string[] = DEFAULT_POSTMORTEM_FILES): (relativePath: string) => boolean {
  const isMatch = picomatch([...files], { nocase: true, dot: true });
  return (relativePath) => isMatch(relativePath.replace(/\\/g, '/'));
}

/** Markdown or plain text by extension: the only files whose front matter can make them postmortems. */
export function isMarkdownOrText(path: string): boolean {
  return TEXT_EXTENSION.test(path);
}

export function hasPostmortemFrontMatter(text: string): boolean {
  return readFrontMatter(text, new LineIndex(text).lineStarts)?.data.postmortem === true;
}
