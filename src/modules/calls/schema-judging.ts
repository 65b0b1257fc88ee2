// The judging of a call's applications: the evaluation card's criteria, the jury, each evaluator's
// assignment (declared free of conflict, or recused), their scores per criterion, the consensus
// step's agreed scores, the ranking the chair approves, and appeals.
//
// Kept by the database:
// - one assignment per application and evaluator (UNIQUE); a recused assignment never counts;
// - a score is never negative (its criterion's maximum is checked by the service); one score in
//   force per assignment and criterion; a submitted score is never changed: a change is a new row
//   that supersedes it, with a reason, written in one transaction;
// - one agreed consensus score per application and criterion (UNIQUE).
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';
import type { Translations } from '../../platform/content.ts';
import { callApplications, calls } from './schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A criterion of a call's evaluation card: maximum points, weight, and an optional minimum. */
export const callCriteria = pgTable(
  'call_criterion',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** In Polish; the translations are in name_i18n. */
    name: text('name').notNull(),
    nameI18n: jsonb('name_i18n').$type<Translations>().notNull().default({}),
    description: text('description').notNull().default(''),
    descriptionI18n: jsonb('description_i18n').$type<Translations>().notNull().default({}),
    maxPoints: integer('max_points').notNull(),
    weight: numeric('weight', { precision: 6, scale: 3 }).notNull().default('1'),
    /** The least mean points this criterion needs for the application to be ranked (a threshold). */
    minPoints: numeric('min_points', { precision: 6, scale: 2 }),
  },
  (t) => [
    unique('call_criterion_position_unique').on(t.callId, t.position),
    check('call_criterion_max_check', sql`${t.maxPoints} between 1 and 1000`),
    check('call_criterion_weight_check', sql`${t.weight} > 0`),
    check(
      'call_criterion_min_check',
      sql`${t.minPoints} is null or ${t.minPoints} between 0 and ${t.maxPoints}`,
    ),
  ],
);

export const juryRoles = ['chair', 'member'] as const;
export type JuryRole = (typeof juryRoles)[number];

/** Who sits on a call's jury (appointed by staff); one chair approves the ranking. */
export const callJuryMembers = pgTable(
  'call_jury_member',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role').$type<JuryRole>().notNull().default('member'),
    appointedAt: ts('appointed_at').notNull(),
  },
  (t) => [unique('call_jury_member_unique').on(t.callId, t.userId)],
);

/**
 * assigned: waiting for the declaration; declared: no conflict of interest, may read and score;
 * recused: declared a conflict (never counts; a replacement is assigned); submitted: scores in.
 */
export const assignmentStatuses = ['assigned', 'declared', 'recused', 'submitted'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

export const callAssignments = pgTable(
  'call_assignment',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    evaluatorId: text('evaluator_id')
      .notNull()
      .references(() => user.id, { onDelete: 'restrict' }),
    status: text('status').$type<AssignmentStatus>().notNull().default('assigned'),
    /** A further evaluator, called because two scores differed by more than the call allows. */
    further: integer('further').notNull().default(0),
    dueAt: ts('due_at').notNull(),
    declaredAt: ts('declared_at'),
    recusedAt: ts('recused_at'),
    recusalReason: text('recusal_reason'),
    submittedAt: ts('submitted_at'),
    remindedAt: ts('reminded_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('call_assignment_unique').on(t.applicationId, t.evaluatorId),
    index('call_assignment_evaluator_idx').on(t.evaluatorId, t.status, t.dueAt),
    check(
      'call_assignment_state_check',
      sql`(${t.status} <> 'declared' or ${t.declaredAt} is not null)
        and (${t.status} <> 'recused' or ${t.recusedAt} is not null)
        and (${t.status} <> 'submitted' or (${t.declaredAt} is not null and ${t.submittedAt} is not null))`,
    ),
  ],
);

/**
 * An evaluator's points and justification for one criterion. A draft score (submitted_at null) may
 * be changed; a submitted one is superseded by a new row with a reason, never edited.
 */
export const callScores = pgTable(
  'call_score',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => callAssignments.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => callCriteria.id, { onDelete: 'restrict' }),
    points: numeric('points', { precision: 6, scale: 2 }).notNull(),
    justification: text('justification').notNull().default(''),
    submittedAt: ts('submitted_at'),
    supersededBy: uuid('superseded_by'),
    supersedeReason: text('supersede_reason'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('call_score_assignment_idx').on(t.assignmentId),
    // One score in force per assignment and criterion.
    unique('call_score_current_unique').on(t.assignmentId, t.criterionId, t.supersededBy).nullsNotDistinct(),
    check('call_score_points_check', sql`${t.points} >= 0`),
  ],
);

/** The consensus step: the chair's agreed score and comment for a criterion the evaluators differed on. */
export const callConsensus = pgTable(
  'call_consensus',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => callCriteria.id, { onDelete: 'restrict' }),
    points: numeric('points', { precision: 6, scale: 2 }),
    comment: text('comment').notNull().default(''),
    recordedBy: text('recorded_by').references(() => user.id, { onDelete: 'set null' }),
    recordedAt: ts('recorded_at'),
  },
  (t) => [unique('call_consensus_unique').on(t.applicationId, t.criterionId)],
);

/** A ranking the chair approved and staff published: what it was computed from and what it said. */
export const callRankings = pgTable(
  'call_ranking',
  {
    id: uuid('id').primaryKey(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** 1 for the first publication; an appeal that changes the ranking publishes the next. */
    edition: integer('edition').notNull(),
    /** The ranking as computed (rows, scores, ties and the rule that broke each). */
    result: jsonb('result').$type<unknown>().notNull(),
    approvedBy: text('approved_by').references(() => user.id, { onDelete: 'set null' }),
    approvedAt: ts('approved_at').notNull(),
    publishedAt: ts('published_at'),
  },
  (t) => [unique('call_ranking_edition_unique').on(t.callId, t.edition)],
);

export const appealStatuses = ['lodged', 'upheld', 'dismissed'] as const;
export type AppealStatus = (typeof appealStatuses)[number];

/** An applicant's appeal against the result, within the call's days, decided by staff with a reason. */
export const callAppeals = pgTable(
  'call_appeal',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    status: text('status').$type<AppealStatus>().notNull().default('lodged'),
    lodgedAt: ts('lodged_at').notNull(),
    decidedBy: text('decided_by').references(() => user.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    reason: text('reason'),
    /** What an upheld appeal changed (e.g. a corrected score), for the record. */
    change: jsonb('change').$type<unknown>(),
    amountGranted: bigint('amount_granted', { mode: 'number' }),
  },
  (t) => [index('call_appeal_application_idx').on(t.applicationId)],
);
