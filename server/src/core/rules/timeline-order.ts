import type { TimelineEntry } from '../model';
import type { FixDraft, Rule } from './rule';
import { describeInstant } from './describe';
import type { Postmortem } from '../model';

function blockText(doc: Postmortem, entry: TimelineEntry): { start: number; end: number; text: string } {
  const start = doc.index.lineStarts[entry.block.start];
  const end = entry.block.end < doc.index.lineCount ? doc.index.lineStarts[entry.block.end] : doc.text.length;
  return { start, end, text: doc.text.slice(start, end) };
}

/** A block to insert elsewhere: it must end with a line break even when it was the document's last line. */
function asLines(doc: Postmortem, text: string): string {
  return /\r?\n$/.test(text) ? text : text + (doc.text.includes('\r\n') ? '\r\n' : '\n');
}

/** Writes the entries' blocks back in the order given, each into the slot of the block it replaces. */
function reorder(doc: Postmortem, slots: TimelineEntry[], order: TimelineEntry[], title: string): FixDraft {
  const trimmed = (text: string) => text.replace(/(?:\r?\n)+$/, '');
  return {
    title,
    edits: slots.map((slot, i) => {
      const target = blockText(doc, slot);
      const source = blockText(doc, order[i]);
      const tail = target.text.slice(trimmed(target.text).length);
      return { start: target.start, end: target.end, newText: trimmed(source.text) + tail };
    }).filter((edit) => doc.text.slice(edit.start, edit.end) !== edit.newText),
  };
}

export const timelineOrder: Rule = {
  id: 'PM011',
  name: 'timeline-order',
  description: 'A timeline entry is earlier than the one before it, or the whole list runs the other way than the template says.',
  defaultSeverity: 'warning',
  tags: ['timeline'],
  fixable: true,
  check(doc, report) {
    const descending = doc.template.timeline.order === 'descending';
    const entries = doc.timeline.filter((entry) => entry.stamp.instant);
    if (entries.length < 2) return;
    const time = (entry: TimelineEntry) => entry.stamp.instant!.toMillis();
    let ups = 0;
    let downs = 0;
    for (let i = 1; i < entries.length; i++) {
      if (time(entries[i]) > time(entries[i - 1])) ups++;
      else if (time(entries[i]) < time(entries[i - 1])) downs++;
    }
    const sorted = [...entries].sort((a, b) => (descending ? time(b) - time(a) : time(a) - time(b)) || a.line - b.line);
    const wholeListWrong = descending ? downs === 0 && ups >= 2 : ups === 0 && downs >= 2;
    if (wholeListWrong) {
      const first = entries[0];
      report({
        span: first.stamp.span,
        message: `The timeline is in ${descending ? 'chronological' : 'reverse chronological'} order (${descending ? 'oldest' : 'newest'} first), `
          + `but the template asks for ${descending ? 'newest' : 'oldest'} first: ${entries.length} entries, lines ${first.line + 1}–${entries[entries.length - 1].line + 1}.`,
        fixes: [reorder(doc, entries, [...entries].reverse(), `Reverse the timeline (${descending ? 'newest' : 'oldest'} first)`)],
      });
      return;
    }
    // Each entry that breaks the order relative to the furthest entry above it.
    let furthest = entries[0];
    let sortOffered = false;
    for (const entry of entries.slice(1)) {
      const outOfOrder = descending ? time(entry) > time(furthest) : time(entry) < time(furthest);
      if (!outOfOrder) {
        furthest = entry;
        continue;
      }
      const withDate = !entry.stamp.instant!.hasSame(furthest.stamp.instant!, 'day');
      const target = sorted.indexOf(entry);
      const after = entries.find((other) => other !== entry && sorted.indexOf(other) > target);
      const moved = blockText(doc, entry);
      const fixes: FixDraft[] = [];
      if (after && !entry.trailer) {
        const destination = doc.index.lineStarts[after.block.start];
        fixes.push({
          title: `Move the entry above line ${after.line + 1}`,
          edits: [{ start: destination, end: destination, newText: asLines(doc, moved.text) }, { start: moved.start, end: moved.end, newText: '' }],
        });
      }
      // Sorting rewrites the whole list: offered once, on the first entry out of place.
      if (!sortOffered) fixes.push(reorder(doc, entries, sorted, 'Sort the timeline'));
      sortOffered = true;
      report({
        span: entry.stamp.span,
        message: `${entry.stamp.parts.text} (${describeInstant(entry.stamp, withDate)}) is ${descending ? 'later' : 'earlier'} than ${furthest.stamp.parts.text} on line ${furthest.line + 1} above it.`,
        fixes,
      });
    }
  },
};
