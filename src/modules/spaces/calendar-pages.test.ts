// The spaces pages as a person notices them, on a fixed clock (Wednesday 9 December 2026, 10:00 in
// Warsaw): the "Book" button prefills a day that can still be booked, times and dates are read as
// people type them, the calendars mark the reader's own bookings, "my bookings" keeps cancelled
// ones apart, and each resource page links its public feed (for desks: free desks per day).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { queryRows } from '../../db/client.ts';
import { SettableClock } from '../../platform/time/clock.ts';
import { readTypedDate, readTypedTime, warsawInstant, warsawTime } from '../../platform/time/warsaw.ts';
import { giveAgreement, seedTestSpaces } from './test-helpers.ts';

const WEDNESDAY = warsawInstant('2026-12-09', '10:00');
const clock = new SettableClock(WEDNESDAY);
let t: TestApp;

before(async () => {
  t = await createTestApp({ clock });
  await seedTestSpaces(t.database);
});
after(() => t.close());

const B2B = '/przestrzenie/pomieszczenie-b2b';
const DESKS = '/przestrzenie/coworking-stanowiska';
const amp = (s: string) => s.replace(/&amp;/g, '&');
const bookButton = (html: string) =>
  amp(/<a class="govuk-button" data-module="govuk-button" href="([^"]+)"/.exec(html)?.[1] ?? '');
const idFrom = (location: string | undefined) => {
  const m = /^\/przestrzenie\/rezerwacje\/([0-9a-f-]{36})$/.exec(location ?? '');
  assert.ok(m, `redirect to a booking page, got ${location}`);
  return m[1]!;
};
const startOf = async (id: string) =>
  (
    await queryRows<{ s: Date; e: Date }>(
      t.database.db,
      sql`select starts_at as s, ends_at as e from space_booking where id = ${id}`,
    )
  )[0]!;

describe('the "Book" button', () => {
  it('prefills the next day that can still be booked, never a day gone by', async () => {
    // Wednesday morning: Monday and Tuesday of this week are past; today still has free time.
    const room = await t.client().get(B2B);
    assert.equal(bookButton(room.body), `${B2B}/rezerwacja?date=2026-12-09`);
    const desks = await t.client().get(DESKS);
    assert.equal(bookButton(desks.body), `${DESKS}/rezerwacja?date=2026-12-09`);
    // Friday evening after closing: the next open day is Monday.
    await clock.at(warsawInstant('2026-12-11', '21:00'), async () => {
      assert.equal(bookButton((await t.client().get(DESKS)).body), `${DESKS}/rezerwacja?date=2026-12-14`);
      assert.equal(bookButton((await t.client().get(B2B)).body), `${B2B}/rezerwacja?date=2026-12-14`);
    });
    // A past week shown: the button still offers a day ahead; a future week: its first open day.
    assert.equal(
      bookButton((await t.client().get(`${B2B}?tydzien=2026-W48`)).body),
      `${B2B}/rezerwacja?date=2026-12-09`,
    );
    assert.equal(
      bookButton((await t.client().get(`${B2B}?tydzien=2026-W51`)).body),
      `${B2B}/rezerwacja?date=2026-12-14`,
    );
  });
});

