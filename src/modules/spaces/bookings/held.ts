// Bookings another module holds for something of its own (the events module: an event's room).
// That module checks its own policy (who may cancel or move the event); the booking itself was made
// through `create` like any other, by the person who acted, and goes to staff like any other.
import { inArray } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import type { ActorContext } from '../../../platform/context.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { type BookingStatus, liveStatuses, spaceBookings } from '../schema.ts';
import { release } from './allowance.ts';
import type { BookingsContext } from './context.ts';
import { describeWhen, mailTo } from './notify.ts';
import { lockBooking, resourceNameIn, resourceOf } from './shared.ts';

/** The state of each booking asked for (no personal data): for the holder's own screens. */
export async function heldStates(
  svc: BookingsContext,
  ids: readonly string[],
): Promise<Map<string, { status: BookingStatus; decisionReason: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await svc.db
    .select({
      id: spaceBookings.id,
      status: spaceBookings.status,
      decisionReason: spaceBookings.decisionReason,
    })
    .from(spaceBookings)
    .where(inArray(spaceBookings.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { status: r.status, decisionReason: r.decisionReason }]));
}

/**
 * Withdraws a booking its holder no longer needs (the event cancelled, moved or rejected): cancelled
 * whatever the booking's own deadline, the time free again at once, its booker told with the reason.
 * A booking no longer live (declined, cancelled, over) is left as it is; whether it was withdrawn.
 */
export async function withdrawHeld(
  svc: BookingsContext,
  ctx: ActorContext<PolicyActor>,
  id: string,
  reason: string,
): Promise<boolean> {
  return svc.write(async (tx) => {
    const b = await lockBooking(tx, id);
    if (!liveStatuses.includes(b.status) || b.status === 'checked_in' || b.endsAt <= ctx.now) return false;
    const resource = await resourceOf(tx, b.resourceId);
    await tx
      .update(spaceBookings)
      .set({ status: 'cancelled', cancelledAt: ctx.now, cancelReason: reason, updatedAt: ctx.now })
      .where(inArray(spaceBookings.id, [id]));
    await release(svc, tx, b, true);
    await audit(tx, auditActor(ctx.actor, ctx), {
      action: 'space_booking.cancelled',
      entityType: 'space_booking',
      entityId: id,
      before: { status: b.status },
      after: { status: 'cancelled', reason },
    });
    await mailTo(tx, b.userId, (u) => ({
      to: u.email,
      name: u.name,
      locale: u.locale,
      userId: b.userId,
      template: 'bookingCancelled',
      args: [resourceNameIn(resource, u.locale), describeWhen(u.locale, b), reason, svc.mineUrl],
    }));
    return true;
  });
}
