// Staff: deciding on requests, and the lists they work from.
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import type { ActorContext, RequestContext } from '../../../platform/context.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { addDays, isLocalDate, type LocalDate, warsawInstant } from '../../../platform/time/warsaw.ts';
import { bookingPolicy } from '../policy.ts';
import { spaceBookings, spaceResources } from '../schema.ts';
import { release } from './allowance.ts';
import type { BookingsContext } from './context.ts';
import { describeWhen, mailTo, scheduleReminder } from './notify.ts';
import { lockBooking, resourceNameIn, resourceOf } from './shared.ts';
import { type BookingView, bookingSelect, type SelectedBooking, toViews } from './views.ts';

/** Staff decide on a request. */
async function decide(
  svc: BookingsContext,
  ctx: ActorContext,
  id: string,
  to: 'confirmed' | 'declined',
  reason?: string,
): Promise<void> {
  const actor = ctx.actor;
  bookingPolicy.check(actor, 'decide', null);
  await svc.write(async (tx) => {
    const b = await lockBooking(tx, id);
    if (b.status !== 'requested') throw new RuleError('alreadyDecided', undefined, 409);
    const resource = await resourceOf(tx, b.resourceId);
    await tx
      .update(spaceBookings)
      .set({
        status: to,
        decidedBy: actor.id,
        decidedAt: ctx.now,
        decisionReason: reason ?? null,
        updatedAt: ctx.now,
      })
      .where(eq(spaceBookings.id, id));
    if (to === 'declined') await release(svc, tx, b, true);
    else await scheduleReminder(svc, tx, id, b.startsAt);
    await audit(tx, auditActor(actor, ctx), {
      action: to === 'confirmed' ? 'space_booking.approved' : 'space_booking.declined',
      entityType: 'space_booking',
      entityId: id,
      before: { status: b.status },
      after: { status: to, reason: reason ?? null },
    });
    await mailTo(tx, b.userId, (u) =>
      to === 'confirmed'
        ? {
            to: u.email,
            name: u.name,
            locale: u.locale,
            userId: b.userId,
            template: 'bookingApproved',
            args: [resourceNameIn(resource, u.locale), describeWhen(u.locale, b), svc.bookingUrl(id)],
          }
        : {
            to: u.email,
            name: u.name,
            locale: u.locale,
            userId: b.userId,
            template: 'bookingDeclined',
            args: [
              resourceNameIn(resource, u.locale),
              describeWhen(u.locale, b),
              reason ?? '',
              `${svc.baseUrl}/przestrzenie/${resource.slug}`,
            ],
          },
    );
  });
}

/** Staff approve a request (the event space). */
export async function approve(svc: BookingsContext, ctx: ActorContext, id: string): Promise<void> {
  await decide(svc, ctx, id, 'confirmed');
}

/** Staff decline a request with a reason; the time is free again. */
export async function decline(
  svc: BookingsContext,
  ctx: ActorContext,
  id: string,
  reason: string,
): Promise<void> {
  await decide(svc, ctx, id, 'declined', reason);
}

/** Staff: requests awaiting a decision, soonest first. */
export async function requests(
  svc: BookingsContext,
  ctx: RequestContext<PolicyActor>,
): Promise<BookingView[]> {
  bookingPolicy.check(ctx.actor, 'decide', null);
  const rows = await svc.db
    .select(bookingSelect)
    .from(spaceBookings)
    .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
    .where(and(eq(spaceBookings.status, 'requested'), gt(spaceBookings.endsAt, ctx.now)))
    .orderBy(asc(spaceBookings.startsAt), asc(spaceBookings.id))
    .limit(200);
  return toViews(svc, ctx, rows as SelectedBooking[], true);
}

/** Staff: every booking of one day (for check-in at the desk), by resource and start. */
export async function day(
  svc: BookingsContext,
  ctx: RequestContext<PolicyActor>,
  date: LocalDate,
): Promise<BookingView[]> {
  bookingPolicy.check(ctx.actor, 'decide', null);
  if (!isLocalDate(date)) throw new RuleError('invalidDate', 'date');
  const from = warsawInstant(date, '00:00');
  const to = warsawInstant(addDays(date, 1), '00:00');
  const rows = await svc.db
    .select(bookingSelect)
    .from(spaceBookings)
    .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
    .where(and(lt(spaceBookings.startsAt, to), gt(spaceBookings.endsAt, from)))
    .orderBy(asc(spaceResources.position), asc(spaceBookings.startsAt), asc(spaceBookings.id))
    .limit(1000);
  return toViews(svc, ctx, rows as SelectedBooking[], true);
}
