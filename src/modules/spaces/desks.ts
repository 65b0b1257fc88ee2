// Desk capacity per day. Every change to the number of desks taken on a day goes through the
// day's space_desk_day row, under its row lock, in the caller's transaction; the row's CHECK
// (booked <= capacity) is the last line of defence.
import { sql } from 'drizzle-orm';
import { queryRows as rows, type Tx } from '../../db/client.ts';
import { RuleError } from '../../platform/http/errors.ts';
import type { LocalDate } from '../../platform/time/warsaw.ts';

type Executor = Pick<Tx, 'execute'>;

/**
 * Creates the day rows that do not exist yet. A new row's capacity is the pool's size less the
 * desks fixed for agreements accepted (and not ended) on that day.
 */
export async function ensureDeskDays(tx: Executor, resourceId: string, from: LocalDate, to: LocalDate) {
  await tx.execute(sql`
    insert into space_desk_day (resource_id, day, capacity, booked)
    select r.id, d::date,
           greatest(r.capacity - (
             select count(*) from space_agreement a join space_desk k on k.id = a.desk_id
             where k.resource_id = r.id and a.status = 'accepted' and d::date between a.starts_on and a.ends_on
           ), 0), 0
    from space_resource r, generate_series(${from}::date, ${to}::date, interval '1 day') d
    where r.id = ${resourceId}
    on conflict (resource_id, day) do nothing`);
}

/** Takes one desk on a day for a day booking; refused (code 'full') when every desk is taken. */
export async function takeDesk(tx: Executor, resourceId: string, day: LocalDate): Promise<void> {
  await ensureDeskDays(tx, resourceId, day, day);
  const taken = await rows<{ booked: number }>(
    tx,
    sql`update space_desk_day set booked = booked + 1
        where resource_id = ${resourceId} and day = ${day} and booked < capacity
        returning booked`,
  );
  if (taken.length === 0) throw new RuleError('full', 'date', 409);
}

/** Gives back one desk of a day (a day booking cancelled, declined or released). */
export async function returnDesk(tx: Executor, resourceId: string, day: LocalDate): Promise<void> {
  await tx.execute(sql`
    update space_desk_day set booked = booked - 1
    where resource_id = ${resourceId} and day = ${day} and booked > 0`);
}

/**
 * A desk fixed for an agreement leaves the day-booking pool over the period [from, to]. Refused
 * (code 'fixedDeskDaysFull', with the days) when some day already has every remaining desk booked.
 */
export async function reserveFixedDesk(tx: Executor, resourceId: string, from: LocalDate, to: LocalDate) {
  await ensureDeskDays(tx, resourceId, from, to);
  const locked = await rows<{ day: string; capacity: number; booked: number }>(
    tx,
    sql`select day::text as day, capacity, booked from space_desk_day
        where resource_id = ${resourceId} and day between ${from}::date and ${to}::date
        order by day for update`,
  );
  const full = locked.filter((d) => d.booked > d.capacity - 1).map((d) => d.day);
  if (full.length > 0) throw new RuleError('fixedDeskDaysFull', 'deskId', 409, { days: full });
  await tx.execute(sql`
    update space_desk_day set capacity = capacity - 1
    where resource_id = ${resourceId} and day between ${from}::date and ${to}::date`);
}

/** A fixed desk returns to the pool over [from, to] (agreement ended early or refused). */
export async function releaseFixedDesk(tx: Executor, resourceId: string, from: LocalDate, to: LocalDate) {
  if (from > to) return;
  await tx.execute(sql`
    update space_desk_day set capacity = capacity + 1
    where resource_id = ${resourceId} and day between ${from}::date and ${to}::date`);
}

/** Free desks per day of a pool over [from, to] (days without a row yet: the pool less fixed desks). */
export async function freeDesksByDay(
  executor: Executor,
  resource: { id: string; capacity: number },
  from: LocalDate,
  to: LocalDate,
): Promise<Map<LocalDate, number>> {
  const found = await rows<{ day: string; free: number }>(
    executor,
    sql`select d::date::text as day,
               coalesce(dd.capacity - dd.booked, greatest(${resource.capacity} - (
                 select count(*) from space_agreement a join space_desk k on k.id = a.desk_id
                 where k.resource_id = ${resource.id} and a.status = 'accepted' and d::date between a.starts_on and a.ends_on
               ), 0))::int as free
        from generate_series(${from}::date, ${to}::date, interval '1 day') d
        left join space_desk_day dd on dd.resource_id = ${resource.id} and dd.day = d::date`,
  );
  return new Map(found.map((r) => [r.day, Number(r.free)]));
}
