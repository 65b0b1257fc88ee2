// Registering on an event's page and leaving again, as people do it: the form (companions,
// questions, consent) posts to the service's register use case, a full event puts the next person
// on the waiting list and says so, "my events" lists both with their buttons, and the link in the
// confirmation mail cancels without signing in (a bad or used link says so).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import type { EventsService } from './service.ts';
import { eventsOf, publishedEvent, testPeople } from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let staff: { id: string; role: 'staff' };

const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];

const registrationsOf = (eventId: string) =>
  queryRows<{ user_id: string; status: string; party_size: number; answers: Record<string, unknown> }>(
    t.database.db,
    sql`select user_id, status, party_size, answers from event_registration where event_id = ${eventId} order by created_at`,
  );

/** The link (its path) in the last mail of the template sent to the address. */
async function linkIn(email: string, template: string): Promise<string> {
  const [row] = await queryRows<{ text_body: string }>(
    t.database.db,
    sql`select text_body from mail_outbox where to_address = ${email} and template = ${template}
        order by created_at desc limit 1`,
  );
  const m = /http:\/\/localhost:3000(\/wydarzenia\/zapis\/[A-Za-z0-9_-]{43})/.exec(row?.text_body ?? '');
  assert.ok(m, `a link in the ${template} mail to ${email}`);
  return m[1]!;
}

before(async () => {
  testClock.set(warsawInstant('2026-11-10', '09:00'));
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = s as typeof staff;
});
after(() => t.close());

