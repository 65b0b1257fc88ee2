// An event's life: a draft written and changed, submitted for review, published by staff (after
// review or directly, now or at a set time), sent back for changes or rejected, cancelled with a
// reason (it stays visible), postponed to a new date, finished once it is over. Every change is
// one transaction with its audit row; registrants are told of a cancellation or postponement.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { contentLocales, translationsOf } from '../../../platform/content.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { isStaff, type PolicyActor } from '../../../platform/policy.ts';
import { warsawDate } from '../../../platform/time/warsaw.ts';
import { eventPolicy } from '../policy.ts';
import { type EventStatus, events } from '../schema.ts';
import { events as eventsText } from '../text/events.ts';
import {
  auditBy,
  type Ctx,
  type EventRow,
  type EventsContext,
  type EventView,
  eventView,
  isPublic,
  titleIn,
  whenIn,
} from './context.ts';
import { type EventDetails, type EventInput, eventInput, parseOrRefuse, reasonInput } from './input.ts';
import type { Promotion } from './registration.ts';
import type { ChosenRoom, RoomUseCases } from './room.ts';
import { ensureSeries } from './series.ts';

/** A script, an event handler or a javascript: link in Markdown (raw HTML or a link target). */
const UNSAFE_MARKUP = /<\s*\/?\s*(script|iframe|object|embed)\b|\son\w+\s*=|javascript\s*:/i;

/** The states in which an event's details may still be changed. */
const editable: readonly EventStatus[] = ['draft', 'submitted', 'published', 'postponed'];

