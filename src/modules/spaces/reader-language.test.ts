// The resource's name in the reader's language where the booking pages did not give it yet: the
// job mails (no-show, lapse, reminder) in the recipient's account language, the "my bookings" list,
// the staff booking screens, the public busy feed, the booking form's and the change page's titles,
// the cancel and check-in pages, the calendars' captions and the assisted service's list of spaces
// (the back office's screens are in reader-language-staff.test.ts). A language the resource has no name in gets the Polish one (marked
// lang="pl" on pages, around the name alone inside a sentence; a <title> or an option holds text
// only); a Polish reader sees what they always saw.
//
// Set-up: the Civic Centre room has a Ukrainian name only (no English one), so English readers fall
// back to Polish there; the B2B room and the event hall have both.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { type Client, createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import type { Locale } from '../../platform/auth/schema.ts';
import { addDays, todayInWarsaw, warsawInstant } from '../../platform/time/warsaw.ts';
import type { bookingsService } from './bookings/index.ts';
import { openDays, seedTestSpaces, testBookingsService, testPeople } from './test-helpers.ts';

const B2B = 'pomieszczenie-b2b';
const CIVIC = 'sala-centrum-obywatelskiego';
const HALL = 'zablocie-space-sala-wydarzen';
const CIVIC_UK = 'Зала для зустрічей Громадського центру';

let t: TestApp;
let svc: ReturnType<typeof bookingsService>;

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  await t.database.db.execute(
    sql`update space_resource set name_i18n = ${JSON.stringify({ uk: CIVIC_UK })}::jsonb where slug = ${CIVIC}`,
  );
  svc = testBookingsService(t.database.db);
});
after(() => t.close());

/** A person (driven through the service) whose account is in `locale`. */
async function person(locale: Locale) {
  const [p] = await testPeople(t.database, 1);
  await t.database.db.execute(sql`update auth_user set locale = ${locale} where id = ${p!.id}`);
  return { ...p!, locale };
}

/** A signed-in client whose account is in `locale`. */
async function reader(role: 'resident' | 'staff', locale: Locale) {
  const c = await t.signedIn(role);
  await t.database.db.execute(sql`update auth_user set locale = ${locale} where id = ${c.userId}`);
  return c;
}

/** The subjects of the mails sent to an address so far (the worker sends what the outbox holds). */
async function subjectsTo(email: string): Promise<string[]> {
  await t.app.klaster.worker.tick();
  return readMailDir(t.dataDir)
    .filter((m) => m.to.includes(email))
    .map((m) => m.subject);
}

const days = openDays(12, addDays(todayInWarsaw(testClock.now()), 20));
const slot = (day: string, from = '10:00', to = '11:00') => ({ date: day, from, to });
const hallRequest = (day: string) => ({
  date: day,
  from: '10:00',
  to: '12:00',
  title: 'Spotkanie',
  attendees: 20,
  houseRules: true,
});

async function book(who: Client, resource: string, day: string, from = '10:00', to = '11:00') {
  const res = await who.json('POST', '/api/v1/spaces/bookings', { resource, ...slot(day, from, to) });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { bookings: Array<{ id: string }> }).bookings[0]!.id;
}

