// The events module: events and meetings with registration — Revitalisation Week, the ambassadors'
// activities, the cluster's own events. Organisers propose, staff review and publish; residents
// register themselves and their companions, and wait in one line when an event is full.
import path from 'node:path';
import { z } from 'zod';
import { userIdsByEmail } from '../../platform/auth/users.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { defineModule } from '../../platform/modules.ts';
import { demoAccounts } from '../accounts/index.ts';
import { bookingRuleMessage } from '../spaces/index.ts';
import { eventAdminRoutes } from './admin-routes.tsx';
import { eventsApi } from './api.ts';
import { eventAttachmentRoutes } from './attachment-routes.tsx';
import { type EventListing, eventListing } from './listing.ts';
import { eventMessageRoutes } from './message-routes.tsx';
import { eventPagesRoutes } from './pages-routes.tsx';
import { eventProposalRoutes } from './proposal-routes.tsx';
import { type EventProposals, eventProposals } from './proposals.ts';
import { type EventRoster, eventRoster } from './roster.ts';
import { eventRosterRoutes } from './roster-routes.tsx';
import { seedEvents } from './seed.ts';
import { eventSeriesRoutes } from './series-routes.tsx';
import { type EventsService, eventsService } from './service.ts';
import { eventAdmin } from './text/admin.ts';
import { eventsAuditLabels } from './text/audit.ts';
import { events } from './text/events.ts';
import { eventExtras } from './text/extras.ts';
import { eventsMail } from './text/mail.ts';
import { eventPages } from './text/pages.ts';
import { eventSeries } from './text/series.ts';

export interface EventsServices {
  events: EventsService;
  /** The public lists, month view and feeds (read only). */
  listing: EventListing;
  /** Who is registered, for the event's organisers and staff (read only). */
  roster: EventRoster;
  /** Events not public yet: the organisers' proposals and the staff's queues (read only). */
  proposals: EventProposals;
}

const text = { events, eventPages, eventAdmin, eventSeries, eventExtras };
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

const staffOnly = (actor: { role: string } | null) => actor?.role === 'staff' || actor?.role === 'admin';
const everyPayload = z.object({}).passthrough();

export const eventsModule = defineModule({
  name: 'events',
  dependsOn: ['places', 'accounts', 'organisations', 'spaces'],
  services: ({ db, config, clock }, deps): EventsServices => {
    const listing = eventListing({
      db,
      organisations: deps.organisations.organisations,
      places: deps.places.places,
      spaces: deps.spaces.bookings,
    });
    return {
      events: eventsService({
        db,
        baseUrl: config.baseUrl,
        clock,
        organisations: deps.organisations.organisations,
        places: deps.places.places,
        spaces: deps.spaces.bookings,
        purgeAfterDays: config.eventsPurgeDays,
        uploadsDir: path.join(config.dataDir, 'uploads', 'events'),
      }),
      listing,
      roster: eventRoster({ db, organisations: deps.organisations.organisations }),
      proposals: eventProposals({ db, organisations: deps.organisations.organisations, listing }),
    };
  },
  routes: async (app, { services }) => {
    await app.register(eventsApi, { services });
    await app.register(eventProposalRoutes, { services });
    await app.register(eventPagesRoutes, { services });
    await app.register(eventRosterRoutes, { services });
    await app.register(eventMessageRoutes, { services });
    await app.register(eventAttachmentRoutes, { services });
    await app.register(eventAdminRoutes, { services });
    await app.register(eventSeriesRoutes, { services });
  },
  nav: {
    site: [{ href: '/wydarzenia', label: (t) => t.eventPages.nav, order: 25 }],
    panel: [
      { href: '/panel/wydarzenia', label: (t) => t.eventAdmin.panel.nav, order: 350, visible: staffOnly },
      { href: '/panel/wydarzenia/cykle', label: (t) => t.eventSeries.nav, order: 355, visible: staffOnly },
    ],
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
    // The day before an event, everyone confirmed is reminded (one job each, sent once).
    {
      kind: 'events.reminders',
      payload: everyPayload,
      every: { seconds: 900 },
      run: async (_payload, { events }) => {
        await events.queueReminders(events.systemContext('events.reminders'));
      },
    },
    {
      kind: 'events.remind',
      payload: z.object({ registrationId: z.uuid(), startsAt: z.iso.datetime() }),
      run: async ({ registrationId, startsAt }, { events }) => {
        await events.remind(events.systemContext('events.remind'), registrationId, new Date(startsAt));
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
    events: (t, locale, err) => {
      const e = t.events.errors;
      if (err.code === 'overRoomCapacity') return e.overRoomCapacity(Number(err.details.capacity));
      // The spaces module's own refusal of the room's booking, as it reads on its pages.
      if (err.code === 'roomRefused') {
        const inner = new RuleError(String(err.details.spacesCode), undefined, err.status, {
          ...(err.details.spaces as Record<string, unknown>),
        });
        return e.roomRefused(bookingRuleMessage(t, locale, inner) ?? t.common.errors.invalid);
      }
      for (const own of [e, t.eventExtras.errors] as Record<string, unknown>[])
        if (typeof own[err.code] === 'string') return own[err.code] as string;
      return null;
    },
  },
  contributes: {
    personalData: ({ events }) => events.privacy,
    auditEntities: ({ events }) => events.auditNames,
    // The events submitted by organisers, waiting for the staff's decision.
    staffQueues: async ({ proposals }) => [
      {
        key: 'eventsSubmitted',
        label: (t) => t.eventAdmin.panel.staffQueue,
        count: await proposals.waitingCount(),
        href: '/panel/wydarzenia',
        order: 40,
      },
    ],
  },
  // The Revitalisation Week 2023 and the ambassadors' activities (seed.ts); idempotent.
  demo: async ({ db, clock }, { events }, { places, organisations }) => {
    const staffAccount = demoAccounts.find((a) => a.role === 'staff')!;
    const staffEmail = staffAccount.email;
    const ambassadorEmail = 'ambasador@klaster.example';
    const users = await userIdsByEmail(db, [staffEmail, ambassadorEmail]);
    const ambassadorId = users.get(ambassadorEmail);
    return (
      (await seedEvents({
        db,
        clock,
        svc: events,
        staffId: users.get(staffEmail),
        staffPerson: { name: staffAccount.name, email: staffEmail },
        ambassadorId,
        subareas: await places.places.subareaOptions(),
        organisations: ambassadorId ? await organisations.organisations.mine({ id: ambassadorId }) : [],
      })) > 0
    );
  },
});

export type { EventInput, EventsService, EventView, RegistrationInput, RegistrationView } from './service.ts';