export function lifecycleUseCases(shared: EventsContext, promote: Promotion, room: RoomUseCases) {
  const { deps } = shared;

  /**
   * Checks what the schema cannot: times, window, venue (a room of the cluster with its capacity),
   * organiser, subarea, questions. The room chosen, if any.
   */
  async function checkDetails(ctx: ActorContext<PolicyActor>, d: EventDetails): Promise<ChosenRoom | null> {
    if (d.endsAt.getTime() <= d.startsAt.getTime()) throw new RuleError('endBeforeStart', 'endsAt');
    if (d.registrationClosesAt && d.registrationClosesAt > d.startsAt)
      throw new RuleError('windowAfterStart', 'registrationClosesAt');
    if (d.registrationOpensAt && d.registrationClosesAt && d.registrationClosesAt <= d.registrationOpensAt)
      throw new RuleError('invalid', 'registrationClosesAt');
    // The description is Markdown, sanitised where it is shown; a script in it is refused outright.
    for (const l of contentLocales)
      if (UNSAFE_MARKUP.test(d.description[l] ?? '')) throw new RuleError('unsafeMarkup', `description.${l}`);
    if (!d.venue && !d.onlineUrl && !d.spaceResourceId) throw new RuleError('venueRequired', 'venue');
    const chosen = await room.check(d);
    if (!d.organisationId && !d.organiserUnit) throw new RuleError('organiserRequired', 'organisationId');
    if (d.organiserUnit && !isStaff(ctx.actor)) throw new RuleError('unknownOrganisation', 'organisationId');
    if (d.organisationId) {
      const known = await deps.organisations.namesOf([d.organisationId]);
      if (!known.has(d.organisationId)) throw new RuleError('unknownOrganisation', 'organisationId');
    }
    if (d.subareaId && !(await deps.places.subareaOptions()).some((s) => s.id === d.subareaId))
      throw new RuleError('unknownSubarea', 'subareaId');
    const keys = new Set<string>();
    for (const [i, q] of d.questions.entries()) {
      if (keys.has(q.key)) throw new RuleError('duplicateQuestion', `questions.${i}.key`);
      keys.add(q.key);
      if (q.kind === 'choice') {
        const options = new Set(q.options.map((o) => o.key));
        if (q.options.length < 2 || options.size !== q.options.length)
          throw new RuleError('choiceWithoutOptions', `questions.${i}.options`);
      }
    }
    return chosen;
  }

  /**
   * The columns of the details. In a room of the cluster the venue is the cluster's address and no
   * capacity given means the room's (its layout's).
   */
  const columns = (d: EventDetails, chosen: ChosenRoom | null) => ({
    title: d.title.pl,
    titleI18n: translationsOf(d.title),
    description: d.description.pl,
    descriptionI18n: translationsOf(d.description),
    kind: d.kind,
    audiences: [...new Set(d.audiences)],
    subareaId: d.subareaId ?? null,
    venueAddress: chosen ? (chosen.address ?? d.venue?.address ?? null) : (d.venue?.address ?? null),
    venueLat: chosen ? null : (d.venue?.lat ?? null),
    venueLng: chosen ? null : (d.venue?.lng ?? null),
    spaceResourceId: chosen ? chosen.resource.id : null,
    spaceLayout: chosen ? (d.spaceLayout ?? null) : null,
    onlineUrl: d.onlineUrl ?? null,
    organisationId: d.organisationId ?? null,
    organiserUnit: d.organisationId ? null : (d.organiserUnit ?? null),
    series: d.series,
    stepFree: d.accessibility.stepFree,
    inductionLoop: d.accessibility.inductionLoop,
    signLanguage: d.accessibility.signLanguage,
    quietRoom: d.accessibility.quietRoom,
    contact: d.contact,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    registration: d.registration,
    capacity: d.capacity ?? chosen?.limit ?? null,
    registrationOpensAt: d.registrationOpensAt ?? null,
    registrationClosesAt: d.registrationClosesAt ?? null,
    maxCompanions: d.maxCompanions,
    offerHoldHours: d.offerHoldHours,
    consent: d.consent?.pl ? d.consent.pl : null,
    consentI18n: d.consent?.pl ? translationsOf(d.consent) : {},
    questions: d.questions,
  });

  /** A state change of one event under its lock, with its audit row. */
  async function transition(
    ctx: ActorContext<PolicyActor>,
    id: string,
    action: 'review' | 'publish' | 'cancel' | 'postpone' | 'submit',
    step: (row: EventRow, tx: Tx) => Promise<{ set: Partial<EventRow>; audit: string; after?: unknown }>,
    /** What is done outside the transaction once the actor may act (the room's booking in spaces). */
    prepare?: (seen: EventRow) => Promise<void>,
  ): Promise<EventView> {
    // Who may act is asked before the lock: the organisations' service reads outside this transaction.
    const seen = await shared.find(id);
    eventPolicy.check(ctx.actor, action, await shared.resourceFor(ctx.actor, seen.organisationId));
    await prepare?.(seen);
    return shared.changing(async (tx) => {
      const row = await shared.lock(tx, id);
      if (row.organisationId !== seen.organisationId) throw new RuleError('changedMeanwhile');
      const { set, audit: action_, after } = await step(row, tx);
      const [next] = await tx
        .update(events)
        .set({ ...set, updatedAt: ctx.now })
        .where(eq(events.id, id))
        .returning();
      await audit(tx, auditBy(ctx), {
        action: action_,
        entityType: 'event',
        entityId: id,
        before: { status: row.status },
        after: after ?? { status: next!.status },
      });
      return eventView(next!, ctx.now);
    });
  }

  /**
   * The room's booking moves with the event: another room, layout or time withdraws the booking the
   * event holds and, once the event is with staff or public, requests the new one. Refused before
   * anything moves when the event could not be changed anyway. The booking the event then holds.
   */
  async function rebook(
    ctx: ActorContext<PolicyActor>,
    seen: EventRow,
    next: Pick<EventRow, 'spaceResourceId' | 'spaceLayout' | 'title' | 'capacity' | 'organisationId'>,
    to: { startsAt: Date; endsAt: Date },
  ): Promise<string | null> {
    const moved =
      next.spaceResourceId !== seen.spaceResourceId ||
      next.spaceLayout !== seen.spaceLayout ||
      to.startsAt.getTime() !== seen.startsAt.getTime() ||
      to.endsAt.getTime() !== seen.endsAt.getTime();
    if (!moved || !seen.spaceBookingId) return seen.spaceBookingId;
    if (!editable.includes(seen.status)) throw new RuleError('notEditable');
    await room.withdraw(ctx, seen.spaceBookingId, withdrawal(ctx, 'moved'));
    if (!next.spaceResourceId || seen.status === 'draft') return null;
    return room.request(ctx, { ...seen, ...next, ...to });
  }

  /** Publishing: a submitted event after review, or a draft directly; from `at` or now. */
  const publishStep =
    (ctx: ActorContext<PolicyActor>, options: { at?: Date }) =>
    async (row: EventRow): Promise<{ set: Partial<EventRow>; audit: string; after: unknown }> => {
      if (row.status !== 'draft' && row.status !== 'submitted') throw new RuleError('notPublishable');
      if (options.at && options.at.getTime() < ctx.now.getTime()) throw new RuleError('publishAtPast', 'at');
      const at = options.at ?? ctx.now;
      return {
        set: { status: 'published', publishedAt: at, reviewNote: null },
        audit: 'event.published',
        after: { status: 'published', publishedAt: at.toISOString() },
      };
    };

  return {
    /** A new draft: for an organisation the actor belongs to (verified), or for a city unit by staff. */
    async create(ctx: ActorContext<PolicyActor>, raw: EventInput): Promise<EventView> {
      const d = parseOrRefuse(eventInput, raw);
      eventPolicy.check(ctx.actor, 'propose', await shared.resourceFor(ctx.actor, d.organisationId ?? null));
      const chosen = await checkDetails(ctx, d);
      return shared.changing(async (tx) => {
        const id = uuidv7();
        if (d.series) await ensureSeries(tx, d.series, ctx.now);
        const [row] = await tx
          .insert(events)
          .values({
            id,
            ...columns(d, chosen),
            status: 'draft',
            createdBy: ctx.actor.id,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'event.created',
          entityType: 'event',
          entityId: id,
          after: { title: d.title.pl, status: 'draft' },
        });
        return eventView(row!, ctx.now);
      });
    },

    /**
     * Changes the details. A published event keeps its date (postpone moves it, and tells the
     * registrants); a new venue or online link is told to every registrant; a raised capacity offers
     * the freed places to the waiting list at once.
     */
    async update(ctx: ActorContext<PolicyActor>, id: string, raw: EventInput): Promise<EventView> {
      const d = parseOrRefuse(eventInput, raw);
      // Who may act and what the other modules say are asked before the lock (they read outside it).
      const seen = await shared.find(id);
      eventPolicy.check(ctx.actor, 'edit', await shared.resourceFor(ctx.actor, seen.organisationId));
      if (d.organisationId && d.organisationId !== seen.organisationId)
        eventPolicy.check(ctx.actor, 'propose', await shared.resourceFor(ctx.actor, d.organisationId));
      const chosen = await checkDetails(ctx, d);
      const cols = columns(d, chosen);
      // What the transaction refuses anyway is refused before the room's booking is moved.
      const wasLive = seen.status === 'published' || seen.status === 'postponed';
      if (
        wasLive &&
        (d.startsAt.getTime() !== seen.startsAt.getTime() || d.endsAt.getTime() !== seen.endsAt.getTime())
      )
        throw new RuleError('datesByPostpone', 'startsAt');
      const roomNames = new Map(
        seen.spaceResourceId || cols.spaceResourceId ? (await room.rooms()).map((r) => [r.id, r.name]) : [],
      );
      const bookingId = await rebook(ctx, seen, cols, { startsAt: d.startsAt, endsAt: d.endsAt });
      const made = bookingId !== seen.spaceBookingId ? bookingId : null;
      return shared
        .changing(async (tx) => {
          const row = await shared.lock(tx, id);
          if (row.organisationId !== seen.organisationId) throw new RuleError('changedMeanwhile');
          if (!editable.includes(row.status)) throw new RuleError('notEditable');
          const live = row.status === 'published' || row.status === 'postponed';
          if (
            live &&
            (d.startsAt.getTime() !== row.startsAt.getTime() || d.endsAt.getTime() !== row.endsAt.getTime())
          )
            throw new RuleError('datesByPostpone', 'startsAt');
          if (d.capacity != null && d.capacity < row.taken)
            throw new RuleError('capacityBelowTaken', 'capacity', 422, { taken: row.taken });
          if (d.series) await ensureSeries(tx, d.series, ctx.now);
          const [next] = await tx
            .update(events)
            .set({ ...cols, spaceBookingId: bookingId, updatedAt: ctx.now })
            .where(eq(events.id, id))
            .returning();
          // A live event that moves somewhere else tells everyone registered where it is now.
          // In a room of the cluster, the room's name comes first (another room is another place).
          const where = (r: EventRow) =>
            [roomNames.get(r.spaceResourceId ?? ''), r.venueAddress ?? r.onlineUrl]
              .filter(Boolean)
              .join(', ');
          if (live && where(next!) !== where(row))
            for (const reg of await shared.liveOf(tx, id)) {
              const url = await shared.newLink(tx, reg.id, ctx.now);
              await shared.tell(
                tx,
                reg,
                'eventsEventVenueChanged',
                (l) => [titleIn(next!, l), whenIn(next!, l), where(row), where(next!), url],
                next!,
              );
            }
          await audit(tx, auditBy(ctx), {
            action: 'event.updated',
            entityType: 'event',
            entityId: id,
            before: { title: row.title, capacity: row.capacity },
            after: { title: next!.title, capacity: next!.capacity },
          });
          const promoted = await promote(tx, next!, ctx);
          return eventView(promoted, ctx.now);
        })
        .catch(async (err: unknown) => {
          // The new request was made for a change that did not happen: it is withdrawn again.
          if (made) await room.withdraw(ctx, made, withdrawal(ctx, 'moved'));
          throw err;
        });
    },

    /**
     * Sends a draft to staff (members of the organiser, if it is verified). The room, if any, is
     * requested in spaces (by the person submitting) as the event goes to staff.
     */
    submit: (ctx: ActorContext<PolicyActor>, id: string) =>
      transition(
        ctx,
        id,
        'submit',
        async (row) => {
          if (row.status !== 'draft') throw new RuleError('notSubmittable');
          return {
            set: { status: 'submitted', submittedAt: ctx.now, reviewNote: null },
            audit: 'event.submitted',
          };
        },
        async (seen) => {
          if (seen.status !== 'draft') throw new RuleError('notSubmittable');
          await room.hold(ctx, seen);
        },
      ),

    /**
     * Publishes: a submitted event after review, or a draft directly; from `at` (a later time) or
     * now. Staff only.
     */
    publish: (ctx: ActorContext<PolicyActor>, id: string, options: { at?: Date } = {}) =>
      transition(ctx, id, 'publish', publishStep(ctx, options), async (seen) => {
        if (seen.status !== 'draft' && seen.status !== 'submitted') throw new RuleError('notPublishable');
        if (options.at && options.at.getTime() < ctx.now.getTime())
          throw new RuleError('publishAtPast', 'at');
        // An event in a room is public only with the room confirmed: a request (made now, by staff
        // publishing a draft directly, or at submission) is confirmed in the spaces panel first.
        const state = await room.hold(ctx, seen);
        if (state !== null && state !== 'confirmed') throw new RuleError('roomNotConfirmed', '_form', 409);
      }),

    /** Sends a submitted event back to its organiser as a draft, saying what to change. */
    requestChanges: (ctx: ActorContext<PolicyActor>, id: string, note: string) =>
      transition(ctx, id, 'review', async (row) => {
        if (row.status !== 'submitted') throw new RuleError('notSubmitted');
        const reason = reasonOf(note);
        return {
          set: { status: 'draft', reviewNote: reason },
          audit: 'event.changes_requested',
          after: { status: 'draft', note: reason },
        };
      }),

    /** Rejects a submitted event, with the reason (it is not published); its room is free again. */
    reject: async (ctx: ActorContext<PolicyActor>, id: string, note: string) => {
      const view = await transition(ctx, id, 'review', async (row) => {
        if (row.status !== 'submitted') throw new RuleError('notSubmitted');
        const reason = reasonOf(note);
        return {
          set: { status: 'rejected', reviewNote: reason },
          audit: 'event.rejected',
          after: { status: 'rejected', reason },
        };
      });
      await room.withdraw(ctx, view.room?.bookingId ?? null, withdrawal(ctx, 'rejected'));
      return view;
    },

    /**
     * Cancels an event with the reason; it stays visible, marked; everyone registered is told; the
     * booking of its room is withdrawn (the room is free again at that time).
     */
    cancel: async (ctx: ActorContext<PolicyActor>, id: string, why: string) => {
      const view = await transition(ctx, id, 'cancel', async (row, tx) => {
        if (!['draft', 'submitted', 'published', 'postponed'].includes(row.status))
          throw new RuleError('notCancellable');
        const reason = reasonOf(why);
        for (const reg of await shared.liveOf(tx, id))
          await shared.tell(tx, reg, 'eventsEventCancelled', (l) => [
            titleIn(row, l),
            whenIn(row, l),
            reason,
          ]);
        return {
          set: { status: 'cancelled', cancelReason: reason },
          audit: 'event.cancelled',
          after: { status: 'cancelled', reason },
        };
      });
      await room.withdraw(ctx, view.room?.bookingId ?? null, reasonOf(why));
      return view;
    },

    /**
     * Moves a published event to a new date; registrations stand and their people are told. An offer
     * that would now run past the new start is shortened to it. The room's booking is replaced by a
     * request for the new time.
     */
    postpone: async (ctx: ActorContext<PolicyActor>, id: string, to: { startsAt: Date; endsAt: Date }) => {
      let bookingId: string | null = null;
      let made: string | null = null;
      const prepare = async (seen: EventRow) => {
        if (seen.status !== 'published' && seen.status !== 'postponed') throw new RuleError('notPostponable');
        if (to.endsAt.getTime() <= to.startsAt.getTime()) throw new RuleError('endBeforeStart', 'endsAt');
        if (to.startsAt.getTime() <= ctx.now.getTime()) throw new RuleError('startInPast', 'startsAt');
        if (seen.spaceResourceId && warsawDate(to.startsAt) !== warsawDate(to.endsAt))
          throw new RuleError('roomOneDay', 'endsAt');
        bookingId = await rebook(ctx, seen, seen, to);
        if (bookingId !== seen.spaceBookingId) made = bookingId;
      };
      return transition(
        ctx,
        id,
        'postpone',
        async (row, tx) => {
          if (row.status !== 'published' && row.status !== 'postponed') throw new RuleError('notPostponable');
          if (to.endsAt.getTime() <= to.startsAt.getTime()) throw new RuleError('endBeforeStart', 'endsAt');
          if (to.startsAt.getTime() <= ctx.now.getTime()) throw new RuleError('startInPast', 'startsAt');
          const moved = { ...row, startsAt: to.startsAt, endsAt: to.endsAt };
          await tx.execute(sql`
          update event_registration set offer_expires_at = least(offer_expires_at, ${to.startsAt})
          where event_id = ${id} and status = 'offered'`);
          for (const reg of await shared.liveOf(tx, id)) {
            const url = await shared.newLink(tx, reg.id, ctx.now);
            await shared.tell(
              tx,
              reg,
              'eventsEventPostponed',
              (l) => [titleIn(row, l), whenIn(row, l), whenIn(moved, l), url],
              { ...moved, status: 'postponed', updatedAt: ctx.now },
            );
          }
          const closes =
            row.registrationClosesAt && row.registrationClosesAt > to.startsAt
              ? to.startsAt
              : row.registrationClosesAt;
          return {
            set: {
              status: 'postponed',
              postponedFrom: row.startsAt,
              startsAt: to.startsAt,
              endsAt: to.endsAt,
              registrationClosesAt: closes,
              spaceBookingId: bookingId,
            },
            audit: 'event.postponed',
            after: { status: 'postponed', from: row.startsAt.toISOString(), to: to.startsAt.toISOString() },
          };
        },
        prepare,
      ).catch(async (err: unknown) => {
        if (made) await room.withdraw(ctx, made, withdrawal(ctx, 'moved'));
        throw err;
      });
    },

    /** Marks the events that are over as finished (a scheduled job); how many. */
    async finishPast(ctx: Ctx): Promise<number> {
      return shared.changing(async (tx) => {
        const done = await tx
          .update(events)
          .set({ status: 'finished', updatedAt: ctx.now })
          .where(and(inArray(events.status, ['published', 'postponed']), lte(events.endsAt, ctx.now)))
          .returning({ id: events.id });
        for (const { id } of done)
          await audit(tx, auditBy(ctx), {
            action: 'event.finished',
            entityType: 'event',
            entityId: id,
            after: { status: 'finished' },
          });
        return done.length;
      });
    },

    /** One event: the public see it once published; its organisers and staff see it in any state. */
    async get(ctx: Ctx, id: string): Promise<EventView> {
      const row = await shared.find(id);
      if (
        !isPublic(row, ctx.now) &&
        !isStaff(ctx.actor) &&
        !(await shared.resourceFor(ctx.actor, row.organisationId)).member
      )
        throw new NotFoundError('event');
      return eventView(row, ctx.now);
    },
  };
}

/** Why an event withdraws its room's booking, for the booker's mail (in the language of who acts). */
function withdrawal(ctx: { locale: Locale }, why: 'moved' | 'rejected'): string {
  return eventsText[ctx.locale].room[why];
}

function reasonOf(text: string): string {
  const parsed = reasonInput.safeParse(text);
  if (!parsed.success) throw new RuleError(text.trim() ? 'tooLong' : 'reasonRequired', 'reason');
  return parsed.data;
}
