// Same-day desk bookings, pass days and self check-in, with the clock set: a booking made after the
// day's check-in window opened is not released at once, a released booking gives its pass day back,
// no reminder is promised that will not come, the last pass day cannot be drawn twice, the
// confirmation carries the booking as .ics, and the QR code's link checks the right person in at the
// right time (a GET changes nothing).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import type { RuleError } from '../../platform/http/errors.ts';
import { icalUtc } from '../../platform/ical.ts';
import { addDays, todayInWarsaw, warsawInstant } from '../../platform/time/warsaw.ts';
import { organisationsService } from '../organisations/service.ts';
import { placesService } from '../places/service.ts';
import { bookingsService } from './bookings/index.ts';
import { giveAgreement, openDays, seedTestSpaces, testPeople } from './test-helpers.ts';

const DESKS = 'coworking-stanowiska';
const SECRET = 'test-secret-test-secret-test-secret-0123';
let t: TestApp;
let svc: ReturnType<typeof bookingsService>;

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  // The same secret as the app's, so the links the service issues open the app's pages.
  svc = bookingsService({
    db: t.database.db,
    places: placesService(t.database.db),
    baseUrl: 'http://localhost:3000',
    organisations: organisationsService({
      places: placesService(t.database.db),
      db: t.database.db,
      baseUrl: 'http://localhost',
    }),
    clock: testClock,
    checkInSecret: SECRET,
  });
});
after(() => t.close());

const daysUsed = async (agreementId: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select days_used as n from space_agreement where id = ${agreementId}`,
      )
    )[0]?.n,
  );
const setDaysUsed = (agreementId: string, n: number) =>
  t.database.db.execute(sql`update space_agreement set days_used = ${n} where id = ${agreementId}`);
const statusOf = async (id: string) =>
  (
    await queryRows<{ status: string }>(t.database.db, sql`select status from space_booking where id = ${id}`)
  )[0]?.status;
const reminders = async (bookingId: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from job where kind = 'spaces.reminder' and payload->>'bookingId' = ${bookingId}`,
      )
    )[0]?.n,
  );
