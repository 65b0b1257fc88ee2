import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { session } from '../../../platform/auth/schema.ts';
import { accountsPolicy } from '../policy.ts';
import type { AccountsContext } from './context.ts';
import type { AccountContext, SessionInfo } from './model.ts';

export function sessionUseCases(shared: AccountsContext) {
  const { db, auth } = shared;
  return {
    /** The person's active sessions, most recently active first. */
    async sessionsOf(ctx: AccountContext): Promise<SessionInfo[]> {
      const userId = ctx.actor.id;
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
    async revokeSession(ctx: AccountContext, sessionId: string, headers: Headers): Promise<boolean> {
      const [row] = await db
        .select({ token: session.token, userId: session.userId })
        .from(session)
        .where(eq(session.id, sessionId));
      // Someone else's session is, to this person, one that is not there.
      if (!row || !accountsPolicy.can(ctx.actor, 'revokeSession', { ownerId: row.userId })) return false;
      await auth.api.revokeSession({ body: { token: row.token }, headers });
      return true;
    },

    async revokeOtherSessions(_ctx: AccountContext, headers: Headers): Promise<void> {
      await auth.api.revokeOtherSessions({ headers });
    },
  };
}
