// Identity tables used by better-auth (its own ids), plus the platform's fields on the user row:
// role, unit, preferred language, phone and blocking, and on the session row: whether that session
// passed the second factor (docs/decisions/007-second-factor-per-session.md).
import { relations, sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const roles = ['resident', 'staff', 'evaluator', 'admin'] as const;
export type Role = (typeof roles)[number];
export const locales = ['pl', 'en', 'uk'] as const;
export type Locale = (typeof locales)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const user = pgTable(
  'auth_user',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
    role: text('role').$type<Role>().notNull().default('resident'),
    locale: text('locale').$type<Locale>().notNull().default('pl'),
    phone: text('phone'),
    blockedAt: ts('blocked_at'),
    blockedReason: text('blocked_reason'),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    check('auth_user_role_check', sql`${t.role} in ('resident','staff','evaluator','admin')`),
    check('auth_user_locale_check', sql`${t.locale} in ('pl','en','uk')`),
    index('auth_user_created_idx').on(t.createdAt),
  ],
);

export const session = pgTable(
  'auth_session',
  {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** When this session passed the second factor (at sign-in or by enrolling in it); null: never. */
    secondFactorAt: ts('second_factor_at'),
  },
  (t) => [index('auth_session_user_idx').on(t.userId)],
);

export const account = pgTable(
  'auth_account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('auth_account_user_idx').on(t.userId)],
);

export const verification = pgTable(
  'auth_verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('auth_verification_identifier_idx').on(t.identifier)],
);

export const twoFactor = pgTable(
  'auth_two_factor',
  {
    id: text('id').primaryKey(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    verified: boolean('verified').default(true),
    failedVerificationCount: integer('failed_verification_count').default(0),
    lockedUntil: ts('locked_until'),
  },
  (t) => [index('auth_two_factor_user_idx').on(t.userId), index('auth_two_factor_secret_idx').on(t.secret)],
);

/**
 * An enrolment in two-step sign-in that was started and not yet confirmed belongs to the session
 * that started it: only that session is shown the key and the backup codes, and only it confirms.
 */
export const twoFactorEnrolment = pgTable('auth_two_factor_enrolment', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  sessionId: text('session_id')
    .notNull()
    .references(() => session.id, { onDelete: 'cascade' }),
  startedAt: ts('started_at').notNull().defaultNow(),
});

/**
 * The last time step (30 s) whose TOTP code was accepted for the person: a code is accepted only for
 * a later step, so a code, once used, is refused for the rest of its window on every app node.
 */
export const totpLastStep = pgTable('auth_totp_last_step', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  step: bigint('step', { mode: 'number' }).notNull(),
  usedAt: ts('used_at').notNull().defaultNow(),
});

/**
 * Failed sign-in attempts, counted per account and per client address in fixed windows. An account
 * that reaches the limit is locked (`locked_at`) until its owner proves control of the mailbox (the
 * e-mailed unlock link or a password reset); `unlock_sent_at` spaces out the unlock e-mails.
 */
export const signInAttempts = pgTable('auth_sign_in_attempt', {
  key: text('key').primaryKey(),
  windowStart: ts('window_start').notNull(),
  failures: integer('failures').notNull().default(0),
  lockedAt: ts('locked_at'),
  unlockSentAt: ts('unlock_sent_at'),
});

// Relations let better-auth read a session together with its user in one query (joins).
export const userRelations = relations(user, ({ many }) => ({
  sessions: many(session),
  accounts: many(account),
  twoFactors: many(twoFactor),
}));
export const sessionRelations = relations(session, ({ one }) => ({
  user: one(user, { fields: [session.userId], references: [user.id] }),
}));
export const accountRelations = relations(account, ({ one }) => ({
  user: one(user, { fields: [account.userId], references: [user.id] }),
}));
export const twoFactorRelations = relations(twoFactor, ({ one }) => ({
  user: one(user, { fields: [twoFactor.userId], references: [user.id] }),
}));
