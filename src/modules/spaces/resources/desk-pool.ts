// The desks of a pool: their number follows the pool's size, their labels are staff's.
//
// The desks of a pool and the desk-day capacity rows (space_desk_day) change together, under the
// resource's row lock and the day rows' locks, so a day never ends with more desks booked than the
// pool holds; desks fixed for an agreement are never removed.

import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { addDays, todayInWarsaw } from '../../../platform/time/warsaw.ts';
import { changeIn } from '../changes.ts';
import { ensureDeskDays } from '../desks.ts';
import { spaceAgreements, spaceDesks } from '../schema.ts';
import { type ResourceContext, type ResourceCtx, rows, staffOnly } from './context.ts';
import { LIMITS } from './input.ts';
import type { DeskView } from './model.ts';

/**
 * Changes the number of desks of a pool: adds desks numbered after the last, or removes the
 * highest-numbered ones if none is fixed for an agreement and no future day would then have more
 * desks booked than desks. The day rows change by the same amount, under their locks.
 */
export async function resizeDeskPool(
  now: Date,
  tx: Tx,
  resourceId: string,
  from: number,
  to: number,
  horizonDays: number,
) {
  if (from === to) return;
  const today = todayInWarsaw(now);
  // Every bookable day has its row, so the change below reaches every day a booking could take.
  await ensureDeskDays(tx, resourceId, today, addDays(today, horizonDays));
  const desks = await tx
    .select({ id: spaceDesks.id, number: spaceDesks.number })
    .from(spaceDesks)
    .where(eq(spaceDesks.resourceId, resourceId))
    .orderBy(desc(spaceDesks.number));
  if (to > from) {
    const last = desks[0]?.number ?? 0;
    await tx
      .insert(spaceDesks)
      .values(
        Array.from({ length: to - from }, (_, i) => ({ id: uuidv7(), resourceId, number: last + i + 1 })),
      );
    await tx.execute(sql`
      update space_desk_day set capacity = capacity + ${to - from}
      where resource_id = ${resourceId} and day >= ${today}::date`);
    return;
  }
  const removed = desks.slice(0, from - to);
  const fixed = removed.length
    ? await tx
        .select({ number: spaceDesks.number, agreement: spaceAgreements.number })
        .from(spaceAgreements)
        .innerJoin(spaceDesks, eq(spaceDesks.id, spaceAgreements.deskId))
        .where(
          inArray(
            spaceAgreements.deskId,
            removed.map((d) => d.id),
          ),
        )
        .orderBy(asc(spaceDesks.number))
    : [];
  if (fixed.length > 0)
    throw new RuleError('desksFixed', 'capacity', 409, {
      desks: [...new Set(fixed.map((f) => f.number))],
      agreements: [...new Set(fixed.map((f) => f.agreement).filter(Boolean))],
    });
  const k = removed.length;
  const days = await rows<{ day: string; capacity: number; booked: number }>(
    tx,
    sql`select day::text as day, capacity, booked from space_desk_day
        where resource_id = ${resourceId} and day >= ${today}::date
        order by day for update`,
  );
  const over = days.filter((d) => d.booked > d.capacity - k).map((d) => d.day);
  if (over.length > 0) throw new RuleError('deskDaysBooked', 'capacity', 409, { days: over });
  await tx.execute(sql`
    update space_desk_day set capacity = capacity - ${k}
    where resource_id = ${resourceId} and day >= ${today}::date`);
  await tx.delete(spaceDesks).where(
    inArray(
      spaceDesks.id,
      removed.map((d) => d.id),
    ),
  );
}

export function deskMethods(shared: ResourceContext) {
  const { db, row, lockedRow } = shared;
  return {
    /** The numbered desks of a pool, each with the agreement it is fixed for now or next. */
    async desks(ctx: ResourceCtx, id: string): Promise<DeskView[]> {
      staffOnly(ctx.actor);
      const r = await row(id);
      if (r.kind !== 'desk') throw new NotFoundError('desks');
      const today = todayInWarsaw(ctx.now);
      const found = await rows<{
        id: string;
        number: number;
        label: string;
        agreement_id: string | null;
        agreement_number: string | null;
        starts_on: string | null;
        ends_on: string | null;
      }>(
        db,
        sql`select d.id, d.number, d.label, a.id as agreement_id, a.number as agreement_number,
                   a.starts_on::text as starts_on, a.ends_on::text as ends_on
            from space_desk d
            left join lateral (
              select x.id, x.number, x.starts_on, x.ends_on from space_agreement x
              where x.desk_id = d.id and x.status = 'accepted' and x.ends_on >= ${today}::date
              order by x.starts_on limit 1
            ) a on true
            where d.resource_id = ${id}
            order by d.number`,
      );
      return found.map((d) => ({
        id: d.id,
        number: Number(d.number),
        label: d.label,
        agreement:
          d.agreement_id && d.starts_on && d.ends_on
            ? { id: d.agreement_id, number: d.agreement_number, from: d.starts_on, to: d.ends_on }
            : null,
      }));
    },

    /** Renames desks: labels by desk number (empty: no label). Unknown numbers are refused. */
    async saveDeskLabels(ctx: ResourceCtx, id: string, labels: Map<number, string>): Promise<number> {
      staffOnly(ctx.actor);
      const r = await row(id);
      if (r.kind !== 'desk') throw new NotFoundError('desks');
      for (const label of labels.values())
        if (label.length > LIMITS.deskLabel) throw new RuleError('invalid', 'labels');
      return changeIn(db, async (tx) => {
        await lockedRow(tx, id);
        const desks = await tx.select().from(spaceDesks).where(eq(spaceDesks.resourceId, id));
        const byNumber = new Map(desks.map((d) => [d.number, d]));
        for (const n of labels.keys()) if (!byNumber.has(n)) throw new RuleError('unknownDesk', `desk${n}`);
        const changed = [...labels].filter(([n, label]) => byNumber.get(n)!.label !== label);
        for (const [n, label] of changed)
          await tx
            .update(spaceDesks)
            .set({ label })
            .where(eq(spaceDesks.id, byNumber.get(n)!.id));
        if (changed.length > 0)
          await audit(tx, auditActor(ctx.actor, ctx), {
            action: 'space_desk.labels_changed',
            entityType: 'space_resource',
            entityId: id,
            before: Object.fromEntries(changed.map(([n]) => [String(n), byNumber.get(n)!.label])),
            after: Object.fromEntries(changed.map(([n, label]) => [String(n), label])),
          });
        return changed.length;
      });
    },
  };
}
