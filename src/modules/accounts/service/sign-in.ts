// Sign-in: the password (rate limited), the unlock link, the second step, and signing out.
import { isAPIError } from 'better-auth/api';
import { normaliseBackupCode } from '../../../platform/auth/second-factor.ts';
import { TooManyRequestsError } from '../../../platform/http/errors.ts';
import { WINDOW_MINUTES } from '../sign-in-limits.ts';
import { type AccountsContext, apiCode } from './context.ts';
import type { SignInResult, UnlockResult } from './model.ts';

export function signInUseCases(shared: AccountsContext) {
  const { db, auth, deps, limits, passwordSignIn } = shared;
  return {
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
  };
}
