// What several booking use cases read and lock: the resource, its calendar and rules, the booking rows.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows, type Tx } from '../../../db/client.ts';
import type { Locale } from '../../../platform/auth/schema.ts';
import { localized, pick, type Translations } from '../../../platform/content.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import type { LocalDate } from '../../../platform/time/warsaw.ts';
import { type Busy, type Closure, checkDay, type DayStatus } from '../calendar.ts';
import { freeDesksByDay } from '../desks.ts';
import { effectiveRules } from '../rules.ts';
import {
  type BookingRules,
  type BookingStatus,
  type Layout,
  type OpeningHours,
  type ResourceKind,
  spaceBookings,
  spaceResources,
  spaceRuleOverrides,
} from '../schema.ts';
import { type BookingsContext, MINUTE } from './context.ts';
import { bookingSelect, type SelectedBooking } from './views.ts';

/** An event-space request holds the time this long unless staff decide earlier… */
export const HOLD_DAYS = 7;
/** …and never closer than this to the event (the organiser must know where they stand). */
export const HOLD_BEFORE_START_HOURS = 48;

/** When a request made at `t` for an event starting at `start` lapses unless decided. */
export function holdLapsesAt(t: Date, start: Date): Date {
  const byDays = t.getTime() + HOLD_DAYS * 24 * 60 * MINUTE;
  const beforeStart = start.getTime() - HOLD_BEFORE_START_HOURS * 60 * MINUTE;
  return new Date(Math.max(t.getTime(), Math.min(byDays, beforeStart)));
}

export interface ResourceRow {
  id: string;
  slug: string;
  kind: ResourceKind;
  name: string;
  /** The name's translations (the Polish one is `name`). */
  nameI18n: Translations;
  capacity: number;
  layouts: Layout[];
  openingHours: OpeningHours;
  rules: BookingRules;
  active: boolean;
}

/** A resource's name as a mail to a `locale` reader gives it: theirs when given, else the Polish one. */
export const resourceNameIn = (r: { name: string; nameI18n?: unknown }, locale: Locale): string =>
  pick(localized(r.name, r.nameI18n), locale).text;

export interface BookingRow {
  id: string;
  resourceId: string;
  kind: 'desk' | 'slot';
  userId: string;
  organisationId: string | null;
  agreementId: string | null;
  seriesId: string | null;
  day: string | null;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
}

/** The columns of a `ResourceRow`, for every query that reads one. */
export const resourceColumns = {
  id: spaceResources.id,
  slug: spaceResources.slug,
  kind: spaceResources.kind,
  name: spaceResources.name,
  nameI18n: spaceResources.nameI18n,
  capacity: spaceResources.capacity,
  layouts: spaceResources.layouts,
  openingHours: spaceResources.openingHours,
  rules: spaceResources.rules,
  active: spaceResources.active,
};

export async function resourceBySlug(
  svc: BookingsContext,
  slug: string,
  executor: Db | Tx = svc.db,
): Promise<ResourceRow> {
  const [r] = await executor
    .select(resourceColumns)
    .from(spaceResources)
    .where(eq(spaceResources.slug, slug))
    .limit(1);
  if (!r?.active) throw new NotFoundError('resource');
  return r;
}

export async function resourceOf(executor: Db | Tx, resourceId: string): Promise<ResourceRow> {
  const [r] = await executor.select().from(spaceResources).where(eq(spaceResources.id, resourceId)).limit(1);
  if (!r) throw new NotFoundError('resource');
  return r;
}

export async function closuresFor(executor: Db | Tx, resourceId: string, from: LocalDate, to: LocalDate) {
  const rows = await queryRows<Closure>(
    executor,
    sql`select starts_on::text as "from", ends_on::text as "to", reason from space_closure
        where (resource_id = ${resourceId} or resource_id is null)
          and starts_on <= ${to}::date and ends_on >= ${from}::date
        order by starts_on`,
  );
  return rows;
}

