// Bookings of the cluster's spaces: a desk for a day, a room or the event space for a time range.
// The rules that concurrency could break are kept by the database: the exclusion constraint
// space_booking_no_overlap (no two live bookings of one room overlap, buffer included) and the
// desk-day row taken under its lock (desks.ts). Everything else — opening hours, holidays,
// closures, lengths, notice, horizon, quotas, deadlines — is checked here before anything is stored,
// and quotas are counted under a per-person (and per-organisation) advisory lock.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt, not, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows, type Tx, violatedConstraint } from '../../db/client.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Locale } from '../../platform/auth/schema.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { f } from '../../platform/http/forms.ts';
import { formatDateTime, messages } from '../../platform/i18n/index.ts';
import { icalendar } from '../../platform/ical.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueJob } from '../../platform/jobs/worker.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import type { MailAttachment } from '../../platform/mail/schema.ts';
import { authorize, isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import type { Clock } from '../../platform/time/clock.ts';
import {
  addDays,
  daysBetween,
  eachDay,
  earlierDay,
  isLocalDate,
  isoWeek,
  type LocalDate,
  laterDay,
  parseTime,
  readTypedDate,
  readTypedTime,
  todayInWarsaw,
  warsawDate,
  warsawInstant,
  weekStart,
} from '../../platform/time/warsaw.ts';
import type { OrganisationsService } from '../organisations/service.ts';
import {
  type Busy,
  type Closure,
  checkDay,
  checkSlot,
  type DayStatus,
  dayStatus,
  freeIntervals,
  nearestSlots,
  parseRange,
  type Slot,
} from './calendar.ts';
import { AVAILABILITY_TTL_MS, changeAwareCache, changeIn, RESOURCES_TTL_MS } from './changes.ts';
import { freeDesksByDay, returnDesk, takeDesk } from './desks.ts';
import { can } from './policy.ts';
import { checkInDeadline, effectiveRules } from './rules.ts';
import {
  type BookingRules,
  type BookingStatus,
  type Layout,
  liveStatuses,
  type OpeningHours,
  type Photo,
  type ResourceKind,
  spaceAgreements,
  spaceBookings,
  spaceResources,
  spaceRuleOverrides,
} from './schema.ts';

const MINUTE = 60_000;
export const MAX_REPEAT_WEEKS = 26;
export const PAGE_SIZE = 20;
/** Event space: setup and teardown are each at most this long, on a 15-minute grid. */
export const MAX_SETUP_MINUTES = 240;
export const SETUP_STEP_MINUTES = 15;
/** An event-space request holds the time this long unless staff decide earlier… */
export const HOLD_DAYS = 7;
/** …and never closer than this to the event (the organiser must know where they stand). */
export const HOLD_BEFORE_START_HOURS = 48;
/** Reminders go out this long before a booking starts. */
const REMINDER_BEFORE_MS = 24 * 60 * MINUTE;
/** Self check-in opens this long before a booking starts (people arrive a little early). */
export const CHECK_IN_EARLY_MS = 30 * MINUTE;

/** A self check-in token as we issue it: 32 bytes of HMAC in base64url, 43 characters. */
const CHECK_IN_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const hashCheckInToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

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

/** Who books; `requestId` goes into the audit rows of staff actions. */
export type BookingActor = PolicyActor & {
  name: string;
  email: string;
  locale: Locale;
  requestId?: string | undefined;
};

/** Assisted service: the officer who books for the person (the booking's subject). */
export interface OnBehalf {
  officer: BookingActor;
}

/** When a request made at `t` for an event starting at `start` lapses unless decided. */
export function holdLapsesAt(t: Date, start: Date): Date {
  const byDays = t.getTime() + HOLD_DAYS * 24 * 60 * MINUTE;
  const beforeStart = start.getTime() - HOLD_BEFORE_START_HOURS * 60 * MINUTE;
  return new Date(Math.max(t.getTime(), Math.min(byDays, beforeStart)));
}

/** One date of a weekly series that cannot be booked, and why (a refusal code and its details). */
export interface SeriesFailure {
  date: LocalDate;
  code: string;
  details?: Record<string, unknown>;
}

/** A series is all or nothing: its refusal names every failing date, in order, each with its reason. */
function seriesRefusal(failures: SeriesFailure[]): RuleError {
  const sorted = [...failures].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return new RuleError('seriesClash', 'date', 409, {
    dates: [...new Set(sorted.map((f) => f.date))],
    failures: sorted,
  });
}

export interface BookingsDeps {
  db: Db;
  baseUrl: string;
  organisations: Pick<OrganisationsService, 'mine' | 'namesOf'>;
  clock: Clock;
  /** Keys the self check-in tokens (the app's secret, so every node issues the same token). */
  checkInSecret?: string;
}

// ---------------------------------------------------------------------------------------------
// Input: one schema for the HTML form and the JSON API.

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
    z
      .number({ error: 'invalidNumber' })
      .int('invalidNumber')
      .min(min, 'tooSmall')
      .max(max, 'tooBig')
      .optional(),
  );

/** A typed value read into its canonical form (left as it is when unreadable, for the check to refuse). */
const typed = (read: (s: string) => string | null) => (v: unknown) =>
  typeof v === 'string' ? (read(v) ?? v) : v;
/** A time of day: 'HH:MM', also typed as '13.30', '1330' or '13' (read as 13:00). */
const clockTime = () =>
  z.preprocess(
    typed((s) => (s.trim() === '' ? '' : readTypedTime(s))),
    z
      .string()
      .max(5)
      .refine((v) => v === '' || parseTime(v) !== null, 'invalidTime')
      .optional(),
  );

export const bookingInput = z
  .object({
    /** 'YYYY-MM-DD' (what a date picker sends); typed by hand also '27.11.2026'. */
    date: z.preprocess(typed(readTypedDate), z.string().max(10).refine(isLocalDate, 'invalidDate')),
    /** Room and event space: start and end time, 'HH:MM' (Warsaw). Desks: absent. */
    from: clockTime(),
    to: clockTime(),
    title: f.optionalText(200),
    attendees: optionalInt(1, 10_000),
    layout: f.optionalText(50),
    notes: f.optionalText(2000),
    /** Book for an organisation the person belongs to. */
    organisation: z.string().max(100).optional(),
    /** Repeat weekly: the number of weeks in all (1: once). */
    repeatWeeks: optionalInt(1, MAX_REPEAT_WEEKS),
    /** Event space: minutes before the start to set up and after the end to clear away. */
    setupMinutes: optionalInt(0, MAX_SETUP_MINUTES),
    teardownMinutes: optionalInt(0, MAX_SETUP_MINUTES),
    technicalNeeds: f.optionalText(2000),
    cateringNeeds: f.optionalText(2000),
    /** Event space: the organiser accepts the house rules (a checkbox, or true in JSON). */
    houseRules: z.union([z.boolean(), f.checkbox()]).optional(),
  })
  .strict();
/** A booking request (the parsed form or JSON body; optional fields may be left out). */
export type BookingInput = { date: LocalDate } & {
  [K in Exclude<keyof z.output<typeof bookingInput>, 'date'>]?: z.output<typeof bookingInput>[K] | undefined;
};

export const changeInput = bookingInput.pick({ date: true, from: true, to: true }).strict();
export type ChangeInput = Pick<BookingInput, 'date' | 'from' | 'to'>;

export const reasonInput = z.object({ reason: f.text(1000, 3) }).strict();

// ---------------------------------------------------------------------------------------------
// View models.

