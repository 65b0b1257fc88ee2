import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { session } from './schema.ts';

describe('the session on every signed-in request', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const signedInAs = async (c: ReturnType<TestApp['client']>) => /Wyloguj się/.test((await c.get('/')).body);

  it('a cookie whose signature was tampered with is anonymous', async () => {
    const c = await t.signedIn('resident');
    assert.equal(await signedInAs(c), true);
    const [name, value] = [...c.cookies].find(([k]) => k.endsWith('session_token'))!;
    const decoded = decodeURIComponent(value);
    const forged = `${decoded.slice(0, decoded.lastIndexOf('.'))}.${Buffer.alloc(32, 1).toString('base64')}`;
    c.cookies.set(name, encodeURIComponent(forged));
    assert.equal(await signedInAs(c), false);
  });

  it('an expired session is anonymous', async () => {
    const c = await t.signedIn('resident');
    await t.database.db
      .update(session)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(session.userId, c.userId));
    assert.equal(await signedInAs(c), false);
  });

  it('a day-old session is extended by better-auth and the renewed cookie is sent', async () => {
    const c = await t.signedIn('resident');
    // Pretend it was created two days ago: it now expires in five days.
    await t.database.db
      .update(session)
      .set({ expiresAt: sql`now() + interval '5 days'` })
      .where(eq(session.userId, c.userId));
    const res = await c.get('/konto');
    assert.equal(res.statusCode, 200);
    const cookies = [res.headers['set-cookie']].flat().join('\n');
    assert.match(cookies, /session_token=.*Max-Age=604800/);
    const [row] = await t.database.db.select().from(session).where(eq(session.userId, c.userId));
    assert.ok(row!.expiresAt.getTime() > Date.now() + 6.9 * 24 * 3600 * 1000, 'extended to seven days');
    assert.equal(await signedInAs(c), true);
  });
});
