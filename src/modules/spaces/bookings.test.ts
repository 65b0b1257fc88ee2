// The booking core driven directly: calendar rules, desks against agreements, series, deadlines,
// decisions and no-shows. HTTP pages, the API and parallel-request runs are tested elsewhere.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { polishHolidays } from '../../platform/time/holidays.ts';
import { addDays, isoWeekday, todayInWarsaw, warsawInstant, weekStart } from '../../platform/time/warsaw.ts';
import { type bookingsService, spacesPrivacy } from './bookings/index.ts';
import {
  giveAgreement,
  openDays,
  seedTestSpaces,
  seriesStart,
  testBookingsService,
  testPeople,
} from './test-helpers.ts';

let t: TestApp;
let svc: ReturnType<typeof bookingsService>;

async function refused(p: Promise<unknown>, code: string): Promise<RuleError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof RuleError, `expected a refusal ${code}, got ${String(err)}`);
  assert.equal(err.code, code);
  return err;
}

const count = async (where: ReturnType<typeof sql>) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from space_booking where ${where}`,
      )
    )[0]?.n,
  );

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  svc = testBookingsService(t.database.db);
});
after(() => t.close());

describe('rooms', () => {
  const [day, nextDay] = openDays(2);
  test('a free slot is booked and confirmed; the same or an overlapping slot is refused with free alternatives', async () => {
    const [anna, piotr] = await testPeople(t.database, 2);
    const made = await svc.create(as(anna!), 'pomieszczenie-b2b', {
      date: day!,
      from: '10:00',
      to: '11:00',
      title: 'Rozmowa',
    });
    assert.equal(made.status, 'confirmed');
    const err = await refused(
      svc.create(as(piotr!), 'pomieszczenie-b2b', { date: day!, from: '10:30', to: '11:30' }),
      'taken',
    );
    const slots = err.details.slots as Array<{ start: Date }>;
    assert.ok(slots.length > 0);
    for (const s of slots)
      assert.ok(s.start >= warsawInstant(day!, '11:00') || s.start < warsawInstant(day!, '09:30'));
    // Back to back is fine (no buffer on the B2B room).
    await svc.create(as(piotr!), 'pomieszczenie-b2b', { date: day!, from: '11:00', to: '12:00' });
    assert.equal(await count(sql`status = 'confirmed'`), 2);
  });

  test('each calendar rule refuses with its own code and stores nothing', async () => {
    const [p] = await testPeople(t.database, 1);
    const before = await count(sql`true`);
    const year = Number(todayInWarsaw(testClock.now()).slice(0, 4));
    const holidays = new Set([...polishHolidays(year), ...polishHolidays(year + 1)].map((h) => h.date));
    // A Saturday that is no holiday (26 December 2026 is both: the holiday is said first).
    const weekend = Array.from({ length: 21 }, (_, i) => addDays(nextDay!, i)).find(
      (d) => isoWeekday(d) === 6 && !holidays.has(d),
    )!;
    const holiday = [...polishHolidays(year), ...polishHolidays(year + 1)].find(
      (h) =>
        h.date > addDays(todayInWarsaw(testClock.now()), 2) &&
        isoWeekday(h.date) <= 5 &&
        h.date <= addDays(todayInWarsaw(testClock.now()), 60),
    );
    const cases: Array<[Record<string, string>, string]> = [
      [{ date: nextDay!, from: '07:00', to: '08:30' }, 'outsideHours'],
      [{ date: nextDay!, from: '19:30', to: '20:30' }, 'outsideHours'],
      [{ date: weekend, from: '10:00', to: '11:00' }, 'closedWeekday'],
      [{ date: nextDay!, from: '10:00', to: '10:15' }, 'tooShort'],
      [{ date: nextDay!, from: '09:00', to: '14:00' }, 'tooLong'],
      [{ date: nextDay!, from: '10:10', to: '11:10' }, 'offGrid'],
      [{ date: nextDay!, from: '11:00', to: '10:00' }, 'reversedRange'],
      [{ date: addDays(todayInWarsaw(testClock.now()), -2), from: '10:00', to: '11:00' }, 'past'],
      [{ date: addDays(todayInWarsaw(testClock.now()), 400), from: '10:00', to: '11:00' }, 'beyondHorizon'],
    ];
    if (holiday) cases.push([{ date: holiday.date, from: '10:00', to: '11:00' }, 'holiday']);
    for (const [input, code] of cases) {
      const err = await refused(svc.create(as(p!), 'pomieszczenie-b2b', input as never), code);
      if (code === 'outsideHours')
        assert.deepEqual([err.details.open, err.details.close], ['08:00', '20:00']);
      if (code !== 'reversedRange')
        assert.ok(Array.isArray(err.details.slots), `${code} offers alternatives`);
    }
    await t.database.db.execute(sql`insert into space_closure (id, resource_id, starts_on, ends_on, reason)
      select gen_random_uuid(), id, ${nextDay}::date, ${nextDay}::date, 'Malowanie' from space_resource where slug = 'pomieszczenie-b2b'`);
    const closed = await refused(
      svc.create(as(p!), 'pomieszczenie-b2b', { date: nextDay!, from: '10:00', to: '11:00' }),
      'closed',
    );
    assert.equal(closed.details.reason, 'Malowanie');
    await t.database.db.execute(sql`delete from space_closure`);
    await assert.rejects(
      svc.create(as(p!), 'nie-ma-takiej', { date: nextDay!, from: '10:00', to: '11:00' }),
      /not found/,
    );
    assert.equal(await count(sql`true`), before);
  });

  test('a weekly series is all or nothing and names every clashing date', async () => {
    const [a, b] = await testPeople(t.database, 2);
    const first = seriesStart(4, addDays(todayInWarsaw(testClock.now()), 3));
    const third = addDays(first, 14);
    await svc.create(as(b!), 'sala-warsztatowa-innowacji-spolecznych', {
      date: third,
      from: '12:00',
      to: '13:00',
    });
    const before = await count(sql`true`);
    const err = await refused(
      svc.create(as(a!), 'sala-warsztatowa-innowacji-spolecznych', {
        date: first,
        from: '12:00',
        to: '14:00',
        repeatWeeks: 4,
      }),
      'seriesClash',
    );
    assert.deepEqual(err.details.dates, [third]);
    assert.equal(await count(sql`true`), before);
    const ok = await svc.create(as(a!), 'sala-warsztatowa-innowacji-spolecznych', {
      date: first,
      from: '14:00',
      to: '15:00',
      repeatWeeks: 4,
    });
    assert.equal(ok.ids.length, 4);
    assert.ok(ok.seriesId);
  });

  test('a series refused for two reasons names every failing date with its own reason', async () => {
    // 1 December 2030 is a Sunday: a Wednesday series from the 4th meets Christmas Day in its
    // fourth week; the third week's slot is taken by someone else.
    const [a, b] = await testPeople(t.database, 2);
    await testClock.at(warsawInstant('2030-12-01', '10:00'), async () => {
      await svc.create(as(b!), 'sala-warsztatowa-innowacji-spolecznych', {
        date: '2030-12-18',
        from: '12:00',
        to: '13:00',
      });
      const before = await count(sql`true`);
      const err = await refused(
        svc.create(as(a!), 'sala-warsztatowa-innowacji-spolecznych', {
          date: '2030-12-04',
          from: '12:00',
          to: '14:00',
          repeatWeeks: 4,
        }),
        'seriesClash',
      );
      assert.deepEqual(err.details.dates, ['2030-12-18', '2030-12-25']);
      assert.deepEqual(
        (err.details.failures as Array<{ date: string; code: string }>).map((f) => [f.date, f.code]),
        [
          ['2030-12-18', 'taken'],
          ['2030-12-25', 'holiday'],
        ],
      );
      assert.equal(await count(sql`true`), before);
    });
  });

  test('a desk series lists a holiday and a day its agreement does not cover, and books none', async () => {
    const [p] = await testPeople(t.database, 1);
    await testClock.at(warsawInstant('2030-12-01', '10:00'), async () => {
      // The agreement ends before the third Wednesday; the fourth is Christmas Day.
      await giveAgreement(t.database, p!.id, { from: '2030-12-01', to: '2030-12-12' });
      const before = await count(sql`true`);
      const err = await refused(
        svc.create(as(p!), 'coworking-stanowiska', { date: '2030-12-04', repeatWeeks: 4 }),
        'seriesClash',
      );
      assert.deepEqual(
        (err.details.failures as Array<{ date: string; code: string }>).map((f) => [f.date, f.code]),
        [
          ['2030-12-18', 'noAgreement'],
          ['2030-12-25', 'holiday'],
        ],
      );
      assert.equal(await count(sql`true`), before);
    });
  });

  test('cancelling a series cancels its future occurrences within the deadline, in one go', async () => {
    const [p, q] = await testPeople(t.database, 2);
    // Three weeks without a holiday (from 7 February 2027 the third would be Easter Monday).
    const first = seriesStart(3, addDays(todayInWarsaw(testClock.now()), 35));
    const made = await svc.create(as(p!), 'sala-warsztatowa-innowacji-spolecznych', {
      date: first,
      from: '16:00',
      to: '17:00',
      repeatWeeks: 3,
    });
    await assert.rejects(svc.cancelSeries(as(q!), made.ids[0]!), /not found/);
    const real = testClock.now();
    // Between the first occurrence's deadline (24 h before) and its start: it stays.
    testClock.set(new Date(warsawInstant(first, '16:00').getTime() - 60 * 60_000));
    try {
      assert.equal(await svc.cancelSeries(as(p!), made.ids[1]!), 2);
    } finally {
      testClock.set(real);
    }
    const statuses = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from space_booking where series_id = ${made.seriesId} order by starts_at`,
    );
    assert.deepEqual(
      statuses.map((r) => r.status),
      ['confirmed', 'cancelled', 'cancelled'],
    );
  });

  test('a quota per person per week is kept', async () => {
    const [p] = await testPeople(t.database, 1);
    // The B2B room allows 5 bookings a week per person (a week may have a holiday: days repeat).
    const week = openDays(7, addDays(todayInWarsaw(testClock.now()), 28));
    const sameWeek = week.filter(
      (d) => addDays(d, -isoWeekday(d) + 1) === addDays(week[0]!, -isoWeekday(week[0]!) + 1),
    );
    let made = 0;
    for (let i = 0; i < 5; i++) {
      const d = sameWeek[i % sameWeek.length]!;
      await svc.create(as(p!), 'pomieszczenie-b2b', {
        date: d,
        from: `${String(8 + i * 2).padStart(2, '0')}:00`,
        to: `${String(9 + i * 2).padStart(2, '0')}:00`,
      });
      made++;
    }
    assert.equal(made, 5);
    const err = await refused(
      svc.create(as(p!), 'pomieszczenie-b2b', { date: sameWeek[0]!, from: '18:00', to: '19:00' }),
      'quotaPerson',
    );
    assert.equal(err.details.limit, 5);
  });
});

