// Attendance: the event's organisers and staff (the event policy's `edit`) check confirmed parties in
// on the day — from the check-in list or by the QR code of a party's confirmation mail — and may
// undo a check-in made by mistake. Audited. A checked-in registration cannot be cancelled
// (registration.ts refuses it; the database's CHECK keeps a check-in on confirmed registrations
// only). The counts of checked-in parties and places stay after the purge (they carry no one's data).
//
// When: from CHECK_IN_EARLY_MS (2 hours) before the start until the end of the day, in Warsaw, on
// which the event ends — midnight Warsaw time, whatever the clocks do that night (the day is
// counted in Warsaw dates, not as 24 hours). The same window for undoing.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { addDays, startOfDay, warsawDate } from '../../../platform/time/warsaw.ts';
import { eventPolicy } from '../policy.ts';
import { type RegistrationStatus, registrations } from '../schema.ts';
import {
  auditBy,
  type Ctx,
  type EventRow,
  type EventsContext,
  HOUR,
  type RegistrationRow,
} from './context.ts';

/** Check-in opens this long before the event starts (people come early; the desk is set up). */
export const CHECK_IN_EARLY_MS = 2 * HOUR;

/** When parties of the event can be checked in: [opensAt, closesAt). */
export function checkInWindow(event: Pick<EventRow, 'startsAt' | 'endsAt'>): {
  opensAt: Date;
  closesAt: Date;
} {
  // An event ending at midnight ends on the day before.
  const lastDay = warsawDate(new Date(event.endsAt.getTime() - 1));
  return {
    opensAt: new Date(event.startsAt.getTime() - CHECK_IN_EARLY_MS),
    closesAt: startOfDay(addDays(lastDay, 1)),
  };
}

/** How many came: the checked-in parties and their places. */
export interface Attendance {
  parties: number;
  places: number;
}

/** What opening a check-in code shows: the party to those who run the event, nothing to others. */
export type CheckInCode =
  | {
      kind: 'organiser';
      event: EventRow;
      party: {
        id: string;
        /** Null once purged. */
        name: string | null;
        partySize: number;
        status: RegistrationStatus;
        checkedInAt: Date | null;
      };
      /** Whether check-in is possible now (the window, the event not cancelled). */
      open: boolean;
    }
  | { kind: 'holder'; event: EventRow };