/** The messages sent to an address so far (the worker sends what the outbox holds). */
const mailsTo = async (email: string) => {
  await t.app.klaster.worker.tick();
  return readMailDir(t.dataDir).filter((m) => m.to.includes(email));
};
/** The decoded .ics attachment of a stored message, or null. */
function icsOf(raw: string): string | null {
  const at = raw.indexOf('filename=rezerwacja.ics');
  if (at < 0) return null;
  const headEnd = raw.indexOf('\n\n', at);
  const head = raw.slice(raw.lastIndexOf('\n--', at), headEnd);
  const body = raw.slice(headEnd + 2, raw.indexOf('\n--', headEnd));
  return /base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
}
describe('a desk booked for today', () => {
  test('at 19:45 it is confirmed and not released 90 s later; the mail promises no reminder and carries the .ics', async () => {
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 8));
    const [p] = await testPeople(t.database, 1);
    const pass = await giveAgreement(t.database, p!.id, { packageSlug: 'karnet-10-dni', from: day! });
    await setDaysUsed(pass, 2);
    await testClock.at(warsawInstant(day!, '19:45'), async () => {
      const made = await svc.create(as(p!), DESKS, { date: day! });
      assert.equal(made.status, 'confirmed');
      assert.equal(await daysUsed(pass), 3);
      testClock.advance(90_000);
      await svc.releaseNoShows();
      assert.equal(
        await statusOf(made.ids[0]!),
        'confirmed',
        'not released for a window that closed at 10:00',
      );
      const view = await svc.get(as(p!), made.ids[0]!);
      assert.equal(view.checkInUntil?.getTime(), warsawInstant(day!, '20:00').getTime());
      assert.equal(await reminders(made.ids[0]!), 0, 'no reminder job for a booking made the same day');
    });
    const [mail] = await mailsTo(p!.email);
    assert.match(mail!.subject, /Rezerwacja potwierdzona/);
    assert.doesNotMatch(mail!.raw, /dzień wcześniej/);
    const ics = icsOf(mail!.raw);
    assert.ok(ics, 'the confirmation has an .ics attachment');
    assert.match(mail!.raw, /text\/calendar/);
    assert.match(ics, /BEGIN:VEVENT/);
    assert.match(ics, /SUMMARY:Stanowiska coworkingowe/);
    assert.match(ics, new RegExp(`DTSTART:${icalUtc(warsawInstant(day!, '08:00'))}`));
  });

  test('booked at noon, it can be checked into until 14:00; released after that, it gives its pass day back and says so', async () => {
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 9));
    const [p] = await testPeople(t.database, 1);
    const pass = await giveAgreement(t.database, p!.id, { packageSlug: 'karnet-10-dni', from: day! });
    await setDaysUsed(pass, 2);
    const id = await testClock.at(warsawInstant(day!, '12:00'), async () => {
      const made = await svc.create(as(p!), DESKS, { date: day! });
      return made.ids[0]!;
    });
    assert.equal(await daysUsed(pass), 3);
    await testClock.at(warsawInstant(day!, '13:55'), () => svc.releaseNoShows());
    assert.equal(await statusOf(id), 'confirmed');
    await testClock.at(warsawInstant(day!, '14:05'), () => svc.releaseNoShows());
    assert.equal(await statusOf(id), 'released');
    assert.equal(await daysUsed(pass), 2, 'the released day is back on the pass');
    const released = (await mailsTo(p!.email)).find((m) => /zwolniona/.test(m.subject));
    assert.ok(released, 'a release mail');
    assert.match(released.raw, /Dzień wrócił na Twój karnet/);
  });

  test('a booking made a week ahead is reminded the day before, and the confirmation says so', async () => {
    const [p] = await testPeople(t.database, 1);
    await giveAgreement(t.database, p!.id);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 7));
    const made = await svc.create(as(p!), DESKS, { date: day! });
    assert.equal(await reminders(made.ids[0]!), 1);
    const [mail] = await mailsTo(p!.email);
    assert.match(mail!.raw, /Przypomnimy o rezerwacji dzień wcześniej/);
  });

  test('a reminder that comes after the booking began is not sent', async () => {
    const [p] = await testPeople(t.database, 1);
    await giveAgreement(t.database, p!.id);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 12));
    const made = await svc.create(as(p!), DESKS, { date: day! });
    const startsAt = warsawInstant(day!, '08:00');
    await testClock.at(warsawInstant(day!, '09:00'), () => svc.remind(made.ids[0]!, startsAt.toISOString()));
    const mails = await mailsTo(p!.email);
    assert.equal(mails.filter((m) => /Przypomnienie/.test(m.subject)).length, 0);
  });

  test('the last pass day is drawn once when requests for it arrive together', async () => {
    const [p] = await testPeople(t.database, 1);
    const from = todayInWarsaw(testClock.now());
    const pass = await giveAgreement(t.database, p!.id, { packageSlug: 'karnet-10-dni', from });
    await setDaysUsed(pass, 9);
    const days = openDays(6, addDays(from, 14));
    const results = await Promise.allSettled(days.map((d) => svc.create(as(p!), DESKS, { date: d })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results)
      if (r.status === 'rejected') assert.equal((r.reason as RuleError).code, 'passUsedUp');
    assert.equal(await daysUsed(pass), 10);
    // And the same day asked for many times at once: one booking, one day.
    const [q] = await testPeople(t.database, 1);
    const other = await giveAgreement(t.database, q!.id, { packageSlug: 'karnet-10-dni', from });
    await setDaysUsed(other, 9);
    const same = await Promise.allSettled(days.map(() => svc.create(as(q!), DESKS, { date: days[0]! })));
    assert.equal(same.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(await daysUsed(other), 10);
    const [live] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from space_booking where user_id = ${q!.id} and status = 'confirmed'`,
    );
    assert.equal(live?.n, 1);
  });
});

describe('the desk page', () => {
  test('tells a pass holder how many days are left and until when, instead of "an agreement is needed"', async () => {
    const resident = await t.signedIn('resident');
    const today = todayInWarsaw(testClock.now());
    const pass = await giveAgreement(t.database, resident.userId, {
      packageSlug: 'karnet-10-dni',
      from: today,
      to: addDays(today, 30),
    });
    await setDaysUsed(pass, 7);
    const page = await resident.get(`/przestrzenie/${DESKS}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /zostały Ci 3 dni z 10; karnet jest ważny do/);
    assert.doesNotMatch(page.body, /Do rezerwacji stanowiska potrzebna jest umowa/);
    await setDaysUsed(pass, 9);
    assert.match((await resident.get(`/przestrzenie/${DESKS}`)).body, /został Ci 1 dzień z 10/);
    await t.database.db.execute(sql`update auth_user set locale = 'en' where id = ${resident.userId}`);
    const en = await resident.get(`/przestrzenie/${DESKS}`);
    assert.match(en.body, /1 of 10 days left on your pass, valid to/);
    const someone = await t.signedIn('resident');
    assert.match(
      (await someone.get(`/przestrzenie/${DESKS}`)).body,
      /Do rezerwacji stanowiska potrzebna jest umowa/,
    );
  });
});

