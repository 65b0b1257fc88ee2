// The back office's reading of accounts: the dashboard's counts and the system's state, the account
// search and one account's detail.
import { and, desc, eq, gt, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { roles, session, user } from '../../../platform/auth/schema.ts';
import { failedJobs, jobStats } from '../../../platform/jobs/stats.ts';
import { failedMail, outboxStats } from '../../../platform/mail/stats.ts';
import {
  contains,
  type PanelDeps,
  USERS_PAGE_SIZE,
  type UserDetail,
  type UserFilters,
  type UserListItem,
} from './model.ts';

export function userQueries(deps: PanelDeps) {
  const { db } = deps;

  return {
    async dashboard() {
      const byRole = await db
        .select({
          role: user.role,
          total: sql<number>`count(*)::int`,
          blocked: sql<number>`(count(*) filter (where ${user.blockedAt} is not null))::int`,
        })
        .from(user)
        .where(isNull(user.deletedAt))
        .groupBy(user.role);
      const roleCounts = roles.map((role) => {
        const r = byRole.find((x) => x.role === role);
        return { role, total: Number(r?.total ?? 0), blocked: Number(r?.blocked ?? 0) };
      });
      const mail = await outboxStats(db);
      const jobs = await jobStats(db);
      const mailFailures = await failedMail(db, 20);
      const jobFailures = await failedJobs(db, 20);
      return {
        users: {
          total: roleCounts.reduce((s, r) => s + r.total, 0),
          blocked: roleCounts.reduce((s, r) => s + r.blocked, 0),
          byRole: roleCounts,
        },
        mail,
        jobs,
        failedMail: mailFailures,
        failedJobs: jobFailures,
      };
    },

    async searchUsers(f: UserFilters): Promise<{ items: UserListItem[]; total: number; pages: number }> {
      const conds: SQL[] = [isNull(user.deletedAt)];
      if (f.q) conds.push(or(contains(user.name, f.q), contains(user.email, f.q), eq(user.id, f.q))!);
      if (f.role) conds.push(eq(user.role, f.role));
      if (f.state === 'blocked') conds.push(isNotNull(user.blockedAt));
      if (f.state === 'active') conds.push(isNull(user.blockedAt));
      const where = and(...conds);
      const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(user).where(where);
      const total = Number(counted?.n ?? 0);
      const rows = await db
        .select({
          id: user.id,
          name: user.name,
          email: user.email,
          emailVerified: user.emailVerified,
          role: user.role,
          blockedAt: user.blockedAt,
          createdAt: user.createdAt,
        })
        .from(user)
        .where(where)
        .orderBy(desc(user.createdAt), desc(user.id))
        .limit(USERS_PAGE_SIZE)
        .offset((f.page - 1) * USERS_PAGE_SIZE);
      return {
        items: rows.map(({ blockedAt, ...r }) => ({ ...r, blocked: blockedAt !== null })),
        total,
        pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
      };
    },

    async userDetail(id: string): Promise<UserDetail | null> {
      const [u] = await db.select().from(user).where(eq(user.id, id));
      if (!u || u.deletedAt) return null;
      const [sessions] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(session)
        .where(and(eq(session.userId, id), gt(session.expiresAt, sql`now()`)));
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        emailVerified: u.emailVerified,
        role: u.role,
        blocked: u.blockedAt !== null,
        createdAt: u.createdAt,
        locale: u.locale,
        twoFactorEnabled: u.twoFactorEnabled,
        blockedAt: u.blockedAt,
        blockedReason: u.blockedReason,
        activeSessions: Number(sessions?.n ?? 0),
        consents: deps.consentsOf ? await deps.consentsOf(id) : [],
      };
    },
  };
}
