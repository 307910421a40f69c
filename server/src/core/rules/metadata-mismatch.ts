import { formatStampLike } from '../timestamps';
import type { Postmortem, Stamp } from '../model';
import { describeInstant } from './describe';
import { replacing, type Rule, type RuleContext } from './rule';
import { convertsWithDate } from './timestamp-not-utc';

const START_KEYS = /^(?:start_time|started_at|start|impact_start|began_at|date)$/i;
const END_KEYS = /^(?:end_time|ended_at|end|resolved_at|resolvedwhen|resolved_when)$/i;

/** The stamp's date and clock time to the minute as one number (null without them): equal for the same wall clock. */
function wallClock(stamp: Stamp): number | null {
  const { date } = stamp;
  const time = stamp.parts.time;
  if (!date || !time) return null;
  return (((date.year * 13 + date.month) * 32 + date.day) * 24 + time.hour) * 60 + time.minute;
}

type MetaStamp = Stamp & { frontMatterKey: string; epoch: number };

/** A front matter start or end with an instant and a clock time: what the body is compared with. */
function isStartOrEnd(stamp: Stamp): stamp is MetaStamp {
  return !!stamp.frontMatterKey && stamp.epoch !== undefined && !!stamp.parts.time && (START_KEYS.test(stamp.frontMatterKey) || END_KEYS.test(stamp.frontMatterKey));
}

/**
 * Whether a stamp of the body would read another date once `meta` is rewritten with one: the first that takes its date
 * from `meta` does, unless its own conversion writes it a date in the same pass. The stamps after it read its date
 * then (as written, or rolled over from it), and its conversion checks that they keep their day.
 */
function redatesBody(doc: Postmortem, context: RuleContext, meta: Stamp): boolean {
  const reader = doc.stamps.find((stamp) => !stamp.inFrontMatter && stamp.dateLine === meta.line);
  return reader !== undefined && !convertsWithDate(doc, context, reader);
}

export const metadataMismatch: Rule = {
  id: 'PM014',
  name: 'metadata-mismatch',
  description: "The front matter's start or end disagrees with the body: the same clock time in another zone, or updates before the start.",
  defaultSeverity: 'warning',
  tags: ['front-matter', 'timeline'],
  fixable: true,
  check(doc, report, context) {
    // Front matter stamps come first in doc.stamps.
    const metas: MetaStamp[] = [];
    for (const stamp of doc.stamps) {
      if (!stamp.inFrontMatter) break;
      if (isStartOrEnd(stamp)) metas.push(stamp);
    }
    if (!metas.length) return;
    // In one pass over the body: which of their instants a body stamp states, and the body stamps with a written zone
    // at each of their wall clocks. Only stamps with a date and a time have a wall clock: a time alone cannot show a
    // copied clock.
    const epochs = new Set<number>();
    const stated = new Set<number>();
    const byClock = new Map<number, Stamp[]>();
    // Most body stamps lie outside the span of these instants and clocks: ruled out there before a lookup hashes them.
    let earliest = Infinity;
    let latest = -Infinity;
    let firstClock = Infinity;
    let lastClock = -Infinity;
    for (const meta of metas) {
      epochs.add(meta.epoch);
      earliest = Math.min(earliest, meta.epoch);
      latest = Math.max(latest, meta.epoch);
      const clock = wallClock(meta);
      if (clock === null) continue;
      byClock.set(clock, []);
      firstClock = Math.min(firstClock, clock);
      lastClock = Math.max(lastClock, clock);
    }
    const stamps = doc.stamps;
    for (let i = 0; i < stamps.length; i++) {
      const stamp = stamps[i];
      if (stamp.inFrontMatter || stamp.epoch === undefined || !stamp.zone || !stamp.parts.time) continue;
      if (stamp.epoch >= earliest && stamp.epoch <= latest && epochs.has(stamp.epoch)) stated.add(stamp.epoch);
      if (stamp.zoneSource !== 'written') continue;
      const clock = wallClock(stamp);
      if (clock !== null && clock >= firstClock && clock <= lastClock) byClock.get(clock)?.push(stamp);
    }
    for (const meta of metas) {
      // The author copied a local clock time into a UTC field: "02:33 IST" in the body, `02:33:00Z` in front matter.
      const clock = wallClock(meta);
      // A value some body stamp states exactly agrees with the body, whatever other clocks match it; and after a fix
      // the copied stamp states it, so fix-all settles in one pass.
      const candidates = clock === null ? [] : byClock.get(clock)!;
      const copied = stated.has(meta.epoch) ? undefined : candidates.find((stamp) => stamp.epoch !== meta.epoch);
      if (copied) {
        const utc = copied.instant!.toUTC();
        const value = formatStampLike(meta.parts, { year: utc.year, month: utc.month, day: utc.day, hour: utc.hour, minute: utc.minute, second: utc.second }, meta.parts.zone?.text ?? '');
        // Times in the body that read their date from this field would read the new one: the user decides.
        const movesDates = !!meta.date && (meta.date.year !== utc.year || meta.date.month !== utc.month || meta.date.day !== utc.day) && redatesBody(doc, context, meta);
        report({
          span: meta.span,
          message: `Front matter ${meta.frontMatterKey} ${meta.parts.text} disagrees with the body: ${copied.parts.text} (line ${copied.line + 1}) is ${describeInstant(copied, true)}.`,
          fixes: [{ title: `Change ${meta.frontMatterKey} to ${value}`, edits: [replacing(meta.span, value)], isPreferred: !movesDates }],
        });
        continue;
      }
      if (!START_KEYS.test(meta.frontMatterKey)) continue;
      // A status update cannot come before the incident it reports on.
      const early = doc.timeline.find((entry) => entry.isUpdate && entry.stamp.epoch !== undefined && entry.stamp.epoch < meta.epoch - 60_000);
      if (early) {
        report({
          span: early.stamp.span,
          message: `This update (${describeInstant(early.stamp, true)}) is before the incident start in the front matter, ${meta.frontMatterKey} ${meta.parts.text} (line ${meta.line + 1}).`,
        });
      }
    }
  },
};
