// Finding events: the public list with its filters (subarea, audience, kind, organiser, date range,
// free text folded like every search: "grzegorzki" finds "Grzegórzki"), the past events' archive,
// the month view and the feeds. Read only: the lifecycle and registration are the service's
// (service/*.ts). Each list is one statement on event_event; the names of organisations and
// subareas come from their modules' services.
//
// What the public sees is what isPublic() says (service/context.ts): a published, cancelled,
// postponed or finished event whose publication time has come. Upcoming means not over yet
// (ends_at after now); the archive has the rest, newest first.
import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  like,
  lt,
  lte,
  type SQL,
  sql,
} from 'drizzle-orm';
import { z } from 'zod';
import { type Db, escapeLike } from '../../db/client.ts';
import { cursorCodec, cursorInstant, keysetPage } from '../../platform/cursor.ts';
import { foldName } from '../../platform/fold.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { uuidPattern } from '../../platform/ids.ts';
import { addDays, type LocalDate, readTypedDate, startOfDay } from '../../platform/time/warsaw.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import type { PlacesService } from '../places/index.ts';
import type { BookingsService } from '../spaces/index.ts';
import {
  type EventAudience,
  type EventKind,
  eventAudiences,
  eventColumns,
  eventKinds,
  events,
} from './schema.ts';
import { type EventRow, publicStatuses } from './service/context.ts';

export const LIST_PAGE_SIZE = 20;
/** A month view or a feed never holds more than this many events. */
export const MAX_EVENTS = 1000;
/** A feed: events that ended at most this many days ago, and every later one. */
export const FEED_DAYS_BACK = 90;

/** The list's filters, as the GET form, the feed's address and the month view carry them. */
export interface EventFilters {
  q?: string | undefined;
  subarea?: string | undefined;
  audience?: EventAudience | undefined;
  kind?: EventKind | undefined;
  organiser?: string | undefined;
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
}

/** The query string of a filtered page: every value a short text (what each means is read below). */
export const filtersQuery = z.object({
  q: z.string().max(200).optional(),
  subarea: z.string().max(100).optional(),
  audience: z.string().max(100).optional(),
  kind: z.string().max(100).optional(),
  organiser: z.string().max(100).optional(),
  from: z.string().max(100).optional(),
  to: z.string().max(100).optional(),
});

const isUuid = (s: string) => z.uuid().safeParse(s).success;
const oneOf = <T extends string>(values: readonly T[], s: string | undefined): T | undefined =>
  values.includes(s as T) ? (s as T) : undefined;

/**
 * The filters a query string asks for. A value that is not one (an unknown kind, an edited id) is
 * left out rather than refused: a GET form always shows a list. Dates are read as people type them
 * (2026-12-24 or 24.12.2026); a range given backwards is turned round.
 */
export function readFilters(query: z.output<typeof filtersQuery>): EventFilters {
  const q = query.q?.trim();
  let from = query.from ? (readTypedDate(query.from) ?? undefined) : undefined;
  let to = query.to ? (readTypedDate(query.to) ?? undefined) : undefined;
  if (from && to && to < from) [from, to] = [to, from];
  const filters: EventFilters = {
    q: q || undefined,
    subarea: query.subarea && isUuid(query.subarea) ? query.subarea : undefined,
    audience: oneOf(eventAudiences, query.audience),
    kind: oneOf(eventKinds, query.kind),
    organiser: query.organiser && isUuid(query.organiser) ? query.organiser : undefined,
    from,
    to,
  };
  return filters;
}

/** The names of the filters, in the order the form and the addresses write them. */
export const filterNames = ['q', 'subarea', 'audience', 'kind', 'organiser', 'from', 'to'] as const;

