// `postmortem init`: a new document from a template — front matter when the template has a schema for one,
// a title, and every section's heading and skeleton in the template's order.
import type { FrontMatterProperty, Template } from './template';

export interface SkeletonOptions {
  title: string;
  /** Today, YYYY-MM-DD; it also replaces `YYYY-MM-DD` in the skeleton texts. */
  date: string;
}

export function renderSkeleton(template: Template, { title, date }: SkeletonOptions): string {
  const lines: string[] = [];
  if (template.frontMatter) {
    const keys = [...new Set(['title', 'date', ...Object.keys(template.frontMatter.properties), ...template.frontMatter.required])];
    lines.push('---');
    for (const key of keys) {
      const value = key === 'title' ? JSON.stringify(title) : key === 'date' ? date : '';
      const hint = value ? '' : describeProperty(template.frontMatter.properties[key]);
      lines.push(`${/^[\w-]+$/.test(key) ? key : JSON.stringify(key)}:${value ? ` ${value}` : ''}${hint ? ` # ${hint}` : ''}`);
    }
    lines.push('---', '');
  }
  lines.push(`# ${title}`, '');
  // Without front matter, a date line gives time-only timeline entries their day.
  if (!template.frontMatter) lines.push(`Date: ${date}`, '');
  for (const section of template.sections) {
    lines.push(`## ${section.name}`, '');
    if (section.skeleton) lines.push(section.skeleton.split('YYYY-MM-DD').join(date), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function describeProperty(property: FrontMatterProperty | undefined): string {
  if (!property) return '';
  const parts = [property.enum ? `one of ${property.enum.map(String).join(', ')}` : property.type ?? '', property.description ?? ''];
  return parts.filter(Boolean).join('; ');
}
