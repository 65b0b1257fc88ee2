// Accounts: sign-up, sign-in (rate limited per account and per address, with a TOTP second step),
// e-mail verification, password reset, and the signed-in self-service: profile, consents, password
// and devices, two-step sign-in, "download my data" and "delete my account". better-auth does the
// cryptography and sessions; the rules Klaster adds (password policy, counters, consents, erasure)
// are applied here, before it runs.
import { createHash } from 'node:crypto';
import { isAPIError } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import { and, asc, desc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { audit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { type Auth, TOTP_ISSUER } from '../../platform/auth/auth.ts';
import { passwordProblem } from '../../platform/auth/passwords.ts';
import {
  account,
  type Locale,
  locales,
  type Role,
  session,
  signInAttempts,
  twoFactor,
  user,
  verification,
} from '../../platform/auth/schema.ts';
import { NotFoundError, RuleError, TooManyRequestsError } from '../../platform/http/errors.ts';
import { checkedInput, f } from '../../platform/http/forms.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { mailOutbox } from '../../platform/mail/schema.ts';
import { isStaff } from '../../platform/policy.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import { type ConsentKind, consentKinds, consents } from './schema.ts';

const WINDOW_MINUTES = 15;

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  locale: Locale;
  consents: ConsentKind[];
}

export type SignInResult =
  | { kind: 'signed-in'; headers: Headers }
  | { kind: 'two-factor'; headers: Headers }
  | { kind: 'invalid' }
  | { kind: 'unverified' }
  | { kind: 'blocked' };

/** The signed-in person as the self-service use cases need them. */
export interface Self {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
}

export interface AccountOverview {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  phone: string | null;
  role: Role;
  twoFactorEnabled: boolean;
  createdAt: Date;
}

/** The profile form and the service check the same things. */
export const profileInput = z.object({
  name: f.personName(),
  locale: f.choice(locales),
  phone: f.phone(),
});
export type ProfileInput = z.input<typeof profileInput>;

export interface ConsentState {
  kind: ConsentKind;
  granted: boolean;
  decidedAt: Date;
}

export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** What the person needs to add the account to an authenticator app. */
export interface TwoFactorSetup {
  /** Base32 key for manual entry (ungrouped). */
  secret: string;
  totpUri: string;
  backupCodes: string[];
}

function apiCode(err: unknown): string | undefined {
  if (!isAPIError(err)) return undefined;
  const body = (err as { body?: { code?: string; message?: string } }).body;
  return body?.code ?? body?.message;
}

/** better-auth's answer to a wrong current password (or one too long to be anyone's). */
const wrongPasswordCodes = new Set(['INVALID_PASSWORD', 'PASSWORD_TOO_LONG', 'PASSWORD_TOO_SHORT']);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(data: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The otpauth:// URI exactly as better-auth builds it (SHA-1, 6 digits, 30 s). */
function totpUri(secret: string, email: string): string {
  const params = new URLSearchParams({ secret, issuer: TOTP_ISSUER, digits: '6', period: '30' });
  return `otpauth://totp/${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(email)}?${params}`;
}

export interface AccountsDeps {
  db: Db;
  auth: Auth;
  signInLimit: number;
  /** Every module holding personal data: gathered for the export, called on erasure. */
  contributors?: PersonalDataContributor[];
}

export function accountsService(deps: AccountsDeps) {
  const { db, auth } = deps;
  const contributors = deps.contributors ?? [];
  // The account page is the most visited signed-in page: its query is prepared once.
  const overviewQuery = db
    .select()
    .from(user)
    .where(eq(user.id, sql.placeholder('id')))
    .prepare('klaster_account_overview');

  /** Refuses (429) when the account has had too many wrong passwords, counted with sign-in failures. */
  async function guardPassword(email: string): Promise<void> {
    if ((await failuresFor([accountKey(email)])) >= deps.signInLimit) {
      throw new TooManyRequestsError(WINDOW_MINUTES * 60);
    }
  }

  /**
   * A better-auth call that checks the person's password: refused while too many wrong passwords
   * were typed; a wrong one is counted and reported on `field`; other refusals map to rule codes.
   */
  async function withPassword<T>(
    email: string,
    field: string,
    call: () => Promise<T>,
    refusals: Record<string, string> = {},
  ): Promise<T> {
    await guardPassword(email);
    try {
      return await call();
    } catch (err) {
      const code = apiCode(err) ?? '';
      if (wrongPasswordCodes.has(code)) {
        await recordFailure([accountKey(email)]);
        throw new RuleError('wrongPassword', field);
      }
      if (refusals[code]) throw new RuleError(refusals[code]);
      throw err;
    }
  }

  /** A security change on one's own account: an e-mail to the person and an audit row, together. */
  async function notifySelf(
    self: Self,
    template: 'passwordChanged' | 'twoFactorEnabled' | 'twoFactorDisabled',
    action: string,
    requestId: string | undefined,
    within?: Tx,
  ): Promise<void> {
    const write = async (tx: Tx) => {
      await enqueueMail(tx, {
        to: self.email,
        name: self.name,
        userId: self.id,
        locale: self.locale,
        template,
        args: [],
      });
      await audit(
        tx,
        { id: self.id, role: self.role, requestId },
        { action, entityType: 'user', entityId: self.id },
      );
    };
    if (within) await write(within);
    else await db.transaction(write);
  }

  const accountKey = (email: string) =>
    `acct:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  const addressKey = (ip: string) => `ip:${ip}`;

  async function failuresFor(keys: string[]): Promise<number> {
    const rows = await db
      .select({ failures: signInAttempts.failures })
      .from(signInAttempts)
      .where(
        and(
          inArray(signInAttempts.key, keys),
          gt(signInAttempts.windowStart, sql`now() - make_interval(mins => ${WINDOW_MINUTES})`),
        ),
      );
    return Math.max(0, ...rows.map((r) => r.failures));
  }

  async function recordFailure(keys: string[]): Promise<void> {
    for (const key of keys) {
      await db.execute(sql`
        insert into auth_sign_in_attempt (key, window_start, failures) values (${key}, now(), 1)
        on conflict (key) do update set
          failures = case when auth_sign_in_attempt.window_start < now() - make_interval(mins => ${WINDOW_MINUTES})
                          then 1 else auth_sign_in_attempt.failures + 1 end,
          window_start = case when auth_sign_in_attempt.window_start < now() - make_interval(mins => ${WINDOW_MINUTES})
                          then now() else auth_sign_in_attempt.window_start end`);
    }
  }

  async function recordConsents(userId: string, granted: ConsentKind[]) {
    await db
      .insert(consents)
      .values(consentKinds.map((kind) => ({ id: uuidv7(), userId, kind, granted: granted.includes(kind) })));
  }

  return {
    /**
     * Creates an account and sends the verification link. The answer is the same whether or not the
     * address already has an account (its owner gets an e-mail instead), so nothing is revealed.
     */
    async signUp(input: SignUpInput, headers: Headers): Promise<void> {
      const problem = passwordProblem(input.password);
      if (problem) throw new RuleError(problem, 'password');
      if (!input.consents.includes('terms')) throw new RuleError('mustAccept', 'consents');
      const result = await auth.api.signUpEmail({
        body: { name: input.name, email: input.email, password: input.password, locale: input.locale },
        headers,
      });
      const [created] = await db.select({ id: user.id }).from(user).where(eq(user.id, result.user.id));
      if (created) await recordConsents(created.id, input.consents);
    },

    async signIn(
      input: { email: string; password: string },
      headers: Headers,
      ip: string,
    ): Promise<SignInResult> {
      const keys = [accountKey(input.email), addressKey(ip)];
      if ((await failuresFor(keys)) >= deps.signInLimit) throw new TooManyRequestsError(WINDOW_MINUTES * 60);
      try {
        const { headers: out, response } = await auth.api.signInEmail({
          body: { email: input.email, password: input.password, rememberMe: true },
          headers,
          returnHeaders: true,
        });
        if ((response as { twoFactorRedirect?: boolean }).twoFactorRedirect)
          return { kind: 'two-factor', headers: out };
        await db.delete(signInAttempts).where(eq(signInAttempts.key, keys[0]!));
        return { kind: 'signed-in', headers: out };
      } catch (err) {
        const code = apiCode(err);
        if (code === 'EMAIL_NOT_VERIFIED') return { kind: 'unverified' };
        if (code === 'ACCOUNT_BLOCKED') return { kind: 'blocked' };
        if (isAPIError(err)) {
          await recordFailure(keys);
          return { kind: 'invalid' };
        }
        throw err;
      }
    },

    /** Second sign-in step: a TOTP or backup code, with the cookie set by the first step. */
    async verifySecondFactor(code: string, headers: Headers, ip: string): Promise<Headers | null> {
      const key = addressKey(ip);
      if ((await failuresFor([key])) >= deps.signInLimit) throw new TooManyRequestsError(WINDOW_MINUTES * 60);
      const trimmed = code.replace(/\s+/g, '');
      try {
        if (/^\d{6}$/.test(trimmed)) {
          const r = await auth.api.verifyTOTP({ body: { code: trimmed }, headers, returnHeaders: true });
          return r.headers;
        }
        const r = await auth.api.verifyBackupCode({ body: { code: trimmed }, headers, returnHeaders: true });
        return r.headers;
      } catch (err) {
        if (!isAPIError(err)) throw err;
        await recordFailure([key]);
        return null;
      }
    },

    async signOut(headers: Headers): Promise<Headers> {
      const r = await auth.api.signOut({ headers, returnHeaders: true });
      return r.headers;
    },

    /** True when the token was valid and the address is now verified. */
    async verifyEmail(token: string): Promise<boolean> {
      try {
        await auth.api.verifyEmail({ query: { token } });
        return true;
      } catch (err) {
        if (isAPIError(err)) return false;
        throw err;
      }
    },

    /** Always succeeds from the caller's point of view: whether the account exists is not revealed. */
    async requestPasswordReset(email: string): Promise<void> {
      try {
        await auth.api.requestPasswordReset({ body: { email, redirectTo: '/nowe-haslo' } });
      } catch (err) {
        if (!isAPIError(err)) throw err;
      }
    },

    async resetPassword(token: string, newPassword: string): Promise<'done' | 'invalid-token'> {
      const problem = passwordProblem(newPassword);
      if (problem) throw new RuleError(problem, 'password');
      const [row] = await db
        .select({ value: sql<string>`value` })
        .from(sql`auth_verification`)
        .where(sql`identifier = ${`reset-password:${token}`}`);
      try {
        await auth.api.resetPassword({ body: { newPassword, token } });
      } catch (err) {
        if (isAPIError(err)) return 'invalid-token';
        throw err;
      }
      if (row) {
        const [u] = await db.select().from(user).where(eq(user.id, row.value));
        if (u) {
          await enqueueMail(db, {
            to: u.email,
            name: u.name,
            userId: u.id,
            locale: u.locale,
            template: 'passwordChanged',
            args: [],
          });
        }
      }
      return 'done';
    },

    /** Current state of each consent (the latest decision per kind) with its date. */
    async consentsOf(
      userId: string,
    ): Promise<Array<{ kind: ConsentKind; granted: boolean; decidedAt: Date }>> {
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(desc(consents.decidedAt), desc(consents.id));
      const seen = new Map<ConsentKind, { kind: ConsentKind; granted: boolean; decidedAt: Date }>();
      for (const r of rows)
        if (!seen.has(r.kind)) seen.set(r.kind, { kind: r.kind, granted: r.granted, decidedAt: r.decidedAt });
      return consentKinds.filter((k) => seen.has(k)).map((k) => seen.get(k)!);
    },

    // ——— Signed-in self-service ———

    async overview(userId: string): Promise<AccountOverview> {
      const [u] = await overviewQuery.execute({ id: userId });
      if (!u || u.deletedAt) throw new NotFoundError('account');
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        locale: u.locale,
        phone: u.phone,
        role: u.role,
        twoFactorEnabled: u.twoFactorEnabled,
        createdAt: u.createdAt,
      };
    },

    async updateProfile(userId: string, raw: ProfileInput): Promise<void> {
      const input = checkedInput(profileInput, raw);
      await db
        .update(user)
        .set({ name: input.name, locale: input.locale, phone: input.phone ?? null, updatedAt: new Date() })
        .where(and(eq(user.id, userId), isNull(user.deletedAt)));
    },

    /** The decisions, newest first (the page shows the latest 200; the export has them all). */
    async consentHistory(userId: string): Promise<ConsentState[]> {
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(desc(consents.decidedAt), desc(consents.id))
        .limit(200);
      return rows.map((r) => ({ kind: r.kind, granted: r.granted, decidedAt: r.decidedAt }));
    },

    /**
     * Records a decision about one consent as a new row (history is kept). The terms cannot be
     * withdrawn while keeping the account. Returns false when the decision equals the current one.
     */
    async decideConsent(userId: string, kind: ConsentKind, granted: boolean): Promise<boolean> {
      if (kind === 'terms' && !granted) throw new RuleError('termsCannotWithdraw', 'kind');
      return db.transaction(async (tx) => {
        // One decision at a time per person: the row lock orders concurrent submissions.
        await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for('update');
        const [latest] = await tx
          .select({ granted: consents.granted })
          .from(consents)
          .where(and(eq(consents.userId, userId), eq(consents.kind, kind)))
          .orderBy(desc(consents.decidedAt), desc(consents.id))
          .limit(1);
        if (latest && latest.granted === granted) return false;
        await tx.insert(consents).values({ id: uuidv7(), userId, kind, granted });
        return true;
      });
    },

    /**
     * Changes the password (policy first), signs out every other session, mails a confirmation.
     * Returns the cookies of the new session of this device.
     */
    async changePassword(
      self: Self,
      input: { currentPassword: string; newPassword: string },
      headers: Headers,
      requestId?: string,
    ): Promise<Headers> {
      const problem = passwordProblem(input.newPassword);
      if (problem) throw new RuleError(problem, 'newPassword');
      const { headers: out } = await withPassword(self.email, 'currentPassword', () =>
        auth.api.changePassword({
          body: {
            currentPassword: input.currentPassword,
            newPassword: input.newPassword,
            revokeOtherSessions: true,
          },
          headers,
          returnHeaders: true,
        }),
      );
      await notifySelf(self, 'passwordChanged', 'account.password_changed', requestId);
      return out;
    },

    /** The person's active sessions, most recently active first. */
    async sessionsOf(userId: string): Promise<SessionInfo[]> {
      // Read directly: better-auth's listSessions refuses sessions older than a day ("not fresh").
      const rows = await db
        .select()
        .from(session)
        .where(and(eq(session.userId, userId), gt(session.expiresAt, sql`now()`)))
        .orderBy(desc(session.updatedAt), desc(session.createdAt))
        .limit(100);
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        lastActiveAt: r.updatedAt,
        ipAddress: r.ipAddress,
        userAgent: r.userAgent,
      }));
    },

    /** Signs out one of the person's other sessions. False when it was already gone. */
    async revokeSession(userId: string, sessionId: string, headers: Headers): Promise<boolean> {
      const [row] = await db
        .select({ token: session.token })
        .from(session)
        .where(and(eq(session.id, sessionId), eq(session.userId, userId)));
      if (!row) return false;
      await auth.api.revokeSession({ body: { token: row.token }, headers });
      return true;
    },

    async revokeOtherSessions(headers: Headers): Promise<void> {
      await auth.api.revokeOtherSessions({ headers });
    },

    /** Whether two-step sign-in is on, and whether an enrolment was started and not confirmed. */
    async twoFactorState(userId: string): Promise<{ enabled: boolean; pending: boolean }> {
      const [u] = await db.select({ enabled: user.twoFactorEnabled }).from(user).where(eq(user.id, userId));
      const [row] = await db
        .select({ verified: twoFactor.verified })
        .from(twoFactor)
        .where(eq(twoFactor.userId, userId));
      return { enabled: u?.enabled === true, pending: row?.verified === false };
    },

    /** First step of enrolment: checks the password, creates a secret and backup codes (not yet on). */
    async startTwoFactor(
      self: Self,
      password: string,
      headers: Headers,
    ): Promise<{ setup: TwoFactorSetup; headers: Headers }> {
      const r = await withPassword(
        self.email,
        'password',
        () => auth.api.enableTwoFactor({ body: { password }, headers, returnHeaders: true }),
        { TOTP_ALREADY_ENABLED: 'twoFactorAlreadyOn' },
      );
      const uri = (r.response as { totpURI?: string }).totpURI ?? '';
      const secret = new URL(uri).searchParams.get('secret') ?? '';
      const backupCodes = (r.response as { backupCodes?: string[] }).backupCodes ?? [];
      return { setup: { secret, totpUri: uri, backupCodes }, headers: r.headers };
    },

    /** The setup of an enrolment started and not yet confirmed (to show it again), or null. */
    async pendingTwoFactor(self: Self): Promise<TwoFactorSetup | null> {
      const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, self.id));
      if (row?.verified !== false) return null;
      const ctx = await auth.$context;
      const raw = await symmetricDecrypt({ key: ctx.secretConfig, data: row.secret });
      const secret = base32(Buffer.from(raw, 'utf8'));
      const codes = await auth.api.viewBackupCodes({ body: { userId: self.id } });
      return { secret, totpUri: totpUri(secret, self.email), backupCodes: codes.backupCodes };
    },

    /**
     * Second step of enrolment: a code from the app turns two-step sign-in on. Returns the cookies
     * of the refreshed session; mails a confirmation.
     */
    async confirmTwoFactor(self: Self, code: string, headers: Headers, requestId?: string): Promise<Headers> {
      const [row] = await db
        .select({ verified: twoFactor.verified })
        .from(twoFactor)
        .where(eq(twoFactor.userId, self.id));
      if (!row) throw new RuleError('twoFactorNotStarted');
      if (row.verified !== false) throw new RuleError('twoFactorAlreadyOn');
      await guardPassword(self.email);
      let out: Headers;
      try {
        const r = await auth.api.verifyTOTP({ body: { code }, headers, returnHeaders: true });
        out = r.headers;
      } catch (err) {
        if (apiCode(err) === 'INVALID_CODE') {
          await recordFailure([accountKey(self.email)]);
          throw new RuleError('invalidCode', 'code');
        }
        throw err;
      }
      await db.transaction(async (tx) => {
        // better-auth turns the flag on only when it was off; staff set up by an admin may have it on.
        await tx.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, self.id));
        await notifySelf(self, 'twoFactorEnabled', 'account.two_factor_enabled', requestId, tx);
      });
      return out;
    },

    /** Turns two-step sign-in off (never for staff and admins, who must keep it). */
    async disableTwoFactor(
      self: Self,
      password: string,
      headers: Headers,
      requestId?: string,
    ): Promise<Headers> {
      if (isStaff({ id: self.id, role: self.role })) throw new RuleError('staffMustKeep');
      const { headers: out } = await withPassword(self.email, 'password', () =>
        auth.api.disableTwoFactor({ body: { password }, headers, returnHeaders: true }),
      );
      await notifySelf(self, 'twoFactorDisabled', 'account.two_factor_disabled', requestId);
      return out;
    },

    /** New backup codes replace the old ones. */
    async regenerateBackupCodes(self: Self, password: string, headers: Headers): Promise<string[]> {
      const r = await withPassword(
        self.email,
        'password',
        () => auth.api.generateBackupCodes({ body: { password }, headers }),
        { TWO_FACTOR_NOT_ENABLED: 'twoFactorNotStarted' },
      );
      return r.backupCodes;
    },

    /** Everything the platform holds about the person, as plain JSON ("download my data"). */
    async exportData(userId: string): Promise<Record<string, unknown>> {
      const [u] = await db.select().from(user).where(eq(user.id, userId));
      if (!u) throw new NotFoundError('account');
      const [methods, tf, consentRows, sessions, mails, auditRows] = await Promise.all([
        db
          .select({
            provider: account.providerId,
            createdAt: account.createdAt,
            updatedAt: account.updatedAt,
          })
          .from(account)
          .where(eq(account.userId, userId)),
        db.select({ verified: twoFactor.verified }).from(twoFactor).where(eq(twoFactor.userId, userId)),
        db
          .select()
          .from(consents)
          .where(eq(consents.userId, userId))
          .orderBy(asc(consents.decidedAt), asc(consents.id)),
        db.select().from(session).where(eq(session.userId, userId)).orderBy(asc(session.createdAt)),
        db
          .select()
          .from(mailOutbox)
          .where(or(eq(mailOutbox.userId, userId), eq(mailOutbox.toAddress, u.email)))
          .orderBy(asc(mailOutbox.createdAt)),
        db
          .select()
          .from(auditLog)
          .where(or(eq(auditLog.actorId, userId), eq(auditLog.entityId, userId)))
          .orderBy(asc(auditLog.createdAt)),
      ]);
      const modules: Record<string, unknown> = {};
      for (const c of contributors) modules[c.name] = await c.exportFor(userId);
      return {
        format: 'klaster-personal-data/1',
        exportedAt: new Date().toISOString(),
        account: {
          id: u.id,
          name: u.name,
          email: u.email,
          emailVerified: u.emailVerified,
          locale: u.locale,
          phone: u.phone,
          role: u.role,
          twoFactorEnabled: u.twoFactorEnabled,
          createdAt: u.createdAt,
          updatedAt: u.updatedAt,
          blockedAt: u.blockedAt,
          blockedReason: u.blockedReason,
          deletedAt: u.deletedAt,
        },
        signInMethods: methods,
        twoFactor: { enabled: u.twoFactorEnabled, appConfigured: tf[0]?.verified === true },
        consents: consentRows.map((r) => ({ kind: r.kind, granted: r.granted, decidedAt: r.decidedAt })),
        sessions: sessions.map((s) => ({
          createdAt: s.createdAt,
          lastActiveAt: s.updatedAt,
          expiresAt: s.expiresAt,
          ipAddress: s.ipAddress,
          userAgent: s.userAgent,
        })),
        emails: mails.map((m) => ({
          to: m.toAddress,
          subject: m.subject,
          template: m.template,
          status: m.status,
          createdAt: m.createdAt,
          sentAt: m.sentAt,
        })),
        // Entries about the person in full; entries of what they did to others without the
        // before/after values, which may hold other people's data.
        audit: auditRows.map((a) => ({
          at: a.createdAt,
          action: a.action,
          entityType: a.entityType,
          entityId: a.entityId,
          actorRole: a.actorRole,
          byYou: a.actorId === userId,
          ...(a.entityId === userId ? { before: a.before, after: a.after } : {}),
        })),
        modules,
      };
    },

    /** Checks the password for a sensitive step not covered by better-auth (account deletion). */
    async verifyPassword(self: Self, password: string): Promise<void> {
      await guardPassword(self.email);
      const [row] = await db
        .select({ hash: account.password })
        .from(account)
        .where(and(eq(account.userId, self.id), eq(account.providerId, 'credential')));
      const ctx = await auth.$context;
      const ok =
        row?.hash && password.length <= 1000
          ? await ctx.password.verify({ hash: row.hash, password })
          : false;
      if (!ok) {
        await recordFailure([accountKey(self.email)]);
        throw new RuleError('wrongPassword', 'password');
      }
    },

    /**
     * Deletes the account in one transaction: each module erases (or refuses with a RuleError),
     * the confirmation is queued to the old address, sessions, passwords, two-factor secrets,
     * consents, e-mails and tokens go, and the user row is anonymised. Audit rows stay (they hold
     * the id only). The caller clears the cookies.
     */
    async deleteAccount(self: Self, password: string, requestId?: string): Promise<void> {
      await this.verifyPassword(self, password);
      await db.transaction(async (tx) => {
        const [u] = await tx.select().from(user).where(eq(user.id, self.id)).for('update');
        if (!u || u.deletedAt) throw new NotFoundError('account');
        if (u.role === 'admin') {
          const others = await tx
            .select({ id: user.id })
            .from(user)
            .where(
              and(eq(user.role, 'admin'), ne(user.id, u.id), isNull(user.deletedAt), isNull(user.blockedAt)),
            )
            .for('update');
          if (others.length === 0) throw new RuleError('lastAdmin');
        }
        for (const c of contributors) await c.eraseFor(u.id, tx);
        // Earlier messages hold the name and address; the goodbye goes to the old address.
        await tx.delete(mailOutbox).where(or(eq(mailOutbox.userId, u.id), eq(mailOutbox.toAddress, u.email)));
        await enqueueMail(tx, {
          to: u.email,
          name: u.name,
          userId: u.id,
          locale: u.locale,
          template: 'accountDeleted',
          args: [],
        });
        await tx.delete(session).where(eq(session.userId, u.id));
        await tx.delete(account).where(eq(account.userId, u.id));
        await tx.delete(twoFactor).where(eq(twoFactor.userId, u.id));
        await tx.delete(consents).where(eq(consents.userId, u.id));
        await tx.delete(verification).where(eq(verification.value, u.id));
        await tx.delete(signInAttempts).where(eq(signInAttempts.key, accountKey(u.email)));
        await tx
          .update(user)
          .set({
            name: 'Usunięte konto',
            email: `deleted-${u.id}@deleted.invalid`,
            phone: null,
            image: null,
            emailVerified: false,
            twoFactorEnabled: false,
            deletedAt: sql`now()`,
            blockedAt: sql`now()`,
            updatedAt: sql`now()`,
          })
          .where(eq(user.id, u.id));
        await audit(
          tx,
          { id: u.id, role: u.role, requestId },
          { action: 'account.deleted', entityType: 'user', entityId: u.id },
        );
      });
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