describe('the job mails name the resource in the recipient’s language', () => {
  test('reminder: English and Ukrainian readers get the translated name; no English name gives the Polish one', async () => {
    const en = await person('en');
    const uk = await person('uk');
    const a = await svc.create(as(en), B2B, slot(days[0]!));
    const b = await svc.create(as(uk), B2B, slot(days[0]!, '12:00', '13:00'));
    const c = await svc.create(as(en), CIVIC, slot(days[0]!));
    for (const id of [a.ids[0]!, b.ids[0]!, c.ids[0]!]) {
      const [row] = await queryRows<{ startsAt: Date }>(
        t.database.db,
        sql`select starts_at as "startsAt" from space_booking where id = ${id}`,
      );
      await svc.remind(id, new Date(row!.startsAt).toISOString());
    }
    const enMails = (await subjectsTo(en.email)).filter((s) => s.startsWith('Reminder:'));
    assert.equal(enMails.length, 2, String(enMails));
    assert.ok(
      enMails.some((s) => s.startsWith('Reminder: B2B meeting room,')),
      String(enMails),
    );
    assert.ok(
      enMails.some((s) => s.startsWith('Reminder: Sala spotkań Centrum Obywatelskiego,')),
      String(enMails),
    );
    const ukMails = (await subjectsTo(uk.email)).filter((s) => s.startsWith('Нагадування:'));
    assert.deepEqual(
      ukMails.map((s) => s.split(',')[0]),
      ['Нагадування: Кімната для зустрічей B2B'],
    );
  });

  test('no-show: the release mail names the room in the reader’s language, else in Polish', async () => {
    const en = await person('en');
    const uk = await person('uk');
    const ids = [
      (await svc.create(as(en), B2B, slot(days[1]!))).ids[0]!,
      (await svc.create(as(en), CIVIC, slot(days[1]!))).ids[0]!,
      (await svc.create(as(uk), CIVIC, slot(days[1]!, '12:00', '13:00'))).ids[0]!,
    ];
    // Nobody checked in by the deadline (each booking still ahead, so its person is told).
    for (const id of ids) {
      const [row] = await queryRows<{ until: Date }>(
        t.database.db,
        sql`select check_in_until as until from space_booking where id = ${id}`,
      );
      assert.ok(row?.until, 'a room booking is checked into');
      await testClock.at(new Date(new Date(row.until).getTime() + 60_000), () => svc.releaseNoShows());
    }
    const [released] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from space_booking where status = 'released' and id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    assert.equal(Number(released?.n), 3);
    const enMails = (await subjectsTo(en.email)).filter((s) => s.startsWith('Booking released:'));
    assert.deepEqual(enMails.map((s) => s.split(',')[0]).sort(), [
      'Booking released: B2B meeting room',
      'Booking released: Sala spotkań Centrum Obywatelskiego',
    ]);
    const ukMails = (await subjectsTo(uk.email)).filter((s) => s.startsWith('Бронювання звільнено:'));
    assert.deepEqual(
      ukMails.map((s) => s.split(',')[0]),
      [`Бронювання звільнено: ${CIVIC_UK}`],
    );
  });

  test('lapse: the mail of a request whose hold lapsed names the hall in English, else in Polish', async () => {
    const en = await person('en');
    const uk = await person('uk');
    const first = (await svc.create(as(en), HALL, hallRequest(days[2]!))).ids[0]!;
    const second = (await svc.create(as(uk), HALL, hallRequest(days[3]!))).ids[0]!;
    const lapse = async (id: string) => {
      await t.database.db.execute(
        sql`update space_booking set hold_until = ${new Date(testClock.now().getTime() - 60_000)}
            where id = ${id}`,
      );
      assert.ok((await svc.lapseHolds()) >= 1);
    };
    await lapse(first);
    await lapse(second);
    assert.deepEqual(
      (await subjectsTo(en.email)).filter((s) => s.startsWith('Tentative')).map((s) => s.split(',')[0]),
      ['Tentative booking lapsed: Zabłocie Space event hall'],
    );
    assert.deepEqual(
      (await subjectsTo(uk.email)).filter((s) => s.startsWith('Попереднє')).map((s) => s.split(',')[0]),
      ['Попереднє бронювання втратило чинність: Зала подій Zabłocie Space'],
    );
    // The hall without an English name: the Polish one.
    const third = (await svc.create(as(en), HALL, hallRequest(days[4]!))).ids[0]!;
    await t.database.db.execute(sql`update space_resource set name_i18n = '{}'::jsonb where slug = ${HALL}`);
    try {
      await lapse(third);
    } finally {
      await t.database.db.execute(
        sql`update space_resource set name_i18n = ${JSON.stringify({ en: 'Zabłocie Space event hall', uk: 'Зала подій Zabłocie Space' })}::jsonb
            where slug = ${HALL}`,
      );
    }
    assert.deepEqual(
      (await subjectsTo(en.email)).filter((s) => s.startsWith('Tentative')).map((s) => s.split(',')[0]),
      [
        'Tentative booking lapsed: Zabłocie Space event hall',
        'Tentative booking lapsed: Sala wydarzeń Zabłocie Space',
      ],
    );
  });
});

