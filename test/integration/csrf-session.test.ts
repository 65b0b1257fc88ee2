// CSRF tokens bound to the session: a token someone obtained anonymously (or before the victim
// signed in) is no use with the victim's session; the anonymous seed changes at sign-in; in
// production the cookies carry the __Host- prefix, so a sibling subdomain cannot plant them.
// And personal JSON answers are never kept by a cache.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedTestSpaces } from '../../src/modules/spaces/test-helpers.ts';
import { user } from '../../src/platform/auth/schema.ts';
import { ensureUser } from '../../src/platform/auth/users.ts';
import { Client, createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [];
}
const cookieValue = (res: { headers: Record<string, unknown> }, name: string) =>
  setCookies(res)
    .map((c) => c.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** The token a rendered page carries. */
const tokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];

describe('CSRF tokens belong to the session', () => {
  let t: TestApp;
  let prod: FastifyInstance;
  before(async () => {
    t = await createTestApp();
    await seedTestSpaces(t.database);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: t.dataDir,
      AUTH_SECRET: SECRET,
      BASE_URL: 'https://klaster.example',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    prod = await buildApp({ config, database: t.database });
    await prod.ready();
  });
  after(async () => {
    await prod.close();
    await t.close();
  });
  const nameOf = async (id: string) =>
    (await t.database.db.select({ name: user.name }).from(user).where(eq(user.id, id)))[0]!.name;
  const profile = (name: string) => ({ name, locale: 'pl', phone: '' });

  it('the navigation, drawn once per language and role, carries each person’s own sign-out token and marks the page they are on', async () => {
    const [anna, borys] = await t.signedInMany(2, { prefix: 'nav-token' });
    const annaPage = (await anna!.get('/konto')).body;
    const borysPage = (await borys!.get('/konto')).body;
    const signOutTokens = (body: string) =>
      [...body.matchAll(/action="\/wyloguj"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/g)].map(
        (m) => m[1],
      );
    const annas = signOutTokens(annaPage);
    const boryss = signOutTokens(borysPage);
    assert.equal(annas.length, 2, 'the wide and the narrow navigation each have the sign-out form');
    assert.equal(new Set(annas).size, 1);
    assert.notEqual(annas[0], boryss[0], 'Borys’s page does not carry Anna’s token');
    // The current page is marked in the navigation; another page marks its own entry.
    assert.match(annaPage, /<a class="klaster-nav__link" href="\/konto" aria-current="page">/);
    const home = (await anna!.get('/')).body;
    assert.doesNotMatch(home, /href="\/konto" aria-current/);
    assert.match(home, /<a class="klaster-nav__link" href="\/" aria-current="page">/);
    // Each signs out with the token of their own page; Anna's token is no use to Borys.
    assert.equal((await borys!.post('/wyloguj', {}, { csrf: annas[0]! })).statusCode, 403);
    assert.equal((await borys!.post('/wyloguj', {}, { csrf: boryss[0]! })).statusCode, 303);
    assert.equal((await anna!.post('/wyloguj', {}, { csrf: annas[0]! })).statusCode, 303);
    assert.equal((await anna!.get('/konto')).statusCode, 303, 'signed out: /konto sends to the sign-in');
  });

  it('a token obtained anonymously does not work with a victim’s session, even with its seed cookie planted', async () => {
    const attacker = t.client();
    const token = await attacker.csrf();
    const seed = attacker.cookies.get('klaster_csrf')!;
    assert.ok(seed && token);
    const victim = await t.signedIn('resident', { name: 'Ofiara Ataku' });

    // The victim's browser, with the attacker's seed cookie tossed in, posts the attacker's token.
    const forged = new Client(t.app);
    for (const [k, v] of victim.cookies) forged.cookies.set(k, v);
    forged.cookies.set('klaster_csrf', seed);
    const res = await forged.post('/konto/profil', profile('Przejęte Konto'), { csrf: token });
    assert.equal(res.statusCode, 403);
    // Nor with the victim's own seed cookie.
    const mixed = await victim.post('/konto/profil', profile('Przejęte Konto'), { csrf: token });
    assert.equal(mixed.statusCode, 403);
    assert.equal(await nameOf(victim.userId), 'Ofiara Ataku', 'nothing changed');

    // The token of the victim's own page works, and stays the same from page to page.
    const page = await victim.get('/konto/profil');
    const own = tokenIn(page.body)!;
    assert.equal(tokenIn((await victim.get('/konto')).body), own);
    const ok = await victim.post('/konto/profil', profile('Ofiara Spokojna'), { csrf: own });
    assert.equal(ok.statusCode, 303);
    assert.equal(await nameOf(victim.userId), 'Ofiara Spokojna');
  });

  it('another person’s session token is refused too', async () => {
    const a = await t.signedIn('resident', { name: 'Pierwsza Osoba' });
    const b = await t.signedIn('resident', { name: 'Druga Osoba' });
    const tokenOfA = tokenIn((await a.get('/konto/profil')).body)!;
    const res = await b.post('/konto/profil', profile('Zmienione'), { csrf: tokenOfA });
    assert.equal(res.statusCode, 403);
    assert.equal(await nameOf(b.userId), 'Druga Osoba');
  });

  it('signing in replaces the anonymous seed, and a token from before sign-in stops working', async () => {
    const email = `csrf-${randomBytes(4).toString('hex')}@test.example`;
    const { id } = await ensureUser(t.database.db, t.app.klaster.auth, {
      email,
      name: 'Przed Logowaniem',
      password: TEST_PASSWORD,
    });
    const c = t.client();
    const early = await c.csrf();
    const seedBefore = c.cookies.get('klaster_csrf');
    const signIn = await c.post('/logowanie', { email, password: TEST_PASSWORD }, { csrf: early });
    assert.equal(signIn.statusCode, 303);
    const seedAfter = cookieValue(signIn, 'klaster_csrf');
    assert.ok(seedAfter, 'the sign-in answer sets a new seed');
    assert.notEqual(seedAfter, seedBefore);

    const stale = await c.post('/konto/profil', profile('Z Tokenem Sprzed'), { csrf: early });
    assert.equal(stale.statusCode, 403);
    assert.equal(await nameOf(id), 'Przed Logowaniem');
    const fresh = tokenIn((await c.get('/konto/profil')).body)!;
    assert.notEqual(fresh, early);
    assert.equal((await c.post('/konto/profil', profile('Po Logowaniu'), { csrf: fresh })).statusCode, 303);

    // After signing out, the session's token is worth nothing either.
    assert.equal((await c.post('/wyloguj', {}, { csrf: fresh })).statusCode, 303);
    const afterOut = await c.post(
      '/rejestracja',
      {
        name: 'X',
        email: `x-${randomBytes(3).toString('hex')}@example.org`,
        password: 'rower kawa most zegar',
        locale: 'pl',
        consents: 'terms',
      },
      { csrf: fresh },
    );
    assert.equal(afterOut.statusCode, 403);
  });

  it('an answer without a form gives no seed cookie; a page with one does, and its token works', async () => {
    const c = t.client();
    for (const url of ['/', '/przestrzenie', '/api/v1/spaces/resources', '/no-such-page']) {
      const res = await c.get(url);
      assert.equal(cookieValue(res, 'klaster_csrf'), undefined, `no seed cookie from ${url}`);
    }
    assert.equal(c.cookies.get('klaster_csrf'), undefined);
    const form = await c.get('/rejestracja');
    const seed = cookieValue(form, 'klaster_csrf');
    assert.ok(seed, 'the registration form gives a seed');
    assert.ok(tokenIn(form.body), 'and carries a token');
    // The same browser's next form reuses the seed: no new cookie.
    const again = await c.get('/logowanie');
    assert.equal(cookieValue(again, 'klaster_csrf'), undefined);
    assert.equal(tokenIn(again.body), tokenIn(form.body));
    const res = await c.post(
      '/rejestracja',
      {
        name: 'Bez formularza',
        email: `lazy-${randomBytes(3).toString('hex')}@example.org`,
        password: 'rower kawa most zegar',
        locale: 'pl',
        consents: 'terms',
      },
      { csrf: tokenIn(form.body) },
    );
    assert.equal(res.statusCode, 303, res.body);
  });

  it('in production both cookies carry the __Host- prefix (Secure, Path=/, no Domain), and unprefixed ones are ignored', async () => {
    const c = new Client(prod);
    const home = await c.get('/');
    const email = `prod-${randomBytes(4).toString('hex')}@test.example`;
    await ensureUser(t.database.db, prod.klaster.auth, { email, name: 'Prod User', password: TEST_PASSWORD });
    const signIn = await c.post('/logowanie', { email, password: TEST_PASSWORD });
    assert.equal(signIn.statusCode, 303);
    const cookies = [...setCookies(home), ...setCookies(signIn)];
    const names = cookies.map((x) => x.split('=')[0]!);
    assert.ok(names.includes('__Host-klaster_csrf'), names.join());
    assert.ok(names.includes('__Host-klaster.session_token'), names.join());
    for (const cookie of cookies.filter((x) => x.startsWith('__Host-'))) {
      assert.match(cookie, /;\s*Secure/i, cookie);
      assert.match(cookie, /;\s*Path=\/(;|$)/i, cookie);
      assert.doesNotMatch(cookie, /;\s*Domain=/i, cookie);
    }
    assert.equal((await c.get('/konto')).statusCode, 200, 'the prefixed session works');

    // A session cookie under the old, unprefixed name (what a sibling subdomain could set) is not
    // a session here.
    const tossed = new Client(prod);
    tossed.cookies.set('klaster.session_token', c.cookies.get('__Host-klaster.session_token')!);
    assert.equal((await tossed.get('/konto')).statusCode, 303);
    // An unprefixed seed cookie with a token computed for it is refused: only __Host- counts.
    const anon = new Client(prod);
    const token = await anon.csrf();
    const seed = anon.cookies.get('__Host-klaster_csrf')!;
    const planted = new Client(prod);
    planted.cookies.set('klaster_csrf', seed);
    const res = await planted.post(
      '/rejestracja',
      {
        name: 'X',
        email: `p-${randomBytes(3).toString('hex')}@example.org`,
        password: 'rower kawa most zegar',
        locale: 'pl',
        consents: 'terms',
      },
      { csrf: token },
    );
    assert.equal(res.statusCode, 403);
  });
});

describe('personal JSON answers are not cached', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedTestSpaces(t.database);
  });
  after(async () => t.close());

  it('every /api/v1 answer to a request with a session cookie says no-store', async () => {
    const resident = await t.signedIn('resident');
    for (const url of [
      '/api/v1/me',
      '/api/v1/spaces/bookings',
      '/api/v1/organisations',
      '/api/v1/spaces/resources',
      '/api/v1/spaces/resources/pomieszczenie-b2b/availability?from=2030-03-04&to=2030-03-05',
      '/api/v1/spaces/bookings/nie-ma-takiej',
    ]) {
      const res = await resident.get(url);
      assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
    // A session cookie that is no longer valid still marks the answer personal (a 401 here).
    const stale = new Client(t.app);
    stale.cookies.set('klaster.session_token', 'nie-ma.takiej');
    const refused = await stale.get('/api/v1/me');
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['cache-control'], 'no-store');
  });

  it('public answers to anonymous callers keep their caching', async () => {
    const res = await t
      .client()
      .get('/api/v1/spaces/resources/pomieszczenie-b2b/availability?from=2030-03-04&to=2030-03-05');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+/);
  });
});
