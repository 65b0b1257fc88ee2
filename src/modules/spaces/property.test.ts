// Property: whatever sequence of book / cancel / change operations people make — rooms at random
// times on the step grid (overlapping ones included), desks on random days from a pool of three —
// no two live room bookings overlap, no desk day holds more bookings than desks, the day's counter
// equals the live desk bookings, and every pass has used exactly as many days as it has live
// desk bookings drawing on it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import type { ContextActor } from '../../platform/context.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { bookingsService } from './bookings/index.ts';
import { giveAgreement, openDays, seedTestSpaces, testBookingsService, testPeople } from './test-helpers.ts';

let t: TestApp;
let svc: ReturnType<typeof bookingsService>;
let people: ContextActor[];
const ROOMS = ['pomieszczenie-b2b', 'sala-centrum-obywatelskiego'];
const DESKS = 'coworking-stanowiska';
const days = openDays(4, addDays(todayInWarsaw(testClock.now()), 3));

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  // A pool of three desks, and a room with a 30-minute buffer after each booking.
  await t.database.db.execute(sql`update space_resource set capacity = 3 where slug = ${DESKS}`);
  await t.database.db.execute(sql`
    update space_resource set rules = rules || '{"bufferMinutes": 30, "perPersonWeek": null}'::jsonb
    where slug = 'sala-centrum-obywatelskiego'`);
  svc = testBookingsService(t.database.db);
  people = await testPeople(t.database, 5);
  // Two people hold a 3-day pass (their days run out), the others a monthly hot desk.
  for (const [i, p] of people.entries()) {
    const id = await giveAgreement(t.database, p.id, {
      packageSlug: i < 2 ? 'karnet-10-dni' : 'hot-desk-miesieczny',
    });
    if (i < 2) await t.database.db.execute(sql`update space_agreement set days_total = 3 where id = ${id}`);
  }
});
after(() => t.close());

type Op =
  | { kind: 'room'; who: number; room: number; day: number; slot: number; steps: number }
  | { kind: 'desk'; who: number; day: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'change'; pick: number; day: number; slot: number; steps: number };

const time = (slot: number) => {
  const m = 8 * 60 + slot * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('room' as const),
    who: fc.nat(4),
    room: fc.nat(ROOMS.length - 1),
    day: fc.nat(days.length - 1),
    // Few distinct start times, so requests overlap often.
    slot: fc.nat(8),
    steps: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant('desk' as const), who: fc.nat(4), day: fc.nat(days.length - 1) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(50) }),
  fc.record({
    kind: fc.constant('change' as const),
    pick: fc.nat(50),
    day: fc.nat(days.length - 1),
    slot: fc.nat(8),
    steps: fc.integer({ min: 1, max: 6 }),
  }),
);

/** Runs one operation; a refusal of the rules is an expected outcome, anything else is a bug. */
async function run(o: Op, made: Array<{ id: string; who: number }>) {
  try {
    if (o.kind === 'room') {
      const r = await svc.create(as(people[o.who]!), ROOMS[o.room]!, {
        date: days[o.day]!,
        from: time(o.slot),
        to: time(o.slot + o.steps),
      });
      for (const id of r.ids) made.push({ id, who: o.who });
    } else if (o.kind === 'desk') {
      const r = await svc.create(as(people[o.who]!), DESKS, { date: days[o.day]! });
      for (const id of r.ids) made.push({ id, who: o.who });
    } else if (made.length > 0) {
      const b = made[o.pick % made.length]!;
      if (o.kind === 'cancel') await svc.cancel(as(people[b.who]!), b.id);
      else {
        const current = await svc.get(as(people[b.who]!), b.id);
        await svc.change(
          as(people[b.who]!),
          b.id,
          current.kind === 'desk'
            ? { date: days[o.day]! }
            : { date: days[o.day]!, from: time(o.slot), to: time(o.slot + o.steps) },
        );
      }
    }
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
  }
}

async function invariants() {
  const db = t.database.db;
  const [overlaps] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from space_booking a join space_booking b
          on a.resource_id = b.resource_id and a.id < b.id
         and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
        where a.kind = 'slot' and b.kind = 'slot'
          and a.status in ('requested','confirmed','checked_in') and b.status in ('requested','confirmed','checked_in')`,
  );
  assert.equal(overlaps?.n, 0, 'no two live room bookings overlap');
  const deskDays = await queryRows<{ day: string; capacity: number; booked: number; live: number }>(
    db,
    sql`select coalesce(d.day, b.day)::text as day, coalesce(d.capacity, -1) as capacity, coalesce(d.booked, 0) as booked,
               count(b.id)::int as live
        from space_desk_day d
        full join (select * from space_booking where kind = 'desk' and status in ('requested','confirmed','checked_in')) b
          on b.resource_id = d.resource_id and b.day = d.day
        group by 1, 2, 3`,
  );
  for (const d of deskDays) {
    assert.ok(d.capacity >= 0, `${d.day}: a live desk booking has its day row`);
    assert.ok(d.live <= d.capacity, `${d.day}: ${d.live} bookings for ${d.capacity} desks`);
    assert.equal(d.booked, d.live, `${d.day}: the counter equals the live bookings`);
  }
  const passes = await queryRows<{ id: string; used: number; live: number }>(
    db,
    sql`select a.id, a.days_used as used,
               (select count(*)::int from space_booking b where b.agreement_id = a.id and b.kind = 'desk'
                  and b.status in ('requested','confirmed','checked_in')) as live
        from space_agreement a where a.days_total is not null`,
  );
  for (const p of passes) assert.equal(p.used, p.live, `pass ${p.id}: days used = live desk bookings`);
}

test('no sequence of book / cancel / change leaves an overlap, a day over capacity or a wrong pass count', async () => {
  let runs = 0;
  let stored = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
      runs++;
      await t.database.db.execute(sql`delete from space_booking`);
      await t.database.db.execute(sql`delete from space_desk_day`);
      await t.database.db.execute(sql`update space_agreement set days_used = 0`);
      const made: Array<{ id: string; who: number }> = [];
      for (const o of ops) await run(o, made);
      stored += made.length;
      await invariants();
    }),
    { numRuns: 100 },
  );
  assert.equal(runs, 100);
  assert.ok(stored > 100, `the generated operations booked something (${stored} bookings)`);
});
