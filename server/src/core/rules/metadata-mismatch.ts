import { formatStampLike } from '../timestamps';
import type { Stamp } from '../model';
import { describeInstant } from './describe';
import type { Rule } from './rule';

const START_KEYS = /^(?:start_time|started_at|start|impact_start|began_at|date)$/i;
const END_KEYS = /^(?:end_time|ended_at|end|resolved_at|resolvedwhen|resolved_when)$/i;

/** The stamp's date and clock time to the minute as one number (null without them): equal for the same wall clock. */
function wallClock(stamp: Stamp): number | null {
  const { date } = stamp;
  const time = stamp.parts.time;
  if (!date || !time) return null;
  return (((date.year * 13 + date.month) * 32 + date.day) * 24 + time.hour) * 60 + time.minute;
}

export const metadataMismatch: Rule = {
  id: 'PM014',
  name: 'metadata-mismatch',
  description: "The front matter's start or end disagrees with the body: the same clock time in another zone, or updates before the start.",
  defaultSeverity: 'warning',
  tags: ['front-matter', 'timeline'],
  fixable: true,
  check(doc, report) {
    // Body stamps with a written zone by wall clock, and the instants the body states, built on first use. Only
    // stamps with a date and a time have a wall clock: a time alone cannot show a copied clock.
    let byClock: Map<number, Stamp[]> | undefined;
    const stated = new Set<number>();
    const writtenAt = (clock: number | null): Stamp[] => {
      if (!byClock) {
        byClock = new Map();
        for (const stamp of doc.stamps) {
          if (stamp.inFrontMatter || stamp.epoch === undefined || !stamp.zone || !stamp.parts.time) continue;
          stated.add(stamp.epoch);
          const key = wallClock(stamp);
          if (key === null || stamp.zoneSource !== 'written') continue;
          const list = byClock.get(key);
          if (list) list.push(stamp);
          else byClock.set(key, [stamp]);
        }
      }
      return clock === null ? [] : byClock.get(clock) ?? [];
    };
    for (const meta of doc.stamps) {
      if (!meta.inFrontMatter) break;
      if (!meta.frontMatterKey || meta.epoch === undefined || !meta.parts.time || !(START_KEYS.test(meta.frontMatterKey) || END_KEYS.test(meta.frontMatterKey))) continue;
      // The author copied a local clock time into a UTC field: "02:33 IST" in the body, `02:33:00Z` in front matter.
      const clock = wallClock(meta);
      // A value some body stamp states exactly agrees with the body, whatever other clocks match it; and after a fix
      // the copied stamp states it, so fix-all settles in one pass.
      const candidates = writtenAt(clock);
      const copied = stated.has(meta.epoch) ? undefined : candidates.find((stamp) => stamp.epoch !== meta.epoch);
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
      const early = doc.timeline.find((entry) => entry.isUpdate && entry.stamp.epoch !== undefined && entry.stamp.epoch < meta.epoch! - 60_000);
      if (early) {
        report({
          span: early.stamp.span,
          message: `This update (${describeInstant(early.stamp, true)}) is before the incident start in the front matter, ${meta.frontMatterKey} ${meta.parts.text} (line ${meta.line + 1}).`,
        });
      }
    }
  },
};