describe('“my bookings” names each space in the reader’s language', () => {
  test('English: the translated name; no English name: the Polish one marked lang="pl"', async () => {
    const emma = await reader('resident', 'en');
    await book(emma, B2B, days[5]!);
    await book(emma, CIVIC, days[6]!);
    const page = await emma.get('/przestrzenie/moje');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h3 class="govuk-summary-card__title">B2B meeting room<\/h3>/);
    assert.match(page.body, /<span class="govuk-visually-hidden">: B2B meeting room, /);
    assert.match(
      page.body,
      /<h3 class="govuk-summary-card__title" lang="pl">Sala spotkań Centrum Obywatelskiego<\/h3>/,
    );
    assert.ok(!page.body.includes('Pomieszczenie B2B'), 'not the Polish name of the B2B room');
  });

  test('Ukrainian: the Ukrainian names; Polish: the Polish ones, as before', async () => {
    const olena = await reader('resident', 'uk');
    await book(olena, CIVIC, days[7]!);
    const page = await olena.get('/przestrzenie/moje');
    assert.match(page.body, new RegExp(`<h3 class="govuk-summary-card__title">${CIVIC_UK}</h3>`));
    const anna = await reader('resident', 'pl');
    await book(anna, B2B, days[7]!);
    const polish = await anna.get('/przestrzenie/moje');
    assert.match(polish.body, /<h3 class="govuk-summary-card__title" lang="pl">Pomieszczenie B2B<\/h3>/);
  });
});

describe('the staff booking screens name the resource in the staff member’s language', () => {
  test('the day view, the requests and the reason page in English, with the Polish fallback marked', async () => {
    const [p] = await testPeople(t.database, 1);
    const day = days[8]!;
    const room = (await svc.create(as(p!), B2B, slot(day))).ids[0]!;
    await svc.create(as(p!), CIVIC, slot(day));
    const request = (await svc.create(as(p!), HALL, hallRequest(days[9]!))).ids[0]!;
    const staff = await reader('staff', 'en');
    const panel = await staff.get(`/panel/rezerwacje?dzien=${day}`);
    assert.equal(panel.statusCode, 200);
    assert.match(panel.body, /<th scope="row" class="govuk-table__header">B2B meeting room<\/th>/);
    assert.match(
      panel.body,
      /<th scope="row" class="govuk-table__header" lang="pl">Sala spotkań Centrum Obywatelskiego<\/th>/,
    );
    assert.match(panel.body, /<td class="govuk-table__cell">Zabłocie Space event hall<\/td>/);
    assert.ok(!panel.body.includes('Pomieszczenie B2B'), 'not the Polish name of the B2B room');
    const decline = await staff.get(`/panel/rezerwacje/${request}/odrzucenie`);
    assert.equal(decline.statusCode, 200);
    assert.match(decline.body, /<span>Zabłocie Space event hall<\/span>/);
    const cancel = await staff.get(`/panel/rezerwacje/${room}/odwolanie`);
    assert.match(cancel.body, /<span>B2B meeting room<\/span>/);

    // Ukrainian staff see the Ukrainian name; Polish staff the Polish one, marked as before.
    const uk = await reader('staff', 'uk');
    const ukPanel = await uk.get(`/panel/rezerwacje?dzien=${day}`);
    assert.match(ukPanel.body, new RegExp(`<th scope="row" class="govuk-table__header">${CIVIC_UK}</th>`));
    const pl = await reader('staff', 'pl');
    const plPanel = await pl.get(`/panel/rezerwacje?dzien=${day}`);
    assert.match(
      plPanel.body,
      /<th scope="row" class="govuk-table__header" lang="pl">Pomieszczenie B2B<\/th>/,
    );
    assert.match(plPanel.body, /<td class="govuk-table__cell" lang="pl">Sala wydarzeń Zabłocie Space<\/td>/);
    const plCancel = await pl.get(`/panel/rezerwacje/${room}/odwolanie`);
    assert.match(plCancel.body, /<span lang="pl">Pomieszczenie B2B<\/span>/);
  });
});

