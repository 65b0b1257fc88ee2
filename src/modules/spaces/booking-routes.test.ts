// The booking pages over HTTP: the calendar, the booking form and its refusals with alternatives,
// my bookings, change and cancel with their e-mails, privacy of the calendar, and the staff's
// queue and day view. Dates come from openDays() so no test lands on a weekend or a holiday.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';
import { DEMO_MOMENT, testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { addDays, isoWeek, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { giveAgreement, openDays, seedTestSpaces } from './test-helpers.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
});
after(() => t.close());

const B2B = '/przestrzenie/pomieszczenie-b2b';
const EVENT = '/przestrzenie/zablocie-space-sala-wydarzen';
const DESKS = '/przestrzenie/coworking-stanowiska';

const bookingCount = async () =>
  Number(
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from space_booking`))[0]?.n,
  );
const statusOf = async (id: string) =>
  (
    await queryRows<{ status: string }>(t.database.db, sql`select status from space_booking where id = ${id}`)
  )[0]?.status;
const idFrom = (location: string | undefined) => {
  const m = /^\/przestrzenie\/rezerwacje\/([0-9a-f-]{36})$/.exec(location ?? '');
  assert.ok(m, `redirect to a booking page, got ${location}`);
  return m[1]!;
};
const unescapeHtml = (s: string) => s.replace(/&amp;/g, '&');
const links = (html: string, prefix: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => unescapeHtml(m[1]!)).filter((h) => h.startsWith(prefix));
const mailsTo = async (email: string) => {
  await t.app.klaster.worker.tick();
  return readMailDir(t.dataDir).filter((m) => m.to.includes(email));
};
/** Exactly one h1, as on every page. */
const oneH1 = (html: string) => assert.equal(html.match(/<h1\b/g)?.length, 1, 'one h1');

describe('public pages', () => {
  it('lists the spaces by building with links; my bookings only for signed-in people', async () => {
    const anon = await t.client().get('/przestrzenie');
    assert.equal(anon.statusCode, 200);
    oneH1(anon.body);
    assert.match(anon.body, /Pomieszczenie B2B/);
    assert.match(anon.body, /href="\/przestrzenie\/coworking-stanowiska"/);
    assert.match(anon.body, /href="\/przestrzenie\/pakiety"/);
    assert.match(anon.body, /40 stanowisk/);
    assert.doesNotMatch(anon.body, /href="\/przestrzenie\/moje"/);
    assert.match(anon.body, /class="klaster-nav__link" href="\/przestrzenie" aria-current="page"/);
    const resident = await t.signedIn('resident');
    assert.match((await resident.get('/przestrzenie')).body, /href="\/przestrzenie\/moje"/);
    const en = await t.client().get('/przestrzenie', { cookie: 'klaster_lang=en' });
    assert.match(en.body, /Spaces of the cluster/);
  });

  it('shows a week calendar; a bad or far-away week shows this week; unknown spaces are 404', async () => {
    const day = openDays(1)[0]!;
    const page = await t.client().get(`${B2B}?tydzien=${isoWeek(day)}`);
    assert.equal(page.statusCode, 200);
    oneH1(page.body);
    assert.match(page.body, /<caption[^>]*>Zajętość: Pomieszczenie B2B/);
    assert.match(page.body, /<th scope="row" class="govuk-table__header">10:00–10:30<\/th>/);
    assert.match(page.body, /Godziny otwarcia/);
    assert.match(page.body, /sobota<\/th><td class="govuk-table__cell">nieczynne/);
    assert.ok(links(page.body, `${B2B}/rezerwacja?date=${day}&from=10:00&to=11:00`).length === 1);
    for (const bad of ['garbage', '2026-W99', '99999-W01', '1200-W02', '', '<script>'])
      assert.equal((await t.client().get(`${B2B}?tydzien=${encodeURIComponent(bad)}`)).statusCode, 200, bad);
    assert.equal((await t.client().get('/przestrzenie/nie-ma-takiej')).statusCode, 404);
    assert.equal((await t.client().get('/przestrzenie/nie-ma-takiej/rezerwacja')).statusCode, 303);
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get('/przestrzenie/nie-ma-takiej/rezerwacja')).statusCode, 404);
    const event = await t.client().get(EVENT);
    assert.match(event.body, /to wniosek/);
    assert.match(event.body, /Teatralny — do 120 osób/);
  });
});

describe('booking a room', () => {
  it('a resident books from the calendar link, sees it, changes it and cancels it, with e-mails', async () => {
    const anna = await t.signedIn('resident', { name: 'Anna Rezerwująca' });
    const day = openDays(2)[1]!;
    const calendar = await anna.get(`${B2B}?tydzien=${isoWeek(day)}`);
    const [link] = links(calendar.body, `${B2B}/rezerwacja?date=${day}&from=10:00`);
    assert.ok(link, 'a free cell links to the form');
    const form = await anna.get(link);
    assert.equal(form.statusCode, 200);
    oneH1(form.body);
    assert.match(form.body, new RegExp(`name="date" type="date" value="${day}"`));
    assert.match(form.body, /name="from" type="text" value="10:00"/);
    assert.match(form.body, /name="to" type="text" value="11:00"/);
    assert.match(form.body, /<label class="govuk-label" for="f-from">/);

    const made = await anna.post(`${B2B}/rezerwacja`, {
      date: day,
      from: '10:00',
      to: '11:00',
      title: 'Rozmowa z klientem',
      notes: '',
      repeatWeeks: '1',
    });
    assert.equal(made.statusCode, 303, made.body);
    const id = idFrom(made.headers.location);
    const page = await anna.get(`/przestrzenie/rezerwacje/${id}`);
    assert.equal(page.statusCode, 200);
    oneH1(page.body);
    assert.match(page.body, /Rezerwacja potwierdzona/);
    assert.match(page.body, /Potwierdzona/);
    assert.match(page.body, /Zmiana i odwołanie możliwe do/);
    assert.match(
      (await mailsTo(anna.email)).map((m) => m.subject).join('\n'),
      /Rezerwacja potwierdzona: Pomieszczenie B2B/,
    );

    const mine = await anna.get('/przestrzenie/moje');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, new RegExp(`href="/przestrzenie/rezerwacje/${id}"`));
    assert.match(mine.body, /href="\/przestrzenie\/moje\/kalendarz"/);
    const past = await anna.get('/przestrzenie/moje?widok=minione');
    assert.match(past.body, /Nie masz minionych rezerwacji/);

    // The calendar shows the hour as busy now.
    const busy = await t.client().get(`${B2B}?tydzien=${isoWeek(day)}`);
    assert.equal(links(busy.body, `${B2B}/rezerwacja?date=${day}&from=10:00`).length, 0);

    const change = await anna.get(`/przestrzenie/rezerwacje/${id}/zmiana`);
    assert.equal(change.statusCode, 200);
    assert.match(change.body, /value="10:00"/);
    const changed = await anna.post(`/przestrzenie/rezerwacje/${id}/zmiana`, {
      date: day,
      from: '12:00',
      to: '13:00',
    });
    assert.equal(changed.statusCode, 303, changed.body);
    assert.match((await anna.get(`/przestrzenie/rezerwacje/${id}`)).body, /12:00–13:00/);
    assert.match(
      (await mailsTo(anna.email)).map((m) => m.subject).join('\n'),
      /Zmiana rezerwacji: Pomieszczenie B2B/,
    );

    const confirm = await anna.get(`/przestrzenie/rezerwacje/${id}/odwolanie`);
    assert.equal(confirm.statusCode, 200);
    oneH1(confirm.body);
    assert.match(confirm.body, /Czy na pewno odwołać rezerwację/);
    const cancelled = await anna.post(`/przestrzenie/rezerwacje/${id}/odwolanie`, { scope: 'one' });
    assert.equal(cancelled.statusCode, 303);
    assert.equal(await statusOf(id), 'cancelled');
    assert.match((await anna.get(`/przestrzenie/rezerwacje/${id}`)).body, /Odwołana/);
    assert.match(
      (await mailsTo(anna.email)).map((m) => m.subject).join('\n'),
      /Rezerwacja odwołana: Pomieszczenie B2B/,
    );
  });

  it('an overlapping booking is refused with the rule and free alternatives; nothing is stored', async () => {
    const [a, b] = [await t.signedIn('resident'), await t.signedIn('resident')];
    const day = openDays(3)[2]!;
    const first = await a.post(`${B2B}/rezerwacja`, {
      date: day,
      from: '14:00',
      to: '15:00',
      repeatWeeks: '1',
    });
    assert.equal(first.statusCode, 303);
    const before = await bookingCount();
    const res = await b.post(`${B2B}/rezerwacja`, {
      date: day,
      from: '14:30',
      to: '15:30',
      title: 'Moje spotkanie',
      repeatWeeks: '1',
    });
    assert.equal(res.statusCode, 409);
    oneH1(res.body);
    assert.match(res.body, /Ten termin jest już zajęty/);
    assert.match(res.body, /href="#f-from"/, 'the summary links to the field');
    assert.match(res.body, /value="Moje spotkanie"/, 'what was typed is kept');
    assert.match(res.body, /Najbliższe wolne terminy/);
    const alternatives = links(res.body, `${B2B}/rezerwacja?date=`);
    assert.ok(alternatives.length >= 1, 'at least one alternative');
    const alt = await b.get(alternatives[0]!);
    assert.equal(alt.statusCode, 200);
    assert.equal(await bookingCount(), before);
  });

  it('the calendar never shows who booked or the title', async () => {
    const secret = await t.signedIn('resident', { name: 'Zofia Tajemnicza' });
    const day = openDays(4)[3]!;
    const made = await secret.post(`${B2B}/rezerwacja`, {
      date: day,
      from: '16:00',
      to: '17:00',
      title: 'Poufne negocjacje',
      notes: 'Kawa dla 3 osób',
      repeatWeeks: '1',
    });
    assert.equal(made.statusCode, 303);
    const other = await t.signedIn('resident');
    for (const c of [t.client(), other]) {
      const page = await c.get(`${B2B}?tydzien=${isoWeek(day)}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Zajęte/);
      assert.doesNotMatch(page.body, /Zofia|Tajemnicza|Poufne|Kawa dla/);
    }
  });

  it("a person cannot open, change or cancel someone else's booking", async () => {
    const owner = await t.signedIn('resident');
    const day = openDays(5)[4]!;
    const made = await owner.post(`${B2B}/rezerwacja`, {
      date: day,
      from: '09:00',
      to: '10:00',
      repeatWeeks: '1',
    });
    const id = idFrom(made.headers.location);
    const other = await t.signedIn('resident');
    for (const path of ['', '/zmiana', '/odwolanie'])
      assert.equal((await other.get(`/przestrzenie/rezerwacje/${id}${path}`)).statusCode, 404, path);
    assert.equal(
      (await other.post(`/przestrzenie/rezerwacje/${id}/odwolanie`, { scope: 'one' })).statusCode,
      404,
    );
    assert.equal(
      (await other.post(`/przestrzenie/rezerwacje/${id}/zmiana`, { date: day, from: '11:00', to: '12:00' }))
        .statusCode,
      404,
    );
    assert.equal(await statusOf(id), 'confirmed');
    assert.equal((await other.get('/przestrzenie/rezerwacje/not-a-uuid')).statusCode, 404);
    assert.equal((await t.client().get(`/przestrzenie/rezerwacje/${id}`)).statusCode, 303, 'sign-in first');
  });

  it('bad input gets a message and a 422; nothing is stored', async () => {
    const c = await t.signedIn('resident');
    const day = openDays(6)[5]!;
    const before = await bookingCount();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ date: 'jutro', from: '10:00', to: '11:00' }, /Podaj prawdziwą datę/],
      [{ date: '2026-02-30', from: '10:00', to: '11:00' }, /Podaj prawdziwą datę/],
      [{ date: day, from: '25:99', to: '11:00' }, /GG:MM/],
      [{ date: day, from: 'ab', to: '11:00' }, /GG:MM/],
      [{ date: day, from: '10:00', to: '11:00', title: 'x'.repeat(10_000) }, /najwyżej 200 znaków/],
      [{ date: day, from: '10:00', to: '11:00', admin: '1' }, /nieznane pola: admin/],
      [{ date: day, from: '10:00', to: '11:00', repeatWeeks: '99' }, /od 1 do 26/],
      [{ date: day, from: '10:00', to: '11:00', repeatWeeks: 'dużo' }, /od 1 do 26/],
      [{ date: day, from: '11:00', to: '10:00' }, /musi być późniejsza/],
      [{ date: day, from: '10:00', to: '11:00', organisation: 'cudza' }, /tylko w imieniu organizacji/],
    ];
    for (const [form, message] of cases) {
      const res = await c.post(`${B2B}/rezerwacja`, form);
      assert.equal(res.statusCode, 422, `${JSON.stringify(form).slice(0, 80)}: ${res.statusCode}`);
      assert.match(res.body, message);
      assert.match(res.body, /govuk-error-summary/);
    }
    const ev = await c.post(`${EVENT}/rezerwacja`, {
      date: day,
      from: '10:00',
      to: '12:00',
      attendees: '500',
    });
    assert.equal(ev.statusCode, 422);
    assert.match(ev.body, /Podaj nazwę wydarzenia/);
    assert.equal(await bookingCount(), before);
  });

  it('a cancellation past the deadline is refused with the deadline shown', async () => {
    const c = await t.signedIn('resident');
    const id = uuidv7();
    const starts = new Date(testClock.now().getTime() + 3 * 3600_000);
    await t.database.db.execute(sql`
      insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status)
      select ${id}, id, 'slot', ${c.userId}, ${starts}, ${new Date(starts.getTime() + 3600_000)},
             ${new Date(starts.getTime() + 3600_000)}, 'confirmed'
      from space_resource where slug = 'sala-centrum-obywatelskiego'`);
    const page = await c.get(`/przestrzenie/rezerwacje/${id}`);
    assert.match(page.body, /Termin na zmianę lub odwołanie minął/);
    assert.doesNotMatch(page.body, /\/odwolanie"/);
    const confirm = await c.get(`/przestrzenie/rezerwacje/${id}/odwolanie`);
    assert.match(confirm.body, /Termin na zmianę lub odwołanie minął/);
    const res = await c.post(`/przestrzenie/rezerwacje/${id}/odwolanie`, { scope: 'one' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Termin na zmianę lub odwołanie minął/);
    assert.equal(await statusOf(id), 'confirmed');
  });
});

