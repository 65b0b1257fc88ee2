// Spaces of the cluster: bookable resources (a pool of coworking desks, rooms, the event space),
// their opening hours, closures and booking rules; desk-use packages and agreements; bookings.
//
// The rules concurrency could break are kept by the database (see migration 0002):
// - no two live bookings of one room overlap, buffer included: an exclusion constraint on
//   tstzrange(starts_at, blocked_until) per resource (btree_gist);
// - no day has more desk bookings than desks: space_desk_day.booked <= capacity, changed only under
//   that row's lock (UPDATE … WHERE booked < capacity) in the booking's transaction;
// - a pass never draws more days than it holds: days_used <= days_total;
// - no desk is fixed for two agreements over overlapping periods (exclusion on a daterange).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';
import type { Translations } from '../../platform/content.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Calendar days are kept as 'YYYY-MM-DD' strings: they mean a day in Warsaw, not an instant. */
const day = (name: string) => date(name, { mode: 'string' });

/**
 * desk: a pool of desks booked for a whole day (capacity = number of desks);
 * room: booked for a time range, one booking at a time;
 * event_space: like a room, but every booking is a request staff approve.
 */
export const resourceKinds = ['desk', 'room', 'event_space'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** Opening hours per ISO weekday, Monday first; null: closed that weekday. */
export type OpeningHours = Array<{ open: string; close: string } | null>;

/** How a resource may be booked. Overridable per package or organisation kind. */
export interface BookingRules {
  /** Shortest and longest booking, minutes (room and event space). */
  minMinutes: number;
  maxMinutes: number;
  /** Bookings start and end on this grid, minutes from opening (room and event space). */
  stepMinutes: number;
  /** Latest notice: a booking must be made at least this many minutes before it starts. */
  minNoticeMinutes: number;
  /** Earliest notice, how far ahead: a booking may start at most this many days from today. */
  horizonDays: number;
  /** Cancelling or changing is possible until this many hours before the start. */
  cancelHours: number;
  /** Free time kept after every booking (cleaning, changing the layout), minutes. */
  bufferMinutes: number;
  /** Every booking is a request that staff approve or decline. */
  approval: boolean;
  /** Bookings per person, and per organisation, in one ISO week; null: no limit. */
  perPersonWeek: number | null;
  perOrganisationWeek: number | null;
  /** A booking not checked in this many minutes after its start is released; null: no check-in. */
  checkInGraceMinutes: number | null;
}

export interface Layout {
  key: string;
  name: string;
  capacity: number;
}

export interface Photo {
  path: string;
  alt: string;
}

export const spaceResources = pgTable(
  'space_resource',
  {
    id: uuid('id').primaryKey(),
    /** A zone of the places module (foreign key in migration 0002). */
    zoneId: uuid('zone_id').notNull(),
    slug: text('slug').notNull().unique(),
    kind: text('kind').$type<ResourceKind>().notNull(),
    /** In Polish; the translations are in name_i18n (platform/content.ts). */
    name: text('name').notNull(),
    nameI18n: jsonb('name_i18n').$type<Translations>().notNull().default({}),
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
    /** People the room holds; for a desk pool: the number of desks. */
    capacity: integer('capacity').notNull(),
    equipment: jsonb('equipment').$type<string[]>().notNull().default([]),
    accessibility: text('accessibility').notNull().default(''),
    layouts: jsonb('layouts').$type<Layout[]>().notNull().default([]),
    photos: jsonb('photos').$type<Photo[]>().notNull().default([]),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    rules: jsonb('rules').$type<BookingRules>().notNull(),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('space_resource_kind_check', sql`${t.kind} in ('desk','room','event_space')`),
    check('space_resource_capacity_check', sql`${t.capacity} between 1 and 10000`),
  ],
);

export const applicantKinds = ['standard', 'incubator_startup', 'ngo'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];

export const packageKinds = ['day_pass', 'multi_day_pass', 'monthly_hot_desk', 'monthly_fixed_desk'] as const;
export type PackageKind = (typeof packageKinds)[number];

/** A desk-use package: what an agreement gives and what it costs. */
export const spacePackages = pgTable(
  'space_package',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    kind: text('kind').$type<PackageKind>().notNull(),
    name: text('name').notNull(),
    nameI18n: jsonb('name_i18n').$type<Translations>().notNull().default({}),
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
    /** Desk-days the package holds (passes); null: every opening day of the period. */
    days: integer('days'),
    /** How long an agreement on this package lasts, in months. */
    months: integer('months').notNull(),
    /** A fixed desk is assigned by staff for the whole period. */
    fixedDesk: boolean('fixed_desk').notNull().default(false),
    priceGrosze: integer('price_grosze').notNull(),
    /** Reduced prices per kind of applicant, grosze. */
    reducedPrices: jsonb('reduced_prices')
      .$type<Partial<Record<ApplicantKind, number>>>()
      .notNull()
      .default({}),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'space_package_kind_check',
      sql`${t.kind} in ('day_pass','multi_day_pass','monthly_hot_desk','monthly_fixed_desk')`,
    ),
    check('space_package_days_check', sql`${t.days} is null or ${t.days} between 1 and 366`),
    check('space_package_months_check', sql`${t.months} between 1 and 24`),
    check('space_package_price_check', sql`${t.priceGrosze} >= 0`),
  ],
);

