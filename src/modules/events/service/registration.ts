// Registration that is never oversubscribed. Every change of an event's places runs in one
// transaction holding the event's row lock (SELECT … FOR UPDATE): the places taken (confirmed
// parties and parties holding an offer) are counted there, and CHECK (taken <= capacity) backs it up.
// A party (the person and their companions) gets its places together or joins the one waiting list;
// freed places go to the first party in line that fits — a party that does not fit keeps its place
// and a smaller one behind it may be offered. An offer is held for the event's hold hours, never past
// its start; an expired offer passes on (expireOffers, a scheduled job).
import { and, asc, eq, gt, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import { type Db, type Tx, violatedConstraint } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { ActorContext, ContextActor } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { enqueueJob } from '../../../platform/jobs/worker.ts';
import { eventPolicy } from '../policy.ts';
import { type EventQuestion, events, type RegistrationStatus, registrations } from '../schema.ts';
import {
  auditBy,
  type Ctx,
  type EventRow,
  type EventsContext,
  HOUR,
  isPublic,
  liveStatuses,
  type RegistrationRow,
  registrationClosesAt,
  titleIn,
  whenIn,
} from './context.ts';
import { parseOrRefuse, type RegistrationInput, registrationInput } from './input.ts';

/** Offers freed places to the waiting list, inside the caller's transaction and lock; the event after. */
/** How far ahead of an event its registrants are reminded. */
export const REMINDER_AHEAD_MS = 24 * HOUR;

export type Promotion = (tx: Tx, row: EventRow, ctx: Ctx) => Promise<EventRow>;

export interface RegistrationView {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  partySize: number;
  /** Parties ahead in line (waiting only). */
  ahead: number | null;
  offerExpiresAt: Date | null;
  createdAt: Date;
}

/** The answers checked against the event's questions: known keys, valid choices, required given. */
export function checkAnswers(questions: readonly EventQuestion[], answers: Record<string, string | boolean>) {
  const out: Record<string, string | boolean> = {};
  for (const key of Object.keys(answers))
    if (!questions.some((q) => q.key === key)) throw new RuleError('unknownQuestion', `answers.${key}`);
  for (const q of questions) {
    const raw = answers[q.key];
    const given = typeof raw === 'string' ? raw.trim() : raw;
    if (given === undefined || given === '') {
      if (q.required) throw new RuleError('answerRequired', `answers.${q.key}`);
      continue;
    }
    if (q.kind === 'yesno' && typeof given !== 'boolean') throw new RuleError('invalid', `answers.${q.key}`);
    if (q.kind === 'text' && typeof given !== 'string') throw new RuleError('invalid', `answers.${q.key}`);
    if (q.kind === 'choice' && !q.options.some((o) => o.key === given))
      throw new RuleError('invalidChoice', `answers.${q.key}`);
    out[q.key] = given;
  }
  return out;
}

/** The person's live registration for the event (confirmed, waiting or offered), if any. */
async function liveOfPerson(
  executor: Db | Tx,
  eventId: string,
  userId: string,
): Promise<RegistrationRow | undefined> {
  const [reg] = await executor
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.userId, userId),
        inArray(registrations.status, [...liveStatuses]),
      ),
    );
  return reg;
}

