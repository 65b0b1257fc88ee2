// What every events use case shares: the dependencies, the event row under its lock, the reader's
// view of an event, who the actor is to it (member of its organisation or not), the links and mails.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../db/client.ts';
import { changeCounter } from '../../../platform/cache.ts';
import { type Localized, localized, pick } from '../../../platform/content.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/http/errors.ts';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import { enqueueMail, type MailTemplates } from '../../../platform/mail/outbox.ts';
import type { MailAttachment } from '../../../platform/mail/schema.ts';
import { isStaff, type PolicyActor } from '../../../platform/policy.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { hashLinkToken, newLinkToken } from '../../../platform/tokens.ts';
import type { OrganisationsService } from '../../organisations/index.ts';
import type { PlacesService } from '../../places/index.ts';
import type { BookingsService } from '../../spaces/index.ts';
import type { EventResource } from '../policy.ts';
import { eventsIcal } from '../publish-formats.ts';
import { checkInLinks, events, registrationLinks, registrations } from '../schema.ts';

export const HOUR = 3_600_000;
/** Where a check-in code (the QR code of a confirmation mail) opens. */
export const CHECK_IN_PATH = '/wydarzenia/obecnosc';
/** An id from a path that is not a UUID names no event (and never reaches the database). */
const isUuid = (id: string) => z.uuid().safeParse(id).success;
export const DAY = 24 * HOUR;

export interface EventsDeps {
  db: Db;
  baseUrl: string;
  clock: Clock;
  organisations: Pick<OrganisationsService, 'mine' | 'namesOf'>;
  places: Pick<PlacesService, 'subareaOptions' | 'cluster'>;
  /** The cluster's rooms and their bookings (the spaces module): an event at a room books it there. */
  spaces: Pick<BookingsService, 'resources' | 'create' | 'heldStates' | 'withdrawHeld'>;
  /** Days after an event ends when its registrants' personal data is deleted. */
  purgeAfterDays: number;
  /** Where the events' attachments (PDF files) are kept on disk. */
  uploadsDir?: string | undefined;
}

/** An event as the app reads it (without the folded search text: `eventColumns`). */
export type EventRow = Omit<typeof events.$inferSelect, 'searchFolded'>;
export type RegistrationRow = typeof registrations.$inferSelect;

/** The states in which a registration holds or waits for places. */
export const liveStatuses = ['confirmed', 'waiting', 'offered'] as const;
/** The states of an event the public sees (once its publication time has come). */
export const publicStatuses = ['published', 'cancelled', 'postponed', 'finished'] as const;

/**
 * The writes of events on this node: the public views cached by change (the feeds) are emptied by
 * each one, so a cancellation shows in this node's feeds at once (other nodes': within their TTL).
 */
export const eventChanges = changeCounter();

