// Short-lived in-process caches of the spaces module's public views (the resource list, a week's
// availability) and the change counter that empties them. Every write of the module's services runs
// through `changeIn`, so a change made on this node shows at once; other nodes see it when their
// entry expires (seconds). They are views only: the database decides every booking.
import { type Db, isRetryableConflict, type Tx } from '../../db/client.ts';
import { changeCounter, changeAwareCache as platformCache } from '../../platform/cache.ts';

const changes = changeCounter();

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
    changes.bump();
  }
}

/** How long a week's availability is kept, and the list of resources. */
export const AVAILABILITY_TTL_MS = 2_000;
export const RESOURCES_TTL_MS = 10_000;

/** A cache of the spaces module's views: emptied by every write of the module on this node. */
export const changeAwareCache = <T>(ttlMs: number, maxEntries = 1000) =>
  platformCache<T>(changes, ttlMs, maxEntries);
