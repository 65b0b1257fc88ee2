// iCalendar feeds of the spaces module: one public feed per resource (busy times only — never
// who, what or for whom) and one private feed per person behind a secret URL. The secret is 32
// random bytes (base64url) that exist only in the URL the person was shown once; the table keeps
// its SHA-256, so a database leak reveals no feed, and a lookup by hash takes the same time
// whichever token is tried (an indexed equality on a digest, no comparison of secrets in code).

import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { Locale } from '../../platform/auth/schema.ts';
import { localized, pick } from '../../platform/content.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { messages } from '../../platform/i18n/index.ts';
import { type IcalEvent, icalendar } from '../../platform/ical.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { addDays, eachDay, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { type Closure, dayStatus } from './calendar.ts';
import { freeDesksByDay } from './desks.ts';
import type { BookingRules, BookingStatus, OpeningHours } from './schema.ts';
import { spaceFeeds, spaceResources } from './schema.ts';

const DAY = 24 * 3600_000;
/** The public feed covers this many days back and ahead. */
export const PUBLIC_FEED_DAYS_BACK = 30;
export const PUBLIC_FEED_DAYS_AHEAD = 180;
/** The private feed: bookings that ended at most this long ago, and every later one. */
export const PRIVATE_FEED_DAYS_BACK = 90;
const MAX_EVENTS = 5000;

export interface FeedsDeps {
  db: Db;
  baseUrl: string;
  clock: Clock;
}

