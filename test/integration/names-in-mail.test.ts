// Attacker text in official mail: someone signs up with a victim's address and, as "name", a line
// break, a warning and a link. The city's verification mail must not carry that as a paragraph.
// Names are one line wherever a person's name is set, and mail to an address nobody has confirmed
// carries at most a short, single-line name that is not a link.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { user } from '../../src/platform/auth/schema.ts';
import { type Locale, locales, messages } from '../../src/platform/i18n/index.ts';
import { mailOutbox } from '../../src/platform/mail/schema.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const PHISHING = 'Jan\n\nTwoje konto zostanie usunięte. Zaloguj się tutaj: https://zly.example/logowanie';

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe('names are one line, and mail to unconfirmed addresses carries no one else’s text', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const address = () => `ofiara-${randomBytes(4).toString('hex')}@example.org`;
  const signUp = (name: string, email: string, locale: Locale = 'pl') =>
    t.client().post('/rejestracja', {
      name,
      email,
      password: 'rower kawa most zegar',
      locale,
      consents: 'terms',
    });
  async function mailsTo(email: string) {
    return t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(desc(mailOutbox.createdAt));
  }
  const accountOf = async (email: string) =>
    (await t.database.db.select().from(user).where(eq(user.email, email)))[0];

  for (const locale of locales) {
    it(`sign-up refuses a name with a line break with a field error in ${locale}, and sends nothing`, async () => {
      const c = t.client();
      await c.get(`/jezyk/${locale}?next=/`);
      const email = address();
      const res = await c.post('/rejestracja', {
        name: PHISHING,
        email,
        password: 'rower kawa most zegar',
        locale,
        consents: 'terms',
      });
      assert.equal(res.statusCode, 422);
      assert.ok(res.body.includes(escapeHtml(messages[locale].common.errors.nameOneLine)), res.body);
      assert.match(res.body, /href="#f-name"/, 'the error summary links to the field');
      assert.equal(await accountOf(email), undefined, 'no account');
      assert.equal((await mailsTo(email)).length, 0, 'no mail');
    });
  }

  it('refuses every control character and line or paragraph separator, and bidirectional overrides', async () => {
    for (const name of [
      'Jan\rKowalski',
      'Jan\tKowalski',
      'Jan\u0007',
      'Jan\u2028Kowalski',
      'Jan\u2029Nowak',
      'Jan\u202Eikswolak',
      'Jan\u0085K',
    ]) {
      const email = address();
      const res = await signUp(name, email);
      assert.equal(res.statusCode, 422, JSON.stringify(name));
      assert.equal(await accountOf(email), undefined, JSON.stringify(name));
    }
    // Letters of every language, hyphens and apostrophes are names.
    for (const name of ['Zofia Nowak-Żółć', 'Ołeksandr Шевченко', "Seán O'Brien"]) {
      const res = await signUp(name, address());
      assert.equal(res.statusCode, 303, name);
    }
  });

  it('the profile form refuses the same names with the same message, and keeps the old name', async () => {
    const resident = await t.signedIn('resident', { name: 'Anna Mieszkanka' });
    for (const [locale, name] of [
      ['pl', PHISHING],
      ['en', 'Anna\r\nhttps://zly.example'],
      ['uk', 'Анна\u2028Мешканка'],
    ] as const) {
      await resident.get(`/jezyk/${locale}?next=/`);
      const res = await resident.post('/konto/profil', { name, locale, phone: '' });
      assert.equal(res.statusCode, 422, name);
      assert.ok(res.body.includes(escapeHtml(messages[locale].common.errors.nameOneLine)), res.body);
    }
    assert.equal((await accountOf(resident.email))!.name, 'Anna Mieszkanka');
    assert.equal(
      (await resident.post('/konto/profil', { name: 'Anna Nowak', locale: 'pl', phone: '' })).statusCode,
      303,
    );
    assert.equal((await accountOf(resident.email))!.name, 'Anna Nowak');
  });

  it('the verification mail greets without a name (no vocative to get wrong) and never by a link', async () => {
    const longName = `Katarzyna ${'Wielonazwiskowa-'.repeat(6)}Kowalska`.slice(0, 120);
    const cases: Array<{ name: string; greets: RegExp; absent: string[] }> = [
      { name: 'Zofia Nowak', greets: /^Dzień dobry,$/m, absent: ['Zofia'] },
      { name: longName, greets: /^Dzień dobry,$/m, absent: ['Katarzyna'] },
      {
        name: 'Pilne: zaloguj się na zly.example',
        greets: /^Dzień dobry,$/m,
        absent: ['zly.example', 'Pilne'],
      },
      { name: 'Odwiedź https://zly.example', greets: /^Dzień dobry,$/m, absent: ['zly.example'] },
      { name: 'kontakt@zly.example', greets: /^Dzień dobry,$/m, absent: ['zly.example'] },
    ];
    for (const c of cases) {
      const email = address();
      assert.equal((await signUp(c.name, email)).statusCode, 303, c.name);
      const [mail] = await mailsTo(email);
      assert.ok(mail, `a verification mail to ${email}`);
      assert.equal(mail.template, 'verifyEmail');
      assert.match(mail.textBody, c.greets, mail.textBody);
      assert.equal(mail.textBody.split('\n')[0], 'Dzień dobry,');
      for (const s of c.absent) {
        assert.ok(!mail.textBody.includes(s), `${s} in ${mail.textBody}`);
        assert.ok(!mail.htmlBody.includes(s), `${s} in the HTML`);
      }
      // The only link is ours.
      const links = [...mail.textBody.matchAll(/https?:\/\/[^\s]+/g)].map((m) => m[0]);
      assert.deepEqual(
        links.map((l) => new URL(l).origin),
        ['http://localhost:3000'],
      );
    }
  });

  it('a name stored before this rule (with a line break) reaches no mail as more than one line', async () => {
    const email = address();
    assert.equal((await signUp('Placeholder', email)).statusCode, 303);
    await t.database.db.update(user).set({ name: PHISHING }).where(eq(user.email, email));
    // The password-reset mail goes to an address nobody has confirmed.
    const res = await t.client().post('/nie-pamietam-hasla', { email });
    assert.equal(res.statusCode, 303);
    const [mail] = await mailsTo(email);
    assert.equal(mail!.template, 'resetPassword');
    assert.ok(!mail!.textBody.includes('zly.example'), mail!.textBody);
    assert.ok(!mail!.textBody.includes('Twoje konto zostanie usunięte'), mail!.textBody);
    assert.ok(!mail!.htmlBody.includes('zly.example'));
  });

  it('an invitation to an address carries the inviter and organisation as one short line, never a link', async () => {
    const owner = await t.signedIn('resident', { name: 'Właścicielka' });
    await t.database.db
      .update(user)
      .set({ name: 'Ewa\nhttps://zly.example/pilne' })
      .where(eq(user.email, owner.email));
    const created = await owner.post('/organizacje/nowa', {
      name: 'Grupa Sąsiedzka\n\nUWAGA: potwierdź dane na https://zly.example',
      kind: 'informal_group',
      nip: '',
      regon: '',
      krs: '',
      description: 'Grupa sąsiedzka.',
      website: '',
      publicEmail: '',
      subarea: '',
    });
    assert.equal(created.statusCode, 303, created.body);
    const id = /\/organizacje\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    const email = address();
    const invited = await owner.post(`/organizacje/${id}/czlonkowie/zapros`, { email, role: 'member' });
    assert.equal(invited.statusCode, 303, invited.body);
    const [mail] = await mailsTo(email);
    assert.equal(mail!.template, 'orgInvitation');
    assert.ok(!mail!.textBody.includes('zly.example'), mail!.textBody);
    assert.ok(!mail!.htmlBody.includes('zly.example'));
    assert.ok(!mail!.subject.includes('\n'), mail!.subject);
    assert.ok(!mail!.subject.includes('zly.example'), mail!.subject);
    // The invitation itself is intact: our link, which shows the organisation once opened.
    assert.match(mail!.textBody, /http:\/\/localhost:3000\/zaproszenia\//);
  });
});
