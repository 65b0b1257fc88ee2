// Short-lived in-process caches of the spaces module's public views (the resource list, a week's
// availability) and the change counter that empties them. Every write of the module's services runs
// through `changeIn`, so a change made on this node shows at once; other nodes see it when their
// entry expires (seconds). They are views only: the database decides every booking.
import { type Db, isRetryableConflict, type Tx } from '../../db/client.ts';
import { viewCachesOn } from '../../platform/cache.ts';

let changes = 0;

/** Attempts of a write transaction that PostgreSQL broke off as a deadlock or serialisation failure. */
const ATTEMPTS = 3;

/**
 * Runs a write transaction (again, up to three times in all, if PostgreSQL broke it off to resolve
 * a deadlock: everything it did was rolled back); once it ends, this node's caches are stale.
 */
export async function changeIn<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(fn);
      } catch (err) {
        if (attempt >= ATTEMPTS || !isRetryableConflict(err)) throw err;
      }
    }
  } finally {
    changes++;
  }
}

/** How long a week's availability is kept, and the list of resources. */
export const AVAILABILITY_TTL_MS = 2_000;
export const RESOURCES_TTL_MS = 10_000;

/**
 * A small cache of values by key: an entry lives `ttlMs` at most and only while nothing changed on
 * this node, and never with VIEW_CACHES=off (platform/cache.ts). A value may be a promise:
 * concurrent misses of one key then share one load, and a failed load is not kept.
 */
export function changeAwareCache<T>(ttlMs: number, maxEntries = 1000) {
  const entries = new Map<string, { at: number; changes: number; value: T }>();
  return (key: string, load: () => T): T => {
    const hit = entries.get(key);
    if (viewCachesOn() && hit && hit.changes === changes && Date.now() - hit.at < ttlMs) return hit.value;
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
