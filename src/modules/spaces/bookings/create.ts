// Creating bookings: a room or the event space for a time range, a desk for a day.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx, violatedConstraint } from '../../../db/client.ts';
import { type AuditActor, audit, auditActor } from '../../../platform/audit/audit.ts';
import type { Locale } from '../../../platform/auth/schema.ts';
import type { ActorContext, ContextActor } from '../../../platform/context.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import type { LocalDate } from '../../../platform/time/warsaw.ts';
import { checkSlot, dayStatus, parseRange } from '../calendar.ts';
import { takeDesk } from '../desks.ts';
import { bookingPolicy } from '../policy.ts';
import { checkInDeadline } from '../rules.ts';
import { type BookingStatus, spaceBookings } from '../schema.ts';
import { checkQuota, drawDay, usableAgreement } from './allowance.ts';
import { slotAlternatives, withAlternatives } from './alternatives.ts';
import { type BookingsContext, MINUTE } from './context.ts';
import { type BookingInput, MAX_SETUP_MINUTES, SETUP_STEP_MINUTES } from './input.ts';
import { describeWhen, icsAttachment, scheduleReminder } from './notify.ts';
import { occurrences, type SeriesFailure, seriesRefusal } from './series.ts';
import {
  checkDeskDay,
  closuresFor,
  holdLapsesAt,
  lockRoomRanges,
  type ResourceRow,
  resourceBySlug,
  resourceNameIn,
  rulesFor,
} from './shared.ts';

export interface CreatedBooking {
  ids: string[];
  status: BookingStatus;
  seriesId: string | null;
}

/** Who a booking is for: the person it is made for, and whom its mails are written to. */
type Booker = ContextActor;

/** Assisted service: the officer who books for the person (the booking's subject), as audited. */
interface OnBehalf {
  officer: AuditActor;
}

/**
 * Books for the person acting; with `forPerson`, the officer acting books for that person (the
 * subject): every rule, quota, agreement and organisation is the subject's; the permission is the
 * officer's.
 */
export async function create(
  svc: BookingsContext,
  ctx: ActorContext,
  slug: string,
  input: BookingInput,
  forPerson?: Booker,
): Promise<CreatedBooking> {
  if (forPerson) bookingPolicy.check(ctx.actor, 'bookFor', { userId: forPerson.id });
  const actor = forPerson ?? ctx.actor;
  const onBehalf: OnBehalf | undefined = forPerson ? { officer: auditActor(ctx.actor, ctx) } : undefined;
  const resource = await resourceBySlug(svc, slug);
  const org = await organisationFor(svc, actor, input.organisation || undefined);
  const weeks = input.repeatWeeks ?? 1;
  const dates = occurrences(input.date, weeks);
  const t = ctx.now;
  const made =
    resource.kind === 'desk'
      ? await createDesk(svc, actor, resource, org, dates, input, t, onBehalf)
      : await createSlots(svc, actor, resource, org, dates, input, t, onBehalf);
  return made;
}

/** The person's organisation for a booking, checked: they must belong to it. */
async function organisationFor(svc: BookingsContext, actor: Booker, id: string | undefined) {
  if (!id) return null;
  const org = (await svc.deps.organisations.mine(actor)).find((o) => o.id === id);
  if (!org) throw new RuleError('notMember', 'organisation', 422);
  return { id: org.id, name: org.name, kind: org.kind as string };
}

/** The audit rows of bookings an officer made for a person: by whom, for whom. */
async function auditOnBehalf(tx: Tx, subject: Booker, onBehalf: OnBehalf | undefined, ids: string[]) {
  if (!onBehalf) return;
  for (const id of ids)
    await audit(tx, onBehalf.officer, {
      action: 'space_booking.created_for',
      entityType: 'space_booking',
      entityId: id,
      onBehalfOf: subject.id,
      after: { userId: subject.id, actedBy: onBehalf.officer.id },
    });
}

