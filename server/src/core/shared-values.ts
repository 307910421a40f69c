// Equal values that many stamps or durations of a document share as one object (styles), found by a key.

/**
 * The list of shared values under `key`, created when absent. The map is emptied once it holds `limit` keys: pasted
 * text must not grow it for ever.
 */
export function sharedList<K, V>(map: Map<K, V[]>, key: K, limit: number): V[] {
  let list = map.get(key);
  if (list === undefined) {
    if (map.size >= limit) map.clear();
    map.set(key, (list = []));
  }
  return list;
}
