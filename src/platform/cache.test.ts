import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cached, setViewCaches } from './cache.ts';

describe('cached reference data', () => {
  it('loads once within the time-to-live, again after it or after invalidate()', async () => {
    let clock = 0;
    let loads = 0;
    const get = cached(
      1000,
      async () => ++loads,
      () => clock,
    );
    assert.deepEqual(
      await Promise.all([get(), get(), get()]),
      [1, 1, 1],
      'concurrent callers share one load',
    );
    clock = 999;
    assert.equal(await get(), 1);
    clock = 1000;
    assert.equal(await get(), 2);
    get.invalidate();
    assert.equal(await get(), 3);
  });

  it('runs a thenable query builder once, not on every await', async () => {
    let runs = 0;
    // A drizzle query builder: a thenable that runs its query on every await.
    class Query implements PromiseLike<number> {
      // biome-ignore lint/suspicious/noThenProperty: imitating a query builder is the point
      then<A = number, B = never>(ok?: ((v: number) => A | PromiseLike<A>) | null): PromiseLike<A | B> {
        return Promise.resolve(ok ? ok(++runs) : (runs as unknown as A));
      }
    }
    const get = cached(60_000, () => new Query());
    await get();
    await get();
    assert.equal(runs, 1);
  });

  it('does not keep a failed load', async () => {
    let fail = true;
    const get = cached(60_000, async () => {
      if (fail) throw new Error('database down');
      return 'ok';
    });
    await assert.rejects(get());
    fail = false;
    assert.equal(await get(), 'ok');
  });

  it('with VIEW_CACHES=off every read loads afresh', async () => {
    let loads = 0;
    const get = cached(60_000, async () => ++loads);
    assert.equal(await get(), 1);
    setViewCaches(false);
    try {
      assert.deepEqual([await get(), await get()], [2, 3]);
    } finally {
      setViewCaches(true);
    }
    assert.equal(await get(), 3, 'on again: the last load is kept');
  });
});
