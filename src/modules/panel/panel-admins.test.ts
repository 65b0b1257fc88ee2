// The platform must never lose its last active administrator, even when two administrators act
// on each other at the same moment (on PostgreSQL the requests really run in parallel).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { user } from '../../platform/auth/schema.ts';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;

describe('administrators', () => {
  let t: TestApp;
  let a: Signed;
  let b: Signed;

  const activeAdmins = async () => {
    const [r] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(user)
      .where(and(eq(user.role, 'admin'), isNull(user.blockedAt), isNull(user.deletedAt)));
    return Number(r!.n);
  };
  /** A and B are the only active administrators. */
  const onlyAandB = async () => {
    await t.database.db
      .update(user)
      .set({ role: 'admin', blockedAt: null, blockedReason: null })
      .where(inArray(user.id, [a.userId, b.userId]));
    await t.database.db
      .update(user)
      .set({ role: 'staff' })
      .where(and(eq(user.role, 'admin'), notInArray(user.id, [a.userId, b.userId])));
  };

  before(async () => {
    t = await createTestApp();
    a = await t.signedIn('admin', { name: 'Admin A' });
    b = await t.signedIn('admin', { name: 'Admin B' });
  });
  after(async () => t.close());

  it('an administrator may demote another while one remains, but never themselves', async () => {
    await onlyAandB();
    const self = await a.post(`/panel/uzytkownicy/${a.userId}/rola`, { role: 'staff' });
    assert.equal(self.statusCode, 422);
    assert.match(self.body, /Nie możesz odebrać sobie roli administratora/);
    const other = await a.post(`/panel/uzytkownicy/${b.userId}/rola`, { role: 'staff' });
    assert.equal(other.statusCode, 303);
    assert.equal(await activeAdmins(), 1);
    // B is now staff: the platform refuses the admin-only route, and A, the last admin, stays.
    const back = await b.post(`/panel/uzytkownicy/${a.userId}/rola`, { role: 'staff' });
    assert.equal(back.statusCode, 403);
    const block = await b.post(`/panel/uzytkownicy/${a.userId}/blokada`, { reason: 'próba' });
    assert.equal(block.statusCode, 403);
    assert.match(block.body, /tylko inny administrator/);
    assert.equal(await activeAdmins(), 1);
  });

  it('two administrators demoting each other at once leave at least one (20 runs)', async () => {
    let successes = 0;
    for (let run = 0; run < 20; run++) {
      await onlyAandB();
      const [ta, tb] = [await a.csrf(), await b.csrf()];
      const [ra, rb] = await Promise.all([
        a.post(`/panel/uzytkownicy/${b.userId}/rola`, { role: 'staff' }, { csrf: ta }),
        b.post(`/panel/uzytkownicy/${a.userId}/rola`, { role: 'resident' }, { csrf: tb }),
      ]);
      const codes = [ra.statusCode, rb.statusCode].sort();
      assert.equal(await activeAdmins(), 1, `run ${run}: ${codes}`);
      assert.equal(codes[0], 303, `run ${run}: one demotion went through`);
      assert.ok(codes[1] === 403 || codes[1] === 422, `run ${run}: the other was refused (${codes[1]})`);
      successes += 1;
    }
    assert.equal(successes, 20);
  });

  it('two administrators blocking each other at once leave at least one (10 runs)', async () => {
    for (let run = 0; run < 10; run++) {
      await onlyAandB();
      // Blocking ends sessions, so both sign in afresh for every run (password only: the test
      // support turns two-step sign-in back on once the session exists).
      await t.database.db
        .update(user)
        .set({ twoFactorEnabled: false })
        .where(inArray(user.id, [a.userId, b.userId]));
      const [ca, cb] = [
        await t.signedIn('admin', { email: a.email }),
        await t.signedIn('admin', { email: b.email }),
      ];
      const [ta, tb] = [await ca.csrf(), await cb.csrf()];
      const [ra, rb] = await Promise.all([
        ca.post(`/panel/uzytkownicy/${b.userId}/blokada`, { reason: `wyścig ${run}` }, { csrf: ta }),
        cb.post(`/panel/uzytkownicy/${a.userId}/blokada`, { reason: `wyścig ${run}` }, { csrf: tb }),
      ]);
      assert.equal(await activeAdmins(), 1, `run ${run}: ${ra.statusCode}/${rb.statusCode}`);
      assert.deepEqual([ra.statusCode, rb.statusCode].filter((c) => c === 303).length, 1);
    }
    const blocks = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.blocked'));
    assert.equal(blocks.length, 10, 'one audit row per block that happened');
  });
});