describe('changes', () => {
  test('a room booking moves to a free time and is refused a taken one; a desk moves to another day', async () => {
    const [p, q] = await testPeople(t.database, 2);
    const [day, other] = openDays(2, addDays(todayInWarsaw(testClock.now()), 12));
    const mine = await svc.create(as(p!), 'pomieszczenie-b2b', { date: day!, from: '09:00', to: '10:00' });
    await svc.create(as(q!), 'pomieszczenie-b2b', { date: day!, from: '13:00', to: '14:00' });
    await svc.change(as(p!), mine.ids[0]!, { date: day!, from: '10:00', to: '11:30' });
    const moved = await svc.get(as(p!), mine.ids[0]!);
    assert.equal(moved.startsAt.getTime(), warsawInstant(day!, '10:00').getTime());
    await refused(svc.change(as(p!), mine.ids[0]!, { date: day!, from: '12:30', to: '13:30' }), 'taken');
    await assert.rejects(
      svc.change(as(q!), mine.ids[0]!, { date: day!, from: '15:00', to: '16:00' }),
      /not found/,
    );
    await giveAgreement(t.database, p!.id);
    const desk = await svc.create(as(p!), 'coworking-stanowiska', { date: day! });
    await svc.change(as(p!), desk.ids[0]!, { date: other! });
    const rows = await queryRows<{ day: string; booked: number }>(
      t.database.db,
      sql`select day::text as day, booked from space_desk_day where day in (${day}::date, ${other}::date) order by day`,
    );
    assert.deepEqual(rows, [
      { day: day!, booked: 0 },
      { day: other!, booked: 1 },
    ]);
  });
});