export function eventsContext(deps: EventsDeps) {
  const { db, baseUrl } = deps;
  return {
    deps,
    db,
    /** A transaction that changes what the public sees of events (their details or state). */
    async changing<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      try {
        return await db.transaction(fn);
      } finally {
        eventChanges.bump();
      }
    },
    /** The event, read under its row lock for the rest of the transaction; 404 if there is none. */
    async lock(tx: Tx, id: string): Promise<EventRow> {
      if (!isUuid(id)) throw new NotFoundError('event');
      const [row] = await tx.select().from(events).where(eq(events.id, id)).for('update');
      if (!row) throw new NotFoundError('event');
      return row;
    },
    async find(id: string): Promise<EventRow> {
      if (!isUuid(id)) throw new NotFoundError('event');
      const [row] = await db.select().from(events).where(eq(events.id, id));
      if (!row) throw new NotFoundError('event');
      return row;
    },
    /** What the policy needs: whether the actor belongs to the event's (or named) organisation. */
    async resourceFor(actor: PolicyActor | null, organisationId: string | null): Promise<EventResource> {
      if (!actor || !organisationId || isStaff(actor)) return { member: false, verified: false };
      const mine = (await deps.organisations.mine(actor)).find((o) => o.id === organisationId);
      return { member: Boolean(mine), verified: mine?.status === 'verified' };
    },
    /** A new link for the registration (cancel, accept or decline): stored hashed, given back once. */
    async newLink(tx: Tx, registrationId: string, now: Date): Promise<string> {
      const token = newLinkToken();
      await tx
        .insert(registrationLinks)
        .values({ tokenHash: hashLinkToken(token), registrationId, createdAt: now });
      return `${baseUrl}/wydarzenia/zapis/${token}`;
    },
    /** The registration a link is for, or null. */
    async registrationIdOfLink(token: string): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const [row] = await db
        .select({ id: registrationLinks.registrationId })
        .from(registrationLinks)
        .where(eq(registrationLinks.tokenHash, hashLinkToken(token)));
      return row?.id ?? null;
    },
    /**
     * Both links of a confirmed registration's mail — its own link and its check-in code (its QR
     * code: stored hashed, given back once) — written in one statement (the registration's
     * transaction holds the event's lock meanwhile).
     */
    async newLinkAndCheckIn(
      tx: Tx,
      registrationId: string,
      now: Date,
    ): Promise<{ url: string; checkIn: string }> {
      const link = newLinkToken();
      const code = newLinkToken();
      await tx.execute(sql`
        with link as (
          insert into ${registrationLinks} (token_hash, registration_id, created_at)
          values (${hashLinkToken(link)}, ${registrationId}, ${now}))
        insert into ${checkInLinks} (token_hash, registration_id, created_at)
        values (${hashLinkToken(code)}, ${registrationId}, ${now})`);
      return { url: `${baseUrl}/wydarzenia/zapis/${link}`, checkIn: `${baseUrl}${CHECK_IN_PATH}/${code}` };
    },
    /** The registration a check-in code is for, or null. */
    async registrationIdOfCheckIn(token: string): Promise<string | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const [row] = await db
        .select({ id: checkInLinks.registrationId })
        .from(checkInLinks)
        .where(eq(checkInLinks.tokenHash, hashLinkToken(token)));
      return row?.id ?? null;
    },
    /** Queues a mail to a registrant in their own language, with the event's title and time in it. */
    async tell<K extends keyof MailTemplates & string>(
      tx: Tx,
      reg: Pick<RegistrationRow, 'email' | 'locale' | 'userId'>,
      template: K,
      args: (locale: Locale) => Parameters<MailTemplates[K]>,
      /** The event (or events) as it now stands, sent along as an .ics file (the person's place is confirmed). */
      ics?: EventRow | EventRow[],
      /** A check-in URL, sent along as a QR code (a PNG) to show at the entrance. */
      checkInUrl?: string,
    ): Promise<void> {
      if (!reg.email) return;
      const locale = reg.locale as Locale;
      const now = deps.clock.now();
      const calendar = ics === undefined ? [] : Array.isArray(ics) ? ics : [ics];
      const attachments: MailAttachment[] = calendar.length
        ? [
            {
              filename: 'wydarzenie.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: eventsIcal(
                calendar.map((row) => ({ row, organiser: null, subarea: null, room: null })),
                { baseUrl, locale, now },
              ),
            },
          ]
        : [];
      if (checkInUrl)
        attachments.push({
          filename: 'kod-qr.png',
          contentType: 'image/png',
          // Drawn when the mail is sent, not in this transaction (it holds the event's lock).
          content: '',
          qrCode: checkInUrl,
        });
      await enqueueMail(tx, {
        to: reg.email,
        locale,
        userId: reg.userId,
        template,
        args: args(locale),
        attachments,
      });
    },
    /** Live registrations of an event (for notices to everyone registered). */
    async liveOf(tx: Tx, eventId: string): Promise<RegistrationRow[]> {
      return tx
        .select()
        .from(registrations)
        .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, [...liveStatuses])));
    },
  };
}
export type EventsContext = ReturnType<typeof eventsContext>;

/** The event's title in the reader's language (Polish when not given in theirs). */
export const titleIn = (row: Pick<EventRow, 'title' | 'titleI18n'>, locale: Locale) =>
  pick(localized(row.title, row.titleI18n), locale).text;

