// A series of events as people meet it: its page lists its sessions (upcoming and past), a resident
// registers once for chosen sessions (each registered on its own: a full one puts them on its
// waiting list; a closed one or one with questions cannot be chosen), staff set the certificate
// threshold, and a participant checked in at enough sessions downloads an attendance certificate
// (a PDF with their name in Polish letters) that the verification page confirms; below the
// threshold, or for someone else, there is none. Dates come from the test clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { queryRows } from '../../db/client.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import type { EventsService } from './service.ts';
import { eventsOf, publishedEvent, testOrganisation, testPeople } from './test-helpers.ts';
import { whenText } from './views/shared.tsx';

const SERIES = 'Warsztaty sąsiedzkie 2026';
const SLUG = 'warsztaty-sasiedzkie-2026';
const PAGE = `/wydarzenia/cykle/${SLUG}`;
const HOUR = 3_600_000;

let t: TestApp;
let svc: EventsService;
let staff: { id: string; role: 'staff' };
const s: Record<'green' | 'walk' | 'small' | 'closed' | 'asks' | 'past', string> = {
  green: '',
  walk: '',
  small: '',
  closed: '',
  asks: '',
  past: '',
};
let zofia: Awaited<ReturnType<TestApp['signedIn']>>;

const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];

const registrationsOf = (userId: string) =>
  queryRows<{ event_id: string; status: string; position: number | null }>(
    t.database.db,
    sql`select event_id, status, position from event_registration where user_id = ${userId}`,
  );

/** Marks the person present at the session (what the check-in screens do). */
const checkIn = (userId: string, eventId: string) =>
  t.database.db.execute(sql`update event_registration set checked_in_at = ${testClock.now()}, checked_in_by = ${staff.id}
    where user_id = ${userId} and event_id = ${eventId}`);

before(async () => {
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [st] = await testPeople(t.database, 1, 'staff');
  staff = st as typeof staff;
  const session = (title: string, days: number, extra: Parameters<typeof publishedEvent>[2] = {}) =>
    publishedEvent(svc, staff, { title: { pl: title }, series: SERIES, ...extra }, days);
  s.green = await session('Warsztat: zielone podwórka', 5);
  s.walk = await session('Spacer badawczy po Zabłociu', 8, { consent: { pl: 'Zgadzam się na zdjęcia' } });
  s.small = await session('Kawiarenka naprawcza', 12, { capacity: 1 });
  s.closed = await session('Warsztat z zamkniętymi zapisami', 15, {
    registrationClosesAt: new Date(testClock.now().getTime() - HOUR),
  });
  s.asks = await session('Warsztat z pytaniami', 20, {
    questions: [{ key: 'diet', kind: 'text', label: { pl: 'Dieta' }, required: true }],
  });
  zofia = await t.signedIn('resident', { name: 'Zażółć Gęślą' });
  // A session that is over: made and published before the clock moves past it.
  const pastStart = testClock.now();
  s.past = await session('Spotkanie otwierające cykl', 1);
  testClock.set(new Date(pastStart.getTime() + 3 * 86_400_000));
});
after(() => t.close());

describe('the series page', () => {
  test('lists the upcoming sessions with what can be chosen, and the past ones', async () => {
    const res = await t.client().get(PAGE);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1[^>]*>[\s\S]*Warsztaty sąsiedzkie 2026[\s\S]*<\/h1>/);
    for (const title of ['Warsztat: zielone podwórka', 'Spacer badawczy po Zabłociu', 'Kawiarenka naprawcza'])
      assert.match(res.body, new RegExp(title));
    assert.match(res.body, /Warsztat z zamkniętymi zapisami[\s\S]*?zapisy zamknięte/);
    assert.match(res.body, /Warsztat z pytaniami[\s\S]*?zapis z pytaniami/);
    assert.match(res.body, /Minione spotkania[\s\S]*Spotkanie otwierające cykl/);
    // Each session links to its own page; a visitor is asked to sign in.
    assert.match(res.body, new RegExp(`href="/wydarzenia/${s.closed}"`));
    assert.match(res.body, /Zaloguj się, aby zapisać się na spotkania cyklu/);
    // The event page links its series' page.
    const event = await t.client().get(`/wydarzenia/${s.green}`);
    assert.match(
      event.body,
      new RegExp(`<a class="govuk-link" href="${PAGE}">Wszystkie spotkania tego cyklu</a>`),
    );
    assert.equal((await t.client().get('/wydarzenia/cykle/nie-ma-takiego')).statusCode, 404);
  });

  test('a signed-in person may choose only the open sessions without questions', async () => {
    const page = await zofia.get(PAGE);
    for (const id of [s.green, s.walk, s.small])
      assert.match(page.body, new RegExp(`name="sessions" type="checkbox" value="${id}"`));
    for (const id of [s.closed, s.asks, s.past])
      assert.doesNotMatch(page.body, new RegExp(`name="sessions" type="checkbox" value="${id}"`));
    assert.match(page.body, /Wybrane spotkania proszą o zgodę:[\s\S]*Zgadzam się na zdjęcia/);
  });
});