async function createSlots(
  svc: BookingsContext,
  actor: Booker,
  resource: ResourceRow,
  org: { id: string; kind: string } | null,
  dates: LocalDate[],
  input: BookingInput,
  t: Date,
  onBehalf?: OnBehalf,
): Promise<CreatedBooking> {
  if (!input.from) throw new RuleError('fromRequired', 'from');
  if (!input.to) throw new RuleError('toRequired', 'to');
  const first = parseRange(input.date, input.from, input.to);
  if (!first) throw new RuleError('invalidTime', 'from');
  const rules = await rulesFor(svc.db, resource, { organisationKind: org?.kind });
  const minutes = Math.round((first.end.getTime() - first.start.getTime()) / MINUTE);
  if (resource.kind === 'event_space' && !input.title) throw new RuleError('titleRequired', 'title');
  const layout = input.layout ? resource.layouts.find((l) => l.key === input.layout) : undefined;
  if (input.layout && !layout) throw new RuleError('unknownLayout', 'layout');
  if (resource.kind === 'event_space' && !input.attendees)
    throw new RuleError('attendeesRequired', 'attendees');
  const limit = layout?.capacity ?? resource.capacity;
  if (input.attendees && input.attendees > limit)
    throw new RuleError('overCapacity', 'attendees', 422, { capacity: limit });
  // The event space: setup before and teardown after block the space too; house rules accepted.
  const event = resource.kind === 'event_space';
  const setup = event ? (input.setupMinutes ?? 0) : 0;
  const teardown = event ? (input.teardownMinutes ?? 0) : 0;
  for (const [field, m] of [
    ['setupMinutes', setup],
    ['teardownMinutes', teardown],
  ] as const) {
    if (m < 0 || m > MAX_SETUP_MINUTES)
      throw new RuleError('setupTooLong', field, 422, { max: MAX_SETUP_MINUTES });
    if (m % SETUP_STEP_MINUTES !== 0)
      throw new RuleError('setupOffGrid', field, 422, { step: SETUP_STEP_MINUTES });
  }
  if (event && !input.houseRules) throw new RuleError('houseRulesRequired', 'houseRules');

  // Every occurrence is checked against the calendar; a series reports every date that fails.
  const closures = await closuresFor(svc.db, resource.id, dates[0]!, dates.at(-1)!);
  const ranges = dates.map((d) => parseRange(d, input.from!, input.to!)!);
  const failures: SeriesFailure[] = [];
  await withAlternatives(
    svc,
    resource,
    rules,
    { start: first.start, minutes, day: input.date, userId: actor.id },
    () => {
      for (const [i, d] of dates.entries()) {
        try {
          const status = dayStatus(resource.openingHours, closures, d);
          checkSlot(rules, status, ranges[i]!.start, ranges[i]!.end, t);
          // Setting up and clearing away happen within the opening hours too.
          if (
            status.open &&
            (ranges[i]!.start.getTime() - setup * MINUTE < status.opensAt.getTime() ||
              ranges[i]!.end.getTime() + teardown * MINUTE > status.closesAt.getTime())
          )
            throw new RuleError('setupOutsideHours', setup > 0 ? 'setupMinutes' : 'teardownMinutes', 422, {
              open: status.openTime,
              close: status.closeTime,
            });
        } catch (err) {
          if (!(err instanceof RuleError)) throw err;
          if (dates.length === 1) throw err;
          failures.push({ date: d, code: err.code, details: err.details });
        }
      }
    },
  );
  const status: BookingStatus = rules.approval ? 'requested' : 'confirmed';
  const seriesId = dates.length > 1 ? uuidv7() : null;
  const ids = dates.map(() => uuidv7());
  const blockedFrom = (start: Date) => new Date(start.getTime() - setup * MINUTE);
  const blockedUntil = (end: Date) => new Date(end.getTime() + (teardown + rules.bufferMinutes) * MINUTE);
  try {
    await svc.write(async (tx) => {
      await lockRoomRanges(tx, resource.id);
      // Clashes with live bookings, for every occurrence at once (a series is all or nothing),
      // over the blocked range: setup before, teardown and buffer after.
      const taken = await queryRows<{ i: number }>(
        tx,
        sql`select r.i::int as i
            from unnest(${`{${ranges.map((r) => blockedFrom(r.start).toISOString()).join(',')}}`}::timestamptz[],
                        ${`{${ranges.map((r) => blockedUntil(r.end).toISOString()).join(',')}}`}::timestamptz[])
                 with ordinality as r(s, u, i)
            where exists (
              select 1 from space_booking b
              where b.resource_id = ${resource.id} and b.kind = 'slot' and b.status in ('requested','confirmed','checked_in')
                and tstzrange(b.blocked_from, b.blocked_until) && tstzrange(r.s, r.u))`,
      );
      const clashing = taken.map((r) => dates[Number(r.i) - 1]!);
      if (failures.length > 0 || (dates.length > 1 && clashing.length > 0))
        throw seriesRefusal([...failures, ...clashing.map((date) => ({ date, code: 'taken' }))]);
      if (clashing.length > 0) throw new RuleError('taken', 'from', 409);
      await checkQuota(
        tx,
        resource,
        rules,
        { userId: actor.id, organisationId: org?.id ?? null },
        ranges.map((r) => r.start),
      );
      await tx.insert(spaceBookings).values(
        ranges.map((r, i) => ({
          id: ids[i]!,
          resourceId: resource.id,
          kind: 'slot' as const,
          userId: actor.id,
          organisationId: org?.id ?? null,
          seriesId,
          startsAt: r.start,
          endsAt: r.end,
          blockedFrom: blockedFrom(r.start),
          blockedUntil: blockedUntil(r.end),
          setupMinutes: setup,
          teardownMinutes: teardown,
          technicalNeeds: event ? (input.technicalNeeds ?? '') : '',
          cateringNeeds: event ? (input.cateringNeeds ?? '') : '',
          houseRulesAcceptedAt: event ? t : null,
          holdUntil: status === 'requested' ? holdLapsesAt(t, r.start) : null,
          actedBy: onBehalf?.officer.id ?? null,
          status,
          checkInUntil: checkInDeadline(rules.checkInGraceMinutes, r.start, r.end, t),
          checkInTokenHash: svc.checkInHash(ids[i]!),
          title: input.title ?? '',
          attendees: input.attendees ?? null,
          layout: layout?.key ?? null,
          notes: input.notes ?? '',
        })),
      );
      await auditOnBehalf(tx, actor, onBehalf, ids);
      const when = (locale: Locale) =>
        describeWhen(locale, { kind: 'slot', startsAt: ranges[0]!.start, endsAt: ranges[0]!.end }) +
        (dates.length > 1 ? ` (+${dates.length - 1})` : '');
      let reminder = false;
      if (status === 'confirmed')
        for (const [i, r] of ranges.entries())
          reminder = (await scheduleReminder(svc, tx, ids[i]!, r.start)) || reminder;
      const url = svc.bookingUrl(ids[0]!);
      await enqueueMail(
        tx,
        status === 'requested'
          ? {
              to: actor.email,
              name: actor.name,
              locale: actor.locale,
              userId: actor.id,
              template: 'bookingRequested',
              args: [resourceNameIn(resource, actor.locale), when(actor.locale), url],
            }
          : {
              to: actor.email,
              name: actor.name,
              locale: actor.locale,
              userId: actor.id,
              template: 'bookingConfirmed',
              args: [resourceNameIn(resource, actor.locale), when(actor.locale), url, reminder],
              attachments: [
                icsAttachment(
                  svc,
                  actor.locale,
                  resourceNameIn(resource, actor.locale),
                  ranges.map((r, i) => ({
                    id: ids[i]!,
                    startsAt: r.start,
                    endsAt: r.end,
                    title: input.title ?? '',
                  })),
                ),
              ],
            },
      );
    });
  } catch (err) {
    if (violatedConstraint(err, '23P01') !== null) {
      // Someone took the time between our check and our insert: the database refused it.
      const alternatives = await slotAlternatives(svc, resource, rules, first.start, minutes);
      if (dates.length > 1)
        throw new RuleError('seriesClash', 'date', 409, { dates: [], failures: [], slots: alternatives });
      throw new RuleError('taken', 'from', 409, { slots: alternatives });
    }
    if (err instanceof RuleError && (err.code === 'taken' || err.code.startsWith('quota')))
      throw new RuleError(err.code, err.field, err.status, {
        ...err.details,
        slots: await slotAlternatives(svc, resource, rules, first.start, minutes),
      });
    throw err;
  }
  return { ids, status, seriesId };
}

