// The terms of service: version 1 on a fresh install, linked from sign-up, the footer and the
// consents page; an administrator writes, previews and publishes a new version; the person who
// accepted the old one is asked to accept it on their next page and then goes where they were going.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { user } from '../../platform/auth/schema.ts';
import { messages } from '../../platform/i18n/index.ts';
import { servicesOf } from '../../platform/modules.ts';
import { consents } from './schema.ts';

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const pl = messages.pl;

describe('terms of service', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('a fresh install has version 1 in Polish, English and Ukrainian, linked from the footer and sign-up', async () => {
    const c = t.client();
    const page = await c.get('/regulamin');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Gmina Miejska Kraków/);
    assert.match(page.body, /<h2 class="govuk-heading-m">5\. Rezerwacje i nieobecności<\/h2>/);
    assert.match(page.body, /href="\/regulamin"/, 'the footer links the terms');
    for (const [lang, text] of [
      ['en', /Municipality of Kraków/],
      ['uk', /Міська гміна Краків/],
    ] as const) {
      const other = t.client();
      other.cookies.set('klaster_lang', lang);
      assert.match((await other.get('/regulamin')).body, text);
    }
    const signUp = await c.get('/rejestracja');
    assert.match(
      signUp.body,
      new RegExp(`href="/regulamin"[^>]*>${esc(pl.terms.signUpRead).replace(/[()]/g, '\\$&')}<`),
    );
  });

  it('sign-up records the version accepted; a consent never given shows as not given, not withdrawn', async () => {
    const res = await t.client().post('/rejestracja', {
      name: 'Teresa Kwiatek',
      email: 'teresa@example.org',
      password: 'rower kawa most zegar',
      locale: 'pl',
      consents: ['terms'],
    });
    assert.equal(res.statusCode, 303, res.body);
    const [u] = await t.database.db.select().from(user).where(eq(user.email, 'teresa@example.org'));
    const terms = await t.database.db
      .select()
      .from(consents)
      .where(and(eq(consents.userId, u!.id), eq(consents.kind, 'terms')));
    assert.deepEqual(
      terms.map((r) => [r.granted, r.termsVersion]),
      [[true, 1]],
    );

    const c = await t.signedIn('resident');
    await c.post('/konto/zgody', { kind: 'terms', decision: 'grant' });
    const page = await c.get('/konto/zgody');
    assert.match(page.body, /Zaakceptowana wersja: 1/);
    assert.match(page.body, /href="\/regulamin\/wersje\/1"/);
    // Newsletter: never decided → "no decision"; declined at sign-up → not given (grey).
    assert.doesNotMatch(page.body, new RegExp(esc(pl.accounts.consents.withdrawn)));
    await c.post('/konto/zgody', { kind: 'newsletter', decision: 'grant' });
    await c.post('/konto/zgody', { kind: 'newsletter', decision: 'withdraw' });
    const after = await c.get('/konto/zgody');
    assert.match(after.body, /govuk-tag--yellow">Wycofana</, 'withdrawn once it was given');
  });

  it('a consent declined at sign-up reads "not given" in a neutral colour', async () => {
    const c = t.client();
    await c.post('/rejestracja', {
      name: 'Bez Zgód',
      email: 'bez.zgod@example.org',
      password: 'rower kawa most zegar',
      locale: 'pl',
      consents: ['terms'],
    });
    const [u] = await t.database.db.select().from(user).where(eq(user.email, 'bez.zgod@example.org'));
    await t.database.db.update(user).set({ emailVerified: true }).where(eq(user.id, u!.id));
    assert.equal(
      (await c.post('/logowanie', { email: 'bez.zgod@example.org', password: 'rower kawa most zegar' }))
        .statusCode,
      303,
    );
    const page = await c.get('/konto/zgody');
    assert.equal(page.statusCode, 200);
    assert.equal(
      [...page.body.matchAll(/govuk-tag--grey">Nie wyrażono</g)].length,
      3,
      'newsletter, events, research',
    );
    assert.doesNotMatch(page.body, /Wycofana/);
  });

  it('an administrator writes, previews and publishes a new version; the old one stays readable', async () => {
    const staff = await t.signedIn('staff');
    assert.equal((await staff.get('/panel/regulamin')).statusCode, 403);
    const admin = await t.signedIn('admin');
    const list = await admin.get('/panel/regulamin');
    assert.equal(list.statusCode, 200);
    const form = await admin.get('/panel/regulamin/nowa');
    assert.match(form.body, /Gmina Miejska Kraków/, 'starts from the version in force');

    const missing = await admin.post('/panel/regulamin/nowa', {
      bodyPl: '## Nowe\n\nTekst',
      bodyEn: '',
      bodyUk: 'Текст',
      action: 'preview',
    });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /href="#f-bodyEn"/);

    const texts = {
      bodyPl: '## 1. Nowe zasady\n\nWersja druga <b>regulaminu</b>.\n\n- punkt pierwszy\n- punkt drugi',
      bodyEn: '## 1. New rules\n\nVersion two of the terms.',
      bodyUk: '## 1. Нові правила\n\nДруга версія правил.',
    };
    const preview = await admin.post('/panel/regulamin/nowa', { ...texts, action: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<h2 class="govuk-heading-m">1\. Nowe zasady<\/h2>/);
    assert.match(preview.body, /Wersja druga &lt;b>regulaminu&lt;\/b>\./, 'escaped');
    assert.match(preview.body, /<li>punkt drugi<\/li>/);
    assert.match(preview.body, /Opublikuj jako wersję 2/);
    assert.match(
      (await t.client().get('/regulamin')).body,
      /Gmina Miejska Kraków/,
      'a preview publishes nothing',
    );

    const published = await admin.post('/panel/regulamin/nowa', { ...texts, action: 'publish' });
    assert.equal(published.statusCode, 303);
    assert.equal(published.headers.location, '/panel/regulamin');
    const now = await t.client().get('/regulamin');
    assert.match(now.body, /Nowe zasady/);
    assert.match(now.body, /href="\/regulamin\/wersje\/1"/);
    const old = await t.client().get('/regulamin/wersje/1');
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /Gmina Miejska Kraków/);
    assert.ok(old.body.includes(esc(pl.terms.pastNotice)));
    assert.equal((await t.client().get('/regulamin/wersje/99')).statusCode, 404);
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'terms.published'));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actorId, admin.userId);
  });

  it('the person who accepted version 1 must accept version 2 on their next page, then goes on', async () => {
    const c = await t.signedIn('resident');
    await servicesOf(t.app.klaster.services, 'accounts').terms.accept(
      as({ id: c.userId, role: 'resident' }),
      1,
    );
    const terms = servicesOf(t.app.klaster.services, 'accounts').terms;
    const current = await terms.currentVersion();
    if (current < 2)
      await terms.publish(as({ id: c.userId, role: 'admin' }), {
        bodyPl: '## Druga\n\nTekst',
        bodyEn: '## Second\n\nText',
        bodyUk: '## Друга\n\nТекст',
      });
    const v = await terms.currentVersion();

    const gated = await c.get('/przestrzenie/moje?widok=minione');
    assert.equal(gated.statusCode, 303);
    assert.equal(
      gated.headers.location,
      `/regulamin/akceptacja?next=${encodeURIComponent('/przestrzenie/moje?widok=minione')}`,
    );
    const page = await c.get(gated.headers.location!);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(esc(pl.terms.accept.title)));
    assert.equal((await c.get('/regulamin')).statusCode, 200, 'the terms themselves stay open');

    const unticked = await c.post('/regulamin/akceptacja', {
      version: String(v),
      next: '/przestrzenie/moje?widok=minione',
    });
    assert.equal(unticked.statusCode, 422);
    assert.ok(unticked.body.includes(esc(pl.terms.accept.mustTick)));
    assert.equal((await c.get('/konto')).statusCode, 303, 'still asked');

    const accepted = await c.post('/regulamin/akceptacja', {
      version: String(v),
      accept: 'yes',
      next: '/przestrzenie/moje?widok=minione',
    });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/przestrzenie/moje?widok=minione');
    assert.equal((await c.get('/przestrzenie/moje?widok=minione')).statusCode, 200);
    assert.equal((await c.get('/regulamin/akceptacja')).statusCode, 303, 'nothing left to accept');

    const data = JSON.parse((await c.get('/konto/dane.json')).body) as {
      consents: Array<{ kind: string; termsVersion?: number }>;
    };
    assert.deepEqual(
      data.consents.filter((x) => x.kind === 'terms').map((x) => x.termsVersion),
      [1, v],
      'the export keeps every acceptance with its version',
    );
  });

  it('the next path cannot lead off the site', async () => {
    const c = await t.signedIn('resident');
    await servicesOf(t.app.klaster.services, 'accounts').terms.accept(
      as({ id: c.userId, role: 'resident' }),
      1,
    );
    const v = await servicesOf(t.app.klaster.services, 'accounts').terms.currentVersion();
    const res = await c.post('/regulamin/akceptacja', {
      version: String(v),
      accept: 'yes',
      next: '//evil.example/',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/konto');
  });
});