describe('booking a desk', () => {
  it('needs an agreement; with one it works and the calendar shows one desk fewer', async () => {
    const c = await t.signedIn('resident');
    const day = openDays(1)[0]!;
    const before = await bookingCount();
    const form = await c.get(`${DESKS}/rezerwacja?date=${day}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /href="\/przestrzenie\/pakiety"/);
    assert.doesNotMatch(form.body, /name="from"/);
    const refused = await c.post(`${DESKS}/rezerwacja`, { date: day });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /potrzebna jest umowa udostępnienia stanowiska pracy obowiązująca tego dnia/);
    assert.match(refused.body, /href="#f-date"/);
    assert.equal(await bookingCount(), before);

    const calendarBefore = await t.client().get(`${DESKS}?tydzien=${isoWeek(day)}`);
    assert.match(calendarBefore.body, /<caption[^>]*>Wolne stanowiska/);
    const freeBefore = freeDesksOn(calendarBefore.body, day);
    await giveAgreement(t.database, c.userId, { packageSlug: 'karnet-10-dni' });
    // The form shows the pass the booking will draw on, with its days.
    const formWithPass = await c.get(`${DESKS}/rezerwacja?date=${day}`);
    assert.match(formWithPass.body, /Twoje umowy obowiązujące tego dnia/);
    assert.match(formWithPass.body, /Karnet 10-dniowy: wykorzystano 0 z 10 dni/);
    const made = await c.post(`${DESKS}/rezerwacja`, { date: day });
    assert.equal(made.statusCode, 303, made.body);
    const calendarAfter = await t.client().get(`${DESKS}?tydzien=${isoWeek(day)}`);
    assert.equal(freeDesksOn(calendarAfter.body, day), freeBefore - 1);
    // The same day again: refused, with other days offered.
    const again = await c.post(`${DESKS}/rezerwacja`, { date: day });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Karnet 10-dniowy: wykorzystano 1 z 10 dni/);
    assert.match(again.body, /Masz już rezerwację stanowiska na ten dzień/);
    assert.ok(links(again.body, `${DESKS}/rezerwacja?date=`).length >= 1);
  });
});

/** "N z 40" in the row of a day of the desk calendar. */
function freeDesksOn(html: string, day: string): number {
  const rows = html.split('<tr class="govuk-table__row">').slice(1);
  const row = rows.find((r) => r.includes(`date=${day}`));
  assert.ok(row, `a row for ${day}`);
  const m = /(\d+) z 40/.exec(row);
  assert.ok(m);
  return Number(m[1]);
}

describe('staff', () => {
  it('approve one event-space request and decline another with a reason; the person is told', async () => {
    const organiser = await t.signedIn('resident', { name: 'Olga Organizatorka' });
    const days = openDays(8);
    const requests: string[] = [];
    for (const [i, day] of [days[6]!, days[7]!].entries()) {
      const res = await organiser.post(`${EVENT}/rezerwacja`, {
        date: day,
        from: '10:00',
        to: '12:00',
        title: `Śniadanie networkingowe ${i + 1}`,
        attendees: '40',
        layout: 'banquet',
        repeatWeeks: '1',
        houseRules: 'yes',
      });
      assert.equal(res.statusCode, 303, res.body);
      requests.push(idFrom(res.headers.location));
    }
    assert.equal(await statusOf(requests[0]!), 'requested');
    assert.match((await organiser.get(`/przestrzenie/rezerwacje/${requests[0]}`)).body, /Wniosek/);

    const staff = await t.signedIn('staff');
    const queue = await staff.get('/panel/rezerwacje');
    assert.equal(queue.statusCode, 200);
    oneH1(queue.body);
    assert.match(queue.body, /Śniadanie networkingowe 1, 40 os\., Bankietowy/);
    assert.match(queue.body, /Olga Organizatorka/);
    assert.equal((await organiser.get('/panel/rezerwacje')).statusCode, 403);

    const approved = await staff.post(`/panel/rezerwacje/${requests[0]}/zatwierdzenie`);
    assert.equal(approved.statusCode, 303);
    assert.equal(await statusOf(requests[0]!), 'confirmed');
    assert.match((await staff.get('/panel/rezerwacje')).body, /Wniosek zatwierdzony/);
    // The audit row names the officer and the request that made the decision.
    const [row] = await queryRows<{ actor: string; request: string | null }>(
      t.database.db,
      sql`select actor_id as actor, request_id as request from audit_log
          where action = 'space_booking.approved' and entity_id = ${requests[0]}`,
    );
    assert.equal(row?.actor, staff.userId);
    assert.equal(row?.request, approved.headers['x-request-id']);

    const form = await staff.get(`/panel/rezerwacje/${requests[1]}/odrzucenie`);
    assert.equal(form.statusCode, 200);
    const empty = await staff.post(`/panel/rezerwacje/${requests[1]}/odrzucenie`, { reason: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /href="#f-reason"/);
    assert.equal(await statusOf(requests[1]!), 'requested');
    const declined = await staff.post(`/panel/rezerwacje/${requests[1]}/odrzucenie`, {
      reason: 'W tym dniu sala jest zajęta przez wydarzenie miejskie',
    });
    assert.equal(declined.statusCode, 303);
    assert.equal(await statusOf(requests[1]!), 'declined');
    const mails = await mailsTo(organiser.email);
    assert.ok(mails.some((m) => /Wniosek zatwierdzony/.test(m.subject)));
    const decline = mails.find((m) => /Wniosek odrzucony/.test(m.subject));
    assert.ok(decline);
    assert.match(decline.raw, /wydarzenie miejskie/);
    // Deciding twice is refused with a clear note, not an error page.
    const twice = await staff.post(`/panel/rezerwacje/${requests[1]}/zatwierdzenie`);
    assert.equal(twice.statusCode, 303);
    assert.match((await staff.get('/panel/rezerwacje')).body, /został już rozpatrzony/);
  });

  it('the day view lists bookings with the person; staff check in and cancel with a reason', async () => {
    const guest = await t.signedIn('resident', { name: 'Gustaw Gość' });
    const id = uuidv7();
    const starts = new Date(testClock.now().getTime() - 5 * 60_000);
    await t.database.db.execute(sql`
      insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status)
      select ${id}, id, 'slot', ${guest.userId}, ${starts}, ${new Date(starts.getTime() + 2 * 3600_000)},
             ${new Date(starts.getTime() + 2 * 3600_000)}, 'confirmed'
      from space_resource where slug = 'sala-warsztatowa-innowacji-spolecznych'`);
    const staff = await t.signedIn('staff');
    const day = await staff.get('/panel/rezerwacje');
    assert.match(day.body, /Gustaw Gość/);
    assert.match(day.body, /Potwierdź obecność/);
    assert.match(day.body, /Poprzedni dzień/);
    const checked = await staff.post(`/panel/rezerwacje/${id}/obecnosc`, {});
    assert.equal(checked.statusCode, 303);
    assert.equal(await statusOf(id), 'checked_in');
    assert.match((await staff.get('/panel/rezerwacje')).body, /Obecność potwierdzona/);

    const other = await t.signedIn('resident');
    const day2 = openDays(2)[1]!;
    const made = await other.post(`${B2B}/rezerwacja`, {
      date: day2,
      from: '18:00',
      to: '19:00',
      repeatWeeks: '1',
    });
    const bid = idFrom(made.headers.location);
    const list = await staff.get(`/panel/rezerwacje?dzien=${day2}`);
    assert.match(list.body, new RegExp(`/panel/rezerwacje/${bid}/odwolanie`));
    const empty = await staff.post(`/panel/rezerwacje/${bid}/odwolanie`, { reason: '' });
    assert.equal(empty.statusCode, 422);
    const cancelled = await staff.post(`/panel/rezerwacje/${bid}/odwolanie`, {
      reason: 'Awaria ogrzewania w sali',
    });
    assert.equal(cancelled.statusCode, 303);
    assert.equal(await statusOf(bid), 'cancelled');
    const mail = (await mailsTo(other.email)).find((m) => /Rezerwacja odwołana/.test(m.subject));
    assert.ok(mail);
    assert.match(mail.raw, /Awaria ogrzewania/);
    for (const bad of ['wczoraj', '2026-13-45', '9999-01-01'])
      assert.equal((await staff.get(`/panel/rezerwacje?dzien=${bad}`)).statusCode, 200, bad);
  });
});

describe('demo data', () => {
  it('seeds bookings once: the resident’s meeting, the ambassador’s request, past desk use under agreements', () =>
    // The demo data tells the cluster's story up to DEMO_MOMENT; its past desk use lies before it.
    testClock.at(DEMO_MOMENT, async () => {
      const started = Date.now();
      await loadDemoData(t.app.klaster);
      const elapsed = Date.now() - started;
      const again = await loadDemoData(t.app.klaster);
      assert.equal(again.created, false, 'idempotent');
      const [days] = await queryRows<{ days: number; low: number; high: number; consistent: boolean }>(
        t.database.db,
        sql`select count(*)::int as days, min(dd.booked)::int as low, max(dd.booked)::int as high,
                 bool_and(dd.booked = (select count(*) from space_booking b where b.resource_id = dd.resource_id
                   and b.day = dd.day and b.status in ('requested','confirmed','checked_in'))) as consistent
          from space_desk_day dd where dd.day < ${todayInWarsaw(t.clock.now())}::date`,
      );
      assert.ok(days!.days >= 20, `past open days: ${days!.days}`);
      assert.ok(days!.low >= 1 && days!.high <= 40, `occupancy ${days!.low}–${days!.high} of 40`);
      assert.equal(days!.consistent, true);
      // Every desk booking draws on an agreement of its person that covers its day.
      const [orphans] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from space_booking b
          left join space_agreement a on a.id = b.agreement_id and a.user_id = b.user_id
            and b.day between a.starts_on and a.ends_on
          where b.kind = 'desk' and a.id is null`,
      );
      assert.equal(orphans!.n, 0);
      const staff = await t.signedIn('staff');
      const queue = await staff.get('/panel/rezerwacje');
      assert.match(queue.body, /Śniadanie networkingowe przedsiębiorców Zabłocia/);
      assert.match(queue.body, /Piotr Ambasador/);
      // Only a seed that hangs fails here (a busy machine is slow); its cost is one transaction.
      assert.ok(elapsed < 60_000, `demo bookings took ${elapsed} ms`);
    }));
});

