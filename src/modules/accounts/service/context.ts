// What the accounts use cases share: the dependencies, the sign-in counters, the prepared overview
// query, and the helpers for passwords, security notices, sessions and consents.
import { isAPIError } from 'better-auth/api';
import { and, eq, like, max, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { type Auth, TOTP_ISSUER } from '../../../platform/auth/auth.ts';
import { session, user, verification } from '../../../platform/auth/schema.ts';
import type { CurrentSession } from '../../../platform/auth/second-factor.ts';
import { issuedSessionToken } from '../../../platform/auth/session.ts';
import { RuleError, TooManyRequestsError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import type { PersonalDataContributor } from '../../../platform/privacy.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { type ConsentKind, consentKinds, consents, termsVersions } from '../schema.ts';
import { signInLimits, WINDOW_MINUTES } from '../sign-in-limits.ts';
import { type AccountContext, type SelfInSession, type SignInResult, selfOf } from './model.ts';

export function apiCode(err: unknown): string | undefined {
  if (!isAPIError(err)) return undefined;
  const body = (err as { body?: { code?: string; message?: string } }).body;
  return body?.code ?? body?.message;
}

/** better-auth's answer to a wrong current password (or one too long to be anyone's). */
export const wrongPasswordCodes = new Set(['INVALID_PASSWORD', 'PASSWORD_TOO_LONG', 'PASSWORD_TOO_SHORT']);

export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function base32(data: Buffer): string {
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
export function totpUri(secret: string, email: string): string {
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

export function accountsContext(deps: AccountsDeps) {
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
    ctx: AccountContext,
    template: 'passwordChanged' | 'twoFactorEnabled' | 'twoFactorDisabled',
    action: string,
    within?: Tx,
  ): Promise<void> {
    const self = selfOf(ctx);
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
        { id: self.id, role: self.role, requestId: ctx.requestId },
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
    db,
    auth,
    deps,
    contributors,
    limits,
    overviewQuery,
    guardPassword,
    withPassword,
    notifySelf,
    newPasswordSet,
    accountFailed,
    passwordSignIn,
    currentSession,
    requirePassedSession,
    termsInForce,
    recordConsents,
  };
}

export type AccountsContext = ReturnType<typeof accountsContext>;
