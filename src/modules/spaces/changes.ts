// Short-lived in-process caches of the spaces module's public views (the resource list, a week's
// availability) and the change counter that empties them. Every write of the module's services runs
// through `changeIn`, so a change made on this node shows at once; other nodes see it when their
// entry expires (seconds). They are views only: the database decides every booking.
import type { Db, Tx } from '../../db/client.ts';

let changes = 0;

/** Runs a write transaction; once it ends (committed or not), this node's caches are stale. */
export async function changeIn<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } finally {
    changes++;
  }
}

/** How long a week's availability is kept, and the list of resources. */
export const AVAILABILITY_TTL_MS = 2_000;
export const RESOURCES_TTL_MS = 10_000;

/**
 * A small cache of values by key: an entry lives `ttlMs` at most and only while nothing changed on
 * this node. A value may be a promise: concurrent misses of one key then share one load, and a
 * failed load is not kept.
 */
export function changeAwareCache<T>(ttlMs: number, maxEntries = 1000) {
  const entries = new Map<string, { at: number; changes: number; value: T }>();
  return (key: string, load: () => T): T => {
    const hit = entries.get(key);
    if (hit && hit.changes === changes && Date.now() - hit.at < ttlMs) return hit.value;
    if (entries.size >= maxEntries) entries.clear();
    const entry = { at: Date.now(), changes, value: load() };
    entries.set(key, entry);
    if (entry.value instanceof Promise)
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
    return entry.value;
  };
}
