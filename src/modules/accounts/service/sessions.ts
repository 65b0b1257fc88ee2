import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { session } from '../../../platform/auth/schema.ts';
import type { AccountsContext } from './context.ts';
import type { SessionInfo } from './model.ts';

export function sessionUseCases(shared: AccountsContext) {
  const { db, auth } = shared;
  return {
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
  };
}