describe('registering for chosen sessions', () => {
  test('a closed session cannot be chosen, nor nothing; consent is asked where a session needs it', async () => {
    const closed = await zofia.post(`${PAGE}/zapis`, { sessions: s.closed });
    assert.equal(closed.statusCode, 422);
    assert.match(closed.body, /Jedno z wybranych spotkań nie przyjmuje już zapisów tutaj/);
    const asks = await zofia.post(`${PAGE}/zapis`, { sessions: [s.green, s.asks] });
    assert.equal(asks.statusCode, 422);
    const none = await zofia.post(`${PAGE}/zapis`, { companions: '0' });
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /<a href="#f-sessions">Wybierz co najmniej jedno spotkanie\.<\/a>/);
    const noConsent = await zofia.post(`${PAGE}/zapis`, { sessions: [s.green, s.walk] });
    assert.equal(noConsent.statusCode, 422);
    assert.match(noConsent.body, /Zapis wymaga zgody\./);
    assert.deepEqual(await registrationsOf(zofia.userId), []);
  });

  test('three sessions give three registrations; the full one puts her on its waiting list', async () => {
    const other = await t.signedIn('resident', { name: 'Ktoś Pierwszy' });
    assert.equal((await other.post(`/wydarzenia/${s.small}/zapis`, {})).statusCode, 303);

    const res = await zofia.post(`${PAGE}/zapis`, {
      sessions: [s.green, s.walk, s.small],
      // An untouched field, as the browser sends it: no companions.
      companions: '',
      consent: 'yes',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, PAGE);
    const regs = new Map((await registrationsOf(zofia.userId)).map((r) => [r.event_id, r.status]));
    assert.deepEqual(
      [regs.get(s.green), regs.get(s.walk), regs.get(s.small)],
      ['confirmed', 'confirmed', 'waiting'],
    );
    assert.equal(regs.size, 3);
    const page = await zofia.get(PAGE);
    assert.equal(flashOf(page.body), 'Zapisano na 3 spotkania. Potwierdzenie wysłaliśmy e-mailem.');
    assert.match(page.body, /Kawiarenka naprawcza[\s\S]*?na liście rezerwowej \(przed Tobą: 0\)/);
    // One mail lists the three sessions, each with its state and its own link.
    const mails = await queryRows<{ template: string; subject: string; text_body: string }>(
      t.database.db,
      sql`select template, subject, text_body from mail_outbox where to_address = ${zofia.email}`,
    );
    assert.deepEqual(
      mails.map((m) => m.template),
      ['eventsSeriesRegistered'],
    );
    const body = mails[0]!.text_body;
    assert.equal(mails[0]!.subject, `Potwierdzenie zapisu: ${SERIES}`);
    assert.match(
      body,
      /„Warsztat: zielone podwórka”, [^\n]+?: zapisano\. Zobacz lub zrezygnuj: http:\/\/localhost:3000\/wydarzenia\/zapis\//,
    );
    assert.match(body, /„Kawiarenka naprawcza”, [^\n]+?: lista rezerwowa \(przed Tobą: 0\)/);
    assert.equal(body.match(/\/wydarzenia\/zapis\/[A-Za-z0-9_-]{43}/g)?.length, 3);
    // Registering again for one of them: refused for that session, with the reason.
    const again = await zofia.post(`${PAGE}/zapis`, { sessions: s.green, consent: 'yes' });
    assert.equal(again.statusCode, 303);
    assert.match(
      flashOf((await zofia.get(PAGE)).body) ?? '',
      /Warsztat: zielone podwórka: nie zapisano: Już jesteś zapisany\(-a\) na to wydarzenie\./,
    );
  });
});

