// Password reset through the real app: the e-mailed link sets a new password once, and a reset or a
// password change voids every other reset link the person still has in their mailbox.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  type Client,
  createTestApp,
  readMailDir,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/support/app.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { messages } from '../../platform/i18n/index.ts';

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe('password reset links', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  async function person(): Promise<string> {
    const email = `reset-${randomBytes(4).toString('hex')}@example.org`;
    await ensureUser(t.database.db, t.app.klaster.auth, { email, name: 'Reset', password: TEST_PASSWORD });
    return email;
  }

  /** Asks for a reset link and returns its token (read from the e-mail, as the person would). */
  async function requestLink(email: string): Promise<string> {
    const res = await t.client().post('/nie-pamietam-hasla', { email });
    assert.equal(res.statusCode, 303);
    await t.app.klaster.worker.tick();
    const links = readMailDir(t.dataDir)
      .filter((m) => m.to.includes(email))
      .flatMap((m) => m.links)
      .filter((l) => l.includes('/nowe-haslo?token='));
    const token = new URL(links.at(-1)!).searchParams.get('token');
    assert.ok(token, 'the e-mail carries a reset link');
    return token;
  }

  const reset = (c: Client, token: string, password: string) =>
    c.post('/nowe-haslo', { token, password, confirm: password });
  const signIn = (email: string, password: string) => t.client().post('/logowanie', { email, password });

  it('a reset with the newest link voids the older ones', async () => {
    const email = await person();
    const older = await requestLink(email);
    const newer = await requestLink(email);
    assert.notEqual(older, newer);

    const done = await reset(t.client(), newer, 'zielony tramwaj na zabłociu');
    assert.equal(done.statusCode, 303, done.body);
    assert.equal((await signIn(email, 'zielony tramwaj na zabłociu')).statusCode, 303);

    // Whoever finds the older e-mail later cannot set a password with it.
    const stale = await reset(t.client(), older, 'ktoś inny zna to hasło 42');
    assert.equal(stale.statusCode, 400);
    assert.ok(stale.body.includes(escapeHtml(messages.pl.accounts.resetInvalid)));
    assert.equal((await signIn(email, 'ktoś inny zna to hasło 42')).statusCode, 401);
    assert.equal((await signIn(email, 'zielony tramwaj na zabłociu')).statusCode, 303);
  });

  it('a password change voids every outstanding reset link', async () => {
    const email = await person();
    const token = await requestLink(email);
    const c = t.client();
    assert.equal((await c.post('/logowanie', { email, password: TEST_PASSWORD })).statusCode, 303);
    const changed = await c.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'zielony tramwaj na zabłociu',
      confirmPassword: 'zielony tramwaj na zabłociu',
    });
    assert.equal(changed.statusCode, 303, changed.body);

    const stale = await reset(t.client(), token, 'ktoś inny zna to hasło 42');
    assert.equal(stale.statusCode, 400);
    assert.ok(stale.body.includes(escapeHtml(messages.pl.accounts.resetInvalid)));
    assert.equal((await signIn(email, 'ktoś inny zna to hasło 42')).statusCode, 401);
    assert.equal((await signIn(email, 'zielony tramwaj na zabłociu')).statusCode, 303);
  });

  it('a link sets a password once', async () => {
    const email = await person();
    const token = await requestLink(email);
    assert.equal((await reset(t.client(), token, 'zielony tramwaj na zabłociu')).statusCode, 303);
    assert.equal((await reset(t.client(), token, 'ktoś inny zna to hasło 42')).statusCode, 400);
    assert.equal((await signIn(email, 'zielony tramwaj na zabłociu')).statusCode, 303);
  });

  it('a used link shows "link used or expired" on opening it, with a way to ask for a new one', async () => {
    const email = await person();
    const token = await requestLink(email);
    const fresh = await t.client().get(`/nowe-haslo?token=${token}`);
    assert.equal(fresh.statusCode, 200);
    assert.match(fresh.body, /name="confirm"/, 'a working link shows the form');
    assert.equal((await reset(t.client(), token, 'zielony tramwaj na zabłociu')).statusCode, 303);

    for (const url of [`/nowe-haslo?token=${token}`, '/nowe-haslo?token=made-up', '/nowe-haslo']) {
      const used = await t.client().get(url);
      assert.equal(used.statusCode, 400, url);
      assert.ok(used.body.includes(escapeHtml(messages.pl.accounts.resetInvalidTitle)), url);
      assert.doesNotMatch(used.body, /name="confirm"/, 'no password form for a dead link');
      assert.match(used.body, /<form[^>]+action="\/nie-pamietam-hasla"/, 'asks for a new link at once');
      assert.match(used.body, /name="email"/);
    }
    // …and asking there sends a new, working link.
    const again = await requestLink(email);
    assert.notEqual(again, token);
    assert.equal((await t.client().get(`/nowe-haslo?token=${again}`)).statusCode, 200);
  });

  it("refuses a keyboard walk or the person's own name as the new password, saying why", async () => {
    const email = await person();
    const token = await requestLink(email);
    const walk = await reset(t.client(), token, 'zaq1@WSXcde3');
    assert.equal(walk.statusCode, 422);
    assert.ok(walk.body.includes(escapeHtml(messages.pl.common.errors.passwordKeyboard)));
    const own = await reset(t.client(), token, `${email.split('@')[0]}2026`);
    assert.equal(own.statusCode, 422);
    assert.ok(own.body.includes(escapeHtml(messages.pl.common.errors.passwordPersonal)));
    // The link still works for a good password.
    assert.equal((await reset(t.client(), token, 'zielony tramwaj na zabłociu')).statusCode, 303);
  });
});
