// Accounts: sign-up, sign-in (rate limited per account and per address, with a TOTP second step),
// e-mail verification, password reset. better-auth does the cryptography and sessions; the rules
// Klaster adds (password policy, counters, consents) are applied here, before it runs.
import { createHash } from 'node:crypto';
import { isAPIError } from 'better-auth/api';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Auth } from '../../platform/auth/auth.ts';
import { passwordProblem } from '../../platform/auth/passwords.ts';
import { type Locale, signInAttempts, user } from '../../platform/auth/schema.ts';
import { RuleError, TooManyRequestsError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
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

function apiCode(err: unknown): string | undefined {
  if (!isAPIError(err)) return undefined;
  const body = (err as { body?: { code?: string; message?: string } }).body;
  return body?.code ?? body?.message;
}

export function accountsService(deps: { db: Db; auth: Auth; signInLimit: number }) {
  const { db, auth } = deps;

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
        .orderBy(desc(consents.decidedAt));
      const seen = new Map<ConsentKind, { kind: ConsentKind; granted: boolean; decidedAt: Date }>();
      for (const r of rows)
        if (!seen.has(r.kind)) seen.set(r.kind, { kind: r.kind, granted: r.granted, decidedAt: r.decidedAt });
      return consentKinds.filter((k) => seen.has(k)).map((k) => seen.get(k)!);
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
