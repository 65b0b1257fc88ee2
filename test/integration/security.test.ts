// The security baseline a city's security officer would check: headers, cookies, CSRF, body and
// content-type limits, request ids, error pages without internals, rate limits, and sign-in and
// password-reset answers that do not reveal who has an account.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { user } from '../../src/platform/auth/schema.ts';
import { ensureUser } from '../../src/platform/auth/users.ts';
import { type Locale, locales, messages } from '../../src/platform/i18n/index.ts';
import { mailOutbox } from '../../src/platform/mail/schema.ts';
import { Client, createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { randomAddress } from '../support/routes.ts';

const SIGNIN_LIMIT = 3;
const SECRET = 'test-secret-test-secret-test-secret-0123';

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The set-cookie headers of a response as a list. */
function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [];
}

/** Posts a form from a given client address, with the client's valid CSRF token unless told. */
async function postFrom(
  c: Client,
  address: string,
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const csrf = await c.csrf();
  return c.request({
    method: 'POST',
    url,
    remoteAddress: address,
    payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const STACK = /\n\s+at |node_modules|\.tsx?:\d+|kaboom/;

describe('security baseline', () => {
  let t: TestApp;
  /** Same database and secret, other settings (production, tight rate limit) and probe routes. */
  const variants: FastifyInstance[] = [];
  async function variant(
    env: Record<string, string>,
    routes?: (app: FastifyInstance) => void,
  ): Promise<FastifyInstance> {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: t.dataDir,
      AUTH_SECRET: SECRET,
      BASE_URL: 'http://localhost:3000',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    });
    const app = await buildApp({ config, database: t.database });
    routes?.(app);
    await app.ready();
    variants.push(app);
    return app;
  }

  let probes: FastifyInstance;
  before(async () => {
    t = await createTestApp({ env: { SIGNIN_LIMIT_PER_15_MIN: String(SIGNIN_LIMIT) } });
    probes = await variant({}, (app) => {
      app.get('/test/boom', { config: { access: 'public' } }, async () => {
        throw new Error('kaboom: internal detail');
      });
      app.get('/api/v1/test/boom', { config: { access: 'public' } }, async () => {
        throw new Error('kaboom: internal detail');
      });
      app.get('/test/staff-only', { config: { access: 'staff' } }, async () => 'staff');
      // What @fastify/under-pressure throws when the event loop is overloaded.
      app.get('/test/busy', { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('Service Unavailable'), {
          statusCode: 503,
          code: 'FST_UNDER_PRESSURE',
        });
      });
      app.get('/api/v1/test/busy', { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('Service Unavailable'), {
          statusCode: 503,
          code: 'FST_UNDER_PRESSURE',
        });
      });
      app.get('/test/user-only', { config: { access: 'user' } }, async () => 'user');
      app.post('/api/v1/test/echo', { config: { access: 'public' } }, async (request) => ({
        got: request.body,
      }));
    });
  });
  after(async () => {
    for (const app of variants) await app.close();
    await t.close();
  });

  describe('headers', () => {
    it('sends a strict Content-Security-Policy and the usual hardening headers on pages, errors and the API', async () => {
      const c = t.client();
      for (const url of ['/', '/no-such-page', '/api/v1/openapi.json', '/logowanie']) {
        const res = await c.get(url);
        const csp = String(res.headers['content-security-policy'] ?? '');
        assert.ok(csp, `CSP on ${url}`);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
        assert.match(csp, /(^|;)\s*script-src 'self'(;|$)/, url);
        assert.match(csp, /(^|;)\s*default-src 'self'/, url);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /object-src 'none'/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.ok(res.headers['referrer-policy'], url);
        assert.equal(res.headers['x-powered-by'], undefined, url);
        assert.equal(
          res.headers['strict-transport-security'],
          undefined,
          `no HSTS outside production (${url})`,
        );
      }
    });

    it('pages carry no inline scripts or styles the CSP would block', async () => {
      const res = await t.client().get('/');
      assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/);
      assert.doesNotMatch(res.body, /<style\b|\sstyle="|\son[a-z]+="/);
    });

    it('gives every response a request id, errors included', async () => {
      const c = t.client();
      const ids = new Set<string>();
      for (const url of ['/', '/no-such-page', '/api/v1/nothing']) {
        const res = await c.get(url);
        const id = String(res.headers['x-request-id'] ?? '');
        assert.match(id, /^[0-9a-f-]{36}$/, url);
        ids.add(id);
      }
      const boom = await new Client(probes).get('/test/boom');
      assert.match(String(boom.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      assert.equal(ids.size, 3, 'a new id per request');
    });
  });

  describe('sessions', () => {
    it('signed-in pages are not kept in shared caches', async () => {
      const resident = await t.signedIn('resident');
      assert.equal((await resident.get('/')).headers['cache-control'], 'no-store');
    });

    it('blocking an account ends its access at once, even with a live session', async () => {
      const resident = await t.signedIn('resident');
      const c = new Client(probes);
      for (const [k, v] of resident.cookies) c.cookies.set(k, v);
      assert.equal((await c.get('/test/user-only')).statusCode, 200);
      await t.database.db.update(user).set({ blockedAt: new Date() }).where(eq(user.id, resident.userId));
      const after = await c.get('/test/user-only');
      assert.equal(after.statusCode, 303);
      assert.match(String(after.headers.location), /^\/logowanie\?next=/);
    });
  });

  describe('production mode', () => {
    it('adds HSTS and upgrade-insecure-requests, and marks every cookie Secure, HttpOnly and SameSite=Lax', async () => {
      const prod = await variant({
        NODE_ENV: 'production',
        BASE_URL: 'https://klaster.example',
        AUTH_SECRET: SECRET,
      });
      assert.equal(prod.klaster.config.production, true);
      const c = new Client(prod);
      const home = await c.get('/');
      assert.match(String(home.headers['strict-transport-security']), /max-age=(\d{8,}|3[1-9]\d{6})/);
      assert.match(String(home.headers['content-security-policy']), /upgrade-insecure-requests/);

      const email = `prod-${randomBytes(4).toString('hex')}@test.example`;
      await ensureUser(t.database.db, prod.klaster.auth, {
        email,
        name: 'Prod User',
        password: TEST_PASSWORD,
      });
      const cookies = [...setCookies(home)];
      cookies.push(...setCookies(await c.get('/jezyk/en?next=/')));
      const signIn = await postFrom(c, randomAddress(), '/logowanie', { email, password: TEST_PASSWORD });
      assert.equal(signIn.statusCode, 303);
      cookies.push(...setCookies(signIn));
      const names = cookies.map((x) => x.split('=')[0]);
      assert.ok(names.includes('__Host-klaster_csrf'), names.join());
      assert.ok(names.includes('klaster_lang'), names.join());
      assert.ok(
        names.some((n) => /session_token$/.test(n ?? '')),
        `a session cookie is set: ${names.join()}`,
      );
      for (const cookie of cookies) {
        assert.match(cookie, /;\s*Secure/i, cookie);
        assert.match(cookie, /;\s*HttpOnly/i, cookie);
        assert.match(cookie, /;\s*SameSite=Lax/i, cookie);
      }
      // The secure session cookie works: the signed-in person is recognised.
      const account = await c.get('/logowanie');
      assert.equal(account.statusCode, 303);
      assert.equal(account.headers.location, '/konto');
    });

    it('outside production the same cookies are HttpOnly and SameSite=Lax, not Secure', async () => {
      const c = t.client();
      const cookies = [...setCookies(await c.get('/')), ...setCookies(await c.get('/jezyk/uk?next=/'))];
      const signed = await t.signedIn('resident');
      assert.ok(signed.cookies.size >= 2);
      const email = `dev-${randomBytes(4).toString('hex')}@test.example`;
      await ensureUser(t.database.db, t.app.klaster.auth, { email, name: 'Dev', password: TEST_PASSWORD });
      cookies.push(
        ...setCookies(await postFrom(c, randomAddress(), '/logowanie', { email, password: TEST_PASSWORD })),
      );
      assert.ok(cookies.some((x) => x.startsWith('klaster.session_token=')));
      for (const cookie of cookies) {
        assert.doesNotMatch(cookie, /;\s*Secure/i, cookie);
        assert.match(cookie, /;\s*HttpOnly/i, cookie);
        assert.match(cookie, /;\s*SameSite=Lax/i, cookie);
      }
    });
  });

  describe('CSRF', () => {
    for (const locale of locales) {
      it(`a form posted without a valid token gets 403 in the reader's language (${locale}) and stores nothing`, async () => {
        const c = t.client();
        await c.get(`/jezyk/${locale}?next=/`);
        const other = await t.client().csrf();
        const email = `csrf-${locale}-${randomBytes(4).toString('hex')}@example.org`;
        const form = {
          name: 'Csrf Test',
          email,
          password: 'rower kawa most zegar',
          locale: 'pl',
          consents: 'terms',
        };
        for (const csrf of [false, 'forged-token', other] as const) {
          const res = await c.post('/rejestracja', form, { csrf });
          assert.equal(res.statusCode, 403, `token ${String(csrf)}`);
          assert.match(res.body, new RegExp(`<html lang="${locale}"`));
          assert.ok(res.body.includes(escapeHtml(messages[locale].common.pages.csrfTitle)));
        }
        const stored = await t.database.db.select().from(user).where(eq(user.email, email));
        assert.equal(stored.length, 0, 'no account was created');
        // The same form with the token goes through, so the refusal was about the token alone.
        assert.equal((await c.post('/rejestracja', form)).statusCode, 303);
      });
    }

    it('a JSON API call is not a form: it needs no token but must be JSON (415 otherwise)', async () => {
      const c = new Client(probes);
      const ok = await c.json('POST', '/api/v1/test/echo', { a: 1 });
      assert.equal(ok.statusCode, 200);
      for (const [type, payload] of [
        ['text/plain', 'a=1'],
        ['application/x-www-form-urlencoded', 'a=1'],
        ['multipart/form-data; boundary=x', '--x--'],
        [undefined, 'a=1'],
      ] as const) {
        const res = await c.request({
          method: 'POST',
          url: '/api/v1/test/echo',
          payload,
          headers: type ? { 'content-type': type } : {},
        });
        assert.equal(res.statusCode, 415, String(type));
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        assert.equal(res.json().status, 415);
      }
    });
  });

  describe('size limits', () => {
    it('a form body over BODY_LIMIT_BYTES gets 413, a page in the reader’s language, and stores nothing', async () => {
      const limit = t.app.klaster.config.bodyLimit;
      const c = t.client();
      await c.get('/jezyk/en?next=/');
      const email = `big-${randomBytes(4).toString('hex')}@example.org`;
      const res = await c.request({
        method: 'POST',
        url: '/rejestracja',
        payload: new URLSearchParams({
          _csrf: await c.csrf(),
          name: 'x'.repeat(limit + 10),
          email,
          password: 'rower kawa most zegar',
          locale: 'pl',
          consents: 'terms',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.statusCode, 413);
      assert.match(res.body, /<html lang="en"/);
      assert.doesNotMatch(res.body, STACK);
      assert.equal((await t.database.db.select().from(user).where(eq(user.email, email))).length, 0);
    });

    it('a JSON body over the limit gets a 413 problem document', async () => {
      const limit = probes.klaster.config.bodyLimit;
      const res = await new Client(probes).json('POST', '/api/v1/test/echo', { a: 'x'.repeat(limit) });
      assert.equal(res.statusCode, 413);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().status, 413);
    });
  });

  describe('error pages', () => {
    const expectations: Array<[string, number, 'notFoundTitle' | 'forbiddenTitle' | 'serverErrorTitle']> = [
      ['/no-such-page', 404, 'notFoundTitle'],
      ['/test/staff-only', 403, 'forbiddenTitle'],
      ['/test/boom', 500, 'serverErrorTitle'],
    ];
    for (const locale of locales) {
      it(`404, 403 and 500 are pages in ${locale}, with no stack trace`, async () => {
        const resident = await t.signedIn('resident');
        const c = new Client(probes);
        for (const [k, v] of resident.cookies) c.cookies.set(k, v);
        // Half the time through the switch, half through the cookie set by hand.
        if (locale === 'en') await c.get(`/jezyk/${locale}?next=/`);
        else c.cookies.set('klaster_lang', locale);
        for (const [url, status, title] of expectations) {
          const res = await c.get(url);
          assert.equal(res.statusCode, status, url);
          assert.match(String(res.headers['content-type']), /^text\/html/);
          assert.match(res.body, new RegExp(`<html lang="${locale}"`), url);
          assert.ok(
            res.body.includes(escapeHtml(messages[locale].common.pages[title])),
            `${url} in ${locale}`,
          );
          assert.equal((res.body.match(/<h1\b/g) ?? []).length, 1);
          assert.doesNotMatch(res.body, STACK, url);
          if (status === 500) {
            const id = String(res.headers['x-request-id']);
            assert.ok(res.body.includes(escapeHtml(messages[locale].common.pages.errorReference(id))));
          }
        }
      });
    }

    it('an overloaded node answers 503 with Retry-After, as a page and as a problem, not as a fault', async () => {
      const page = await new Client(probes).get('/test/busy');
      assert.equal(page.statusCode, 503);
      assert.equal(page.headers['retry-after'], '5');
      assert.ok(page.body.includes(escapeHtml(messages.pl.common.pages.busyTitle)));
      const api = await new Client(probes).get('/api/v1/test/busy');
      assert.equal(api.statusCode, 503);
      assert.equal(api.json().type, 'https://klaster.dev/problems/service-unavailable');
    });

    it('a malformed or over-long address gets a 4xx page in the reader’s language with a request id, not bare JSON', async () => {
      const c = t.client();
      c.cookies.set('klaster_lang', 'uk');
      // Refused before any hook runs, it still carries every security header of an ordinary page.
      const ordinary = (await c.get('/')).headers;
      const security = [
        'content-security-policy',
        'strict-transport-security',
        'x-frame-options',
        'x-content-type-options',
        'referrer-policy',
        'cross-origin-opener-policy',
      ];
      for (const [url, status] of [
        ['/%', 400],
        ['/%E0%A4%A', 400],
        [`/jezyk/${'x'.repeat(500)}`, 414],
      ] as const) {
        const res = await c.get(url);
        assert.equal(res.statusCode, status, url);
        assert.match(String(res.headers['content-type']), /^text\/html/, url);
        assert.match(res.body, /<html lang="uk"/, url);
        assert.ok(res.body.includes(escapeHtml(messages.uk.common.pages.badRequestTitle)), url);
        assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, url);
        assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-inline/);
        for (const name of security)
          if (ordinary[name] !== undefined)
            assert.equal(res.headers[name], ordinary[name], `${url}: ${name}`);
        assert.ok(res.headers['x-frame-options'], `${url}: x-frame-options`);
      }
      const api = await c.get('/api/v1/%');
      assert.equal(api.statusCode, 400);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal(api.json().status, 400);
    });

    it('the API answers 404 and 500 with RFC 9457 problem documents without internals', async () => {
      const c = new Client(probes);
      for (const [url, status] of [
        ['/api/v1/no-such-thing', 404],
        ['/api/v1/test/boom', 500],
      ] as const) {
        const res = await c.get(url);
        assert.equal(res.statusCode, status);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        const problem = res.json() as Record<string, unknown>;
        assert.equal(problem.status, status);
        assert.equal(typeof problem.type, 'string');
        assert.equal(typeof problem.title, 'string');
        assert.equal(problem.instance, url);
        assert.doesNotMatch(res.body, STACK);
        assert.equal(problem.stack, undefined);
      }
    });
  });

  describe('rate limits', () => {
    it('the 6th request in a minute with RATE_LIMIT_PER_MINUTE=5 gets 429, a page in the reader’s language', async () => {
      const limited = await variant({ RATE_LIMIT_PER_MINUTE: '5' });
      const address = randomAddress();
      const get = (url: string, cookie?: string) =>
        limited.inject({ method: 'GET', url, remoteAddress: address, headers: cookie ? { cookie } : {} });
      for (let i = 0; i < 5; i++) assert.equal((await get('/kontakt', 'klaster_lang=uk')).statusCode, 200);
      const sixth = await get('/kontakt', 'klaster_lang=uk');
      assert.equal(sixth.statusCode, 429);
      assert.ok(Number(sixth.headers['retry-after']) > 0, 'says when to come back');
      assert.match(sixth.body, /<html lang="uk"/);
      assert.ok(sixth.body.includes(escapeHtml(messages.uk.common.pages.tooManyTitle)));
      assert.ok(sixth.headers['x-request-id']);
      // The API gets a problem document; health checks are never limited; another address is not.
      const api = await get('/api/v1/openapi.json');
      assert.equal(api.statusCode, 429);
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal((await get('/healthz')).statusCode, 200);
      const elsewhere = await limited.inject({
        method: 'GET',
        url: '/kontakt',
        remoteAddress: randomAddress(),
      });
      assert.equal(elsewhere.statusCode, 200);
    });

    it(`after ${SIGNIN_LIMIT} failed sign-ins for one account even the right password gets 429 and needs the e-mailed link, in the reader’s language`, async () => {
      const email = `target-${randomBytes(4).toString('hex')}@example.org`;
      await ensureUser(t.database.db, t.app.klaster.auth, { email, name: 'Target', password: TEST_PASSWORD });
      const c = t.client();
      await c.get('/jezyk/en?next=/');
      // Each failure from a different address: the limit follows the account, not the address.
      for (let i = 1; i <= SIGNIN_LIMIT; i++) {
        const res = await postFrom(c, randomAddress(), '/logowanie', {
          email,
          password: 'wrong password 123',
        });
        assert.equal(res.statusCode, i < SIGNIN_LIMIT ? 401 : 429);
      }
      const right = await postFrom(c, randomAddress(), '/logowanie', { email, password: TEST_PASSWORD });
      assert.equal(right.statusCode, 429);
      assert.match(right.body, /<html lang="en"/);
      assert.ok(right.body.includes(escapeHtml(messages.en.accounts.signInLocked)));
      assert.ok(!setCookies(right).some((x) => x.includes('session_token=') && !/max-age=0/i.test(x)));
      // Someone else signs in from the same kind of place without trouble.
      const other = `other-${randomBytes(4).toString('hex')}@example.org`;
      await ensureUser(t.database.db, t.app.klaster.auth, {
        email: other,
        name: 'Other',
        password: TEST_PASSWORD,
      });
      assert.equal(
        (await postFrom(t.client(), randomAddress(), '/logowanie', { email: other, password: TEST_PASSWORD }))
          .statusCode,
        303,
      );
    });

    it(`after ${SIGNIN_LIMIT} failed sign-ins from one address, it is refused only for accounts failing from it`, async () => {
      const address = randomAddress();
      const c = t.client();
      for (let i = 0; i < SIGNIN_LIMIT; i++) {
        const res = await postFrom(c, address, '/logowanie', {
          email: `nobody-${i}-${randomBytes(3).toString('hex')}@example.org`,
          password: 'guess guess guess',
        });
        assert.equal(res.statusCode, 401);
      }
      // Someone else behind the same address (an office, the coworking Wi-Fi) signs in.
      const email = `colleague-${randomBytes(4).toString('hex')}@example.org`;
      await ensureUser(t.database.db, t.app.klaster.auth, { email, name: 'C', password: TEST_PASSWORD });
      assert.equal(
        (await postFrom(c, address, '/logowanie', { email, password: TEST_PASSWORD })).statusCode,
        303,
      );
      // An account guessed at from there must wait, even with the right password.
      const victim = `victim-${randomBytes(4).toString('hex')}@example.org`;
      await ensureUser(t.database.db, t.app.klaster.auth, {
        email: victim,
        name: 'V',
        password: TEST_PASSWORD,
      });
      const guess = await postFrom(t.client(), address, '/logowanie', {
        email: victim,
        password: 'guess guess 2',
      });
      assert.equal(guess.statusCode, 401);
      const blocked = await postFrom(t.client(), address, '/logowanie', {
        email: victim,
        password: TEST_PASSWORD,
      });
      assert.equal(blocked.statusCode, 429);
      assert.ok(blocked.body.includes(escapeHtml(messages.pl.accounts.tooManyAttempts(15))));
      const elsewhere = await postFrom(t.client(), randomAddress(), '/logowanie', {
        email: victim,
        password: TEST_PASSWORD,
      });
      assert.equal(elsewhere.statusCode, 303);
    });
  });

  describe('no account enumeration', () => {
    /** The page as the reader sees it, with the typed address and per-client token taken out. */
    const normalise = (body: string, email: string) =>
      body.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');

    for (const locale of ['pl', 'en'] as Locale[]) {
      it(`a wrong password reads the same whether or not the address has an account (${locale})`, async () => {
        const known = `known-${randomBytes(4).toString('hex')}@example.org`;
        const unknown = `unknown-${randomBytes(4).toString('hex')}@example.org`;
        await ensureUser(t.database.db, t.app.klaster.auth, {
          email: known,
          name: 'K',
          password: TEST_PASSWORD,
        });
        const c = t.client();
        c.cookies.set('klaster_lang', locale);
        const a = await postFrom(c, randomAddress(), '/logowanie', {
          email: known,
          password: 'not the password',
        });
        const b = await postFrom(c, randomAddress(), '/logowanie', {
          email: unknown,
          password: 'not the password',
        });
        assert.equal(a.statusCode, 401);
        assert.equal(b.statusCode, a.statusCode);
        assert.ok(a.body.includes(escapeHtml(messages[locale].accounts.invalidCredentials)));
        assert.equal(normalise(b.body, unknown), normalise(a.body, known));
      });
    }

    it('a password-reset request answers the same for an existing and an unknown address', async () => {
      const known = `reset-${randomBytes(4).toString('hex')}@example.org`;
      const unknown = `noreset-${randomBytes(4).toString('hex')}@example.org`;
      const { id } = await ensureUser(t.database.db, t.app.klaster.auth, {
        email: known,
        name: 'R',
        password: TEST_PASSWORD,
      });
      const answers = [];
      for (const email of [known, unknown]) {
        const c = t.client();
        const res = await postFrom(c, randomAddress(), '/nie-pamietam-hasla', { email });
        const next = await c.get(String(res.headers.location));
        answers.push({
          status: res.statusCode,
          location: res.headers.location,
          page: normalise(next.body, email),
          nextStatus: next.statusCode,
        });
      }
      assert.equal(answers[0]!.status, 303);
      assert.deepEqual(answers[1], answers[0]);
      assert.ok(answers[0]!.page.includes(escapeHtml(messages.pl.accounts.forgotSent)));
      // Only the real account gets a message.
      const mail = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.userId, id));
      assert.ok(mail.some((m) => m.template === 'resetPassword'));
      const all = await t.database.db.select().from(mailOutbox);
      assert.ok(!all.some((m) => m.toAddress === unknown));
    });
  });
});
