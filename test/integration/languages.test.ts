// Every page in Polish, English and Ukrainian, and a language switch that only ever sends people
// back to a page of this site. Pages are enumerated from the registered routes, so pages that
// modules add later are checked without edits here.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ensureUser } from '../../src/platform/auth/users.ts';
import { safeNext } from '../../src/platform/http/urls.ts';
import { locales } from '../../src/platform/i18n/index.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import {
  type ActorKind,
  ActorPool,
  paramsOf,
  randomAddress,
  registeredRoutes,
  send,
} from '../support/routes.ts';

/** Who opens the pages of each access level. */
const openerOf = { public: 'anonymous', user: 'resident', staff: 'staff', admin: 'admin' } as const;

const h1Count = (html: string) => (html.match(/<h1\b/g) ?? []).length;
const h1Text = (html: string) =>
  /<h1\b[^>]*>([\s\S]*?)<\/h1>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim() ?? '';

const OFFSITE = [
  'https://evil.example',
  '//evil.example',
  '//evil.example/kontakt',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  ' //evil.example',
  'javascript:alert(1)',
  'kontakt',
  '',
];

describe('pages and languages', () => {
  let t: TestApp;
  let pool: ActorPool;
  before(async () => {
    t = await createTestApp();
    pool = new ActorPool(t);
  });
  after(async () => t.close());

  it('every page without parameters renders in pl, en and uk with a matching lang and one h1', async () => {
    const pages = registeredRoutes(t.app).filter(
      (r) => r.method === 'GET' && paramsOf(r.url).length === 0 && !r.url.includes('*'),
    );
    let checked = 0;
    const publicHtml = new Set<string>();
    const failures: string[] = [];
    for (const route of pages) {
      const kind: ActorKind = openerOf[route.access];
      const headings = new Map<string, string>();
      for (const locale of locales) {
        const actor = await pool.get(kind);
        actor.client.cookies.set('klaster_lang', locale);
        const res = await send(actor, { method: 'GET', url: route.url });
        const where = `${route.url} as ${kind} in ${locale}: ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`server error — ${where}`);
        if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
        checked += 1;
        if (route.access === 'public') publicHtml.add(route.url);
        if (!new RegExp(`<html lang="${locale}"`).test(res.body)) failures.push(`wrong lang — ${where}`);
        if (h1Count(res.body) !== 1) failures.push(`${h1Count(res.body)} h1 elements — ${where}`);
        if (!/<title>[^<]+<\/title>/.test(res.body)) failures.push(`no title — ${where}`);
        headings.set(locale, h1Text(res.body));
      }
      // The heading is translated: not the same words in all three languages.
      if (headings.size === 3 && new Set(headings.values()).size === 1)
        failures.push(`${route.url}: the h1 "${headings.get('pl')}" is not translated`);
    }
    console.log(
      `languages: ${checked} renderings checked (${publicHtml.size} public HTML pages, each in 3 languages)`,
    );
    assert.deepEqual(failures, []);
    // The public pages this foundation promises are among them: the list is the real one.
    for (const url of [
      '/',
      '/deklaracja-dostepnosci',
      '/prywatnosc',
      '/kontakt',
      '/logowanie',
      '/rejestracja',
    ])
      assert.ok(publicHtml.has(url), url);
    assert.ok(checked >= publicHtml.size * 3);
  });

  it('without a choice the language follows the browser, and Polish is the default', async () => {
    const c = t.client();
    assert.match(
      (await c.get('/kontakt', { 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' })).body,
      /<html lang="uk"/,
    );
    assert.match((await c.get('/kontakt', { 'accept-language': 'de-DE,en;q=0.7' })).body, /<html lang="en"/);
    assert.match((await c.get('/kontakt', { 'accept-language': 'fr-FR' })).body, /<html lang="pl"/);
    assert.match((await c.get('/kontakt')).body, /<html lang="pl"/);
  });

  it('the switch sets an HttpOnly, SameSite=Lax cookie and returns to the page it was asked from', async () => {
    const c = t.client();
    const res = await c.get('/jezyk/en?next=/kontakt');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/kontakt');
    const cookie = [res.headers['set-cookie']].flat().find((x) => String(x).startsWith('klaster_lang='));
    assert.match(String(cookie), /^klaster_lang=en;/);
    assert.match(String(cookie), /HttpOnly/i);
    assert.match(String(cookie), /SameSite=Lax/i);
    assert.match((await c.get('/kontakt')).body, /<html lang="en"/);
    // The choice outranks the browser's preference, and can be changed again.
    assert.match((await c.get('/kontakt', { 'accept-language': 'pl' })).body, /<html lang="en"/);
    await c.get('/jezyk/uk?next=/');
    assert.match((await c.get('/')).body, /<html lang="uk"/);
    // A query string and Polish letters in the page address survive the round trip.
    const back = await c.get(`/jezyk/pl?next=${encodeURIComponent('/kontakt?temat=zażółć')}`);
    assert.equal(back.headers.location, `/kontakt?temat=${encodeURIComponent('zażółć')}`);
  });

  it('the switch never sends anyone to another site', async () => {
    for (const next of OFFSITE) {
      const res = await t.client().get(`/jezyk/en?next=${encodeURIComponent(next)}`);
      assert.equal(res.statusCode, 303, JSON.stringify(next));
      assert.equal(res.headers.location, '/', JSON.stringify(next));
    }
    const unknown = await t.client().get('/jezyk/xx?next=/kontakt');
    assert.equal(unknown.statusCode, 400);
    assert.ok(![unknown.headers['set-cookie']].flat().some((x) => String(x).startsWith('klaster_lang=')));
  });

  it('sign-in follows only a next address on this site', async () => {
    const email = `next-${randomBytes(4).toString('hex')}@example.org`;
    await ensureUser(t.database.db, t.app.klaster.auth, { email, name: 'Next', password: TEST_PASSWORD });
    for (const [next, expected] of [
      ['/kontakt', '/kontakt'],
      ...OFFSITE.map((n) => [n, '/konto']),
    ] as const) {
      const c = t.client();
      const csrf = await c.csrf();
      const res = await c.request({
        method: 'POST',
        url: '/logowanie',
        remoteAddress: randomAddress(),
        payload: new URLSearchParams({ _csrf: csrf, email, password: TEST_PASSWORD, next }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.statusCode, 303, JSON.stringify(next));
      assert.equal(res.headers.location, expected, JSON.stringify(next));
    }
  });

  it('safeNext keeps local paths and refuses everything else', () => {
    assert.equal(safeNext('/konto/profil?x=1#a'), '/konto/profil?x=1#a');
    assert.equal(safeNext('/mapa pomocy'), '/mapa%20pomocy');
    assert.equal(safeNext('/zażółć'), `/${encodeURIComponent('zażółć')}`);
    for (const bad of [
      ...OFFSITE,
      '/\r\nSet-Cookie: x=1',
      '/a\u0000b',
      `/${'a'.repeat(2001)}`,
      undefined,
      42,
      ['/'],
    ])
      assert.equal(safeNext(bad, '/fallback'), '/fallback', JSON.stringify(bad));
  });
});
