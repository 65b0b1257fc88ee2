// A form sent after the session ended: the sign-in form instead of a bare 401, and after signing in
// the form's page comes back with what was typed (never passwords, never submitted), for the
// browser that typed it and the session it signed in with only. Through the real app.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { type Client, createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { nextCode, secretFromUri, totp, uriOf } from '../../../test/support/totp.ts';
import { session, user } from '../auth/schema.ts';
import { REPLAY_COOKIE } from './replay.ts';

describe('a form sent after the session ended', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const ORIGIN = 'http://localhost:80';
  const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  /** Opens the profile form, then the session ends (signed out elsewhere); returns the stale token. */
  async function openFormThenLoseSession(c: Client & { userId: string }): Promise<string> {
    const form = await c.get('/konto/profil');
    assert.equal(form.statusCode, 200);
    await t.database.db.delete(session).where(eq(session.userId, c.userId));
    return tokenOf(form.body);
  }

  /** Posts the profile form the way a browser on our page would (Origin, Referer). */
  function sendProfile(c: Client, csrf: string, fields: Record<string, string>, origin = ORIGIN) {
    return c.request({
      method: 'POST',
      url: '/konto/profil',
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'localhost:80',
        origin,
        referer: `${origin}/konto/profil`,
      },
    });
  }

  const nameOf = async (id: string) =>
    (await t.database.db.select({ name: user.name }).from(user).where(eq(user.id, id)))[0]?.name;

  it('shows the sign-in form, keeps what was typed but passwords, and brings it back after sign-in', async () => {
    const c = await t.signedIn('resident', { name: 'Irena Stara' });
    const csrf = await openFormThenLoseSession(c);
    const res = await sendProfile(c, csrf, {
      name: 'Irena Nowa',
      locale: 'pl',
      phone: '+48 600 700 800',
      password: 'sekretne-haslo-1',
    });
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Twoja sesja się zakończyła/);
    assert.match(res.body, /<form method="post" action="\/logowanie"/);
    assert.match(res.body, /name="next" value="\/konto\/profil"/);
    assert.match(res.body, /wpiszemy z powrotem do formularza/);
    assert.doesNotMatch(res.body, /sekretne-haslo-1/);
    assert.equal(await nameOf(c.userId), 'Irena Stara', 'nothing was saved');
    // What the cookie holds: the typed values, never the password or the old token.
    const sealed = c.cookies.get(REPLAY_COOKIE);
    assert.ok(sealed, 'what was typed is kept');
    const held = inflateRawSync(Buffer.from(sealed.split('.')[0]!, 'base64url')).toString('utf8');
    assert.match(held, /Irena Nowa/);
    assert.doesNotMatch(held, /sekretne-haslo-1|password|_csrf/);

    const signIn = await c.post('/logowanie', {
      email: c.email,
      password: TEST_PASSWORD,
      next: '/konto/profil',
    });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/konto/profil');
    const back = await c.get('/konto/profil');
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /value="Irena Nowa"/);
    assert.match(back.body, /value="\+48 600 700 800"/);
    assert.match(back.body, /Wpisaliśmy z powrotem to, co podano przed końcem sesji/);
    assert.equal(await nameOf(c.userId), 'Irena Stara', 'filled in, not sent');
    // Once: the next visit shows the saved profile.
    const again = await c.get('/konto/profil');
    assert.match(again.body, /value="Irena Stara"/);
    assert.doesNotMatch(again.body, /Irena Nowa/);
    // Sending it now saves it.
    const saved = await c.post('/konto/profil', { name: 'Irena Nowa', locale: 'pl', phone: '' });
    assert.equal(saved.statusCode, 303);
    assert.equal(await nameOf(c.userId), 'Irena Nowa');
  });

  it('never reaches another browser or another person’s session', async () => {
    const a = await t.signedIn('resident', { name: 'Anna Pierwsza' });
    const csrf = await openFormThenLoseSession(a);
    assert.equal(
      (await sendProfile(a, csrf, { name: 'Tekst Anny', locale: 'pl', phone: '' })).statusCode,
      401,
    );
    const sealed = a.cookies.get(REPLAY_COOKIE)!;
    assert.ok(sealed);

    // Another browser carrying the same cookie (its own seed) signs in: nothing of Anna's.
    const b = await t.signedIn('resident', { name: 'Bogdan Drugi' });
    b.cookies.set(REPLAY_COOKIE, sealed);
    assert.doesNotMatch((await b.get('/konto/profil')).body, /Tekst Anny/);

    // Anna signs in again: the values are sealed for her new session only.
    await a.post('/logowanie', { email: a.email, password: TEST_PASSWORD, next: '/konto/profil' });
    const forAnnasSession = a.cookies.get(REPLAY_COOKIE)!;
    assert.notEqual(forAnnasSession, sealed, 'rebound to the new session');
    const c = await t.signedIn('resident', { name: 'Celina Trzecia' });
    c.cookies.set(REPLAY_COOKIE, forAnnasSession);
    const other = await c.get('/konto/profil');
    assert.doesNotMatch(other.body, /Tekst Anny/);
    assert.match(other.body, /value="Celina Trzecia"/);
    assert.match((await a.get('/konto/profil')).body, /value="Tekst Anny"/);
  });

  it('survives the second sign-in step of someone with two-step sign-in', async () => {
    const c = await t.signedIn('resident', { name: 'Tomasz Ostrożny' });
    const setup = await c.post('/konto/dwuetapowe/wlacz', { password: TEST_PASSWORD });
    const secret = secretFromUri(uriOf(setup.body));
    assert.equal((await c.post('/konto/dwuetapowe/potwierdz', { code: totp(secret) })).statusCode, 303);
    const csrf = await openFormThenLoseSession(c);
    assert.equal(
      (await sendProfile(c, csrf, { name: 'Tomasz Nowy', locale: 'pl', phone: '' })).statusCode,
      401,
    );

    const first = await c.post('/logowanie', {
      email: c.email,
      password: TEST_PASSWORD,
      next: '/konto/profil',
    });
    assert.match(String(first.headers.location), /^\/logowanie\/kod/);
    const second = await c.post('/logowanie/kod', { code: nextCode(secret), next: '/konto/profil' });
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, '/konto/profil');
    assert.match((await c.get('/konto/profil')).body, /value="Tomasz Nowy"/);
  });

  it('keeps nothing of a form sent from another site, and the API still answers a 401 problem', async () => {
    const c = await t.signedIn('resident', { name: 'Jan Ostrożny' });
    const csrf = await openFormThenLoseSession(c);
    const res = await sendProfile(
      c,
      csrf,
      { name: 'Podrzucone', locale: 'pl', phone: '' },
      'https://evil.example',
    );
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /Twoja sesja się zakończyła/);
    assert.equal(c.cookies.get(REPLAY_COOKIE), undefined, 'nothing planted');
    assert.doesNotMatch(res.body, /Podrzucone/);

    const api = await c.request({ method: 'GET', url: '/api/v1/me' });
    assert.equal(api.statusCode, 401);
    assert.match(String(api.headers['content-type']), /application\/problem\+json/);
  });
});