export async function busyBetween(
  executor: Db | Tx,
  resourceId: string,
  from: Date,
  to: Date,
  exceptId?: string,
) {
  return queryRows<Busy & { end: Date; status: BookingStatus }>(
    executor,
    sql`select coalesce(blocked_from, starts_at) as "start", ends_at as "end", blocked_until as "blockedUntil", status
        from space_booking
        where resource_id = ${resourceId} and kind = 'slot'
          and status in ('requested', 'confirmed', 'checked_in')
          and tstzrange(blocked_from, blocked_until) && tstzrange(${from}, ${to})
          ${exceptId ? sql`and id <> ${exceptId}` : sql``}
        order by starts_at`,
  ).then((rows) =>
    rows.map((r) => ({
      ...r,
      start: new Date(r.start),
      end: new Date(r.end),
      blockedUntil: new Date(r.blockedUntil),
    })),
  );
}

/** The booker's context for rules: their organisation's kind and the package they book under. */
export async function rulesFor(
  executor: Db | Tx,
  resource: ResourceRow,
  booker: { organisationKind?: string | null; packageId?: string | null },
): Promise<BookingRules> {
  const targets = [];
  if (booker.organisationKind) targets.push(eq(spaceRuleOverrides.organisationKind, booker.organisationKind));
  if (booker.packageId) targets.push(eq(spaceRuleOverrides.packageId, booker.packageId));
  if (targets.length === 0) return resource.rules;
  const overrides = await executor
    .select()
    .from(spaceRuleOverrides)
    .where(and(eq(spaceRuleOverrides.resourceId, resource.id), sql`(${sql.join(targets, sql` or `)})`));
  return effectiveRules(resource.rules, {
    organisationKind: overrides.find((o) => o.organisationKind)?.rules,
    package: overrides.find((o) => o.packageId)?.rules,
  });
}

/** Free desks per day of a pool (desks.ts). */
export function deskFreeByDay(executor: Db | Tx, resource: ResourceRow, from: LocalDate, to: LocalDate) {
  return freeDesksByDay(executor, resource, from, to);
}

/**
 * Serialises the writes of one room's time ranges. The exclusion constraint alone keeps them
 * apart, but it checks after inserting: two transactions inserting clashing ranges at the same
 * moment each wait for the other, and PostgreSQL breaks the tie with a deadlock error. Taken
 * first, this lock makes the later one see the earlier one's booking and be refused as "taken".
 */
export async function lockRoomRanges(tx: Tx, resourceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`space-slots:${resourceId}`}, 0))`);
}

export function checkDeskDay(day: DayStatus, rules: BookingRules, t: Date) {
  checkDay(day, rules, t);
  if (day.open && day.closesAt.getTime() <= t.getTime()) throw new RuleError('past', 'date');
}

export async function loadBooking(executor: Db | Tx, id: string): Promise<SelectedBooking> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('booking');
  const [row] = await executor
    .select(bookingSelect)
    .from(spaceBookings)
    .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
    .where(eq(spaceBookings.id, id))
    .limit(1);
  if (!row) throw new NotFoundError('booking');
  return row as SelectedBooking;
}

/** Locks the bookings a condition selects, as plain rows (soonest first). */
export async function lockBookings(tx: Tx, where: ReturnType<typeof sql>): Promise<BookingRow[]> {
  const rows = await queryRows<BookingRow>(
    tx,
    sql`select id, resource_id as "resourceId", kind, user_id as "userId", organisation_id as "organisationId",
               agreement_id as "agreementId", series_id as "seriesId", day::text as day,
               starts_at as "startsAt", ends_at as "endsAt", status
        from space_booking where ${where} order by starts_at for update`,
  );
  return rows.map((row) => ({ ...row, startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) }));
}

export async function lockBooking(tx: Tx, id: string): Promise<BookingRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('booking');
  const [row] = await lockBookings(tx, sql`id = ${id}`);
  if (!row) throw new NotFoundError('booking');
  return row;
}

/** Locks a booking being changed; refused if someone changed it since the person saw it. */
export async function lockUnchanged(tx: Tx, seen: { id: string; status: BookingStatus; startsAt: Date }) {
  const b = await lockBooking(tx, seen.id);
  if (b.status !== seen.status || b.startsAt.getTime() !== seen.startsAt.getTime())
    throw new RuleError('changedMeanwhile', undefined, 409);
  return b;
}
