import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Background work, claimed with FOR UPDATE SKIP LOCKED so any number of workers can share it. */
export const jobs = pgTable(
  'job',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<'pending' | 'done' | 'failed'>().notNull().default('pending'),
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    /** Optional key that makes enqueueing idempotent (e.g. one reminder per booking). */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    check('job_status_check', sql`${t.status} in ('pending','done','failed')`),
    index('job_due_idx').on(t.runAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Recurring jobs: each run is claimed by moving next_run_at forward in one atomic update. */
export const jobSchedules = pgTable('job_schedule', {
  name: text('name').primaryKey(),
  intervalSeconds: integer('interval_seconds').notNull(),
  nextRunAt: ts('next_run_at').notNull(),
  lastRunAt: ts('last_run_at'),
});
