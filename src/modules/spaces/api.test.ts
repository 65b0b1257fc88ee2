// The spaces JSON API over HTTP: resources, availability, booking, my bookings with a cursor,
// cancelling; refusals as problem documents in the caller's language with alternatives.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { addDays, isoWeekday, todayInWarsaw, warsawInstant } from '../../platform/time/warsaw.ts';
import { giveAgreement, openDays, seedTestSpaces, seriesStart } from './test-helpers.ts';

let t: TestApp;
type Json = Record<string, unknown>;
type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field: string | null;
  alternatives: Array<{ date: string; start?: string; end?: string }>;
  dates?: string[];
  failures?: Array<{ date: string; code: string; detail: string }>;
  deadline?: string;
};
type Booking = { id: string; status: string; startsAt: string; endsAt: string; title: string; url: string };

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
});
after(() => t.close());

const liveCount = async (slug: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from space_booking b join space_resource r on r.id = b.resource_id
            where r.slug = ${slug} and b.status in ('requested','confirmed','checked_in')`,
      )
    )[0]?.n,
  );

/** A room booking made directly in the table (to set up past bookings or ones close to their start). */
async function insertSlot(userId: string, slug: string, start: Date, end: Date, title = '') {
  const id = uuidv7();
  await t.database.db.execute(sql`
    insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, title)
    select ${id}, id, 'slot', ${userId}, ${start}, ${end}, ${end}, 'confirmed', ${title}
    from space_resource where slug = ${slug}`);
  return id;
}

describe('resources and availability (public)', () => {
  test('lists the resources and shows one; an unknown one is a 404 problem', async () => {
    const res = await t.client().get('/api/v1/spaces/resources');
    assert.equal(res.statusCode, 200, res.body);
    const items = (res.json() as { items: Array<{ slug: string; kind: string; calendarUrl: string }> }).items;
    const slugs = items.map((i) => i.slug);
    for (const s of ['coworking-stanowiska', 'pomieszczenie-b2b', 'zablocie-space-sala-wydarzen'])
      assert.ok(slugs.includes(s), s);
    assert.match(items[0]!.calendarUrl, /\/przestrzenie\/.+\/kalendarz\.ics$/);
    const one = await t.client().get('/api/v1/spaces/resources/pomieszczenie-b2b');
    assert.equal(one.statusCode, 200);
    const room = one.json() as { kind: string; capacity: number; rules: { stepMinutes: number } };
    assert.equal(room.kind, 'room');
    assert.equal(room.capacity, 8);
    assert.equal(room.rules.stepMinutes, 30);
    assert.deepEqual((one.json() as { translations: unknown }).translations, {
      name: { en: 'B2B meeting room', uk: 'Кімната для зустрічей B2B' },
      description: {
        en: 'A small room for business talks and client meetings, next to the coworking space.',
        uk: 'Невелика кімната для ділових розмов і зустрічей із клієнтами, поруч із коворкінгом.',
      },
    });
    assert.equal((one.json() as { name: string }).name, 'Pomieszczenie B2B', 'the name stays Polish');
    const missing = await t.client().get('/api/v1/spaces/resources/nie-ma-takiej', {
      'accept-language': 'en',
    });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal((missing.json() as Problem).type, 'https://klaster.dev/problems/not-found');
    assert.equal((missing.json() as Problem).title, 'Not found');
  });

  test('a week of a room: open days, busy ranges without names, free ranges; closed weekends', async () => {
    const [person] = await t.signedInMany(1);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 20));
    const monday = addDays(day!, 1 - isoWeekday(day!));
    const weekUrl = `/api/v1/spaces/resources/sala-warsztatowa-innowacji-spolecznych/availability?from=${monday}&to=${addDays(monday, 6)}`;
    // Asked before the booking (the answer is kept for a moment), then again right after it.
    const empty = await t.client().get(weekUrl);
    assert.match(String(empty.headers['cache-control']), /max-age=/);
    assert.ok((empty.json() as { days: Array<{ busy: unknown[] }> }).days.every((d) => d.busy.length === 0));
    const made = await person!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'sala-warsztatowa-innowacji-spolecznych',
      date: day,
      from: '10:00',
      to: '12:00',
      title: 'Tajne spotkanie zarządu',
    });
    assert.equal(made.statusCode, 201, made.body);
    const res = await t
      .client()
      .get(
        `/api/v1/spaces/resources/sala-warsztatowa-innowacji-spolecznych/availability?from=${monday}&to=${addDays(monday, 6)}`,
      );
    assert.equal(res.statusCode, 200, res.body);
    assert.doesNotMatch(res.body, /Tajne|Osoba|@test\.example/, 'no titles, names or e-mail addresses');
    const body = res.json() as {
      resource: { slug: string };
      days: Array<{
        date: string;
        open: boolean;
        closed: { reason: string } | null;
        busy: Array<{ start: string; end: string }>;
        free: Array<{ start: string; end: string }>;
        desks: unknown;
      }>;
    };
    assert.equal(body.days.length, 7);
    const booked = body.days.find((d) => d.date === day)!;
    assert.equal(booked.open, true);
    assert.deepEqual(
      booked.busy.map((b) => [b.start, b.end]),
      [[warsawInstant(day!, '10:00').toISOString(), warsawInstant(day!, '12:00').toISOString()]],
    );
    assert.deepEqual(
      booked.free.map((f) => [f.start, f.end]),
      [
        [warsawInstant(day!, '08:00').toISOString(), warsawInstant(day!, '10:00').toISOString()],
        [warsawInstant(day!, '12:00').toISOString(), warsawInstant(day!, '20:00').toISOString()],
      ],
    );
    const sunday = body.days[6]!;
    assert.equal(sunday.open, false);
    assert.equal(sunday.closed?.reason, 'weekday');
    assert.deepEqual(sunday.free, []);
  });

  test('desk pools report free and total desks per day', async () => {
    const [day] = openDays(1);
    const res = await t
      .client()
      .get(`/api/v1/spaces/resources/coworking-stanowiska/availability?from=${day}&to=${day}`);
    assert.equal(res.statusCode, 200, res.body);
    const [d] = (res.json() as { days: Array<{ desks: { total: number; free: number } }> }).days;
    assert.deepEqual(d!.desks, { total: 40, free: 40 });
  });

  test('bad, reversed or too long ranges are 422 problems in the reader’s language; unknown resource 404', async () => {
    const base = '/api/v1/spaces/resources/pomieszczenie-b2b/availability';
    const cases: Array<[string, string, string, RegExp]> = [
      [`${base}?from=2026-02-30&to=2026-03-01`, 'pl', 'invalidDate', /prawdziwą datę/],
      [`${base}?from=jutro&to=2026-03-01`, 'en', 'invalidDate', /Enter a real date/],
      [`${base}?from=2026-03-10&to=2026-03-01`, 'en', 'reversedRange', /end time must be later/],
      [`${base}?from=2026-01-01&to=2026-06-01`, 'uk', 'rangeTooLong', /62 дні/],
      // Far-off years are not dates we serve (and never cost more than a refusal).
      [`${base}?from=1900-01-01&to=2199-12-31`, 'en', 'rangeTooLong', /62 days/],
      [`${base}?from=2026-01-01&to=9999-12-31`, 'en', 'invalidDate', /Enter a real date/],
    ];
    for (const [url, lang, code, detail] of cases) {
      const res = await t.client().get(url, { 'accept-language': lang });
      assert.equal(res.statusCode, 422, `${url}: ${res.body}`);
      assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
      const p = res.json() as Problem;
      assert.equal(p.code, code);
      assert.equal(p.status, 422);
      assert.match(p.detail, detail);
    }
    const missing = await t
      .client()
      .get('/api/v1/spaces/resources/nie-ma/availability?from=2026-03-01&to=2026-03-02');
    assert.equal(missing.statusCode, 404);
    const noQuery = await t.client().get(base);
    assert.equal(noQuery.statusCode, 400);
  });
});

describe('booking', () => {
  test('anonymous callers get 401 and nothing is stored', async () => {
    const [day] = openDays(1);
    const before = await liveCount('pomieszczenie-b2b');
    const res = await t.client().json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: day,
      from: '09:00',
      to: '10:00',
    });
    assert.equal(res.statusCode, 401);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(await liveCount('pomieszczenie-b2b'), before);
    assert.equal((await t.client().get('/api/v1/spaces/bookings')).statusCode, 401);
  });

  test('a room: 201 with Location; the same slot for someone else is a 409 in their language with alternatives', async () => {
    const [anna] = await t.signedInMany(1);
    const [john] = await t.signedInMany(1, { locale: 'en' });
    const [olha] = await t.signedInMany(1, { locale: 'uk' });
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 3));
    const body = { resource: 'pomieszczenie-b2b', date: day, from: '13:00', to: '14:30', title: 'Rozmowa' };
    const made = await anna!.json('POST', '/api/v1/spaces/bookings', body);
    assert.equal(made.statusCode, 201, made.body);
    const created = made.json() as { status: string; bookings: Booking[] };
    assert.equal(created.status, 'confirmed');
    assert.equal(created.bookings.length, 1);
    const b = created.bookings[0]!;
    assert.equal(made.headers.location, `/api/v1/spaces/bookings/${b.id}`);
    assert.equal(b.startsAt, warsawInstant(day!, '13:00').toISOString());
    assert.equal(b.endsAt, warsawInstant(day!, '14:30').toISOString());
    assert.equal(b.title, 'Rozmowa');
    assert.match(b.url, new RegExp(`/przestrzenie/rezerwacje/${b.id}$`));
    const shown = await anna!.get(made.headers.location as string);
    assert.equal(shown.statusCode, 200);
    assert.equal((shown.json() as Booking).id, b.id);

    for (const [who, detail] of [
      [john!, 'That time is already taken.'],
      [olha!, 'Цей час уже зайнятий.'],
    ] as const) {
      const res = await who.json('POST', '/api/v1/spaces/bookings', { ...body, from: '14:00', to: '15:00' });
      assert.equal(res.statusCode, 409, res.body);
      assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
      const p = res.json() as Problem;
      assert.equal(p.code, 'taken');
      assert.equal(p.detail, detail);
      assert.equal(p.field, 'from');
      assert.ok(p.alternatives.length > 0, 'alternatives offered');
      for (const a of p.alternatives) {
        assert.ok(a.start && a.end);
        const clash =
          Date.parse(a.start) < Date.parse(b.endsAt) && Date.parse(a.end!) > Date.parse(b.startsAt);
        assert.ok(!clash, `alternative ${a.start} is free`);
        assert.equal(Date.parse(a.end!) - Date.parse(a.start), 60 * 60_000, 'same length as asked');
      }
    }
    // The profile language (Polish by default) decides; the booker asking again is refused too.
    const res = await anna!.json('POST', '/api/v1/spaces/bookings', body);
    assert.equal(res.statusCode, 409);
    assert.equal((res.json() as Problem).detail, 'Ten termin jest już zajęty.');
    assert.equal(await liveCount('pomieszczenie-b2b'), 1);
  });

  test('calendar rules refuse with 422 naming the rule; bad input is a 400 with field errors', async () => {
    const [john] = await t.signedInMany(1, { locale: 'en' });
    const [day] = openDays(1);
    const before = await liveCount('pomieszczenie-b2b');
    const outside = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: day,
      from: '19:30',
      to: '21:00',
    });
    assert.equal(outside.statusCode, 422, outside.body);
    const p = outside.json() as Problem;
    assert.equal(p.code, 'outsideHours');
    assert.equal(p.detail, 'That time is outside the opening hours (08:00–20:00).');
    assert.ok(p.alternatives.length > 0);

    const reversed = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: day,
      from: '12:00',
      to: '11:00',
    });
    assert.equal(reversed.statusCode, 422);
    assert.equal((reversed.json() as Problem).code, 'reversedRange');

    const unknown = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'nie-ma-takiej',
      date: day,
      from: '10:00',
      to: '11:00',
    });
    assert.equal(unknown.statusCode, 404);

    const invalid = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: '2026-13-45',
      from: '25:00',
      to: '11:00',
      admin: true,
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    const fields = invalid.json() as { errors: Array<{ field: string; message: string }> };
    assert.ok(fields.errors.length > 0);
    const long = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: day,
      from: '10:00',
      to: '11:00',
      title: 'x'.repeat(10_000),
    });
    assert.equal(long.statusCode, 400);
    const typed = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: 20260301,
    });
    assert.equal(typed.statusCode, 400);
    // The last day of year 9999 (once a 500 when the nearest alternatives were computed).
    const farOff = await john!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: '9999-12-31',
      from: '10:00',
      to: '24:00',
    });
    assert.equal(farOff.statusCode, 400, farOff.body);
    assert.equal(await liveCount('pomieszczenie-b2b'), before);
  });

  test('a weekly series that clashes is refused as a whole with the dates', async () => {
    const [a, b] = await t.signedInMany(2);
    const day = seriesStart(3, addDays(todayInWarsaw(testClock.now()), 2));
    const later = addDays(day, 7);
    const first = await a!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'sala-centrum-obywatelskiego',
      date: later,
      from: '16:00',
      to: '17:00',
    });
    assert.equal(first.statusCode, 201, first.body);
    const before = await liveCount('sala-centrum-obywatelskiego');
    const series = await b!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'sala-centrum-obywatelskiego',
      date: day,
      from: '16:00',
      to: '17:00',
      repeatWeeks: 3,
    });
    assert.equal(series.statusCode, 409, series.body);
    const p = series.json() as Problem;
    assert.equal(p.code, 'seriesClash');
    assert.deepEqual(p.dates, [later]);
    assert.deepEqual(p.failures, [{ date: later, code: 'taken', detail: 'Ten termin jest już zajęty.' }]);
    assert.match(p.detail, /Nic nie zostało zarezerwowane\. .+: Ten termin jest już zajęty\./);
    assert.equal(await liveCount('sala-centrum-obywatelskiego'), before);
    const ok = await b!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'sala-centrum-obywatelskiego',
      date: day,
      from: '17:00',
      to: '18:00',
      repeatWeeks: 3,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const made = ok.json() as { seriesId: string; bookings: Booking[] };
    assert.equal(made.bookings.length, 3);
    assert.ok(made.seriesId);
  });

  test('a desk needs an agreement; with one it is booked; a full day is a 409 "full" with other days', async () => {
    const [ewa] = await t.signedInMany(1);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 2));
    const none = await ewa!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'coworking-stanowiska',
      date: day,
    });
    assert.equal(none.statusCode, 422, none.body);
    assert.equal((none.json() as Problem).code, 'noAgreement');
    await giveAgreement(t.database, ewa!.userId);
    const ok = await ewa!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'coworking-stanowiska',
      date: day,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const again = await ewa!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'coworking-stanowiska',
      date: day,
    });
    assert.equal(again.statusCode, 409);
    assert.equal((again.json() as Problem).code, 'alreadyBooked');

    // Fill the rest of a day, then one more person is refused with the nearest days that have desks.
    const [full] = openDays(1, addDays(day!, 3));
    await t.database.db.execute(sql`
      insert into space_desk_day (resource_id, day, capacity, booked)
      select id, ${full}::date, 40, 40 from space_resource where slug = 'coworking-stanowiska'`);
    const refused = await ewa!.json('POST', '/api/v1/spaces/bookings', {
      resource: 'coworking-stanowiska',
      date: full,
    });
    assert.equal(refused.statusCode, 409, refused.body);
    const p = refused.json() as Problem;
    assert.equal(p.code, 'full');
    assert.equal(p.detail, 'Tego dnia wszystkie stanowiska są już zajęte.');
    assert.ok(p.alternatives.length > 0);
    for (const a of p.alternatives) {
      assert.notEqual(a.date, full);
      assert.notEqual(a.date, day, 'not a day they already booked');
      assert.equal(a.start, undefined);
    }
  });
});

describe('my bookings', () => {
  test('upcoming and past pages with a cursor: each booking once, nobody else’s', async () => {
    const [me, other] = await t.signedInMany(2);
    const days = openDays(5, addDays(todayInWarsaw(testClock.now()), 2));
    for (const d of days) {
      const res = await me!.json('POST', '/api/v1/spaces/bookings', {
        resource: 'sala-warsztatowa-innowacji-spolecznych',
        date: d,
        from: '08:00',
        to: '09:00',
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    const past = [];
    for (let i = 1; i <= 3; i++) {
      const d = addDays(todayInWarsaw(testClock.now()), -i * 7);
      past.push(
        await insertSlot(
          me!.userId,
          'pomieszczenie-b2b',
          warsawInstant(d, '10:00'),
          warsawInstant(d, '11:00'),
        ),
      );
    }
    await insertSlot(
      other!.userId,
      'pomieszczenie-b2b',
      warsawInstant(addDays(todayInWarsaw(testClock.now()), -30), '10:00'),
      warsawInstant(addDays(todayInWarsaw(testClock.now()), -30), '11:00'),
    );

    const walk = async (scope: string) => {
      const seen: Booking[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/spaces/bookings?scope=${scope}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await me!.get(url);
        assert.equal(res.statusCode, 200, res.body);
        const page = res.json() as { items: Booking[]; nextCursor: string | null };
        assert.ok(page.items.length <= 2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
        assert.ok(pages < 10);
      } while (cursor);
      return seen;
    };
    const upcoming = await walk('upcoming');
    assert.equal(upcoming.length, 5);
    assert.deepEqual(
      upcoming.map((b) => b.startsAt),
      days.map((d) => warsawInstant(d, '08:00').toISOString()),
      'soonest first',
    );
    const pastSeen = await walk('past');
    assert.deepEqual(
      pastSeen.map((b) => b.id),
      past,
      'latest first, only mine',
    );

    const bad = await me!.get('/api/v1/spaces/bookings?cursor=bm9wZQ', { 'accept-language': 'en' });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as Problem).code, 'invalidCursor');
    // A cursor of the right shape holding an instant the database cannot take: refused, not a 500.
    const year0 = Buffer.from(
      JSON.stringify({ s: '0000-06-01T00:00:00.000Z', id: '019a4f3e-7c2b-7d41-9a3e-0123456789ab' }),
    ).toString('base64url');
    const odd = await me!.get(`/api/v1/spaces/bookings?cursor=${year0}`);
    assert.equal(odd.statusCode, 400);
    // Someone else's booking is not found for me.
    const theirs = (await other!.get('/api/v1/spaces/bookings?scope=past')).json() as { items: Booking[] };
    assert.equal(theirs.items.length, 1);
    assert.equal((await me!.get(`/api/v1/spaces/bookings/${theirs.items[0]!.id}`)).statusCode, 404);
    assert.equal((await me!.get('/api/v1/spaces/bookings/nie-uuid')).statusCode, 404);
  });

  test('cancel before the deadline; after it a 422 problem with the deadline; someone else’s is 404', async () => {
    const [me, other] = await t.signedInMany(2, { locale: 'en' });
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 3));
    const made = (
      await me!.json('POST', '/api/v1/spaces/bookings', {
        resource: 'pomieszczenie-b2b',
        date: day,
        from: '17:00',
        to: '18:00',
      })
    ).json() as { bookings: Booking[] };
    const id = made.bookings[0]!.id;
    assert.equal((await other!.json('POST', `/api/v1/spaces/bookings/${id}/cancel`, {})).statusCode, 404);
    const cancelled = await me!.json('POST', `/api/v1/spaces/bookings/${id}/cancel`, {});
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal((cancelled.json() as Booking).status, 'cancelled');
    const twice = await me!.json('POST', `/api/v1/spaces/bookings/${id}/cancel`, {});
    assert.equal(twice.statusCode, 409);
    assert.equal((twice.json() as Problem).code, 'notCancellable');

    // The B2B room closes cancellations 24 hours before the start.
    const start = new Date(testClock.now().getTime() + 3 * 3600_000);
    const soon = await insertSlot(
      me!.userId,
      'pomieszczenie-b2b',
      start,
      new Date(start.getTime() + 3600_000),
    );
    const late = await me!.json('POST', `/api/v1/spaces/bookings/${soon}/cancel`, {});
    assert.equal(late.statusCode, 422, late.body);
    const p = late.json() as Problem;
    assert.equal(p.code, 'pastDeadline');
    assert.equal(p.deadline, new Date(start.getTime() - 24 * 3600_000).toISOString());
    assert.match(p.detail, /^Changes and cancellations closed at .+\. Please contact the cluster staff\.$/);
    const [{ status }] = (await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from space_booking where id = ${soon}`,
    )) as [{ status: string }];
    assert.equal(status, 'confirmed');
  });
});

test('the OpenAPI document lists the spaces endpoints under the spaces tag', async () => {
  const doc = (await t.client().get('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
    components?: { schemas?: Json };
  };
  const expected: Array<[string, string]> = [
    ['/api/v1/spaces/resources', 'get'],
    ['/api/v1/spaces/resources/{slug}', 'get'],
    ['/api/v1/spaces/resources/{slug}/availability', 'get'],
    ['/api/v1/spaces/bookings', 'get'],
    ['/api/v1/spaces/bookings', 'post'],
    ['/api/v1/spaces/bookings/{id}', 'get'],
    ['/api/v1/spaces/bookings/{id}/cancel', 'post'],
  ];
  for (const [path, method] of expected) {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method.toUpperCase()} ${path} documented`);
    assert.deepEqual(op.tags, ['spaces']);
  }
  assert.ok(!Object.keys(doc.paths).some((p) => p.includes('.ics') || p.includes('kalendarz')));
});
