// Passwords: the reset link and changing one's password.
import { isAPIError } from 'better-auth/api';
import { and, eq, gt, sql } from 'drizzle-orm';
import { passwordProblem } from '../../../platform/auth/passwords.ts';
import { user, verification } from '../../../platform/auth/schema.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import type { AccountsContext } from './context.ts';
import { type AccountContext, selfOf } from './model.ts';

export function passwordUseCases(shared: AccountsContext) {
  const { db, auth, withPassword, notifySelf, newPasswordSet } = shared;
  return {
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
     * Changes the password (policy first), signs out every other session, mails a confirmation.
     * Returns the cookies of the new session of this device.
     */
    async changePassword(
      ctx: AccountContext,
      input: { currentPassword: string; newPassword: string },
      headers: Headers,
    ): Promise<Headers> {
      const self = selfOf(ctx);
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
        await notifySelf(ctx, 'passwordChanged', 'account.password_changed', tx);
      });
      return out;
    },
  };
}
