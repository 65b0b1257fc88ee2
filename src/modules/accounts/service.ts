// Accounts: sign-up, sign-in (rate limited per account and per address, with a TOTP second step),
// e-mail verification, password reset, and the signed-in self-service: profile, consents, password
// and devices, two-step sign-in, "download my data" and "delete my account". better-auth does the
// cryptography and sessions; the rules Klaster adds (password policy, counters, consents, erasure)
// are applied here, before it runs.
import { isAPIError } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import { and, asc, desc, eq, gt, isNull, like, max, ne, or, sql } from 'drizzle-orm';
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
  totpLastStep,
  twoFactor,
  twoFactorEnrolment,
  user,
  verification,
} from '../../platform/auth/schema.ts';
import {
  type CurrentSession,
  endOtherSessions,
  markSecondFactor,
  normaliseBackupCode,
} from '../../platform/auth/second-factor.ts';
import { issuedSessionToken } from '../../platform/auth/session.ts';
import { NotFoundError, RuleError, TooManyRequestsError } from '../../platform/http/errors.ts';
import { checkedInput, f } from '../../platform/http/forms.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { mailOutbox } from '../../platform/mail/schema.ts';
import { isStaff } from '../../platform/policy.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { type ConsentKind, consentKinds, consents, termsVersions } from './schema.ts';
import { accountKey, signInLimits, WINDOW_MINUTES } from './sign-in-limits.ts';

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
  | { kind: 'blocked' }
  /** Too many wrong passwords for the address typed: the e-mailed unlock link (or a reset) is needed. */
  | { kind: 'locked' };

/** Signing in with an unlock link: a sign-in result for the account it names, or a dead link. */
export type UnlockResult = (SignInResult & { email: string }) | { kind: 'invalid-link' };

/** The signed-in person as the self-service use cases need them. */
export interface Self {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
}

/** The person and the session the request came with (two-step sign-in is a matter of the session). */
export interface SelfInSession extends Self {
  sessionId: string;
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

/** Given; withdrawn (given, then withdrawn); or not given (declined or never decided). */
export type ConsentStatus = 'granted' | 'withdrawn' | 'notGiven';

export interface ConsentState {
  kind: ConsentKind;
  granted: boolean;
  status: ConsentStatus;
  decidedAt: Date;
  /** The version of the terms accepted (terms acceptances only). */
  termsVersion: number | null;
}
export type CurrentConsent = ConsentState;

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
  /** Every module holding personal data, asked when needed: gathered for the export, called on erasure. */
  contributors?: () => PersonalDataContributor[];
  clock: Clock;
}