/** The filters as a query string (empty ones left out), for links that keep them. */
export function filtersSearch(filters: EventFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const name of filterNames) {
    const v = filters[name];
    if (v) p.set(name, v);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const hasFilters = (filters: EventFilters) => filterNames.some((n) => filters[n] !== undefined);

/** The position after (a) or before (b) the edge row of a page: its start and id. */
const listCursor = cursorCodec(z.tuple([z.enum(['a', 'b']), cursorInstant(), z.uuid()]), 200);

export interface ListedEvent {
  row: EventRow;
  organiser: string | null;
  subarea: string | null;
  /** The room of the cluster it is in (its public spaces page), if any. */
  room: { slug: string; name: string } | null;
}

export interface EventPage {
  items: ListedEvent[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface ListingDeps {
  db: Db;
  organisations: Pick<OrganisationsService, 'namesOf'>;
  places: Pick<PlacesService, 'subareaOptions'>;
  /** The spaces module's resources (kept by it for seconds): the rooms events are in. */
  spaces: Pick<BookingsService, 'resources'>;
}

export function eventListing(deps: ListingDeps) {
  const { db } = deps;

  /** The conditions every public list shares: visible now, and the filters. */
  function publicWhere(filters: EventFilters, now: Date) {
    const c = [
      inArray(events.status, [...publicStatuses]),
      isNotNull(events.publishedAt),
      lte(events.publishedAt, now),
    ];
    if (filters.subarea) c.push(eq(events.subareaId, filters.subarea));
    if (filters.audience) c.push(arrayContains(events.audiences, [filters.audience]));
    if (filters.kind) c.push(eq(events.kind, filters.kind));
    if (filters.organiser) c.push(eq(events.organisationId, filters.organiser));
    if (filters.from) c.push(gt(events.endsAt, startOfDay(filters.from)));
    if (filters.to) c.push(lt(events.startsAt, startOfDay(addDays(filters.to, 1))));
    const q = filters.q ? foldName(filters.q) : '';
    if (q) c.push(like(events.searchFolded, `%${escapeLike(q)}%`));
    return c;
  }

  /** Names of the organisers and subareas of the rows (two lookups, whatever the number of rows). */
  async function named(rows: EventRow[]): Promise<ListedEvent[]> {
    const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => !!x))];
    const [orgs, subareas, resources] = await Promise.all([
      deps.organisations.namesOf(orgIds),
      rows.some((r) => r.subareaId) ? deps.places.subareaOptions() : Promise.resolve([]),
      rows.some((r) => r.spaceResourceId) ? deps.spaces.resources() : Promise.resolve([]),
    ]);
    const subareaNames = new Map(subareas.map((s) => [s.id, s.name]));
    const rooms = new Map(resources.map((r) => [r.id, { slug: r.slug, name: r.name }]));
    return rows.map((row) => ({
      row,
      organiser: row.organisationId ? (orgs.get(row.organisationId) ?? null) : row.organiserUnit,
      subarea: row.subareaId ? (subareaNames.get(row.subareaId) ?? null) : null,
      room: row.spaceResourceId ? (rooms.get(row.spaceResourceId) ?? null) : null,
    }));
  }

  /** The events matching, by start, at most MAX_EVENTS of them, with their names. */
  async function byStart(where: SQL[]): Promise<ListedEvent[]> {
    const rows = await db
      .select(eventColumns)
      .from(events)
      .where(and(...where))
      .orderBy(asc(events.startsAt), asc(events.id))
      .limit(MAX_EVENTS);
    return named(rows);
  }

  return {
    /**
     * A page of the list: upcoming events by start (the archive: past ones, latest first), keyset
     * over (starts_at, id) in both directions. An edited cursor is refused (invalidCursor, 400).
     */
    async list(
      now: Date,
      filters: EventFilters,
      options: { archive?: boolean; cursor?: string | undefined; limit?: number } = {},
    ): Promise<EventPage> {
      const limit = Math.min(Math.max(options.limit ?? LIST_PAGE_SIZE, 1), 100);
      const cursor = options.cursor ? listCursor.decode(options.cursor) : null;
      if (options.cursor && !cursor) throw new RuleError('invalidCursor', 'cursor', 400);
      const archive = options.archive ?? false;
      const where = publicWhere(filters, now);
      where.push(archive ? lte(events.endsAt, now) : gt(events.endsAt, now));
      const backwards = cursor?.[0] === 'b';
      // Forwards in the list's own order (upcoming: earliest first; archive: latest first).
      const ascending = archive === backwards;
      if (cursor) {
        const at = new Date(cursor[1]);
        where.push(
          ascending
            ? sql`(${events.startsAt}, ${events.id}) > (${at}, ${cursor[2]}::uuid)`
            : sql`(${events.startsAt}, ${events.id}) < (${at}, ${cursor[2]}::uuid)`,
        );
      }
      const rows = await db
        .select(eventColumns)
        .from(events)
        .where(and(...where))
        .orderBy(
          ...(ascending ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]),
        )
        .limit(limit + 1);
      const { page, first, last, hasNext, hasPrev } = keysetPage(rows, limit, cursor && { backwards });
      const edge = (r: EventRow, dir: 'a' | 'b') => listCursor.encode([dir, r.startsAt.toISOString(), r.id]);
      return {
        items: await named(page),
        nextCursor: hasNext && last ? edge(last, 'a') : null,
        prevCursor: hasPrev && first ? edge(first, 'b') : null,
      };
    },

    /** The public events that touch the Warsaw days [from, to] (the month view), by start. */
    between: (now: Date, filters: EventFilters, from: LocalDate, to: LocalDate) =>
      byStart([
        ...publicWhere(filters, now),
        gt(events.endsAt, startOfDay(from)),
        lt(events.startsAt, startOfDay(addDays(to, 1))),
      ]),

    /** A feed's events: those that ended at most FEED_DAYS_BACK days ago and every later one. */
    feed: (now: Date, filters: EventFilters) =>
      byStart([
        ...publicWhere(filters, now),
        gt(events.endsAt, new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000)),
      ]),

    /** Events by id, whatever their state (a person's registrations name them), with their names. */
    async byIds(ids: readonly string[]): Promise<Map<string, ListedEvent>> {
      // An id from an address that is not a UUID names no event (and never reaches the database).
      const wanted = [...new Set(ids)].filter((id) => uuidPattern.test(id));
      if (wanted.length === 0) return new Map();
      const rows = await db.select(eventColumns).from(events).where(inArray(events.id, wanted));
      return new Map((await named(rows)).map((e) => [e.row.id, e]));
    },

    /** What the filter form offers: the subareas, and the organisations that have public events. */
    async filterOptions(now: Date): Promise<{
      subareas: Array<{ id: string; name: string }>;
      organisers: Array<{ id: string; name: string }>;
    }> {
      const [subareas, orgRows] = await Promise.all([
        deps.places.subareaOptions(),
        db
          .selectDistinct({ id: events.organisationId })
          .from(events)
          .where(and(isNotNull(events.organisationId), ...publicWhere({}, now))),
      ]);
      const names = await deps.organisations.namesOf(orgRows.map((r) => r.id!));
      const organisers = [...names]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'pl'));
      return { subareas: subareas.map((s) => ({ id: s.id, name: s.name })), organisers };
    },
  };
}

export type EventListing = ReturnType<typeof eventListing>;
