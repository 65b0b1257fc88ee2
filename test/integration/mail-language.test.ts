// Mail goes out in the language the recipient chose last, not in the language of whoever triggers
// it: a person who switched the site to English gets English mail from a staff decision and from a
// job. Messages greet without a name, and only unasked messages say "if this was not you".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { openDays, seedTestSpaces } from '../../src/modules/spaces/test-helpers.ts';
import { user } from '../../src/platform/auth/schema.ts';
import { messages } from '../../src/platform/i18n/index.ts';
import { warsawInstant } from '../../src/platform/time/warsaw.ts';
import { createTestApp, readMailDir, type TestApp } from '../support/app.ts';
import { testClock } from '../support/clock.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
});
after(() => t.close());

const localeOf = async (id: string) =>
  (await t.database.db.select({ locale: user.locale }).from(user).where(eq(user.id, id)))[0]?.locale;
const mailsTo = async (email: string) => {
  await t.app.klaster.worker.tick();
  return readMailDir(t.dataDir).filter((m) => m.to.includes(email));
};
const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('’', '’');

describe('the language of e-mails', () => {
  it('switching the site language records it for e-mails and says so in one line', async () => {
    const anna = await t.signedIn('resident');
    assert.equal(await localeOf(anna.userId), 'pl');
    const switched = await anna.get('/jezyk/en?next=/konto');
    assert.equal(switched.statusCode, 303);
    assert.equal(await localeOf(anna.userId), 'en');
    const next = await anna.get('/konto');
    assert.ok(next.body.includes(escapeHtml(messages.en.common.mailLanguageSet)), next.body);
    // Switching again to the same language changes nothing and says nothing.
    await anna.get('/jezyk/en?next=/konto');
    assert.ok(!(await anna.get('/konto')).body.includes(escapeHtml(messages.en.common.mailLanguageSet)));
    // The profile shows it.
    assert.match((await anna.get('/konto')).body, /English/);
  });

  it('a link from another site does not change it', async () => {
    const piotr = await t.signedIn('resident');
    const res = await piotr.get('/jezyk/uk?next=/', { 'sec-fetch-site': 'cross-site' });
    assert.equal(res.statusCode, 303);
    assert.equal(await localeOf(piotr.userId), 'pl');
  });

  it('an organisation verified by Polish-speaking staff is announced to its English-speaking owner in English', async () => {
    const owner = await t.signedIn('resident');
    await owner.get('/jezyk/en?next=/');
    const created = await owner.post('/organizacje/nowa', {
      name: 'Green Zabłocie Group',
      kind: 'informal_group',
      nip: '',
      regon: '',
      krs: '',
      description: 'Neighbours planting trees.',
      website: '',
      publicEmail: '',
      subarea: '',
    });
    assert.equal(created.statusCode, 303, created.body);
    const id = /\/organizacje\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    const staff = await t.signedIn('staff');
    await staff.get('/jezyk/pl?next=/');
    assert.equal((await staff.post(`/panel/organizacje/${id}/weryfikuj`)).statusCode, 303);
    const [mail] = (await mailsTo(owner.email)).filter((m) => m.subject.includes('Green Zabłocie Group'));
    assert.ok(mail, 'the owner was e-mailed');
    assert.equal(mail.subject, 'Green Zabłocie Group has been verified');
    assert.match(mail.raw, /^Hello,$/m);
    assert.ok(!mail.raw.includes('If this was not you'), 'an approval is no security message');
    assert.ok(!mail.raw.includes('zweryfikowana'), 'nothing in Polish');
  });

  it('a reminder sent by the job worker is in the language the person chose', async () => {
    const ewa = await t.signedIn('resident');
    await ewa.get('/jezyk/en?next=/');
    const [day] = openDays(1);
    const made = await ewa.post('/przestrzenie/pomieszczenie-b2b/rezerwacja', {
      date: day!,
      from: '10:00',
      to: '11:00',
      title: '',
      notes: '',
      repeatWeeks: '1',
    });
    assert.equal(made.statusCode, 303, made.body);
    // The person switches to Ukrainian after booking: the reminder follows the latest choice.
    await ewa.get('/jezyk/uk?next=/');
    const real = testClock.now();
    testClock.set(new Date(warsawInstant(day!, '10:00').getTime() - 23 * 3600_000));
    try {
      await t.app.klaster.worker.tick();
    } finally {
      testClock.set(real);
    }
    const reminder = (await mailsTo(ewa.email)).find((m) => m.subject.startsWith('Нагадування'));
    assert.ok(reminder, (await mailsTo(ewa.email)).map((m) => m.subject).join('\n'));
    assert.ok(reminder.raw.includes('<p>Добрий день!</p>'), 'greets without a name');
    // The room is named in Ukrainian too, as staff gave it.
    assert.match(reminder.subject, /Кімната для зустрічей B2B/);
    // And the booking confirmation, sent while English was chosen, was English.
    const confirmed = (await mailsTo(ewa.email)).find((m) => m.subject.startsWith('Booking confirmed'));
    assert.match(confirmed?.subject ?? '', /B2B meeting room/);
  });

  it('a mail someone may not have asked for still says "if this was not you"', async () => {
    const email = `nowa-${Date.now()}@test.example`;
    const c = t.client();
    await c.get('/jezyk/en?next=/');
    const res = await c.post('/rejestracja', {
      name: 'Nowa Osoba',
      email,
      password: 'rower kawa most zegar',
      locale: 'en',
      consents: 'terms',
    });
    assert.equal(res.statusCode, 303, res.body);
    const [mail] = await mailsTo(email);
    assert.ok(mail);
    assert.match(mail.raw, /^Hello,$/m);
    assert.ok(mail.raw.includes(messages.en.mail.ignore));
    assert.ok(!mail.raw.includes('Nowa Osoba'), 'no name in the greeting');
  });
});
