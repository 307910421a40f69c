// What parse reads from one piece of a line (a whole line, or a table cell): its stamps and durations.
import { scanDurationsInto, type DurationMatch } from './durations';
import { emptied } from './lists';
import { scanTimestampsInto, type StampParts, type StampRange } from './timestamps';

export interface PieceScan {
  readonly stamps: readonly StampParts[];
  readonly ranges: readonly StampRange[];
  readonly durations: readonly DurationMatch[];
}

// What most lines of prose are: no stamp and no duration.
const NO_STAMPS: readonly StampParts[] = Object.freeze([]);
const NO_RANGES: readonly StampRange[] = Object.freeze([]);
const NO_DURATIONS: readonly DurationMatch[] = Object.freeze([]);
const NOTHING: PieceScan = Object.freeze({ stamps: NO_STAMPS, ranges: NO_RANGES, durations: NO_DURATIONS });

/** Lists that scanPieceInto empties and fills again for each piece. */
export interface PieceLists {
  readonly stamps: StampParts[];
  readonly ranges: StampRange[];
  readonly durations: DurationMatch[];
}

export function pieceLists(): PieceLists {
  return { stamps: [], ranges: [], durations: [] };
}

/**
 * scanPiece's result in `lists`, for a reader done with it before the next piece: parse takes each piece's stamps and
 * durations before it scans the next, and lists and a result per piece were most of what its scans allocated.
 * `timeFieldEnd` as for scanTimestampsInto: a table row is scanned whole, its first cell the time field.
 */
export function scanPieceInto(text: string, timeField: boolean, lists: PieceLists, timeFieldEnd = text.length): PieceScan {
  scanTimestampsInto(text, timeField, emptied(lists.stamps), emptied(lists.ranges), timeFieldEnd);
  scanDurationsInto(text, emptied(lists.durations));
  return lists;
}

// scanPiece's lists, emptied once copied: between calls they keep nothing of a text alive.
const COPIED = pieceLists();

/** A piece's stamps, ranges and durations, in lists of its own. */
export function scanPiece(text: string, timeField: boolean, timeFieldEnd = text.length): PieceScan {
  scanPieceInto(text, timeField, COPIED, timeFieldEnd);
  const { stamps, ranges, durations } = COPIED;
  const scan = stamps.length === 0 && durations.length === 0 ? NOTHING : {
    stamps: stamps.length === 0 ? NO_STAMPS : stamps.slice(),
    ranges: ranges.length === 0 ? NO_RANGES : ranges.slice(),
    durations: durations.length === 0 ? NO_DURATIONS : durations.slice(),
  };
  emptied(stamps);
  emptied(ranges);
  emptied(durations);
  return scan;
}

/**
 * A copy of `text` that shares no memory with the document it was cut from. V8 keeps a slice's whole parent string
 * alive: a scan kept across versions would otherwise keep every version it was read from.
 */
function detached(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * The piece scans of one document's previous parse, by text: a parse after an edit scans only the lines the edit
 * changed. A scan depends on nothing but its text, and nothing mutates one, so a hit is always right (a table row's
 * first cell, its time field, ends where its text says; no cell is a row's text, which starts with a pipe or a blank,
 * as no trimmed cell does). Pieces the last parse did not read are dropped when the next one ends: the cache holds at
 * most two versions' pieces.
 */
export class ScanCache {
  private previous = [new Map<string, PieceScan>(), new Map<string, PieceScan>()];
  private current = [new Map<string, PieceScan>(), new Map<string, PieceScan>()];

  readonly scan = (text: string, timeField: boolean, timeFieldEnd = text.length): PieceScan => {
    const current = this.current[timeField ? 1 : 0];
    let scan = this.previous[timeField ? 1 : 0].get(text) ?? current.get(text);
    if (!scan) scan = scanPiece(detached(text), timeField, timeFieldEnd);
    // Keyed by the new version's text, so that the old version's text is not kept alive by its slices.
    current.set(text, scan);
    return scan;
  };

  /** How many pieces it keeps. */
  get size(): number {
    return [...this.previous, ...this.current].reduce((sum, map) => sum + map.size, 0);
  }

  /** A parse has read every piece of the document: what it did not read belongs to older versions. */
  endParse(): void {
    this.previous = this.current;
    this.current = [new Map(), new Map()];
  }
}
