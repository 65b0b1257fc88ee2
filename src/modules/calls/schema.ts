// Open calls judged by juries (incubator places, municipal premises at preferential rent, grants,
// NGO competitions): the call, its application form in versions, the premises a premises
// competition offers, and the applications with their files. The judging (criteria, jury,
// assignments, scores, consensus, ranking, appeals) is in schema-judging.ts, re-exported here.
//
// What concurrency could break is kept by the database (decision 005):
// - an application's number is counted under the call row's lock (SELECT … FOR UPDATE) in the
//   submission's transaction: call_call.numbers_issued, and UNIQUE (call_id, seq) and UNIQUE (number);
// - a submitted application has its number, its time and the form version it answered (CHECK);
// - one application being written per applicant (person, or organisation) and call (partial unique
//   index over the live states);
// - a form version, once an application answers it, is never changed: a change makes a new version
//   (UNIQUE (call_id, version); call_call.form_version points at the current one).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';
import type { Translations } from '../../platform/content.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Money in grosze (1 PLN = 100 gr), as a JS number (safe far beyond any budget). */
const grosze = (name: string) => bigint(name, { mode: 'number' });

export const callKinds = [
  'incubator',
  'premises',
  'ngo_grant',
  'green_grant',
  'conference',
  'ambassador',
  'open_data',
  'other',
] as const;
export type CallKind = (typeof callKinds)[number];

/**
 * draft: staff are writing it (not public); published: public, open between opens_at and
 * deadline_at (whether it is open is decided by the time, not by a state); results: the results
 * list is published; cancelled: stays visible with the reason.
 */
export const callStatuses = ['draft', 'published', 'results', 'cancelled'] as const;
export type CallStatus = (typeof callStatuses)[number];

/** How ties in the ranking are broken, set per call (the page says which rule broke each tie). */
export const tieRules = [
  'earlier_submission',
  'higher_first_criterion',
  'lower_amount',
  'lot_by_number',
] as const;
export type TieRule = (typeof tieRules)[number];

export const calls = pgTable(
  'call_call',
  {
    id: uuid('id').primaryKey(),
    /** The prefix of its applications' numbers: `ZB` gives ZB/2026/0042. */
    numberPrefix: text('number_prefix').notNull(),
    /**
     * The year in the numbers (the year it opens, in Warsaw). A prefix is used by one call a year
     * (UNIQUE below), so ZB/2026/0042 names one application of one call.
     */
    numberYear: integer('number_year').notNull(),
    kind: text('kind').$type<CallKind>().notNull(),
    status: text('status').$type<CallStatus>().notNull().default('draft'),
    /** In Polish; the translations are in title_i18n (platform/content.ts). */
    title: text('title').notNull(),
    titleI18n: jsonb('title_i18n').$type<Translations>().notNull().default({}),
    /** Markdown source, in Polish; rendered (and sanitised) where it is shown. */
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
    /** Who may apply: persons on their own, and which kinds of organisation (organisations module). */
    personsMayApply: boolean('persons_may_apply').notNull().default(false),
    organisationKinds: text('organisation_kinds').array().notNull().default(sql`'{}'::text[]`),
    opensAt: ts('opens_at').notNull(),
    /** To the minute, in Europe/Warsaw; a submission at or after it is refused. */
    deadlineAt: ts('deadline_at').notNull(),
    /** When the results are planned (informative). */
    resultsAt: ts('results_at'),
    /** The money to share, or the places to fill (incubator places, premises); either or neither. */
    budget: grosze('budget'),
    places: integer('places'),
    maxAmount: grosze('max_amount'),
    /** Revitalisation subareas of the places module (their ids; read through its service). */
    subareaIds: uuid('subarea_ids').array().notNull().default(sql`'{}'::uuid[]`),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** The rules as a PDF: the stored file's name under DATA_DIR/uploads/calls, and what it is called. */
    rulesFile: text('rules_file'),
    rulesFileName: text('rules_file_name'),
    /** The current version of the application form (call_form_version.version). */
    formVersion: integer('form_version').notNull().default(1),
    /** Applications numbered so far; counted under this row's lock. */
    numbersIssued: integer('numbers_issued').notNull().default(0),
    /** The judging rules: evaluators per application, the dispersion that calls a further one (a
     * share of the maximum weighted total), the per-criterion gap that puts a criterion on the
     * consensus agenda, the total threshold, the tie rule, the days to complete and to appeal. */
    evaluatorsPerApplication: integer('evaluators_per_application').notNull().default(2),
    dispersionShare: numeric('dispersion_share', { precision: 4, scale: 3 }).notNull().default('0.300'),
    consensusGap: numeric('consensus_gap', { precision: 6, scale: 2 }).notNull().default('3'),
    totalThreshold: numeric('total_threshold', { precision: 8, scale: 2 }),
    tieRule: text('tie_rule').$type<TieRule>().notNull().default('earlier_submission'),
    completionDays: integer('completion_days').notNull().default(7),
    appealDays: integer('appeal_days').notNull().default(14),
    cancelReason: text('cancel_reason'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('call_call_status_deadline_idx').on(t.status, t.deadlineAt),
    unique('call_call_number_unique').on(t.numberPrefix, t.numberYear),
    check('call_call_dates_check', sql`${t.opensAt} < ${t.deadlineAt}`),
    check('call_call_prefix_check', sql`${t.numberPrefix} ~ '^[A-Z]{1,6}$'`),
    check('call_call_money_check', sql`coalesce(${t.budget}, 0) >= 0 and coalesce(${t.maxAmount}, 0) >= 0`),
    check('call_call_places_check', sql`${t.places} is null or ${t.places} > 0`),
    check('call_call_evaluators_check', sql`${t.evaluatorsPerApplication} between 1 and 10`),
  ],
);

/**
 * One version of a call's application form: its fields in order (the field types are in form.ts).
 * Written while the call is a draft; once it is published a change makes a new version, and an
 * application keeps answering the version it was started on.
 */
export const callFormVersions = pgTable(
  'call_form_version',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fields: jsonb('fields').$type<unknown[]>().notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [unique('call_form_version_unique').on(t.callId, t.version)],
);

/** The premises a premises competition offers (applicants choose one or more, by preference). */
export const callPremises = pgTable(
  'call_premises',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    address: text('address').notNull(),
    areaM2: numeric('area_m2', { precision: 8, scale: 2 }).notNull(),
    /** Monthly rent per m², in grosze: the base one and the preferential one offered. */
    baseRent: grosze('base_rent').notNull(),
    preferentialRent: grosze('preferential_rent').notNull(),
    permittedTrades: text('permitted_trades').array().notNull().default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
  },
  (t) => [
    unique('call_premises_position_unique').on(t.callId, t.position),
    check('call_premises_area_check', sql`${t.areaM2} > 0`),
    check(
      'call_premises_rent_check',
      sql`${t.preferentialRent} >= 0 and ${t.baseRent} >= ${t.preferentialRent}`,
    ),
  ],
);

