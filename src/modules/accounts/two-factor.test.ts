// Two-step sign-in: enrolment with a code computed like a phone would, sign-in with the code or a
// backup code, turning it off, new backup codes, and the staff rule.
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
import {
  backupCodesOf,
  keyOf,
  nextCode,
  secretFromUri,
  totp,
  uriOf,
  wrongCode,
} from '../../../test/support/totp.ts';
import { twoFactor, user } from '../../platform/auth/schema.ts';

describe('two-step sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const signIn = (c: Client, email: string, password = TEST_PASSWORD) =>
    c.post('/logowanie', { email, password });

  /** Enrols a signed-in client; returns the secret and the backup codes. */
  async function enrol(c: Client): Promise<{ secret: string; codes: string[] }> {
    const setup = await c.post('/konto/dwuetapowe/wlacz', { password: TEST_PASSWORD });
    assert.equal(setup.statusCode, 200);
    const secret = secretFromUri(uriOf(setup.body));
    const confirm = await c.post('/konto/dwuetapowe/potwierdz', { code: totp(secret) });
    assert.equal(confirm.statusCode, 303, confirm.body);
    return { secret, codes: backupCodesOf(setup.body) };
  }

  it('enrols with the password and a code from the app; then sign-in asks for the code', async () => {
    const c = await t.signedIn('resident', { name: 'Marek Ogrodnik' });
    const page = await c.get('/konto/dwuetapowe');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Logowanie dwuetapowe jest wyłączone/);
    assert.doesNotMatch(page.body, /wymaga logowania dwuetapowego/, 'no staff explanation for a resident');

    const wrongPassword = await c.post('/konto/dwuetapowe/wlacz', { password: 'not the password' });
    assert.equal(wrongPassword.statusCode, 422);
    assert.match(wrongPassword.body, /Hasło jest nieprawidłowe/);

    const setup = await c.post('/konto/dwuetapowe/wlacz', { password: TEST_PASSWORD });
    assert.equal(setup.statusCode, 200);
    assert.equal(setup.headers['cache-control'], 'no-store');
    const uri = uriOf(setup.body);
    assert.match(uri, /^otpauth:\/\/totp\/Klaster%20Zab%C5%82ocie%2020\.22:/);
    const secret = secretFromUri(uri);
    assert.equal(keyOf(setup.body).replace(/ /g, ''), secret, 'the key for manual entry is the secret');
    assert.match(keyOf(setup.body), /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'grouped in fours');
    const codes = backupCodesOf(setup.body);
    assert.equal(codes.length, 10);
    for (const code of codes)
      assert.match(code, /^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/, `${code}: no 0/O, 1/l/I, one case`);
    // The same URI as a QR code to scan, an image with a name.
    assert.match(
      setup.body,
      /<svg role="img" aria-label="Kod QR do zeskanowania w aplikacji uwierzytelniającej"/,
    );
    assert.match(setup.body, /<path[^>]* d="M/, 'the QR code is drawn');
    // Not on until confirmed.
    const [before] = await t.database.db.select().from(user).where(eq(user.id, c.userId));
    assert.equal(before!.twoFactorEnabled, false);

    const mistyped = await c.post('/konto/dwuetapowe/potwierdz', { code: wrongCode(secret) });
    assert.equal(mistyped.statusCode, 422);
    assert.match(mistyped.body, /Kod jest nieprawidłowy/);
    assert.equal(uriOf(mistyped.body), uri, 'the same key is shown again');
    assert.deepEqual(backupCodesOf(mistyped.body), codes);

    const letters = await c.post('/konto/dwuetapowe/potwierdz', { code: 'abc' });
    assert.equal(letters.statusCode, 422);
    assert.match(letters.body, /Wpisz 6 cyfr z aplikacji/);

    const enrolmentCode = totp(secret);
    const confirm = await c.post('/konto/dwuetapowe/potwierdz', { code: enrolmentCode });
    assert.equal(confirm.statusCode, 303);
    assert.equal(confirm.headers.location, '/konto/dwuetapowe');
    const on = await c.get('/konto/dwuetapowe');
    assert.equal(on.statusCode, 200, 'still signed in after the session was refreshed');
    assert.match(on.body, /Logowanie dwuetapowe jest włączone/);
    assert.match(on.body, /Wyłącz logowanie dwuetapowe/);

    await t.app.klaster.worker.tick();
    assert.ok(
      readMailDir(t.dataDir).some(
        (m) => m.to.includes(c.email) && m.subject === 'Włączono logowanie dwuetapowe',
      ),
    );

    // Sign-in now needs the code.
    const d = t.client();
    const first = await signIn(d, c.email);
    assert.equal(first.statusCode, 303);
    assert.match(String(first.headers.location), /^\/logowanie\/kod/);
    assert.equal((await d.get('/konto')).statusCode, 303, 'the password alone does not sign in');
    const bad = await d.post('/logowanie/kod', { code: wrongCode(secret) });
    assert.equal(bad.statusCode, 401);
    assert.match(bad.body, /Kod jest nieprawidłowy lub wygasł/);
    // The code that confirmed the enrolment is spent: the app's next one signs in.
    assert.equal((await d.post('/logowanie/kod', { code: enrolmentCode })).statusCode, 401);
    const good = await d.post('/logowanie/kod', { code: nextCode(secret) });
    assert.equal(good.statusCode, 303);
    assert.equal((await d.get('/konto')).statusCode, 200);

    // A backup code works once.
    const e = t.client();
    await signIn(e, c.email);
    assert.equal((await e.post('/logowanie/kod', { code: codes[0]! })).statusCode, 303);
    assert.equal((await e.get('/konto')).statusCode, 200);
    const f = t.client();
    await signIn(f, c.email);
    const reused = await f.post('/logowanie/kod', { code: codes[0]! });
    assert.equal(reused.statusCode, 401);
    assert.equal((await f.get('/konto')).statusCode, 303);
    // Copied from paper in capitals, with a space for the hyphen: still the code.
    const g = t.client();
    await signIn(g, c.email);
    const typed = codes[1]!.toUpperCase().replace('-', ' ');
    assert.equal((await g.post('/logowanie/kod', { code: typed })).statusCode, 303);
    assert.equal((await g.get('/konto')).statusCode, 200);
  });

  it('new backup codes replace the old ones', async () => {
    const c = await t.signedIn('resident');
    const { codes: old } = await enrol(c);
    const wrong = await c.post('/konto/dwuetapowe/kody', { codesPassword: 'not the password' });
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('href="#f-codesPassword"'));
    const res = await c.post('/konto/dwuetapowe/kody', { codesPassword: TEST_PASSWORD });
    assert.equal(res.statusCode, 200);
    const fresh = backupCodesOf(res.body);
    assert.equal(fresh.length, 10);
    assert.ok(!fresh.includes(old[0]!));

    const d = t.client();
    await signIn(d, c.email);
    assert.equal((await d.post('/logowanie/kod', { code: old[0]! })).statusCode, 401);
    assert.equal((await d.post('/logowanie/kod', { code: fresh[0]! })).statusCode, 303);
  });

  it('a resident turns it off with the password; sign-in needs only the password again', async () => {
    const c = await t.signedIn('resident');
    await enrol(c);
    const wrong = await c.post('/konto/dwuetapowe/wylacz', { disablePassword: 'not the password' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Hasło jest nieprawidłowe/);
    const res = await c.post('/konto/dwuetapowe/wylacz', { disablePassword: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
    const page = await c.get('/konto/dwuetapowe');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Logowanie dwuetapowe zostało wyłączone/);
    assert.equal(
      (await t.database.db.select().from(twoFactor).where(eq(twoFactor.userId, c.userId))).length,
      0,
    );
    const d = t.client();
    const again = await signIn(d, c.email);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/konto');
    await t.app.klaster.worker.tick();
    assert.ok(
      readMailDir(t.dataDir).some(
        (m) => m.to.includes(c.email) && m.subject === 'Wyłączono logowanie dwuetapowe',
      ),
    );
  });

  it('staff and admins cannot turn it off', async () => {
    const c = await t.signedIn('admin');
    const page = await c.get('/konto/dwuetapowe');
    assert.match(page.body, /muszą mieć włączone logowanie dwuetapowe/);
    assert.doesNotMatch(page.body, /name="disablePassword"/);
    const res = await c.post('/konto/dwuetapowe/wylacz', { disablePassword: TEST_PASSWORD });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /muszą mieć włączone logowanie dwuetapowe/);
    const [row] = await t.database.db.select().from(user).where(eq(user.id, c.userId));
    assert.equal(row!.twoFactorEnabled, true);
  });

  it('explains to staff sent here why, and returns them where they were going once it is on', async () => {
    const c = await t.signedIn('staff', { twoFactor: false });
    const page = await c.get('/konto/dwuetapowe?wymagane=1&next=%2Fpanel%2Fwydarzenia');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Twoja rola \(pracownik lub administrator\) wymaga logowania dwuetapowego/);
    assert.ok(page.body.includes('name="next" value="/panel/wydarzenia"'));

    const setup = await c.post('/konto/dwuetapowe/wlacz', {
      password: TEST_PASSWORD,
      next: '/panel/wydarzenia',
    });
    assert.equal(setup.statusCode, 200);
    assert.ok(setup.body.includes('name="next" value="/panel/wydarzenia"'));
    const secret = secretFromUri(uriOf(setup.body));
    const done = await c.post('/konto/dwuetapowe/potwierdz', {
      code: totp(secret),
      next: '/panel/wydarzenia',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/panel/wydarzenia');
    const me = (await c.json('GET', '/api/v1/me')).json() as { twoFactorEnabled: boolean };
    assert.equal(me.twoFactorEnabled, true);
  });

  it('never follows a next address off the site', async () => {
    const c = await t.signedIn('staff', { twoFactor: false });
    const setup = await c.post('/konto/dwuetapowe/wlacz', {
      password: TEST_PASSWORD,
      next: '//evil.example',
    });
    const secret = secretFromUri(uriOf(setup.body));
    const done = await c.post('/konto/dwuetapowe/potwierdz', {
      code: totp(secret),
      next: 'https://evil.example',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/konto/dwuetapowe');
  });

  it('a code without a started enrolment sends the person back to start', async () => {
    const c = await t.signedIn('resident');
    const res = await c.post('/konto/dwuetapowe/potwierdz', { code: '123456' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/konto/dwuetapowe');
    assert.match((await c.get('/konto/dwuetapowe')).body, /Najpierw rozpocznij włączanie/);
  });
});
