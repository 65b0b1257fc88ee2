// The migration that made series a table: every series name events already carried became a series
// row (slug folded from the name, -2 for a second name folding alike, "cykl" when no Latin letter is
// left, a blank name dropped), so the foreign key could be added. Replayed here on events written
// as they were before it (the key lifted for the while), then the key put back.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { migrationsFolder } from '../../db/migrate.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { seriesSlug } from './service/series.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** The statements of a migration file. */
async function statements(name: string): Promise<string[]> {
  const files = await import('node:fs/promises').then((fs) => fs.readdir(migrationsFolder));
  const file = files.find((f) => f.endsWith(`_${name}.sql`));
  assert.ok(file, `a migration named ${name}`);
  const text = await readFile(path.join(migrationsFolder, file), 'utf8');
  return text
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

test('existing series names become series rows with slugs, and the key holds after', async () => {
  const db = t.database.db;
  await db.execute(
    sql.raw('ALTER TABLE "event_event" DROP CONSTRAINT "event_event_series_event_series_name_fk"'),
  );
  const names = ['Tydzień Rewitalizacji 2023', 'TYDZIEŃ rewitalizacji 2023', 'Цикл зустрічей', '   ', null];
  const now = testClock.now();
  for (const [i, name] of names.entries())
    await db.execute(sql`insert into event_event (id, title, kind, starts_at, ends_at, created_at, updated_at, series)
      values (${uuidv7()}, ${`Spotkanie ${i}`}, 'meeting', ${now}, ${new Date(now.getTime() + 3_600_000)}, ${now}, ${now}, ${name})`);
  for (const statement of await statements('events_series_fill_sql')) await db.execute(sql.raw(statement));
  for (const statement of await statements('events_series_fk')) await db.execute(sql.raw(statement));

  const rows = await queryRows<{ name: string; slug: string; title: string; min: number | null }>(
    db,
    sql`select name, slug, title, certificate_min_sessions as min from event_series order by slug`,
  );
  assert.deepEqual(rows, [
    { name: 'Цикл зустрічей', slug: 'cykl', title: 'Цикл зустрічей', min: null },
    {
      name: 'TYDZIEŃ rewitalizacji 2023',
      slug: 'tydzien-rewitalizacji-2023',
      title: 'TYDZIEŃ rewitalizacji 2023',
      min: null,
    },
    {
      name: 'Tydzień Rewitalizacji 2023',
      slug: 'tydzien-rewitalizacji-2023-2',
      title: 'Tydzień Rewitalizacji 2023',
      min: null,
    },
  ]);
  // The slug the app gives a new series is the one the migration gave.
  assert.equal(seriesSlug('Tydzień Rewitalizacji 2023'), 'tydzien-rewitalizacji-2023');
  assert.equal(seriesSlug('Цикл зустрічей'), 'cykl');
  // The blank name is no series any more; an unknown name is refused by the key.
  const [blank] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from event_event where series is not null and btrim(series) = ''`,
  );
  assert.equal(blank!.n, 0);
  await assert.rejects(
    db.execute(sql`update event_event set series = 'Nieznany cykl' where title = 'Spotkanie 0'`),
  );
});
