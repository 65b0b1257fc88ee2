// What a person may take: the agreement a desk day draws on, and the weekly quotas.
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import {
  addDays,
  earlierDay,
  isoWeek,
  type LocalDate,
  laterDay,
  warsawDate,
  warsawInstant,
  weekStart,
} from '../../../platform/time/warsaw.ts';
import { returnDesk } from '../desks.ts';
import { type BookingRules, spaceAgreements } from '../schema.ts';
import type { BookingsContext } from './context.ts';
import type { BookingRow, ResourceRow } from './shared.ts';

/** The agreement a desk booking on `day` draws on, locked: unlimited first, then the pass ending soonest. */
export async function usableAgreement(tx: Tx, userId: string, day: LocalDate) {
  const rows = await queryRows<{
    id: string;
    packageId: string;
    daysTotal: number | null;
    daysUsed: number;
    fixedDesk: boolean;
  }>(
    tx,
    sql`select a.id, a.package_id as "packageId", a.days_total as "daysTotal", a.days_used as "daysUsed",
               p.fixed_desk as "fixedDesk"
        from space_agreement a join space_package p on p.id = a.package_id
        where a.user_id = ${userId} and a.status = 'accepted' and ${day}::date between a.starts_on and a.ends_on
        order by (a.days_total is null) desc, a.ends_on, a.id
        for update of a`,
  );
  if (rows.length === 0) throw new RuleError('noAgreement', 'date', 422);
  const usable = rows.find((r) => !r.fixedDesk && (r.daysTotal === null || r.daysUsed < r.daysTotal));
  if (usable) return usable;
  if (rows.some((r) => r.fixedDesk)) throw new RuleError('hasFixedDesk', 'date', 422);
  throw new RuleError('passUsedUp', 'date', 422);
}

export async function drawDay(svc: BookingsContext, tx: Tx, agreementId: string, daysTotal: number | null) {
  if (daysTotal === null) return;
  await tx
    .update(spaceAgreements)
    .set({ daysUsed: sql`${spaceAgreements.daysUsed} + 1`, updatedAt: svc.now() })
    .where(eq(spaceAgreements.id, agreementId));
}

/** Gives one day back to a pass (true); unlimited agreements have none to give (false). */
export async function returnDay(svc: BookingsContext, tx: Tx, agreementId: string | null): Promise<boolean> {
  if (!agreementId) return false;
  const back = await queryRows<{ id: string }>(
    tx,
    sql`update space_agreement set days_used = days_used - 1, updated_at = ${svc.now()}
        where id = ${agreementId} and days_total is not null and days_used > 0
        returning id`,
  );
  return back.length > 0;
}

/** Frees what a booking held: its desk-day and the pass day it drew; true if a pass day came back. */
export async function release(
  svc: BookingsContext,
  tx: Tx,
  b: BookingRow,
  givePassDayBack: boolean,
): Promise<boolean> {
  if (b.kind !== 'desk' || !b.day) return false;
  await returnDesk(tx, b.resourceId, b.day);
  return givePassDayBack ? returnDay(svc, tx, b.agreementId) : false;
}

/** Serialises bookings of one person (and organisation) on one resource while quotas are counted. */
async function lockQuota(tx: Tx, resourceId: string, key: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`space-quota:${resourceId}:${key}`}, 0))`,
  );
}

export async function checkQuota(
  tx: Tx,
  resource: ResourceRow,
  rules: BookingRules,
  who: { userId: string; organisationId: string | null },
  starts: Date[],
  /** A booking being moved: it does not count against itself. */
  exceptId?: string,
) {
  if (starts.length === 0) return;
  const checks: Array<{
    limit: number;
    column: 'user_id' | 'organisation_id';
    value: string;
    code: string;
  }> = [];
  if (rules.perPersonWeek !== null)
    checks.push({ limit: rules.perPersonWeek, column: 'user_id', value: who.userId, code: 'quotaPerson' });
  if (rules.perOrganisationWeek !== null && who.organisationId)
    checks.push({
      limit: rules.perOrganisationWeek,
      column: 'organisation_id',
      value: who.organisationId,
      code: 'quotaOrganisation',
    });
  for (const c of checks) {
    await lockQuota(tx, resource.id, `${c.column}:${c.value}`);
    const weeks = [...new Set(starts.map((s) => weekStart(warsawDate(s))))];
    const from = warsawInstant(weeks.reduce(earlierDay), '00:00');
    const to = warsawInstant(addDays(weeks.reduce(laterDay), 7), '00:00');
    const existing = await queryRows<{ startsAt: Date }>(
      tx,
      sql`select starts_at as "startsAt" from space_booking
          where resource_id = ${resource.id} and ${sql.identifier(c.column)} = ${c.value}
            and status in ('requested', 'confirmed', 'checked_in')
            and starts_at >= ${from} and starts_at < ${to}
            ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    );
    const perWeek = new Map<string, number>();
    for (const s of [...existing.map((e) => new Date(e.startsAt)), ...starts]) {
      const w = isoWeek(warsawDate(s));
      perWeek.set(w, (perWeek.get(w) ?? 0) + 1);
    }
    const over = [...perWeek.entries()].filter(([, n]) => n > c.limit).map(([w]) => w);
    if (over.length > 0) throw new RuleError(c.code, 'date', 422, { limit: c.limit, weeks: over });
  }
}