export function attendanceUseCases(shared: EventsContext) {
  const { db } = shared;

  /** The registration (or 404). */
  async function registration(executor: Db | Tx, id: string, lock: boolean): Promise<RegistrationRow> {
    if (!uuidPattern.test(id)) throw new NotFoundError('registration');
    const query = executor.select().from(registrations).where(eq(registrations.id, id));
    const [reg] = lock ? await query.for('update') : await query;
    if (!reg) throw new NotFoundError('registration');
    return reg;
  }

  async function mayRun(actor: PolicyActor | null, event: EventRow): Promise<boolean> {
    return eventPolicy.can(actor, 'edit', await shared.resourceFor(actor, event.organisationId));
  }

  /** Refuses, with the reason, a check-in (or its undoing) that is not possible now. */
  function checkOpen(event: EventRow, reg: RegistrationRow, now: Date): void {
    if (event.status === 'cancelled') throw new RuleError('checkInEventCancelled', undefined, 409);
    if (reg.status !== 'confirmed') throw new RuleError('checkInNotConfirmed', undefined, 409);
    const { opensAt, closesAt } = checkInWindow(event);
    if (now < opensAt) throw new RuleError('checkInTooEarly', undefined, 409, { opensAt });
    if (now >= closesAt) throw new RuleError('checkInOver', undefined, 409, { closesAt });
  }

  /** Checks a party in or undoes it, audited; the registration after. */
  async function mark(
    ctx: ActorContext<PolicyActor>,
    registrationId: string,
    present: boolean,
    eventId?: string,
  ): Promise<RegistrationRow> {
    // Who may is asked before the transaction (the organisations service reads on its own).
    const found = await registration(db, registrationId, false);
    if (eventId !== undefined && found.eventId !== eventId) throw new NotFoundError('registration');
    const event = await shared.find(found.eventId);
    eventPolicy.check(ctx.actor, 'edit', await shared.resourceFor(ctx.actor, event.organisationId));
    return db.transaction(async (tx) => {
      // The event's lock, then the registration's: the order cancelling takes them in.
      const current = await shared.lock(tx, event.id);
      const reg = await registration(tx, registrationId, true);
      checkOpen(current, reg, ctx.now);
      if (present && reg.checkedInAt) throw new RuleError('alreadyCheckedIn', undefined, 409);
      if (!present && !reg.checkedInAt) throw new RuleError('notCheckedIn', undefined, 409);
      const [done] = await tx
        .update(registrations)
        .set(
          present
            ? { checkedInAt: ctx.now, checkedInBy: ctx.actor.id }
            : { checkedInAt: null, checkedInBy: null },
        )
        .where(eq(registrations.id, reg.id))
        .returning();
      await audit(tx, auditBy(ctx), {
        action: present ? 'event_registration.checked_in' : 'event_registration.check_in_undone',
        entityType: 'event_registration',
        entityId: reg.id,
        before: { checkedIn: Boolean(reg.checkedInAt) },
        after: { eventId: event.id, checkedIn: present, places: reg.partySize },
      });
      return done!;
    });
  }

  /** The registration a check-in code is for, or 404. */
  async function byCode(token: string): Promise<string> {
    const id = await shared.registrationIdOfCheckIn(token);
    if (!id) throw new NotFoundError('registration');
    return id;
  }

  return {
    /** Checks a confirmed party of the event in (on the day, by those who run the event). */
    checkIn: (ctx: ActorContext<PolicyActor>, eventId: string, registrationId: string) =>
      mark(ctx, registrationId, true, eventId),
    /** Undoes a check-in made by mistake (the same people, the same window). */
    undoCheckIn: (ctx: ActorContext<PolicyActor>, eventId: string, registrationId: string) =>
      mark(ctx, registrationId, false, eventId),

    /**
     * What a check-in code opens: for the event's organisers and staff the party (name, size,
     * status, whether checked in); for anyone else (not signed in, the participant) only the event.
     * An unknown code is "not found".
     */
    async checkInCode(ctx: Ctx, token: string): Promise<CheckInCode> {
      const [reg] = await db
        .select()
        .from(registrations)
        .where(eq(registrations.id, await byCode(token)));
      const event = await shared.find(reg!.eventId);
      if (!ctx.actor || !(await mayRun(ctx.actor, event))) return { kind: 'holder', event };
      let open = true;
      try {
        checkOpen(event, reg!, ctx.now);
      } catch {
        open = false;
      }
      return {
        kind: 'organiser',
        event,
        party: {
          id: reg!.id,
          name: reg!.name,
          partySize: reg!.partySize,
          status: reg!.status,
          checkedInAt: reg!.checkedInAt,
        },
        open,
      };
    },
    /** Checks in the party of a check-in code (its event's organisers and staff). */
    async checkInByCode(ctx: ActorContext<PolicyActor>, token: string): Promise<RegistrationRow> {
      return mark(ctx, await byCode(token), true);
    },

    /** How many came to the event (checked-in parties and places); kept after the purge. */
    async attendanceOf(eventId: string): Promise<Attendance> {
      const [row] = await db
        .select({
          parties: sql<number>`count(*)::int`,
          places: sql<number>`coalesce(sum(${registrations.partySize}), 0)::int`,
        })
        .from(registrations)
        .where(and(eq(registrations.eventId, eventId), isNotNull(registrations.checkedInAt)));
      return { parties: Number(row?.parties ?? 0), places: Number(row?.places ?? 0) };
    },
  };
}
