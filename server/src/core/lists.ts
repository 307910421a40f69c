// Lists reused from call to call: hot loops fill the same list again instead of allocating one each time.

/** `items`, emptied by popping: setting the length to 0 would free the storage, and the next push allocate 17 slots. */
export function emptied<T>(items: T[]): T[] {
  while (items.length > 0) items.pop();
  return items;
}

/**
 * The first `count` items of a reused list, in a list of their own, and the reused list cleared of them: holding one
 * document's objects until the next parse, it made the garbage collector copy them during the next lint.
 */
export function takeFirst<T>(items: (T | undefined)[], count: number): T[] {
  const taken = items.slice(0, count) as T[];
  items.fill(undefined, 0, count);
  return taken;
}
