// The organisers' message to an event's registrants: written on the list of registrations, shown
// with how many it goes to before it is sent, queued as one mail each in the outbox (the text as
// text, never markup), recorded in the history; refused to a stranger, past ten a day, and when the
// registrants' data is gone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { ForbiddenError } from '../../platform/http/errors.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import type { EventsService } from './service.ts';
import { eventInput, eventsOf, refused, testOrganisation, testPeople } from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let staff: Awaited<ReturnType<typeof testPeople>>[number];
let member: Awaited<ReturnType<TestApp['signedIn']>>;
let stranger: Awaited<ReturnType<TestApp['signedIn']>>;
let eventId: string;
const confirmed: string[] = [];
const waiting: string[] = [];

const mails = (subjectLike: string) =>
  t.database.rows<{ to_address: string; subject: string; text_body: string; html_body: string }>(
    sql`select to_address, subject, text_body, html_body from mail_outbox
        where template = 'eventsOrganiserMessage' and subject like ${`%${subjectLike}%`} order by to_address`,
  );
const messageCount = async (id: string) =>
  (
    await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from event_message where event_id = ${id}`,
    )
  )[0]!.n;

before(async () => {
  testClock.set(warsawInstant('2026-11-10', '09:00'));
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  staff = (await testPeople(t.database, 1, 'staff'))[0]!;
  member = await t.signedIn('resident', { name: 'Organizatorka' });
  stranger = await t.signedIn('resident', { name: 'Ktoś Obcy' });
  const org = await testOrganisation(t.database, [{ id: member.userId }], 'verified', 'Fundacja Podgórze');
  const draft = await svc.create(
    as({ id: member.userId, role: 'resident' }),
    eventInput({ organisationId: org, organiserUnit: undefined, capacity: 3 }),
  );
  await svc.publish(as(staff), draft.id);
  eventId = draft.id;
  // Three take the places, two wait.
  for (const i of [1, 2, 3, 4, 5]) {
    const c = await t.signedIn('resident', { name: `Osoba ${i}` });
    assert.equal((await c.post(`/wydarzenia/${eventId}/zapis`, {})).statusCode, 303);
    (i <= 3 ? confirmed : waiting).push(c.email);
  }
});
after(() => t.close());

describe("the organisers' message to registrants", () => {
  const text = 'Zabierzcie wygodne buty.\n\nStart spod bramy <script>alert(1)</script> o 17:00.';

  test('the roster page has the form; the confirm step says how many it goes to, nothing sent yet', async () => {
    const page = await member.get(`/wydarzenia/${eventId}/zapisy`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 class="govuk-heading-m" id="event-messages">Wiadomość do uczestników<\/h2>/);
    assert.match(page.body, /<legend[^>]*>Do kogo<\/legend>/);
    assert.match(page.body, /<label class="govuk-label" for="f-subject">Temat<\/label>/);
    assert.match(page.body, /Nie wysłano jeszcze żadnej wiadomości\./);

    const preview = await member.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'preview',
      audience: 'confirmed',
      subject: 'Spacer badawczy: zbiórka',
      body: text,
    });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Wiadomość trafi do 3 osób\./);
    assert.match(preview.body, /Start spod bramy &lt;script>alert\(1\)&lt;\/script> o 17:00\./);
    assert.doesNotMatch(preview.body, /<script>alert/);
    assert.match(preview.body, /name="step" value="send"/);
    assert.equal((await mails('zbiórka')).length, 0);

    const edit = await member.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'edit',
      audience: 'confirmed',
      subject: 'Spacer badawczy: zbiórka',
      body: text,
    });
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /id="f-subject" name="subject" type="text" value="Spacer badawczy: zbiórka"/);
  });

  test('sending to the confirmed queues three mails with the text, escaped, and lists it in the history', async () => {
    // One of them reads Ukrainian: their mail is in Ukrainian, the organiser's text as written.
    await t.database.db.execute(
      sql`update event_registration set locale = 'uk' where email = ${confirmed[0]!} and event_id = ${eventId}`,
    );
    const sent = await member.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'send',
      audience: 'confirmed',
      subject: 'Spacer badawczy: zbiórka',
      body: text,
    });
    assert.equal(sent.statusCode, 303);
    const back = await member.get(String(sent.headers.location));
    assert.match(back.body, /Wiadomość wysłana do 3 osób\./);
    const queued = await mails('zbiórka');
    assert.deepEqual(
      queued.map((m) => m.to_address),
      [...confirmed].sort(),
    );
    const ukrainian = queued.find((m) => m.to_address === confirmed[0])!;
    assert.match(ukrainian.text_body, /Повідомлення від організаторів події «Spotkanie konsultacyjne»/);
    assert.match(ukrainian.text_body, /Переглянути подію: http:\/\/localhost:3000\/wydarzenia\//);
    for (const m of queued) {
      assert.match(m.subject, /^Spacer badawczy: zbiórka — Spotkanie konsultacyjne$/);
      assert.match(
        m.text_body,
        /Zabierzcie wygodne buty\.\n\nStart spod bramy <script>alert\(1\)<\/script> o 17:00\./,
      );
      assert.match(m.text_body, new RegExp(`http://localhost:3000/wydarzenia/${eventId}`));
      assert.match(m.html_body, /Start spod bramy &lt;script&gt;alert\(1\)&lt;\/script&gt; o 17:00\./);
      assert.doesNotMatch(m.html_body, /<script>/);
    }
    assert.match(back.body, /Spacer badawczy: zbiórka/);
    assert.match(
      back.body,
      /<td class="govuk-table__cell">zapisani<\/td><td class="govuk-table__cell">3<\/td><td class="govuk-table__cell">Organizatorka<\/td>/,
    );
    const [audit] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity_id = ${eventId} and action = 'event.message_sent'`,
    );
    assert.equal(audit!.n, 1);
  });

  test('the waiting list gets it alone, and an empty subject is refused on its field', async () => {
    const empty = await member.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'preview',
      audience: 'waiting',
      subject: '',
      body: 'Treść',
    });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#f-subject"/);
    const sent = await member.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'send',
      audience: 'waiting',
      subject: 'Lista rezerwowa',
      body: 'Może zwolni się miejsce.',
    });
    assert.equal(sent.statusCode, 303);
    assert.deepEqual(
      (await mails('Lista rezerwowa')).map((m) => m.to_address),
      [...waiting].sort(),
    );
  });

  test('a stranger can neither see the form nor send', async () => {
    const before_ = await messageCount(eventId);
    const res = await stranger.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'send',
      audience: 'all',
      subject: 'Spam',
      body: 'Spam',
    });
    assert.equal(res.statusCode, 403);
    await assert.rejects(
      svc.sendMessage(as({ id: stranger.userId, role: 'resident' }), eventId, {
        audience: 'all',
        subject: 'Spam',
        body: 'Spam',
      }),
      ForbiddenError,
    );
    assert.equal(await messageCount(eventId), before_);
    assert.equal((await mails('Spam')).length, 0);
  });

  test('at most ten messages a day per event: the eleventh is refused and nothing is queued', async () => {
    const mine = as({ id: member.userId, role: 'resident' });
    for (let i = await messageCount(eventId); i < 10; i++)
      await svc.sendMessage(mine, eventId, { audience: 'confirmed', subject: `Nr ${i}`, body: 'Tekst' });
    const res = await member.post(`/wydarzenia/${eventId}/zapisy/wiadomosc`, {
      step: 'send',
      audience: 'confirmed',
      subject: 'Jedenasta',
      body: 'Tekst',
    });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /Wysłano już najwięcej wiadomości na dobę do tego wydarzenia/);
    assert.equal(await messageCount(eventId), 10);
    assert.equal((await mails('Jedenasta')).length, 0);
    // A day later one may write again.
    const later = as(
      { id: member.userId, role: 'resident' },
      { clock: { now: () => new Date(testClock.now().getTime() + 86_400_001) } },
    );
    assert.equal(
      await svc.sendMessage(later, eventId, { audience: 'all', subject: 'Nazajutrz', body: 'Tekst' }),
      5,
    );
  });

  test('once the registrants’ data is purged there is nobody to write to, and the page says so', async () => {
    const other = await svc.create(as(staff), eventInput({ capacity: 5 }));
    await svc.publish(as(staff), other.id);
    const c = await t.signedIn('resident', { name: 'Ewa' });
    assert.equal((await c.post(`/wydarzenia/${other.id}/zapis`, {})).statusCode, 303);
    await t.database.db.execute(
      sql`update event_registration set email = null, name = null, user_id = null, purged_at = now() where event_id = ${other.id}`,
    );
    const staffClient = await t.signedIn('staff');
    const res = await staffClient.post(`/wydarzenia/${other.id}/zapisy/wiadomosc`, {
      step: 'preview',
      audience: 'confirmed',
      subject: 'Po wydarzeniu',
      body: 'Dziękujemy',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Dane uczestników zostały usunięte po wydarzeniu.*niczego nie wysłano\./);
    await refused(
      svc.sendMessage(as(staff), other.id, { audience: 'all', subject: 'Po', body: 'Dziękujemy' }),
      'registrantsPurged',
      'audience',
    );
    assert.equal(await messageCount(other.id), 0);
  });
});