describe('changing a room booking', () => {
  test('a booking moves within its week although the quota is full; into a full week it is refused', async () => {
    const [p] = await testPeople(t.database, 1);
    // From day 42 on: the quota test above keeps to days 28–34, so the two never meet in the room.
    const days = openDays(10, addDays(todayInWarsaw(testClock.now()), 42));
    const week = days.filter((d) => weekStart(d) === weekStart(days[0]!));
    const nextWeek = days.find((d) => weekStart(d) > weekStart(days[0]!))!;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = week[i % week.length]!;
      const made = await svc.create(as(p!), 'pomieszczenie-b2b', {
        date: d,
        from: `${String(8 + i * 2).padStart(2, '0')}:00`,
        to: `${String(9 + i * 2).padStart(2, '0')}:00`,
      });
      ids.push(made.ids[0]!);
    }
    // The quota (5 a week) is full; the booking being moved does not count against itself.
    await svc.change(as(p!), ids[0]!, { date: week[0]!, from: '19:00', to: '20:00' });
    const [moved] = await queryRows<{ startsAt: Date }>(
      t.database.db,
      sql`select starts_at as "startsAt" from space_booking where id = ${ids[0]}`,
    );
    assert.equal(new Date(moved!.startsAt).getTime(), warsawInstant(week[0]!, '19:00').getTime());
    const other = await svc.create(as(p!), 'pomieszczenie-b2b', {
      date: nextWeek,
      from: '10:00',
      to: '11:00',
    });
    // A move is checked against the calendar before the quota.
    await refused(
      svc.change(as(p!), other.ids[0]!, { date: week.at(-1)!, from: '07:00', to: '08:00' }),
      'outsideHours',
    );
    const err = await refused(
      svc.change(as(p!), other.ids[0]!, { date: week.at(-1)!, from: '18:00', to: '19:00' }),
      'quotaPerson',
    );
    assert.equal(err.details.limit, 5);
  });
});

