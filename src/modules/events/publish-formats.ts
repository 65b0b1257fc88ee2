// An event as other programs read it: iCalendar (platform/ical.ts) for "add to calendar" and the
// feeds, and schema.org Event JSON-LD on its page. Both link back to the event's page; a cancelled
// event is STATUS:CANCELLED / EventCancelled, a postponed one carries its new dates.
import { localized, pick } from '../../platform/content.ts';
import { type Locale, messages } from '../../platform/i18n/index.ts';
import { type IcalEvent, icalendar } from '../../platform/ical.ts';
import { warsawOffset } from '../../platform/time/warsaw.ts';
import type { ListedEvent } from './listing.ts';
import type { EventRow } from './service/context.ts';

export const eventPath = (id: string) => `/wydarzenia/${id}`;

/**
 * SEQUENCE: seconds from the event's creation to its last change. It grows with every change of the
 * event (updated_at is written by every use case that changes it), so a calendar takes the newer one.
 */
export const sequenceOf = (row: Pick<EventRow, 'createdAt' | 'updatedAt'>) =>
  Math.max(0, Math.floor((row.updatedAt.getTime() - row.createdAt.getTime()) / 1000));

const textOf = (row: EventRow, locale: Locale) => ({
  title: pick(localized(row.title, row.titleI18n), locale).text,
  description: pick(localized(row.description, row.descriptionI18n), locale).text,
});

function icalEvent(e: ListedEvent, baseUrl: string, host: string, locale: Locale): IcalEvent {
  const { row } = e;
  const { title, description } = textOf(row, locale);
  const p = messages[locale].eventPages;
  const cancelled = row.status === 'cancelled';
  const prefix = cancelled
    ? `${p.status.cancelled}: `
    : row.status === 'postponed'
      ? `${p.status.postponed}: `
      : '';
  const url = `${baseUrl}${eventPath(row.id)}`;
  const notes = [
    cancelled && row.cancelReason ? p.cancelReason(row.cancelReason) : '',
    e.organiser ? `${p.organiserLabel}: ${e.organiser}` : '',
    description,
    url,
  ].filter(Boolean);
  return {
    uid: `event-${row.id}@${host}`,
    start: row.startsAt,
    end: row.endsAt,
    summary: `${prefix}${title}`,
    description: notes.join('\n\n'),
    location:
      [e.room?.name, row.venueAddress ?? row.onlineUrl].filter((x): x is string => !!x).join(', ') ||
      undefined,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    url,
    stamp: row.updatedAt,
    sequence: sequenceOf(row),
  };
}

/** A calendar of the events (one event's "add to calendar", or a feed). */
export function eventsIcal(
  list: ListedEvent[],
  opts: { baseUrl: string; locale: Locale; now: Date; name?: string },
): string {
  const host = new URL(opts.baseUrl).host;
  return icalendar({
    generatedAt: opts.now,
    name: opts.name ?? messages[opts.locale].eventPages.feedName,
    events: list.map((e) => icalEvent(e, opts.baseUrl, host, opts.locale)),
  });
}

/** An instant as schema.org wants it: ISO 8601 with Warsaw's offset, e.g. 2026-12-09T17:00:00+01:00. */
export function isoWithOffset(instant: Date): string {
  const offset = Math.round(warsawOffset(instant) / 60_000);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The schema.org Event of the page, as an object (the page writes it as JSON-LD). */
export function eventJsonLd(e: ListedEvent, opts: { baseUrl: string; locale: Locale }) {
  const { row } = e;
  const { title, description } = textOf(row, opts.locale);
  const url = `${opts.baseUrl}${eventPath(row.id)}`;
  const status =
    row.status === 'cancelled'
      ? 'https://schema.org/EventCancelled'
      : row.status === 'postponed'
        ? 'https://schema.org/EventRescheduled'
        : 'https://schema.org/EventScheduled';
  const place = row.venueAddress
    ? {
        '@type': 'Place',
        name: e.room?.name ?? row.venueAddress,
        address: row.venueAddress,
        ...(row.venueLat !== null && row.venueLng !== null
          ? { geo: { '@type': 'GeoCoordinates', latitude: row.venueLat, longitude: row.venueLng } }
          : {}),
      }
    : null;
  const virtual = row.onlineUrl ? { '@type': 'VirtualLocation', url: row.onlineUrl } : null;
  const locations = [place, virtual].filter((x) => x !== null);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: title,
    description,
    url,
    startDate: isoWithOffset(row.startsAt),
    endDate: isoWithOffset(row.endsAt),
    eventStatus: status,
    ...(row.status === 'postponed' && row.postponedFrom
      ? { previousStartDate: isoWithOffset(row.postponedFrom) }
      : {}),
    eventAttendanceMode:
      place && virtual
        ? 'https://schema.org/MixedEventAttendanceMode'
        : virtual
          ? 'https://schema.org/OnlineEventAttendanceMode'
          : 'https://schema.org/OfflineEventAttendanceMode',
    location: locations.length === 1 ? locations[0] : locations,
    organizer: {
      '@type': row.organisationId ? 'Organization' : 'GovernmentOrganization',
      name: e.organiser ?? '',
    },
    inLanguage: opts.locale,
  };
}

/** JSON-LD as it may stand inside a <script> element: no "<" that could close it. */
export const jsonLdText = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