describe('times and dates as people type them', () => {
  it('reads 1330, 13.30, 13:30 and 13 (13:00); refuses what is not a time', () => {
    for (const [typed, read] of [
      ['1330', '13:30'],
      ['13.30', '13:30'],
      ['13:30', '13:30'],
      [' 13 ', '13:00'],
      ['9', '09:00'],
      ['930', '09:30'],
      ['24', '24:00'],
    ] as const)
      assert.equal(readTypedTime(typed), read, typed);
    for (const bad of ['25', '1375', '13:5', 'pół do', '', '12345', '24:30'])
      assert.equal(readTypedTime(bad), null, bad);
    assert.equal(readTypedDate('10.12.2026'), '2026-12-10');
    assert.equal(readTypedDate('2026-12-10'), '2026-12-10');
    assert.equal(readTypedDate('31.02.2026'), null);
  });

  it('the form books "1330" to "14.30" on a date typed "10.12.2026"; the hint matches the date picker', async () => {
    const anna = await t.signedIn('resident');
    const form = await anna.get(`${B2B}/rezerwacja?date=2026-12-10`);
    assert.match(form.body, /name="date" type="date"/);
    assert.doesNotMatch(form.body, /RRRR-MM-DD/, 'no format the date picker does not show');
    assert.match(form.body, /Wybierz dzień w kalendarzu albo wpisz dzień, miesiąc i rok/);
    assert.match(form.body, /na przykład 13:30 \(można też wpisać 1330 albo 13\)/);
    const made = await anna.post(`${B2B}/rezerwacja`, {
      date: '10.12.2026',
      from: '1330',
      to: '14.30',
      title: '',
      notes: '',
      repeatWeeks: '1',
    });
    assert.equal(made.statusCode, 303, made.body);
    const b = await startOf(idFrom(made.headers.location));
    assert.equal(warsawTime(new Date(b.s)), '13:30');
    assert.equal(warsawTime(new Date(b.e)), '14:30');
    const hour = await anna.post(`${B2B}/rezerwacja`, {
      date: '2026-12-11',
      from: '15',
      to: '16',
      repeatWeeks: '1',
    });
    assert.equal(hour.statusCode, 303, hour.body);
    assert.equal(warsawTime(new Date((await startOf(idFrom(hour.headers.location))).s)), '15:00');
    const bad = await anna.post(`${B2B}/rezerwacja`, {
      date: '2026-12-11',
      from: '1375',
      to: '16',
      repeatWeeks: '1',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /value="1375"/, 'what was typed is kept');
  });
});

describe('my own bookings in the calendars', () => {
  it('a room cell of mine says "your booking" and links to it; others see it as busy', async () => {
    const anna = await t.signedIn('resident');
    const made = await anna.post(`${B2B}/rezerwacja`, {
      date: '2026-12-16',
      from: '10:00',
      to: '11:00',
      repeatWeeks: '1',
    });
    const id = idFrom(made.headers.location);
    const mine = await anna.get(`${B2B}?tydzien=2026-W51`);
    const cells = [...mine.body.matchAll(new RegExp(`href="/przestrzenie/rezerwacje/${id}"`, 'g'))];
    assert.equal(cells.length, 2, 'both half-hour cells of the booking link to it');
    assert.match(
      mine.body,
      /klaster-calendar__cell--mine"><a class="govuk-link klaster-calendar__link" href="\/przestrzenie\/rezerwacje\/[^"]+">Twoja rezerwacja/,
    );
    const other = await (await t.signedIn('resident')).get(`${B2B}?tydzien=2026-W51`);
    assert.doesNotMatch(other.body, /Twoja rezerwacja/);
    assert.ok(!other.body.includes(id), 'nobody else gets the link');
    assert.doesNotMatch((await t.client().get(`${B2B}?tydzien=2026-W51`)).body, /Twoja rezerwacja/);
  });

  it('the desk calendar offers a day I booked as "booked by me", with a link to the booking', async () => {
    const piotr = await t.signedIn('resident');
    await giveAgreement(t.database, piotr.userId, { from: '2026-12-01', to: '2027-02-28' });
    const made = await piotr.post(`${DESKS}/rezerwacja`, { date: '2026-12-17' });
    const id = idFrom(made.headers.location);
    const page = await piotr.get(`${DESKS}?tydzien=2026-W51`);
    const row =
      /<tr class="govuk-table__row">(?:(?!<\/tr>)[\s\S])*17 grudnia 2026(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(
        page.body,
      )?.[0] ?? '';
    assert.match(row, new RegExp(`href="/przestrzenie/rezerwacje/${id}">Zarezerwowane przez Ciebie`));
    assert.doesNotMatch(row, /rezerwacja\?date=2026-12-17/, 'the day is not offered again');
    const other = await (await t.signedIn('resident')).get(`${DESKS}?tydzien=2026-W51`);
    assert.match(other.body, /coworking-stanowiska\/rezerwacja\?date=2026-12-17/);
  });
});

describe('my bookings', () => {
  it('a card per booking (space, title, time, status, actions); cancelled ones move to their own list', async () => {
    const ola = await t.signedIn('resident');
    const keep = idFrom(
      (
        await ola.post(`${B2B}/rezerwacja`, {
          date: '2026-12-18',
          from: '09:00',
          to: '10:00',
          title: 'Rozmowa z klientem',
          repeatWeeks: '1',
        })
      ).headers.location,
    );
    const drop = idFrom(
      (
        await ola.post(`${B2B}/rezerwacja`, {
          date: '2026-12-18',
          from: '12:00',
          to: '13:00',
          title: 'Odwołane spotkanie',
          repeatWeeks: '1',
        })
      ).headers.location,
    );
    assert.equal(
      (await ola.post(`/przestrzenie/rezerwacje/${drop}/odwolanie`, { scope: 'one' })).statusCode,
      303,
    );
    const upcoming = await ola.get('/przestrzenie/moje');
    assert.match(upcoming.body, /<h3 class="govuk-summary-card__title" lang="pl">Pomieszczenie B2B<\/h3>/);
    assert.match(
      upcoming.body,
      /<dt class="govuk-summary-list__key">Tytuł<\/dt><dd class="govuk-summary-list__value">Rozmowa z klientem<\/dd>/,
    );
    assert.match(upcoming.body, new RegExp(`href="/przestrzenie/rezerwacje/${keep}/zmiana"`));
    assert.match(upcoming.body, new RegExp(`href="/przestrzenie/rezerwacje/${keep}/odwolanie"`));
    assert.ok(!upcoming.body.includes(drop), 'a cancelled booking is not upcoming');
    assert.doesNotMatch(upcoming.body, /Odwołane spotkanie/);
    const cancelled = await ola.get('/przestrzenie/moje?widok=odwolane');
    assert.equal(cancelled.statusCode, 200);
    assert.match(cancelled.body, /Odwołane spotkanie/);
    assert.match(cancelled.body, /Odwołana/);
    assert.ok(!cancelled.body.includes(keep));
    assert.ok(!cancelled.body.includes(`${drop}/odwolanie`), 'nothing left to cancel');
    assert.ok(!(await ola.get('/przestrzenie/moje?widok=minione')).body.includes(drop));
    const api = await ola.get('/api/v1/spaces/bookings?scope=cancelled');
    assert.deepEqual(
      (api.json() as { items: Array<{ id: string }> }).items.map((b) => b.id),
      [drop],
    );
  });
});

describe('public calendar feeds', () => {
  it('each resource page links its feed: webcal, the https address to copy', async () => {
    for (const [path, slug] of [
      [B2B, 'pomieszczenie-b2b'],
      [DESKS, 'coworking-stanowiska'],
    ] as const) {
      const page = await t.client().get(path);
      assert.match(
        page.body,
        new RegExp(`href="webcal://localhost:3000/przestrzenie/${slug}/kalendarz.ics"`),
      );
      const input = /<input[^>]*id="feed-public-url"[^>]*>/.exec(page.body)?.[0] ?? '';
      assert.match(input, /readonly/, 'a read-only field to copy from without scripts');
      assert.match(input, new RegExp(`value="http://localhost:3000/przestrzenie/${slug}/kalendarz.ics"`));
      assert.match(page.body, /data-klaster-copy="Kopiuj adres"/);
      assert.equal((await t.client().get(`/przestrzenie/${slug}/kalendarz.ics`)).statusCode, 200);
    }
    const en = await t.client().get(DESKS, { cookie: 'klaster_lang=en' });
    assert.match(en.body, /Calendar on your phone or computer/);
  });

  it('the desk feed says how many desks are free each open day, not "busy" for one desk taken', async () => {
    const res = await t.client().get('/przestrzenie/coworking-stanowiska/kalendarz.ics');
    assert.equal(res.statusCode, 200);
    const cal = new ICAL.Component(ICAL.parse(res.body) as unknown[]);
    const events = cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        day: e.startDate.toString(),
        allDay: e.startDate.isDate,
        summary: e.summary,
        transp: v.getFirstPropertyValue('transp'),
      };
    });
    const byDay = new Map(events.map((e) => [e.day, e]));
    // One desk was booked on 17 December (above): 39 of the pool's 40 free.
    assert.equal(byDay.get('2026-12-17')?.summary, 'Wolne stanowiska: 39 z 40');
    assert.equal(byDay.get('2026-12-16')?.summary, 'Wolne stanowiska: 40 z 40');
    assert.ok(
      events.every((e) => e.allDay && e.transp === 'TRANSPARENT'),
      'all-day, never blocking',
    );
    assert.ok(!byDay.has('2026-12-12') && !byDay.has('2026-12-13'), 'no event on a closed weekend');
    assert.ok(!byDay.has('2026-12-25'), 'nor on Christmas');
    assert.ok(!byDay.has('2026-12-08'), 'nor on a day gone by');
    assert.ok(!events.some((e) => /Zajęte/.test(e.summary)));
  });
});

