// Test set-up for the spaces module: the cluster's zones and the demo resources and packages, an
// accepted agreement for a person, and the next days a booking rule allows.
import { sql } from 'drizzle-orm';
import { testClock } from '../../../test/support/clock.ts';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { isWorkingDay } from '../../platform/time/holidays.ts';
import { addDays, type LocalDate, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { organisationsService } from '../organisations/service.ts';
import { placesService } from '../places/service.ts';
import { bookingsService } from './bookings/index.ts';
import { seedSpaces } from './seed.ts';

/** The demo site, its zones and the spaces module's demo resources and packages. */
export async function seedTestSpaces(database: Database): Promise<void> {
  const [existing] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from place_zone`,
  );
  if (Number(existing?.n) === 0) {
    const site = uuidv7();
    const building = uuidv7();
    await database.db.execute(sql`insert into place_site (id, slug, name, address, description)
      values (${site}, 'zablocie-20-22', 'Klaster Zabłocie 20.22', 'ul. Zabłocie 20–22, Kraków', '')`);
    await database.db.execute(sql`insert into place_building (id, site_id, code, name, description)
      values (${building}, ${site}, 'A', 'Budynek A — Zabłocie Space', '')`);
    for (const [i, [slug, kind]] of [
      ['zablocie-space-wydarzenia', 'event_space'],
      ['strefa-przedsiebiorczosci-kreatywna', 'coworking'],
      ['strefa-innowacji-spolecznych', 'social_innovation'],
      ['centrum-obywatelskie', 'civic_centre'],
    ].entries())
      await database.db.execute(sql`insert into place_zone (id, building_id, slug, kind, name, description, position)
        values (${uuidv7()}, ${building}, ${slug}, ${kind}, ${slug}, '', ${i})`);
  }
  const zones = await queryRows<{ id: string; slug: string }>(
    database.db,
    sql`select id, slug from place_zone`,
  );
  await seedSpaces(database.db, new Map(zones.map((z) => [z.slug, z.id])));
}

/** An accepted agreement on a package (by slug) for a person, covering [from, to]. */
export async function giveAgreement(
  database: Database,
  userId: string,
  opts: { packageSlug?: string; from?: LocalDate; to?: LocalDate } = {},
): Promise<string> {
  const id = uuidv7();
  const from = opts.from ?? todayInWarsaw(testClock.now());
  const to = opts.to ?? addDays(from, 90);
  await database.db.execute(sql`
    insert into space_agreement (id, number, user_id, applicant_kind, package_id, status, starts_on, ends_on,
                                 days_total, price_grosze, concluded_at, decided_at)
    select ${id}, ${`TEST/${id.slice(-12)}`}, ${userId}, 'standard', p.id, 'accepted', ${from}::date, ${to}::date,
           p.days, p.price_grosze, now(), now()
    from space_package p where p.slug = ${opts.packageSlug ?? 'hot-desk-miesieczny'}`);
  return id;
}

/** Working days (Monday–Friday, not a public holiday) from `from` on: when the demo resources are open. */
export function openDays(
  count: number,
  from: LocalDate = addDays(todayInWarsaw(testClock.now()), 8),
): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; out.length < count; d = addDays(d, 1)) if (isWorkingDay(d)) out.push(d);
  return out;
}

/**
 * The first working day from `from` on whose next `weeks` weekly occurrences are all working days:
 * where a weekly series of a test meets only the clashes the test arranges, whatever today is.
 */
export function seriesStart(weeks: number, from: LocalDate): LocalDate {
  for (let d = from; ; d = addDays(d, 1)) {
    if (Array.from({ length: weeks }, (_, i) => addDays(d, 7 * i)).every(isWorkingDay)) return d;
  }
}

/** People who book (rows of auth_user without credentials: the service is driven directly). */
export async function testPeople(
  database: Database,
  n: number,
  role: 'resident' | 'staff' = 'resident',
): Promise<
  Array<{
    id: string;
    name: string;
    email: string;
    role: 'resident' | 'staff';
    locale: 'pl';
  }>
> {
  const people = Array.from({ length: n }, (_, i) => {
    const id = uuidv7();
    return {
      id,
      name: `Osoba ${i + 1}`,
      email: `osoba-${id}@example.test`,
      role,
      locale: 'pl' as const,
    };
  });
  for (const p of people)
    await database.db.execute(sql`insert into auth_user (id, name, email, email_verified, role)
      values (${p.id}, ${p.name}, ${p.email}, true, ${role})`);
  return people;
}

/**
 * A booking service of a test's own, over the test database, built with its dependencies as the
 * spaces module builds it (its own short caches, so a test's direct writes are not hidden).
 */
export function testBookingsService(
  db: Database['db'],
  baseUrl = 'http://localhost',
  clock: Clock = testClock,
) {
  const places = placesService(db);
  return bookingsService({
    db,
    places,
    baseUrl,
    organisations: organisationsService({ places, db, baseUrl }),
    clock,
  });
}
