// Two drivers: embedded PGlite (default, data under DATA_DIR/pgdata) or a PostgreSQL
// server through node-postgres when DATABASE_URL is set.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
// biome-ignore lint/suspicious/noExplicitAny: both drivers' result kinds share this base type
export type Db = PgDatabase<PgQueryResultHKT & any>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  driver: 'pglite' | 'pg';
  /** Rows of a raw SQL statement, on either driver. */
  rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The underlying PGlite instance (embedded driver only). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' keeps it in memory (tests). */
  pgliteDir?: string;
  poolSize?: number;
}

// Keep timestamps as JS Dates and bigint counts as numbers on the pg driver.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      idleTimeoutMillis: 30_000,
      application_name: 'klaster',
    });
    pool.on('error', () => {
      /* idle client errors surface on the next query; readiness reports them */
    });
    const db = drizzlePg({ client: pool }) as unknown as Db;
    return wrap(db, 'pg', async () => pool.end(), { pool });
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  // Embedded use is one small process: an 8 MB buffer pool (the OS page cache does the rest) keeps
  // resident memory low; PostgreSQL's default 128 MB pool would stay resident in WebAssembly memory.
  const client = await PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=8MB'],
    // The spaces module's exclusion constraints need btree_gist, the organisations' name search
    // pg_trgm (both contrib on a PostgreSQL server).
    extensions: { btree_gist, pg_trgm },
  });
  const db = drizzlePglite({ client }) as unknown as Db;
  return wrap(db, 'pglite', async () => client.close(), { pglite: client });
}

function wrap(
  db: Db,
  driver: Database['driver'],
  close: () => Promise<void>,
  extra: Pick<Database, 'pglite' | 'pool'>,
): Database {
  let closed = false;
  return {
    db,
    driver,
    ...extra,
    async rows<T>(query: ReturnType<typeof sql>) {
      const result = (await db.execute(query)) as unknown as { rows: T[] };
      return result.rows;
    },
    async ping() {
      if (closed) return false;
      try {
        await db.execute(sql`select 1`);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}

/** Rows of a raw SQL statement run on the database or inside a transaction, on either driver. */
export async function queryRows<T = Record<string, unknown>>(
  executor: Pick<Db, 'execute'> | Pick<Tx, 'execute'>,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  return ((await executor.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * The constraint an error broke, if it is a PostgreSQL error with that SQLSTATE (23503 foreign key,
 * 23505 unique, 23P01 exclusion, 23514 check), looking through the drivers' and Drizzle's error wrappers.
 */
export function violatedConstraint(
  err: unknown,
  sqlState: '23503' | '23505' | '23P01' | '23514',
): string | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const x = e as { code?: string; constraint?: string; cause?: unknown };
    if (x.code === sqlState) return x.constraint ?? '';
    e = x.cause;
  }
  return null;
}

/** Text a person typed, for a LIKE pattern: `%`, `_` and `\\` match themselves, not anything. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Whether an error is PostgreSQL's verdict on a race that running the transaction again resolves:
 * a deadlock (40P01) or a serialisation failure (40001).
 */
export function isRetryableConflict(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
