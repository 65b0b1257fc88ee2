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
