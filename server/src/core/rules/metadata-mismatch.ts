import { formatStampLike } from '../timestamps';
import type { Stamp } from '../model';
import { describeInstant } from './describe';
import type { Rule } from './rule';

const START_KEYS = /^(?:start_time|started_at|start|impact_start|began_at|date)$/i;
const END_KEYS = /^(?:end_time|ended_at|end|resolved_at|resolvedwhen|resolved_when)$/i;

function wallClock(stamp: Stamp): string | null {
  const { date } = stamp;
  const time = stamp.parts.time;
  if (!date || !time) return null;
  return `${date.year}-${date.month}-${date.day} ${time.hour}:${time.minute}`;
}

export const metadataMismatch: Rule = {
  id: 'PM014',
  name: 'metadata-mismatch',
  description: "The front matter's start or end disagrees with the body: the same clock time in another zone, or updates before the start.",
  defaultSeverity: 'warning',
  tags: ['front-matter', 'timeline'],
  fixable: true,
  check(doc, report) {
    const body = doc.stamps.filter((stamp) => !stamp.inFrontMatter && stamp.instant && stamp.zone && stamp.parts.time);
    for (const meta of doc.stamps) {
      if (!meta.frontMatterKey || !meta.instant || !meta.parts.time || !(START_KEYS.test(meta.frontMatterKey) || END_KEYS.test(meta.frontMatterKey))) continue;
      // The author copied a local clock time into a UTC field: "02:33 IST" in the body, `02:33:00Z` in front matter.
      const clock = wallClock(meta);
      const copied = body.find((stamp) => stamp.zoneSource === 'written' && wallClock(stamp) === clock && !stamp.instant!.equals(meta.instant!));
      if (copied) {
        const utc = copied.instant!.toUTC();
        const value = formatStampLike(meta.parts, { year: utc.year, month: utc.month, day: utc.day, hour: utc.hour, minute: utc.minute, second: utc.second }, meta.parts.zone?.text ?? '');
        report({
          span: meta.span,
          message: `Front matter ${meta.frontMatterKey} ${meta.parts.text} disagrees with the body: ${copied.parts.text} (line ${copied.line + 1}) is ${describeInstant(copied, true)}.`,
          fixes: [{ title: `Change ${meta.frontMatterKey} to ${value}`, edits: [{ ...meta.span, newText: value }] }],
        });
        continue;
      }
      if (!START_KEYS.test(meta.frontMatterKey)) continue;
      // A status update cannot come before the incident it reports on.
      const early = doc.timeline.find((entry) => entry.isUpdate && entry.stamp.instant && entry.stamp.instant.toMillis() < meta.instant!.toMillis() - 60_000);
      if (early) {
        report({
          span: early.stamp.span,
          message: `This update (${describeInstant(early.stamp, true)}) is before the incident start in the front matter, ${meta.frontMatterKey} ${meta.parts.text} (line ${meta.line + 1}).`,
        });
      }
    }
  },
};
