// The events that are not public yet, for the people who write and review them (read only): the
// organisations a person may propose for, the events of their organisations in any state ("my
// proposals"), and the staff's lists (the submitted ones waiting for review, the others by state).
// Changing an event is the service's (service/lifecycle.ts).
import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import type { EventListing, ListedEvent } from './listing.ts';
import { type EventStatus, events } from './schema.ts';

/** At most this many events on one of these lists. */
export const PROPOSALS_MAX = 200;
/** At most this many organisations in the staff's organiser list (the verified ones, by name). */
export const STAFF_ORGANISATIONS_MAX = 2000;

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

    /** Events in the given states: the submitted ones by the time they were sent, the others by start. */
    async inStates(statuses: readonly EventStatus[]): Promise<ListedEvent[]> {
      const submitted = statuses.length === 1 && statuses[0] === 'submitted';
      const rows = await db
        .select({ id: events.id })
        .from(events)
        .where(inArray(events.status, [...statuses]))
        .orderBy(...(submitted ? [asc(events.submittedAt)] : [asc(events.startsAt)]), asc(events.id))
        .limit(PROPOSALS_MAX);
      return listed(rows.map((r) => r.id));
    },

    /** How many events wait for the staff's review (the officer's to-do list). */
    async waitingCount(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(events).where(eq(events.status, 'submitted'));
      return row?.n ?? 0;
    },
  };
}

export type EventProposals = ReturnType<typeof eventProposals>;
