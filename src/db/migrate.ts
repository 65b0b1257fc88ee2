import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { projectRoot } from '../platform/paths.ts';
import type { Database } from './client.ts';

export const migrationsFolder = path.join(projectRoot, 'src', 'db', 'migrations');

/**
 * Applies the committed SQL migrations. On a server several app nodes may start at once, so the
 * run is serialised by a session-level advisory lock held on one dedicated connection.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.driver === 'pglite') {
    // biome-ignore lint/suspicious/noExplicitAny: driver-specific database type
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(7215220220)');
    // biome-ignore lint/suspicious/noExplicitAny: driver-specific database type
    await migratePg(database.db as any, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7215220220)').catch(() => undefined);
    client.release();
  }
}

export async function tableExists(database: Database, name: string): Promise<boolean> {
  const rows = await database.rows<{ exists: boolean }>(
    sql`select to_regclass(${name}) is not null as exists`,
  );
  return rows[0]?.exists === true;
}
