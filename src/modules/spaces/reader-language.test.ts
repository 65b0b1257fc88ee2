// The resource's name in the reader's language where the booking pages did not give it yet: the
// job mails (no-show, lapse, reminder) in the recipient's account language, the "my bookings" list,
// the staff booking screens and the public busy feed. A language the resource has no name in gets
// the Polish one (marked lang="pl" on pages); a Polish reader sees what they always saw.
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
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { organisationsService } from '../organisations/service.ts';
import { placesService } from '../places/service.ts';
import { bookingsService } from './bookings/index.ts';
import { openDays, seedTestSpaces, testPeople } from './test-helpers.ts';

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
  svc = bookingsService({
    db: t.database.db,
    places: placesService(t.database.db),
    baseUrl: 'http://localhost',
    organisations: organisationsService({
      places: placesService(t.database.db),
      db: t.database.db,
      baseUrl: 'http://localhost',
      clock: testClock,
    }),
    clock: testClock,
  });
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

async function book(who: Client, resource: string, day: string) {
  const res = await who.json('POST', '/api/v1/spaces/bookings', { resource, ...slot(day) });
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
