// Weekly series: their dates, the all-or-nothing refusal, and cancelling what is left of one.
import { inArray, sql } from 'drizzle-orm';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { addDays, type LocalDate } from '../../../platform/time/warsaw.ts';
import { bookingPolicy } from '../policy.ts';
import { spaceBookings } from '../schema.ts';
import { release } from './allowance.ts';
import { type BookingsContext, MINUTE } from './context.ts';
import { describeWhen, mailTo } from './notify.ts';
import { loadBooking, lockBookings, resourceNameIn, resourceOf } from './shared.ts';

/** One date of a weekly series that cannot be booked, and why (a refusal code and its details). */
export interface SeriesFailure {
  date: LocalDate;
  code: string;
  details?: Record<string, unknown>;
}

/** A series is all or nothing: its refusal names every failing date, in order, each with its reason. */
export function seriesRefusal(failures: SeriesFailure[]): RuleError {
  const sorted = [...failures].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return new RuleError('seriesClash', 'date', 409, {
    dates: [...new Set(sorted.map((f) => f.date))],
    failures: sorted,
  });
}

export function occurrences(date: LocalDate, weeks: number): LocalDate[] {
  return Array.from({ length: weeks }, (_, i) => addDays(date, 7 * i));
}

/**
 * Cancels, in one transaction, every future occurrence of the person's series still within its
 * deadline; one e-mail lists how many. Returns how many were cancelled.
 */
export async function cancelSeries(svc: BookingsContext, ctx: ActorContext, id: string): Promise<number> {
  const actor = ctx.actor;
  const first = await loadBooking(svc.db, id);
  if (!bookingPolicy.can(actor, 'manage', first) || !first.seriesId) throw new NotFoundError('booking');
  return svc.write(async (tx) => {
    const t = ctx.now;
    const resource = await resourceOf(tx, first.resourceId);
    const rows = await lockBookings(
      tx,
      sql`series_id = ${first.seriesId} and user_id = ${actor.id}
          and status in ('requested', 'confirmed') and starts_at > ${t}`,
    );
    const deadlineMs = resource.rules.cancelHours * 60 * MINUTE;
    const open = rows.filter((b) => t.getTime() <= b.startsAt.getTime() - deadlineMs);
    if (open.length === 0) return 0;
    await tx
      .update(spaceBookings)
      .set({ status: 'cancelled', cancelledAt: t, updatedAt: t })
      .where(
        inArray(
          spaceBookings.id,
          open.map((b) => b.id),
        ),
      );
    for (const b of open) await release(svc, tx, b, true);
    await mailTo(tx, actor.id, (u) => ({
      to: u.email,
      name: u.name,
      locale: u.locale,
      userId: actor.id,
      template: 'bookingCancelled',
      args: [
        resourceNameIn(resource, u.locale),
        describeWhen(u.locale, open[0]!) + (open.length > 1 ? ` (+${open.length - 1})` : ''),
        null,
        svc.mineUrl,
      ],
    }));
    return open.length;
  });
}