describe('the attendance certificate', () => {
  let code = '';

  test('staff set the threshold on the series settings page', async () => {
    const officer = await t.signedIn('staff');
    const list = await officer.get('/panel/wydarzenia/cykle');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="/panel/wydarzenia/cykle/${SLUG}"`));
    const bad = await officer.post(`/panel/wydarzenia/cykle/${SLUG}`, {
      title_pl: 'Warsztaty sąsiedzkie — Zabłocie',
      certificateMinSessions: '0',
    });
    assert.equal(bad.statusCode, 422);
    const ok = await officer.post(`/panel/wydarzenia/cykle/${SLUG}`, {
      title_pl: 'Warsztaty sąsiedzkie — Zabłocie',
      title_en: 'Neighbourhood workshops — Zabłocie',
      description_pl: 'Cykl warsztatów dla sąsiadów.',
      certificateMinSessions: '2',
    });
    assert.equal(ok.statusCode, 303);
    const [row] = await queryRows<{ title: string; min: number }>(
      t.database.db,
      sql`select title, certificate_min_sessions as min from event_series where slug = ${SLUG}`,
    );
    assert.deepEqual(row, { title: 'Warsztaty sąsiedzkie — Zabłocie', min: 2 });
    // The audit log records the change, naming the series by its title in the reader's language.
    const [logged] = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where entity_type = 'event_series' and entity_id = ${SLUG}`,
    );
    assert.equal(logged?.action, 'event_series.updated');
    const names = await svc.auditNames.event_series!([SLUG], 'en');
    assert.deepEqual(names.get(SLUG), { name: 'Neighbourhood workshops — Zabłocie' });
    // A resident may not.
    assert.equal((await zofia.get(`/panel/wydarzenia/cykle/${SLUG}`)).statusCode, 403);
  });

  test('below the threshold it is refused with a clear message', async () => {
    const none = await zofia.get(`${PAGE}/zaswiadczenie.pdf`);
    assert.equal(none.statusCode, 303);
    assert.equal(none.headers.location, '/wydarzenia/moje');
    await checkIn(zofia.userId, s.green);
    const mine = await zofia.get('/wydarzenia/moje');
    assert.match(
      mine.body,
      /Warsztaty sąsiedzkie — Zabłocie<\/a>: udział w spotkaniach: 1 \(wymagane: 2\)\./,
    );
    assert.doesNotMatch(mine.body, /zaswiadczenie\.pdf/);
    const refused = await zofia.get(`${PAGE}/zaswiadczenie.pdf`);
    assert.equal(refused.statusCode, 303);
    assert.match(
      flashOf((await zofia.get('/wydarzenia/moje')).body) ?? '',
      /Zaświadczenie przysługuje dopiero po udziale w wymaganej liczbie spotkań cyklu/,
    );
  });

  test('at the threshold the PDF has her name, the series, the sessions with dates and a code', async () => {
    await checkIn(zofia.userId, s.walk);
    const mine = await zofia.get('/wydarzenia/moje');
    assert.match(mine.body, /udział w spotkaniach: 2 \(wymagane: 2\)\./);
    assert.match(mine.body, new RegExp(`href="${PAGE}/zaswiadczenie.pdf"`));
    const res = await zofia.get(`${PAGE}/zaswiadczenie.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = await pdfText(res.rawPayload);
    assert.match(text, /Zaświadczenie o udziale/);
    assert.match(text, /Zażółć Gęślą/);
    assert.match(text, /Warsztaty sąsiedzkie — Zabłocie/);
    const [green, walk] = await queryRows<{ starts_at: string; ends_at: string }>(
      t.database.db,
      sql`select starts_at, ends_at from event_event where id in (${s.green}, ${s.walk}) order by starts_at`,
    );
    assert.ok(
      text.includes(
        `Warsztat: zielone podwórka — ${whenText('pl', new Date(green!.starts_at), new Date(green!.ends_at))}`,
      ),
    );
    assert.ok(
      text.includes(
        `Spacer badawczy po Zabłociu — ${whenText('pl', new Date(walk!.starts_at), new Date(walk!.ends_at))}`,
      ),
    );
    assert.doesNotMatch(text, /Kawiarenka naprawcza/);
    assert.match(text, /Organizator: Wydział Rozwoju Miasta/);
    assert.ok(text.includes(`Data wystawienia: ${formatDateTime('pl', testClock.now(), 'date')}`));
    const m = /Kod weryfikacyjny: ([A-Z0-9]{12})/.exec(text);
    assert.ok(m, text);
    code = m[1]!;
    assert.ok(text.includes(`http://localhost:3000/wydarzenia/zaswiadczenia/${code}`));
    // Downloaded again: the same certificate (one code per person and series).
    assert.ok((await pdfText((await zofia.get(`${PAGE}/zaswiadczenie.pdf`)).rawPayload)).includes(code));
  });

  test('the verification page says genuine for its code, unknown for any other, without other data', async () => {
    const ok = await t.client().get(`/wydarzenia/zaswiadczenia/${code}`);
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /To zaświadczenie jest autentyczne\./);
    assert.match(ok.body, /Zażółć Gęślą/);
    assert.match(ok.body, /Warsztaty sąsiedzkie — Zabłocie/);
    assert.doesNotMatch(ok.body, new RegExp(zofia.email));
    const unknown = await t.client().get('/wydarzenia/zaswiadczenia/ABCDEFGHJKMN');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Nie znamy zaświadczenia o tym kodzie\./);
  });

  test("a stranger cannot download someone else's certificate, nor see the series' attendance", async () => {
    const stranger = await t.signedIn('resident', { name: 'Ktoś Obcy' });
    const res = await stranger.get(`${PAGE}/zaswiadczenie.pdf`);
    assert.equal(res.statusCode, 303);
    assert.doesNotMatch(res.body, /%PDF/);
    const anonymous = await t.client().get(`${PAGE}/zaswiadczenie.pdf`);
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/logowanie/);
    assert.equal((await stranger.get(`${PAGE}/obecnosc`)).statusCode, 403);
    // Staff see who qualifies.
    const officer = await t.signedIn('staff');
    const roster = await officer.get(`${PAGE}/obecnosc`);
    assert.equal(roster.statusCode, 200);
    assert.match(roster.body, /Zażółć Gęślą[\s\S]*?<td[^>]*>2<\/td>[\s\S]*?przysługuje/);
  });

  test("an organisation running one of the series' sessions sees its attendance too", async () => {
    const organiser = await t.signedIn('resident', { name: 'Organizatorka' });
    const org = await testOrganisation(
      t.database,
      [{ id: organiser.userId }],
      'verified',
      'Fundacja Zabłocie',
    );
    await publishedEvent(svc, staff, { organisationId: org, organiserUnit: undefined, series: SERIES }, 25);
    const res = await organiser.get(`${PAGE}/obecnosc`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Zażółć Gęślą/);
    assert.match((await organiser.get(PAGE)).body, new RegExp(`href="${PAGE}/obecnosc"`));
  });

  test('the certificate is in her data export, and goes when her account is erased', async () => {
    const exported = (await svc.privacy.exportFor(zofia.userId)) as {
      certificates: Array<{ name: string; code: string }>;
    };
    assert.deepEqual(
      exported.certificates.map((c) => [c.name, c.code]),
      [['Zażółć Gęślą', code]],
    );
    await t.database.db.transaction((tx) => svc.privacy.eraseFor(zofia.userId, tx));
    assert.equal((await t.client().get(`/wydarzenia/zaswiadczenia/${code}`)).statusCode, 404);
  });

  test('attendance still counts after the purge of personal data, which a long series outlasts', async () => {
    const jan = await t.signedIn('resident', { name: 'Jan Łęcki' });
    for (const id of [s.green, s.walk])
      assert.equal((await jan.post(`/wydarzenia/${id}/zapis`, { consent: 'yes' })).statusCode, 303);
    await checkIn(jan.userId, s.green);
    await checkIn(jan.userId, s.walk);
    const before = testClock.now();
    testClock.set(new Date(before.getTime() + 90 * 86_400_000));
    assert.ok((await svc.purgeEnded(svc.systemContext('test.purge'))) > 0);
    const [purged] = await queryRows<{ name: string | null; email: string | null }>(
      t.database.db,
      sql`select name, email from event_registration where user_id = ${jan.userId} and event_id = ${s.green}`,
    );
    assert.deepEqual(purged, { name: null, email: null });
    assert.match((await jan.get('/wydarzenia/moje')).body, /udział w spotkaniach: 2 \(wymagane: 2\)\./);
    const pdf = await jan.get(`${PAGE}/zaswiadczenie.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(await pdfText(pdf.rawPayload), /Jan Łęcki/);
    // In Ukrainian, the certificate is in Ukrainian letters.
    jan.cookies.set('klaster_lang', 'uk');
    const uk = await pdfText((await jan.get(`${PAGE}/zaswiadczenie.pdf`)).rawPayload);
    assert.match(uk, /Довідка про участь/);
    assert.match(uk, /Цим засвідчується, що\nJan Łęcki/);
    // A registration not checked in loses its person as before.
    const [other] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from event_registration where event_id = ${s.small} and user_id is not null`,
    );
    assert.equal(other!.n, 0);
    testClock.set(before);
  });

  test('renaming a series carries its events along (on update cascade), and search finds the new name', async () => {
    await t.database.db.execute(
      sql`update event_series set name = 'Warsztaty sąsiedzkie Zabłocie' where slug = ${SLUG}`,
    );
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from event_event where series = 'Warsztaty sąsiedzkie Zabłocie'`,
    );
    assert.equal(row!.n, 7);
    const list = await t.client().get('/wydarzenia?q=sasiedzkie+zablocie');
    assert.match(list.body, /Warsztat: zielone podwórka/);
  });
});
