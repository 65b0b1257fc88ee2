// An event at a room of the cluster: the room (a resource of the spaces module) and its layout are
// checked against the rooms spaces offers, the layout's capacity (the room's when there is none)
// caps the event's places, and the room is booked through the spaces module's booking service like
// any other booking — by the person who submits or publishes, for the event's organisation when
// they belong to it — so the request goes to staff when the room's rules ask for approval.
//
// Decided here:
// - the room is requested when the event goes to staff review (submitted) or when staff publish it
//   directly; an event keeps the booking it holds (its id) and asks spaces for its state;
// - publishing an event whose booking is not confirmed is refused (roomNotConfirmed): staff confirm
//   the request in the spaces panel first (the review page links it);
// - cancelling or rejecting the event withdraws its booking (the time is free again at once);
//   moving it (another time or room) withdraws the old booking and requests a new one; a booking
//   cannot be moved across modules in one transaction, so a refused new request leaves the event
//   unchanged holding a withdrawn booking, and the next submission or publication requests again.
import { eq } from 'drizzle-orm';
import type { ActorContext, ContextActor } from '../../../platform/context.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { warsawDate, warsawTime } from '../../../platform/time/warsaw.ts';
import type { BookingStatus, ResourceView } from '../../spaces/index.ts';
import { events } from '../schema.ts';
import type { EventRow, EventsContext } from './context.ts';
import type { EventDetails } from './input.ts';

/** The states of a booking that hold the room. */
const holding: readonly BookingStatus[] = ['requested', 'confirmed', 'checked_in'];

/** Where a refusal of the booking service is shown on the event form. */
const formField: Record<string, string> = {
  date: 'startsAt',
  from: 'startsAt',
  to: 'endsAt',
  attendees: 'capacity',
  layout: 'spaceLayout',
  setupMinutes: 'startsAt',
  teardownMinutes: 'endsAt',
};

export interface ChosenRoom {
  resource: ResourceView;
  /** The places the event may have at most: the layout's capacity, else the room's. */
  limit: number;
  /** The cluster's address (the venue of an event in one of its rooms). */
  address: string | null;
}

export function roomUseCases(shared: EventsContext) {
  const { db, deps } = shared;

  /** The active rooms and event spaces of the cluster a form offers, in the spaces module's order. */
  async function rooms(): Promise<ResourceView[]> {
    return (await deps.spaces.resources()).filter((r) => r.kind === 'room' || r.kind === 'event_space');
  }

  /** Checks the room and layout chosen, and the capacity against them; null without a room. */
  async function check(d: EventDetails): Promise<ChosenRoom | null> {
    if (!d.spaceResourceId) {
      if (d.spaceLayout) throw new RuleError('unknownRoom', 'spaceResourceId');
      return null;
    }
    const resource = (await rooms()).find((r) => r.id === d.spaceResourceId);
    if (!resource) throw new RuleError('unknownRoom', 'spaceResourceId');
    const layout = d.spaceLayout ? resource.layouts.find((l) => l.key === d.spaceLayout) : undefined;
    if (d.spaceLayout && !layout) throw new RuleError('unknownLayout', 'spaceLayout');
    if (warsawDate(d.startsAt) !== warsawDate(d.endsAt)) throw new RuleError('roomOneDay', 'endsAt');
    const limit = layout?.capacity ?? resource.capacity;
    if (d.capacity != null && d.capacity > limit)
      throw new RuleError('overRoomCapacity', 'capacity', 422, { capacity: limit });
    const cluster = await deps.places.cluster();
    return { resource, limit, address: cluster?.address ?? null };
  }

  /** The person acting, as the spaces module books for them (their name, address and language). */
  function booker(ctx: ActorContext<PolicyActor>): ActorContext {
    const a = ctx.actor as Partial<ContextActor>;
    if (typeof a.email !== 'string' || typeof a.name !== 'string' || typeof a.locale !== 'string')
      throw new RuleError('roomNeedsPerson');
    return ctx as ActorContext;
  }

  /** Requests the room for the event's time; a refusal of spaces is given with its own reason. */
  async function request(
    ctx: ActorContext<PolicyActor>,
    row: Pick<
      EventRow,
      | 'id'
      | 'title'
      | 'spaceResourceId'
      | 'spaceLayout'
      | 'startsAt'
      | 'endsAt'
      | 'capacity'
      | 'organisationId'
    >,
  ): Promise<string> {
    const by = booker(ctx);
    const resource = (await rooms()).find((r) => r.id === row.spaceResourceId);
    if (!resource) throw new RuleError('unknownRoom', 'spaceResourceId');
    const member =
      row.organisationId &&
      (await deps.organisations.mine(by.actor)).some((o) => o.id === row.organisationId);
    try {
      const made = await deps.spaces.create(by, resource.slug, {
        date: warsawDate(row.startsAt),
        from: warsawTime(row.startsAt),
        to: warsawTime(row.endsAt),
        title: row.title,
        attendees: row.capacity ?? undefined,
        layout: row.spaceLayout ?? undefined,
        notes: `${deps.baseUrl}/wydarzenia/${row.id}`,
        organisation: member ? (row.organisationId ?? undefined) : undefined,
        // The event form tells whoever submits or publishes that the house rules apply.
        houseRules: true,
      });
      return made.ids[0]!;
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      throw new RuleError('roomRefused', formField[err.field ?? ''] ?? 'spaceResourceId', err.status, {
        spacesCode: err.code,
        spaces: err.details,
      });
    }
  }

  /** The state of each booking the events hold (by booking id). */
  const states = (ids: readonly string[]) => deps.spaces.heldStates(ids);

  /**
   * The booking the event holds for its room: the one it has while it still holds the room, else a
   * new request (stored on the event at once). Its state.
   */
  async function hold(ctx: ActorContext<PolicyActor>, row: EventRow): Promise<BookingStatus | null> {
    if (!row.spaceResourceId) return null;
    if (row.spaceBookingId) {
      const known = (await states([row.spaceBookingId])).get(row.spaceBookingId);
      if (known && holding.includes(known.status)) return known.status;
    }
    const id = await request(ctx, row);
    await db.update(events).set({ spaceBookingId: id }).where(eq(events.id, row.id));
    return (await states([id])).get(id)?.status ?? null;
  }

  /** Withdraws the booking the event holds, if it still holds the room. */
  async function withdraw(ctx: ActorContext<PolicyActor>, bookingId: string | null, reason: string) {
    if (bookingId) await deps.spaces.withdrawHeld(ctx, bookingId, reason);
  }

  return { rooms, check, request, hold, withdraw, states };
}
export type RoomUseCases = ReturnType<typeof roomUseCases>;
