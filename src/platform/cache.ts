// A small in-process cache for rarely changing reference data (places, catalogues) read on hot
// pages. Values live `ttlMs` at most, so every app node sees a change within that time; the node
// that makes a change calls invalidate() to see it at once. Concurrent misses share one load.
//
// A process can run with every such cache off (VIEW_CACHES=off, set once at start): each read then
// goes to the database. It is there to measure what the caches save (`npm run bench`), not for
// normal running.
let cachesOn = true;

/** Switches the process's view caches on or off (main.ts, from VIEW_CACHES). */
export function setViewCaches(on: boolean): void {
  cachesOn = on;
}

/** Whether a cache may answer from what it keeps (false: VIEW_CACHES=off). */
export function viewCachesOn(): boolean {
  return cachesOn;
}

export interface Cached<T> {
  (): Promise<T>;
  invalidate(): void;
}

export function cached<T>(
  ttlMs: number,
  load: () => PromiseLike<T>,
  now: () => number = Date.now,
): Cached<T> {
  let value: { at: number; promise: Promise<T> } | null = null;
  const get = (() => {
    if (cachesOn && value && now() - value.at < ttlMs) return value.promise;
    // Resolved once into a real promise: query builders are thenables that run again on every await.
    const promise = Promise.resolve().then(load);
    const entry = { at: now(), promise };
    value = entry;
    // A failed load is not kept: the next caller tries again.
    promise.catch(() => {
      if (value === entry) value = null;
    });
    return promise;
  }) as Cached<T>;
  get.invalidate = () => {
    value = null;
  };
  return get;
}

/**
 * How many writes a module made on this node: its change-aware caches keep an entry only while the
 * count stays what it was when the entry was made, so a change shows on this node at once.
 */
export interface ChangeCounter {
  readonly count: number;
  bump(): void;
}

export function changeCounter(): ChangeCounter {
  let count = 0;
  return {
    get count() {
      return count;
    },
    bump() {
      count++;
    },
  };
}

/**
 * A small cache of values by key: an entry lives `ttlMs` at most and only while `changes` did not
 * move on this node, and never with VIEW_CACHES=off. A value may be a promise: concurrent misses of
 * one key then share one load, and a failed load is not kept. When `maxEntries` are held, the next
 * miss empties it (a bound on memory, not an LRU: the keys are a handful of views).
 */
export function changeAwareCache<T>(changes: ChangeCounter, ttlMs: number, maxEntries = 1000) {
  const entries = new Map<string, { at: number; changes: number; value: T }>();
  return (key: string, load: () => T): T => {
    const hit = entries.get(key);
    if (cachesOn && hit && hit.changes === changes.count && Date.now() - hit.at < ttlMs) return hit.value;
    if (entries.size >= maxEntries) entries.clear();
    const entry = { at: Date.now(), changes: changes.count, value: load() };
    entries.set(key, entry);
    if (entry.value instanceof Promise)
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
    return entry.value;
  };
}
