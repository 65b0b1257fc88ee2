// The spaces module's benchmark data and scenarios: 50 bookable resources (the demo desk pool,
// rooms and event space, plus 45 rooms) and 100,000 past and future room bookings that never
// overlap, written with a few bulk statements; bench people with live sessions; and the slots
// the booking-creation scenario takes, each free and distinct.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { SESSION_COOKIE, sessionCookieName } from '../src/platform/auth/auth.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { isWorkingDay } from '../src/platform/time/holidays.ts';
import { addDays, isoWeek, type LocalDate, todayInWarsaw, weekStart } from '../src/platform/time/warsaw.ts';
import { createSignedInPeople } from '../test/support/app.ts';

export const BENCH_ROOMS = 45;
export const BENCH_BOOKINGS = 100_000;
export const BENCH_PEOPLE = 2_000;
/** Booked days of the seeded rooms: from this many days back to this many ahead. */
const PAST_DAYS = 320;
const FUTURE_DAYS = 120;
/** The booking scenario books from here on (nothing is seeded there). */
const FREE_FROM_DAYS = FUTURE_DAYS + 5;
const HORIZON_DAYS = 400;

export const benchRoom = (i: number) => `bench-sala-${String(i + 1).padStart(2, '0')}`;
/** The resource whose week of availability and calendar page are measured. */
export const BUSY_ROOM = benchRoom(0);

export interface SpacesBench {
  /** Cookie headers of the bench people, as the app in production reads them (their sessions are rows). */
  cookies: string[];
  /** The bench people's user ids, in the order of their cookies. */
  people: string[];
  /** A week inside the seeded range, as the calendar page takes it (YYYY-Www) and as a date range. */
  week: { iso: string; from: LocalDate; to: LocalDate };
}

/**
 * Seeds the spaces benchmark data into a migrated database that already has the demo data
 * (zones, the demo resources). Returns what the scenarios need.
 */