export interface ResourceView {
  id: string;
  slug: string;
  kind: ResourceKind;
  name: string;
  description: string;
  capacity: number;
  equipment: string[];
  accessibility: string;
  layouts: Layout[];
  photos: Photo[];
  openingHours: OpeningHours;
  rules: BookingRules;
  zone: { slug: string; name: string; building: string };
}

export interface BookingView {
  id: string;
  resource: { slug: string; name: string; kind: ResourceKind };
  kind: 'desk' | 'slot';
  status: BookingStatus;
  day: LocalDate | null;
  startsAt: Date;
  endsAt: Date;
  title: string;
  attendees: number | null;
  layout: string | null;
  notes: string;
  seriesId: string | null;
  organisation: { id: string; name: string } | null;
  person?: { id: string; name: string; email: string };
  decisionReason: string | null;
  cancelReason: string | null;
  checkedInAt: Date | null;
  /** Released if not checked in by then (null: no check-in needed). */
  checkInUntil: Date | null;
  /** Self check-in (its author, a confirmed booking not over yet): the QR code's URL and its window. */
  selfCheckIn: { url: string; opensAt: Date; closesAt: Date } | null;
  createdAt: Date;
  /** Event space: setup and teardown minutes, needs, when the house rules were accepted. */
  setupMinutes: number;
  teardownMinutes: number;
  technicalNeeds: string;
  cateringNeeds: string;
  houseRulesAcceptedAt: Date | null;
  /** A request: when its tentative hold lapses unless staff decide. */
  holdUntil: Date | null;
  /** Assisted service: the officer who made it for the person. */
  actedBy: { id: string; name: string } | null;
  /** Changing and cancelling are open until then (for its author). */
  deadline: Date;
  can: { change: boolean; cancel: boolean; decide: boolean; checkIn: boolean };
}

export interface DayAvailability {
  date: LocalDate;
  open: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
  closed: { reason: 'weekday' | 'holiday' | 'closure'; holiday?: string; closure?: string } | null;
  /** Rooms: the busy ranges (no names), and the free ranges a booking could take. */
  busy: Array<{ start: Date; end: Date; status: BookingStatus }>;
  free: Slot[];
  /** Desk pools: desks in the pool today and desks still free. */
  desks: { total: number; free: number } | null;
}

export interface CreatedBooking {
  ids: string[];
  status: BookingStatus;
  seriesId: string | null;
}

interface ResourceRow {
  id: string;
  slug: string;
  kind: ResourceKind;
  name: string;
  capacity: number;
  layouts: Layout[];
  openingHours: OpeningHours;
  rules: BookingRules;
  active: boolean;
}

interface BookingRow {
  id: string;
  resourceId: string;
  kind: 'desk' | 'slot';
  userId: string;
  organisationId: string | null;
  agreementId: string | null;
  seriesId: string | null;
  day: string | null;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
}

// ---------------------------------------------------------------------------------------------

