import { and, asc, eq, isNull, ne, or } from 'drizzle-orm';
import { audit } from '../../../platform/audit/audit.ts';
import { auditLog } from '../../../platform/audit/schema.ts';
import {
  account,
  session,
  signInAttempts,
  totpLastStep,
  twoFactor,
  user,
  verification,
} from '../../../platform/auth/schema.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { mailOutbox } from '../../../platform/mail/schema.ts';
import { consents } from '../schema.ts';
import { accountKey } from '../sign-in-limits.ts';
import type { AccountsContext } from './context.ts';
import { type AccountContext, type Self, selfOf } from './model.ts';

export function dataUseCases(shared: AccountsContext) {
  const { db, auth, contributors, guardPassword, accountFailed } = shared;
  return {
    /** Everything the platform holds about the person, as plain JSON ("download my data"). */
    async exportData(ctx: AccountContext): Promise<Record<string, unknown>> {
      const userId = ctx.actor.id;
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
        exportedAt: ctx.now.toISOString(),
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
      const authContext = await auth.$context;
      const ok =
        row?.hash && password.length <= 1000
          ? await authContext.password.verify({ hash: row.hash, password })
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
    async deleteAccount(ctx: AccountContext, password: string): Promise<void> {
      const self = selfOf(ctx);
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
        const at = ctx.now;
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
          { id: u.id, role: u.role, requestId: ctx.requestId },
          { action: 'account.deleted', entityType: 'user', entityId: u.id },
        );
      });
    },
  };
}
