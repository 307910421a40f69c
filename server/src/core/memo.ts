// Values derived from a parsed document, computed on first use and kept on the document (Postmortem.memo).
//
// Not in WeakMaps keyed by the document: a young-generation collection treats a WeakMap's values as live. Kept there,
// the evidence by kind, the chosen milestones (with the timeline) and the stamp groups of one lint were copied by the
// next lint's collections. Measured on 10,000 lines: each collection copied 8 MB instead of 2.6 and took 5.4 ms instead
// of 2.5, and what it promoted took a full collection every 25 lints to free.

/** The name of a value of type V in a DocumentMemo, compared by identity. */
export class MemoKey<V> {
  private declare readonly valueType: V;
}

export class DocumentMemo {
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  /** The value named `key`, computed on first use. */
  get<V>(key: MemoKey<V>, compute: () => V): V {
    if (this.values.has(key)) return this.values.get(key) as V;
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}
