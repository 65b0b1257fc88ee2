import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';

export const consentKinds = ['terms', 'newsletter', 'events_info', 'research'] as const;
export type ConsentKind = (typeof consentKinds)[number];

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
  },
  (t) => [
    check('account_consent_kind_check', sql`${t.kind} in ('terms','newsletter','events_info','research')`),
    index('account_consent_user_idx').on(t.userId, t.kind, t.decidedAt),
  ],
);
