// The one cursor codec: what it writes it reads back; anything edited, truncated or oversized is
// refused (null), so a list answers "invalid cursor" instead of querying with a made-up position.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { cursorCodec, cursorInstant, keysetPage } from './cursor.ts';

const codec = cursorCodec(z.object({ s: cursorInstant(), id: z.uuid() }), 200);
const id = '019b0c3e-7a10-7000-8000-000000000001';

describe('cursor codec', () => {
  it('reads back what it wrote, as an address-safe string', () => {
    const c = codec.encode({ s: '2026-12-24T09:30:00.000Z', id });
    assert.match(c, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(codec.decode(c), { s: '2026-12-24T09:30:00.000Z', id });
  });

  it('refuses an impossible instant, another shape, a bad id, garbage and an oversized cursor', () => {
    const raw = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    assert.equal(codec.decode(raw({ s: '2025-99-99T99:00:00.000Z', id })), null);
    assert.equal(codec.decode(raw({ s: '2026-02-30T10:00:00.000Z', id })), null);
    assert.equal(
      codec.decode(raw({ s: '0000-06-01T00:00:00.000Z', id })),
      null,
      'the database has no year 0',
    );
    assert.equal(codec.decode(raw({ s: '2026-12-24T09:30:00Z', id })), null, 'not the text we write');
    assert.equal(codec.decode(raw({ s: '2026-12-24T09:30:00.000Z', id: 'x' })), null);
    assert.equal(codec.decode(raw(['2026-12-24T09:30:00.000Z', id])), null);
    assert.equal(codec.decode('not base64 at all!'), null);
    assert.equal(codec.decode('e30'), null, '{} lacks the fields');
    assert.equal(codec.decode('A'.repeat(201)), null);
  });

  it('carries the database’s microseconds when asked', () => {
    const micro = cursorCodec(z.object({ ts: cursorInstant({ micro: true }) }));
    assert.deepEqual(micro.decode(micro.encode({ ts: '2026-03-29T00:59:59.123456Z' })), {
      ts: '2026-03-29T00:59:59.123456Z',
    });
    assert.equal(micro.decode(micro.encode({ ts: '2026-03-29T00:59:59.123Z' })), null);
  });
});

describe('keysetPage', () => {
  const rows = [1, 2, 3, 4];
  it('forwards: the first page has a next one only when a row more was read', () => {
    assert.deepEqual(keysetPage(rows, 3, null), {
      page: [1, 2, 3],
      first: 1,
      last: 3,
      hasNext: true,
      hasPrev: false,
    });
    assert.deepEqual(keysetPage([5, 6], 3, { backwards: false }), {
      page: [5, 6],
      first: 5,
      last: 6,
      hasNext: false,
      hasPrev: true,
    });
  });
  it('backwards: rows read in reverse come back in the list’s order, with a next page always', () => {
    assert.deepEqual(keysetPage([9, 8, 7, 6], 3, { backwards: true }), {
      page: [7, 8, 9],
      first: 7,
      last: 9,
      hasNext: true,
      hasPrev: true,
    });
    assert.equal(keysetPage([2, 1], 3, { backwards: true }).hasPrev, false);
  });
});
