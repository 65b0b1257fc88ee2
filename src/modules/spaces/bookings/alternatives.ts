// The nearest free alternatives offered with a refusal.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/client.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import {
  addDays,
  eachDay,
  earlierDay,
  type LocalDate,
  laterDay,
  todayInWarsaw,
  warsawDate,
  warsawInstant,
} from '../../../platform/time/warsaw.ts';
import { dayStatus, nearestSlots, type Slot } from '../calendar.ts';
import type { BookingRules } from '../schema.ts';
import type { BookingsContext } from './context.ts';
import { busyBetween, closuresFor, deskFreeByDay, type ResourceRow } from './shared.ts';

/** Alternatives shown when a room request clashes or breaks a calendar rule. */
export async function slotAlternatives(
  svc: BookingsContext,
  resource: ResourceRow,
  rules: BookingRules,
  wanted: Date,
  minutes: number,
): Promise<Slot[]> {
  const t = svc.now();
  const wantedDay = warsawDate(wanted);
  const today = todayInWarsaw(t);
  const from = laterDay(wantedDay, today);
  const days = eachDay(laterDay(addDays(from, -3), today), addDays(from, 14));
  const closures = await closuresFor(svc.db, resource.id, days[0]!, days.at(-1)!);
  const statuses = days.map((d) => dayStatus(resource.openingHours, closures, d));
  const busy = await busyBetween(
    svc.db,
    resource.id,
    warsawInstant(days[0]!, '00:00'),
    warsawInstant(addDays(days.at(-1)!, 1), '00:00'),
  );
  return nearestSlots(statuses, busy, rules, wanted < t ? t : wanted, minutes, t);
}

/** Nearest open days with a free desk (at most three). */
export async function deskAlternatives(
  svc: BookingsContext,
  resource: ResourceRow,
  rules: BookingRules,
  wanted: LocalDate,
  userId: string,
) {
  const t = svc.now();
  const today = todayInWarsaw(t);
  const lastDay = addDays(today, rules.horizonDays);
  const start = laterDay(wanted, today);
  const from = laterDay(addDays(start, -7), today);
  const to = earlierDay(addDays(start, 21), lastDay);
  if (from > to) return [];
  const closures = await closuresFor(svc.db, resource.id, from, to);
  const free = await deskFreeByDay(svc.db, resource, from, to);
  const mine = new Set(
    (
      await queryRows<{ day: string }>(
        svc.db,
        sql`select day::text as day from space_booking where resource_id = ${resource.id} and user_id = ${userId}
            and kind = 'desk' and status in ('requested','confirmed','checked_in') and day between ${from}::date and ${to}::date`,
      )
    ).map((r) => r.day),
  );
  return eachDay(from, to)
    .filter(
      (d) =>
        d !== wanted &&
        dayStatus(resource.openingHours, closures, d).open &&
        (free.get(d) ?? 0) > 0 &&
        !mine.has(d),
    )
    .sort(
      (a, b) => Math.abs(Date.parse(a) - Date.parse(wanted)) - Math.abs(Date.parse(b) - Date.parse(wanted)),
    )
    .slice(0, 3)
    .sort();
}

/** Runs the rule check; a calendar RuleError gets the nearest free alternatives attached. */
export async function withAlternatives<T>(
  svc: BookingsContext,
  resource: ResourceRow,
  rules: BookingRules,
  wanted: { start: Date; minutes: number; day: LocalDate; userId: string },
  fn: () => T | Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof RuleError) || err.code === 'reversedRange' || err.code === 'notMember') throw err;
    const alternatives =
      resource.kind === 'desk'
        ? { days: await deskAlternatives(svc, resource, rules, wanted.day, wanted.userId) }
        : { slots: await slotAlternatives(svc, resource, rules, wanted.start, wanted.minutes) };
    throw new RuleError(err.code, err.field, err.status, { ...err.details, ...alternatives });
  }
}
