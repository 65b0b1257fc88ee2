import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';

describe('sign-up, verification and sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('creates an account, mails a verification link, and signs in once verified', async () => {
    const c = t.client();
    const res = await c.post('/rejestracja', {
      name: 'Zofia Nowak',
      email: 'Zofia.Nowak@example.org',
      password: 'rower kawa most zegar',
      locale: 'pl',
      consents: ['terms', 'newsletter'],
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/rejestracja/sprawdz-poczte');

    // Unverified: sign-in refused with a clear message.
    const early = await c.post('/logowanie', {
      email: 'zofia.nowak@example.org',
      password: 'rower kawa most zegar',
    });
    assert.equal(early.statusCode, 403);
    assert.match(early.body, /potwierdź adres e-mail/i);

    await t.app.klaster.worker.tick();
    const mails = readMailDir(t.dataDir).filter((m) => m.to.includes('zofia.nowak@example.org'));
    assert.ok(mails.length >= 1, 'a verification e-mail was written');
    const link = mails[0]!.links.find((l) => l.includes('/potwierdz-email?token='));
    assert.ok(link, 'the e-mail carries the verification link');
    const verified = await c.get(new URL(link).pathname + new URL(link).search);
    assert.equal(verified.statusCode, 200);
    assert.match(verified.body, /Adres e-mail potwierdzony/);

    const signIn = await c.post('/logowanie', {
      email: 'zofia.nowak@example.org',
      password: 'rower kawa most zegar',
    });
    assert.equal(signIn.statusCode, 303);
    const home = await c.get('/');
    assert.match(home.body, /Wyloguj się/);
  });

  it('refuses a common password and keeps what was typed, except the password', async () => {
    const res = await t.client().post('/rejestracja', {
      name: 'Jan <script>alert(1)</script>',
      email: 'jan@example.org',
      password: 'password1234',
      locale: 'pl',
      consents: ['terms'],
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /zbyt popularne/);
    assert.match(res.body, /value="jan@example.org"/);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.doesNotMatch(res.body, /password1234/);
  });

  it('refuses a keyboard walk and a password made of the name, and says why in the chosen language', async () => {
    const english = t.client();
    english.cookies.set('klaster_lang', 'en');
    const walk = await english.post('/rejestracja', {
      name: 'Jan Kowalski',
      email: 'jan.kowalski@example.org',
      password: 'zaq1@WSXcde3',
      locale: 'en',
      consents: ['terms'],
    });
    assert.equal(walk.statusCode, 422);
    assert.match(walk.body, /run of neighbouring keys/);
    const own = await t.client().post('/rejestracja', {
      name: 'Jan Kowalski',
      email: 'jan.kowalski@example.org',
      password: 'JanKowalski1990',
      locale: 'pl',
      consents: ['terms'],
    });
    assert.equal(own.statusCode, 422);
    assert.match(own.body, /imieniu, nazwisku ani adresie e-mail/);
  });

  it('answers a sign-up for an existing address exactly like a new one', async () => {
    const first = await t.client().post('/rejestracja', {
      name: 'A',
      email: 'twice@example.org',
      password: 'rower kawa most zegar',
      locale: 'en',
      consents: ['terms'],
    });
    const second = await t.client().post('/rejestracja', {
      name: 'B',
      email: 'twice@example.org',
      password: 'inne dobre haslo 77',
      locale: 'en',
      consents: ['terms'],
    });
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
  });

  it('a POST without the CSRF token gets 403 and changes nothing', async () => {
    const res = await t.client().post(
      '/rejestracja',
      {
        name: 'No Token',
        email: 'notoken@example.org',
        password: 'rower kawa most zegar',
        locale: 'pl',
        consents: ['terms'],
      },
      { csrf: false },
    );
    assert.equal(res.statusCode, 403);
    const again = await t
      .client()
      .post('/logowanie', { email: 'notoken@example.org', password: 'rower kawa most zegar' });
    assert.equal(again.statusCode, 401);
  });
});
