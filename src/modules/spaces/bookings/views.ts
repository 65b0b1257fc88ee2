// View models, and booking rows mapped to the views their reader may see.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../../db/client.ts';
import { type Localized, localized } from '../../../platform/content.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { type LocalDate, todayInWarsaw, warsawDate } from '../../../platform/time/warsaw.ts';
import type { Slot } from '../calendar.ts';
import { bookingPolicy } from '../policy.ts';
import {
  type BookingRules,
  type BookingStatus,
  type Layout,
  liveStatuses,
  type OpeningHours,
  type Photo,
  type ResourceKind,
  spaceBookings,
  spaceResources,
} from '../schema.ts';
import { type BookingsContext, CHECK_IN_EARLY_MS, MINUTE } from './context.ts';

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
  /** The resource's name in the three languages (the reader sees theirs, else the Polish one). */
  resourceNames: Localized;
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

export const bookingSelect = {
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
  resourceNameI18n: spaceResources.nameI18n,
  resourceKind: spaceResources.kind,
  rules: spaceResources.rules,
};

export type SelectedBooking = {
  [K in keyof typeof bookingSelect]: (typeof bookingSelect)[K]['_']['notNull'] extends true
    ? (typeof bookingSelect)[K]['_']['data']
    : (typeof bookingSelect)[K]['_']['data'] | null;
};

export async function toViews(
  svc: BookingsContext,
  ctx: RequestContext<PolicyActor>,
  rows: SelectedBooking[],
  withPeople = false,
): Promise<BookingView[]> {
  const actor = ctx.actor;
  const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
  const userIds = withPeople ? [...new Set(rows.map((r) => r.userId))] : [];
  const officerIds = [...new Set(rows.map((r) => r.actedBy).filter((x): x is string => !!x))];
  const officers = new Map(
    officerIds.length
      ? (
          await queryRows<{ id: string; name: string }>(
            svc.db,
            sql`select id, name from auth_user where id in (${sql.join(
              officerIds.map((i) => sql`${i}`),
              sql`, `,
            )})`,
          )
        ).map((o) => [o.id, o])
      : [],
  );
  const [orgNames, people] = await Promise.all([
    svc.deps.organisations.namesOf(orgIds),
    userIds.length
      ? queryRows<{ id: string; name: string; email: string }>(
          svc.db,
          sql`select id, name, email from auth_user where id in ${sql`(${sql.join(
            userIds.map((i) => sql`${i}`),
            sql`, `,
          )})`}`,
        )
      : [],
  ]);
  const t = ctx.now;
  // Bookings made before self check-in existed get their token's hash the first time they are shown.
  const unhashed = rows.filter(
    (r) => r.checkInTokenHash === null && r.status === 'confirmed' && r.endsAt > t,
  );
  for (const r of unhashed)
    await svc.db
      .update(spaceBookings)
      .set({ checkInTokenHash: svc.checkInHash(r.id) })
      .where(and(eq(spaceBookings.id, r.id), isNull(spaceBookings.checkInTokenHash)));
  return rows.map((r) => {
    const deadline = new Date(r.startsAt.getTime() - r.rules.cancelHours * 60 * MINUTE);
    const live = (liveStatuses as readonly string[]).includes(r.status) && r.status !== 'checked_in';
    const own = bookingPolicy.can(actor, 'manage', r);
    const staff = bookingPolicy.can(actor, 'decide', r);
    const view: BookingView = {
      id: r.id,
      resource: { slug: r.resourceSlug, name: r.resourceName, kind: r.resourceKind },
      resourceNames: localized(r.resourceName, r.resourceNameI18n),
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
              url: svc.checkInUrl(r.id),
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
