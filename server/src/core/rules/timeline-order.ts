import type { CalendarDate, Postmortem, Stamp, TimelineEntry } from '../model';
import type { Span } from '../types';
import { clockMinutes, leavesDay, sameDay, wrapsPastMidnight } from './days';
import { describeInstant, sameUtcDay } from './describe';
import { lineBreak } from './line-break';
import { remembered, type FixDraft, type Report, type Rule, type RuleContext } from './rule';
import { mayRewriteInUtc, rewritesDeclaredIn } from './timestamp-not-utc';

/**
 * The entry's lines, with the line break after them. A table row is one line: the text after a table's last row
 * ("Duration: 4h") does not belong to that row, and moving it with the row would move it out of its place.
 */
function blockSpan(doc: Postmortem, entry: TimelineEntry): Span {
  const { start, end } = blockLines(doc, entry);
  return { start: doc.index.lineStarts[start], end: end < doc.index.lineCount ? doc.index.lineStarts[end] : doc.text.length };
}

/** The lines [start, end) of the entry's block, as blockSpan covers them. */
function blockLines(doc: Postmortem, entry: TimelineEntry): { start: number; end: number } {
  const end = !entry.trailer && doc.structure.cells.has(entry.line) ? entry.line + 1 : entry.block.end;
  return { start: entry.block.start, end };
}

/** How many of the entry's lines reorder writes into a slot: those before the block's trailing line breaks. */
function carriedLines(doc: Postmortem, entry: TimelineEntry): number {
  const span = blockSpan(doc, entry);
  const end = contentEnd(doc.text, span);
  return end > span.start ? doc.index.lineAt(end - 1) - entry.block.start + 1 : 0;
}

