// The jobs: releasing no-shows, lapsing holds, sending reminders.
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.ts';
import { spaceBookings } from '../schema.ts';
import { release } from './allowance.ts';
import type { BookingsContext } from './context.ts';
import { describeWhen, mailTo } from './notify.ts';
import { type BookingRow, resourceNameIn } from './shared.ts';

/**
 * The two jobs below in common: in one transaction, locks the due bookings `due` selects (skipping
 * any another node holds), marks each released and then does what follows for it (`then`: give
 * back what it held, tell the person). Returns how many were released.
 */
async function releaseDue<R extends BookingRow>(
  svc: BookingsContext,
  due: ReturnType<typeof sql>,
  then: (tx: Tx, b: R) => Promise<void>,
): Promise<number> {
  return svc.write(async (tx) => {
    const rows = await queryRows<R>(tx, due);
    for (const raw of rows) {
      const b = { ...raw, startsAt: new Date(raw.startsAt), endsAt: new Date(raw.endsAt) };
      await tx
        .update(spaceBookings)
        .set({ status: 'released', updatedAt: svc.now() })
        .where(eq(spaceBookings.id, b.id));
      await then(tx, b);
    }
    return rows.length;
  });
}

/**
 * Releases confirmed bookings nobody checked in for by their check-in deadline (a job runs it
 * every few minutes). The desk returns to the pool and the pass day drawn is given back; the
 * person is told both. Returns how many were released.
 */
export async function releaseNoShows(svc: BookingsContext): Promise<number> {
  const t = svc.now();
  return releaseDue<BookingRow & { resourceName: string; resourceNameI18n: unknown }>(
    svc,
    sql`select b.id, b.resource_id as "resourceId", b.kind, b.user_id as "userId", b.organisation_id as "organisationId",
               b.agreement_id as "agreementId", b.series_id as "seriesId", b.day::text as day,
               b.starts_at as "startsAt", b.ends_at as "endsAt", b.status, r.name as "resourceName",
               r.name_i18n as "resourceNameI18n"
        from space_booking b join space_resource r on r.id = b.resource_id
        where b.status = 'confirmed' and b.check_in_until is not null and b.check_in_until < ${t}
        order by b.check_in_until
        limit 500
        for update of b skip locked`,
    async (tx, b) => {
      const dayReturned = await release(svc, tx, b, true);
      if (b.endsAt > t || dayReturned)
        await mailTo(tx, b.userId, (u) => ({
          to: u.email,
          name: u.name,
          locale: u.locale,
          userId: b.userId,
          template: 'bookingReleased',
          args: [
            resourceNameIn({ name: b.resourceName, nameI18n: b.resourceNameI18n }, u.locale),
            describeWhen(u.locale, b),
            svc.mineUrl,
            dayReturned,
          ],
        }));
    },
  );
}

/**
 * Frees requests whose tentative hold lapsed before staff decided (a job runs it every few
 * minutes): the time is free again and the person is told. Returns how many lapsed.
 */
export async function lapseHolds(svc: BookingsContext): Promise<number> {
  const t = svc.now();
  return releaseDue<BookingRow & { resourceName: string; resourceNameI18n: unknown; resourceSlug: string }>(
    svc,
    sql`select b.id, b.kind, b.user_id as "userId", b.starts_at as "startsAt", b.ends_at as "endsAt",
               b.status, r.name as "resourceName", r.name_i18n as "resourceNameI18n", r.slug as "resourceSlug"
        from space_booking b join space_resource r on r.id = b.resource_id
        where b.status = 'requested' and b.hold_until is not null and b.hold_until <= ${t}
        order by b.hold_until
        limit 500
        for update of b skip locked`,
    async (tx, b) => {
      await mailTo(tx, b.userId, (u) => ({
        to: u.email,
        name: u.name,
        locale: u.locale,
        userId: b.userId,
        template: 'bookingLapsed',
        args: [
          resourceNameIn({ name: b.resourceName, nameI18n: b.resourceNameI18n }, u.locale),
          describeWhen(u.locale, b),
          `${svc.baseUrl}/przestrzenie/${b.resourceSlug}`,
        ],
      }));
    },
  );
}

/** Sends the reminder of one booking, if it still stands at the time it was planned for. */
export async function remind(svc: BookingsContext, bookingId: string, startsAt: string): Promise<void> {
  await svc.write(async (tx) => {
    const [b] = await queryRows<BookingRow & { resourceName: string; resourceNameI18n: unknown }>(
      tx,
      sql`select b.id, b.kind, b.user_id as "userId", b.starts_at as "startsAt", b.ends_at as "endsAt", b.status,
                 r.name as "resourceName", r.name_i18n as "resourceNameI18n"
          from space_booking b join space_resource r on r.id = b.resource_id where b.id = ${bookingId}`,
    );
    if (b?.status !== 'confirmed' || new Date(b.startsAt).toISOString() !== startsAt) return;
    const booking = { ...b, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) };
    // A reminder that comes late (the worker was stopped) is no reminder once the booking began.
    if (booking.startsAt <= svc.now()) return;
    await mailTo(tx, b.userId, (u) => ({
      to: u.email,
      name: u.name,
      locale: u.locale,
      userId: b.userId,
      template: 'bookingReminder',
      args: [
        resourceNameIn({ name: b.resourceName, nameI18n: b.resourceNameI18n }, u.locale),
        describeWhen(u.locale, booking),
        svc.bookingUrl(b.id),
      ],
    }));
  });
}