export async function seedSpacesBench(database: Database, secret: string): Promise<SpacesBench> {
  const db = database.db;
  const people = await createSignedInPeople(db, secret, BENCH_PEOPLE, { prefix: 'bench' });
  const rules = {
    minMinutes: 60,
    maxMinutes: 240,
    stepMinutes: 60,
    minNoticeMinutes: 0,
    horizonDays: HORIZON_DAYS,
    cancelHours: 24,
    bufferMinutes: 0,
    approval: false,
    perPersonWeek: null,
    perOrganisationWeek: null,
    checkInGraceMinutes: null,
  };
  await db.execute(sql`
    insert into space_resource (id, zone_id, slug, kind, name, description, capacity, equipment, accessibility,
                                layouts, photos, opening_hours, rules, position)
    select gen_random_uuid(), z.id, 'bench-sala-' || lpad(i::text, 2, '0'), 'room', 'Sala testowa ' || i,
           'Sala do pomiarów wydajności.', 10, '["Wi-Fi"]'::jsonb, '', '[]'::jsonb, '[]'::jsonb,
           r.opening_hours, ${JSON.stringify(rules)}::jsonb, 100 + i
    from generate_series(1, ${BENCH_ROOMS}::int) i,
         (select id from place_zone where slug = 'strefa-innowacji-spolecznych') z,
         (select opening_hours from space_resource where slug = 'pomieszczenie-b2b') r`);
  // Seven bookings a working day in every bench room (eight in the first fifteen), none
  // overlapping: past ones checked in, future ones confirmed. Cut at exactly 100,000.
  const slots: Array<[number, number]> = [
    [8, 9],
    [9, 11],
    [11, 12],
    [13, 14],
    [14, 16],
    [16, 17],
    [18, 19],
    [19, 20],
  ];
  const slotValues = sql.join(
    slots.map(([a, b], i) => sql`(${i}::int, ${a}::int, ${b}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, title, created_at)
    select gen_random_uuid(), r.id, 'slot', 'bench-' || ${people[0]!.id.split('-')[1]!} || '-' || ((row_number() over ()) % ${BENCH_PEOPLE}::int),
           (d + make_interval(hours => s.a)) at time zone 'Europe/Warsaw',
           (d + make_interval(hours => s.b)) at time zone 'Europe/Warsaw',
           (d + make_interval(hours => s.b)) at time zone 'Europe/Warsaw',
           case when d < current_date then 'checked_in' else 'confirmed' end,
           'Spotkanie', now()
    from space_resource r
    cross join generate_series(current_date - ${PAST_DAYS}::int, current_date + ${FUTURE_DAYS}::int, interval '1 day') d
    cross join (values ${slotValues}) as s(i, a, b)
    where r.slug like 'bench-sala-%' and extract(isodow from d) < 6
      and (s.i < 7 or r.position < 116)
    limit ${BENCH_BOOKINGS}::int`);
  await db.execute(sql`analyze`);
  const monday = weekStart(addDays(todayInWarsaw(systemClock.now()), 14));
  // The app runs in production mode, where only the __Host- session cookie counts.
  const cookies = people.map((p) => {
    if (!p.cookie.startsWith(`${SESSION_COOKIE}=`)) throw new Error(`unexpected cookie ${p.cookie}`);
    return `${sessionCookieName(true)}${p.cookie.slice(SESSION_COOKIE.length)}`;
  });
  return {
    cookies,
    people: people.map((p) => p.id),
    week: { iso: isoWeek(monday), from: monday, to: addDays(monday, 6) },
  };
}

/**
 * The n-th free slot of the booking scenario: consecutive requests go to different rooms, then
 * different hours, then the next working day — all beyond the seeded bookings and distinct.
 */
export function slotSequence(): (n: number) => {
  resource: string;
  date: LocalDate;
  from: string;
  to: string;
} {
  const days: LocalDate[] = [];
  for (
    let d = addDays(todayInWarsaw(systemClock.now()), FREE_FROM_DAYS);
    days.length < 200;
    d = addDays(d, 1)
  )
    if (isWorkingDay(d) && d <= addDays(todayInWarsaw(systemClock.now()), HORIZON_DAYS - 1)) days.push(d);
    else if (d > addDays(todayInWarsaw(systemClock.now()), HORIZON_DAYS)) break;
  const hours = 12;
  return (n) => {
    const room = n % BENCH_ROOMS;
    const hour = 8 + (Math.floor(n / BENCH_ROOMS) % hours);
    const day = days[Math.floor(n / (BENCH_ROOMS * hours)) % days.length]!;
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return { resource: benchRoom(room), date: day, from: hh(hour), to: hh(hour + 1) };
  };
}

/**
 * Paths of week-availability requests that never repeat within a run: rooms, then weeks of the
 * seeded range, then the weekday the range starts on — so the short-lived answer cache misses.
 */
export function availabilityPaths(): (n: number) => string {
  const firstMonday = weekStart(addDays(todayInWarsaw(systemClock.now()), -300));
  return (n) => {
    const room = benchRoom(n % BENCH_ROOMS);
    const week = Math.floor(n / BENCH_ROOMS) % 60;
    const shift = Math.floor(n / (BENCH_ROOMS * 60)) % 7;
    const from = addDays(firstMonday, week * 7 + shift);
    return `/api/v1/spaces/resources/${room}/availability?from=${from}&to=${addDays(from, 6)}`;
  };
}

/**
 * Paths of calendar pages that do not repeat within several seconds: rooms, then the weeks from
 * this one to the end of the booking horizon — more distinct pages than the 2-second availability
 * and grid caches hold (1,000 and 500 entries), so those miss.
 */
export function calendarPaths(): (n: number) => string {
  const thisMonday = weekStart(todayInWarsaw(systemClock.now()));
  const weeks = Math.floor(HORIZON_DAYS / 7) - 1;
  return (n) => {
    const room = benchRoom(n % BENCH_ROOMS);
    const week = Math.floor(n / BENCH_ROOMS) % weeks;
    return `/przestrzenie/${room}?tydzien=${isoWeek(addDays(thisMonday, week * 7))}`;
  };
}