describe('desks', () => {
  const [day, nextDay] = openDays(2, addDays(todayInWarsaw(testClock.now()), 5));
  test('a desk needs an agreement; a pass draws a day per booking and gives it back on cancel', async () => {
    const [p] = await testPeople(t.database, 1);
    await refused(svc.create(as(p!), 'coworking-stanowiska', { date: day! }), 'noAgreement');
    const agreement = await giveAgreement(t.database, p!.id, { packageSlug: 'karnet-jednodniowy' });
    const made = await svc.create(as(p!), 'coworking-stanowiska', { date: day! });
    await refused(svc.create(as(p!), 'coworking-stanowiska', { date: nextDay! }), 'passUsedUp');
    const used = async () =>
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`select days_used as n from space_agreement where id = ${agreement}`,
        )
      )[0]?.n;
    assert.equal(await used(), 1);
    await svc.cancel(as(p!), made.ids[0]!);
    assert.equal(await used(), 0);
  });

  test('no day has more desk bookings than desks; the 41st person gets the nearest free days', async () => {
    const people = await testPeople(t.database, 41);
    for (const p of people) await giveAgreement(t.database, p.id);
    for (const p of people.slice(0, 40)) await svc.create(as(p), 'coworking-stanowiska', { date: day! });
    const err = await refused(svc.create(as(people[40]!), 'coworking-stanowiska', { date: day! }), 'full');
    assert.ok((err.details.days as string[]).length > 0);
    assert.ok(!(err.details.days as string[]).includes(day!));
    await refused(svc.create(as(people[0]!), 'coworking-stanowiska', { date: addDays(day!, 0) }), 'full');
    const [row] = await queryRows<{ booked: number; capacity: number }>(
      t.database.db,
      sql`select booked, capacity from space_desk_day where day = ${day}::date`,
    );
    assert.deepEqual(row, { booked: 40, capacity: 40 });
  });
});