/** Where the block's trailing line breaks begin (a loop: a regex anchored at the end rescans every block from its start). */
function contentEnd(text: string, block: Span): number {
  let end = block.end;
  // Line breaks are \n, \r\n or a lone \r, as LineIndex counts them.
  while (end > block.start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

/**
 * A block to insert elsewhere: it must end with a line break even when it was the document's last line. Only then is
 * the document's line break looked for: that search reads the whole text.
 */
function asLines(doc: Postmortem, block: Span): string {
  const lines = doc.text.slice(block.start, block.end);
  const last = lines.length > 0 ? lines.charCodeAt(lines.length - 1) : -1;
  return last === 10 || last === 13 ? lines : lines + lineBreak(doc.text);
}

/**
 * The kind of slot each entry stands in: 1 for a table row, 0 for other lines. A reorder writes each entry into a slot
 * of its own kind: a row written above its table's header, or a list item written between rows, would break the
 * table. Undefined when the entries are all of one kind.
 */
function slotKinds(doc: Postmortem, entries: TimelineEntry[]): Uint8Array | undefined {
  const { rows } = doc.structure;
  const kinds = new Uint8Array(entries.length);
  for (let i = 0; i < entries.length; i++) kinds[i] = !entries[i].trailer && rows[entries[i].line] ? 1 : 0;
  for (let i = 1; i < kinds.length; i++) if (kinds[i] !== kinds[0]) return kinds;
  return undefined;
}

/**
 * Whether writing the entries in `target` order (indices into `entries`) would put an entry into a slot of another
 * kind: a reorder keeping the kinds' slots then sorts each kind only, the list stays out of order, and fix-all leaves it.
 */
function crossesKinds(target: ArrayLike<number>, kinds: Uint8Array | undefined): boolean {
  if (!kinds) return false;
  for (let i = 0; i < target.length; i++) if (kinds[target[i]] !== kinds[i]) return true;
  return false;
}

/**
 * The entries as a reorder writes them back, slot by slot: `target` (indices into `entries`, the order they should
 * stand in), each entry into the next slot of its own kind; the entries of each kind stand in the order of `target`.
 */
function inSlotsOfTheirKind(entries: TimelineEntry[], target: ArrayLike<number>, kinds: Uint8Array | undefined): TimelineEntry[] {
  // A copy of `entries` overwritten slot by slot: allocated once at their length and elements kind (pushed, an array
  // grows by copies; mapped, its elements kind changes once this code is optimised, see findOutOfOrder).
  const written = entries.slice();
  if (!kinds) {
    for (let i = 0; i < target.length; i++) written[i] = entries[target[i]];
    return written;
  }
  // Each kind's slots in document order, those of kind 0 then those of kind 1, and the next one of each kind to fill.
  let slotsOfKind0 = 0;
  for (let i = 0; i < kinds.length; i++) if (kinds[i] === 0) slotsOfKind0++;
  const slots = new Int32Array(kinds.length);
  const listed = [0, slotsOfKind0];
  for (let i = 0; i < kinds.length; i++) slots[listed[kinds[i]]++] = i;
  const next = [0, slotsOfKind0];
  for (let i = 0; i < target.length; i++) written[slots[next[kinds[target[i]]]++]] = entries[target[i]];
  return written;
}

/**
 * Whether fix-all may carry other fixes' edits along with the blocks that writing the entries in `order` takes away
 * (Fix.moves), where `movableOrders` allows that order, `moving` are the entries put into another slot and `carried`
 * those whose blocks the fix names as moves: when every entry writes its date, or when the stamps, dated from context,
 * read their days in the new order whether or not each is converted to UTC. An edit written for a stamp's old place (a
 * conversion to "01:00UTC", rolling over from "11PM" above its new place) could otherwise read another day. A stamp
 * of a carried block counts as converted only where a preferred fix may convert it (not "2:00 PM PDT", whose conversion
 * waits, above "Duration: 00:00"); one of another moving entry always does: its lines may stand where another
 * block's edits are applied in place (a slot left as it reads).
 */
function carriesEdits(doc: Postmortem, context: RuleContext, entries: TimelineEntry[], order: TimelineEntry[], moving: ReadonlySet<TimelineEntry>, carried: ReadonlySet<TimelineEntry>): boolean {
  return entries.every((entry) => entry.stamp.dateSource === 'written')
    || !readsOtherDay(doc, entries, order, (entry, stamp) => moving.has(entry) && (!carried.has(entry) || mayRewriteInUtc(doc, context, stamp)));
}

/** The entries that writing them back in `order` puts into another slot. */
function reordered(entries: TimelineEntry[], order: TimelineEntry[]): Set<TimelineEntry> {
  const moving = new Set<TimelineEntry>();
  for (let i = 0; i < entries.length; i++) if (order[i] !== entries[i]) moving.add(order[i]);
  return moving;
}

/**
 * Writes the entries' blocks back in the order given, each into the slot of the block it replaces; it names the
 * blocks it takes away when `carries` allows, given the entries of those blocks (false when the order is not movable:
 * they are not looked for).
 */
function reorder(doc: Postmortem, slots: TimelineEntry[], order: TimelineEntry[], title: string, carries: false | ((carried: ReadonlySet<TimelineEntry>) => boolean)): FixDraft {
  const text = doc.text;
  const edits: FixDraft['edits'] = [];
  // The lines written into each slot that changes, by slot, in slot order: most entries of a long list keep their slot.
  const written = new Map<number, string>();
  for (let i = 0; i < slots.length; i++) {
    if (order[i] === slots[i]) continue;
    const target = blockSpan(doc, slots[i]);
    const lines = rewrittenLines(doc, slots[i], order[i], target);
    if (lines === undefined) continue;
    written.set(i, lines);
    // The source's lines, and the target's line breaks after them.
    edits.push({ start: target.start, end: target.end, newText: lines + text.slice(contentEnd(text, target), target.end) });
  }
  if (!carries) return { title, edits };
  // A block moves when the fix rewrites the slot it stands in; a copy of lines left in place (into a slot that read
  // as those lines) is no move. The entries of the slots rewritten, not a map of every slot by its entry.
  const rewritten = new Set<TimelineEntry>();
  // forEach, not for-of: an entry of a Map's iterator is an array allocated per slot.
  written.forEach((_, i) => rewritten.add(slots[i]));
  const moves: NonNullable<FixDraft['moves']> = [];
  const carried = new Set<TimelineEntry>();
  let edit = 0;
  written.forEach((lines, i) => {
    if (rewritten.has(order[i])) {
      const start = doc.index.lineStarts[order[i].block.start];
      moves.push({ edit, from: { start, end: start + lines.length } });
      carried.add(order[i]);
    }
    edit++;
  });
  return carries(carried) ? { title, edits, moves } : { title, edits };
}

/**
 * The lines of `source` that reorder writes into the slot of `slot` (whose `blockSpan` is `target`, when known);
 * undefined when they change nothing: the entry goes back into its own slot, or its lines read as those it replaces.
 */
function rewrittenLines(doc: Postmortem, slot: TimelineEntry, source: TimelineEntry, target?: Span): string | undefined {
  if (source === slot) return undefined;
  const text = doc.text;
  const from = blockSpan(doc, source);
  const lines = text.slice(from.start, contentEnd(text, from));
  const into = target ?? blockSpan(doc, slot);
  return lines.length === contentEnd(text, into) - into.start && text.startsWith(lines, into.start) ? undefined : lines;
}

/**
 * Follows the document a fix writes as runs of the current lines [start, end), in their new order from line `from`:
 * false for a run that lands where the controls above it leave other rules on than where it stands now (moved from
 * under "disable-next-line", an entry would have its findings turned back on, and the entry moved there would have
 * them turned off). Controls within a run move with it, so the toggles before each run stay as they are by induction.
 */
function controlSeams(doc: Postmortem, from: number): (start: number, end: number) => boolean {
  let last = from;
  return (start, end) => {
    if (start === end) return true;
    const kept = start === last || doc.inline.keepsStateAt(start, last);
    last = end;
    return kept;
  };
}

/** Whether reorder, writing the entries back in `order`, leaves every rule on where it is now. */
function keepsControlState(doc: Postmortem, slots: TimelineEntry[], order: TimelineEntry[]): boolean {
  if (!doc.inline.hasControls) return true;
  let gap = slots[0].block.start;
  const follow = controlSeams(doc, gap);
  for (let i = 0; i < slots.length; i++) {
    const slot = blockLines(doc, slots[i]);
    if (!follow(gap, slot.start)) return false;
    if (rewrittenLines(doc, slots[i], order[i]) === undefined) {
      if (!follow(slot.start, slot.end)) return false;
    } else {
      // The source's lines, then the slot's trailing line breaks.
      const start = order[i].block.start;
      if (!follow(start, start + carriedLines(doc, order[i])) || !follow(slot.start + carriedLines(doc, slots[i]), slot.end)) return false;
    }
    gap = slot.end;
  }
  return follow(gap, doc.index.lineCount);
}

/**
 * Whether the moves, each inserting an entry's block above `after` (those inserted at one place in the order of the
 * moves) and taking it out where it stands, leave every rule on where it is now. The moves are in document order;
 * only those whose findings are reported count (the others are never applied).
 */
function movesKeepControlState(doc: Postmortem, context: RuleContext, entries: TimelineEntry[], moves: { index: number; after: TimelineEntry | undefined }[]): boolean {
  if (!doc.inline.hasControls) return true;
  const blocks = moves
    .filter(({ index }) => context.reports(NAME, entries[index].stamp.line))
    .map(({ index, after }, order) => ({ order, lines: blockLines(doc, entries[index]), destination: after!.block.start }));
  if (blocks.length === 0) return true;
  const inserted = [...blocks].sort((a, b) => a.destination - b.destination || a.order - b.order);
  // Every block goes up: the first destination is the first line the moves change.
  let line = inserted[0].destination;
  const follow = controlSeams(doc, line);
  let insertions = 0;
  let removals = 0;
  while (insertions < inserted.length || removals < blocks.length) {
    const insertAt = insertions < inserted.length ? inserted[insertions].destination : Infinity;
    const removeAt = removals < blocks.length ? blocks[removals].lines.start : Infinity;
    if (!follow(line, Math.min(insertAt, removeAt))) return false;
    if (insertAt < removeAt) {
      line = insertAt;
      const { lines } = inserted[insertions++];
      if (!follow(lines.start, lines.end)) return false;
    } else {
      line = blocks[removals++].lines.end;
    }
  }
  return follow(line, doc.index.lineCount);
}

/**
 * The orders the entries may be written back in. Moving entries keeps their instants only if no entry's date depends
 * on what stands above it: every date written, or every entry dated from one line outside the list (a front matter
 * date, the summary), and no stamp reading another day in the new order (rolling over past midnight, or reading a date
 * a moved block writes). A time whose date comes from the entry above would change day when moved, and fix-all would
 * move it back. All but the last check hold or fail whatever the order: they are made once for the orders asked about.
 * Undefined when they fail: no order is movable, and the orders need not be written out to be asked about.
 */
function movableOrders(doc: Postmortem, entries: TimelineEntry[]): ((order: TimelineEntry[]) => boolean) | undefined {
  const allWritten = entries.every((entry) => entry.stamp.dateSource === 'written');
  // The dates' sources first: they stop at the first entry that fails, the other checks read every entry.
  if (!allWritten && !datedFromOneLineOutside(entries)) return undefined;
  if (entries.some((entry) => leavesCodeOpen(doc, entry)) || zoneDeclaredAmong(doc, entries) || datedFromAnotherEntry(doc, entries)) return undefined;
  return allWritten ? () => true : (order) => !readsOtherDay(doc, entries, order);
}

/** Whether every entry is dated from context, from one line outside the entries' lines (a front matter date, the summary). */
function datedFromOneLineOutside(entries: TimelineEntry[]): boolean {
  const dateLine = entries[0].stamp.dateLine;
  return entries.every((entry) => entry.stamp.dateSource === 'context' && entry.stamp.dateLine === dateLine)
    && (dateLine === undefined || dateLine < entries[0].line || dateLine > entries[entries.length - 1].line);
}

/** The stamp's time of day in UTC, in minutes. */
function utcMinutes(stamp: Stamp): number | undefined {
  return stamp.epoch === undefined || !stamp.parts.time ? undefined : ((Math.floor(stamp.epoch / 60_000) % 1440) + 1440) % 1440;
}

/** Whether the stamp's instant falls on its own date in UTC too: converted, it then writes no date. */
function keepsDayInUtc(stamp: Stamp): boolean {
  if (stamp.epoch === undefined || !stamp.date) return true;
  const utc = new Date(stamp.epoch);
  return utc.getUTCFullYear() === stamp.date.year && utc.getUTCMonth() + 1 === stamp.date.month && utc.getUTCDate() === stamp.date.day;
}

/**
 * Whether a stamp of the entries, written back in `order`, or a stamp after them, would read another day than it
 * reads now: a time rolling over past midnight from the stamp that then stands before it, or a stamp reading the date
 * that a block moved above it writes ("11:34 to 6/3/2020 3am" above "23:59"). The entries are dated from context,
 * none rolling over where it stands. With `converts`, a stamp of an entry it holds for may also be converted to UTC
 * (fix-all carries a conversion along with its block): it then must not change day in UTC, and no time may roll over
 * from the time before it, as written or as converted.
 */
function readsOtherDay(doc: Postmortem, entries: TimelineEntry[], order: TimelineEntry[], converts?: (entry: TimelineEntry, stamp: Stamp) => boolean): boolean {
  const converted = converts !== undefined;
  const first = entries[0].block.start;
  const last = entries[entries.length - 1].block.end;
  const inBlocks = new Map<TimelineEntry, Stamp[]>();
  let previous: number | undefined;
  let previousInUtc: number | undefined;
  let after: Stamp | undefined;
  const entryAt = new Map<number, TimelineEntry>();
  for (const entry of entries) for (let line = entry.block.start; line < entry.block.end; line++) entryAt.set(line, entry);
  for (const stamp of doc.stamps) {
    // Parse carries the day and the clock past an invalid stamp that writes a date ("Monday, 2023-01-04").
    if (stamp.inFrontMatter || leavesDay(stamp)) continue;
    const entry = entryAt.get(stamp.line);
    if (entry) {
      if (converts?.(entry, stamp) && !keepsDayInUtc(stamp)) return true;
      const stamps = inBlocks.get(entry);
      if (stamps) stamps.push(stamp);
      else inBlocks.set(entry, [stamp]);
    } else if (stamp.line < first) {
      previous = previousInUtc = clockMinutes(stamp);
    } else if (stamp.line >= last) {
      after = stamp;
      break;
    }
  }
  if (after?.dateSource === 'rollover') return true;
  const rolls = (stamp: Stamp, carried: boolean) => {
    const minutes = clockMinutes(stamp);
    const inUtc = carried ? utcMinutes(stamp) : minutes;
    const rolled = !stamp.parts.date && (wrapsPastMidnight(previous, minutes)
      || (converted && (wrapsPastMidnight(previousInUtc, minutes) || wrapsPastMidnight(previous, inUtc) || wrapsPastMidnight(previousInUtc, inUtc))));
    if (stamp.parts.date || minutes !== undefined) {
      previous = minutes;
      previousInUtc = inUtc;
    }
    return rolled;
  };
  if (order.some((entry) => (inBlocks.get(entry) ?? []).some((stamp) => rolls(stamp, !!converts?.(entry, stamp)))) || (!!after && rolls(after, false))) return true;
  // The first entry reads the date carried to the list: were it a date of its own, the next would read that.
  const day = entries[0].stamp.date!;
  const before = dateCarriedPast(day, entries, inBlocks);
  const moved = dateCarriedPast(day, order, inBlocks);
  return !before || !moved || !sameDay(before, moved);
}

/**
 * The date parse carries past the entries' blocks written in `order`, from `day`, the date carried to them (a date a
 * block writes becomes the one later times read); undefined if a stamp of the blocks would read another date than it
 * reads now. Stamps after the blocks read what they read now when this is the same for the order as it stands.
 */
function dateCarriedPast(day: CalendarDate, order: TimelineEntry[], inBlocks: Map<TimelineEntry, Stamp[]>): CalendarDate | undefined {
  let carried = day;
  for (const entry of order) {
    for (const stamp of inBlocks.get(entry) ?? []) {
      if (stamp.invalid || !stamp.date) continue;
      if (stamp.parts.date) {
        // A date written without its year reads the year carried to it.
        if (stamp.parts.date.year === undefined && stamp.date.year !== carried.year) return undefined;
        carried = stamp.date;
      } else if (stamp.dateSource === 'rollover' && stamp.range?.role === 'to') {
        // The end of a range rolls over from its start, which moves with it.
        carried = stamp.date;
      } else if (!sameDay(stamp.date, carried)) {
        return undefined;
      }
    }
  }
  return carried;
}

/**
 * Whether the entry's lines end inside a code fence they open ("- 10:00 UTC x" then "~~~"): moved, they would make
 * the entries after their new place code, read as no entries at all.
 */
function leavesCodeOpen(doc: Postmortem, entry: TimelineEntry): boolean {
  const { skipped, unclosedFence } = doc.structure;
  const last = entry.block.end - 1;
  return skipped[last] === 1 && (entry.block.end < doc.index.lineCount ? skipped[entry.block.end] === 1 : unclosedFence);
}

/**
 * Whether an entry reads its zone from a declaration, or from none, and the zone declared changes among the entries'
 * lines ("All times in PST" between two of them): moved, the entry would read another zone.
 */
function zoneDeclaredAmong(doc: Postmortem, entries: TimelineEntry[]): boolean {
  if (entries.every((entry) => entry.stamp.zoneSource === 'written' || entry.stamp.zoneSource === 'range')) return false;
  const first = entries[0].block.start;
  const last = entries[entries.length - 1].block.end;
  const inside = (line: number) => line > first && line < last;
  return doc.declarations.some((declaration) => inside(declaration.scope.start) || inside(declaration.scope.end));
}

/**
 * Whether a stamp takes its date from an entry it does not move with ("start 0:00" above a list, dated from its
 * first entry, or "Duration: 01:00 UTC" below the table rolling over from its last row): after a move it would read
 * another entry's date.
 */
function datedFromAnotherEntry(doc: Postmortem, entries: TimelineEntry[]): boolean {
  const entryAt = new Map<number, TimelineEntry>();
  for (const entry of entries) for (let line = entry.block.start; line < entry.block.end; line++) entryAt.set(line, entry);
  return doc.stamps.some((stamp) => (stamp.dateSource === 'context' || stamp.dateSource === 'rollover') && stamp.dateLine !== undefined
    && entryAt.has(stamp.dateLine) && entryAt.get(stamp.dateLine) !== entryAt.get(stamp.line));
}

/**
 * Whether rewriting the entries' lines (`spans`) would clash with a preferred fix of timestamp-not-utc that rewrites a
 * declaration and its stamps: conversions may count on that one in the same pass, so the entries move a pass later.
 * Fix-all carries those rewrites along with the blocks the fix moves (`moved`, Fix.moves) when the document has no
 * other declaration: the only one speaks for all of it wherever it stands (parse), so moved, it covers the same stamps.
 */
function clashesWithDeclaration(doc: Postmortem, context: RuleContext, spans: Span[], moved: Span[] | undefined): boolean {
  const carried = moved && doc.declarations.length === 1 ? [...moved].sort((a, b) => a.start - b.start) : undefined;
  return spans.some((span) => rewritesDeclaredIn(doc, context, span, carried));
}

const NAME = 'timeline-order';

const reportsByContext = new WeakMap<RuleContext, Report[]>();

/** The findings of this rule: found once per lint run (timestamp-not-utc asks what its preferred fixes rewrite). */
function findings(doc: Postmortem, context: RuleContext): Report[] {
  return remembered(reportsByContext, context, () => {
    const reports: Report[] = [];
    findOutOfOrder(doc, context, reports);
    return reports;
  });
}

/**
 * For each preferred fix of this rule's findings, the spans of text it rewrites (the block that moves, the slots the
 * sort or the reverse writes), and the spans among them it moves along with the edits inside (Fix.moves). No two
 * rewritten spans overlap, nor two moved ones.
 */
export function timelineRewrites(doc: Postmortem, context: RuleContext): { rewritten: Span[]; carried: Span[] }[] {
  const rewrites: { rewritten: Span[]; carried: Span[] }[] = [];
  for (const report of findings(doc, context)) {
    const fix = report.fixes?.find((candidate) => candidate.isPreferred !== false);
    if (!fix || !context.reports(NAME, doc.index.lineAt(report.span.start))) continue;
    rewrites.push({
      rewritten: fix.edits.filter((edit) => edit.end > edit.start).map(({ start, end }) => ({ start, end })),
      carried: fix.moves?.map(({ from }) => from) ?? [],
    });
  }
  return rewrites;
}

/** Adds to `reports` the entries out of order, or the whole list when it runs the other way, with their fixes. */
function findOutOfOrder(doc: Postmortem, context: RuleContext, reports: Report[]): void {
  const descending = doc.template.timeline.order === 'descending';
  // The entries with an instant, and their instants, in one pass: the timeline itself when they all have one (nothing
  // here changes the list), else a copy of it cut to their number (filtered, the list grew by copies). `times`,
  // `order` and the sorted entries are not mapped: the elements kind of map's result changes once this code is
  // optimised, which deoptimises it.
  const timeline = doc.timeline;
  const times = new Float64Array(timeline.length);
  let entries = timeline;
  let timed = 0;
  for (let i = 0; i < timeline.length; i++) {
    const epoch = timeline[i].stamp.epoch;
    if (epoch === undefined) {
      if (entries === timeline) entries = timeline.slice();
      continue;
    }
    if (entries !== timeline) entries[timed] = timeline[i];
    times[timed++] = epoch;
  }
  if (entries !== timeline) entries.length = timed;
  if (timed < 2) return;
  let ups = 0;
  let downs = 0;
  for (let i = 1; i < entries.length; i++) {
    if (times[i] > times[i - 1]) ups++;
    else if (times[i] < times[i - 1]) downs++;
  }
  const wholeListWrong = descending ? downs === 0 && ups >= 2 : ups === 0 && downs >= 2;
  const kinds = slotKinds(doc, entries);
  if (wholeListWrong) {
    const first = entries[0];
    const backwards = new Int32Array(entries.length);
    for (let i = 0; i < entries.length; i++) backwards[i] = entries.length - 1 - i;
    const reversed = inSlotsOfTheirKind(entries, backwards, kinds);
    const movesInOrder = movableOrders(doc, entries)?.(reversed) ?? false;
    const reverse = reorder(doc, entries, reversed, `Reverse the timeline (${descending ? 'newest' : 'oldest'} first)`,
      movesInOrder && ((carried) => carriesEdits(doc, context, entries, reversed, reordered(entries, reversed), carried)));
    reports.push({
      span: first.stamp.span,
      message: `The timeline is in ${descending ? 'chronological' : 'reverse chronological'} order (${descending ? 'oldest' : 'newest'} first), `
        + `but the template asks for ${descending ? 'newest' : 'oldest'} first: ${entries.length} entries, lines ${first.line + 1}–${entries[entries.length - 1].line + 1}.`,
      fixes: [{
        ...reverse,
        isPreferred: !crossesKinds(backwards, kinds) && movesInOrder && !clashesWithDeclaration(doc, context, reverse.edits, reverse.moves?.map(({ from }) => from)) && keepsControlState(doc, entries, reversed),
      }],
    });
    return;
  }
  // Never a step the wrong way: no entry is out of order.
  if (descending ? ups === 0 : downs === 0) return;
  // Each entry that breaks the order relative to the furthest entry above it, and the entry it moves above (found
  // below, once the order is known). The entries that keep it stand in the order the template asks for already.
  const moves: { index: number; furthest: number; after: TimelineEntry | undefined }[] = [];
  let furthest = 0;
  for (let i = 1; i < entries.length; i++) {
    if (descending ? times[i] > times[furthest] : times[i] < times[furthest]) moves.push({ index: i, furthest, after: undefined });
    else furthest = i;
  }
  // The entries' positions in the order the template asks for (by instant, then line): only the entries out of order
  // are sorted, then merged into the others, a pass over the list where a sort of all of it compared each entry.
  const inOrder = (a: number, b: number) => (descending ? times[b] - times[a] : times[a] - times[b]) || entries[a].line - entries[b].line;
  const late: number[] = [];
  for (const move of moves) late.push(move.index);
  late.sort(inOrder);
  const order = new Int32Array(entries.length);
  let placed = 0;
  let next = 0;
  let m = 0;
  for (let i = 0; i < entries.length; i++) {
    if (m < moves.length && moves[m].index === i) {
      m++;
      continue;
    }
    while (next < late.length && inOrder(late[next], i) < 0) order[placed++] = late[next++];
    order[placed++] = i;
  }
  while (next < late.length) order[placed++] = late[next++];
  const sorted = inSlotsOfTheirKind(entries, order, kinds);
  const movableInto = movableOrders(doc, entries);
  const stable = !!movableInto && movableInto(sorted);
  // The moves, applied together, write the entries in the order of time (each moves above an entry of its kind):
  // written out only when some order is movable, the one use of it.
  const crosses = crossesKinds(order, kinds);
  const byTime = crosses && movableInto ? inSlotsOfTheirKind(entries, order, undefined) : sorted;
  const movesStable = crosses ? !!movableInto && movableInto(byTime) : stable;
  // Where each entry goes in the order, and the largest of those up to each entry in document order: the first entry
  // that sorts after a given one is then a binary search, not a scan of the list.
  const rank = new Int32Array(entries.length);
  for (let i = 0; i < order.length; i++) rank[order[i]] = i;
  const prefixMax = new Int32Array(entries.length);
  for (let i = 0; i < entries.length; i++) prefixMax[i] = Math.max(rank[i], i > 0 ? prefixMax[i - 1] : -1);
  const firstSortedAfter = (target: number): number => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefixMax[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // An entry out of order moves above the first that sorts after it, which is never one that moves; above none when
  // that one stands in a slot of another kind.
  for (const move of moves) {
    const after = firstSortedAfter(rank[move.index]);
    if (after < entries.length && (!kinds || kinds[after] === kinds[move.index])) move.after = entries[after];
  }
  // The moves sort the list in one fix-all pass only if every entry out of place can move, and entries moving above
  // the same entry stand in sorted order (insertions at one point keep the order of the findings). Otherwise
  // fix-all sorts the list instead.
  let movesSort = true;
  const lastRankAbove = new Map<TimelineEntry, number>();
  for (const move of moves) {
    if (!move.after || entries[move.index].trailer || (lastRankAbove.get(move.after) ?? -1) > rank[move.index]) {
      movesSort = false;
      break;
    }
    lastRankAbove.set(move.after, rank[move.index]);
  }
  // The sort rewrites the slots of the entries out of place; the moves, the blocks of those that move.
  const sort = reorder(doc, entries, sorted, 'Sort the timeline', stable && ((carried) => carriesEdits(doc, context, entries, sorted, reordered(entries, sorted), carried)));
  const sorts = stable && !crosses && !clashesWithDeclaration(doc, context, sort.edits, sort.moves?.map(({ from }) => from)) && keepsControlState(doc, entries, sorted);
  const movedEntries = new Set(moves.map(({ index }) => entries[index]));
  const carriedByMoves = movesStable && carriesEdits(doc, context, entries, byTime, movedEntries, movedEntries);
  const blocks = moves.map(({ index }) => blockSpan(doc, entries[index]));
  const moving = movesStable && movesSort && !clashesWithDeclaration(doc, context, blocks, carriedByMoves ? blocks : undefined)
    && movesKeepControlState(doc, context, entries, moves);
  for (const { index: i, furthest: top, after } of moves) {
    const entry = entries[i];
    const above = entries[top];
    const withDate = !sameUtcDay(times[i], times[top]);
    const fixes: FixDraft[] = [];
    if (after && !entry.trailer) {
      const destination = doc.index.lineStarts[after.block.start];
      const moved = blockSpan(doc, entry);
      fixes.push({
        title: `Move the entry above line ${after.line + 1}`,
        edits: [
          { start: destination, end: destination, newText: asLines(doc, moved) },
          { start: moved.start, end: moved.end, newText: '' },
        ],
        moves: carriedByMoves ? [{ edit: 0, from: moved }] : undefined,
        isPreferred: moving,
      });
    }
    // Sorting rewrites the whole list: offered once, on the first entry out of place.
    if (i === moves[0].index) {
      fixes.push({ ...sort, isPreferred: sorts });
    }
    reports.push({
      span: entry.stamp.span,
      message: `${entry.stamp.parts.text} (${describeInstant(entry.stamp, withDate)}) is ${descending ? 'later' : 'earlier'} than ${above.stamp.parts.text} on line ${above.line + 1} above it.`,
      fixes,
    });
  }
}

export const timelineOrder: Rule = {
  id: 'PM011',
  name: NAME,
  description: 'A timeline entry is earlier than the one before it, or the whole list runs the other way than the template says.',
  defaultSeverity: 'warning',
  tags: ['timeline'],
  fixable: true,
  check(doc, report, context) {
    for (const finding of findings(doc, context)) report(finding);
  },
};
