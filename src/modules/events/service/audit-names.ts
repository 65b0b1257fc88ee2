// What the back office's audit log calls the events module's records.
import { eq, inArray } from 'drizzle-orm';
import { localized, pick } from '../../../platform/content.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import type { AuditEntityNames, AuditEntityRef } from '../../../platform/modules.ts';
import { eventSeries, events, registrations } from '../schema.ts';
import type { EventsContext } from './context.ts';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the back office's audit log calls an event and a registration (the event's title) and a series
 * (its title; its audit rows name it by slug), in the reader's language.
 */
export function eventsAuditNames(shared: EventsContext): Record<string, AuditEntityNames> {
  const { db } = shared;
  const named = (
    id: string,
    row: { title: string; titleI18n: unknown },
    locale: Locale,
  ): [string, AuditEntityRef] => {
    const { text, lang } = pick(localized(row.title, row.titleI18n), locale);
    return [id, lang === locale ? { name: text } : { name: text, lang }];
  };
  return {
    async event(ids, locale) {
      const wanted = [...new Set(ids)].filter((id) => uuidShape.test(id));
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: events.id, title: events.title, titleI18n: events.titleI18n })
        .from(events)
        .where(inArray(events.id, wanted));
      return new Map(rows.map((r) => named(r.id, r, locale)));
    },
    async event_registration(ids, locale) {
      const wanted = [...new Set(ids)].filter((id) => uuidShape.test(id));
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: registrations.id, title: events.title, titleI18n: events.titleI18n })
        .from(registrations)
        .innerJoin(events, eq(events.id, registrations.eventId))
        .where(inArray(registrations.id, wanted));
      return new Map(rows.map((r) => named(r.id, r, locale)));
    },
    async event_series(slugs, locale) {
      const wanted = [...new Set(slugs)];
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ slug: eventSeries.slug, title: eventSeries.title, titleI18n: eventSeries.titleI18n })
        .from(eventSeries)
        .where(inArray(eventSeries.slug, wanted));
      return new Map(rows.map((r) => named(r.slug, r, locale)));
    },
  };
}