/**
 * draft: being written; submitted: in by the deadline; withdrawn: by the applicant, before the
 * deadline; to_complete: called to complete named answers by completion_due_at; formally_rejected;
 * accepted: passed the formal check, goes to the jury; then funded or not_funded with the results.
 */
export const applicationStatuses = [
  'draft',
  'submitted',
  'withdrawn',
  'to_complete',
  'formally_rejected',
  'accepted',
  'funded',
  'not_funded',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const callApplications = pgTable(
  'call_application',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'restrict' }),
    /** The form version it answers (call_form_version.version of its call). */
    formVersion: integer('form_version').notNull(),
    status: text('status').$type<ApplicationStatus>().notNull().default('draft'),
    /** Who writes it; null once their account is deleted (a submitted application stays, for the record). */
    applicantId: text('applicant_id').references(() => user.id, { onDelete: 'set null' }),
    /** The organisation it is for (organisations module, its id), or null for a person on their own. */
    organisationId: uuid('organisation_id'),
    /** Its title, as the results list shows it. */
    title: text('title').notNull().default(''),
    /** The answers by field key (validated against the form version, form.ts). */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    /** For a premises competition: the premises chosen, by preference. */
    premisesChoice: uuid('premises_choice').array().notNull().default(sql`'{}'::uuid[]`),
    amountRequested: grosze('amount_requested'),
    subareaId: uuid('subarea_id'),
    /** Its number in its call, counted under the call's lock at submission, and as shown (ZB/2026/0042). */
    seq: integer('seq'),
    number: text('number'),
    submittedAt: ts('submitted_at'),
    withdrawnAt: ts('withdrawn_at'),
    /** A call to complete: by when, which answers may change, and what staff wrote. */
    completionDueAt: ts('completion_due_at'),
    completionFields: text('completion_fields').array().notNull().default(sql`'{}'::text[]`),
    completionNote: text('completion_note'),
    /** The formal check: the checklist ticked (by item key) and a rejection's reason. */
    formalChecklist: jsonb('formal_checklist').$type<Record<string, boolean>>().notNull().default({}),
    formalReason: text('formal_reason'),
    /** Granted with the results (grosze), or null. */
    amountGranted: grosze('amount_granted'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('call_application_seq_unique').on(t.callId, t.seq),
    uniqueIndex('call_application_number_idx').on(t.number),
    index('call_application_call_status_idx').on(t.callId, t.status),
    index('call_application_applicant_idx').on(t.applicantId),
    // One application being written or in judging per applicant and call: a person's own, or an
    // organisation's (whichever member writes it).
    uniqueIndex('call_application_one_live_idx')
      .on(t.callId, sql`coalesce(${t.organisationId}::text, ${t.applicantId})`)
      .where(sql`${t.status} not in ('withdrawn', 'formally_rejected')`),
    check(
      'call_application_submitted_check',
      sql`${t.status} = 'draft' or (${t.seq} is not null and ${t.number} is not null and ${t.submittedAt} is not null)`,
    ),
    check('call_application_amount_check', sql`coalesce(${t.amountRequested}, 0) >= 0`),
  ],
);

/** A file an application attaches for a field of its form (PDF or image, judged by its content). */
export const callApplicationFiles = pgTable(
  'call_application_file',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    fieldKey: text('field_key').notNull(),
    /** The stored file's name under DATA_DIR/uploads/calls. */
    storedName: text('stored_name').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('call_application_file_app_idx').on(t.applicationId)],
);

export * from './schema-judging.ts';