async function createDesk(
  svc: BookingsContext,
  actor: Booker,
  resource: ResourceRow,
  org: { id: string; kind: string } | null,
  dates: LocalDate[],
  input: BookingInput,
  t: Date,
  onBehalf?: OnBehalf,
): Promise<CreatedBooking> {
  if (input.from || input.to) throw new RuleError('deskWholeDay', 'from');
  const baseRules = await rulesFor(svc.db, resource, { organisationKind: org?.kind });
  const closures = await closuresFor(svc.db, resource.id, dates[0]!, dates.at(-1)!);
  const days = dates.map((d) => dayStatus(resource.openingHours, closures, d));
  const seriesId = dates.length > 1 ? uuidv7() : null;
  const ids = dates.map(() => uuidv7());
  const status: BookingStatus = baseRules.approval ? 'requested' : 'confirmed';
  return withAlternatives(
    svc,
    resource,
    baseRules,
    { start: t, minutes: 0, day: input.date, userId: actor.id },
    async () => {
      // Days the calendar refuses; the rest are then tried against agreements and free desks, so
      // a refused series names every failing date whatever the reason.
      const failures: SeriesFailure[] = [];
      for (const d of days) {
        try {
          checkDeskDay(d, baseRules, t);
        } catch (err) {
          if (!(err instanceof RuleError) || dates.length === 1) throw err;
          failures.push({ date: d.date, code: err.code, details: err.details });
        }
      }
      const refusedByCalendar = new Set(failures.map((f) => f.date));
      try {
        await svc.write(async (tx) => {
          const seriesFailures: SeriesFailure[] = [...failures];
          const rows = [];
          let quotaChecked = false;
          for (const [i, d] of days.entries()) {
            if (refusedByCalendar.has(d.date)) continue;
            try {
              const agreement = await usableAgreement(tx, actor.id, d.date);
              const rules = agreement.packageId
                ? await rulesFor(tx, resource, {
                    organisationKind: org?.kind,
                    packageId: agreement.packageId,
                  })
                : baseRules;
              if (rules !== baseRules) checkDeskDay(d, rules, t);
              if (!quotaChecked) {
                quotaChecked = true;
                await checkQuota(
                  tx,
                  resource,
                  rules,
                  { userId: actor.id, organisationId: org?.id ?? null },
                  days.flatMap((x) => (x.open ? [x.opensAt] : [])),
                );
              }
              if (!d.open) continue; // checked above; narrows the type
              await takeDesk(tx, resource.id, d.date);
              await drawDay(svc, tx, agreement.id, agreement.daysTotal);
              rows.push({
                id: ids[i]!,
                resourceId: resource.id,
                kind: 'desk' as const,
                userId: actor.id,
                organisationId: org?.id ?? null,
                agreementId: agreement.id,
                seriesId,
                day: d.date,
                startsAt: d.opensAt,
                endsAt: d.closesAt,
                blockedFrom: d.opensAt,
                blockedUntil: d.closesAt,
                actedBy: onBehalf?.officer.id ?? null,
                status,
                checkInUntil: checkInDeadline(rules.checkInGraceMinutes, d.opensAt, d.closesAt, t),
                checkInTokenHash: svc.checkInHash(ids[i]!),
                title: input.title ?? '',
                notes: input.notes ?? '',
              });
            } catch (err) {
              if (!(err instanceof RuleError) || dates.length === 1) throw err;
              seriesFailures.push({ date: d.date, code: err.code, details: err.details });
            }
          }
          if (seriesFailures.length > 0) throw seriesRefusal(seriesFailures);
          await tx.insert(spaceBookings).values(rows);
          await auditOnBehalf(
            tx,
            actor,
            onBehalf,
            rows.map((r) => r.id),
          );
          const first = rows[0]!;
          let reminder = false;
          if (status === 'confirmed')
            for (const r of rows) reminder = (await scheduleReminder(svc, tx, r.id, r.startsAt)) || reminder;
          const when =
            describeWhen(actor.locale, first) + (dates.length > 1 ? ` (+${dates.length - 1})` : '');
          await enqueueMail(
            tx,
            status === 'requested'
              ? {
                  to: actor.email,
                  name: actor.name,
                  locale: actor.locale,
                  userId: actor.id,
                  template: 'bookingRequested',
                  args: [resourceNameIn(resource, actor.locale), when, svc.bookingUrl(first.id)],
                }
              : {
                  to: actor.email,
                  name: actor.name,
                  locale: actor.locale,
                  userId: actor.id,
                  template: 'bookingConfirmed',
                  args: [resourceNameIn(resource, actor.locale), when, svc.bookingUrl(first.id), reminder],
                  attachments: [
                    icsAttachment(svc, actor.locale, resourceNameIn(resource, actor.locale), rows),
                  ],
                },
          );
        });
      } catch (err) {
        if (violatedConstraint(err, '23505') === 'space_booking_one_desk_per_day_idx')
          throw new RuleError('alreadyBooked', 'date', 409);
        throw err;
      }
      return { ids, status, seriesId };
    },
  );
}
