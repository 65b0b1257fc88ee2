// Check-in: by staff at the desk, or by the person with the QR code of their booking.
import { timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../../db/client.ts';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { todayInWarsaw, warsawDate } from '../../../platform/time/warsaw.ts';
import { bookingPolicy } from '../policy.ts';
import { type BookingStatus, spaceBookings, spaceResources } from '../schema.ts';
import {
  type BookingsContext,
  CHECK_IN_EARLY_MS,
  CHECK_IN_TOKEN_SHAPE,
  hashCheckInToken,
} from './context.ts';
import { lockBooking } from './shared.ts';
import { type BookingView, bookingSelect, type SelectedBooking, toViews } from './views.ts';

/** Where a self check-in stands: possible now, or why not. */
export type CheckInState =
  | 'open'
  | 'tooEarly'
  | 'tooLate'
  | 'checkedIn'
  | 'cancelled'
  | 'released'
  | 'notConfirmed'
  | 'notYours';

/** The booking a self check-in token opens; an unknown or malformed token is "not found". */
async function bookingByToken(
  svc: BookingsContext,
  executor: Db | Tx,
  token: string,
): Promise<SelectedBooking> {
  if (!CHECK_IN_TOKEN_SHAPE.test(token)) throw new NotFoundError('booking');
  const [row] = await executor
    .select(bookingSelect)
    .from(spaceBookings)
    .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
    .where(eq(spaceBookings.checkInTokenHash, hashCheckInToken(token)))
    .limit(1);
  // The hash matched; the token is also compared with the one we issue, in constant time.
  if (!row || !timingSafeEqual(Buffer.from(svc.checkInToken(row.id)), Buffer.from(token)))
    throw new NotFoundError('booking');
  return row as SelectedBooking;
}

function checkInStateOf(
  b: { status: BookingStatus; startsAt: Date; endsAt: Date; checkInUntil: Date | null },
  t: Date,
): Exclude<CheckInState, 'notYours'> {
  if (b.status === 'checked_in') return 'checkedIn';
  if (b.status === 'released') return 'released';
  if (b.status === 'cancelled' || b.status === 'declined') return 'cancelled';
  if (b.status !== 'confirmed') return 'notConfirmed';
  if (t.getTime() < b.startsAt.getTime() - CHECK_IN_EARLY_MS) return 'tooEarly';
  if (t >= (b.checkInUntil ?? b.endsAt)) return 'tooLate';
  return 'open';
}

/** Staff confirm the person came (from the day the booking starts until it ends). */
export async function checkIn(svc: BookingsContext, ctx: ActorContext, id: string): Promise<void> {
  const actor = ctx.actor;
  bookingPolicy.check(actor, 'decide', null);
  await svc.write(async (tx) => {
    const b = await lockBooking(tx, id);
    if (b.status !== 'confirmed') throw new RuleError('notCheckable', undefined, 409);
    const t = ctx.now;
    if (warsawDate(b.startsAt) > todayInWarsaw(t) || b.endsAt <= t)
      throw new RuleError('notCheckable', undefined, 409);
    await tx
      .update(spaceBookings)
      .set({ status: 'checked_in', checkedInAt: t, checkedInBy: actor.id, updatedAt: t })
      .where(eq(spaceBookings.id, id));
    await audit(tx, auditActor(actor, ctx), {
      action: 'space_booking.checked_in',
      entityType: 'space_booking',
      entityId: id,
      before: { status: b.status },
      after: { status: 'checked_in' },
    });
  });
}

/**
 * What opening a self check-in link would do for this person now: the booking (when it is
 * theirs) and whether check-in is open, or why not. An unknown token is "not found".
 */
export async function checkInPreview(
  svc: BookingsContext,
  ctx: ActorContext,
  token: string,
): Promise<{ state: CheckInState; booking: BookingView | null }> {
  const actor = ctx.actor;
  const row = await bookingByToken(svc, svc.db, token);
  if (row.userId !== actor.id) return { state: 'notYours', booking: null };
  const [view] = await toViews(svc, ctx, [row]);
  return { state: checkInStateOf(row, ctx.now), booking: view! };
}

/**
 * Self check-in: the booking's person, with the token from its QR code, within the window
 * (from CHECK_IN_EARLY_MS before the start until the check-in deadline). Refused with the
 * state's code otherwise; checking in twice is refused as already checked in.
 */
export async function selfCheckIn(svc: BookingsContext, ctx: ActorContext, token: string): Promise<string> {
  const actor = ctx.actor;
  const t = ctx.now;
  return svc.write(async (tx) => {
    const found = await bookingByToken(svc, tx, token);
    const b = await lockBooking(tx, found.id);
    if (b.userId !== actor.id) throw new RuleError('checkIn_notYours', undefined, 403);
    const [row] = await queryRows<{ checkInUntil: Date | null; checkedInAt: Date | null }>(
      tx,
      sql`select check_in_until as "checkInUntil", checked_in_at as "checkedInAt" from space_booking where id = ${b.id}`,
    );
    const checkInUntil = row?.checkInUntil ? new Date(row.checkInUntil) : null;
    const state = checkInStateOf({ ...b, checkInUntil }, t);
    if (state !== 'open')
      throw new RuleError(`checkIn_${state}`, undefined, 409, {
        opensAt: new Date(b.startsAt.getTime() - CHECK_IN_EARLY_MS),
        closesAt: checkInUntil ?? b.endsAt,
        checkedInAt: row?.checkedInAt ? new Date(row.checkedInAt) : null,
      });
    await tx
      .update(spaceBookings)
      .set({ status: 'checked_in', checkedInAt: t, checkedInBy: actor.id, updatedAt: t })
      .where(eq(spaceBookings.id, b.id));
    return b.id;
  });
}
