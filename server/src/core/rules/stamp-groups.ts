import type { Postmortem, Stamp } from '../model';
import { MemoKey } from '../memo';

/**
 * The stamps several rules go through, grouped in one pass over the document's stamps, in text order: a document holds
 * thousands, scattered through the model, and a pass of each rule over all of them reread each one from memory. Most
 * are UTC, valid and start no range, so each rule reads a short list and keeps its own test.
 */
export interface StampGroups {
  /** Stamps with a zone other than UTC, however they got it. */
  inOtherZones: Stamp[];
  /** Stamps with no zone. */
  zoneless: Stamp[];
  /** Stamps that start a range. */
  rangeStarts: Stamp[];
  /** Stamps with a reason to be invalid. */
  invalid: Stamp[];
}

const STAMP_GROUPS = new MemoKey<StampGroups>();

export function stampGroups(doc: Postmortem): StampGroups {
  return doc.memo.get(STAMP_GROUPS, () => {
    const groups: StampGroups = { inOtherZones: [], zoneless: [], rangeStarts: [], invalid: [] };
    const stamps = doc.stamps;
    for (let i = 0; i < stamps.length; i++) {
      const stamp = stamps[i];
      if (!stamp.zone) groups.zoneless.push(stamp);
      else if (!stamp.zone.isUtc) groups.inOtherZones.push(stamp);
      if (stamp.range?.role === 'from') groups.rangeStarts.push(stamp);
      if (stamp.invalid) groups.invalid.push(stamp);
    }
    return groups;
  });
}