export function accountsService(deps: AccountsDeps) {
  const { db, auth } = deps;
  const contributors = deps.contributors ?? (() => []);
  const limits = signInLimits({
    db,
    limit: deps.signInLimit,
    baseUrl: typeof auth.options.baseURL === 'string' ? auth.options.baseURL : '',
  });
  // The account page is the most visited signed-in page: its query is prepared once.
  const overviewQuery = db
    .select()
    .from(user)
    .where(eq(user.id, sql.placeholder('id')))
    .prepare('klaster_account_overview');

  /** Refuses (429) when the account has had too many wrong passwords, counted with sign-in failures. */
  async function guardPassword(email: string): Promise<void> {
    if ((await limits.accountFailures(email)) >= deps.signInLimit) {
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
        await accountFailed(email);
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

  /**
   * A new password (reset or change) voids every reset link the person still has — better-auth keeps
   * each as a `reset-password:<token>` row holding the user id, and consumes only the one used — and
   * lifts a sign-in lock: the password that was being guessed is gone.
   */
  async function newPasswordSet(tx: Db | Tx, userId: string, email: string): Promise<void> {
    await tx
      .delete(verification)
      .where(and(eq(verification.value, userId), like(verification.identifier, 'reset-password:%')));
    await limits.lift(tx, userId, email);
  }

  /** A wrong password for the account; the failure that locks it mails the owner the unlock link. */
  async function accountFailed(email: string): Promise<void> {
    if (await limits.accountFailed(email)) await limits.offerUnlock(email);
  }

  /** better-auth's sign-in with the password, its refusals as results (nothing counted here). */
  async function passwordSignIn(email: string, password: string, headers: Headers): Promise<SignInResult> {
    try {
      const { headers: out, response } = await auth.api.signInEmail({
        body: { email, password, rememberMe: true },
        headers,
        returnHeaders: true,
      });
      if ((response as { twoFactorRedirect?: boolean }).twoFactorRedirect)
        return { kind: 'two-factor', headers: out };
      return { kind: 'signed-in', headers: out };
    } catch (err) {
      const code = apiCode(err);
      if (code === 'EMAIL_NOT_VERIFIED') return { kind: 'unverified' };
      if (code === 'ACCOUNT_BLOCKED') return { kind: 'blocked' };
      if (isAPIError(err)) return { kind: 'invalid' };
      throw err;
    }
  }

  /** This device's session after a better-auth call: the one it issued, or the one we came with. */
  async function currentSession(self: SelfInSession, out: Headers): Promise<CurrentSession> {
    const token = issuedSessionToken(out, (await auth.$context).secret);
    return token ? { token } : { id: self.sessionId };
  }

  /**
   * Changing the second factor (turning it off, new backup codes) needs a session that passed it:
   * a session opened with the password alone must not be able to replace or remove the factor.
   */
  async function requirePassedSession(self: SelfInSession): Promise<void> {
    const [row] = await db
      .select({ on: user.twoFactorEnabled, passedAt: session.secondFactorAt })
      .from(session)
      .innerJoin(user, eq(user.id, session.userId))
      .where(and(eq(session.id, self.sessionId), eq(session.userId, self.id)));
    if (!row || (row.on && !row.passedAt)) throw new RuleError('twoFactorSessionNotPassed');
  }

  /** The version of the terms in force (the one a sign-up accepts). */
  async function termsInForce(tx: Db | Tx): Promise<number | null> {
    const [r] = await tx.select({ v: max(termsVersions.version) }).from(termsVersions);
    return r?.v ?? null;
  }

  async function recordConsents(userId: string, granted: ConsentKind[]) {
    const version = await termsInForce(db);
    await db.insert(consents).values(
      consentKinds.map((kind) => {
        const given = granted.includes(kind);
        return {
          id: uuidv7(),
          userId,
          kind,
          granted: given,
          termsVersion: kind === 'terms' && given ? version : null,
        };
      }),
    );
  }

  return {
    /**
     * Creates an account and sends the verification link. The answer is the same whether or not the
     * address already has an account (its owner gets an e-mail instead), so nothing is revealed.
     */
    async signUp(input: SignUpInput, headers: Headers): Promise<void> {
      const problem = passwordProblem(input.password, [input.name, input.email]);
      if (problem) throw new RuleError(problem, 'password');
      if (!input.consents.includes('terms')) throw new RuleError('mustAccept', 'consents');
      const result = await auth.api.signUpEmail({
        body: { name: input.name, email: input.email, password: input.password, locale: input.locale },
        headers,
      });
      const [created] = await db.select({ id: user.id }).from(user).where(eq(user.id, result.user.id));
      if (created) await recordConsents(created.id, input.consents);
    },

    /**
     * Signs in with the password. A locked account is refused without trying the password (its
     * owner is mailed the unlock link). An address over the limit slows only accounts that have
     * failed in the window — refused without trying the password — never a correct password for
     * anyone else behind it. A wrong password counts for both.
     */
    async signIn(
      input: { email: string; password: string },
      headers: Headers,
      ip: string,
    ): Promise<SignInResult> {
      const counters = await limits.counters(input.email, ip);
      if (counters.locked) {
        await limits.offerUnlock(input.email);
        return { kind: 'locked' };
      }
      if (counters.addressFailures >= deps.signInLimit && counters.accountFailures > 0)
        throw new TooManyRequestsError(WINDOW_MINUTES * 60);
      const result = await passwordSignIn(input.email, input.password, headers);
      if (result.kind === 'signed-in') await limits.clear(input.email);
      if (result.kind !== 'invalid') return result;
      await limits.addressFailed(ip);
      if (await limits.accountFailed(input.email)) {
        await limits.offerUnlock(input.email);
        return { kind: 'locked' };
      }
      return result;
    },

    /** The address an unlock link signs in to, while the link works; null otherwise. */
    async unlockTarget(token: string): Promise<{ email: string } | null> {
      const owner = await limits.linkOwner(token);
      return owner ? { email: owner.email } : null;
    },

    /**
     * Signs in with the e-mailed unlock link and the password: the link proves control of the
     * mailbox, so neither the lock nor a busy address stops it; success lifts the lock and voids the
     * person's unlock links. A link allows as many password attempts as the sign-in limit.
     */
    async unlockSignIn(token: string, password: string, headers: Headers, ip: string): Promise<UnlockResult> {
      const owner = await limits.linkOwner(token);
      if (!owner) return { kind: 'invalid-link' };
      const attempt = await limits.takeLinkAttempt(token);
      if (attempt === 'spent') return { kind: 'invalid-link' };
      const result = await passwordSignIn(owner.email, password, headers);
      if (result.kind === 'invalid') {
        await limits.addressFailed(ip);
        if (attempt === 'last') await limits.voidLink(token);
      } else if (result.kind === 'signed-in' || result.kind === 'two-factor') {
        await limits.lift(db, owner.userId, owner.email);
      }
      return { ...result, email: owner.email };
    },

    /**
     * Second sign-in step: a TOTP or backup code, with the cookie set by the first step. Only someone
     * who has just typed the right password gets here, so failures from the address count but do not
     * stop anyone behind it; better-auth locks the account's second step after ten wrong codes.
     */
    async verifySecondFactor(code: string, headers: Headers, ip: string): Promise<Headers | null> {
      const trimmed = code.replace(/\s+/g, '');
      try {
        if (/^\d{6}$/.test(trimmed)) {
          const r = await auth.api.verifyTOTP({ body: { code: trimmed }, headers, returnHeaders: true });
          return r.headers;
        }
        const r = await auth.api.verifyBackupCode({
          body: { code: normaliseBackupCode(trimmed) },
          headers,
          returnHeaders: true,
        });
        return r.headers;
      } catch (err) {
        if (!isAPIError(err)) throw err;
        if (apiCode(err) === 'ACCOUNT_TEMPORARILY_LOCKED')
          throw new TooManyRequestsError(WINDOW_MINUTES * 60);
        await limits.addressFailed(ip);
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

    /** Whether a password-reset link still works (not used, not expired, not voided). */
    async resetLinkWorks(token: string): Promise<boolean> {
      if (!token) return false;
      const [row] = await db
        .select({ id: verification.id })
        .from(verification)
        .where(
          and(eq(verification.identifier, `reset-password:${token}`), gt(verification.expiresAt, sql`now()`)),
        );
      return row !== undefined;
    },

    async resetPassword(token: string, newPassword: string): Promise<'done' | 'invalid-token'> {
      const [row] = await db
        .select({ value: verification.value })
        .from(verification)
        .where(eq(verification.identifier, `reset-password:${token}`));
      const [u] = row ? await db.select().from(user).where(eq(user.id, row.value)) : [];
      const problem = passwordProblem(newPassword, [u?.name, u?.email]);
      if (problem) throw new RuleError(problem, 'password');
      try {
        await auth.api.resetPassword({ body: { newPassword, token } });
      } catch (err) {
        if (isAPIError(err)) return 'invalid-token';
        throw err;
      }
      if (u) {
        await db.transaction(async (tx) => {
          await newPasswordSet(tx, u.id, u.email);
          // The link reached the address: it is verified (an invitation from the desk, too).
          if (!u.emailVerified) await tx.update(user).set({ emailVerified: true }).where(eq(user.id, u.id));
          await enqueueMail(tx, {
            to: u.email,
            name: u.name,
            userId: u.id,
            locale: u.locale,
            template: 'passwordChanged',
            args: [],
          });
        });
      }
      return 'done';
    },

    /**
     * Current state of each consent decided so far (the latest decision per kind) with its date:
     * withdrawn only when it had been given before; for the terms, the version last accepted.
     */
    async consentsOf(userId: string): Promise<CurrentConsent[]> {
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(asc(consents.decidedAt), asc(consents.id));
      const seen = new Map<ConsentKind, CurrentConsent>();
      for (const r of rows) {
        const before = seen.get(r.kind);
        const everGiven = before ? before.status !== 'notGiven' : false;
        seen.set(r.kind, {
          kind: r.kind,
          granted: r.granted,
          status: r.granted ? 'granted' : everGiven ? 'withdrawn' : 'notGiven',
          decidedAt: r.decidedAt,
          termsVersion: r.termsVersion ?? before?.termsVersion ?? null,
        });
      }
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
        .set({
          name: input.name,
          locale: input.locale,
          phone: input.phone ?? null,
          updatedAt: deps.clock.now(),
        })
        .where(and(eq(user.id, userId), isNull(user.deletedAt)));
    },

    /** The decisions, newest first (the page shows the latest 200; the export has them all). */
    async consentHistory(userId: string): Promise<ConsentState[]> {
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(asc(consents.decidedAt), asc(consents.id));
      const given = new Set<ConsentKind>();
      const out: ConsentState[] = rows.map((r) => {
        const status: ConsentStatus = r.granted ? 'granted' : given.has(r.kind) ? 'withdrawn' : 'notGiven';
        if (r.granted) given.add(r.kind);
        return {
          kind: r.kind,
          granted: r.granted,
          status,
          decidedAt: r.decidedAt,
          termsVersion: r.termsVersion,
        };
      });
      return out.reverse().slice(0, 200);
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
        const termsVersion = kind === 'terms' && granted ? await termsInForce(tx) : null;
        await tx.insert(consents).values({ id: uuidv7(), userId, kind, granted, termsVersion });
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
      const problem = passwordProblem(input.newPassword, [self.name, self.email]);
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
      await db.transaction(async (tx) => {
        await newPasswordSet(tx, self.id, self.email);
        await notifySelf(self, 'passwordChanged', 'account.password_changed', requestId, tx);
      });
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

    /**
     * Whether two-step sign-in is on, and whether this session started an enrolment it has not
     * confirmed yet.
     */
    async twoFactorState(userId: string, sessionId: string): Promise<{ enabled: boolean; pending: boolean }> {
      const [u] = await db.select({ enabled: user.twoFactorEnabled }).from(user).where(eq(user.id, userId));
      const [row] = await db
        .select({ verified: twoFactor.verified, sessionId: twoFactorEnrolment.sessionId })
        .from(twoFactor)
        .leftJoin(twoFactorEnrolment, eq(twoFactorEnrolment.userId, twoFactor.userId))
        .where(eq(twoFactor.userId, userId));
      return {
        enabled: u?.enabled === true,
        pending: row?.verified === false && row.sessionId === sessionId,
      };
    },

    /**
     * First step of enrolment: checks the password, creates a secret and backup codes (not yet on),
     * which belong to this session until it confirms them.
     */
    async startTwoFactor(
      self: SelfInSession,
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
      await db
        .insert(twoFactorEnrolment)
        .values({ userId: self.id, sessionId: self.sessionId })
        .onConflictDoUpdate({
          target: twoFactorEnrolment.userId,
          set: { sessionId: self.sessionId, startedAt: sql`now()` },
        });
      return { setup: { secret, totpUri: uri, backupCodes }, headers: r.headers };
    },

    /**
     * The setup of an enrolment this session started and has not confirmed (to show it again), or
     * null. No other session of the person ever sees it.
     */
    async pendingTwoFactor(self: SelfInSession): Promise<TwoFactorSetup | null> {
      const [row] = await db
        .select({ secret: twoFactor.secret, verified: twoFactor.verified })
        .from(twoFactor)
        .innerJoin(
          twoFactorEnrolment,
          and(
            eq(twoFactorEnrolment.userId, twoFactor.userId),
            eq(twoFactorEnrolment.sessionId, self.sessionId),
          ),
        )
        .where(eq(twoFactor.userId, self.id));
      if (row?.verified !== false) return null;
      const ctx = await auth.$context;
      const raw = await symmetricDecrypt({ key: ctx.secretConfig, data: row.secret });
      const secret = base32(Buffer.from(raw, 'utf8'));
      const codes = await auth.api.viewBackupCodes({ body: { userId: self.id } });
      return { secret, totpUri: totpUri(secret, self.email), backupCodes: codes.backupCodes };
    },

    /**
     * Second step of enrolment, in the session that started it: a code from the app turns two-step
     * sign-in on. This session has then passed the second factor; every other session of the person
     * is signed out. Returns the cookies of the refreshed session; mails a confirmation.
     */
    async confirmTwoFactor(
      self: SelfInSession,
      code: string,
      headers: Headers,
      requestId?: string,
    ): Promise<Headers> {
      const [row] = await db
        .select({ verified: twoFactor.verified, sessionId: twoFactorEnrolment.sessionId })
        .from(twoFactor)
        .leftJoin(twoFactorEnrolment, eq(twoFactorEnrolment.userId, twoFactor.userId))
        .where(eq(twoFactor.userId, self.id));
      if (!row) throw new RuleError('twoFactorNotStarted');
      if (row.verified !== false) throw new RuleError('twoFactorAlreadyOn');
      if (row.sessionId !== self.sessionId) throw new RuleError('twoFactorNotStarted');
      await guardPassword(self.email);
      let out: Headers;
      try {
        const r = await auth.api.verifyTOTP({ body: { code }, headers, returnHeaders: true });
        out = r.headers;
      } catch (err) {
        if (apiCode(err) === 'INVALID_CODE') {
          await accountFailed(self.email);
          throw new RuleError('invalidCode', 'code');
        }
        throw err;
      }
      const current = await currentSession(self, out);
      await db.transaction(async (tx) => {
        // better-auth turns the flag on only when it was off; staff set up by an admin may have it on.
        await tx.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, self.id));
        await markSecondFactor(tx, current);
        await endOtherSessions(tx, self.id, current);
        await tx.delete(twoFactorEnrolment).where(eq(twoFactorEnrolment.userId, self.id));
        await notifySelf(self, 'twoFactorEnabled', 'account.two_factor_enabled', requestId, tx);
      });
      return out;
    },

    /**
     * Turns two-step sign-in off (never for staff and admins, who must keep it) and signs out every
     * other session of the person.
     */
    async disableTwoFactor(
      self: SelfInSession,
      password: string,
      headers: Headers,
      requestId?: string,
    ): Promise<Headers> {
      if (isStaff({ id: self.id, role: self.role })) throw new RuleError('staffMustKeep');
      await requirePassedSession(self);
      const { headers: out } = await withPassword(self.email, 'password', () =>
        auth.api.disableTwoFactor({ body: { password }, headers, returnHeaders: true }),
      );
      await endOtherSessions(db, self.id, await currentSession(self, out));
      await notifySelf(self, 'twoFactorDisabled', 'account.two_factor_disabled', requestId);
      return out;
    },

    /** New backup codes replace the old ones. */
    async regenerateBackupCodes(self: SelfInSession, password: string, headers: Headers): Promise<string[]> {
      await requirePassedSession(self);
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
      for (const c of contributors()) modules[c.name] = await c.exportFor(userId);
      return {
        format: 'klaster-personal-data/1',
        exportedAt: deps.clock.now().toISOString(),
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
        consents: consentRows.map((r) => ({
          kind: r.kind,
          granted: r.granted,
          decidedAt: r.decidedAt,
          ...(r.termsVersion ? { termsVersion: r.termsVersion } : {}),
        })),
        sessions: sessions.map((s) => ({
          createdAt: s.createdAt,
          lastActiveAt: s.updatedAt,
          expiresAt: s.expiresAt,
          secondFactorAt: s.secondFactorAt,
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
        await accountFailed(self.email);
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
        for (const c of contributors()) await c.eraseFor(u.id, tx);
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
        await tx.delete(totpLastStep).where(eq(totpLastStep.userId, u.id));
        await tx.delete(consents).where(eq(consents.userId, u.id));
        await tx.delete(verification).where(eq(verification.value, u.id));
        await tx.delete(signInAttempts).where(eq(signInAttempts.key, accountKey(u.email)));
        const at = deps.clock.now();
        await tx
          .update(user)
          .set({
            name: 'Usunięte konto',
            email: `deleted-${u.id}@deleted.invalid`,
            phone: null,
            image: null,
            emailVerified: false,
            twoFactorEnabled: false,
            deletedAt: at,
            blockedAt: at,
            updatedAt: at,
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