describe('my bookings, page by page', () => {
  it('shows 20 at a time with a link to the next page and back; a spoiled address shows the first page', async () => {
    const c = await t.signedIn('resident');
    const days = openDays(25, addDays(todayInWarsaw(t.clock.now()), 120));
    await t.database.db.execute(sql`
      insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, title)
      select gen_random_uuid(), r.id, 'slot', ${c.userId}, d::timestamptz + interval '9 hours',
             d::timestamptz + interval '10 hours', d::timestamptz + interval '10 hours', 'confirmed',
             'Spotkanie ' || to_char(d, 'YYYY-MM-DD')
      from space_resource r, unnest(${`{${days.join(',')}}`}::date[]) d
      where r.slug = 'sala-centrum-obywatelskiego'`);
    const first = await c.get('/przestrzenie/moje');
    assert.equal(first.statusCode, 200);
    assert.equal((first.body.match(/Spotkanie \d{4}-/g) ?? []).length, 20);
    const next = /href="(\/przestrzenie\/moje\?od=[^"]+)" rel="next"/.exec(first.body)?.[1];
    assert.ok(next, 'a link to the next page');
    assert.doesNotMatch(first.body, /rel="prev"/);
    const second = await c.get(unescapeHtml(next));
    assert.equal((second.body.match(/Spotkanie \d{4}-/g) ?? []).length, 5);
    assert.match(second.body, /href="\/przestrzenie\/moje" rel="prev"/);
    assert.doesNotMatch(second.body, /rel="next"/);
    for (const d of days) assert.ok(`${first.body}${second.body}`.includes(`Spotkanie ${d}`), d);
    const spoiled = await c.get('/przestrzenie/moje?od=zepsuty');
    assert.equal(spoiled.statusCode, 303);
    assert.equal(spoiled.headers.location, '/przestrzenie/moje');
  });
});