export function registrationUseCases(shared: EventsContext) {
  const { db } = shared;

  /** Offers the free places, first party in line that fits first; the event as it is after. */
  const promote: Promotion = async (tx, row, ctx) => {
    if (row.capacity === null || !(row.status === 'published' || row.status === 'postponed')) return row;
    if (ctx.now.getTime() >= row.startsAt.getTime()) return row;
    let free = row.capacity - row.taken;
    if (free <= 0) return row;
    const until = new Date(Math.min(ctx.now.getTime() + row.offerHoldHours * HOUR, row.startsAt.getTime()));
    let offered = 0;
    // The line in order, reading only parties that fit in the places still free: a party that does
    // not fit keeps its place, and one behind it (however far) may be served. Read in batches, each
    // after the last position seen, until the places are gone or the line is.
    let seen = 0;
    while (free > 0) {
      const line = await tx
        .select()
        .from(registrations)
        .where(
          and(
            eq(registrations.eventId, row.id),
            eq(registrations.status, 'waiting'),
            lte(registrations.partySize, free),
            gt(registrations.position, seen),
          ),
        )
        .orderBy(asc(registrations.position))
        .limit(Math.max(free, 50));
      if (line.length === 0) break;
      seen = line.at(-1)!.position!;
      for (const reg of line) {
        if (free <= 0) break;
        if (reg.partySize > free) continue;
        free -= reg.partySize;
        offered += reg.partySize;
        await tx
          .update(registrations)
          .set({ status: 'offered', offeredAt: ctx.now, offerExpiresAt: until })
          .where(eq(registrations.id, reg.id));
        const url = await shared.newLink(tx, reg.id, ctx.now);
        await shared.tell(tx, reg, 'eventsOffer', (l) => [
          titleIn(row, l),
          whenIn(row, l),
          reg.partySize,
          formatDateTime(l, until),
          url,
        ]);
        await audit(tx, auditBy(ctx), {
          action: 'event_registration.offered',
          entityType: 'event_registration',
          entityId: reg.id,
          after: { eventId: row.id, places: reg.partySize, until: until.toISOString() },
        });
      }
    }
    if (offered === 0) return row;
    const [next] = await tx
      .update(events)
      .set({ taken: sql`${events.taken} + ${offered}` })
      .where(eq(events.id, row.id))
      .returning();
    return next!;
  };

  /** The registration under its event's lock (the event locked first, always in that order). */
  async function lockRegistration(tx: Tx, id: string): Promise<{ event: EventRow; reg: RegistrationRow }> {
    const [first] = await tx
      .select({ eventId: registrations.eventId })
      .from(registrations)
      .where(eq(registrations.id, id));
    if (!first) throw new NotFoundError('registration');
    const event = await shared.lock(tx, first.eventId);
    const [reg] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
    return { event, reg: reg! };
  }

  /** Ends a live registration (cancelled, declined): frees its places and offers them on. */
  async function end(
    ctx: Ctx,
    id: string,
    outcome: 'cancelled' | 'declined',
    expect: readonly RegistrationStatus[],
  ): Promise<RegistrationRow> {
    return db.transaction(async (tx) => {
      const { event, reg } = await lockRegistration(tx, id);
      if (!expect.includes(reg.status))
        throw new RuleError(outcome === 'declined' ? 'noOffer' : 'notRegistered');
      // The party came: its attendance stands (the check-in can be undone on the day if it was a mistake).
      if (reg.checkedInAt) throw new RuleError('checkedInNoCancel', undefined, 409);
      const holds = reg.status === 'confirmed' || reg.status === 'offered';
      const [done] = await tx
        .update(registrations)
        .set({ status: outcome, endedAt: ctx.now })
        .where(eq(registrations.id, id))
        .returning();
      let row = event;
      if (holds) {
        const [next] = await tx
          .update(events)
          .set({ taken: sql`${events.taken} - ${reg.partySize}` })
          .where(eq(events.id, event.id))
          .returning();
        row = next!;
      }
      await audit(tx, auditBy(ctx), {
        action: outcome === 'declined' ? 'event_registration.declined' : 'event_registration.cancelled',
        entityType: 'event_registration',
        entityId: id,
        before: { status: reg.status },
        after: { status: outcome, places: reg.partySize },
      });
      if (outcome === 'cancelled')
        await shared.tell(tx, reg, 'eventsRegistrationCancelled', (l) => [
          titleIn(event, l),
          whenIn(event, l),
        ]);
      await promote(tx, row, ctx);
      return done!;
    });
  }

  /** Takes an offer: the places become the party's (while the offer and the event still stand). */
  async function accept(ctx: Ctx, id: string): Promise<RegistrationRow> {
    return db.transaction(async (tx) => {
      const { event, reg } = await lockRegistration(tx, id);
      if (reg.status !== 'offered') throw new RuleError('noOffer');
      if (reg.offerExpiresAt! <= ctx.now) throw new RuleError('offerExpired');
      if (event.status === 'cancelled') throw new RuleError('eventCancelled');
      const [done] = await tx
        .update(registrations)
        .set({ status: 'confirmed', confirmedAt: ctx.now })
        .where(eq(registrations.id, id))
        .returning();
      await audit(tx, auditBy(ctx), {
        action: 'event_registration.accepted',
        entityType: 'event_registration',
        entityId: id,
        after: { status: 'confirmed', places: reg.partySize },
      });
      const { url, checkIn } = await shared.newLinkAndCheckIn(tx, id, ctx.now);
      await shared.tell(
        tx,
        reg,
        'eventsRegistered',
        (l) => [titleIn(event, l), whenIn(event, l), reg.partySize, url, checkIn],
        event,
        checkIn,
      );
      return done!;
    });
  }

  /** The person's live registration for the event (or 404). */
  async function mineFor(ctx: ActorContext, eventId: string): Promise<RegistrationRow> {
    const reg = await liveOfPerson(db, eventId, ctx.actor.id);
    if (!reg) throw new RuleError('notRegistered', undefined, 404);
    return reg;
  }

  /** The registration a link is for, or a refusal that the link does not work. */
  async function byLink(token: string): Promise<string> {
    const id = await shared.registrationIdOfLink(token);
    if (!id) throw new RuleError('linkInvalid', undefined, 404);
    return id;
  }

  /** Parties ahead of a waiting registration in its line, as SQL over the row `r` (one statement). */
  // Written out in full: drizzle leaves a column unqualified in a one-table query, where the inner
  // `w` would capture it.
  const aheadOf = sql<number>`(select count(*)::int from event_registration w
    where w.event_id = "event_registration"."event_id" and w.status = 'waiting'
      and w.position < "event_registration"."position")`;

  function toView(reg: RegistrationRow, ahead: number | null): RegistrationView {
    return {
      id: reg.id,
      eventId: reg.eventId,
      status: reg.status,
      partySize: reg.partySize,
      ahead: reg.status === 'waiting' ? Number(ahead ?? 0) : null,
      offerExpiresAt: reg.status === 'offered' ? reg.offerExpiresAt : null,
      createdAt: reg.createdAt,
    };
  }

  async function view(reg: RegistrationRow): Promise<RegistrationView> {
    if (reg.status !== 'waiting') return toView(reg, null);
    const [row] = await db.select({ ahead: aheadOf }).from(registrations).where(eq(registrations.id, reg.id));
    return toView(reg, row?.ahead ?? 0);
  }

  return {
    promote,

    /**
     * Registers the person acting and their companions: confirmed when the party fits in the free
     * places, else on the waiting list. Refused, with nothing stored, for an event not open for
     * registration, outside its window, twice, with too many companions or with bad answers.
     */
    async register(
      ctx: ActorContext<ContextActor>,
      eventId: string,
      raw: RegistrationInput,
      /** Whether this registration's own mail goes out (a series' registration sends one for all). */
      opts: { mail: boolean } = { mail: true },
    ): Promise<RegistrationView> {
      eventPolicy.check(ctx.actor, 'register', { member: false, verified: false });
      const input = parseOrRefuse(registrationInput, raw);
      try {
        const reg = await db.transaction(async (tx) => {
          const event = await shared.lock(tx, eventId);
          if (!isPublic(event, ctx.now)) throw new NotFoundError('event');
          if (event.status === 'cancelled') throw new RuleError('eventCancelled');
          if (!event.registration) throw new RuleError('noRegistration');
          if (event.status !== 'published' && event.status !== 'postponed')
            throw new RuleError('registrationClosed');
          if (event.registrationOpensAt && ctx.now < event.registrationOpensAt)
            throw new RuleError('registrationNotYetOpen', undefined, 422, {
              opensAt: event.registrationOpensAt,
            });
          if (ctx.now >= registrationClosesAt(event)) throw new RuleError('registrationClosed');
          if (input.companions > event.maxCompanions)
            throw new RuleError('tooManyCompanions', 'companions', 422, { max: event.maxCompanions });
          const answers = checkAnswers(event.questions, input.answers);
          if (event.consent && !input.consent) throw new RuleError('consentRequired', 'consent');
          // A second live registration of the person is refused by its unique index (below).
          const size = 1 + input.companions;
          const fits = event.capacity === null || event.taken + size <= event.capacity;
          const position = fits ? null : event.queueSeq + 1;
          await tx
            .update(events)
            .set(fits ? { taken: event.taken + size } : { queueSeq: position! })
            .where(eq(events.id, eventId));
          const id = uuidv7();
          const [reg] = await tx
            .insert(registrations)
            .values({
              id,
              eventId,
              userId: ctx.actor.id,
              name: ctx.actor.name,
              email: ctx.actor.email,
              locale: ctx.actor.locale,
              partySize: size,
              status: fits ? 'confirmed' : 'waiting',
              position,
              answers,
              consentAt: event.consent ? ctx.now : null,
              createdAt: ctx.now,
              confirmedAt: fits ? ctx.now : null,
            })
            .returning();
          await audit(tx, auditBy(ctx), {
            action: 'event_registration.created',
            entityType: 'event_registration',
            entityId: id,
            after: { eventId, status: reg!.status, places: size },
          });
          if (opts.mail) {
            if (fits) {
              const { url, checkIn } = await shared.newLinkAndCheckIn(tx, id, ctx.now);
              await shared.tell(
                tx,
                reg!,
                'eventsRegistered',
                (l) => [titleIn(event, l), whenIn(event, l), size, url, checkIn],
                event,
                checkIn,
              );
            } else {
              const url = await shared.newLink(tx, id, ctx.now);
              await shared.tell(tx, reg!, 'eventsWaiting', (l) => [
                titleIn(event, l),
                whenIn(event, l),
                size,
                url,
              ]);
            }
          }
          return reg!;
        });
        return view(reg);
      } catch (err) {
        if (violatedConstraint(err, '23505') === 'event_registration_live_idx')
          throw new RuleError('alreadyRegistered', undefined, 409);
        throw err;
      }
    },

    /** The person's own registration for the event, if any. */
    async mine(ctx: ActorContext, eventId: string): Promise<RegistrationView | null> {
      try {
        return await view(await mineFor(ctx, eventId));
      } catch (err) {
        if (err instanceof RuleError && err.code === 'notRegistered') return null;
        throw err;
      }
    },

    /** Every registration of the person, newest first. */
    async myRegistrations(ctx: ActorContext): Promise<RegistrationView[]> {
      // One statement, with each waiting party's place in its line.
      const rows = await db
        .select({ reg: registrations, ahead: aheadOf })
        .from(registrations)
        .where(eq(registrations.userId, ctx.actor.id))
        .orderBy(sql`${registrations.createdAt} desc`, sql`${registrations.id} desc`);
      return rows.map((r) => toView(r.reg, r.ahead));
    },

    /** The signed-in person cancels their registration (confirmed, offered or waiting). */
    async cancelMine(ctx: ActorContext, eventId: string): Promise<RegistrationView> {
      const reg = await mineFor(ctx, eventId);
      return view(await end(ctx, reg.id, 'cancelled', liveStatuses));
    },
    async acceptMine(ctx: ActorContext, eventId: string): Promise<RegistrationView> {
      return view(await accept(ctx, (await mineFor(ctx, eventId)).id));
    },
    async declineMine(ctx: ActorContext, eventId: string): Promise<RegistrationView> {
      return view(await end(ctx, (await mineFor(ctx, eventId)).id, 'declined', ['offered']));
    },

    /** What the link from a mail shows: the registration it is for (no sign-in needed). */
    async byLink(token: string): Promise<RegistrationView> {
      const id = await byLink(token);
      const [reg] = await db.select().from(registrations).where(eq(registrations.id, id));
      return view(reg!);
    },
    /** Cancels with the link from a mail. */
    async cancelByLink(ctx: Ctx, token: string): Promise<RegistrationView> {
      return view(await end(ctx, await byLink(token), 'cancelled', liveStatuses));
    },
    async acceptByLink(ctx: Ctx, token: string): Promise<RegistrationView> {
      return view(await accept(ctx, await byLink(token)));
    },
    async declineByLink(ctx: Ctx, token: string): Promise<RegistrationView> {
      return view(await end(ctx, await byLink(token), 'declined', ['offered']));
    },

    /**
     * The reminders of events starting within a day (a scheduled job): one job per confirmed
     * registration and start, so a reminder goes once — again only if the event moves. A person who
     * registered less than a day before the start has just had the confirmation and gets none.
     */
    async queueReminders(ctx: Ctx): Promise<number> {
      const due = await db
        .select({ id: registrations.id, startsAt: events.startsAt })
        .from(registrations)
        .innerJoin(events, eq(events.id, registrations.eventId))
        .where(
          and(
            eq(registrations.status, 'confirmed'),
            isNotNull(registrations.email),
            inArray(events.status, ['published', 'postponed']),
            gt(events.startsAt, ctx.now),
            lte(events.startsAt, new Date(ctx.now.getTime() + REMINDER_AHEAD_MS)),
            lt(registrations.createdAt, sql`${events.startsAt} - interval '1 day'`),
          ),
        );
      for (const r of due)
        await enqueueJob(
          { db },
          {
            kind: 'events.remind',
            payload: { registrationId: r.id, startsAt: r.startsAt.toISOString() },
            runAt: ctx.now,
            dedupeKey: `events.remind:${r.id}:${r.startsAt.toISOString()}`,
          },
        );
      return due.length;
    },

    /** Sends one reminder, if the registration still stands and the event still starts then. */
    async remind(ctx: Ctx, registrationId: string, startsAt: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ reg: registrations, event: events })
          .from(registrations)
          .innerJoin(events, eq(events.id, registrations.eventId))
          .where(eq(registrations.id, registrationId));
        if (!found) return false;
        const { reg, event } = found;
        const live = event.status === 'published' || event.status === 'postponed';
        if (reg.status !== 'confirmed' || !live || event.startsAt.getTime() !== startsAt.getTime())
          return false;
        if (event.startsAt <= ctx.now) return false;
        const url = await shared.newLink(tx, reg.id, ctx.now);
        await shared.tell(
          tx,
          reg,
          'eventsReminder',
          (l) => [titleIn(event, l), whenIn(event, l), event.venueAddress ?? event.onlineUrl ?? '', url],
          event,
        );
        return true;
      });
    },

    /** Offers whose time is up pass on to the next in line (a scheduled job); how many expired. */
    async expireOffers(ctx: Ctx): Promise<number> {
      const due = await db
        .selectDistinct({ eventId: registrations.eventId })
        .from(registrations)
        .where(and(eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, ctx.now)));
      let expired = 0;
      for (const { eventId } of due)
        expired += await db.transaction(async (tx) => {
          const event = await shared.lock(tx, eventId);
          const gone = await tx
            .update(registrations)
            .set({ status: 'expired', endedAt: ctx.now })
            .where(
              and(
                eq(registrations.eventId, eventId),
                eq(registrations.status, 'offered'),
                lte(registrations.offerExpiresAt, ctx.now),
              ),
            )
            .returning();
          if (gone.length === 0) return 0;
          const freed = gone.reduce((n, r) => n + r.partySize, 0);
          const [row] = await tx
            .update(events)
            .set({ taken: sql`${events.taken} - ${freed}` })
            .where(eq(events.id, eventId))
            .returning();
          for (const reg of gone) {
            await shared.tell(tx, reg, 'eventsOfferExpired', (l) => [titleIn(event, l), whenIn(event, l)]);
            await audit(tx, auditBy(ctx), {
              action: 'event_registration.expired',
              entityType: 'event_registration',
              entityId: reg.id,
              after: { status: 'expired', places: reg.partySize },
            });
          }
          await promote(tx, row!, ctx);
          return gone.length;
        });
      return expired;
    },
  };
}
