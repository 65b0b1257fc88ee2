// The events that are not public yet, for the people who write and review them (read only): the
// organisations a person may propose for, the events of their organisations in any state ("my
// proposals"), and the staff's lists (the submitted ones waiting for review, the others by state).
// Changing an event is the service's (service/lifecycle.ts).
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { cursorCodec, cursorInstant, keysetPage } from '../../platform/cursor.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import type { EventListing, ListedEvent } from './listing.ts';
import { type EventStatus, events } from './schema.ts';

/** At most this many events on one of these lists. */
export const PROPOSALS_MAX = 200;
/** At most this many organisations in the staff's organiser list (the verified ones, by name). */
export const STAFF_ORGANISATIONS_MAX = 2000;

/** The staff's lists of events, each in its own order. */
export const staffViews = ['submitted', 'live', 'drafts', 'past'] as const;
export type StaffView = (typeof staffViews)[number];
/** Events on one page of a staff list. */
export const STAFF_PAGE_SIZE = 25;

type OrderKey = 'submittedAt' | 'startsAt' | 'updatedAt';
const staffOrder: Record<StaffView, { statuses: EventStatus[]; key: OrderKey; descending: boolean }> = {
  // The longest waiting first.
  submitted: { statuses: ['submitted'], key: 'submittedAt', descending: false },
  // The next to happen first.
  live: { statuses: ['published', 'postponed'], key: 'startsAt', descending: false },
  // The last touched first.
  drafts: { statuses: ['draft'], key: 'updatedAt', descending: true },
  // The latest first.
  past: { statuses: ['finished', 'cancelled', 'rejected'], key: 'startsAt', descending: true },
};
const staffCursor = cursorCodec(z.tuple([z.enum(['a', 'b']), cursorInstant(), z.uuid()]), 200);

export interface StaffPage {
  items: ListedEvent[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface ProposalsDeps {
  db: Db;
  organisations: Pick<OrganisationsService, 'mine' | 'listPublic'>;
  listing: Pick<EventListing, 'byIds'>;
}

export function eventProposals(deps: ProposalsDeps) {
  const { db } = deps;

  /** The rows matching, in that order, with their organisers' and subareas' names. */
  async function listed(ids: string[]): Promise<ListedEvent[]> {
    const named = await deps.listing.byIds(ids);
    return ids.map((id) => named.get(id)).filter((e): e is ListedEvent => e !== undefined);
  }

  return {
    /**
     * The organisations the person may name as an event's organiser: for staff, every verified
     * organisation (they write events on an organisation's behalf); for others, the verified ones
     * they belong to.
     */
    async organisationsOf(actor: PolicyActor): Promise<Array<{ id: string; name: string }>> {
      if (isStaff(actor)) {
        const all: Array<{ id: string; name: string }> = [];
        let cursor: string | undefined;
        do {
          const page = await deps.organisations.listPublic({ cursor, limit: 100 });
          for (const o of page.items) all.push({ id: o.id, name: o.name });
          cursor = page.nextCursor ?? undefined;
        } while (cursor && all.length < STAFF_ORGANISATIONS_MAX);
        return all;
      }
      return (await deps.organisations.mine(actor))
        .filter((o) => o.status === 'verified')
        .map((o) => ({ id: o.id, name: o.name }));
    },

    /** The events of the person's organisations, in any state, the latest change first. */
    async mine(actor: PolicyActor): Promise<ListedEvent[]> {
      const orgIds = (await deps.organisations.mine(actor)).map((o) => o.id);
      if (orgIds.length === 0) return [];
      const rows = await db
        .select({ id: events.id })
        .from(events)
        .where(inArray(events.organisationId, orgIds))
        .orderBy(desc(events.updatedAt), desc(events.id))
        .limit(PROPOSALS_MAX);
      return listed(rows.map((r) => r.id));
    },

    /**
     * A page of one of the staff's lists (submitted, live, drafts, past), keyset over (its order's
     * time, id) in both directions. An edited cursor is refused (invalidCursor, 400).
     */
    async staffPage(view: StaffView, cursorText?: string): Promise<StaffPage> {
      const { statuses, key: name, descending } = staffOrder[view];
      const key = events[name];
      const cursor = cursorText ? staffCursor.decode(cursorText) : null;
      if (cursorText && !cursor) throw new RuleError('invalidCursor', 'cursor', 400);
      const backwards = cursor?.[0] === 'b';
      const ascending = descending === backwards;
      const where: SQL[] = [inArray(events.status, statuses)];
      if (cursor) {
        const at = new Date(cursor[1]);
        where.push(
          ascending
            ? sql`(${key}, ${events.id}) > (${at}, ${cursor[2]}::uuid)`
            : sql`(${key}, ${events.id}) < (${at}, ${cursor[2]}::uuid)`,
        );
      }
      const rows = await db
        .select({ id: events.id, at: key })
        .from(events)
        .where(and(...where))
        .orderBy(...(ascending ? [asc(key), asc(events.id)] : [desc(key), desc(events.id)]))
        .limit(STAFF_PAGE_SIZE + 1);
      const { page, first, last, hasNext, hasPrev } = keysetPage(
        rows,
        STAFF_PAGE_SIZE,
        cursor && { backwards },
      );
      // Every event in these states has the time it is ordered by (a submitted one, its sending).
      const edge = (r: { id: string; at: Date | null }, dir: 'a' | 'b') =>
        staffCursor.encode([dir, (r.at ?? new Date(0)).toISOString(), r.id]);
      return {
        items: await listed(page.map((r) => r.id)),
        nextCursor: hasNext && last ? edge(last, 'a') : null,
        prevCursor: hasPrev && first ? edge(first, 'b') : null,
      };
    },

    /** How many events wait for the staff's review (the officer's to-do list). */
    async waitingCount(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(events).where(eq(events.status, 'submitted'));
      return row?.n ?? 0;
    },
  };
}

export type EventProposals = ReturnType<typeof eventProposals>;