describe('a booking made on another app node', () => {
  it('shows on the calendar page within 2 s in every language, however late a language was drawn', async () => {
    const person = await t.signedIn('resident');
    const page = `${B2B}?tydzien=2026-W50`;
    const freeLink = 'rezerwacja?date=2026-12-10&amp;from=15:00';
    const read = async (locale: string) => {
      const client = t.client();
      client.cookies.set('klaster_lang', locale);
      const res = await client.get(page);
      assert.equal(res.statusCode, 200);
      return res.body;
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // A booking made on this node empties its caches: the next read of the week is a fresh one.
    const own = await person.post(`${B2B}/rezerwacja`, { date: '2026-12-10', from: '17:00', to: '18:00' });
    assert.equal(own.statusCode, 303, own.body);
    const firstRead = Date.now();
    assert.ok((await read('pl')).includes(freeLink), 'Thursday 15:00 is free');
    // Another node books the slot: a row in the shared database, no change seen by this node.
    await t.database.db.execute(sql`
      insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, title)
      select gen_random_uuid(), id, 'slot', ${person.userId}, ${warsawInstant('2026-12-10', '15:00')},
             ${warsawInstant('2026-12-10', '16:00')}, ${warsawInstant('2026-12-10', '16:00')}, 'confirmed', ''
      from space_resource where slug = 'pomieszczenie-b2b'`);
    const booked = Date.now();
    // Just before this node's answer expires, the English and Ukrainian grids are drawn from it.
    await sleep(Math.max(0, firstRead + 1_600 - Date.now()));
    for (const locale of ['en', 'uk']) await read(locale);
    // 2 s after the booking was made, no language still offers the slot.
    await sleep(Math.max(0, booked + 2_100 - Date.now()));
    for (const locale of ['pl', 'en', 'uk'])
      assert.ok(!(await read(locale)).includes(freeLink), `${locale}: the slot is shown taken`);
  });
});
