// Registrants' personal data: what "download my data" shows, what account deletion erases (a live
// registration is cancelled first, so its places pass on), and the purge a set time after an event
// (names, addresses, answers, the person's links and check-in codes are deleted; the counts stay for
// statistics, the attendance too: when a party was checked in is no one's personal data).
// Their attendance certificates of series are in the export and go with the account; the purge keeps
// whose attendance a checked-in registration was in a series with certificates (keptForCertificate).
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { PersonalDataContributor } from '../../../platform/privacy.ts';
import {
  checkInLinks,
  eventSeries,
  events,
  registrationLinks,
  registrations,
  seriesCertificates,
} from '../schema.ts';
import { auditBy, type Ctx, DAY, type EventsContext, liveStatuses } from './context.ts';
import type { Promotion } from './registration.ts';

/** What a purged registration keeps: its event, party size, status and times. */
const erased = { userId: null, name: null, email: null, answers: {} };

/**
 * The purge keeps whose attendance it was when the party was checked in at a session of a series
 * that gives certificates: the certificate counts the sessions attended over the whole series, which
 * may run longer than the purge's days (the name, address and answers go all the same; the account's
 * erasure removes the link too).
 */
const keptForCertificate = sql<string | null>`case when ${registrations.checkedInAt} is not null and exists (
    select 1 from event_event se join event_series ss on ss.name = se.series
    where se.id = ${registrations.eventId} and ss.certificate_min_sessions is not null)
  then ${registrations.userId} else null end`;

export function privacyUseCases(shared: EventsContext, promote: Promotion) {
  const { db, deps } = shared;

  const contributor: PersonalDataContributor = {
    name: 'events',
    async exportFor(userId) {
      const rows = await db
        .select({
          event: events.title,
          startsAt: events.startsAt,
          status: registrations.status,
          partySize: registrations.partySize,
          name: registrations.name,
          email: registrations.email,
          answers: registrations.answers,
          consentAt: registrations.consentAt,
          createdAt: registrations.createdAt,
        })
        .from(registrations)
        .innerJoin(events, eq(events.id, registrations.eventId))
        .where(eq(registrations.userId, userId))
        .orderBy(registrations.createdAt);
      const certificates = await db
        .select({
          series: eventSeries.title,
          name: seriesCertificates.name,
          code: seriesCertificates.code,
          issuedAt: seriesCertificates.issuedAt,
        })
        .from(seriesCertificates)
        .innerJoin(eventSeries, eq(eventSeries.name, seriesCertificates.seriesName))
        .where(eq(seriesCertificates.userId, userId))
        .orderBy(seriesCertificates.issuedAt);
      return { registrations: rows, certificates };
    },
    async eraseFor(userId, tx: Tx) {
      // Their certificates go (the verification page no longer knows their codes).
      await tx.delete(seriesCertificates).where(eq(seriesCertificates.userId, userId));
      const mine = await tx
        .select({ id: registrations.id, eventId: registrations.eventId })
        .from(registrations)
        .where(eq(registrations.userId, userId));
      const ctx: Ctx = { actor: null, requestId: 'account-deletion', locale: 'pl', now: deps.clock.now() };
      for (const eventId of [...new Set(mine.map((r) => r.eventId))]) {
        const event = await shared.lock(tx, eventId);
        // A party already checked in attended: it stays confirmed (only its personal data goes).
        const theirs = and(
          eq(registrations.eventId, eventId),
          eq(registrations.userId, userId),
          inArray(registrations.status, [...liveStatuses]),
          isNull(registrations.checkedInAt),
        );
        const live = await tx
          .select({ id: registrations.id, partySize: registrations.partySize, status: registrations.status })
          .from(registrations)
          .where(theirs);
        if (live.length)
          await tx.update(registrations).set({ status: 'cancelled', endedAt: ctx.now }).where(theirs);
        for (const r of live)
          await audit(tx, auditBy(ctx), {
            action: 'event_registration.cancelled',
            entityType: 'event_registration',
            entityId: r.id,
            before: { status: r.status },
            after: { status: 'cancelled', places: r.partySize, accountDeleted: true },
          });
        const freed = live.filter((r) => r.status !== 'waiting').reduce((n, r) => n + r.partySize, 0);
        if (freed > 0) {
          const [row] = await tx
            .update(events)
            .set({ taken: sql`${events.taken} - ${freed}` })
            .where(eq(events.id, eventId))
            .returning();
          await promote(tx, row!, ctx);
        } else await promote(tx, event, ctx);
      }
      const ids = mine.map((r) => r.id);
      if (ids.length === 0) return;
      await tx.delete(registrationLinks).where(inArray(registrationLinks.registrationId, ids));
      await tx.delete(checkInLinks).where(inArray(checkInLinks.registrationId, ids));
      await tx
        .update(registrations)
        .set({ ...erased, purgedAt: ctx.now })
        .where(inArray(registrations.id, ids));
    },
  };

  return {
    privacy: contributor,

    /**
     * Deletes the registrants' personal data of events that ended more than the set days ago (a
     * scheduled job): one audit row per event with how many registrations it purged.
     */
    async purgeEnded(ctx: Ctx): Promise<number> {
      const before = new Date(ctx.now.getTime() - deps.purgeAfterDays * DAY);
      return db.transaction(async (tx) => {
        const rows = await tx
          .update(registrations)
          .set({ ...erased, userId: keptForCertificate, purgedAt: ctx.now })
          .where(
            and(
              isNull(registrations.purgedAt),
              inArray(
                registrations.eventId,
                tx.select({ id: events.id }).from(events).where(lte(events.endsAt, before)),
              ),
            ),
          )
          .returning({ id: registrations.id, eventId: registrations.eventId });
        if (rows.length === 0) return 0;
        const purged = rows.map((r) => r.id);
        await tx.delete(registrationLinks).where(inArray(registrationLinks.registrationId, purged));
        await tx.delete(checkInLinks).where(inArray(checkInLinks.registrationId, purged));
        const perEvent = new Map<string, number>();
        for (const r of rows) perEvent.set(r.eventId, (perEvent.get(r.eventId) ?? 0) + 1);
        for (const [eventId, count] of perEvent)
          await audit(tx, auditBy(ctx), {
            action: 'event_registration.purged',
            entityType: 'event',
            entityId: eventId,
            after: { registrations: count },
          });
        return rows.length;
      });
    },
  };
}
