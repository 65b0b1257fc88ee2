// The person's own bookings: reading, cancelling, changing.

import { and, asc, desc, eq, gt, inArray, lt, not, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Tx, violatedConstraint } from '../../../db/client.ts';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { cursorCodec, cursorInstant } from '../../../platform/cursor.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { isStaff, type PolicyActor } from '../../../platform/policy.ts';
import { checkSlot, dayStatus, parseRange } from '../calendar.ts';
import { takeDesk } from '../desks.ts';
import { bookingPolicy } from '../policy.ts';
import { checkInDeadline } from '../rules.ts';
import { liveStatuses, spaceBookings, spaceResources } from '../schema.ts';
import { checkQuota, drawDay, release, usableAgreement } from './allowance.ts';
import { withAlternatives } from './alternatives.ts';
import { type BookingsContext, MINUTE } from './context.ts';
import type { ChangeInput } from './input.ts';
import { describeWhen, mailTo, scheduleReminder } from './notify.ts';
import {
  checkDeskDay,
  closuresFor,
  holdLapsesAt,
  loadBooking,
  lockBooking,
  lockRoomRanges,
  lockUnchanged,
  type ResourceRow,
  resourceNameIn,
  resourceOf,
  rulesFor,
} from './shared.ts';
import { type BookingView, bookingSelect, type SelectedBooking, toViews } from './views.ts';

export const PAGE_SIZE = 20;

/** Several bookings at once (a series just made), for their author or staff, in the order asked. */
export async function getMany(
  svc: BookingsContext,
  ctx: ActorContext,
  ids: readonly string[],
): Promise<BookingView[]> {
  const actor = ctx.actor;
  if (ids.length === 0) return [];
  const rows = (
    await svc.db
      .select(bookingSelect)
      .from(spaceBookings)
      .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
      .where(inArray(spaceBookings.id, [...ids]))
  ).filter((r) => bookingPolicy.can(actor, 'view', r)) as SelectedBooking[];
  const views = await toViews(svc, ctx, rows, isStaff(actor));
  return ids.flatMap((id) => views.filter((v) => v.id === id));
}

/** One booking, for its author or staff. */
export async function get(svc: BookingsContext, ctx: ActorContext, id: string): Promise<BookingView> {
  const actor = ctx.actor;
  const row = await loadBooking(svc.db, id);
  if (!bookingPolicy.can(actor, 'view', row)) throw new NotFoundError('booking');
  const [view] = await toViews(svc, ctx, [row], isStaff(actor));
  return view!;
}

/**
 * The person's bookings: upcoming (soonest first) or past (latest first), with an opaque cursor
 * over (starts_at, id) so pages never skip or repeat a booking. One query a page.
 */
