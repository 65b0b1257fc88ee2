// Finding events: the public list with filters (subarea, audience, kind, organiser, date range and
// accent-insensitive free text: "grzegorzki" finds "Grzegórzki") in keyset pages, soonest first.
import { and, asc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { escapeLike } from '../../../db/client.ts';
import { localized, pick } from '../../../platform/content.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { cursorCodec, cursorInstant } from '../../../platform/cursor.ts';
import { foldName, foldSql } from '../../../platform/fold.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { AuditEntityNames, AuditEntityRef } from '../../../platform/modules.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { eventAudiences, eventKinds, events, registrations } from '../schema.ts';
import { type EventsContext, type EventView, eventView, publicStatuses } from './context.ts';

export const PAGE_SIZE = 20;

export const listFilters = z.object({
  subarea: z.uuid().optional(),
  audience: z.enum(eventAudiences).optional(),
  kind: z.enum(eventKinds).optional(),
  organisation: z.uuid().optional(),
  /** Events not yet over at this instant (default: now). */
  from: z.coerce.date().optional(),
  /** Events starting before this instant. */
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
});
export type ListFilters = z.input<typeof listFilters>;

const cursor = cursorCodec(z.object({ s: cursorInstant(), id: z.uuid() }));

/** The same fold in SQL as foldName, over the title and description columns. */
const foldedTitle = foldSql('"event_event"."title"');
const foldedDescription = foldSql('"event_event"."description"');

export function queryUseCases(shared: EventsContext) {
  const { db } = shared;
  return {
    /** The public events matching the filters, soonest first, one page; `nextCursor` null on the last. */
    async list(
      ctx: RequestContext<PolicyActor | null>,
      raw: ListFilters,
    ): Promise<{ items: EventView[]; nextCursor: string | null }> {
      const parsed = listFilters.safeParse(raw);
      if (!parsed.success) throw new RuleError('invalid', String(parsed.error.issues[0]?.path[0] ?? ''), 400);
      const f = parsed.data;
      const after = f.cursor ? cursor.decode(f.cursor) : null;
      if (f.cursor && !after) throw new RuleError('invalidCursor', 'cursor', 400);
      const where: SQL[] = [
        inArray(events.status, [...publicStatuses]),
        lte(events.publishedAt, ctx.now),
        gte(events.endsAt, f.from ?? ctx.now),
      ];
      if (f.to) where.push(lt(events.startsAt, f.to));
      if (f.subarea) where.push(eq(events.subareaId, f.subarea));
      if (f.kind) where.push(eq(events.kind, f.kind));
      if (f.organisation) where.push(eq(events.organisationId, f.organisation));
      if (f.audience) where.push(sql`${f.audience} = any(${events.audiences})`);
      if (f.q) {
        const pattern = `%${escapeLike(foldName(f.q))}%`;
        where.push(sql`(${foldedTitle} like ${pattern} or ${foldedDescription} like ${pattern})`);
      }
      if (after) {
        const s = new Date(after.s);
        where.push(or(gt(events.startsAt, s), and(eq(events.startsAt, s), gt(events.id, after.id)))!);
      }
      const rows = await db
        .select()
        .from(events)
        .where(and(...where))
        .orderBy(asc(events.startsAt), asc(events.id))
        .limit(f.limit + 1);
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => eventView(r, ctx.now)),
        nextCursor:
          rows.length > f.limit && last
            ? cursor.encode({ s: last.startsAt.toISOString(), id: last.id })
            : null,
      };
    },
  };
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the back office's audit log calls an event and a registration: the event's title, in the reader's language. */
export function eventsAuditNames(shared: EventsContext): Record<string, AuditEntityNames> {
  const { db } = shared;
  const named = (
    id: string,
    row: { title: string; titleI18n: unknown },
    locale: Locale,
  ): [string, AuditEntityRef] => {
    const { text, lang } = pick(localized(row.title, row.titleI18n), locale);
    return [id, lang === locale ? { name: text } : { name: text, lang }];
  };
  return {
    async event(ids, locale) {
      const wanted = [...new Set(ids)].filter((id) => uuidShape.test(id));
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: events.id, title: events.title, titleI18n: events.titleI18n })
        .from(events)
        .where(inArray(events.id, wanted));
      return new Map(rows.map((r) => named(r.id, r, locale)));
    },
    async event_registration(ids, locale) {
      const wanted = [...new Set(ids)].filter((id) => uuidShape.test(id));
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: registrations.id, title: events.title, titleI18n: events.titleI18n })
        .from(registrations)
        .innerJoin(events, eq(events.id, registrations.eventId))
        .where(inArray(registrations.id, wanted));
      return new Map(rows.map((r) => named(r.id, r, locale)));
    },
  };
}
