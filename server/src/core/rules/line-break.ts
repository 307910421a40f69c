/**
 * The line break a fix writes: the document's own ("\r\n", or "\r" where it has no "\n"), else "\n". Looked for only
 * when a fix writes one: each search for a character a document lacks reads all of it.
 */
export function lineBreak(text: string): string {
  const cr = text.indexOf('\r');
  if (cr < 0) return '\n';
  return text.includes('\r\n', cr) ? '\r\n' : text.includes('\n') ? '\n' : '\r';
}