export async function mineByCursor(
  svc: BookingsContext,
  ctx: ActorContext,
  opts: { scope: 'upcoming' | 'past' | 'cancelled'; cursor?: string | undefined; limit?: number },
): Promise<{ items: BookingView[]; nextCursor: string | null }> {
  const actor = ctx.actor;
  const limit = Math.max(1, Math.min(opts.limit ?? PAGE_SIZE, 100));
  const after = opts.cursor ? decodeBookingCursor(opts.cursor) : null;
  if (opts.cursor && !after) throw new RuleError('invalidCursor', 'cursor', 400);
  const t = ctx.now;
  const upcoming = opts.scope === 'upcoming';
  // Cancelled and declined bookings are neither ahead nor behind: they have their own list.
  const withdrawn = inArray(spaceBookings.status, ['cancelled', 'declined']);
  const when =
    opts.scope === 'cancelled'
      ? withdrawn
      : and(not(withdrawn), upcoming ? gt(spaceBookings.endsAt, t) : lt(spaceBookings.endsAt, t));
  const rows = await svc.db
    .select(bookingSelect)
    .from(spaceBookings)
    .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
    .where(
      and(
        eq(spaceBookings.userId, actor.id),
        when,
        after
          ? upcoming
            ? sql`(${spaceBookings.startsAt}, ${spaceBookings.id}) > (${after.startsAt}, ${after.id}::uuid)`
            : sql`(${spaceBookings.startsAt}, ${spaceBookings.id}) < (${after.startsAt}, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(
      upcoming ? asc(spaceBookings.startsAt) : desc(spaceBookings.startsAt),
      upcoming ? asc(spaceBookings.id) : desc(spaceBookings.id),
    )
    .limit(limit + 1);
  const page = rows.slice(0, limit) as SelectedBooking[];
  const last = page.at(-1);
  return {
    items: await toViews(svc, ctx, page),
    nextCursor: rows.length > limit && last ? encodeBookingCursor(last.startsAt, last.id) : null,
  };
}

/**
 * Cancels a booking: its author until the deadline (whatever their role); staff at any time
 * with a reason, which is audited and mailed to the person.
 */
export async function cancel(
  svc: BookingsContext,
  ctx: ActorContext,
  id: string,
  reason?: string,
): Promise<void> {
  const actor = ctx.actor;
  const t = ctx.now;
  await svc.write(async (tx) => {
    const b = await lockBooking(tx, id);
    if (!bookingPolicy.can(actor, 'view', b)) throw new NotFoundError('booking');
    const resource = await resourceOf(tx, b.resourceId);
    const byStaff = bookingPolicy.can(actor, 'decide', b) && !!reason;
    if (!(liveStatuses as readonly string[]).includes(b.status) || b.status === 'checked_in')
      throw new RuleError('notCancellable', undefined, 409);
    if (b.endsAt <= t) throw new RuleError('notCancellable', undefined, 409);
    if (!byStaff && !bookingPolicy.can(actor, 'manage', b)) throw new RuleError('reasonRequired', 'reason');
    const deadline = new Date(b.startsAt.getTime() - resource.rules.cancelHours * 60 * MINUTE);
    if (!byStaff && t > deadline) throw new RuleError('pastDeadline', undefined, 422, { deadline });
    await cancelLocked(svc, tx, ctx, b, resource, reason ?? null, byStaff);
  });
}

/**
 * Cancels a booking read under its lock: the reason kept, the time free again at once, its booker
 * told. `onBehalf` (staff, or a module withdrawing a booking it holds): the mail gives the reason
 * and an audit row records it; a person cancelling their own booking leaves neither.
 */
export async function cancelLocked(
  svc: BookingsContext,
  tx: Tx,
  ctx: ActorContext<PolicyActor>,
  b: Awaited<ReturnType<typeof lockBooking>>,
  resource: Awaited<ReturnType<typeof resourceOf>>,
  reason: string | null,
  onBehalf: boolean,
): Promise<void> {
  await tx
    .update(spaceBookings)
    .set({ status: 'cancelled', cancelledAt: ctx.now, cancelReason: reason, updatedAt: ctx.now })
    .where(eq(spaceBookings.id, b.id));
  await release(svc, tx, b, true);
  if (onBehalf)
    await audit(tx, auditActor(ctx.actor, ctx), {
      action: 'space_booking.cancelled',
      entityType: 'space_booking',
      entityId: b.id,
      before: { status: b.status },
      after: { status: 'cancelled', reason },
    });
  await mailTo(tx, b.userId, (u) => ({
    to: u.email,
    name: u.name,
    locale: u.locale,
    userId: b.userId,
    template: 'bookingCancelled',
    args: [
      resourceNameIn(resource, u.locale),
      describeWhen(u.locale, b),
      onBehalf ? reason : null,
      svc.mineUrl,
    ],
  }));
}

/** Moves a booking to another time (room) or day (desk), until the deadline; all rules apply again. */
export async function change(
  svc: BookingsContext,
  ctx: ActorContext,
  id: string,
  input: ChangeInput,
): Promise<void> {
  const actor = ctx.actor;
  const current = await loadBooking(svc.db, id);
  if (!bookingPolicy.can(actor, 'manage', current)) throw new NotFoundError('booking');
  const resource = await resourceOf(svc.db, current.resourceId);
  const t = ctx.now;
  const deadline = new Date(current.startsAt.getTime() - resource.rules.cancelHours * 60 * MINUTE);
  if (t > deadline) throw new RuleError('pastDeadline', undefined, 422, { deadline });
  if (!(current.status === 'requested' || current.status === 'confirmed'))
    throw new RuleError('notCancellable', undefined, 409);
  const orgKind = current.organisationId
    ? ((await svc.deps.organisations.mine(actor)).find((o) => o.id === current.organisationId)?.kind ?? null)
    : null;
  const closures = await closuresFor(svc.db, resource.id, input.date, input.date);
  const day = dayStatus(resource.openingHours, closures, input.date);
  const before = describeWhen(actor.locale, current);
  if (resource.kind === 'desk') {
    if (input.from || input.to) throw new RuleError('deskWholeDay', 'from');
    const rules = await rulesFor(svc.db, resource, { organisationKind: orgKind });
    await withAlternatives(
      svc,
      resource,
      rules,
      { start: t, minutes: 0, day: input.date, userId: actor.id },
      async () => {
        checkDeskDay(day, rules, t);
        if (!day.open) return;
        try {
          await svc.write(async (tx) => {
            const b = await lockUnchanged(tx, current);
            await release(svc, tx, b, true);
            const agreement = await usableAgreement(tx, actor.id, input.date);
            await takeDesk(tx, resource.id, input.date);
            await drawDay(svc, tx, agreement.id, agreement.daysTotal);
            await tx
              .update(spaceBookings)
              .set({
                day: input.date,
                agreementId: agreement.id,
                startsAt: day.opensAt,
                endsAt: day.closesAt,
                blockedFrom: day.opensAt,
                blockedUntil: day.closesAt,
                checkInUntil: checkInDeadline(rules.checkInGraceMinutes, day.opensAt, day.closesAt, t),
                updatedAt: t,
              })
              .where(eq(spaceBookings.id, id));
            await afterChange(svc, tx, actor, resource, id, before, {
              kind: 'desk',
              startsAt: day.opensAt,
              endsAt: day.closesAt,
            });
          });
        } catch (err) {
          if (violatedConstraint(err, '23505') === 'space_booking_one_desk_per_day_idx')
            throw new RuleError('alreadyBooked', 'date', 409);
          throw err;
        }
      },
    );
    return;
  }
  if (!input.from) throw new RuleError('fromRequired', 'from');
  if (!input.to) throw new RuleError('toRequired', 'to');
  const range = parseRange(input.date, input.from, input.to);
  if (!range) throw new RuleError('invalidTime', 'from');
  const rules = await rulesFor(svc.db, resource, { organisationKind: orgKind });
  const minutes = Math.round((range.end.getTime() - range.start.getTime()) / MINUTE);
  await withAlternatives(
    svc,
    resource,
    rules,
    { start: range.start, minutes, day: input.date, userId: actor.id },
    async () => {
      checkSlot(rules, day, range.start, range.end, t);
      try {
        await svc.write(async (tx) => {
          await lockRoomRanges(tx, resource.id);
          const b = await lockUnchanged(tx, current);
          // Quotas count the week of the new time, without this booking.
          await checkQuota(
            tx,
            resource,
            rules,
            { userId: actor.id, organisationId: b.organisationId },
            [range.start],
            id,
          );
          await tx
            .update(spaceBookings)
            .set({
              startsAt: range.start,
              endsAt: range.end,
              // Setup and teardown move with the booking.
              blockedFrom: new Date(range.start.getTime() - current.setupMinutes * MINUTE),
              blockedUntil: new Date(
                range.end.getTime() + (current.teardownMinutes + rules.bufferMinutes) * MINUTE,
              ),
              checkInUntil: checkInDeadline(rules.checkInGraceMinutes, range.start, range.end, t),
              // A changed request, or a change of an approved event, goes back to staff.
              status: rules.approval ? 'requested' : b.status,
              holdUntil: rules.approval ? holdLapsesAt(t, range.start) : null,
              updatedAt: t,
            })
            .where(eq(spaceBookings.id, id));
          await afterChange(svc, tx, actor, resource, id, before, {
            kind: 'slot',
            startsAt: range.start,
            endsAt: range.end,
          });
        });
      } catch (err) {
        if (violatedConstraint(err, '23P01') !== null) throw new RuleError('taken', 'from', 409);
        throw err;
      }
    },
  );
}

/** Mail and reminder after a change. */
async function afterChange(
  svc: BookingsContext,
  tx: Tx,
  actor: ActorContext['actor'],
  resource: ResourceRow,
  id: string,
  before: string,
  after: { kind: 'desk' | 'slot'; startsAt: Date; endsAt: Date },
) {
  await enqueueMail(tx, {
    to: actor.email,
    name: actor.name,
    locale: actor.locale,
    userId: actor.id,
    template: 'bookingChanged',
    args: [
      resourceNameIn(resource, actor.locale),
      before,
      describeWhen(actor.locale, after),
      svc.bookingUrl(id),
    ],
  });
  await scheduleReminder(svc, tx, id, after.startsAt);
}

/** An opaque position in a list of bookings: the last one's start and id. */
const bookingCursor = cursorCodec(z.object({ s: cursorInstant(), id: z.uuid() }), 200);

export function encodeBookingCursor(startsAt: Date, id: string): string {
  return bookingCursor.encode({ s: startsAt.toISOString(), id });
}

export function decodeBookingCursor(cursor: string): { startsAt: Date; id: string } | null {
  const c = bookingCursor.decode(cursor);
  return c ? { startsAt: new Date(c.s), id: c.id } : null;
}
