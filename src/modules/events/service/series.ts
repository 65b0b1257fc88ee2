// A series of events (Revitalisation Week, a cycle of workshops): its page's sessions, registering
// once for chosen sessions (each through the one register use case, so each keeps its own places and
// waiting list), its settings (staff), who attended how many sessions, and the attendance certificate
// a participant earns by attending the series' set number of sessions (checked in), with the code
// that verifies it.
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import {
  type Localized,
  localized,
  localizedInput,
  pick,
  translationsOf,
} from '../../../platform/content.ts';
import type { ActorContext, ContextActor } from '../../../platform/context.ts';
import { foldName } from '../../../platform/fold.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { isStaff, type PolicyActor } from '../../../platform/policy.ts';
import { eventPolicy } from '../policy.ts';
import { eventSeries, events, registrations, seriesCertificates } from '../schema.ts';
import {
  auditBy,
  type Ctx,
  type EventRow,
  type EventsContext,
  eventView,
  isPublic,
  titleIn,
  whenIn,
} from './context.ts';
import { DESCRIPTION_MAX, MAX_COMPANIONS, parseOrRefuse, TITLE_MAX } from './input.ts';
import type { RegistrationView, registrationUseCases } from './registration.ts';

export type SeriesRow = typeof eventSeries.$inferSelect;

/** Why a session cannot be chosen on the series' form (each reads as a sentence on the page). */
export type SessionBar = 'noRegistration' | 'cancelled' | 'closed' | 'notYetOpen' | 'questions';

export interface SeriesSession {
  row: EventRow;
  /** Null when it can be chosen. */
  bar: SessionBar | null;
}

/** What registering for one chosen session came to. */
export type SessionOutcome =
  | { eventId: string; title: Localized; result: 'registered'; registration: RegistrationView }
  | { eventId: string; title: Localized; result: 'refused'; refusal: RuleError };

export interface Attended {
  eventId: string;
  title: Localized;
  startsAt: Date;
  endsAt: Date;
  organisationId: string | null;
  organiserUnit: string | null;
}

export interface CertificateStanding {
  series: SeriesRow;
  attended: number;
  needed: number;
}

export interface Certificate {
  code: string;
  name: string;
  issuedAt: Date;
  series: SeriesRow;
  sessions: Attended[];
}

/** The slug a series name gets: folded as search folds it, hyphens between words (platform/fold.ts). */
export function seriesSlug(name: string): string {
  const base = foldName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return base || 'cykl';
}

/** A code printed on a certificate: 12 letters and digits, no look-alikes (0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CERTIFICATE_CODE = /^[A-HJKMNP-Z2-9]{12}$/;
function newCode(): string {
  return [...randomBytes(12)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/**
 * The series of that name, made (its title the name, no certificate) when an event first names it;
 * in the event's transaction, so event_event.series always has its row.
 */