/** When it is, for a mail: "12 maja 2026 17:00–19:00". */
export const whenIn = (row: Pick<EventRow, 'startsAt' | 'endsAt'>, locale: Locale) =>
  `${formatDateTime(locale, row.startsAt)}–${formatDateTime(locale, row.endsAt, 'time')}`;

/** Whether the public may see the event now. */
export const isPublic = (row: Pick<EventRow, 'status' | 'publishedAt'>, now: Date) =>
  (publicStatuses as readonly string[]).includes(row.status) &&
  row.publishedAt !== null &&
  row.publishedAt.getTime() <= now.getTime();

/** When registration closes: its set time, but never after the start. */
export const registrationClosesAt = (row: Pick<EventRow, 'registrationClosesAt' | 'startsAt'>) =>
  row.registrationClosesAt && row.registrationClosesAt < row.startsAt
    ? row.registrationClosesAt
    : row.startsAt;

export interface EventView {
  id: string;
  status: EventRow['status'];
  title: Localized;
  description: Localized;
  kind: EventRow['kind'];
  audiences: EventRow['audiences'];
  subareaId: string | null;
  venue: { address: string; lat: number | null; lng: number | null } | null;
  onlineUrl: string | null;
  /** A room of the cluster (a spaces resource), its layout, and the booking the event holds there. */
  room: { resourceId: string; layout: string | null; bookingId: string | null } | null;
  organisationId: string | null;
  organiserUnit: string | null;
  series: string | null;
  accessibility: { stepFree: boolean; inductionLoop: boolean; signLanguage: boolean; quietRoom: boolean };
  contact: string | null;
  startsAt: Date;
  endsAt: Date;
  postponedFrom: Date | null;
  cancelReason: string | null;
  reviewNote: string | null;
  publishedAt: Date | null;
  registration: {
    open: boolean;
    capacity: number | null;
    taken: number;
    opensAt: Date | null;
    closesAt: Date;
    maxCompanions: number;
    offerHoldHours: number;
    consent: Localized | null;
    questions: EventRow['questions'];
  } | null;
}

export function eventView(row: EventRow, now: Date): EventView {
  const closesAt = registrationClosesAt(row);
  return {
    id: row.id,
    status: row.status,
    title: localized(row.title, row.titleI18n),
    description: localized(row.description, row.descriptionI18n),
    kind: row.kind,
    audiences: row.audiences,
    subareaId: row.subareaId,
    venue: row.venueAddress ? { address: row.venueAddress, lat: row.venueLat, lng: row.venueLng } : null,
    onlineUrl: row.onlineUrl,
    room: row.spaceResourceId
      ? { resourceId: row.spaceResourceId, layout: row.spaceLayout, bookingId: row.spaceBookingId }
      : null,
    organisationId: row.organisationId,
    organiserUnit: row.organiserUnit,
    series: row.series,
    accessibility: {
      stepFree: row.stepFree,
      inductionLoop: row.inductionLoop,
      signLanguage: row.signLanguage,
      quietRoom: row.quietRoom,
    },
    contact: row.contact,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    postponedFrom: row.postponedFrom,
    cancelReason: row.cancelReason,
    reviewNote: row.reviewNote,
    publishedAt: row.publishedAt,
    registration: row.registration
      ? {
          open:
            (row.status === 'published' || row.status === 'postponed') &&
            isPublic(row, now) &&
            (!row.registrationOpensAt || row.registrationOpensAt <= now) &&
            now < closesAt,
          capacity: row.capacity,
          taken: row.taken,
          opensAt: row.registrationOpensAt,
          closesAt,
          maxCompanions: row.maxCompanions,
          offerHoldHours: row.offerHoldHours,
          consent: row.consent ? localized(row.consent, row.consentI18n) : null,
          questions: row.questions,
        }
      : null,
  };
}

/** Who acts, for the audit row. */
export type Ctx = RequestContext<PolicyActor | null>;

/** Who the audit row names: the person acting, or the job or tool (by its request id) as 'system'. */
export const auditBy = (ctx: Ctx) => ({
  id: ctx.actor?.id ?? 'system',
  role: ctx.actor?.role ?? 'system',
  requestId: ctx.requestId,
});
