// The second factor belongs to the session, not to the person (security review, issue 8): a session
// opened with the password alone never gets staff powers, enrolling or turning two-step sign-in off
// signs out every other session, the enrolment key is shown only to the session that started it, a
// code from the app is accepted once, and staff sessions end 12 hours after sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { Client, createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { randomAddress } from '../../../test/support/routes.ts';
import {
  backupCodesOf,
  keyOf,
  nextCode,
  secretFromUri,
  totp,
  uriOf,
  wrongCode,
} from '../../../test/support/totp.ts';
import { buildApp } from '../../app.ts';
import { session, user } from '../../platform/auth/schema.ts';

describe('the second factor is a property of the session', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  // Each browser has its own address: the two-step forms are limited per address and minute.
  const browser = <C extends Client>(c: C = t.client() as C): C =>
    Object.assign(c, { address: randomAddress() });
  const signedIn = async (...args: Parameters<TestApp['signedIn']>) => browser(await t.signedIn(...args));

  /** Another browser of the same person, signed in with the password. */
  async function anotherBrowser(email: string): Promise<Client> {
    const c = browser();
    const res = await c.post('/logowanie', { email, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
    return c;
  }

  /** Starts and confirms enrolment in this session; returns the secret, the code used, backup codes. */
  async function enrol(
    c: Client,
    next?: string,
  ): Promise<{ secret: string; code: string; backupCodes: string[] }> {
    const setup = await c.post('/konto/dwuetapowe/wlacz', { password: TEST_PASSWORD });
    assert.equal(setup.statusCode, 200);
    const secret = secretFromUri(uriOf(setup.body));
    const code = totp(secret);
    const done = await c.post('/konto/dwuetapowe/potwierdz', { code, ...(next ? { next } : {}) });
    assert.equal(done.statusCode, 303, done.body);
    return { secret, code, backupCodes: backupCodesOf(setup.body) };
  }

  const sentToSignIn = (res: { statusCode: number; headers: Record<string, unknown> }) =>
    res.statusCode === 303 && String(res.headers.location).startsWith('/logowanie?next=');

  it('a session opened with the password before enrolment does not get the back office once the person enrols elsewhere', async () => {
    const early = await signedIn('staff', { twoFactor: false });
    const first = await early.get('/panel');
    assert.equal(first.statusCode, 303);
    assert.match(String(first.headers.location), /^\/konto\/dwuetapowe\?wymagane=1/);

    const later = await anotherBrowser(early.email);
    const { backupCodes } = await enrol(later, '/panel');
    for (const url of ['/panel', '/panel/uzytkownicy']) {
      const res = await early.get(url);
      assert.ok(sentToSignIn(res), `${url}: ${res.statusCode} ${res.headers.location ?? ''}`);
    }
    // The session that enrolled passed the second factor there and then.
    assert.equal((await later.get('/panel/uzytkownicy')).statusCode, 200);
    // So does one signed in with a backup code.
    const spare = await anotherBrowser(early.email);
    assert.equal((await spare.get('/panel')).statusCode, 303, 'the password alone is not enough');
    assert.equal((await spare.post('/logowanie/kod', { code: backupCodes[0]! })).statusCode, 303);
    assert.equal((await spare.get('/panel/uzytkownicy')).statusCode, 200);
  });

  it('a session that never passed the second factor keeps a resident’s powers, even when the account has it on', async () => {
    const staff = await signedIn('staff', { twoFactor: false, name: 'Zofia Stara-Sesja' });
    const leftover = await t.database.db.select().from(session).where(eq(session.userId, staff.userId));
    const phone = await anotherBrowser(staff.email);
    const { secret } = await enrol(phone);
    // A session kept from before (say, from before this rule existed): put it back.
    await t.database.db.insert(session).values(leftover).onConflictDoNothing();
    assert.equal((await staff.get('/konto')).statusCode, 200, 'signed in');

    const panel = await staff.get('/panel/uzytkownicy');
    assert.equal(panel.statusCode, 303);
    assert.equal(panel.headers.location, '/konto/dwuetapowe?wymagane=1&next=%2Fpanel%2Fuzytkownicy');
    const page = await staff.get(String(panel.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /zalogowało się bez kodu z aplikacji/);
    assert.match(
      page.body,
      /<form method="post" action="\/wyloguj"[^>]*>(?:(?!<\/form>)[\s\S])*name="next" value="\/panel\/uzytkownicy"/,
      'offers to sign out and in again',
    );
    assert.doesNotMatch(page.body, /href="\/panel"/, 'no back-office link in the menu');

    // Signing in again with the code opens the back office.
    const out = await staff.post('/wyloguj', { next: '/panel/uzytkownicy' });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/logowanie?next=%2Fpanel%2Fuzytkownicy');
    const again = await staff.post('/logowanie', {
      email: staff.email,
      password: TEST_PASSWORD,
      next: '/panel/uzytkownicy',
    });
    assert.match(String(again.headers.location), /^\/logowanie\/kod/);
    const code = await staff.post('/logowanie/kod', { code: nextCode(secret), next: '/panel/uzytkownicy' });
    assert.equal(code.statusCode, 303);
    assert.equal(code.headers.location, '/panel/uzytkownicy');
    assert.equal((await staff.get('/panel/uzytkownicy')).statusCode, 200);
  });

  it('a session that never passed the second factor cannot turn it off or get new backup codes', async () => {
    const person = await signedIn('resident');
    const leftover = await t.database.db.select().from(session).where(eq(session.userId, person.userId));
    const phone = await anotherBrowser(person.email);
    await enrol(phone);
    await t.database.db.insert(session).values(leftover).onConflictDoNothing();
    const codes = await person.post('/konto/dwuetapowe/kody', { codesPassword: TEST_PASSWORD });
    assert.equal(codes.statusCode, 422);
    assert.match(codes.body, /zalogowało się bez kodu z aplikacji/);
    assert.deepEqual(backupCodesOf(codes.body), []);
    const off = await person.post('/konto/dwuetapowe/wylacz', { disablePassword: TEST_PASSWORD });
    assert.equal(off.statusCode, 422);
    const [row] = await t.database.db.select().from(user).where(eq(user.id, person.userId));
    assert.equal(row!.twoFactorEnabled, true, 'still on');
    assert.equal((await phone.get('/konto')).statusCode, 200, 'the session that enrolled is untouched');
  });

  it('the enrolment key and backup codes are shown only to the session that started it, and only until it is confirmed', async () => {
    const a = await signedIn('staff', { twoFactor: false });
    const b = await anotherBrowser(a.email);
    const setup = await a.post('/konto/dwuetapowe/wlacz', { password: TEST_PASSWORD });
    assert.equal(setup.statusCode, 200);
    const secret = secretFromUri(uriOf(setup.body));
    const key = keyOf(setup.body);
    const codes = backupCodesOf(setup.body);
    assert.equal(codes.length, 10);

    // Another session of the person posts a wrong code, then even the right one.
    for (const code of [wrongCode(secret), totp(secret)]) {
      const peek = await b.post('/konto/dwuetapowe/potwierdz', { code });
      assert.equal(peek.statusCode, 303, `${code}: ${peek.statusCode}`);
      assert.equal(peek.headers.location, '/konto/dwuetapowe');
      for (const s of [secret, key, ...codes]) assert.ok(!peek.body.includes(s), 'nothing of the key shown');
      const page = await b.get('/konto/dwuetapowe');
      for (const s of [secret, key, ...codes]) assert.ok(!page.body.includes(s), 'nothing of the key shown');
      assert.match(page.body, /Najpierw rozpocznij włączanie/);
    }
    const [still] = await t.database.db.select().from(user).where(eq(user.id, a.userId));
    assert.equal(still!.twoFactorEnabled, false, 'the other session did not turn it on');

    // The session that started sees its key again after a mistyped code, and confirms.
    const mistyped = await a.post('/konto/dwuetapowe/potwierdz', { code: wrongCode(secret) });
    assert.equal(mistyped.statusCode, 422);
    assert.equal(uriOf(mistyped.body), uriOf(setup.body));
    assert.deepEqual(backupCodesOf(mistyped.body), codes);
    const done = await a.post('/konto/dwuetapowe/potwierdz', { code: totp(secret) });
    assert.equal(done.statusCode, 303);
    // Confirmed: not shown again, not even to the session that started it.
    const after = await a.post('/konto/dwuetapowe/potwierdz', { code: wrongCode(secret) });
    assert.equal(after.statusCode, 303);
    for (const s of [secret, key, ...codes]) assert.ok(!after.body.includes(s));
    const page = await a.get('/konto/dwuetapowe');
    for (const s of [secret, key, ...codes]) assert.ok(!page.body.includes(s));
  });

  it('enrolling signs out every other session of the person; this one stays', async () => {
    const a = await signedIn('resident');
    const b = await anotherBrowser(a.email);
    const c = await anotherBrowser(a.email);
    await enrol(a);
    assert.equal((await a.get('/konto')).statusCode, 200);
    for (const other of [b, c]) assert.ok(sentToSignIn(await other.get('/konto')));
    const left = await t.database.db.select().from(session).where(eq(session.userId, a.userId));
    assert.equal(left.length, 1);
  });

  it('turning two-step sign-in off signs out every other session of the person; this one stays', async () => {
    const a = await signedIn('resident');
    const { secret } = await enrol(a);
    const b = browser();
    await b.post('/logowanie', { email: a.email, password: TEST_PASSWORD });
    assert.equal((await b.post('/logowanie/kod', { code: nextCode(secret) })).statusCode, 303);
    assert.equal((await b.get('/konto')).statusCode, 200);
    const off = await a.post('/konto/dwuetapowe/wylacz', { disablePassword: TEST_PASSWORD });
    assert.equal(off.statusCode, 303);
    assert.equal((await a.get('/konto')).statusCode, 200);
    assert.ok(sentToSignIn(await b.get('/konto')));
  });

  it('changing the password keeps the second factor of this session (and its sign-in time)', async () => {
    const staff = await signedIn('staff');
    await t.database.db
      .update(session)
      .set({ createdAt: sql`now() - interval '2 hours'` })
      .where(eq(session.userId, staff.userId));
    const [before] = await t.database.db.select().from(session).where(eq(session.userId, staff.userId));
    const res = await staff.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new long passphrase for Zabłocie',
      confirmPassword: 'a new long passphrase for Zabłocie',
    });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal((await staff.get('/panel')).statusCode, 200);
    const [now] = await t.database.db.select().from(session).where(eq(session.userId, staff.userId));
    assert.notEqual(now!.id, before!.id, 'a new session');
    assert.equal(now!.createdAt.getTime(), before!.createdAt.getTime(), 'counted from the sign-in');
  });

  it('a code from the app is accepted once: refused after the enrolment it confirmed, for a second sign-in, and on another app node', async () => {
    const person = await signedIn('resident');
    const { secret, code: enrolmentCode } = await enrol(person);
    const a = browser();
    await a.post('/logowanie', { email: person.email, password: TEST_PASSWORD });
    const replayed = await a.post('/logowanie/kod', { code: enrolmentCode });
    assert.equal(replayed.statusCode, 401, 'the code that confirmed the enrolment');
    assert.match(replayed.body, /Kod jest nieprawidłowy lub wygasł/);
    const code = nextCode(secret);
    assert.equal((await a.post('/logowanie/kod', { code })).statusCode, 303);
    assert.equal((await a.get('/konto')).statusCode, 200);

    const b = browser();
    await b.post('/logowanie', { email: person.email, password: TEST_PASSWORD });
    assert.equal((await b.post('/logowanie/kod', { code })).statusCode, 401, 'a second sign-in');
    assert.ok(sentToSignIn(await b.get('/konto')));

    // Another app node on the same database knows the code was used.
    const node = await buildApp({ config: t.app.klaster.config, database: t.database });
    await node.ready();
    try {
      const c = browser(new Client(node));
      await c.post('/logowanie', { email: person.email, password: TEST_PASSWORD });
      assert.equal((await c.post('/logowanie/kod', { code })).statusCode, 401, 'on another node');
      assert.ok(sentToSignIn(await c.get('/konto')));
    } finally {
      await node.close();
    }
  });

  it('one code sent by several browsers at the same moment signs in exactly one of them', async () => {
    const person = await signedIn('resident');
    const { secret } = await enrol(person);
    const browsers: Client[] = [];
    for (let i = 0; i < 4; i++) {
      const c = browser();
      await c.post('/logowanie', { email: person.email, password: TEST_PASSWORD });
      browsers.push(c);
    }
    const tokens = await Promise.all(browsers.map((c) => c.csrf()));
    const code = nextCode(secret);
    const answers = await Promise.all(
      browsers.map((c, i) => c.post('/logowanie/kod', { code }, { csrf: tokens[i] })),
    );
    assert.deepEqual(
      answers.map((r) => r.statusCode).sort(),
      [303, 401, 401, 401],
      'one sign-in, three refusals',
    );
  });

  it('a staff or admin session ends 12 hours after sign-in, however active; a resident’s does not', async () => {
    const [staff, admin, resident, fresh, due] = [
      await signedIn('staff'),
      await signedIn('admin'),
      await signedIn('resident'),
      await signedIn('staff'),
      await signedIn('admin'),
    ];
    const age = async (c: { userId: string }, hours: number) =>
      t.database.db
        .update(session)
        .set({ createdAt: sql`now() - make_interval(hours => ${hours})`, updatedAt: sql`now()` })
        .where(eq(session.userId, c.userId));
    for (const c of [staff, admin, resident]) await age(c, 13);
    await age(fresh, 11);
    for (const c of [staff, admin]) {
      const res = await c.get('/panel');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/logowanie?next=%2Fpanel');
      assert.ok(sentToSignIn(await c.get('/konto')));
      assert.equal((await c.json('GET', '/api/v1/me')).statusCode, 401);
    }
    assert.equal((await resident.get('/konto')).statusCode, 200);
    assert.equal((await fresh.get('/panel')).statusCode, 200);

    // Two days old and due for its daily extension: refused, and not extended either.
    await t.database.db
      .update(session)
      .set({ createdAt: sql`now() - interval '2 days'`, expiresAt: sql`now() + interval '5 days'` })
      .where(eq(session.userId, due.userId));
    const [before] = await t.database.db.select().from(session).where(eq(session.userId, due.userId));
    assert.ok(sentToSignIn(await due.get('/konto')));
    const [after] = await t.database.db.select().from(session).where(eq(session.userId, due.userId));
    assert.equal(after!.expiresAt.getTime(), before!.expiresAt.getTime());
  });
});