describe('registering on the event page', () => {
  test('a signed-out visitor sees the places and a sign-in link, no form', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 5 });
    const res = await t.client().get(`/wydarzenia/${id}`);
    assert.match(res.body, /Zostało 5 miejsc z 5\./);
    assert.match(res.body, new RegExp(`href="/logowanie\\?next=%2Fwydarzenia%2F${id}"`));
    assert.doesNotMatch(res.body, /action="\/wydarzenia\/[^"]+\/zapis"/);
    // Posting anyway needs a session, and stores nothing.
    const post = await t.client().post(`/wydarzenia/${id}/zapis`, {});
    assert.equal(post.statusCode, 401);
    assert.deepEqual(await registrationsOf(id), []);
  });

  test('a party of two takes two places; the next person, who does not fit, joins the waiting list', async () => {
    const id = await publishedEvent(svc, staff, {
      capacity: 2,
      maxCompanions: 2,
      consent: { pl: 'Zgadzam się na zdjęcia' },
      questions: [
        {
          key: 'diet',
          kind: 'choice',
          label: { pl: 'Dieta' },
          required: true,
          options: [
            { key: 'vege', label: { pl: 'Wegetariańska' } },
            { key: 'any', label: { pl: 'Dowolna' } },
          ],
        },
        { key: 'first', kind: 'yesno', label: { pl: 'Pierwszy raz?' }, required: false },
      ],
    });
    const anna = await t.signedIn('resident', { name: 'Anna' });
    const page = await anna.get(`/wydarzenia/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<form method="post" action="/wydarzenia/${id}/zapis"`));
    assert.match(page.body, /Zgadzam się na zdjęcia/);
    assert.match(
      page.body,
      /<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Dieta<\/legend>/,
    );

    // A required answer missing: the form again with the error on its field, nothing stored.
    const missing = await anna.post(`/wydarzenia/${id}/zapis`, { companions: '1', consent: 'yes' });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /<a href="#f-q_diet">Odpowiedz na wymagane pytanie\.<\/a>/);
    assert.match(missing.body, /name="companions" type="number" value="1"/);
    assert.deepEqual(await registrationsOf(id), []);
    // No consent: refused too.
    const noConsent = await anna.post(`/wydarzenia/${id}/zapis`, { companions: '1', q_diet: 'vege' });
    assert.equal(noConsent.statusCode, 422);
    assert.match(noConsent.body, /Zapis wymaga zgody\./);

    const ok = await anna.post(`/wydarzenia/${id}/zapis`, {
      companions: '1',
      q_diet: 'vege',
      q_first: 'yes',
      consent: 'yes',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/wydarzenia/${id}`);
    const after = await anna.get(`/wydarzenia/${id}`);
    assert.equal(flashOf(after.body), 'Zapisano. Potwierdzenie wysłaliśmy e-mailem.');
    assert.match(after.body, /Jesteś zapisany\(-a\) \(2 osoby\)\./);
    assert.deepEqual(
      (await registrationsOf(id)).map((r) => [r.status, r.party_size, r.answers]),
      [['confirmed', 2, { diet: 'vege', first: true }]],
    );

    const ben = await t.signedIn('resident', { name: 'Ben' });
    const full = await ben.get(`/wydarzenia/${id}`);
    assert.match(full.body, /Wszystkie miejsca są zajęte: zapis trafi na listę oczekujących\./);
    assert.match(full.body, /a mniejsza grupa za nimi może dostać miejsce wcześniej/);
    assert.match(full.body, />Zapisz się na listę oczekujących</);
    const waiting = await ben.post(`/wydarzenia/${id}/zapis`, { q_diet: 'any', consent: 'yes' });
    assert.equal(waiting.statusCode, 303);
    const benPage = await ben.get(`/wydarzenia/${id}`);
    assert.match(flashOf(benPage.body) ?? '', /jesteś na liście oczekujących/);
    assert.match(benPage.body, /Jesteś na liście oczekujących jako pierwsza osoba\./);
    // Twice is refused with the reason on the page.
    const twice = await ben.post(`/wydarzenia/${id}/zapis`, { q_diet: 'any', consent: 'yes' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /Już jesteś zapisany\(-a\) na to wydarzenie\./);

    // "My events": Ben's place in line, with the cancel button; cancelling there frees it.
    const mine = await ben.get('/wydarzenia/moje');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /Spotkanie konsultacyjne/);
    assert.match(mine.body, /Jesteś na liście oczekujących jako pierwsza osoba\./);
    assert.match(mine.body, new RegExp(`action="/wydarzenia/${id}/rezygnacja"`));
    const cancel = await ben.post(`/wydarzenia/${id}/rezygnacja`, { back: 'moje' });
    assert.equal(cancel.statusCode, 303);
    assert.equal(cancel.headers.location, '/wydarzenia/moje');
    const mineAfter = await ben.get('/wydarzenia/moje');
    assert.equal(flashOf(mineAfter.body), 'Zapis anulowany.');
    assert.match(mineAfter.body, /Zakończone i anulowane/);
    assert.match(mineAfter.body, /Anulowany/);
    assert.doesNotMatch(mineAfter.body, /action="\/wydarzenia\/[^"]+\/rezygnacja"/);
  });

  test('a cancelled event takes no registration and says why', async () => {
    const id = await publishedEvent(svc, staff, {});
    const cara = await t.signedIn('resident');
    await svc.cancel(as(staff), id, 'Awaria ogrzewania');
    const page = await cara.get(`/wydarzenia/${id}`);
    assert.match(page.body, /Awaria ogrzewania/);
    assert.doesNotMatch(page.body, /action="\/wydarzenia\/[^"]+\/zapis"/);
    const post = await cara.post(`/wydarzenia/${id}/zapis`, {});
    assert.equal(post.statusCode, 422);
    assert.match(post.body, /To wydarzenie zostało odwołane — zapisy są zamknięte\./);
  });

  test('"my events" with nothing in it says so', async () => {
    const dora = await t.signedIn('resident');
    const res = await dora.get('/wydarzenia/moje');
    assert.match(res.body, /Nie masz jeszcze zapisów na wydarzenia\./);
    assert.equal((await t.client().get('/wydarzenia/moje')).statusCode, 303);
  });
});

describe('the link in the mail', () => {
  test('shows a confirmation form without signing in; posting it cancels and the place passes on', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const ela = await t.signedIn('resident');
    const filip = await t.signedIn('resident');
    assert.equal((await ela.post(`/wydarzenia/${id}/zapis`, {})).statusCode, 303);
    assert.equal((await filip.post(`/wydarzenia/${id}/zapis`, {})).statusCode, 303);
    const link = await linkIn(ela.email, 'eventsRegistered');

    const visitor = t.client();
    const page = await visitor.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Spotkanie konsultacyjne/);
    assert.match(page.body, /Jesteś zapisany\(-a\)\./);
    assert.match(page.body, new RegExp(`<form method="post" action="${link}"`));
    assert.equal(page.headers['referrer-policy'], 'no-referrer');

    const done = await visitor.post(link);
    assert.equal(done.statusCode, 303);
    const again = await visitor.get(link);
    assert.equal(flashOf(again.body), 'Zrezygnowano z udziału. Dziękujemy za informację.');
    assert.match(again.body, /Ten zapis już nie obowiązuje — nie trzeba nic robić\./);
    assert.doesNotMatch(again.body, new RegExp(`<form method="post" action="${link}"`));
    assert.deepEqual(
      (await registrationsOf(id)).map((r) => r.status),
      ['cancelled', 'offered'],
    );

    // Used again: nothing changes, and the page says the registration no longer stands.
    const used = await visitor.post(link);
    assert.equal(used.statusCode, 303);
    assert.match((await visitor.get(link)).body, /Ten zapis już nie obowiązuje/);

    // Filip's offer came by mail; its link confirms the place.
    const offer = await linkIn(filip.email, 'eventsOffer');
    const offerPage = await t.client().get(offer);
    assert.match(offerPage.body, /Czeka na Ciebie miejsce — potwierdź do/);
    const accepted = await t.client().post(`${offer}/przyjmij`);
    assert.equal(accepted.statusCode, 303);
    assert.deepEqual(
      (await registrationsOf(id)).map((r) => r.status),
      ['cancelled', 'confirmed'],
    );
  });

  test('an offer on the event page: confirmed or declined there, and the place passes on', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const [gosia, henryk, irena] = [
      await t.signedIn('resident'),
      await t.signedIn('resident'),
      await t.signedIn('resident'),
    ];
    for (const c of [gosia, henryk, irena])
      assert.equal((await c!.post(`/wydarzenia/${id}/zapis`, {})).statusCode, 303);
    assert.equal((await gosia!.post(`/wydarzenia/${id}/rezygnacja`, {})).statusCode, 303);
    const offered = await henryk!.get(`/wydarzenia/${id}`);
    assert.match(offered.body, /Czeka na Ciebie miejsce — potwierdź do/);
    assert.match(offered.body, new RegExp(`action="/wydarzenia/${id}/oferta"`));
    const declined = await henryk!.post(`/wydarzenia/${id}/oferta`, { answer: 'decline' });
    assert.equal(declined.statusCode, 303);
    assert.equal(
      flashOf((await henryk!.get(`/wydarzenia/${id}`)).body),
      'Miejsce odrzucone — przejdzie na kolejną osobę.',
    );
    const mine = await irena!.get('/wydarzenia/moje');
    assert.match(mine.body, /Czeka na Ciebie miejsce/);
    const accepted = await irena!.post(`/wydarzenia/${id}/oferta`, { answer: 'accept', back: 'moje' });
    assert.equal(accepted.headers.location, '/wydarzenia/moje');
    assert.deepEqual(
      (await registrationsOf(id)).map((r) => r.status),
      ['cancelled', 'declined', 'confirmed'],
    );
    // No offer any more: the refusal is flashed, nothing changes.
    await henryk!.post(`/wydarzenia/${id}/oferta`, { answer: 'accept' });
    assert.equal(flashOf((await henryk!.get(`/wydarzenia/${id}`)).body), 'Ten zapis już nie obowiązuje.');
    assert.equal((await registrationsOf(id)).filter((r) => r.status === 'confirmed').length, 1);
  });

  test('a made-up or malformed link gives a clear page, 404', async () => {
    const made = await t.client().get(`/wydarzenia/zapis/${'A'.repeat(43)}`);
    assert.equal(made.statusCode, 404);
    assert.match(made.body, /Ten link nie działa/);
    const short = await t.client().get('/wydarzenia/zapis/abc');
    assert.equal(short.statusCode, 404);
    assert.match(short.body, /Ten link nie działa/);
    const post = await t.client().post(`/wydarzenia/zapis/${'B'.repeat(43)}`);
    assert.equal(post.statusCode, 404);
    assert.match(post.body, /Ten link nie działa/);
  });
});
