// The events module: events and meetings with registration — Revitalisation Week, the ambassadors'
// activities, the cluster's own events. Organisers propose, staff review and publish; residents
// register themselves and their companions, and wait in one line when an event is full.
import { z } from 'zod';
import { defineModule } from '../../platform/modules.ts';
import { type EventListing, eventListing } from './listing.ts';
import { eventPagesRoutes } from './pages-routes.tsx';
import { type EventsService, eventsService } from './service.ts';
import { eventsAuditLabels } from './text/audit.ts';
import { events } from './text/events.ts';
import { eventsMail } from './text/mail.ts';
import { eventPages } from './text/pages.ts';

export interface EventsServices {
  events: EventsService;
  /** The public lists, month view and feeds (read only). */
  listing: EventListing;
}

const text = { events, eventPages };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/modules.ts' {
  interface ModuleServices {
    events: EventsServices;
  }
}
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof eventsMail)['pl'], keyof (typeof eventsMail)['pl']> {}
}

const everyPayload = z.object({}).passthrough();

export const eventsModule = defineModule({
  name: 'events',
  dependsOn: ['places', 'organisations'],
  services: ({ db, config, clock }, deps): EventsServices => ({
    events: eventsService({
      db,
      baseUrl: config.baseUrl,
      clock,
      organisations: deps.organisations.organisations,
      places: deps.places.places,
      purgeAfterDays: config.eventsPurgeDays,
    }),
    listing: eventListing({
      db,
      organisations: deps.organisations.organisations,
      places: deps.places.places,
    }),
  }),
  routes: async (app, { services }) => {
    await app.register(eventPagesRoutes, { services });
  },
  nav: {
    site: [{ href: '/wydarzenia', label: (t) => t.eventPages.nav, order: 25 }],
  },
  jobs: [
    // Offers whose hold ran out pass on to the next party in line.
    {
      kind: 'events.offers',
      payload: everyPayload,
      every: { seconds: 300 },
      run: async (_payload, { events }) => {
        await events.expireOffers(events.systemContext('events.offers'));
      },
    },
    // Events that are over are marked finished.
    {
      kind: 'events.finish',
      payload: everyPayload,
      every: { seconds: 3600 },
      run: async (_payload, { events }) => {
        await events.finishPast(events.systemContext('events.finish'));
      },
    },
    // Registrants' personal data, the set number of days after the event (counts stay).
    {
      kind: 'events.purge',
      payload: everyPayload,
      every: { seconds: 3600 },
      run: async (_payload, { events }) => {
        await events.purgeEnded(events.systemContext('events.purge'));
      },
    },
  ],
  messages: text,
  mails: eventsMail,
  auditLabels: eventsAuditLabels,
  refusals: {
    events: (t, _locale, err) => {
      const own = t.events.errors as Record<string, unknown>;
      return typeof own[err.code] === 'string' ? (own[err.code] as string) : null;
    },
  },
  contributes: {
    personalData: ({ events }) => events.privacy,
  },
});

export type { EventInput, EventsService, EventView, RegistrationInput, RegistrationView } from './service.ts';
