// Sign-in limits through the real app. Failures for one account lock it until its owner proves
// control of the mailbox (the e-mailed unlock link, or a password reset); failures from one address
// slow only accounts already failing, never a correct password for anyone else behind it; neither
// reveals whether an address has an account.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import {
  type Client,
  createTestApp,
  readMailDir,
  TEST_PASSWORD,
  type TestApp,
} from '../../../test/support/app.ts';
import { randomAddress } from '../../../test/support/routes.ts';
import { nextCode, secretFromUri, totp } from '../../../test/support/totp.ts';
import { type Locale, signInAttempts, verification } from '../../platform/auth/schema.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { messages } from '../../platform/i18n/index.ts';
import { mailOutbox } from '../../platform/mail/schema.ts';
import { accountsMail } from './text/mail.ts';

const LIMIT = 3;
const WRONG = 'wrong password 123';
const UNLOCK = '/logowanie/odblokuj';

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const has = (body: string, text: string) => body.includes(escapeHtml(text));

/** Posts a form from a given client address (the per-address counter follows it). */
async function postFrom(c: Client, address: string, url: string, form: Record<string, string>) {
  const csrf = await c.csrf();
  return c.request({
    method: 'POST',
    url,
    remoteAddress: address,
    payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const sessionCookie = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [];
  return all.some((c) => c.includes('session_token=') && !/max-age=0/i.test(c));
};

describe('sign-in limits', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { SIGNIN_LIMIT_PER_15_MIN: String(LIMIT) } });
  });
  after(async () => t.close());

  const fresh = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}@example.org`;

  async function person(locale: Locale = 'pl'): Promise<{ email: string; id: string }> {
    const email = fresh('owner');
    const { id } = await ensureUser(t.database.db, t.app.klaster.auth, {
      email,
      name: 'Właścicielka',
      password: TEST_PASSWORD,
      locale,
    });
    return { email, id };
  }

  const signIn = (email: string, password: string, address = randomAddress(), c = t.client()) =>
    postFrom(c, address, '/logowanie', { email, password });

  /** LIMIT wrong passwords, each from another address: the last one locks the account. */
  async function lock(email: string, c = t.client()) {
    for (let i = 1; i < LIMIT; i++)
      assert.equal((await signIn(email, WRONG, randomAddress(), c)).statusCode, 401);
    const last = await signIn(email, WRONG, randomAddress(), c);
    assert.equal(last.statusCode, 429);
    return last;
  }

  /** The unlock e-mails queued for an address so far, oldest first. */
  const unlockMails = (email: string) =>
    t.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.template, 'signInLocked')))
      .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id));
  /** The links in them, oldest first. */
  async function unlockLinks(email: string): Promise<URL[]> {
    return (await unlockMails(email)).map((m) => {
      const link = m.textBody.match(/https?:\/\/\S+/g)?.find((l) => l.includes(`${UNLOCK}?token=`));
      assert.ok(link, m.textBody);
      return new URL(link);
    });
  }
  const tokenOf = (link: URL) => link.searchParams.get('token')!;

  it('after the limit even the right password needs the e-mailed link; the link and the password sign the owner in and lift the lock', async () => {
    const { email, id } = await person('uk');
    const reader = t.client();
    await reader.get('/jezyk/en?next=/');
    const locking = await lock(email, reader);
    assert.ok(has(locking.body, messages.en.accounts.signInLocked), 'the reader is told at once');

    const right = await signIn(email, TEST_PASSWORD, randomAddress(), reader);
    assert.equal(right.statusCode, 429);
    assert.ok(has(right.body, messages.en.accounts.signInLocked));
    assert.ok(!sessionCookie(right), 'no session for the right password alone');

    const links = await unlockLinks(email);
    assert.equal(links.length, 1, 'one unlock e-mail');
    const [mail] = await unlockMails(email);
    assert.equal(mail!.subject, accountsMail.uk.signInLocked('x').subject, "in the owner's language");
    assert.equal((await signIn(email, TEST_PASSWORD)).statusCode, 429);
    assert.equal((await unlockLinks(email)).length, 1, 'further attempts do not flood the mailbox');

    // The token is stored only as a hash.
    const rows = await t.database.db
      .select({ identifier: verification.identifier })
      .from(verification)
      .where(eq(verification.value, id));
    assert.ok(rows.length >= 1);
    assert.ok(!rows.some((r) => r.identifier.includes(tokenOf(links[0]!))));

    const owner = t.client();
    const page = await owner.get(links[0]!.pathname + links[0]!.search);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(email), 'the page names the account');
    assert.match(page.body, new RegExp(`action="${UNLOCK}"`));

    const wrong = await postFrom(owner, randomAddress(), UNLOCK, {
      token: tokenOf(links[0]!),
      password: WRONG,
    });
    assert.equal(wrong.statusCode, 401);
    assert.ok(has(wrong.body, messages.pl.accounts.wrongPassword));
    assert.ok(!sessionCookie(wrong));

    const ok = await postFrom(owner, randomAddress(), UNLOCK, {
      token: tokenOf(links[0]!),
      password: TEST_PASSWORD,
    });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal((await owner.get('/konto')).statusCode, 200, 'signed in');

    const again = await postFrom(t.client(), randomAddress(), UNLOCK, {
      token: tokenOf(links[0]!),
      password: TEST_PASSWORD,
    });
    assert.equal(again.statusCode, 400, 'the link works once');
    assert.ok(has(again.body, messages.pl.accounts.unlock.invalid));
    assert.equal((await signIn(email, TEST_PASSWORD)).statusCode, 303, 'the lock is lifted');
  });

  it('a locked address without an account reads exactly the same, and nobody is mailed', async () => {
    const { email: known } = await person();
    const unknown = fresh('nobody');
    const normalise = (body: string, email: string) =>
      body.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');
    const answers = [];
    for (const email of [known, unknown]) {
      const locking = await lock(email);
      const right = await signIn(email, TEST_PASSWORD);
      answers.push([
        locking.statusCode,
        normalise(locking.body, email),
        right.statusCode,
        normalise(right.body, email),
      ]);
    }
    assert.deepEqual(answers[1], answers[0]);
    assert.equal((await unlockLinks(known)).length, 1);
    assert.equal((await unlockLinks(unknown)).length, 0);
  });

  it('a password reset lifts the lock', async () => {
    const { email } = await person();
    await lock(email);
    assert.equal((await t.client().post('/nie-pamietam-hasla', { email })).statusCode, 303);
    await t.app.klaster.worker.tick();
    const link = readMailDir(t.dataDir)
      .filter((m) => m.to.includes(email))
      .flatMap((m) => m.links)
      .find((l) => l.includes('/nowe-haslo?token='))!;
    const token = new URL(link).searchParams.get('token')!;
    const password = 'zielony tramwaj na zabłociu';
    const reset = await t.client().post('/nowe-haslo', { token, password, confirm: password });
    assert.equal(reset.statusCode, 303, reset.body);
    assert.equal((await signIn(email, password)).statusCode, 303);
  });

  it('an unlock link expires, and a link allows only as many passwords as the limit', async () => {
    const { email, id } = await person();
    await lock(email);
    const [first] = await unlockLinks(email);
    await t.database.db
      .update(verification)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(and(eq(verification.value, id), like(verification.identifier, 'sign-in-unlock:%')));
    const expired = await postFrom(t.client(), randomAddress(), UNLOCK, {
      token: tokenOf(first!),
      password: TEST_PASSWORD,
    });
    assert.equal(expired.statusCode, 400);
    assert.equal((await t.client().get(first!.pathname + first!.search)).statusCode, 400);

    // A quarter of an hour later, a new attempt mails a new link.
    await t.database.db.update(signInAttempts).set({ unlockSentAt: sql`now() - interval '16 minutes'` });
    assert.equal((await signIn(email, TEST_PASSWORD)).statusCode, 429);
    const links = await unlockLinks(email);
    assert.equal(links.length, 2);
    const token = tokenOf(links[1]!);
    for (let i = 0; i < LIMIT; i++) {
      const res = await postFrom(t.client(), randomAddress(), UNLOCK, { token, password: WRONG });
      assert.equal(res.statusCode, 401);
    }
    const spent = await postFrom(t.client(), randomAddress(), UNLOCK, { token, password: TEST_PASSWORD });
    assert.equal(spent.statusCode, 400);
    assert.equal((await signIn(email, TEST_PASSWORD)).statusCode, 429, 'still locked');
  });

  it('failures that arrive together are each counted once: the limit locks, with one e-mail', async () => {
    const { email } = await person();
    const answers = await Promise.all(Array.from({ length: 4 * LIMIT }, () => signIn(email, WRONG)));
    const codes = answers.map((r) => r.statusCode);
    assert.ok(
      codes.every((c) => c === 401 || c === 429),
      String(codes),
    );
    assert.equal(codes.filter((c) => c === 401).length, LIMIT - 1, String(codes));
    assert.equal((await unlockLinks(email)).length, 1);
    assert.equal((await signIn(email, TEST_PASSWORD)).statusCode, 429);
  });

  it('failures from one address never stop a correct password for an account not under attack', async () => {
    const hot = randomAddress();
    for (let i = 0; i < LIMIT; i++) assert.equal((await signIn(fresh('guess'), WRONG, hot)).statusCode, 401);

    const { email: colleague } = await person();
    const signedIn = await signIn(colleague, TEST_PASSWORD, hot);
    assert.equal(signedIn.statusCode, 303, 'the rest of the office signs in');
    assert.ok(sessionCookie(signedIn));

    // An account that has failed from that address must wait (without its password being tried)…
    const { email: target } = await person();
    assert.equal((await signIn(target, WRONG, hot)).statusCode, 401);
    const slowed = await signIn(target, TEST_PASSWORD, hot);
    assert.equal(slowed.statusCode, 429);
    assert.ok(has(slowed.body, messages.pl.accounts.tooManyAttempts(15)));
    assert.ok(!sessionCookie(slowed));
    // …and so must an address without an account, with the same answer.
    const nobody = fresh('nobody');
    assert.equal((await signIn(nobody, WRONG, hot)).statusCode, 401);
    const same = await signIn(nobody, TEST_PASSWORD, hot);
    const normalise = (body: string, email: string) =>
      body.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');
    assert.equal(same.statusCode, 429);
    assert.equal(normalise(same.body, nobody), normalise(slowed.body, target));

    // From elsewhere the owner signs in, which clears the account's failures.
    assert.equal((await signIn(target, TEST_PASSWORD)).statusCode, 303);
    assert.equal((await signIn(target, TEST_PASSWORD, hot)).statusCode, 303);
  });

  it('failures from one address do not stop the second step of a person with the right password and code', async () => {
    const c = await t.signedIn('resident');
    const decode = (s: string) => s.replace(/&amp;/g, '&');
    const setup = await c.post('/konto/dwuetapowe/wlacz', { password: TEST_PASSWORD });
    assert.equal(setup.statusCode, 200);
    const secret = secretFromUri(decode(/id="totp-uri">([^<]+)</.exec(setup.body)?.[1] ?? ''));
    // A code is accepted once (and only a later one after it): enrolment takes the previous
    // window's code, the sign-in below the current one, the last attempt the next one.
    const previous = totp(secret, Date.now() - 30_000);
    assert.equal((await c.post('/konto/dwuetapowe/potwierdz', { code: previous })).statusCode, 303);

    const hot = randomAddress();
    for (let i = 0; i < LIMIT; i++) assert.equal((await signIn(fresh('guess'), WRONG, hot)).statusCode, 401);
    const phone = t.client();
    const first = await signIn(c.email, TEST_PASSWORD, hot, phone);
    assert.equal(first.statusCode, 303);
    assert.match(String(first.headers.location), /^\/logowanie\/kod/);
    const second = await postFrom(phone, hot, '/logowanie/kod', { code: totp(secret) });
    assert.equal(second.statusCode, 303, second.body);
    assert.equal((await phone.get('/konto')).statusCode, 200);

    // Guessing codes is limited per account instead (better-auth: five per sign-in, ten in all),
    // after which even the right code waits.
    const thief = t.client();
    const valid = new Set([-30_000, 0, 30_000].map((d) => totp(secret, Date.now() + d)));
    const wrong = ['000000', '111111', '222222'].find((x) => !valid.has(x))!;
    for (let round = 0; round < 2; round++) {
      assert.equal((await signIn(c.email, TEST_PASSWORD, randomAddress(), thief)).statusCode, 303);
      for (let i = 0; i < 5; i++) {
        const res = await postFrom(thief, randomAddress(), '/logowanie/kod', { code: wrong });
        assert.equal(res.statusCode, 401);
      }
    }
    assert.equal((await signIn(c.email, TEST_PASSWORD, randomAddress(), thief)).statusCode, 303);
    const locked = await postFrom(thief, randomAddress(), '/logowanie/kod', { code: nextCode(secret) });
    assert.equal(locked.statusCode, 429);
    assert.ok(has(locked.body, messages.pl.accounts.tooManyAttempts(15)));
    assert.equal((await thief.get('/konto')).statusCode, 303, 'not signed in');
  });
});