describe('the public busy feed is named in the request’s language', () => {
  const calendarName = async (slug: string, headers: Record<string, string>) => {
    const res = await t.client().get(`/przestrzenie/${slug}/kalendarz.ics`, headers);
    assert.equal(res.statusCode, 200);
    const cal = new ICAL.Component(ICAL.parse(res.body) as unknown[]);
    return String(cal.getFirstPropertyValue('x-wr-calname'));
  };

  test('rooms and the desk pool in English and Ukrainian, the Polish name without an English one', async () => {
    assert.equal(await calendarName(B2B, { 'accept-language': 'en' }), 'B2B meeting room — busy times');
    assert.equal(
      await calendarName(CIVIC, { 'accept-language': 'en' }),
      'Sala spotkań Centrum Obywatelskiego — busy times',
    );
    assert.equal(await calendarName(CIVIC, { cookie: 'klaster_lang=uk' }), `${CIVIC_UK} — зайнятий час`);
    assert.equal(
      await calendarName('coworking-stanowiska', { 'accept-language': 'en' }),
      'Coworking desks — free desks',
    );
    assert.equal(
      await calendarName('coworking-stanowiska', { 'accept-language': 'uk' }),
      'Робочі місця в коворкінгу — вільні місця',
    );
    // Polish, as before.
    assert.equal(await calendarName(B2B, {}), 'Pomieszczenie B2B — zajęte terminy');
  });
});

// The booking form, the change and cancel pages, the check-in page, the calendars and the
// agreements' desk options: the name in the reader's language; one that falls back to Polish is
// marked lang="pl" where markup can hold it (a page's <title> and a <select>'s option hold text).
const DESKS = 'coworking-stanowiska';
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const h1Of = (html: string) => /<h1 class="govuk-heading-l">([\s\S]*?)<\/h1>/.exec(html)?.[1]?.trim();

