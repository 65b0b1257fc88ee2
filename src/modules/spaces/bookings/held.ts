// Bookings another module holds for something of its own (the events module: an event's room).
// That module checks its own policy (who may cancel or move the event); the booking itself was made
// through `create` like any other, by the person who acted, and goes to staff like any other.
import { inArray } from 'drizzle-orm';
import type { ActorContext } from '../../../platform/context.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { type BookingStatus, liveStatuses, spaceBookings } from '../schema.ts';
import type { BookingsContext } from './context.ts';
import { cancelLocked } from './own.ts';
import { lockBooking, resourceOf } from './shared.ts';

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
    await cancelLocked(svc, tx, ctx, b, await resourceOf(tx, b.resourceId), reason, true);
    return true;
  });
}
