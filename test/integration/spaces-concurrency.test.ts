// The issue's proof that bookings never collide, through the JSON API on the test app's driver
// (PGlite, or PostgreSQL when TEST_DATABASE_URL is set): 100 people asking for the same room slot
// at once get exactly one booking and 99 clear refusals; 200 people asking for a desk on a day of
// the 40-desk pool get exactly 40. Each is repeated 20 times on a fresh slot or day. The counts are
// asserted exactly, so without the exclusion constraint or the desk-day lock this test fails.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { openDays, seedTestSpaces } from '../../src/modules/spaces/test-helpers.ts';
import { addDays, todayInWarsaw, warsawInstant } from '../../src/platform/time/warsaw.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testClock } from '../support/clock.ts';

const ROUNDS = 20;
const ROOM_PEOPLE = 100;
const DESK_PEOPLE = 200;
const DESKS = 40;

describe(`parallel bookings never collide`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' } });
    await seedTestSpaces(t.database);
    // Twenty working days must fit in the desk pool's horizon whatever the date.
    await t.database.db.execute(sql`
      update space_resource set rules = jsonb_set(rules, '{horizonDays}', '60') where slug = 'coworking-stanowiska'`);
  });
  after(async () => t.close());

  it(`${ROOM_PEOPLE} people, one room slot: exactly one booking and ${ROOM_PEOPLE - 1} refusals "taken", ${ROUNDS} times`, async () => {
    const days = openDays(ROUNDS, addDays(todayInWarsaw(testClock.now()), 2));
    for (const [round, day] of days.entries()) {
      // Fresh people each round, so the weekly quota per person never plays a part.
      const people = await t.signedInMany(ROOM_PEOPLE);
      const from = round % 2 === 0 ? '10:00' : '15:30';
      const to = round % 2 === 0 ? '11:00' : '16:30';
      const answers = await Promise.all(
        people.map((p) =>
          p.json('POST', '/api/v1/spaces/bookings', {
            resource: 'pomieszczenie-b2b',
            date: day,
            from,
            to,
            title: `Runda ${round}`,
          }),
        ),
      );
      const created = answers.filter((r) => r.statusCode === 201);
      const refused = answers.filter((r) => r.statusCode === 409);
      assert.equal(
        created.length,
        1,
        `round ${round}: one booking (${answers.map((r) => r.statusCode).join(',')})`,
      );
      assert.equal(
        refused.length,
        ROOM_PEOPLE - 1,
        `round ${round}: every other request refused with 409 (${answers
          .filter((r) => r.statusCode !== 409)
          .map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`)
          .join(' | ')})`,
      );
      for (const r of refused) {
        const p = r.json() as { code: string; detail: string; alternatives: unknown[] };
        assert.equal(p.code, 'taken');
        assert.equal(p.detail, 'Ten termin jest już zajęty.');
        assert.ok(Array.isArray(p.alternatives));
      }
      const [stored] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from space_booking b join space_resource r on r.id = b.resource_id
            where r.slug = 'pomieszczenie-b2b' and b.status in ('requested','confirmed','checked_in')
              and b.starts_at = ${warsawInstant(day!, from)}`,
      );
      assert.equal(stored?.n, 1, `round ${round}: one row stored`);
    }
    const [overlaps] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from space_booking a join space_booking b
            on a.resource_id = b.resource_id and a.id < b.id
           and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
          where a.kind = 'slot' and b.kind = 'slot'
            and a.status in ('requested','confirmed','checked_in') and b.status in ('requested','confirmed','checked_in')`,
    );
    assert.equal(overlaps?.n, 0);
  });

  it(`${DESK_PEOPLE} people with agreements, ${DESKS} desks: exactly ${DESKS} bookings a day and ${DESK_PEOPLE - DESKS} refusals "full", ${ROUNDS} times`, async () => {
    const people = await t.signedInMany(DESK_PEOPLE, { prefix: 'desk' });
    // Each has a monthly hot-desk agreement covering every day of the test (one statement).
    await t.database.db.execute(sql`
      insert into space_agreement (id, number, user_id, applicant_kind, package_id, status, starts_on, ends_on,
                                   days_total, price_grosze, concluded_at, decided_at)
      select gen_random_uuid(), 'C/' || u.id, u.id, 'standard', p.id, 'accepted', current_date, current_date + 90,
             p.days, p.price_grosze, now(), now()
      from auth_user u, space_package p
      where u.id = any(${`{${people.map((p) => p.userId).join(',')}}`}::text[]) and p.slug = 'hot-desk-miesieczny'`);
    const days = openDays(ROUNDS, addDays(todayInWarsaw(testClock.now()), 1));
    for (const [round, day] of days.entries()) {
      const answers = await Promise.all(
        people.map((p) =>
          p.json('POST', '/api/v1/spaces/bookings', { resource: 'coworking-stanowiska', date: day }),
        ),
      );
      const created = answers.filter((r) => r.statusCode === 201);
      const refused = answers.filter((r) => r.statusCode === 409);
      assert.equal(created.length, DESKS, `round ${round} (${day}): ${DESKS} bookings`);
      assert.equal(refused.length, DESK_PEOPLE - DESKS, `round ${round}: the rest refused with 409`);
      for (const r of refused) {
        const p = r.json() as { code: string; detail: string };
        assert.equal(p.code, 'full');
        assert.equal(p.detail, 'Tego dnia wszystkie stanowiska są już zajęte.');
      }
      const [row] = await queryRows<{ booked: number; capacity: number; live: number }>(
        t.database.db,
        sql`select d.booked, d.capacity,
                   (select count(*)::int from space_booking b where b.resource_id = d.resource_id and b.day = d.day
                      and b.kind = 'desk' and b.status in ('requested','confirmed','checked_in')) as live
            from space_desk_day d join space_resource r on r.id = d.resource_id
            where r.slug = 'coworking-stanowiska' and d.day = ${day}::date`,
      );
      assert.deepEqual(row, { booked: DESKS, capacity: DESKS, live: DESKS }, `round ${round}`);
    }
  });
});