describe('self check-in', () => {
  /** A desk booked through the pages for `day`; returns the booking id and its check-in link. */
  async function bookWithLink(client: Awaited<ReturnType<TestApp['signedIn']>>, day: string) {
    const res = await client.post(`/przestrzenie/${DESKS}/rezerwacja`, { date: day });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const id = /rezerwacje\/([0-9a-f-]{36})$/.exec(res.headers.location as string)![1]!;
    const page = await client.get(`/przestrzenie/rezerwacje/${id}`);
    assert.match(page.body, /<svg role="img" aria-label="Kod QR do potwierdzenia obecności/);
    const link = /href="http:\/\/localhost:3000(\/przestrzenie\/obecnosc\/[A-Za-z0-9_-]{43})"/.exec(
      page.body,
    )?.[1];
    assert.ok(link, 'the booking page prints the check-in link');
    return { id, link };
  }

  test('the booking person checks in within the window; too early, someone else, twice and after cancelling are refused', async () => {
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 15));
    const anna = await t.signedIn('resident');
    const piotr = await t.signedIn('resident');
    await giveAgreement(t.database, anna.userId, { from: todayInWarsaw(testClock.now()) });
    const { id, link } = await bookWithLink(anna, day!);
    // The day before: too early, and nothing changes.
    const early = await anna.get(link);
    assert.equal(early.statusCode, 200);
    assert.match(early.body, /za wcześnie/);
    assert.doesNotMatch(early.body, /Potwierdzam, że jestem na miejscu/);
    const earlyPost = await anna.post(link);
    assert.equal(earlyPost.statusCode, 409);
    assert.match(earlyPost.body, /govuk-error-summary/);
    assert.equal(await statusOf(id), 'confirmed');

    await testClock.at(warsawInstant(day!, '08:30'), async () => {
      // Someone else signed in: neither the booking nor a button, and the POST is refused.
      const other = await piotr.get(link);
      assert.match(other.body, /należy do rezerwacji innej osoby/);
      assert.doesNotMatch(other.body, /Coworking/);
      assert.equal((await piotr.post(link)).statusCode, 403);
      assert.equal(await statusOf(id), 'confirmed');
      // Signed out: the sign-in comes first, then back here.
      const anon = await t.client().get(link);
      assert.equal(anon.statusCode, 303);
      assert.match(anon.headers.location as string, /^\/logowanie\?next=/);
      // The booking's person: a GET shows the button and changes nothing; the POST checks in.
      const page = await anna.get(link);
      assert.match(page.body, /Potwierdzam, że jestem na miejscu/);
      assert.equal(await statusOf(id), 'confirmed');
      const done = await anna.post(link);
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/przestrzenie/rezerwacje/${id}`);
      assert.equal(await statusOf(id), 'checked_in');
      assert.match((await anna.get(`/przestrzenie/rezerwacje/${id}`)).body, /Obecność potwierdzona/);
      // Replayed: refused as already checked in.
      const again = await anna.post(link);
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /już potwierdzona/);
      // The release job leaves a checked-in booking alone.
      await testClock.at(warsawInstant(day!, '12:00'), () => svc.releaseNoShows());
      assert.equal(await statusOf(id), 'checked_in');
    });

    // A cancelled booking's link says so.
    const [later] = openDays(1, addDays(day!, 1));
    const second = await bookWithLink(anna, later!);
    await anna.post(`/przestrzenie/rezerwacje/${second.id}/odwolanie`, { scope: 'one' });
    assert.equal(await statusOf(second.id), 'cancelled');
    await testClock.at(warsawInstant(later!, '09:00'), async () => {
      assert.match((await anna.get(second.link)).body, /została odwołana/);
      assert.equal((await anna.post(second.link)).statusCode, 409);
    });
    // A made-up token is not found.
    assert.equal((await anna.get(`/przestrzenie/obecnosc/${'A'.repeat(43)}`)).statusCode, 404);
    assert.equal((await anna.get('/przestrzenie/obecnosc/krotki')).statusCode, 404);
  });

  test('after the check-in deadline it is too late, and once released the link says the booking was released', async () => {
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 20));
    const ewa = await t.signedIn('resident');
    await giveAgreement(t.database, ewa.userId, { from: todayInWarsaw(testClock.now()) });
    const { id, link } = await bookWithLink(ewa, day!);
    await testClock.at(warsawInstant(day!, '10:01'), async () => {
      const late = await ewa.get(link);
      assert.match(late.body, /Czas na potwierdzenie obecności minął/);
      assert.equal((await ewa.post(link)).statusCode, 409);
      await svc.releaseNoShows();
      assert.equal(await statusOf(id), 'released');
      assert.match((await ewa.get(link)).body, /została zwolniona/);
    });
  });

  test('"my bookings" shows today\'s QR code', async () => {
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 25));
    const ola = await t.signedIn('resident');
    await giveAgreement(t.database, ola.userId, { from: todayInWarsaw(testClock.now()) });
    const { link } = await bookWithLink(ola, day!);
    assert.doesNotMatch((await ola.get('/przestrzenie/moje')).body, /Kod QR/, 'not before the day');
    await testClock.at(warsawInstant(day!, '08:10'), async () => {
      const mine = await ola.get('/przestrzenie/moje');
      assert.match(mine.body, /Dzisiaj: potwierdź obecność na miejscu/);
      assert.match(mine.body, /<svg role="img" aria-label="Kod QR/);
      assert.ok(mine.body.includes(link));
    });
  });
});
