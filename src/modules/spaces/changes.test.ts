// A write transaction PostgreSQL breaks off to resolve a deadlock is run again from a clean slate.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { queryRows } from '../../db/client.ts';
import { setViewCaches } from '../../platform/cache.ts';
import { changeAwareCache, changeIn } from './changes.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

it('runs a transaction again after a deadlock, with the first attempt rolled back', async () => {
  let attempts = 0;
  const result = await changeIn(t.database.db, async (tx) => {
    attempts++;
    await tx.execute(sql`insert into space_counter (key, value) values ('retry-test', ${attempts})`);
    if (attempts < 3) throw deadlock();
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(attempts, 3);
  const rows = await queryRows<{ value: number }>(
    t.database.db,
    sql`select value from space_counter where key = 'retry-test'`,
  );
  assert.deepEqual(rows, [{ value: 3 }]);
});

it('gives up after three attempts, and never retries other errors', async () => {
  let attempts = 0;
  await assert.rejects(
    changeIn(t.database.db, async () => {
      attempts++;
      throw deadlock();
    }),
    /deadlock detected/,
  );
  assert.equal(attempts, 3);
  attempts = 0;
  await assert.rejects(
    changeIn(t.database.db, async () => {
      attempts++;
      throw new Error('something else');
    }),
    /something else/,
  );
  assert.equal(attempts, 1);
});

it('the view caches keep a value by key, and with VIEW_CACHES=off load afresh on every read', () => {
  const byKey = changeAwareCache<number>(60_000);
  let loads = 0;
  assert.deepEqual([byKey('week', () => ++loads), byKey('week', () => ++loads)], [1, 1]);
  setViewCaches(false);
  try {
    assert.deepEqual([byKey('week', () => ++loads), byKey('week', () => ++loads)], [2, 3]);
  } finally {
    setViewCaches(true);
  }
  assert.equal(
    byKey('week', () => ++loads),
    3,
    'on again: the last load is kept',
  );
});
