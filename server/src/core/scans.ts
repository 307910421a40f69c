// What parse reads from one piece of a line (a whole line, or a table cell): its stamps and durations.
import { scanDurations, type DurationMatch } from './durations';
import { scanTimestamps, type StampParts, type StampRange } from './timestamps';

export interface PieceScan {
  readonly stamps: readonly StampParts[];
  readonly ranges: readonly StampRange[];
  readonly durations: readonly DurationMatch[];
}

// The two ways a piece is scanned, built once: scanPiece runs on every line.
const IN_TIME_FIELD = { timeField: true };
const IN_TEXT = { timeField: false };

// What most lines of prose are: no stamp and no duration.
const NOTHING: PieceScan = Object.freeze({ stamps: Object.freeze([]), ranges: Object.freeze([]), durations: Object.freeze([]) });

export function scanPiece(text: string, timeField: boolean): PieceScan {
  const { stamps, ranges } = scanTimestamps(text, timeField ? IN_TIME_FIELD : IN_TEXT);
  const durations = scanDurations(text);
  return stamps.length === 0 && durations.length === 0 ? NOTHING : { stamps, ranges, durations };
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
 * changed. A scan depends on nothing but its text, and nothing mutates one, so a hit is always right. Pieces the
 * last parse did not read are dropped when the next one ends: the cache holds at most two versions' pieces.
 */
export class ScanCache {
  private previous = [new Map<string, PieceScan>(), new Map<string, PieceScan>()];
  private current = [new Map<string, PieceScan>(), new Map<string, PieceScan>()];

  readonly scan = (text: string, timeField: boolean): PieceScan => {
    const current = this.current[timeField ? 1 : 0];
    let scan = this.previous[timeField ? 1 : 0].get(text) ?? current.get(text);
    if (!scan) scan = scanPiece(detached(text), timeField);
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