export const hashFeedToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A token as we issue it: 32 bytes in base64url, 43 characters. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function feedsService(deps: FeedsDeps) {
  const { db, baseUrl } = deps;
  const now = () => deps.clock.now();
  const host = new URL(baseUrl).host;
  const feedUrl = (token: string) => `${baseUrl}/przestrzenie/kalendarz/${token}.ics`;

  /**
   * A desk pool's public feed: one all-day event per open day from today to the booking horizon
   * saying how many desks are free ("12 of 40"). A taken desk does not make the day busy for the
   * subscriber: every event is transparent, and a day with none free says so.
   */
  async function deskFeed(
    slug: string,
    /** Its name already in the feed's language. */
    resource: { id: string; name: string; capacity: number; openingHours: OpeningHours; rules: BookingRules },
    locale: Locale,
    t: Date,
  ): Promise<string> {
    const today = todayInWarsaw(t);
    const last = addDays(today, Math.min(resource.rules.horizonDays, PUBLIC_FEED_DAYS_AHEAD));
    const [closures, free] = await Promise.all([
      queryRows<Closure>(
        db,
        sql`select starts_on::text as "from", ends_on::text as "to", reason from space_closure
            where (resource_id = ${resource.id} or resource_id is null)
              and starts_on <= ${last}::date and ends_on >= ${today}::date`,
      ),
      freeDesksByDay(db, resource, today, last),
    ]);
    const m = messages[locale].spacesFeeds;
    const events: IcalEvent[] = [];
    for (const date of eachDay(today, last)) {
      const day = dayStatus(resource.openingHours, closures, date);
      if (!day.open || day.closesAt <= t) continue;
      const n = free.get(date) ?? 0;
      events.push({
        uid: `desks-${hashFeedToken(`${resource.id}:${date}`).slice(0, 32)}@${host}`,
        start: day.opensAt,
        end: day.closesAt,
        day: date,
        summary: n > 0 ? m.desksFree(n, resource.capacity) : m.desksNone(resource.capacity),
        description: `${day.openTime}–${day.closeTime}`,
        transparency: 'TRANSPARENT',
        url: `${baseUrl}/przestrzenie/${encodeURIComponent(slug)}`,
      });
    }
    return icalendar({ generatedAt: t, name: `${resource.name} — ${m.deskCalendar}`, events });
  }

  return {
    feedUrl,

    /** Whether the person has a private feed, and since when. */
    async status(userId: string): Promise<{ createdAt: Date } | null> {
      const [row] = await db
        .select({ createdAt: spaceFeeds.createdAt })
        .from(spaceFeeds)
        .where(eq(spaceFeeds.userId, userId))
        .limit(1);
      return row ?? null;
    },

    /**
     * Creates the person's private feed, or replaces its secret (the old URL stops working at
     * once). Returns the new URL: the only time it is ever known to us.
     */
    async rotate(userId: string): Promise<{ token: string; url: string }> {
      const token = randomBytes(32).toString('base64url');
      const tokenHash = hashFeedToken(token);
      await db
        .insert(spaceFeeds)
        .values({ userId, tokenHash, createdAt: now() })
        .onConflictDoUpdate({ target: spaceFeeds.userId, set: { tokenHash, createdAt: now() } });
      return { token, url: feedUrl(token) };
    },

    /** Switches the private feed off; its URL answers 404 from now on. */
    async revoke(userId: string): Promise<boolean> {
      const gone = await db
        .delete(spaceFeeds)
        .where(eq(spaceFeeds.userId, userId))
        .returning({ userId: spaceFeeds.userId });
      return gone.length > 0;
    },

    /** The person a token belongs to, or null (unknown, malformed, revoked or replaced). */
    async resolve(token: string): Promise<{ userId: string; locale: Locale } | null> {
      if (!TOKEN_SHAPE.test(token)) return null;
      const [row] = await queryRows<{ userId: string; locale: Locale }>(
        db,
        sql`select f.user_id as "userId", u.locale from space_feed f join auth_user u on u.id = f.user_id
            where f.token_hash = ${hashFeedToken(token)} and u.deleted_at is null and u.blocked_at is null`,
      );
      return row ?? null;
    },

    /** The public feed of one resource: busy times of live bookings, labelled "busy" only. */
    async resourceFeed(slug: string, locale: Locale): Promise<string> {
      const [resource] = await db
        .select({
          id: spaceResources.id,
          name: spaceResources.name,
          nameI18n: spaceResources.nameI18n,
          active: spaceResources.active,
          kind: spaceResources.kind,
          capacity: spaceResources.capacity,
          openingHours: spaceResources.openingHours,
          rules: spaceResources.rules,
        })
        .from(spaceResources)
        .where(eq(spaceResources.slug, slug))
        .limit(1);
      if (!resource?.active) throw new NotFoundError('resource');
      const t = now();
      // The resource's name in the feed's language, else the Polish one.
      const name = pick(localized(resource.name, resource.nameI18n), locale).text;
      if (resource.kind === 'desk') return deskFeed(slug, { ...resource, name }, locale, t);
      const rows = await queryRows<{ id: string; startsAt: Date; endsAt: Date; updatedAt: Date }>(
        db,
        sql`select id, starts_at as "startsAt", ends_at as "endsAt", updated_at as "updatedAt"
            from space_booking
            where resource_id = ${resource.id} and status in ('requested', 'confirmed', 'checked_in')
              and starts_at < ${new Date(t.getTime() + PUBLIC_FEED_DAYS_AHEAD * DAY)}
              and ends_at > ${new Date(t.getTime() - PUBLIC_FEED_DAYS_BACK * DAY)}
            order by starts_at, id
            limit ${MAX_EVENTS}`,
      );
      const m = messages[locale].spacesFeeds;
      return icalendar({
        generatedAt: t,
        name: `${name} — ${m.busyCalendar}`,
        events: rows.map(
          (r): IcalEvent => ({
            // Not the booking id: a public feed must not hand out the key of a private page.
            uid: `busy-${hashFeedToken(`${resource.id}:${r.id}`).slice(0, 32)}@${host}`,
            start: new Date(r.startsAt),
            end: new Date(r.endsAt),
            summary: m.busy,
            status: 'CONFIRMED',
            transparency: 'OPAQUE',
            stamp: new Date(r.updatedAt),
          }),
        ),
      });
    },

    /** The private feed of one person: their bookings with the resource, title and status. */
    async personalFeed(userId: string, locale: Locale): Promise<string> {
      const t = now();
      const rows = await queryRows<{
        id: string;
        startsAt: Date;
        endsAt: Date;
        updatedAt: Date;
        status: BookingStatus;
        title: string;
        kind: 'desk' | 'slot';
        resourceName: string;
        resourceNameI18n: unknown;
      }>(
        db,
        sql`select b.id, b.starts_at as "startsAt", b.ends_at as "endsAt", b.updated_at as "updatedAt", b.status,
                   b.title, b.kind, r.name as "resourceName", r.name_i18n as "resourceNameI18n"
            from space_booking b join space_resource r on r.id = b.resource_id
            where b.user_id = ${userId} and b.ends_at > ${new Date(t.getTime() - PRIVATE_FEED_DAYS_BACK * DAY)}
            order by b.starts_at, b.id
            limit ${MAX_EVENTS}`,
      );
      const m = messages[locale].spacesFeeds;
      return icalendar({
        generatedAt: t,
        name: m.myCalendar,
        events: rows.map((r): IcalEvent => {
          // The resource's name in the person's language, else the Polish one.
          const name = pick(localized(r.resourceName, r.resourceNameI18n), locale).text;
          const status =
            r.status === 'requested'
              ? 'TENTATIVE'
              : r.status === 'confirmed' || r.status === 'checked_in'
                ? 'CONFIRMED'
                : 'CANCELLED';
          const updated = new Date(r.updatedAt);
          return {
            uid: `booking-${r.id}@${host}`,
            start: new Date(r.startsAt),
            end: new Date(r.endsAt),
            summary: r.title ? `${name}: ${r.title}` : name,
            description: m.statuses[r.status],
            location: name,
            status,
            transparency: status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE',
            url: `${baseUrl}/przestrzenie/rezerwacje/${r.id}`,
            stamp: updated,
            // Calendar apps replace an event only when its sequence rises: seconds since 2025
            // grow with every change of the booking.
            sequence: Math.max(0, Math.floor((updated.getTime() - Date.UTC(2025, 0, 1)) / 1000)),
          };
        }),
      });
    },
  };
}
export type FeedsService = ReturnType<typeof feedsService>;
