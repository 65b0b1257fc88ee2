// The audit log as staff read it: pages of entries newest first (keyset cursors), the CSV export
// read in batches, the filters' choices, and every entry's record named as staff know it.
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { auditLog } from '../../../platform/audit/schema.ts';
import { type Locale, user } from '../../../platform/auth/schema.ts';
import { cached } from '../../../platform/cache.ts';
import { cursorCodec, cursorInstant } from '../../../platform/cursor.ts';
import { defaultLocale } from '../../../platform/i18n/index.ts';
import type { AuditEntityNames, AuditEntityRef } from '../../../platform/modules.ts';
import {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_SIZE,
  type AuditCursor,
  type AuditEntry,
  type AuditFilters,
  type AuditPage,
  contains,
  type PanelDeps,
} from './model.ts';

/** The log's position as a cursor: the database's exact microseconds and the entry's id. */
const auditCursor = cursorCodec(z.object({ ts: cursorInstant({ micro: true }), id: z.uuid() }), 200);

export function encodeCursor(c: AuditCursor): string {
  return auditCursor.encode({ ts: c.ts, id: c.id });
}
export function decodeCursor(s: string): AuditCursor | null {
  return auditCursor.decode(s);
}

type Position = { after?: AuditCursor | undefined; before?: AuditCursor | undefined };

export function auditLogQueries(deps: PanelDeps) {
  const { db } = deps;
  const actorUser = alias(user, 'actor_user');
  // The person an officer acted for (assisted service at the desk), when there was one.
  const forUser = alias(user, 'for_user');

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

  async function auditQuery(f: AuditFilters, position: Position, limit: number): Promise<AuditEntry[]> {
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
  async function named(entries: AuditEntry[], locale: Locale): Promise<AuditEntry[]> {
    const namers = namersOf();
    const byType = new Map<string, string[]>();
    for (const e of entries)
      if (e.entityId && namers[e.entityType])
        byType.set(e.entityType, [...(byType.get(e.entityType) ?? []), e.entityId]);
    const found = new Map<string, Map<string, AuditEntityRef>>();
    await Promise.all(
      [...byType].map(async ([type, ids]) => found.set(type, await namers[type]!(ids, locale))),
    );
    return entries.map((e) => {
      const ref = e.entityId ? found.get(e.entityType)?.get(e.entityId) : undefined;
      if (!ref) return e;
      const named = { ...e, entityName: ref.name, entityHref: ref.href ?? null };
      return ref.lang ? { ...named, entityLang: ref.lang } : named;
    });
  }

  return {
    /**
     * One page of the log, newest first, either older than `after` or newer than `before`; the
     * records named for a reader in `locale`.
     */
    async auditPage(
      f: AuditFilters,
      position: Position = {},
      { limit = AUDIT_PAGE_SIZE, locale = defaultLocale }: { limit?: number; locale?: Locale } = {},
    ): Promise<AuditPage> {
      const rows = await auditQuery(f, position, limit + 1);
      const more = rows.length > limit;
      const page = await named(rows.slice(0, limit), locale);
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
    async *auditExport(
      f: AuditFilters,
      { max = AUDIT_EXPORT_MAX, locale = defaultLocale }: { max?: number; locale?: Locale } = {},
    ): AsyncGenerator<AuditEntry> {
      let after: AuditCursor | undefined;
      let sent = 0;
      while (sent < max) {
        const batch = await auditQuery(f, { after }, Math.min(500, max - sent));
        for (const e of await named(batch, locale)) yield e;
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
