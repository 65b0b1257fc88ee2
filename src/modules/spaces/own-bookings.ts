// A person's own live bookings of one resource over some days: the calendar marks them as
// "your booking" (with a link) instead of "busy", and the desk calendar as "booked by you".
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { addDays, type LocalDate, warsawInstant } from '../../platform/time/warsaw.ts';

export interface OwnBooking {
  id: string;
  day: LocalDate | null;
  start: Date;
  end: Date;
}

export async function ownBookingsIn(
  db: Db,
  userId: string,
  resourceId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<OwnBooking[]> {
  const rows = await queryRows<{ id: string; day: string | null; start: Date; end: Date }>(
    db,
    sql`select id, day::text as day, starts_at as "start", ends_at as "end" from space_booking
        where user_id = ${userId} and resource_id = ${resourceId}
          and status in ('requested', 'confirmed', 'checked_in')
          and starts_at < ${warsawInstant(addDays(to, 1), '00:00')} and ends_at > ${warsawInstant(from, '00:00')}
        order by starts_at, id
        limit 500`,
  );
  return rows.map((r) => ({ id: r.id, day: r.day, start: new Date(r.start), end: new Date(r.end) }));
}
