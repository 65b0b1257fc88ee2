import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uuidPattern, uuidv7 } from './ids.ts';

describe('UUIDv7 keys', () => {
  it('are version 7, variant 10, and increase even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_800_000_000_000));
    for (const id of ids) {
      assert.match(id, uuidPattern);
      assert.equal(id[14], '7');
      assert.match(id[19]!, /[89ab]/);
    }
    const sorted = [...ids].sort();
    assert.deepEqual(ids, sorted, 'in creation order');
    assert.equal(new Set(ids).size, ids.length, 'unique');
  });

  it('carry the time they were made', () => {
    const id = uuidv7(Date.UTC(2030, 0, 1));
    assert.ok(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16) >= Date.UTC(2030, 0, 1));
  });
});