export async function ensureSeries(tx: Tx, name: string, now: Date): Promise<void> {
  const [known] = await tx
    .select({ name: eventSeries.name })
    .from(eventSeries)
    .where(eq(eventSeries.name, name));
  if (known) return;
  const base = seriesSlug(name);
  const taken = new Set(
    (
      await tx
        .select({ slug: eventSeries.slug })
        .from(eventSeries)
        .where(sql`${eventSeries.slug} = ${base} or ${eventSeries.slug} like ${`${base}-%`}`)
    ).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  await tx
    .insert(eventSeries)
    .values({ name, slug, title: name, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: eventSeries.name });
}

export const seriesSettingsInput = z.object({
  title: localizedInput({ max: TITLE_MAX }),
  description: localizedInput({ max: DESCRIPTION_MAX, optional: true }).default({ pl: '' }),
  certificateMinSessions: z.number().int().min(1).max(100).nullable(),
});
export interface SeriesSettingsInput {
  title: Localized;
  description?: Localized;
  certificateMinSessions: number | null;
}

export const seriesRegistrationInput = z.object({
  eventIds: z.array(z.uuid()).max(100),
  companions: z.number().int().min(0).max(MAX_COMPANIONS).default(0),
  consent: z.boolean().default(false),
});
export type SeriesRegistrationInput = z.input<typeof seriesRegistrationInput>;

export function seriesUseCases(shared: EventsContext, registration: ReturnType<typeof registrationUseCases>) {
  const { db } = shared;

  async function seriesOf(slug: string): Promise<SeriesRow> {
    const [row] = await db.select().from(eventSeries).where(eq(eventSeries.slug, slug));
    if (!row) throw new NotFoundError('series');
    return row;
  }

  /** Why a session cannot be chosen now, or null. */
  function barOf(row: EventRow, now: Date): SessionBar | null {
    if (row.status === 'cancelled') return 'cancelled';
    if (!row.registration) return 'noRegistration';
    const view = eventView(row, now).registration!;
    if (!view.open) {
      const live = row.status === 'published' || row.status === 'postponed';
      return live && row.registrationOpensAt && row.registrationOpensAt > now ? 'notYetOpen' : 'closed';
    }
    if (row.questions.some((q) => q.required)) return 'questions';
    return null;
  }

  /** The series' sessions the public sees, in start order. */
  async function sessionsOf(series: SeriesRow, now: Date): Promise<EventRow[]> {
    const rows = await db
      .select()
      .from(events)
      .where(eq(events.series, series.name))
      .orderBy(asc(events.startsAt), asc(events.id));
    return rows.filter((r) => isPublic(r, now));
  }

  /** The sessions of the series the person attended (checked in), in start order. */
  async function attendedBy(userId: string, seriesName: string): Promise<Attended[]> {
    const rows = await db
      .select({
        eventId: events.id,
        title: events.title,
        titleI18n: events.titleI18n,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        organisationId: events.organisationId,
        organiserUnit: events.organiserUnit,
      })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(
        and(
          eq(registrations.userId, userId),
          isNotNull(registrations.checkedInAt),
          eq(events.series, seriesName),
        ),
      )
      .orderBy(asc(events.startsAt));
    return rows.map(({ title, titleI18n, ...r }) => ({ ...r, title: localized(title, titleI18n) }));
  }

  /** Whether the actor runs at least one of the series' sessions (its organisation's member) or is staff. */
  async function runsSeries(actor: PolicyActor, series: SeriesRow): Promise<boolean> {
    if (isStaff(actor)) return true;
    const orgs = await db
      .selectDistinct({ id: events.organisationId })
      .from(events)
      .where(and(eq(events.series, series.name), isNotNull(events.organisationId)));
    for (const { id } of orgs)
      if (eventPolicy.can(actor, 'edit', await shared.resourceFor(actor, id))) return true;
    return false;
  }

  return {
    /** The series of an event, by its name (the event page links to it). */
    async seriesNamed(name: string): Promise<SeriesRow | null> {
      const [row] = await db.select().from(eventSeries).where(eq(eventSeries.name, name));
      return row ?? null;
    },

    /** The series' page: the series and its public sessions, each saying whether it can be chosen. */
    async seriesPage(ctx: Ctx, slug: string): Promise<{ series: SeriesRow; sessions: SeriesSession[] }> {
      const series = await seriesOf(slug);
      const rows = await sessionsOf(series, ctx.now);
      return { series, sessions: rows.map((row) => ({ row, bar: barOf(row, ctx.now) })) };
    },

    /**
     * Registers the person (and their companions) for each chosen session of the series, each through
     * the register use case: confirmed, on that session's waiting list, or refused with its reason.
     * Refused with nothing stored when no session is chosen, a chosen one is no open session of the
     * series, or a chosen one asks for consent and it was not given.
     */
    async registerForSeries(
      ctx: ActorContext<ContextActor>,
      slug: string,
      raw: SeriesRegistrationInput,
    ): Promise<SessionOutcome[]> {
      eventPolicy.check(ctx.actor, 'register', { member: false, verified: false });
      const input = parseOrRefuse(seriesRegistrationInput, raw);
      const series = await seriesOf(slug);
      const chosen = [...new Set(input.eventIds)];
      if (chosen.length === 0) throw new RuleError('noSessionChosen', 'sessions');
      const sessions = new Map((await sessionsOf(series, ctx.now)).map((r) => [r.id, r]));
      const rows = chosen.map((id) => sessions.get(id));
      if (rows.some((r) => !r || barOf(r, ctx.now) !== null))
        throw new RuleError('sessionNotOpen', 'sessions');
      if (!input.consent && rows.some((r) => r!.consent)) throw new RuleError('consentRequired', 'consent');
      const outcomes: SessionOutcome[] = [];
      for (const row of rows.sort((a, b) => a!.startsAt.getTime() - b!.startsAt.getTime())) {
        const title = localized(row!.title, row!.titleI18n);
        try {
          const reg = await registration.register(
            ctx,
            row!.id,
            { companions: input.companions, answers: {}, consent: input.consent },
            { mail: false },
          );
          outcomes.push({ eventId: row!.id, title, result: 'registered', registration: reg });
        } catch (err) {
          if (!(err instanceof RuleError)) throw err;
          outcomes.push({ eventId: row!.id, title, result: 'refused', refusal: err });
        }
      }
      // One mail for the sessions registered: each with its state and its own link, the confirmed
      // ones in one calendar file.
      const registered = outcomes.filter((o) => o.result === 'registered');
      if (registered.length)
        await db.transaction(async (tx) => {
          const lines: Array<{ row: EventRow; reg: RegistrationView; url: string }> = [];
          for (const o of registered) {
            const row = sessions.get(o.eventId)!;
            lines.push({
              row,
              reg: o.registration,
              url: await shared.newLink(tx, o.registration.id, ctx.now),
            });
          }
          await shared.tell(
            tx,
            { email: ctx.actor.email, locale: ctx.actor.locale, userId: ctx.actor.id },
            'eventsSeriesRegistered',
            (l) => [
              pick(localized(series.title, series.titleI18n), l).text,
              lines.map((x) => ({
                title: titleIn(x.row, l),
                when: whenIn(x.row, l),
                ahead: x.reg.status === 'waiting' ? (x.reg.ahead ?? 0) : null,
                url: x.url,
              })),
              `${shared.deps.baseUrl}/wydarzenia/moje`,
            ],
            lines.filter((x) => x.reg.status === 'confirmed').map((x) => x.row),
          );
        });
      return outcomes;
    },

    /** Every series with the number of its events, for the staff's page. */
    async allSeries(): Promise<Array<SeriesRow & { events: number }>> {
      const rows = await db
        .select({ series: eventSeries, events: count(events.id) })
        .from(eventSeries)
        .leftJoin(events, eq(events.series, eventSeries.name))
        .groupBy(eventSeries.name)
        .orderBy(asc(eventSeries.name));
      return rows.map((r) => ({ ...r.series, events: Number(r.events) }));
    },

    /** The series by its slug (404 if none). */
    seriesBySlug: seriesOf,

    /** Staff change a series' title, description and certificate threshold. */
    async updateSeries(
      ctx: ActorContext<PolicyActor>,
      slug: string,
      raw: SeriesSettingsInput,
    ): Promise<SeriesRow> {
      // Setting up a series is the staff's, as publishing is.
      eventPolicy.check(ctx.actor, 'publish', { member: false, verified: false });
      const input = parseOrRefuse(seriesSettingsInput, raw);
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(eventSeries).where(eq(eventSeries.slug, slug)).for('update');
        if (!before) throw new NotFoundError('series');
        const [next] = await tx
          .update(eventSeries)
          .set({
            title: input.title.pl,
            titleI18n: translationsOf(input.title),
            description: input.description.pl,
            descriptionI18n: translationsOf(input.description),
            certificateMinSessions: input.certificateMinSessions,
            updatedAt: ctx.now,
          })
          .where(eq(eventSeries.name, before.name))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'event_series.updated',
          entityType: 'event_series',
          entityId: before.slug,
          before: { title: before.title, certificateMinSessions: before.certificateMinSessions },
          after: { title: next!.title, certificateMinSessions: next!.certificateMinSessions },
        });
        return next!;
      });
    },

    /** The person's standing in each series with a certificate where they attended a session. */
    async myCertificates(ctx: ActorContext): Promise<CertificateStanding[]> {
      const rows = await db
        .select({ series: eventSeries, attended: count(registrations.id) })
        .from(registrations)
        .innerJoin(events, eq(events.id, registrations.eventId))
        .innerJoin(eventSeries, eq(eventSeries.name, events.series))
        .where(
          and(
            eq(registrations.userId, ctx.actor.id),
            isNotNull(registrations.checkedInAt),
            isNotNull(eventSeries.certificateMinSessions),
          ),
        )
        .groupBy(eventSeries.name)
        .orderBy(asc(eventSeries.name));
      return rows.map((r) => ({
        series: r.series,
        attended: Number(r.attended),
        needed: r.series.certificateMinSessions!,
      }));
    },

    /**
     * The person's certificate of the series: issued (its code and date fixed) the first time they
     * ask once they attended the set number of sessions. Refused for a series without certificates
     * and below the number, saying how many they attended.
     */
    async certificate(ctx: ActorContext<ContextActor>, slug: string): Promise<Certificate> {
      const series = await seriesOf(slug);
      if (series.certificateMinSessions === null) throw new RuleError('noCertificate', undefined, 404);
      const sessions = await attendedBy(ctx.actor.id, series.name);
      if (sessions.length < series.certificateMinSessions)
        throw new RuleError('certificateNotEarned', undefined, 403, {
          attended: sessions.length,
          needed: series.certificateMinSessions,
        });
      const cert = await db.transaction(async (tx) => {
        const [known] = await tx
          .select()
          .from(seriesCertificates)
          .where(
            and(eq(seriesCertificates.seriesName, series.name), eq(seriesCertificates.userId, ctx.actor.id)),
          );
        if (known) return known;
        const [made] = await tx
          .insert(seriesCertificates)
          .values({
            code: newCode(),
            seriesName: series.name,
            userId: ctx.actor.id,
            name: ctx.actor.name,
            issuedAt: ctx.now,
          })
          .onConflictDoNothing({ target: [seriesCertificates.seriesName, seriesCertificates.userId] })
          .returning();
        if (made)
          await audit(tx, auditBy(ctx), {
            action: 'event_series.certificate_issued',
            entityType: 'event_series',
            entityId: series.slug,
            after: { code: made.code, sessions: sessions.length },
          });
        return (
          made ??
          (
            await tx
              .select()
              .from(seriesCertificates)
              .where(
                and(
                  eq(seriesCertificates.seriesName, series.name),
                  eq(seriesCertificates.userId, ctx.actor.id),
                ),
              )
          )[0]!
        );
      });
      return { code: cert.code, name: cert.name, issuedAt: cert.issuedAt, series, sessions };
    },

    /** What the verification page shows of a certificate: the name, the series, the date; or null. */
    async verifyCertificate(
      code: string,
    ): Promise<{ name: string; series: SeriesRow; issuedAt: Date } | null> {
      if (!CERTIFICATE_CODE.test(code)) return null;
      const [row] = await db
        .select({ cert: seriesCertificates, series: eventSeries })
        .from(seriesCertificates)
        .innerJoin(eventSeries, eq(eventSeries.name, seriesCertificates.seriesName))
        .where(eq(seriesCertificates.code, code));
      return row ? { name: row.cert.name, series: row.series, issuedAt: row.cert.issuedAt } : null;
    },

    /** Whether the actor may see the series' attendance (staff, or organisers of its sessions). */
    runsSeries,

    /**
     * Who attended the series' sessions, with how many each and whether that earns the certificate;
     * most sessions first. For staff and the organisers of its sessions; 403 for others.
     */
    async seriesAttendance(
      ctx: ActorContext<PolicyActor>,
      slug: string,
    ): Promise<{
      series: SeriesRow;
      people: Array<{ name: string | null; email: string | null; attended: number; qualifies: boolean }>;
    }> {
      const series = await seriesOf(slug);
      // Someone who runs none of its sessions is refused as the event policy refuses a stranger.
      if (!(await runsSeries(ctx.actor, series)))
        eventPolicy.check(ctx.actor, 'edit', { member: false, verified: false });
      const ids = (await db.select({ id: events.id }).from(events).where(eq(events.series, series.name))).map(
        (r) => r.id,
      );
      if (ids.length === 0) return { series, people: [] };
      const rows = await db
        .select({
          userId: registrations.userId,
          name: sql<string | null>`max(${registrations.name})`,
          email: sql<string | null>`max(${registrations.email})`,
          attended: count(registrations.id),
        })
        .from(registrations)
        .where(
          and(
            inArray(registrations.eventId, ids),
            isNotNull(registrations.checkedInAt),
            isNotNull(registrations.userId),
          ),
        )
        .groupBy(registrations.userId)
        .orderBy(sql`count(${registrations.id}) desc`, sql`max(${registrations.name})`);
      const min = series.certificateMinSessions;
      return {
        series,
        people: rows.map((r) => ({
          name: r.name,
          email: r.email,
          attended: Number(r.attended),
          qualifies: min !== null && Number(r.attended) >= min,
        })),
      };
    },
  };
}