/** Rules that replace a resource's own for holders of a package or for an organisation kind. */
export const spaceRuleOverrides = pgTable(
  'space_rule_override',
  {
    id: uuid('id').primaryKey(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => spaceResources.id, { onDelete: 'cascade' }),
    packageId: uuid('package_id').references(() => spacePackages.id, { onDelete: 'cascade' }),
    /** An organisation kind (organisations module). */
    organisationKind: text('organisation_kind'),
    rules: jsonb('rules').$type<Partial<BookingRules>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('space_rule_override_target_check', sql`num_nonnulls(${t.packageId}, ${t.organisationKind}) = 1`),
    uniqueIndex('space_rule_override_package_idx').on(t.resourceId, t.packageId),
    uniqueIndex('space_rule_override_kind_idx').on(t.resourceId, t.organisationKind),
  ],
);

/** The numbered desks of a desk pool; staff may fix one for an agreement. */
export const spaceDesks = pgTable(
  'space_desk',
  {
    id: uuid('id').primaryKey(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => spaceResources.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    label: text('label').notNull().default(''),
  },
  (t) => [uniqueIndex('space_desk_number_idx').on(t.resourceId, t.number)],
);

/** Days a resource (or, with no resource, every resource) is closed, besides public holidays. */
export const spaceClosures = pgTable(
  'space_closure',
  {
    id: uuid('id').primaryKey(),
    resourceId: uuid('resource_id').references(() => spaceResources.id, { onDelete: 'cascade' }),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('space_closure_range_check', sql`${t.endsOn} >= ${t.startsOn}`),
    index('space_closure_range_idx').on(t.startsOn, t.endsOn),
  ],
);

export const agreementStatuses = ['applied', 'accepted', 'refused', 'withdrawn', 'ended'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** "Umowa udostępnienia stanowiska pracy": a person's (or organisation's) right to use desks. */
export const spaceAgreements = pgTable(
  'space_agreement',
  {
    id: uuid('id').primaryKey(),
    /** Given on acceptance, e.g. "UDS/2026/0042". */
    number: text('number').unique(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** An organisation (organisations module; foreign key in migration 0002) applied for. */
    organisationId: uuid('organisation_id'),
    applicantKind: text('applicant_kind').$type<ApplicantKind>().notNull(),
    packageId: uuid('package_id')
      .notNull()
      .references(() => spacePackages.id, { onDelete: 'restrict' }),
    status: text('status').$type<AgreementStatus>().notNull().default('applied'),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    daysTotal: integer('days_total'),
    daysUsed: integer('days_used').notNull().default(0),
    priceGrosze: integer('price_grosze').notNull(),
    /** The fixed desk, for fixed-desk packages. */
    deskId: uuid('desk_id').references(() => spaceDesks.id, { onDelete: 'restrict' }),
    message: text('message').notNull().default(''),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by').references(() => user.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    /** When the agreement was concluded (accepted); the reports count these. */
    concludedAt: ts('concluded_at'),
    endedAt: ts('ended_at'),
    endReason: text('end_reason'),
    renewedFrom: uuid('renewed_from'),
    /** An officer who applied on the person's behalf (assisted service at the desk). */
    actedBy: text('acted_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'space_agreement_status_check',
      sql`${t.status} in ('applied','accepted','refused','withdrawn','ended')`,
    ),
    check('space_agreement_kind_check', sql`${t.applicantKind} in ('standard','incubator_startup','ngo')`),
    check('space_agreement_period_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'space_agreement_days_check',
      sql`${t.daysUsed} >= 0 and (${t.daysTotal} is null or ${t.daysUsed} <= ${t.daysTotal})`,
    ),
    check('space_agreement_price_check', sql`${t.priceGrosze} >= 0`),
    check(
      'space_agreement_number_check',
      sql`(${t.number} is null) = (${t.status} in ('applied','refused','withdrawn'))`,
    ),
    uniqueIndex('space_agreement_one_open_application_idx')
      .on(t.userId, t.packageId)
      .where(sql`${t.status} = 'applied'`),
    index('space_agreement_user_idx').on(t.userId),
    index('space_agreement_status_idx').on(t.status, t.createdAt),
    index('space_agreement_concluded_idx').on(t.concludedAt),
  ],
);

/** Counters for human-readable numbers (agreement numbers per year), taken under a row lock. */
export const spaceCounters = pgTable('space_counter', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

export const bookingStatuses = [
  'requested',
  'confirmed',
  'checked_in',
  'cancelled',
  'declined',
  'released',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
/** Statuses that hold the resource. */
export const liveStatuses: readonly BookingStatus[] = ['requested', 'confirmed', 'checked_in'];

export const spaceBookings = pgTable(
  'space_booking',
  {
    id: uuid('id').primaryKey(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => spaceResources.id, { onDelete: 'restrict' }),
    /** 'desk': a desk for a whole day; 'slot': a room for a time range. */
    kind: text('kind').$type<'desk' | 'slot'>().notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** Booked on behalf of an organisation the person belongs to (foreign key in migration 0002). */
    organisationId: uuid('organisation_id'),
    /** The agreement a desk booking draws on. */
    agreementId: uuid('agreement_id').references(() => spaceAgreements.id, { onDelete: 'set null' }),
    /** Occurrences of one recurring booking share a series id. */
    seriesId: uuid('series_id'),
    /** The Warsaw day of a desk booking. */
    day: day('day'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** ends_at plus the teardown time and the resource's buffer: the resource is blocked until then. */
    blockedUntil: ts('blocked_until').notNull(),
    /**
     * starts_at less the setup time: the resource is blocked from then. Written with every booking;
     * the custom migration fills it for older rows, makes it NOT NULL and guards
     * tstzrange(blocked_from, blocked_until) with the exclusion constraint.
     */
    blockedFrom: ts('blocked_from'),
    /** Event space: time before the start to set up and after the end to clear away, minutes. */
    setupMinutes: integer('setup_minutes').notNull().default(0),
    teardownMinutes: integer('teardown_minutes').notNull().default(0),
    /** Event space: what the organiser needs (technical: sound, projector; catering: coffee, lunch). */
    technicalNeeds: text('technical_needs').notNull().default(''),
    cateringNeeds: text('catering_needs').notNull().default(''),
    /** Event space: when the organiser accepted the house rules. */
    houseRulesAcceptedAt: ts('house_rules_accepted_at'),
    /** A request (tentative hold) lapses then unless staff decide on it before. */
    holdUntil: ts('hold_until'),
    /** An officer who made the booking on the person's behalf (assisted service at the desk). */
    actedBy: text('acted_by').references(() => user.id, { onDelete: 'set null' }),
    status: text('status').$type<BookingStatus>().notNull(),
    title: text('title').notNull().default(''),
    attendees: integer('attendees'),
    layout: text('layout'),
    notes: text('notes').notNull().default(''),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by').references(() => user.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    /**
     * A confirmed booking not checked in by then is released (null: no check-in needed): the
     * resource's grace period after the later of its start and the moment it was booked, never past
     * its end — a desk booked at noon for today can still be checked into at 12:30.
     */
    checkInUntil: ts('check_in_until'),
    /** SHA-256 of the booking's self check-in token (the token itself is in the QR code only). */
    checkInTokenHash: text('check_in_token_hash').unique(),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: text('checked_in_by').references(() => user.id, { onDelete: 'set null' }),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'space_booking_kind_check',
      sql`${t.kind} in ('desk','slot') and (${t.kind} = 'desk') = (${t.day} is not null)`,
    ),
    check(
      'space_booking_status_check',
      sql`${t.status} in ('requested','confirmed','checked_in','cancelled','declined','released')`,
    ),
    check('space_booking_range_check', sql`${t.endsAt} > ${t.startsAt} and ${t.blockedUntil} >= ${t.endsAt}`),
    check(
      'space_booking_check_in_until_check',
      sql`${t.checkInUntil} is null or ${t.checkInUntil} between ${t.startsAt} and ${t.endsAt}`,
    ),
    check(
      'space_booking_setup_check',
      sql`${t.setupMinutes} between 0 and 240 and ${t.teardownMinutes} between 0 and 240`,
    ),
    check('space_booking_attendees_check', sql`${t.attendees} is null or ${t.attendees} between 1 and 10000`),
    uniqueIndex('space_booking_one_desk_per_day_idx')
      .on(t.resourceId, t.userId, t.day)
      .where(sql`${t.kind} = 'desk' and ${t.status} in ('requested','confirmed','checked_in')`),
    index('space_booking_user_idx').on(t.userId, t.startsAt),
    index('space_booking_resource_start_idx').on(t.resourceId, t.startsAt),
    index('space_booking_status_start_idx').on(t.status, t.startsAt),
    index('space_booking_series_idx').on(t.seriesId),
    index('space_booking_check_in_due_idx')
      .on(t.checkInUntil)
      .where(sql`${t.status} = 'confirmed' and ${t.checkInUntil} is not null`),
  ],
);

/** Desks taken per day of a desk pool; the row is the lock every desk booking of that day takes. */
export const spaceDeskDays = pgTable(
  'space_desk_day',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => spaceResources.id, { onDelete: 'cascade' }),
    day: day('day').notNull(),
    /** Desks free for day bookings: the pool less the desks fixed for agreements that day. */
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.resourceId, t.day] }),
    check(
      'space_desk_day_capacity_check',
      sql`${t.booked} >= 0 and ${t.capacity} >= 0 and ${t.booked} <= ${t.capacity}`,
    ),
  ],
);

/** A person's private calendar feed: the secret is in the URL, its hash here; revoke by deleting. */
export const spaceFeeds = pgTable('space_feed', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
});