describe('the booking form is titled in the reader’s language', () => {
  test('English and Ukrainian readers; no English name: the Polish one marked lang="pl"; Polish as before', async () => {
    const emma = await reader('resident', 'en');
    const room = await emma.get(`/przestrzenie/${B2B}/rezerwacja?date=${days[10]}`);
    assert.equal(room.statusCode, 200);
    assert.equal(h1Of(room.body), 'Booking: B2B meeting room');
    assert.match(titleOf(room.body)!, /^Booking: B2B meeting room – /);
    const hall = await emma.get(`/przestrzenie/${HALL}/rezerwacja`);
    assert.equal(h1Of(hall.body), 'Booking request: Zabłocie Space event hall');
    const civic = await emma.get(`/przestrzenie/${CIVIC}/rezerwacja`);
    assert.equal(h1Of(civic.body), 'Booking: <span lang="pl">Sala spotkań Centrum Obywatelskiego</span>');
    assert.match(titleOf(civic.body)!, /^Booking: Sala spotkań Centrum Obywatelskiego – /);
    // A refused form keeps the title.
    const refused = await emma.post(`/przestrzenie/${B2B}/rezerwacja`, {
      date: days[10]!,
      from: '10:00',
      to: '09:00',
      repeatWeeks: '1',
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(h1Of(refused.body), 'Booking: B2B meeting room');

    const olena = await reader('resident', 'uk');
    const uk = await olena.get(`/przestrzenie/${CIVIC}/rezerwacja`);
    assert.equal(h1Of(uk.body), `Бронювання: ${CIVIC_UK}`);
    assert.match(titleOf(uk.body)!, new RegExp(`^Бронювання: ${CIVIC_UK} – `));
    const ukDesks = await olena.get(`/przestrzenie/${DESKS}/rezerwacja`);
    assert.equal(h1Of(ukDesks.body), 'Бронювання: Робочі місця в коворкінгу');

    const anna = await reader('resident', 'pl');
    const pl = await anna.get(`/przestrzenie/${B2B}/rezerwacja`);
    assert.equal(h1Of(pl.body), 'Rezerwacja: Pomieszczenie B2B');
    assert.match(titleOf(pl.body)!, /^Rezerwacja: Pomieszczenie B2B – /);
    assert.equal(
      h1Of((await anna.get(`/przestrzenie/${HALL}/rezerwacja`)).body),
      'Wniosek o rezerwację: Sala wydarzeń Zabłocie Space',
    );
  });

  test('the assisted service: the list of spaces to book and the form in the officer’s language', async () => {
    const [p] = await testPeople(t.database, 1);
    const officer = await reader('staff', 'en');
    const page = await officer.get(`/panel/obsluga/${p!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`rezerwacja/${B2B}">Book: B2B meeting room</a>`));
    assert.match(
      page.body,
      new RegExp(`rezerwacja/${CIVIC}">Book: <span lang="pl">Sala spotkań Centrum Obywatelskiego</span></a>`),
    );
    const form = await officer.get(`/panel/obsluga/${p!.id}/rezerwacja/${CIVIC}`);
    assert.equal(form.statusCode, 200);
    assert.equal(h1Of(form.body), 'Booking: <span lang="pl">Sala spotkań Centrum Obywatelskiego</span>');
    const uk = await reader('staff', 'uk');
    assert.match(
      (await uk.get(`/panel/obsluga/${p!.id}`)).body,
      new RegExp(`rezerwacja/${CIVIC}">Забронювати: ${CIVIC_UK}</a>`),
    );
    assert.equal(
      h1Of((await uk.get(`/panel/obsluga/${p!.id}/rezerwacja/${B2B}`)).body),
      'Бронювання: Кімната для зустрічей B2B',
    );
    // Polish, as before: the whole link marked Polish.
    const pl = await reader('staff', 'pl');
    assert.match(
      (await pl.get(`/panel/obsluga/${p!.id}`)).body,
      new RegExp(`rezerwacja/${B2B}" lang="pl">Zarezerwuj: Pomieszczenie B2B</a>`),
    );
    assert.equal(
      h1Of((await pl.get(`/panel/obsluga/${p!.id}/rezerwacja/${B2B}`)).body),
      'Rezerwacja: Pomieszczenie B2B',
    );
  });
});

describe('one booking, changing and cancelling it name the resource in the reader’s language', () => {
  test('the booking, change and cancel pages in English, Ukrainian and Polish', async () => {
    const emma = await reader('resident', 'en');
    const room = await book(emma, B2B, days[11]!);
    const civic = await book(emma, CIVIC, days[11]!);

    const booking = await emma.get(`/przestrzenie/rezerwacje/${civic}`);
    assert.equal(h1Of(booking.body), 'Booking: <span lang="pl">Sala spotkań Centrum Obywatelskiego</span>');

    const change = await emma.get(`/przestrzenie/rezerwacje/${room}/zmiana`);
    assert.equal(change.statusCode, 200);
    assert.equal(h1Of(change.body), 'Change the time: B2B meeting room');
    assert.match(titleOf(change.body)!, /^Change the time: B2B meeting room – /);
    const changeCivic = await emma.get(`/przestrzenie/rezerwacje/${civic}/zmiana`);
    assert.equal(
      h1Of(changeCivic.body),
      'Change the time: <span lang="pl">Sala spotkań Centrum Obywatelskiego</span>',
    );
    assert.match(titleOf(changeCivic.body)!, /^Change the time: Sala spotkań Centrum Obywatelskiego – /);
    // A refused change keeps the title.
    const refused = await emma.post(`/przestrzenie/rezerwacje/${room}/zmiana`, {
      date: days[11]!,
      from: '10:00',
      to: '09:00',
    });
    assert.ok(refused.statusCode >= 400, String(refused.statusCode));
    assert.equal(h1Of(refused.body), 'Change the time: B2B meeting room');

    const cancel = await emma.get(`/przestrzenie/rezerwacje/${room}/odwolanie`);
    assert.equal(cancel.statusCode, 200);
    assert.match(cancel.body, /<p class="govuk-body-l">B2B meeting room, [^<]+\.<\/p>/);
    const cancelCivic = await emma.get(`/przestrzenie/rezerwacje/${civic}/odwolanie`);
    assert.match(
      cancelCivic.body,
      /<p class="govuk-body-l"><span lang="pl">Sala spotkań Centrum Obywatelskiego<\/span>, [^<]+\.<\/p>/,
    );

    const olena = await reader('resident', 'uk');
    const ukCivic = await book(olena, CIVIC, days[11]!, '12:00', '13:00');
    assert.equal(
      h1Of((await olena.get(`/przestrzenie/rezerwacje/${ukCivic}/zmiana`)).body),
      `Зміна часу: ${CIVIC_UK}`,
    );
    assert.match(
      (await olena.get(`/przestrzenie/rezerwacje/${ukCivic}/odwolanie`)).body,
      new RegExp(`<p class="govuk-body-l">${CIVIC_UK}, [^<]+\\.</p>`),
    );

    const anna = await reader('resident', 'pl');
    const plRoom = await book(anna, B2B, days[11]!, '12:00', '13:00');
    assert.equal(
      h1Of((await anna.get(`/przestrzenie/rezerwacje/${plRoom}/zmiana`)).body),
      'Zmiana terminu: Pomieszczenie B2B',
    );
    assert.equal(
      h1Of((await anna.get(`/przestrzenie/rezerwacje/${plRoom}`)).body),
      'Rezerwacja: Pomieszczenie B2B',
    );
    assert.match(
      (await anna.get(`/przestrzenie/rezerwacje/${plRoom}/odwolanie`)).body,
      /<p class="govuk-body-l">Pomieszczenie B2B, [^<]+\.<\/p>/,
    );
  });
});

describe('the check-in page names the resource in the reader’s language', () => {
  const checkInLink = async (who: Client, id: string) => {
    const page = await who.get(`/przestrzenie/rezerwacje/${id}`);
    const link = /href="http:\/\/localhost:3000(\/przestrzenie\/obecnosc\/[A-Za-z0-9_-]{43})"/.exec(
      page.body,
    )?.[1];
    assert.ok(link, 'the booking page prints the check-in link');
    return link;
  };
  const resourceRow = (html: string) =>
    /<dd class="govuk-summary-list__value">\s*(<span[^>]*>[^<]*<\/span>)/.exec(html)?.[1];

  test('English, the Polish fallback marked, Ukrainian and Polish as before', async () => {
    const emma = await reader('resident', 'en');
    const room = await emma.get(await checkInLink(emma, await book(emma, B2B, days[9]!, '14:00', '15:00')));
    assert.equal(room.statusCode, 200);
    assert.equal(resourceRow(room.body), '<span>B2B meeting room</span>');
    const civic = await emma.get(
      await checkInLink(emma, await book(emma, CIVIC, days[9]!, '14:00', '15:00')),
    );
    assert.equal(resourceRow(civic.body), '<span lang="pl">Sala spotkań Centrum Obywatelskiego</span>');
    const olena = await reader('resident', 'uk');
    const uk = await olena.get(
      await checkInLink(olena, await book(olena, CIVIC, days[9]!, '16:00', '17:00')),
    );
    assert.equal(resourceRow(uk.body), `<span>${CIVIC_UK}</span>`);
    const anna = await reader('resident', 'pl');
    const pl = await anna.get(await checkInLink(anna, await book(anna, B2B, days[9]!, '16:00', '17:00')));
    assert.equal(resourceRow(pl.body), '<span lang="pl">Pomieszczenie B2B</span>');
  });
});

describe('the calendars are captioned in the reader’s language', () => {
  const caption = (html: string) =>
    /<table class="govuk-table klaster-(?:calendar__table|desk-calendar)">\s*<caption class="govuk-table__caption govuk-table__caption--m">([\s\S]*?)<\/caption>/.exec(
      html,
    )?.[1];
  const label = (html: string) => /<section class="klaster-calendar" aria-label="([^"]*)"/.exec(html)?.[1];

  test('rooms and the desk pool in English and Ukrainian, the Polish fallback marked, Polish as before', async () => {
    const en = { 'accept-language': 'en' };
    const room = await t.client().get(`/przestrzenie/${B2B}`, en);
    assert.equal(room.statusCode, 200);
    assert.match(caption(room.body)!, /^Availability: B2B meeting room, /);
    assert.match(label(room.body)!, /^Availability: B2B meeting room, /);
    const civic = await t.client().get(`/przestrzenie/${CIVIC}`, en);
    assert.match(
      caption(civic.body)!,
      /^Availability: <span lang="pl">Sala spotkań Centrum Obywatelskiego<\/span>, /,
    );
    assert.match(label(civic.body)!, /^Availability: Sala spotkań Centrum Obywatelskiego, /);
    const desks = await t.client().get(`/przestrzenie/${DESKS}`, en);
    assert.match(caption(desks.body)!, /^Free desks: Coworking desks, /);

    const uk = { cookie: 'klaster_lang=uk' };
    assert.match(
      caption((await t.client().get(`/przestrzenie/${CIVIC}`, uk)).body)!,
      new RegExp(`^Зайнятість: ${CIVIC_UK}, `),
    );
    assert.match(
      caption((await t.client().get(`/przestrzenie/${DESKS}`, uk)).body)!,
      /Робочі місця в коворкінгу/,
    );

    // Polish, as before; and the grid drawn in English first is not the one a Polish reader gets.
    const pl = await t.client().get(`/przestrzenie/${B2B}`);
    assert.match(caption(pl.body)!, /^Zajętość: Pomieszczenie B2B, /);
    assert.match(label(pl.body)!, /^Zajętość: Pomieszczenie B2B, /);
    assert.match(
      caption((await t.client().get(`/przestrzenie/${DESKS}`)).body)!,
      /^Wolne stanowiska: Stanowiska coworkingowe, /,
    );
    // The English grid again: the same caption (from the grid kept for English readers).
    assert.equal(caption((await t.client().get(`/przestrzenie/${B2B}`, en)).body), caption(room.body));
  });
});

describe('“my bookings” heads today’s check-in with the resource in the reader’s language', () => {
  const headings = (html: string) =>
    [...html.matchAll(/<h2 class="govuk-heading-m" id="obecnosc-[^"]+">([\s\S]*?)<\/h2>/g)].map((m) => m[1]!);

  test('English, the Polish fallback marked inside the heading, Polish as before', async () => {
    const day = days[6]!;
    const emma = await reader('resident', 'en');
    await book(emma, B2B, day, '14:00', '15:00');
    await book(emma, CIVIC, day, '15:00', '16:00');
    const anna = await reader('resident', 'pl');
    await book(anna, B2B, day, '15:00', '16:00');
    await testClock.at(warsawInstant(day, '13:55'), async () => {
      assert.deepEqual(headings((await emma.get('/przestrzenie/moje')).body).sort(), [
        'Today: check in when you arrive: <span lang="pl">Sala spotkań Centrum Obywatelskiego</span>',
        'Today: check in when you arrive: B2B meeting room',
      ]);
      assert.deepEqual(headings((await anna.get('/przestrzenie/moje')).body), [
        'Dzisiaj: potwierdź obecność na miejscu: Pomieszczenie B2B',
      ]);
    });
  });
});
