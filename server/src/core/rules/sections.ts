// Shared by the four section rules: which template section each heading stands for, and how to write a new heading.
import type { Postmortem } from '../model';
import type { HeadingStyle, Section } from '../structure';
import type { TemplateSection } from '../template';

/** The first heading for each template section, in document order. */
export function presentSections(doc: Postmortem): { section: Section; match: TemplateSection; position: number }[] {
  const seen = new Set<TemplateSection>();
  const present: { section: Section; match: TemplateSection; position: number }[] = [];
  for (const section of doc.sections) {
    if (!section.match || seen.has(section.match)) continue;
    seen.add(section.match);
    present.push({ section, match: section.match, position: doc.template.sections.indexOf(section.match) });
  }
  return present;
}

/** The heading style and level most of the document's sections use. */
export function documentHeadingStyle(doc: Postmortem): { style: HeadingStyle; level: number } {
  const counts = new Map<string, number>();
  for (const section of doc.sections) {
    if (section.level === 1 && section.style === 'atx') continue;
    const key = `${section.style}:${section.level}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best) return { style: doc.sections.length ? 'atx' : 'bare', level: 2 };
  const [style, level] = best[0].split(':');
  return { style: style as HeadingStyle, level: Number(level) };
}

export function writeHeading(name: string, style: HeadingStyle, level: number): string {
  switch (style) {
    case 'bold':
      return `**${name}:**`;
    case 'bare':
      return name;
    case 'setext':
      return `${name}\n${(level === 1 ? '=' : '-').repeat(Math.max(3, name.length))}`;
    default:
      return `${'#'.repeat(level)} ${name}`;
  }
}

/** Offset of the start of a line, or the document's end. */
export function lineOffset(doc: Postmortem, line: number): number {
  return line < doc.index.lineCount ? doc.index.lineStarts[line] : doc.text.length;
}

/** The first line of the document that is not front matter or blank: where document-level findings sit. */
export function titleSpan(doc: Postmortem): { start: number; end: number } {
  const first = doc.frontMatter ? doc.frontMatter.endLine + 1 : 0;
  for (let line = first; line < doc.index.lineCount; line++) {
    if (doc.index.lineText(line).trim()) return { start: doc.index.lineStarts[line], end: doc.index.lineEnd(line) };
  }
  return { start: lineOffset(doc, first), end: lineOffset(doc, first) };
}
