// Password change and the list of signed-in devices, through the real app.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  type Client,
  createTestApp,
  readMailDir,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/support/app.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { describeAgent } from './agent.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Signs a client in from a given browser (the user agent is what the sessions list shows). */
async function signInAs(c: Client, email: string, password: string, userAgent?: string) {
  const body = new URLSearchParams({ _csrf: await c.csrf(), email, password });
  return c.request({
    method: 'POST',
    url: '/logowanie',
    payload: body.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(userAgent ? { 'user-agent': userAgent } : {}),
    },
  });
}

const sessionIds = (html: string) => [...html.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]!);

describe('password and devices', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('changes the password: the old one stops working, other devices are signed out, an e-mail is sent', async () => {
    const a = await t.signedIn('resident', { name: 'Halina Wrona' });
    const b = t.client();
    assert.equal((await signInAs(b, a.email, TEST_PASSWORD, FIREFOX)).statusCode, 303);
    assert.equal((await b.get('/konto')).statusCode, 200);

    const wrong = await a.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: 'not my password at all',
      newPassword: 'zielony tramwaj na zabłociu',
      confirmPassword: 'zielony tramwaj na zabłociu',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Hasło jest nieprawidłowe/);
    assert.ok(wrong.body.includes('href="#f-currentPassword"'));

    const differ = await a.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'zielony tramwaj na zabłociu',
      confirmPassword: 'zielony tramwaj na zablociu',
    });
    assert.equal(differ.statusCode, 422);
    assert.match(differ.body, /Hasła nie są takie same/);

    const common = await a.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'password1234',
      confirmPassword: 'password1234',
    });
    assert.equal(common.statusCode, 422);
    assert.match(common.body, /zbyt popularne/);
    assert.doesNotMatch(common.body, /password1234/, 'passwords are never echoed back');

    const walk = await a.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'zaq1@WSXcde3',
      confirmPassword: 'zaq1@WSXcde3',
    });
    assert.equal(walk.statusCode, 422);
    assert.match(walk.body, /ciąg sąsiednich klawiszy/);
    assert.ok(walk.body.includes('href="#f-newPassword"'), 'the reason is on the new-password field');

    const ok = await a.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'zielony tramwaj na zabłociu',
      confirmPassword: 'zielony tramwaj na zabłociu',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await a.get('/konto/bezpieczenstwo');
    assert.equal(page.statusCode, 200, 'this device stays signed in');
    assert.match(page.body, /Hasło zostało zmienione/);
    assert.match(page.body, /Nie jesteś zalogowany\(-a\) na żadnym innym urządzeniu/);

    const other = await b.get('/konto');
    assert.equal(other.statusCode, 303, 'the other device was signed out');
    assert.match(String(other.headers.location), /^\/logowanie/);

    assert.equal((await signInAs(t.client(), a.email, TEST_PASSWORD)).statusCode, 401);
    assert.equal((await signInAs(t.client(), a.email, 'zielony tramwaj na zabłociu')).statusCode, 303);

    await t.app.klaster.worker.tick();
    const mails = readMailDir(t.dataDir).filter((m) => m.to.includes(a.email));
    assert.ok(mails.some((m) => m.subject === 'Hasło do Twojego konta zostało zmienione'));
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.actorId, a.userId));
    assert.ok(audits.some((r) => r.action === 'account.password_changed'));
  });

  it('lists the devices with "this device" and signs out another one', async () => {
    const a = await t.signedIn('resident');
    const b = t.client();
    assert.equal((await signInAs(b, a.email, TEST_PASSWORD, FIREFOX)).statusCode, 303);

    const page = await a.get('/konto/bezpieczenstwo');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /To urządzenie/);
    assert.match(page.body, /Firefox 128, Linux/);
    assert.match(page.body, /127\.0\.0\.1/);
    const ids = sessionIds(page.body);
    assert.equal(ids.length, 1, 'only the other device has a sign-out button');

    const res = await a.post('/konto/bezpieczenstwo/sesje/wyloguj', { session: ids[0]! });
    assert.equal(res.statusCode, 303);
    assert.match((await a.get('/konto/bezpieczenstwo')).body, /Wylogowano wybrane urządzenie/);
    assert.equal((await b.get('/konto')).statusCode, 303, 'the other device is signed out');
    assert.equal((await a.get('/konto')).statusCode, 200, 'this one is not');

    const again = await a.post('/konto/bezpieczenstwo/sesje/wyloguj', { session: ids[0]! });
    assert.equal(again.statusCode, 303);
    assert.match((await a.get('/konto/bezpieczenstwo')).body, /było już wylogowane/);
  });

  it("cannot sign out somebody else's session", async () => {
    const a = await t.signedIn('resident');
    const victim = await t.signedIn('resident');
    const other = t.client();
    assert.equal((await signInAs(other, victim.email, TEST_PASSWORD, FIREFOX)).statusCode, 303);
    const ids = sessionIds((await victim.get('/konto/bezpieczenstwo')).body);
    assert.equal(ids.length, 1);
    await a.post('/konto/bezpieczenstwo/sesje/wyloguj', { session: ids[0]! });
    assert.equal((await other.get('/konto')).statusCode, 200);
  });

  it('signs out all other devices at once', async () => {
    const a = await t.signedIn('resident');
    const b = t.client();
    const c = t.client();
    await signInAs(b, a.email, TEST_PASSWORD, FIREFOX);
    await signInAs(c, a.email, TEST_PASSWORD, SAFARI_IPHONE);
    const page = await a.get('/konto/bezpieczenstwo');
    assert.match(page.body, /Safari 17, iOS/);
    assert.equal(sessionIds(page.body).length, 2);

    const res = await a.post('/konto/bezpieczenstwo/sesje/wyloguj-inne');
    assert.equal(res.statusCode, 303);
    assert.equal((await b.get('/konto')).statusCode, 303);
    assert.equal((await c.get('/konto')).statusCode, 303);
    const after = await a.get('/konto/bezpieczenstwo');
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Wylogowano wszystkie inne urządzenia/);
    assert.equal(sessionIds(after.body).length, 0);
  });

  it('counts wrong passwords across forms and sign-in, and then refuses even the right one', async () => {
    const a = await t.signedIn('resident');
    for (let i = 0; i < 5; i++) {
      const res = await a.post('/konto/usun', { password: 'a wrong guess here', understand: 'yes' });
      assert.equal(res.statusCode, 422);
      const tf = await a.post('/konto/dwuetapowe/wlacz', { password: 'another wrong guess' });
      assert.equal(tf.statusCode, 422);
    }
    const right = await a.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'zielony tramwaj na zabłociu',
      confirmPassword: 'zielony tramwaj na zabłociu',
    });
    assert.equal(right.statusCode, 429);
    assert.match(right.body, /Zbyt wiele prób z błędnym hasłem/);
    assert.ok(right.headers['retry-after']);
    const signIn = await signInAs(t.client(), a.email, TEST_PASSWORD);
    assert.equal(signIn.statusCode, 429, 'the same counter guards sign-in');
    assert.equal((await a.get('/konto')).statusCode, 200, 'nothing was changed or deleted');
  });
});

describe('user agents shortened', () => {
  it('names the browser and system a person recognises', () => {
    assert.deepEqual(describeAgent(FIREFOX), { browser: 'Firefox 128', system: 'Linux' });
    assert.deepEqual(describeAgent(SAFARI_IPHONE), { browser: 'Safari 17', system: 'iOS' });
    assert.deepEqual(
      describeAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      ),
      { browser: 'Edge 126', system: 'Windows' },
    );
    assert.deepEqual(
      describeAgent(
        'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      ),
      { browser: 'Chrome 126', system: 'Android' },
    );
    assert.deepEqual(describeAgent('curl/8.5.0'), { browser: null, system: null });
    assert.deepEqual(describeAgent(null), { browser: null, system: null });
  });
});
