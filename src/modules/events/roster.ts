// Who is registered for an event, for its organisers and staff: the registrations in order (the
// confirmed, then those holding an offer, then the waiting list in its order, then the ended ones),
// for the organiser's screen, its CSV export and the printable check-in list. Read only; who may
// see it is the event policy's `edit` (the organisation's members and staff): the people who run
// the event are the ones who need its list.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { uuidPattern } from '../../platform/ids.ts';
import { isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import { eventPolicy } from './policy.ts';
import { events, type RegistrationStatus, registrations } from './schema.ts';
import type { EventRow } from './service/context.ts';

export interface RosterEntry {
  id: string;
  /** Null once the registrant's personal data is purged. */
  name: string | null;
  email: string | null;
  partySize: number;
  status: RegistrationStatus;
  position: number | null;
  answers: Record<string, string | boolean>;
  createdAt: Date;
  offerExpiresAt: Date | null;
  /** When the party was checked in at the event, if it was. */
  checkedInAt: Date | null;
}

export interface Roster {
  event: EventRow;
  entries: RosterEntry[];
  /** Places of the confirmed parties. */
  confirmedPlaces: number;
  /** Places asked for by the parties waiting. */
  waitingPlaces: number;
  /** The confirmed parties, and those of them (and their places) checked in. */
  confirmedParties: number;
  checkedInParties: number;
  checkedInPlaces: number;
}

const statusOrder = sql`case ${registrations.status} when 'confirmed' then 0 when 'offered' then 1
  when 'waiting' then 2 else 3 end`;

export function eventRoster(deps: { db: Db; organisations: Pick<OrganisationsService, 'mine'> }) {
  const { db } = deps;

  /** What the policy needs of the actor and the event: membership of its organisation. */
  async function resource(actor: PolicyActor, event: Pick<EventRow, 'organisationId'>) {
    const mine =
      !isStaff(actor) && event.organisationId
        ? (await deps.organisations.mine(actor)).find((o) => o.id === event.organisationId)
        : undefined;
    return { member: Boolean(mine), verified: mine?.status === 'verified' };
  }

  return {
    /** Whether the actor may see the event's registrations (the event page shows them the link). */
    async may(actor: PolicyActor, event: Pick<EventRow, 'organisationId'>): Promise<boolean> {
      return eventPolicy.can(actor, 'edit', await resource(actor, event));
    },

    /** The event's registrations as its organisers see them; 404 for no event, 403 for others. */
    async of(actor: PolicyActor, eventId: string): Promise<Roster> {
      if (!uuidPattern.test(eventId)) throw new NotFoundError('event');
      const [event] = await db.select().from(events).where(eq(events.id, eventId));
      if (!event) throw new NotFoundError('event');
      eventPolicy.check(actor, 'edit', await resource(actor, event));
      const rows = await db
        .select()
        .from(registrations)
        .where(eq(registrations.eventId, eventId))
        .orderBy(
          statusOrder,
          asc(registrations.position),
          asc(registrations.createdAt),
          asc(registrations.id),
        );
      const entries = rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        partySize: r.partySize,
        status: r.status,
        position: r.position,
        answers: r.answers,
        createdAt: r.createdAt,
        offerExpiresAt: r.offerExpiresAt,
        checkedInAt: r.checkedInAt,
      }));
      const places = (s: RegistrationStatus) =>
        entries.filter((e) => e.status === s).reduce((n, e) => n + e.partySize, 0);
      const confirmed = entries.filter((e) => e.status === 'confirmed');
      const checkedIn = confirmed.filter((e) => e.checkedInAt !== null);
      return {
        event,
        entries,
        confirmedPlaces: places('confirmed'),
        waitingPlaces: places('waiting'),
        confirmedParties: confirmed.length,
        checkedInParties: checkedIn.length,
        checkedInPlaces: checkedIn.reduce((n, e) => n + e.partySize, 0),
      };
    },
  };
}

export type EventRoster = ReturnType<typeof eventRoster>;
