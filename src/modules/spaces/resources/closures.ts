// Closures: days a resource (or every resource) cannot be booked.

import { and, asc, count, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { addDays, isLocalDate, startOfDay, todayInWarsaw } from '../../../platform/time/warsaw.ts';
import { changeIn } from '../changes.ts';
import { liveStatuses, spaceBookings, spaceClosures } from '../schema.ts';
import { type ResourceContext, type ResourceCtx, staffOnly } from './context.ts';
import { type ClosureInput, LIMITS } from './input.ts';
import type { ClosureView } from './model.ts';

export function closureMethods(shared: ResourceContext) {
  const { db, row } = shared;
  return {
    /** Closures that have not ended: this resource's own and those of every resource. */
    async closures(ctx: ResourceCtx, id: string): Promise<ClosureView[]> {
      staffOnly(ctx.actor);
      await row(id);
      const today = todayInWarsaw(ctx.now);
      const found = await db
        .select()
        .from(spaceClosures)
        .where(
          and(
            or(eq(spaceClosures.resourceId, id), isNull(spaceClosures.resourceId)),
            gte(spaceClosures.endsOn, today),
          ),
        )
        .orderBy(asc(spaceClosures.startsOn), asc(spaceClosures.endsOn));
      return found.map((c) => ({
        id: c.id,
        from: c.startsOn,
        to: c.endsOn,
        reason: c.reason,
        scope: c.resourceId ? 'this' : 'all',
      }));
    },

    /**
     * Closes this resource (or every resource) over a range of days. Bookings in the range are kept;
     * their number is returned so staff know whom to contact.
     */
    async addClosure(
      ctx: ResourceCtx,
      id: string,
      input: ClosureInput,
    ): Promise<{ id: string; bookingsInRange: number }> {
      staffOnly(ctx.actor);
      await row(id);
      if (!isLocalDate(input.from)) throw new RuleError('invalidDate', 'from');
      if (!isLocalDate(input.to)) throw new RuleError('invalidDate', 'to');
      if (input.to < input.from) throw new RuleError('toBeforeFrom', 'to');
      if (input.to < todayInWarsaw(ctx.now)) throw new RuleError('closurePast', 'to');
      if (addDays(input.from, LIMITS.closureDays - 1) < input.to)
        throw new RuleError('closureTooLong', 'to', 422, { days: LIMITS.closureDays });
      const reason = input.reason.trim();
      if (!reason || reason.length > LIMITS.closureReason) throw new RuleError('required', 'reason');
      const closureId = uuidv7();
      const resourceId = input.scope === 'all' ? null : id;
      const bookingsInRange = await changeIn(db, async (tx) => {
        await tx.insert(spaceClosures).values({
          id: closureId,
          resourceId,
          startsOn: input.from,
          endsOn: input.to,
          reason,
          createdBy: ctx.actor.id,
        });
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: 'space_closure.created',
          entityType: 'space_closure',
          entityId: closureId,
          after: { resourceId, from: input.from, to: input.to, reason },
        });
        const [n] = await tx
          .select({ n: count() })
          .from(spaceBookings)
          .where(
            and(
              resourceId ? eq(spaceBookings.resourceId, resourceId) : undefined,
              inArray(spaceBookings.status, [...liveStatuses]),
              sql`${spaceBookings.startsAt} < ${startOfDay(addDays(input.to, 1)).toISOString()}::timestamptz`,
              sql`${spaceBookings.endsAt} > ${startOfDay(input.from).toISOString()}::timestamptz`,
            ),
          );
        return Number(n?.n ?? 0);
      });
      return { id: closureId, bookingsInRange };
    },

    /** Removes a closure of this resource or one of every resource (shown on its page). */
    async deleteClosure(ctx: ResourceCtx, id: string, closureId: string): Promise<void> {
      staffOnly(ctx.actor);
      await row(id);
      if (!uuidPattern.test(closureId)) throw new NotFoundError('closure');
      await changeIn(db, async (tx) => {
        const [c] = await tx
          .select()
          .from(spaceClosures)
          .where(
            and(
              eq(spaceClosures.id, closureId),
              or(eq(spaceClosures.resourceId, id), isNull(spaceClosures.resourceId)),
            ),
          )
          .for('update');
        if (!c) throw new NotFoundError('closure');
        await tx.delete(spaceClosures).where(eq(spaceClosures.id, closureId));
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: 'space_closure.deleted',
          entityType: 'space_closure',
          entityId: closureId,
          before: { resourceId: c.resourceId, from: c.startsOn, to: c.endsOn, reason: c.reason },
        });
      });
    },
  };
}
