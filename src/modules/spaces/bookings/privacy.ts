import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import type { PersonalDataContributor } from '../../../platform/privacy.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { returnDesk } from '../desks.ts';
import type { BookingRow } from './shared.ts';

/** The spaces module's part of "download my data" and "delete my account". */
export function spacesPrivacy(db: Db, clock: Clock): PersonalDataContributor {
  return {
    name: 'spaces',
    async exportFor(userId) {
      const [bookings, agreements] = await Promise.all([
        queryRows(
          db,
          sql`select b.id, r.name as resource, b.kind, b.day::text as day, b.starts_at, b.ends_at, b.status, b.title,
                     b.attendees, b.notes, b.created_at, b.cancelled_at, b.cancel_reason, b.decision_reason
              from space_booking b join space_resource r on r.id = b.resource_id
              where b.user_id = ${userId} order by b.starts_at`,
        ),
        queryRows(
          db,
          sql`select a.id, a.number, p.name as package, a.status, a.applicant_kind, a.starts_on::text as starts_on,
                     a.ends_on::text as ends_on, a.days_total, a.days_used, a.price_grosze, a.message, a.decision_reason,
                     a.created_at, a.concluded_at, a.ended_at, a.end_reason
              from space_agreement a join space_package p on p.id = a.package_id
              where a.user_id = ${userId} order by a.created_at`,
        ),
      ]);
      return { bookings, agreements };
    },
    async eraseFor(userId, tx) {
      // Future bookings give their desk back; then every booking and the calendar feed go.
      // Agreements are contracts the city must keep: they stay, tied to the anonymised account.
      const future = await queryRows<BookingRow>(
        tx,
        sql`select id, resource_id as "resourceId", kind, day::text as day, agreement_id as "agreementId"
            from space_booking where user_id = ${userId} and status in ('requested','confirmed','checked_in')
              and kind = 'desk' and ends_at > ${clock.now()} for update`,
      );
      for (const b of future) if (b.day) await returnDesk(tx, b.resourceId, b.day);
      await tx.execute(sql`delete from space_booking where user_id = ${userId}`);
      await tx.execute(sql`delete from space_feed where user_id = ${userId}`);
    },
  };
}
