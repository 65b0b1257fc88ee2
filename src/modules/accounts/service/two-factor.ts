import { symmetricDecrypt } from 'better-auth/crypto';
import { and, eq, sql } from 'drizzle-orm';
import { twoFactor, twoFactorEnrolment, user } from '../../../platform/auth/schema.ts';
import { endOtherSessions, markSecondFactor } from '../../../platform/auth/second-factor.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { accountsPolicy } from '../policy.ts';
import { type AccountsContext, apiCode, base32, totpUri } from './context.ts';
import { type AccountContext, selfOf, type TwoFactorSetup } from './model.ts';

export function twoFactorUseCases(shared: AccountsContext) {
  const {
    db,
    auth,
    guardPassword,
    withPassword,
    notifySelf,
    accountFailed,
    currentSession,
    requirePassedSession,
  } = shared;
  return {
    /**
     * Whether two-step sign-in is on, and whether this session started an enrolment it has not
     * confirmed yet.
     */
    async twoFactorState(ctx: AccountContext): Promise<{ enabled: boolean; pending: boolean }> {
      const { id: userId, sessionId } = ctx.actor;
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
      ctx: AccountContext,
      password: string,
      headers: Headers,
    ): Promise<{ setup: TwoFactorSetup; headers: Headers }> {
      const self = selfOf(ctx);
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
    async pendingTwoFactor(ctx: AccountContext): Promise<TwoFactorSetup | null> {
      const self = selfOf(ctx);
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
      const authContext = await auth.$context;
      const raw = await symmetricDecrypt({ key: authContext.secretConfig, data: row.secret });
      const secret = base32(Buffer.from(raw, 'utf8'));
      const codes = await auth.api.viewBackupCodes({ body: { userId: self.id } });
      return { secret, totpUri: totpUri(secret, self.email), backupCodes: codes.backupCodes };
    },

    /**
     * Second step of enrolment, in the session that started it: a code from the app turns two-step
     * sign-in on. This session has then passed the second factor; every other session of the person
     * is signed out. Returns the cookies of the refreshed session; mails a confirmation.
     */
    async confirmTwoFactor(ctx: AccountContext, code: string, headers: Headers): Promise<Headers> {
      const self = selfOf(ctx);
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
        await notifySelf(ctx, 'twoFactorEnabled', 'account.two_factor_enabled', tx);
      });
      return out;
    },

    /**
     * Turns two-step sign-in off (never for staff and admins, who must keep it) and signs out every
     * other session of the person.
     */
    async disableTwoFactor(ctx: AccountContext, password: string, headers: Headers): Promise<Headers> {
      const self = selfOf(ctx);
      // The rule follows the role on the account, not this session's powers.
      const refused = accountsPolicy.refusal({ id: self.id, role: self.role }, 'disableTwoFactor', {
        ownerId: self.id,
      });
      if (refused) throw new RuleError(refused);
      await requirePassedSession(self);
      const { headers: out } = await withPassword(self.email, 'password', () =>
        auth.api.disableTwoFactor({ body: { password }, headers, returnHeaders: true }),
      );
      await endOtherSessions(db, self.id, await currentSession(self, out));
      await notifySelf(ctx, 'twoFactorDisabled', 'account.two_factor_disabled');
      return out;
    },

    /** New backup codes replace the old ones. */
    async regenerateBackupCodes(ctx: AccountContext, password: string, headers: Headers): Promise<string[]> {
      const self = selfOf(ctx);
      await requirePassedSession(self);
      const r = await withPassword(
        self.email,
        'password',
        () => auth.api.generateBackupCodes({ body: { password }, headers }),
        { TWO_FACTOR_NOT_ENABLED: 'twoFactorNotStarted' },
      );
      return r.backupCodes;
    },
  };
}
