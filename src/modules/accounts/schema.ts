import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';

export const consentKinds = ['terms', 'newsletter', 'events_info', 'research'] as const;
export type ConsentKind = (typeof consentKinds)[number];

/**
 * The published versions of the terms of service, numbered 1, 2, …; a version is never changed
 * once published (a change is a new version), so every acceptance points at the text accepted.
 */
export const termsVersions = pgTable(
  'account_terms_version',
  {
    id: uuid('id').primaryKey(),
    version: integer('version').notNull(),
    bodyPl: text('body_pl').notNull(),
    bodyEn: text('body_en').notNull(),
    bodyUk: text('body_uk').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedBy: text('published_by').references((): AnyPgColumn => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('account_terms_version_version_key').on(t.version),
    check('account_terms_version_positive', sql`${t.version} > 0`),
    check(
      'account_terms_version_bodies',
      sql`length(${t.bodyPl}) between 1 and 100000 and length(${t.bodyEn}) between 1 and 100000 and length(${t.bodyUk}) between 1 and 100000`,
    ),
  ],
);

/** Every consent decision is a new row: the latest per kind is the current state; history stays. */
export const consents = pgTable(
  'account_consent',
  {
    id: uuid('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ConsentKind>().notNull(),
    granted: boolean('granted').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** For an acceptance of the terms: the version accepted. */
    termsVersion: integer('terms_version').references(() => termsVersions.version),
  },
  (t) => [
    check('account_consent_kind_check', sql`${t.kind} in ('terms','newsletter','events_info','research')`),
    // account_consent_terms_version (an acceptance of the terms names its version, nothing else
    // does) is in the hand-written migration, after the acceptances given before versions existed
    // were attributed to version 1.
    index('account_consent_user_idx').on(t.userId, t.kind, t.decidedAt),
  ],
);