export function bookingsService(deps: BookingsDeps) {
  const { db, baseUrl } = deps;
  const now = () => deps.clock.now();
  /** Every change of bookings runs in one of these transactions (it empties the view caches). */
  const write = <T>(fn: (tx: Tx) => Promise<T>) => changeIn(db, fn);
  const resourcesCache = changeAwareCache<Promise<ResourceView[]>>(RESOURCES_TTL_MS, 1);
  const availabilityCache = changeAwareCache<Promise<DayAvailability[]>>(AVAILABILITY_TTL_MS);
  const closuresCache = changeAwareCache<Promise<Closure[]>>(AVAILABILITY_TTL_MS);
  const bookingUrl = (id: string) => `${baseUrl}/przestrzenie/rezerwacje/${id}`;
  const mineUrl = `${baseUrl}/przestrzenie/moje`;
  const host = new URL(baseUrl).host;
  const checkInSecret = deps.checkInSecret ?? randomBytes(32).toString('base64url');
  /** The booking's self check-in token: unguessable without the secret; only its hash is stored. */
  const checkInToken = (id: string) =>
    createHmac('sha256', checkInSecret).update(`space-check-in:${id}`).digest('base64url');
  const checkInUrl = (id: string) => `${baseUrl}/przestrzenie/obecnosc/${checkInToken(id)}`;
  const checkInHash = (id: string) => hashCheckInToken(checkInToken(id));

  async function resourceBySlug(slug: string, executor: Db | Tx = db): Promise<ResourceRow> {
    const [r] = await executor
      .select({
        id: spaceResources.id,
        slug: spaceResources.slug,
        kind: spaceResources.kind,
        name: spaceResources.name,
        capacity: spaceResources.capacity,
        layouts: spaceResources.layouts,
        openingHours: spaceResources.openingHours,
        rules: spaceResources.rules,
        active: spaceResources.active,
      })
      .from(spaceResources)
      .where(eq(spaceResources.slug, slug))
      .limit(1);
    if (!r?.active) throw new NotFoundError('resource');
    return r;
  }

  async function closuresFor(executor: Db | Tx, resourceId: string, from: LocalDate, to: LocalDate) {
    const rows = await queryRows<Closure>(
      executor,
      sql`select starts_on::text as "from", ends_on::text as "to", reason from space_closure
          where (resource_id = ${resourceId} or resource_id is null)
            and starts_on <= ${to}::date and ends_on >= ${from}::date
          order by starts_on`,
    );
    return rows;
  }

  async function busyBetween(executor: Db | Tx, resourceId: string, from: Date, to: Date, exceptId?: string) {
    return queryRows<Busy & { end: Date; status: BookingStatus }>(
      executor,
      sql`select coalesce(blocked_from, starts_at) as "start", ends_at as "end", blocked_until as "blockedUntil", status
          from space_booking
          where resource_id = ${resourceId} and kind = 'slot'
            and status in ('requested', 'confirmed', 'checked_in')
            and tstzrange(coalesce(blocked_from, starts_at), blocked_until) && tstzrange(${from}, ${to})
            ${exceptId ? sql`and id <> ${exceptId}` : sql``}
          order by starts_at`,
    ).then((rows) =>
      rows.map((r) => ({
        ...r,
        start: new Date(r.start),
        end: new Date(r.end),
        blockedUntil: new Date(r.blockedUntil),
      })),
    );
  }

  /** The booker's context for rules: their organisation's kind and the package they book under. */
  async function rulesFor(
    executor: Db | Tx,
    resource: ResourceRow,
    ctx: { organisationKind?: string | null; packageId?: string | null },
  ): Promise<BookingRules> {
    const targets = [];
    if (ctx.organisationKind) targets.push(eq(spaceRuleOverrides.organisationKind, ctx.organisationKind));
    if (ctx.packageId) targets.push(eq(spaceRuleOverrides.packageId, ctx.packageId));
    if (targets.length === 0) return resource.rules;
    const overrides = await executor
      .select()
      .from(spaceRuleOverrides)
      .where(and(eq(spaceRuleOverrides.resourceId, resource.id), sql`(${sql.join(targets, sql` or `)})`));
    return effectiveRules(resource.rules, {
      organisationKind: overrides.find((o) => o.organisationKind)?.rules,
      package: overrides.find((o) => o.packageId)?.rules,
    });
  }

  /** The person's organisation for a booking, checked: they must belong to it. */
  async function organisationFor(actor: BookingActor, id: string | undefined) {
    if (!id) return null;
    const org = (await deps.organisations.mine(actor)).find((o) => o.id === id);
    if (!org) throw new RuleError('notMember', 'organisation', 422);
    return { id: org.id, name: org.name, kind: org.kind as string };
  }

  /** The agreement a desk booking on `day` draws on, locked: unlimited first, then the pass ending soonest. */
  async function usableAgreement(tx: Tx, userId: string, day: LocalDate) {
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

  async function drawDay(tx: Tx, agreementId: string, daysTotal: number | null) {
    if (daysTotal === null) return;
    await tx
      .update(spaceAgreements)
      .set({ daysUsed: sql`${spaceAgreements.daysUsed} + 1`, updatedAt: now() })
      .where(eq(spaceAgreements.id, agreementId));
  }

  /** Gives one day back to a pass (true); unlimited agreements have none to give (false). */
  async function returnDay(tx: Tx, agreementId: string | null): Promise<boolean> {
    if (!agreementId) return false;
    const back = await queryRows<{ id: string }>(
      tx,
      sql`update space_agreement set days_used = days_used - 1, updated_at = ${now()}
          where id = ${agreementId} and days_total is not null and days_used > 0
          returning id`,
    );
    return back.length > 0;
  }

  /**
   * Serialises the writes of one room's time ranges. The exclusion constraint alone keeps them
   * apart, but it checks after inserting: two transactions inserting clashing ranges at the same
   * moment each wait for the other, and PostgreSQL breaks the tie with a deadlock error. Taken
   * first, this lock makes the later one see the earlier one's booking and be refused as "taken".
   */
  async function lockRoomRanges(tx: Tx, resourceId: string) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`space-slots:${resourceId}`}, 0))`);
  }

  /** Serialises bookings of one person (and organisation) on one resource while quotas are counted. */
  async function lockQuota(tx: Tx, resourceId: string, key: string) {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`space-quota:${resourceId}:${key}`}, 0))`,
    );
  }

  async function checkQuota(
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

  function describeWhen(locale: Locale, b: { kind: 'desk' | 'slot'; startsAt: Date; endsAt: Date }) {
    if (b.kind === 'desk') return formatDateTime(locale, b.startsAt, 'date');
    return `${formatDateTime(locale, b.startsAt)}–${formatDateTime(locale, b.endsAt, 'time')}`;
  }

  async function mailTo(
    tx: Tx,
    userId: string,
    build: (who: { email: string; name: string; locale: Locale }) => Parameters<typeof enqueueMail>[1] | null,
  ) {
    const [u] = await queryRows<{ email: string; name: string; locale: Locale; deleted: boolean }>(
      tx,
      sql`select email, name, locale, deleted_at is not null as deleted from auth_user where id = ${userId}`,
    );
    if (!u || u.deleted) return;
    const req = build(u);
    if (req) await enqueueMail(tx, req);
  }

  /** Plans the reminder a day before; returns false (no reminder) when that moment has passed. */
  async function scheduleReminder(tx: Tx, id: string, startsAt: Date): Promise<boolean> {
    const runAt = new Date(startsAt.getTime() - REMINDER_BEFORE_MS);
    if (runAt.getTime() <= now().getTime()) return false;
    await enqueueJob(
      { db: tx as unknown as Db },
      {
        kind: 'spaces.reminder',
        payload: { bookingId: id, startsAt: startsAt.toISOString() },
        runAt,
        dedupeKey: `space-reminder:${id}:${startsAt.toISOString()}`,
      },
    );
    return true;
  }

  /** The bookings just made as an iCalendar file to attach to the confirmation. */
  function icsAttachment(
    locale: Locale,
    resourceName: string,
    items: Array<{ id: string; startsAt: Date; endsAt: Date; title: string }>,
  ): MailAttachment {
    const m = messages[locale].spacesFeeds;
    const t = now();
    return {
      filename: 'rezerwacja.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: icalendar({
        generatedAt: t,
        name: m.myCalendar,
        events: items.map((b) => ({
          uid: `booking-${b.id}@${host}`,
          start: b.startsAt,
          end: b.endsAt,
          summary: b.title ? `${resourceName}: ${b.title}` : resourceName,
          location: `${resourceName}, ul. Zabłocie 20–22, Kraków`,
          status: 'CONFIRMED',
          transparency: 'OPAQUE',
          url: bookingUrl(b.id),
          stamp: t,
        })),
      }),
    };
  }

  /** Alternatives shown when a room request clashes or breaks a calendar rule. */
  async function slotAlternatives(
    resource: ResourceRow,
    rules: BookingRules,
    wanted: Date,
    minutes: number,
  ): Promise<Slot[]> {
    const t = now();
    const wantedDay = warsawDate(wanted);
    const today = todayInWarsaw(t);
    const from = laterDay(wantedDay, today);
    const days = eachDay(laterDay(addDays(from, -3), today), addDays(from, 14));
    const closures = await closuresFor(db, resource.id, days[0]!, days.at(-1)!);
    const statuses = days.map((d) => dayStatus(resource.openingHours, closures, d));
    const busy = await busyBetween(
      db,
      resource.id,
      warsawInstant(days[0]!, '00:00'),
      warsawInstant(addDays(days.at(-1)!, 1), '00:00'),
    );
    return nearestSlots(statuses, busy, rules, wanted < t ? t : wanted, minutes, t);
  }

  /** Nearest open days with a free desk (at most three). */
  async function deskAlternatives(
    resource: ResourceRow,
    rules: BookingRules,
    wanted: LocalDate,
    userId: string,
  ) {
    const t = now();
    const today = todayInWarsaw(t);
    const lastDay = addDays(today, rules.horizonDays);
    const start = laterDay(wanted, today);
    const from = laterDay(addDays(start, -7), today);
    const to = earlierDay(addDays(start, 21), lastDay);
    if (from > to) return [];
    const closures = await closuresFor(db, resource.id, from, to);
    const free = await deskFreeByDay(db, resource, from, to);
    const mine = new Set(
      (
        await queryRows<{ day: string }>(
          db,
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

  /** Free desks per day of a pool (desks.ts). */
  function deskFreeByDay(executor: Db | Tx, resource: ResourceRow, from: LocalDate, to: LocalDate) {
    return freeDesksByDay(executor, resource, from, to);
  }

  /** Runs the rule check; a calendar RuleError gets the nearest free alternatives attached. */
  async function withAlternatives<T>(
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
          ? { days: await deskAlternatives(resource, rules, wanted.day, wanted.userId) }
          : { slots: await slotAlternatives(resource, rules, wanted.start, wanted.minutes) };
      throw new RuleError(err.code, err.field, err.status, { ...err.details, ...alternatives });
    }
  }

  function occurrences(date: LocalDate, weeks: number): LocalDate[] {
    return Array.from({ length: weeks }, (_, i) => addDays(date, 7 * i));
  }

  // -------------------------------------------------------------------------------------------
  // Creating.

  /**
   * Books for `actor`; with `onBehalf`, an officer books for the person `actor` (the subject): every
   * rule, quota, agreement and organisation is the subject's; the permission is the officer's.
   */
  async function create(
    actor: BookingActor,
    slug: string,
    input: BookingInput,
    onBehalf?: OnBehalf,
  ): Promise<CreatedBooking> {
    if (onBehalf) authorize(isStaff(onBehalf.officer) && onBehalf.officer.id !== actor.id);
    const resource = await resourceBySlug(slug);
    const org = await organisationFor(actor, input.organisation || undefined);
    const weeks = input.repeatWeeks ?? 1;
    const dates = occurrences(input.date, weeks);
    const t = now();
    const made =
      resource.kind === 'desk'
        ? await createDesk(actor, resource, org, dates, input, t, onBehalf)
        : await createSlots(actor, resource, org, dates, input, t, onBehalf);
    return made;
  }

  /** The audit rows of bookings an officer made for a person: by whom, for whom. */
  async function auditOnBehalf(tx: Tx, subject: BookingActor, onBehalf: OnBehalf | undefined, ids: string[]) {
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
    actor: BookingActor,
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
    const rules = await rulesFor(db, resource, { organisationKind: org?.kind });
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
    const closures = await closuresFor(db, resource.id, dates[0]!, dates.at(-1)!);
    const ranges = dates.map((d) => parseRange(d, input.from!, input.to!)!);
    const failures: SeriesFailure[] = [];
    await withAlternatives(
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
      await write(async (tx) => {
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
                  and tstzrange(coalesce(b.blocked_from, b.starts_at), b.blocked_until) && tstzrange(r.s, r.u))`,
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
            checkInTokenHash: checkInHash(ids[i]!),
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
            reminder = (await scheduleReminder(tx, ids[i]!, r.start)) || reminder;
        const url = bookingUrl(ids[0]!);
        await enqueueMail(
          tx,
          status === 'requested'
            ? {
                to: actor.email,
                name: actor.name,
                locale: actor.locale,
                userId: actor.id,
                template: 'bookingRequested',
                args: [resource.name, when(actor.locale), url],
              }
            : {
                to: actor.email,
                name: actor.name,
                locale: actor.locale,
                userId: actor.id,
                template: 'bookingConfirmed',
                args: [resource.name, when(actor.locale), url, reminder],
                attachments: [
                  icsAttachment(
                    actor.locale,
                    resource.name,
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
        const alternatives = await slotAlternatives(resource, rules, first.start, minutes);
        if (dates.length > 1)
          throw new RuleError('seriesClash', 'date', 409, { dates: [], failures: [], slots: alternatives });
        throw new RuleError('taken', 'from', 409, { slots: alternatives });
      }
      if (err instanceof RuleError && (err.code === 'taken' || err.code.startsWith('quota')))
        throw new RuleError(err.code, err.field, err.status, {
          ...err.details,
          slots: await slotAlternatives(resource, rules, first.start, minutes),
        });
      throw err;
    }
    return { ids, status, seriesId };
  }

  async function createDesk(
    actor: BookingActor,
    resource: ResourceRow,
    org: { id: string; kind: string } | null,
    dates: LocalDate[],
    input: BookingInput,
    t: Date,
    onBehalf?: OnBehalf,
  ): Promise<CreatedBooking> {
    if (input.from || input.to) throw new RuleError('deskWholeDay', 'from');
    const baseRules = await rulesFor(db, resource, { organisationKind: org?.kind });
    const closures = await closuresFor(db, resource.id, dates[0]!, dates.at(-1)!);
    const days = dates.map((d) => dayStatus(resource.openingHours, closures, d));
    const seriesId = dates.length > 1 ? uuidv7() : null;
    const ids = dates.map(() => uuidv7());
    const status: BookingStatus = baseRules.approval ? 'requested' : 'confirmed';
    return withAlternatives(
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
          await write(async (tx) => {
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
                await drawDay(tx, agreement.id, agreement.daysTotal);
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
                  checkInTokenHash: checkInHash(ids[i]!),
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
              for (const r of rows) reminder = (await scheduleReminder(tx, r.id, r.startsAt)) || reminder;
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
                    args: [resource.name, when, bookingUrl(first.id)],
                  }
                : {
                    to: actor.email,
                    name: actor.name,
                    locale: actor.locale,
                    userId: actor.id,
                    template: 'bookingConfirmed',
                    args: [resource.name, when, bookingUrl(first.id), reminder],
                    attachments: [icsAttachment(actor.locale, resource.name, rows)],
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

  function checkDeskDay(day: DayStatus, rules: BookingRules, t: Date) {
    checkDay(day, rules, t);
    if (day.open && day.closesAt.getTime() <= t.getTime()) throw new RuleError('past', 'date');
  }

  // -------------------------------------------------------------------------------------------
  // Reading.

  const bookingSelect = {
    id: spaceBookings.id,
    resourceId: spaceBookings.resourceId,
    kind: spaceBookings.kind,
    userId: spaceBookings.userId,
    organisationId: spaceBookings.organisationId,
    agreementId: spaceBookings.agreementId,
    seriesId: spaceBookings.seriesId,
    day: spaceBookings.day,
    startsAt: spaceBookings.startsAt,
    endsAt: spaceBookings.endsAt,
    status: spaceBookings.status,
    title: spaceBookings.title,
    attendees: spaceBookings.attendees,
    layout: spaceBookings.layout,
    notes: spaceBookings.notes,
    decisionReason: spaceBookings.decisionReason,
    cancelReason: spaceBookings.cancelReason,
    checkedInAt: spaceBookings.checkedInAt,
    checkInUntil: spaceBookings.checkInUntil,
    checkInTokenHash: spaceBookings.checkInTokenHash,
    createdAt: spaceBookings.createdAt,
    setupMinutes: spaceBookings.setupMinutes,
    teardownMinutes: spaceBookings.teardownMinutes,
    technicalNeeds: spaceBookings.technicalNeeds,
    cateringNeeds: spaceBookings.cateringNeeds,
    houseRulesAcceptedAt: spaceBookings.houseRulesAcceptedAt,
    holdUntil: spaceBookings.holdUntil,
    actedBy: spaceBookings.actedBy,
    resourceSlug: spaceResources.slug,
    resourceName: spaceResources.name,
    resourceKind: spaceResources.kind,
    rules: spaceResources.rules,
  };
  type SelectedBooking = {
    [K in keyof typeof bookingSelect]: (typeof bookingSelect)[K]['_']['notNull'] extends true
      ? (typeof bookingSelect)[K]['_']['data']
      : (typeof bookingSelect)[K]['_']['data'] | null;
  };

  async function toViews(
    actor: BookingActor,
    rows: SelectedBooking[],
    withPeople = false,
  ): Promise<BookingView[]> {
    const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
    const userIds = withPeople ? [...new Set(rows.map((r) => r.userId))] : [];
    const officerIds = [...new Set(rows.map((r) => r.actedBy).filter((x): x is string => !!x))];
    const officers = new Map(
      officerIds.length
        ? (
            await queryRows<{ id: string; name: string }>(
              db,
              sql`select id, name from auth_user where id in (${sql.join(
                officerIds.map((i) => sql`${i}`),
                sql`, `,
              )})`,
            )
          ).map((o) => [o.id, o])
        : [],
    );
    const [orgNames, people] = await Promise.all([
      deps.organisations.namesOf(orgIds),
      userIds.length
        ? queryRows<{ id: string; name: string; email: string }>(
            db,
            sql`select id, name, email from auth_user where id in ${sql`(${sql.join(
              userIds.map((i) => sql`${i}`),
              sql`, `,
            )})`}`,
          )
        : [],
    ]);
    const t = now();
    // Bookings made before self check-in existed get their token's hash the first time they are shown.
    const unhashed = rows.filter(
      (r) => r.checkInTokenHash === null && r.status === 'confirmed' && r.endsAt > t,
    );
    for (const r of unhashed)
      await db
        .update(spaceBookings)
        .set({ checkInTokenHash: checkInHash(r.id) })
        .where(and(eq(spaceBookings.id, r.id), isNull(spaceBookings.checkInTokenHash)));
    return rows.map((r) => {
      const deadline = new Date(r.startsAt.getTime() - r.rules.cancelHours * 60 * MINUTE);
      const live = (liveStatuses as readonly string[]).includes(r.status) && r.status !== 'checked_in';
      const own = can(actor, 'manage', r);
      const staff = can(actor, 'decide', r);
      const view: BookingView = {
        id: r.id,
        resource: { slug: r.resourceSlug, name: r.resourceName, kind: r.resourceKind },
        kind: r.kind,
        status: r.status,
        day: r.day,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        title: r.title,
        attendees: r.attendees,
        layout: r.layout,
        notes: r.notes,
        seriesId: r.seriesId,
        organisation:
          r.organisationId && orgNames.has(r.organisationId)
            ? { id: r.organisationId, name: orgNames.get(r.organisationId)! }
            : null,
        decisionReason: r.decisionReason,
        cancelReason: r.cancelReason,
        checkedInAt: r.checkedInAt,
        checkInUntil: r.checkInUntil,
        selfCheckIn:
          r.userId === actor.id && r.status === 'confirmed' && r.endsAt > t
            ? {
                url: checkInUrl(r.id),
                opensAt: new Date(r.startsAt.getTime() - CHECK_IN_EARLY_MS),
                closesAt: r.checkInUntil ?? r.endsAt,
              }
            : null,
        createdAt: r.createdAt,
        setupMinutes: r.setupMinutes,
        teardownMinutes: r.teardownMinutes,
        technicalNeeds: r.technicalNeeds,
        cateringNeeds: r.cateringNeeds,
        houseRulesAcceptedAt: r.houseRulesAcceptedAt,
        holdUntil: r.status === 'requested' ? r.holdUntil : null,
        actedBy: r.actedBy ? (officers.get(r.actedBy) ?? null) : null,
        deadline,
        can: {
          change: own && live && t < deadline,
          cancel: (own && live && t < deadline) || (staff && live && r.endsAt > t),
          decide: staff && r.status === 'requested',
          checkIn:
            staff && r.status === 'confirmed' && warsawDate(r.startsAt) <= todayInWarsaw(t) && r.endsAt > t,
        },
      };
      const person = people.find((p) => p.id === r.userId);
      if (person) view.person = person;
      return view;
    });
  }

  async function loadBooking(executor: Db | Tx, id: string): Promise<SelectedBooking> {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('booking');
    const [row] = await executor
      .select(bookingSelect)
      .from(spaceBookings)
      .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
      .where(eq(spaceBookings.id, id))
      .limit(1);
    if (!row) throw new NotFoundError('booking');
    return row as SelectedBooking;
  }

  /** Locks the bookings a condition selects, as plain rows (soonest first). */
  async function lockBookings(tx: Tx, where: ReturnType<typeof sql>): Promise<BookingRow[]> {
    const rows = await queryRows<BookingRow>(
      tx,
      sql`select id, resource_id as "resourceId", kind, user_id as "userId", organisation_id as "organisationId",
                 agreement_id as "agreementId", series_id as "seriesId", day::text as day,
                 starts_at as "startsAt", ends_at as "endsAt", status
          from space_booking where ${where} order by starts_at for update`,
    );
    return rows.map((row) => ({ ...row, startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt) }));
  }

  async function lockBooking(tx: Tx, id: string): Promise<BookingRow> {
    if (!z.uuid().safeParse(id).success) throw new NotFoundError('booking');
    const [row] = await lockBookings(tx, sql`id = ${id}`);
    if (!row) throw new NotFoundError('booking');
    return row;
  }

  /** Locks a booking being changed; refused if someone changed it since the person saw it. */
  async function lockUnchanged(tx: Tx, seen: { id: string; status: BookingStatus; startsAt: Date }) {
    const b = await lockBooking(tx, seen.id);
    if (b.status !== seen.status || b.startsAt.getTime() !== seen.startsAt.getTime())
      throw new RuleError('changedMeanwhile', undefined, 409);
    return b;
  }

  /** Frees what a booking held: its desk-day and the pass day it drew; true if a pass day came back. */
  async function release(tx: Tx, b: BookingRow, givePassDayBack: boolean): Promise<boolean> {
    if (b.kind !== 'desk' || !b.day) return false;
    await returnDesk(tx, b.resourceId, b.day);
    return givePassDayBack ? returnDay(tx, b.agreementId) : false;
  }

  /** The booking a self check-in token opens; an unknown or malformed token is "not found". */
  async function bookingByToken(executor: Db | Tx, token: string): Promise<SelectedBooking> {
    if (!CHECK_IN_TOKEN_SHAPE.test(token)) throw new NotFoundError('booking');
    const [row] = await executor
      .select(bookingSelect)
      .from(spaceBookings)
      .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
      .where(eq(spaceBookings.checkInTokenHash, hashCheckInToken(token)))
      .limit(1);
    // The hash matched; the token is also compared with the one we issue, in constant time.
    if (!row || !timingSafeEqual(Buffer.from(checkInToken(row.id)), Buffer.from(token)))
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

  async function resourceOf(executor: Db | Tx, resourceId: string): Promise<ResourceRow> {
    const [r] = await executor
      .select()
      .from(spaceResources)
      .where(eq(spaceResources.id, resourceId))
      .limit(1);
    if (!r) throw new NotFoundError('resource');
    return r;
  }

  /** Mail and reminder after a change. */
  async function afterChange(
    tx: Tx,
    actor: BookingActor,
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
      args: [resource.name, before, describeWhen(actor.locale, after), bookingUrl(id)],
    });
    await scheduleReminder(tx, id, after.startsAt);
  }

  /** Staff decide on a request. */
  async function decide(
    actor: BookingActor,
    id: string,
    to: 'confirmed' | 'declined',
    reason?: string,
  ): Promise<void> {
    if (!isStaff(actor)) throw new ForbiddenError();
    await write(async (tx) => {
      const b = await lockBooking(tx, id);
      if (b.status !== 'requested') throw new RuleError('alreadyDecided', undefined, 409);
      const resource = await resourceOf(tx, b.resourceId);
      await tx
        .update(spaceBookings)
        .set({
          status: to,
          decidedBy: actor.id,
          decidedAt: now(),
          decisionReason: reason ?? null,
          updatedAt: now(),
        })
        .where(eq(spaceBookings.id, id));
      if (to === 'declined') await release(tx, b, true);
      else await scheduleReminder(tx, id, b.startsAt);
      await audit(tx, actor, {
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
              args: [resource.name, describeWhen(u.locale, b), bookingUrl(id)],
            }
          : {
              to: u.email,
              name: u.name,
              locale: u.locale,
              userId: b.userId,
              template: 'bookingDeclined',
              args: [
                resource.name,
                describeWhen(u.locale, b),
                reason ?? '',
                `${baseUrl}/przestrzenie/${resource.slug}`,
              ],
            },
      );
    });
  }

  async function loadResources(): Promise<ResourceView[]> {
    const rows = await queryRows<ResourceView & { zoneSlug: string; zoneName: string; building: string }>(
      db,
      sql`select r.id, r.slug, r.kind, r.name, r.description, r.capacity, r.equipment, r.accessibility, r.layouts,
                 r.photos, r.opening_hours as "openingHours", r.rules,
                 z.slug as "zoneSlug", z.name as "zoneName", b.name as building
          from space_resource r join place_zone z on z.id = r.zone_id join place_building b on b.id = z.building_id
          where r.active
          order by b.position, z.position, r.position, r.name`,
    );
    return rows.map(({ zoneSlug, zoneName, building, ...r }) => ({
      ...r,
      zone: { slug: zoneSlug, name: zoneName, building },
    }));
  }

  async function loadAvailability(slug: string, from: LocalDate, to: LocalDate): Promise<DayAvailability[]> {
    const resource = await resourceBySlug(slug);
    const t = now();
    // Closures and bookings are read at once (two queries in flight, one round trip of waiting).
    const [closures, busy, free] = await Promise.all([
      closuresFor(db, resource.id, from, to),
      resource.kind === 'desk'
        ? Promise.resolve([])
        : busyBetween(db, resource.id, warsawInstant(from, '00:00'), warsawInstant(addDays(to, 1), '00:00')),
      resource.kind === 'desk'
        ? deskFreeByDay(db, resource, from, to)
        : Promise.resolve(new Map<string, number>()),
    ]);
    const days = eachDay(from, to).map((d) => dayStatus(resource.openingHours, closures, d));
    if (resource.kind === 'desk') {
      return days.map((d) => ({
        ...dayFields(d),
        busy: [],
        free: [],
        desks: d.open
          ? { total: resource.capacity, free: d.closesAt > t ? (free.get(d.date) ?? 0) : 0 }
          : null,
      }));
    }
    return days.map((d) => {
      const own = d.open ? busy.filter((b) => b.start < d.closesAt && b.blockedUntil > d.opensAt) : [];
      return {
        ...dayFields(d),
        busy: own.map((b) => ({ start: b.start, end: b.end, status: b.status })),
        free: freeIntervals(d, own, t, resource.rules),
        desks: null,
      };
    });
  }

  return {
    create,

    /** Active resources for the public list, in display order, with their zone and building (cached). */
    async resources(): Promise<ResourceView[]> {
      return resourcesCache('all', loadResources);
    },

    async resource(slug: string): Promise<ResourceView> {
      const r = (await resourcesCache('all', loadResources)).find((x) => x.slug === slug);
      if (!r) throw new NotFoundError('resource');
      return r;
    },

    /**
     * Availability of a resource day by day over [from, to] (at most 62 days): opening, closures and
     * holidays; for rooms the busy and free ranges (no names), for desk pools the free desks. Kept
     * for AVAILABILITY_TTL_MS (changes.ts); the key holds the minute, as the answer depends on it.
     */
    async availability(slug: string, from: LocalDate, to: LocalDate): Promise<DayAvailability[]> {
      if (!isLocalDate(from) || !isLocalDate(to)) throw new RuleError('invalidDate', 'from');
      if (to < from) throw new RuleError('reversedRange', 'to');
      if (daysBetween(from, to) + 1 > 62) throw new RuleError('rangeTooLong', 'to');
      const minute = Math.floor(now().getTime() / MINUTE);
      return availabilityCache(`${slug}|${from}|${to}|${minute}`, () => loadAvailability(slug, from, to));
    },

    /** Several bookings at once (a series just made), for their author or staff, in the order asked. */
    async getMany(actor: BookingActor, ids: readonly string[]): Promise<BookingView[]> {
      if (ids.length === 0) return [];
      const rows = (
        await db
          .select(bookingSelect)
          .from(spaceBookings)
          .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
          .where(inArray(spaceBookings.id, [...ids]))
      ).filter((r) => can(actor, 'view', r)) as SelectedBooking[];
      const views = await toViews(actor, rows, isStaff(actor));
      return ids.flatMap((id) => views.filter((v) => v.id === id));
    },

    /** One booking, for its author or staff. */
    async get(actor: BookingActor, id: string): Promise<BookingView> {
      const row = await loadBooking(db, id);
      if (!can(actor, 'view', row)) throw new NotFoundError('booking');
      const [view] = await toViews(actor, [row], isStaff(actor));
      return view!;
    },

    /**
     * The person's bookings: upcoming (soonest first) or past (latest first), with an opaque cursor
     * over (starts_at, id) so pages never skip or repeat a booking. One query a page.
     */
    async mineByCursor(
      actor: BookingActor,
      opts: { scope: 'upcoming' | 'past' | 'cancelled'; cursor?: string | undefined; limit?: number },
    ): Promise<{ items: BookingView[]; nextCursor: string | null }> {
      const limit = Math.max(1, Math.min(opts.limit ?? PAGE_SIZE, 100));
      const after = opts.cursor ? decodeBookingCursor(opts.cursor) : null;
      if (opts.cursor && !after) throw new RuleError('invalidCursor', 'cursor', 400);
      const t = now();
      const upcoming = opts.scope === 'upcoming';
      // Cancelled and declined bookings are neither ahead nor behind: they have their own list.
      const withdrawn = inArray(spaceBookings.status, ['cancelled', 'declined']);
      const when =
        opts.scope === 'cancelled'
          ? withdrawn
          : and(not(withdrawn), upcoming ? gt(spaceBookings.endsAt, t) : lt(spaceBookings.endsAt, t));
      const rows = await db
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
        items: await toViews(actor, page),
        nextCursor: rows.length > limit && last ? encodeBookingCursor(last.startsAt, last.id) : null,
      };
    },

    /** Staff: requests awaiting a decision, soonest first. */
    async requests(actor: BookingActor): Promise<BookingView[]> {
      authorize(isStaff(actor));
      const rows = await db
        .select(bookingSelect)
        .from(spaceBookings)
        .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
        .where(and(eq(spaceBookings.status, 'requested'), gt(spaceBookings.endsAt, now())))
        .orderBy(asc(spaceBookings.startsAt), asc(spaceBookings.id))
        .limit(200);
      return toViews(actor, rows as SelectedBooking[], true);
    },

    /** Staff: every booking of one day (for check-in at the desk), by resource and start. */
    async day(actor: BookingActor, date: LocalDate): Promise<BookingView[]> {
      authorize(isStaff(actor));
      if (!isLocalDate(date)) throw new RuleError('invalidDate', 'date');
      const from = warsawInstant(date, '00:00');
      const to = warsawInstant(addDays(date, 1), '00:00');
      const rows = await db
        .select(bookingSelect)
        .from(spaceBookings)
        .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
        .where(and(lt(spaceBookings.startsAt, to), gt(spaceBookings.endsAt, from)))
        .orderBy(asc(spaceResources.position), asc(spaceBookings.startsAt), asc(spaceBookings.id))
        .limit(1000);
      return toViews(actor, rows as SelectedBooking[], true);
    },

    /**
     * Cancels a booking: its author until the deadline (whatever their role); staff at any time
     * with a reason, which is audited and mailed to the person.
     */
    async cancel(actor: BookingActor, id: string, reason?: string): Promise<void> {
      await write(async (tx) => {
        const b = await lockBooking(tx, id);
        if (!can(actor, 'view', b)) throw new NotFoundError('booking');
        const resource = await resourceOf(tx, b.resourceId);
        const byStaff = can(actor, 'decide', b) && !!reason;
        if (!(liveStatuses as readonly string[]).includes(b.status) || b.status === 'checked_in')
          throw new RuleError('notCancellable', undefined, 409);
        if (b.endsAt <= now()) throw new RuleError('notCancellable', undefined, 409);
        if (!byStaff && !can(actor, 'manage', b)) throw new RuleError('reasonRequired', 'reason');
        const deadline = new Date(b.startsAt.getTime() - resource.rules.cancelHours * 60 * MINUTE);
        if (!byStaff && now() > deadline) throw new RuleError('pastDeadline', undefined, 422, { deadline });
        await tx
          .update(spaceBookings)
          .set({
            status: 'cancelled',
            cancelledAt: now(),
            cancelReason: reason ?? null,
            updatedAt: now(),
          })
          .where(eq(spaceBookings.id, b.id));
        await release(tx, b, true);
        if (byStaff) {
          await audit(tx, actor, {
            action: 'space_booking.cancelled',
            entityType: 'space_booking',
            entityId: b.id,
            before: { status: b.status },
            after: { status: 'cancelled', reason },
          });
        }
        await mailTo(tx, b.userId, (u) => ({
          to: u.email,
          name: u.name,
          locale: u.locale,
          userId: b.userId,
          template: 'bookingCancelled',
          args: [resource.name, describeWhen(u.locale, b), byStaff ? (reason ?? null) : null, mineUrl],
        }));
      });
    },

    /**
     * Cancels, in one transaction, every future occurrence of the person's series still within its
     * deadline; one e-mail lists how many. Returns how many were cancelled.
     */
    async cancelSeries(actor: BookingActor, id: string): Promise<number> {
      const first = await loadBooking(db, id);
      if (!can(actor, 'manage', first) || !first.seriesId) throw new NotFoundError('booking');
      return write(async (tx) => {
        const t = now();
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
        for (const b of open) await release(tx, b, true);
        await mailTo(tx, actor.id, (u) => ({
          to: u.email,
          name: u.name,
          locale: u.locale,
          userId: actor.id,
          template: 'bookingCancelled',
          args: [
            resource.name,
            describeWhen(u.locale, open[0]!) + (open.length > 1 ? ` (+${open.length - 1})` : ''),
            null,
            mineUrl,
          ],
        }));
        return open.length;
      });
    },

    /** Moves a booking to another time (room) or day (desk), until the deadline; all rules apply again. */
    async change(actor: BookingActor, id: string, input: ChangeInput): Promise<void> {
      const current = await loadBooking(db, id);
      if (!can(actor, 'manage', current)) throw new NotFoundError('booking');
      const resource = await resourceOf(db, current.resourceId);
      const t = now();
      const deadline = new Date(current.startsAt.getTime() - resource.rules.cancelHours * 60 * MINUTE);
      if (t > deadline) throw new RuleError('pastDeadline', undefined, 422, { deadline });
      if (!(current.status === 'requested' || current.status === 'confirmed'))
        throw new RuleError('notCancellable', undefined, 409);
      const orgKind = current.organisationId
        ? ((await deps.organisations.mine(actor)).find((o) => o.id === current.organisationId)?.kind ?? null)
        : null;
      const closures = await closuresFor(db, resource.id, input.date, input.date);
      const day = dayStatus(resource.openingHours, closures, input.date);
      const before = describeWhen(actor.locale, current);
      if (resource.kind === 'desk') {
        if (input.from || input.to) throw new RuleError('deskWholeDay', 'from');
        const rules = await rulesFor(db, resource, { organisationKind: orgKind });
        await withAlternatives(
          resource,
          rules,
          { start: t, minutes: 0, day: input.date, userId: actor.id },
          async () => {
            checkDeskDay(day, rules, t);
            if (!day.open) return;
            try {
              await write(async (tx) => {
                const b = await lockUnchanged(tx, current);
                await release(tx, b, true);
                const agreement = await usableAgreement(tx, actor.id, input.date);
                await takeDesk(tx, resource.id, input.date);
                await drawDay(tx, agreement.id, agreement.daysTotal);
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
                    updatedAt: now(),
                  })
                  .where(eq(spaceBookings.id, id));
                await afterChange(tx, actor, resource, id, before, {
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
      const rules = await rulesFor(db, resource, { organisationKind: orgKind });
      const minutes = Math.round((range.end.getTime() - range.start.getTime()) / MINUTE);
      await withAlternatives(
        resource,
        rules,
        { start: range.start, minutes, day: input.date, userId: actor.id },
        async () => {
          checkSlot(rules, day, range.start, range.end, t);
          try {
            await write(async (tx) => {
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
                  holdUntil: rules.approval ? holdLapsesAt(now(), range.start) : null,
                  updatedAt: now(),
                })
                .where(eq(spaceBookings.id, id));
              await afterChange(tx, actor, resource, id, before, {
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
    },

    /** Staff approve a request (the event space). */
    async approve(actor: BookingActor, id: string): Promise<void> {
      await decide(actor, id, 'confirmed');
    },

    /** Staff decline a request with a reason; the time is free again. */
    async decline(actor: BookingActor, id: string, reason: string): Promise<void> {
      await decide(actor, id, 'declined', reason);
    },

    /** Staff confirm the person came (from the day the booking starts until it ends). */
    async checkIn(actor: BookingActor, id: string): Promise<void> {
      if (!isStaff(actor)) throw new ForbiddenError();
      await write(async (tx) => {
        const b = await lockBooking(tx, id);
        if (b.status !== 'confirmed') throw new RuleError('notCheckable', undefined, 409);
        const t = now();
        if (warsawDate(b.startsAt) > todayInWarsaw(t) || b.endsAt <= t)
          throw new RuleError('notCheckable', undefined, 409);
        await tx
          .update(spaceBookings)
          .set({ status: 'checked_in', checkedInAt: t, checkedInBy: actor.id, updatedAt: now() })
          .where(eq(spaceBookings.id, id));
        await audit(tx, actor, {
          action: 'space_booking.checked_in',
          entityType: 'space_booking',
          entityId: id,
          before: { status: b.status },
          after: { status: 'checked_in' },
        });
      });
    },

    /**
     * Releases confirmed bookings nobody checked in for by their check-in deadline (a job runs it
     * every few minutes). The desk returns to the pool and the pass day drawn is given back; the
     * person is told both. Returns how many were released.
     */
    async releaseNoShows(): Promise<number> {
      const t = now();
      return write(async (tx) => {
        const rows = await queryRows<BookingRow & { resourceName: string }>(
          tx,
          sql`select b.id, b.resource_id as "resourceId", b.kind, b.user_id as "userId", b.organisation_id as "organisationId",
                     b.agreement_id as "agreementId", b.series_id as "seriesId", b.day::text as day,
                     b.starts_at as "startsAt", b.ends_at as "endsAt", b.status, r.name as "resourceName"
              from space_booking b join space_resource r on r.id = b.resource_id
              where b.status = 'confirmed' and b.check_in_until is not null and b.check_in_until < ${t}
              order by b.check_in_until
              limit 500
              for update of b skip locked`,
        );
        for (const raw of rows) {
          const b = { ...raw, startsAt: new Date(raw.startsAt), endsAt: new Date(raw.endsAt) };
          await tx
            .update(spaceBookings)
            .set({ status: 'released', updatedAt: now() })
            .where(eq(spaceBookings.id, b.id));
          const dayReturned = await release(tx, b, true);
          if (b.endsAt > t || dayReturned)
            await mailTo(tx, b.userId, (u) => ({
              to: u.email,
              name: u.name,
              locale: u.locale,
              userId: b.userId,
              template: 'bookingReleased',
              args: [raw.resourceName, describeWhen(u.locale, b), mineUrl, dayReturned],
            }));
        }
        return rows.length;
      });
    },

    /**
     * Frees requests whose tentative hold lapsed before staff decided (a job runs it every few
     * minutes): the time is free again and the person is told. Returns how many lapsed.
     */
    async lapseHolds(): Promise<number> {
      const t = now();
      return write(async (tx) => {
        const rows = await queryRows<BookingRow & { resourceName: string; resourceSlug: string }>(
          tx,
          sql`select b.id, b.kind, b.user_id as "userId", b.starts_at as "startsAt", b.ends_at as "endsAt",
                     b.status, r.name as "resourceName", r.slug as "resourceSlug"
              from space_booking b join space_resource r on r.id = b.resource_id
              where b.status = 'requested' and b.hold_until is not null and b.hold_until <= ${t}
              order by b.hold_until
              limit 500
              for update of b skip locked`,
        );
        for (const raw of rows) {
          const b = { ...raw, startsAt: new Date(raw.startsAt), endsAt: new Date(raw.endsAt) };
          await tx
            .update(spaceBookings)
            .set({ status: 'released', updatedAt: now() })
            .where(eq(spaceBookings.id, b.id));
          await mailTo(tx, b.userId, (u) => ({
            to: u.email,
            name: u.name,
            locale: u.locale,
            userId: b.userId,
            template: 'bookingLapsed',
            args: [
              raw.resourceName,
              describeWhen(u.locale, b),
              `${baseUrl}/przestrzenie/${raw.resourceSlug}`,
            ],
          }));
        }
        return rows.length;
      });
    },

    /** Sends the reminder of one booking, if it still stands at the time it was planned for. */
    async remind(bookingId: string, startsAt: string): Promise<void> {
      await write(async (tx) => {
        const [b] = await queryRows<BookingRow & { resourceName: string }>(
          tx,
          sql`select b.id, b.kind, b.user_id as "userId", b.starts_at as "startsAt", b.ends_at as "endsAt", b.status,
                     r.name as "resourceName"
              from space_booking b join space_resource r on r.id = b.resource_id where b.id = ${bookingId}`,
        );
        if (b?.status !== 'confirmed' || new Date(b.startsAt).toISOString() !== startsAt) return;
        const booking = { ...b, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) };
        // A reminder that comes late (the worker was stopped) is no reminder once the booking began.
        if (booking.startsAt <= now()) return;
        await mailTo(tx, b.userId, (u) => ({
          to: u.email,
          name: u.name,
          locale: u.locale,
          userId: b.userId,
          template: 'bookingReminder',
          args: [b.resourceName, describeWhen(u.locale, booking), bookingUrl(b.id)],
        }));
      });
    },

    /**
     * What opening a self check-in link would do for this person now: the booking (when it is
     * theirs) and whether check-in is open, or why not. An unknown token is "not found".
     */
    async checkInPreview(
      actor: BookingActor,
      token: string,
    ): Promise<{ state: CheckInState; booking: BookingView | null }> {
      const row = await bookingByToken(db, token);
      if (row.userId !== actor.id) return { state: 'notYours', booking: null };
      const [view] = await toViews(actor, [row]);
      return { state: checkInStateOf(row, now()), booking: view! };
    },

    /**
     * Self check-in: the booking's person, with the token from its QR code, within the window
     * (from CHECK_IN_EARLY_MS before the start until the check-in deadline). Refused with the
     * state's code otherwise; checking in twice is refused as already checked in.
     */
    async selfCheckIn(actor: BookingActor, token: string): Promise<string> {
      return write(async (tx) => {
        const found = await bookingByToken(tx, token);
        const b = await lockBooking(tx, found.id);
        if (b.userId !== actor.id) throw new RuleError('checkIn_notYours', undefined, 403);
        const [row] = await queryRows<{ checkInUntil: Date | null; checkedInAt: Date | null }>(
          tx,
          sql`select check_in_until as "checkInUntil", checked_in_at as "checkedInAt" from space_booking where id = ${b.id}`,
        );
        const checkInUntil = row?.checkInUntil ? new Date(row.checkInUntil) : null;
        const state = checkInStateOf({ ...b, checkInUntil }, now());
        if (state !== 'open')
          throw new RuleError(`checkIn_${state}`, undefined, 409, {
            opensAt: new Date(b.startsAt.getTime() - CHECK_IN_EARLY_MS),
            closesAt: checkInUntil ?? b.endsAt,
            checkedInAt: row?.checkedInAt ? new Date(row.checkedInAt) : null,
          });
        const t = now();
        await tx
          .update(spaceBookings)
          .set({ status: 'checked_in', checkedInAt: t, checkedInBy: actor.id, updatedAt: t })
          .where(eq(spaceBookings.id, b.id));
        return b.id;
      });
    },

    /** Closures of a resource over a range (for the calendar page; kept like availability). */
    async closures(resourceId: string, from: LocalDate, to: LocalDate): Promise<Closure[]> {
      return closuresCache(`${resourceId}|${from}|${to}`, () => closuresFor(db, resourceId, from, to));
    },
  };
}
export type BookingsService = ReturnType<typeof bookingsService>;

/** An opaque position in a list of bookings: the last one's start and id. */
export function encodeBookingCursor(startsAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ s: startsAt.toISOString(), id })).toString('base64url');
}

export function decodeBookingCursor(cursor: string): { startsAt: Date; id: string } | null {
  if (cursor.length > 200) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; id?: unknown };
    if (typeof v.s !== 'string' || typeof v.id !== 'string' || !z.uuid().safeParse(v.id).success) return null;
    const startsAt = new Date(v.s);
    // Only an instant we could have written (an edited cursor must not reach the database).
    return Number.isFinite(startsAt.getTime()) &&
      startsAt.toISOString() === v.s &&
      isLocalDate(v.s.slice(0, 10))
      ? { startsAt, id: v.id }
      : null;
  } catch {
    return null;
  }
}

function dayFields(d: DayStatus): Pick<DayAvailability, 'date' | 'open' | 'opensAt' | 'closesAt' | 'closed'> {
  if (d.open) return { date: d.date, open: true, opensAt: d.opensAt, closesAt: d.closesAt, closed: null };
  const closed: NonNullable<DayAvailability['closed']> = { reason: d.reason };
  if (d.holiday) closed.holiday = d.holiday;
  if (d.closure) closed.closure = d.closure;
  return { date: d.date, open: false, opensAt: null, closesAt: null, closed };
}

/** The spaces module's part of "download my data" and "delete my account". */
export function spacesPrivacy(db: Db, clock: Clock): PersonalDataContributor {
  return {
    name: 'spaces',
    async exportFor(userId) {
      const [bookings, agreements] = await Promise.all([
        queryRows(
          db,
          sql`select b.id, r.name as resource, b.kind, b.day::text as day, b.starts_at, b.ends_at, b.status, b.title,
                     b.attendees, b.notes, b.created_at, b.cancelled_at, b.cancel_reason, b.decision_reason
              from space_booking b join space_resource r on r.id = b.resource_id
              where b.user_id = ${userId} order by b.starts_at`,
        ),
        queryRows(
          db,
          sql`select a.id, a.number, p.name as package, a.status, a.applicant_kind, a.starts_on::text as starts_on,
                     a.ends_on::text as ends_on, a.days_total, a.days_used, a.price_grosze, a.message, a.decision_reason,
                     a.created_at, a.concluded_at, a.ended_at, a.end_reason
              from space_agreement a join space_package p on p.id = a.package_id
              where a.user_id = ${userId} order by a.created_at`,
        ),
      ]);
      return { bookings, agreements };
    },
    async eraseFor(userId, tx) {
      // Future bookings give their desk back; then every booking and the calendar feed go.
      // Agreements are contracts the city must keep: they stay, tied to the anonymised account.
      const future = await queryRows<BookingRow>(
        tx,
        sql`select id, resource_id as "resourceId", kind, day::text as day, agreement_id as "agreementId"
            from space_booking where user_id = ${userId} and status in ('requested','confirmed','checked_in')
              and kind = 'desk' and ends_at > ${clock.now()} for update`,
      );
      for (const b of future) if (b.day) await returnDesk(tx, b.resourceId, b.day);
      await tx.execute(sql`delete from space_booking where user_id = ${userId}`);
      await tx.execute(sql`delete from space_feed where user_id = ${userId}`);
    },
  };
}