describe('deadlines, decisions and no-shows', () => {
  test('cancelling past the deadline is refused with the deadline', async () => {
    const [p] = await testPeople(t.database, 1);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 3));
    const made = await svc.create(as(p!), 'sala-centrum-obywatelskiego', {
      date: day!,
      from: '10:00',
      to: '11:00',
    });
    const real = testClock.now();
    testClock.set(new Date(warsawInstant(day!, '10:00').getTime() - 60 * 60_000)); // an hour before; the deadline is 24 h
    try {
      const err = await refused(svc.cancel(as(p!), made.ids[0]!), 'pastDeadline');
      assert.equal(
        (err.details.deadline as Date).getTime(),
        warsawInstant(addDays(day!, -1), '10:00').getTime(),
      );
    } finally {
      testClock.set(real);
    }
  });

  test('the deadline binds a booking’s author whatever their role; staff override it only with a reason', async () => {
    const [staff] = await testPeople(t.database, 1, 'staff');
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 3));
    const made = await svc.create(as(staff!), 'sala-centrum-obywatelskiego', {
      date: day!,
      from: '12:00',
      to: '13:00',
    });
    const real = testClock.now();
    testClock.set(new Date(warsawInstant(day!, '12:00').getTime() - 60 * 60_000));
    try {
      await refused(svc.cancel(as(staff!), made.ids[0]!), 'pastDeadline');
      await svc.cancel(as(staff!), made.ids[0]!, 'Awaria ogrzewania');
      assert.equal((await svc.get(as(staff!), made.ids[0]!)).status, 'cancelled');
      const [row] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from audit_log where action = 'space_booking.cancelled' and entity_id = ${made.ids[0]}`,
      );
      assert.equal(row?.n, 1);
    } finally {
      testClock.set(real);
    }
  });

  test('the event space is requested; staff approve one request and decline another, which frees the time', async () => {
    const [a, b] = await testPeople(t.database, 2);
    const [staff] = await testPeople(t.database, 1, 'staff');
    const [day, other] = openDays(2, addDays(todayInWarsaw(testClock.now()), 10));
    const input = {
      date: day!,
      from: '10:00',
      to: '12:00',
      title: 'Śniadanie networkingowe',
      attendees: 40,
      houseRules: true,
    };
    const req = await svc.create(as(a!), 'zablocie-space-sala-wydarzen', input);
    assert.equal(req.status, 'requested');
    await refused(
      svc.create(as(b!), 'zablocie-space-sala-wydarzen', { ...input, from: '12:30', to: '13:30' }),
      'taken',
    ); // 1 h buffer
    await svc.approve(as(staff!), req.ids[0]!);
    await refused(svc.approve(as(staff!), req.ids[0]!), 'alreadyDecided');
    const second = await svc.create(as(b!), 'zablocie-space-sala-wydarzen', { ...input, date: other! });
    await svc.decline(as(staff!), second.ids[0]!, 'Sala zajęta przez wydarzenie miejskie');
    const again = await svc.create(as(a!), 'zablocie-space-sala-wydarzen', { ...input, date: other! });
    assert.equal(again.status, 'requested');
    await refused(
      svc.create(as(a!), 'zablocie-space-sala-wydarzen', { ...input, date: other!, attendees: 500 }),
      'overCapacity',
    );
  });

  test('a booking not checked in within the grace period is released and frees the slot', async () => {
    const [p, q] = await testPeople(t.database, 2);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 4));
    const made = await svc.create(as(p!), 'pomieszczenie-b2b', { date: day!, from: '16:00', to: '17:00' });
    const real = testClock.now();
    testClock.set(new Date(warsawInstant(day!, '16:20').getTime())); // grace is 15 minutes
    try {
      assert.ok((await svc.releaseNoShows()) >= 1);
      const view = await svc.get(as(p!), made.ids[0]!);
      assert.equal(view.status, 'released');
    } finally {
      testClock.set(real);
    }
    await svc.create(as(q!), 'pomieszczenie-b2b', { date: day!, from: '16:00', to: '17:00' });
  });
});

describe('personal data', () => {
  test('the export lists the bookings and agreements; erasure removes the bookings and frees their desks', async () => {
    const [p] = await testPeople(t.database, 1);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 20));
    await giveAgreement(t.database, p!.id);
    await svc.create(as(p!), 'coworking-stanowiska', { date: day! });
    await svc.create(as(p!), 'pomieszczenie-b2b', {
      date: day!,
      from: '15:00',
      to: '16:00',
      title: 'Spotkanie',
    });
    const privacy = spacesPrivacy(t.database.db, testClock);
    const data = (await privacy.exportFor(p!.id)) as {
      bookings: Array<{ title: string }>;
      agreements: unknown[];
    };
    assert.equal(data.bookings.length, 2);
    assert.ok(data.bookings.some((b) => b.title === 'Spotkanie'));
    assert.equal(data.agreements.length, 1);
    const booked = async () =>
      Number(
        (
          await queryRows<{ n: number }>(
            t.database.db,
            sql`select booked as n from space_desk_day where day = ${day}::date`,
          )
        )[0]?.n,
      );
    assert.equal(await booked(), 1);
    await t.database.db.transaction((tx) => privacy.eraseFor(p!.id, tx));
    assert.equal(await count(sql`user_id = ${p!.id}`), 0);
    assert.equal(await booked(), 0);
  });
});
