// Events and meetings with registration: the event itself (three-language title and description,
// venue, organiser, accessibility, registration settings and questions) and the parties registered
// for it, confirmed or on its one waiting list.
//
// What concurrency could break is kept by the database (decision 005):
// - an event is never oversubscribed: event_event.taken (places of confirmed parties and of parties
//   holding an offer) is changed only under the event row's lock (SELECT … FOR UPDATE) in the
//   registration's transaction, and CHECK (taken <= capacity) refuses any write that would pass it;
// - one live registration per person and event (a partial unique index);
// - the waiting list's order is the order the parties took the event's lock (queue_seq, counted under
//   the same lock), unique per event.
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';
import type { Localized, Translations } from '../../platform/content.ts';
import { foldSql } from '../../platform/fold.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const eventStatuses = [
  'draft',
  'submitted',
  'published',
  'cancelled',
  'postponed',
  'finished',
  'rejected',
] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const eventKinds = [
  'meeting',
  'consultation',
  'workshop',
  'city_game',
  'networking_breakfast',
  'research_walk',
  'intergenerational_dance',
  'debate',
  'training',
  'other',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventAudiences = [
  'residents',
  'ngos',
  'local_leaders',
  'institutions',
  'entrepreneurs',
  'youth',
  'seniors',
] as const;
export type EventAudience = (typeof eventAudiences)[number];

/** A question the registration form asks; choices keep their own keys so answers survive edits. */
export type EventQuestion =
  | { key: string; kind: 'text'; label: Localized; required: boolean }
  | { key: string; kind: 'yesno'; label: Localized; required: boolean }
  | {
      key: string;
      kind: 'choice';
      label: Localized;
      required: boolean;
      options: Array<{ key: string; label: Localized }>;
    };

/** What the list's free text searches: the title in every language, the venue, series, organiser unit and description. */
export const searchableSource =
  "coalesce(title, '') || ' ' || coalesce(title_i18n->>'en', '') || ' ' || coalesce(title_i18n->>'uk', '') || ' ' || " +
  "coalesce(venue_address, '') || ' ' || coalesce(series, '') || ' ' || coalesce(organiser_unit, '') || ' ' || " +
  "coalesce(description, '')";

/**
 * A series of events (Revitalisation Week, a cycle of workshops): keyed by the name the events'
 * `series` column holds (so the list's search and filters read that column unchanged; a renamed
 * series follows into its events by `on update cascade`), with a slug for its page, its title and
 * description in three languages, and how many sessions one must attend for a certificate.
 */
export const eventSeries = pgTable(
  'event_series',
  {
    name: text('name').primaryKey(),
    slug: text('slug').notNull(),
    /** In Polish; the translations are in title_i18n (platform/content.ts). */
    title: text('title').notNull(),
    titleI18n: jsonb('title_i18n').$type<Translations>().notNull().default({}),
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
    /** Sessions attended (checked in) that earn an attendance certificate; null: no certificate. */
    certificateMinSessions: integer('certificate_min_sessions'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('event_series_slug_idx').on(t.slug),
    check('event_series_slug_check', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check(
      'event_series_certificate_check',
      sql`${t.certificateMinSessions} is null or ${t.certificateMinSessions} between 1 and 100`,
    ),
  ],
);

export const events = pgTable(
  'event_event',
  {
    id: uuid('id').primaryKey(),
    status: text('status').$type<EventStatus>().notNull().default('draft'),
    /** In Polish; the translations are in title_i18n (platform/content.ts). */
    title: text('title').notNull(),
    titleI18n: jsonb('title_i18n').$type<Translations>().notNull().default({}),
    /** Markdown source, in Polish; rendered (and sanitised) where it is shown. */
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
    kind: text('kind').$type<EventKind>().notNull(),
    audiences: text('audiences').array().$type<EventAudience[]>().notNull().default(sql`'{}'::text[]`),
    /** A revitalisation subarea of the places module (its id; read through its service). */
    subareaId: uuid('subarea_id'),
    venueAddress: text('venue_address'),
    venueLat: doublePrecision('venue_lat'),
    venueLng: doublePrecision('venue_lng'),
    onlineUrl: text('online_url'),
    /**
     * A room of the cluster: a resource of the spaces module (its id, read through its service), the
     * layout chosen (its key), and the booking the event holds in spaces for its time (its id).
     */
    spaceResourceId: uuid('space_resource_id'),
    spaceLayout: text('space_layout'),
    spaceBookingId: uuid('space_booking_id'),
    /** The organiser: an organisation of the organisations module (its id), or a city unit by name. */
    organisationId: uuid('organisation_id'),
    organiserUnit: text('organiser_unit'),
    /** The series it belongs to (event_series.name; a renamed series follows by cascade). */
    series: text('series').references(() => eventSeries.name, { onUpdate: 'cascade', onDelete: 'set null' }),
    stepFree: boolean('step_free').notNull().default(false),
    inductionLoop: boolean('induction_loop').notNull().default(false),
    signLanguage: boolean('sign_language').notNull().default(false),
    quietRoom: boolean('quiet_room').notNull().default(false),
    contact: text('contact'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** The start before the last postponement. */
    postponedFrom: ts('postponed_from'),
    /** No capacity: registration (if open) has no limit. */
    capacity: integer('capacity'),
    /** Places of confirmed parties and of parties holding an offer; written under the row lock. */
    taken: integer('taken').notNull().default(0),
    /** The last waiting-list number given; the next party in line gets the next one. */
    queueSeq: integer('queue_seq').notNull().default(0),
    registration: boolean('registration').notNull().default(false),
    registrationOpensAt: ts('registration_opens_at'),
    registrationClosesAt: ts('registration_closes_at'),
    maxCompanions: integer('max_companions').notNull().default(0),
    offerHoldHours: integer('offer_hold_hours').notNull().default(24),
    consent: text('consent'),
    consentI18n: jsonb('consent_i18n').$type<Translations>().notNull().default({}),
    questions: jsonb('questions').$type<EventQuestion[]>().notNull().default([]),
    cancelReason: text('cancel_reason'),
    /** What staff said when they asked for changes or rejected it. */
    reviewNote: text('review_note'),
    /** From when the public sees it (staff may publish at a later time). */
    publishedAt: ts('published_at'),
    submittedAt: ts('submitted_at'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /**
     * The searchable text folded (platform/fold.ts: "Grzegórzki" and "grzegorzki" alike), kept by
     * the database itself so it never disagrees with the columns; folding it per row at query time
     * cost about 0.5 s per search over 10,000 events (bench/RESULTS.md, issue 12). Indexed with
     * trigrams (the custom migration), so `like '%…%'` does not read every row.
     */
    searchFolded: text('search_folded')
      .notNull()
      .generatedAlwaysAs((): SQL => foldSql(searchableSource)),
  },
  (t) => [
    check(
      'event_event_status_check',
      sql`${t.status} in ('draft','submitted','published','cancelled','postponed','finished','rejected')`,
    ),
    check('event_event_time_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('event_event_capacity_check', sql`${t.capacity} is null or ${t.capacity} >= 0`),
    check(
      'event_event_taken_check',
      sql`${t.taken} >= 0 and (${t.capacity} is null or ${t.taken} <= ${t.capacity})`,
    ),
    check('event_event_layout_check', sql`${t.spaceLayout} is null or ${t.spaceResourceId} is not null`),
    check('event_event_companions_check', sql`${t.maxCompanions} between 0 and 20`),
    check('event_event_hold_check', sql`${t.offerHoldHours} between 1 and 720`),
    check(
      'event_event_window_check',
      sql`${t.registrationOpensAt} is null or ${t.registrationClosesAt} is null or ${t.registrationClosesAt} > ${t.registrationOpensAt}`,
    ),
    index('event_event_starts_idx').on(t.startsAt),
    index('event_event_status_idx').on(t.status, t.startsAt),
    index('event_event_organisation_idx').on(t.organisationId),
    // The public list (upcoming: ends_at > now; archive: ends_at <= now) in start order: ends_at as
    // the second key is checked in the index, so the rows on the other side of now are skipped
    // without reading them (the start index alone read and discarded every past event).
    index('event_event_public_starts_idx')
      .on(t.startsAt, t.endsAt)
      .where(sql`${t.status} in ('published','cancelled','postponed','finished')`),
  ],
);

/**
 * The event's columns as the app reads them: all but `search_folded`, which only the list's search
 * reads in the database (sending it would double the text of every row fetched).
 */
export const { searchFolded: _searchFolded, ...eventColumns } = getTableColumns(events);

export const registrationStatuses = [
  'confirmed',
  'waiting',
  'offered',
  'cancelled',
  'declined',
  'expired',
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrations = pgTable(
  'event_registration',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The person who registered; null once their data is purged or their account erased. */
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    /** Whom the mails go to, in which language (copied at registration; purged after the event). */
    name: text('name'),
    email: text('email'),
    locale: text('locale').notNull().default('pl'),
    /** The person and their companions: they get places together or not at all. */
    partySize: integer('party_size').notNull(),
    status: text('status').$type<RegistrationStatus>().notNull(),
    /** The place on the waiting list (the event's queue_seq when the party joined it). */
    position: integer('position'),
    offeredAt: ts('offered_at'),
    offerExpiresAt: ts('offer_expires_at'),
    answers: jsonb('answers').$type<Record<string, string | boolean>>().notNull().default({}),
    consentAt: ts('consent_at'),
    createdAt: ts('created_at').notNull(),
    confirmedAt: ts('confirmed_at'),
    endedAt: ts('ended_at'),
    /** When the party was checked in at the event (attendance; kept when personal data is purged). */
    checkedInAt: ts('checked_in_at'),
    /** Who checked them in (an organiser or staff); null once that account is erased. */
    checkedInBy: text('checked_in_by').references(() => user.id, { onDelete: 'set null' }),
    purgedAt: ts('purged_at'),
  },
  (t) => [
    check(
      'event_registration_status_check',
      sql`${t.status} in ('confirmed','waiting','offered','cancelled','declined','expired')`,
    ),
    check('event_registration_party_check', sql`${t.partySize} between 1 and 21`),
    check('event_registration_offer_check', sql`${t.status} <> 'offered' or ${t.offerExpiresAt} is not null`),
    check('event_registration_waiting_check', sql`${t.status} <> 'waiting' or ${t.position} is not null`),
    check('event_registration_checked_in_check', sql`${t.checkedInAt} is null or ${t.status} = 'confirmed'`),
    uniqueIndex('event_registration_live_idx')
      .on(t.eventId, t.userId)
      .where(sql`${t.status} in ('confirmed','waiting','offered')`),
    uniqueIndex('event_registration_position_idx').on(t.eventId, t.position),
    index('event_registration_user_idx').on(t.userId),
    index('event_registration_offer_idx').on(t.offerExpiresAt).where(sql`${t.status} = 'offered'`),
  ],
);

/**
 * The links sent to a registrant (cancel, accept or decline an offer) without signing in: each mail
 * carries a fresh random token, only its sha256 is kept; every link works while the registration does.
 */
export const registrationLinks = pgTable(
  'event_registration_link',
  {
    tokenHash: text('token_hash').primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('event_registration_link_registration_idx').on(t.registrationId)],
);

/**
 * Attendance certificates of a series, issued when a participant first downloads one: the code
 * printed on it (and in its verification link), whom and which series it is for, when it was issued.
 * The name is the one printed; the row goes with the account.
 */
export const seriesCertificates = pgTable(
  'event_series_certificate',
  {
    code: text('code').primaryKey(),
    seriesName: text('series_name')
      .notNull()
      .references(() => eventSeries.name, { onUpdate: 'cascade', onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    issuedAt: ts('issued_at').notNull(),
  },
  (t) => [uniqueIndex('event_series_certificate_person_idx').on(t.seriesName, t.userId)],
);

/**
 * PDF files an event's organisers attach to it (a programme, a map, a form to fill in): the file is
 * on disk under the events' uploads folder by its own name (a UUIDv7 and .pdf); the title is in
 * Polish with its translations beside it (platform/content.ts). They are the organisers', not the
 * registrants', so the purge of personal data leaves them.
 */
export const eventAttachments = pgTable(
  'event_attachment',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleI18n: jsonb('title_i18n').$type<Translations>().notNull().default({}),
    /** The file's name in the uploads folder (never a name the uploader chose). */
    fileName: text('file_name').notNull().unique(),
    bytes: integer('bytes').notNull(),
    createdAt: ts('created_at').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('event_attachment_bytes_check', sql`${t.bytes} > 0`),
    index('event_attachment_event_idx').on(t.eventId, t.createdAt),
  ],
);

export const messageAudiences = ['confirmed', 'waiting', 'all'] as const;
export type MessageAudience = (typeof messageAudiences)[number];

/**
 * What the organisers wrote to the event's registrants (one mail each went through the outbox): the
 * subject, the plain text, to whom and how many. At most a few a day per event (the service counts
 * them under the event's lock).
 */
export const eventMessages = pgTable(
  'event_message',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    audience: text('audience').$type<MessageAudience>().notNull(),
    recipients: integer('recipients').notNull(),
    sentBy: text('sent_by').references(() => user.id, { onDelete: 'set null' }),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [
    check('event_message_audience_check', sql`${t.audience} in ('confirmed','waiting','all')`),
    check('event_message_recipients_check', sql`${t.recipients} > 0`),
    index('event_message_event_idx').on(t.eventId, t.sentAt),
  ],
);

/**
 * The check-in codes sent to a confirmed registrant (the QR code in the confirmation mail): a random
 * token like the links above, only its sha256 kept. Opening it shows the party to the event's
 * organisers (and lets them check it in), and nothing personal to anyone else. Deleted with the
 * registrant's personal data.
 */
export const checkInLinks = pgTable(
  'event_check_in_link',
  {
    tokenHash: text('token_hash').primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('event_check_in_link_registration_idx').on(t.registrationId)],
);
