// The back office: account search and administration (roles, units, blocking) and the audit log.
// Every change runs in one transaction that locks the active administrators and the two accounts
// involved, re-checks the rules on what the database says now (not on the request's snapshot),
// writes the audit row and queues the e-mail. So two administrators demoting or blocking each other
// at the same moment can never leave the platform without an active administrator.

import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { type Db, escapeLike, type Tx } from '../../db/client.ts';
import { audit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { type Locale, type Role, roles, session, user } from '../../platform/auth/schema.ts';
import { cached } from '../../platform/cache.ts';
import { cursorCodec, cursorInstant } from '../../platform/cursor.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { checkedInput, f } from '../../platform/http/forms.ts';
import { messages } from '../../platform/i18n/index.ts';
import { failedJobs, jobStats } from '../../platform/jobs/stats.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { failedMail, outboxStats } from '../../platform/mail/stats.ts';
import { authorize, isAdmin, isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { type Refusal, refusal } from './policy.ts';

export type ServiceActor = PolicyActor & { requestId?: string | undefined };

export interface ConsentState {
  kind: string;
  granted: boolean;
  decidedAt: Date;
}

export interface PanelDeps {
  db: Db;
  baseUrl: string;
  contactEmail: string;
  /** The accounts module's view of a person's consents (latest decision per kind). */
  consentsOf?: (userId: string) => Promise<ConsentState[]>;
  /**
   * What other modules call their records in the audit log, by entity type (each module exports
   * its own namer); user accounts are named here.
   */
  entityNames?: () => Record<string, AuditEntityNames>;
  clock: Clock;
}

/** A record an audit entry is about, as staff know it: its name and the page that shows it. */
import type { AuditEntityNames, AuditEntityRef } from '../../platform/modules.ts';

export type { AuditEntityNames, AuditEntityRef } from '../../platform/modules.ts';

export const USERS_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX = 100_000;

/** Why an account is blocked: the form and the service check the same. */
export const blockInput = z.object({ reason: f.text(500) });

const contains = (column: AnyColumn, text: string) =>
  sql`${column} ilike ${`%${escapeLike(text)}%`} escape '\\'`;

export interface UserFilters {
  q?: string | undefined;
  role?: Role | undefined;
  state?: 'blocked' | 'active' | undefined;
  page: number;
}

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  role: Role;
  blocked: boolean;
  createdAt: Date;
}

export interface UserDetail extends UserListItem {
  locale: Locale;
  twoFactorEnabled: boolean;
  blockedAt: Date | null;
  blockedReason: string | null;
  activeSessions: number;
  consents: ConsentState[];
}

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Calendar days in Europe/Warsaw, YYYY-MM-DD, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Position in the log: the exact created_at (microseconds, UTC) and id of an entry. */
export interface AuditCursor {
  ts: string;
  id: string;
}

/** The log's position as a cursor: the database's exact microseconds and the entry's id. */
const auditCursor = cursorCodec(z.object({ ts: cursorInstant({ micro: true }), id: z.uuid() }), 200);

export function encodeCursor(c: AuditCursor): string {
  return auditCursor.encode({ ts: c.ts, id: c.id });
}
export function decodeCursor(s: string): AuditCursor | null {
  return auditCursor.decode(s);
}

export interface AuditEntry {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  /** The actor's account no longer exists or was erased. */
  actorDeleted: boolean;
  /** The person an officer acted for, and their name (null when erased). */
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The record's name now (null when it is gone or has no name) and the staff page that shows it. */
  entityName: string | null;
  entityHref: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  cursor: AuditCursor;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Cursor for older entries (next page), if any. */
  older: AuditCursor | null;
  /** Cursor for newer entries (previous page), if any. */
  newer: AuditCursor | null;
}

/** The account fields an audit row records before and after a change. */
function snapshot(u: { role: Role; blockedAt: Date | null; blockedReason: string | null }) {
  return {
    role: u.role,
    blockedAt: u.blockedAt ? u.blockedAt.toISOString() : null,
    blockedReason: u.blockedReason,
  };
}

function refuse(r: Refusal): never {
  if (r === 'forbidden') throw new ForbiddenError();
  if (r === 'staffCannotBlockAdmin') throw new RuleError(r, undefined, 403);
  throw new RuleError(r);
}

const accountColumns = {
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  locale: user.locale,
  twoFactorEnabled: user.twoFactorEnabled,
  blockedAt: user.blockedAt,
  blockedReason: user.blockedReason,
  deletedAt: user.deletedAt,
};
type LockedAccount = {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  twoFactorEnabled: boolean;
  blockedAt: Date | null;
  blockedReason: string | null;
  deletedAt: Date | null;
};

export function panelService(deps: PanelDeps) {
  const { db } = deps;
  const actorUser = alias(user, 'actor_user');
  // The person an officer acted for (assisted service at the desk), when there was one.
  const forUser = alias(user, 'for_user');

  /**
   * Runs `fn` in a transaction holding row locks on every active administrator (taken first, in id
   * order, by every panel change, so they serialise and cannot deadlock) and on the actor and the
   * target. Under READ COMMITTED a transaction that waited for those locks re-reads the rows, so it
   * sees a demotion or block that committed while it waited.
   */
  async function locked<T>(
    actorId: string,
    targetId: string,
    fn: (tx: Tx, ctx: { actor: LockedAccount; target: LockedAccount; activeAdmins: string[] }) => Promise<T>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      const admins = await tx
        .select({ id: user.id })
        .from(user)
        .where(and(eq(user.role, 'admin'), isNull(user.blockedAt), isNull(user.deletedAt)))
        .orderBy(asc(user.id))
        .for('update');
      const rows = (await tx
        .select(accountColumns)
        .from(user)
        .where(inArray(user.id, [actorId, targetId]))
        .orderBy(asc(user.id))
        .for('update')) as LockedAccount[];
      const actor = rows.find((r) => r.id === actorId);
      const target = rows.find((r) => r.id === targetId);
      if (!actor || actor.blockedAt || actor.deletedAt) throw new ForbiddenError();
      if (!target || target.deletedAt) throw new NotFoundError('user');
      return fn(tx, { actor, target, activeAdmins: admins.map((a) => a.id) });
    });
  }

  const auditActor = (a: ServiceActor, current: LockedAccount) => ({
    id: current.id,
    role: current.role,
    requestId: a.requestId,
  });

  function auditWhere(f: AuditFilters): SQL | undefined {
    const conds: SQL[] = [];
    if (f.actor) {
      conds.push(
        or(
          eq(auditLog.actorId, f.actor),
          contains(actorUser.email, f.actor),
          contains(actorUser.name, f.actor),
        )!,
      );
    }
    if (f.action) conds.push(eq(auditLog.action, f.action));
    if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
    if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
    if (f.from)
      conds.push(sql`${auditLog.createdAt} >= (${f.from}::date::timestamp at time zone 'Europe/Warsaw')`);
    if (f.to)
      conds.push(sql`${auditLog.createdAt} < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Warsaw')`);
    return conds.length ? and(...conds) : undefined;
  }

  const auditColumns = {
    id: auditLog.id,
    createdAt: auditLog.createdAt,
    cursorTs: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    actorId: auditLog.actorId,
    actorRole: auditLog.actorRole,
    action: auditLog.action,
    entityType: auditLog.entityType,
    entityId: auditLog.entityId,
    before: auditLog.before,
    after: auditLog.after,
    requestId: auditLog.requestId,
    actorName: actorUser.name,
    actorEmail: actorUser.email,
    actorFound: actorUser.id,
    actorDeletedAt: actorUser.deletedAt,
    onBehalfOfId: auditLog.onBehalfOf,
    forName: forUser.name,
    forDeletedAt: forUser.deletedAt,
  };

  async function auditQuery(
    f: AuditFilters,
    position: { after?: AuditCursor | undefined; before?: AuditCursor | undefined },
    limit: number,
  ): Promise<AuditEntry[]> {
    const conds: SQL[] = [];
    const base = auditWhere(f);
    if (base) conds.push(base);
    if (position.after)
      conds.push(
        sql`(${auditLog.createdAt}, ${auditLog.id}) < (${position.after.ts}::timestamptz, ${position.after.id}::uuid)`,
      );
    if (position.before)
      conds.push(
        sql`(${auditLog.createdAt}, ${auditLog.id}) > (${position.before.ts}::timestamptz, ${position.before.id}::uuid)`,
      );
    const ascending = !!position.before && !position.after;
    const rows = await db
      .select(auditColumns)
      .from(auditLog)
      .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
      .leftJoin(forUser, eq(forUser.id, auditLog.onBehalfOf))
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(
        ...(ascending
          ? [asc(auditLog.createdAt), asc(auditLog.id)]
          : [desc(auditLog.createdAt), desc(auditLog.id)]),
      )
      .limit(limit);
    return rows.map((r) => {
      const gone = r.actorId !== null && (r.actorFound === null || r.actorDeletedAt !== null);
      return {
        id: r.id,
        createdAt: r.createdAt,
        actorId: r.actorId,
        actorName: gone ? null : r.actorName,
        actorEmail: gone ? null : r.actorEmail,
        actorDeleted: gone,
        onBehalfOfId: r.onBehalfOfId,
        onBehalfOfName: r.forDeletedAt === null ? r.forName : null,
        actorRole: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        entityName: null,
        entityHref: null,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
        cursor: { ts: r.cursorTs, id: r.id },
      };
    });
  }

  const ownNamers: Record<string, AuditEntityNames> = {
    async user(ids) {
      const wanted = [...new Set(ids)];
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: user.id, name: user.name, deletedAt: user.deletedAt })
        .from(user)
        .where(inArray(user.id, wanted));
      return new Map(
        rows
          .filter((r) => !r.deletedAt)
          .map((r) => [r.id, { name: r.name, href: `/panel/uzytkownicy/${encodeURIComponent(r.id)}` }]),
      );
    },
  };
  /** Other modules' namers, asked when a page of the log is shown (they are built after this one). */
  const namersOf = (): Record<string, AuditEntityNames> => ({ ...ownNamers, ...deps.entityNames?.() });

  /** Fills in the names of the records the entries are about (one query per record type). */
  async function named(entries: AuditEntry[]): Promise<AuditEntry[]> {
    const namers = namersOf();
    const byType = new Map<string, string[]>();
    for (const e of entries)
      if (e.entityId && namers[e.entityType])
        byType.set(e.entityType, [...(byType.get(e.entityType) ?? []), e.entityId]);
    const found = new Map<string, Map<string, AuditEntityRef>>();
    await Promise.all([...byType].map(async ([type, ids]) => found.set(type, await namers[type]!(ids))));
    return entries.map((e) => {
      const ref = e.entityId ? found.get(e.entityType)?.get(e.entityId) : undefined;
      return ref ? { ...e, entityName: ref.name, entityHref: ref.href ?? null } : e;
    });
  }

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

    /** Admin only. */
    async changeRole(
      actor: ServiceActor,
      targetId: string,
      input: { role: Role },
    ): Promise<'changed' | 'unchanged'> {
      authorize(isAdmin(actor));
      if (!(roles as readonly string[]).includes(input.role)) throw new RuleError('invalid', 'role');
      return locked(actor.id, targetId, async (tx, { actor: current, target, activeAdmins }) => {
        authorize(isAdmin(current));
        const r = refusal(current, 'changeRole', target, { role: input.role });
        if (r) refuse(r);
        if (target.role === input.role) return 'unchanged';
        const demotesActiveAdmin = activeAdmins.includes(target.id) && input.role !== 'admin';
        if (demotesActiveAdmin && activeAdmins.length <= 1) throw new RuleError('lastAdmin');
        const now = deps.clock.now();
        await tx.update(user).set({ role: input.role, updatedAt: now }).where(eq(user.id, target.id));
        await audit(tx, auditActor(actor, current), {
          action: 'user.role_changed',
          entityType: 'user',
          entityId: target.id,
          before: snapshot(target),
          after: snapshot({ ...target, role: input.role }),
        });
        const m = messages[target.locale].panel;
        const staffLike = input.role === 'staff' || input.role === 'admin';
        await enqueueMail(tx, {
          to: target.email,
          name: target.name,
          locale: target.locale,
          userId: target.id,
          template: 'roleChanged',
          args: [m.roles[input.role], staffLike && !target.twoFactorEnabled, deps.contactEmail],
        });
        return 'changed';
      });
    },

    /** Blocks the account and ends all its sessions at once; the person is told why by e-mail. */
    async block(actor: ServiceActor, targetId: string, rawReason: string): Promise<void> {
      authorize(isStaff(actor));
      const { reason } = checkedInput(blockInput, { reason: rawReason });
      await locked(actor.id, targetId, async (tx, { actor: current, target, activeAdmins }) => {
        authorize(isStaff(current));
        const r = refusal(current, 'block', target);
        if (r) refuse(r);
        if (target.blockedAt) throw new RuleError('alreadyBlocked', undefined, 409);
        if (activeAdmins.includes(target.id) && activeAdmins.length <= 1) throw new RuleError('lastAdmin');
        const now = deps.clock.now();
        await tx
          .update(user)
          .set({ blockedAt: now, blockedReason: reason, updatedAt: now })
          .where(eq(user.id, target.id));
        await tx.delete(session).where(eq(session.userId, target.id));
        await audit(tx, auditActor(actor, current), {
          action: 'user.blocked',
          entityType: 'user',
          entityId: target.id,
          before: snapshot(target),
          after: snapshot({ ...target, blockedAt: now, blockedReason: reason }),
        });
        await enqueueMail(tx, {
          to: target.email,
          name: target.name,
          locale: target.locale,
          userId: target.id,
          template: 'accountBlocked',
          args: [reason, deps.contactEmail],
        });
      });
    },

    async unblock(actor: ServiceActor, targetId: string): Promise<void> {
      authorize(isStaff(actor));
      await locked(actor.id, targetId, async (tx, { actor: current, target }) => {
        authorize(isStaff(current));
        const r = refusal(current, 'unblock', target);
        if (r) refuse(r);
        if (!target.blockedAt) throw new RuleError('notBlocked', undefined, 409);
        await tx
          .update(user)
          .set({ blockedAt: null, blockedReason: null, updatedAt: deps.clock.now() })
          .where(eq(user.id, target.id));
        await audit(tx, auditActor(actor, current), {
          action: 'user.unblocked',
          entityType: 'user',
          entityId: target.id,
          before: snapshot(target),
          after: snapshot({ ...target, blockedAt: null, blockedReason: null }),
        });
        await enqueueMail(tx, {
          to: target.email,
          name: target.name,
          locale: target.locale,
          userId: target.id,
          template: 'accountUnblocked',
          args: [`${deps.baseUrl}/logowanie`],
        });
      });
    },

    /** One page of the log, newest first, either older than `after` or newer than `before`. */
    async auditPage(
      f: AuditFilters,
      position: { after?: AuditCursor | undefined; before?: AuditCursor | undefined } = {},
      limit = AUDIT_PAGE_SIZE,
    ): Promise<AuditPage> {
      const rows = await auditQuery(f, position, limit + 1);
      const more = rows.length > limit;
      const page = await named(rows.slice(0, limit));
      if (position.before && !position.after) {
        page.reverse();
        return {
          entries: page,
          newer: more ? page[0]!.cursor : null,
          older: page.length ? page[page.length - 1]!.cursor : null,
        };
      }
      return {
        entries: page,
        older: more ? page[page.length - 1]!.cursor : null,
        newer: position.after && page.length ? page[0]!.cursor : null,
      };
    },

    /** Every entry matching the filters, newest first, read in batches (for the CSV export). */
    async *auditExport(f: AuditFilters, max = AUDIT_EXPORT_MAX): AsyncGenerator<AuditEntry> {
      let after: AuditCursor | undefined;
      let sent = 0;
      while (sent < max) {
        const batch = await auditQuery(f, { after }, Math.min(500, max - sent));
        for (const e of await named(batch)) yield e;
        sent += batch.length;
        if (batch.length < 500) return;
        after = batch[batch.length - 1]!.cursor;
      }
    },

    /** The actions and entity types present in the log, for the filter selects. */
    // Two scans of the whole log: kept for a minute (a new kind of entry appears within it).
    auditFacets: cached(60_000, async (): Promise<{ actions: string[]; entityTypes: string[] }> => {
      const [actions, types] = await Promise.all([
        db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action).limit(500),
        db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType).limit(500),
      ]);
      return { actions: actions.map((a) => a.v), entityTypes: types.map((a) => a.v) };
    }),
  };
}

export type PanelService = ReturnType<typeof panelService>;
