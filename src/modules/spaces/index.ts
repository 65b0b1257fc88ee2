// The spaces module: bookable resources of the cluster (rooms, the event space, the desk pool),
// desk-use agreements and packages, bookings with their calendar feeds, and serving people at the
// desk. Its parts share the module's tables and services.

import path from 'node:path';
import { z } from 'zod';
import { userIdsByEmail } from '../../platform/auth/users.ts';
import type { AuditEntityNames } from '../../platform/modules.ts';
import { defineModule } from '../../platform/modules.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import { demoAccounts, type PeopleService } from '../accounts/index.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import { type AgreementsService, agreementsService } from './agreements.ts';
import { agreementRefusals, agreementsRoutes } from './agreements-routes.tsx';
import { spacesApi } from './api.ts';
import { assistedRoutes } from './assisted-routes.tsx';
import { spacesAuditNames } from './audit-names.ts';
import { bookingRoutes } from './booking-routes.tsx';
import { type BookingsService, bookingsService, spacesPrivacy } from './bookings/index.ts';
import { checkInRoutes } from './check-in-routes.tsx';
import { spacesFeedRoutes } from './feed-routes.tsx';
import { type FeedsService, feedsService } from './feeds.ts';
import { bookingRuleMessage } from './messages.ts';
import { type ReportsService, reportsService } from './reports.ts';
import { resourceRefusals } from './resource-forms.ts';
import { type ResourcesService, resourcesService } from './resources.ts';
import { resourcesRoutes } from './resources-routes.tsx';
import { seedSpaces } from './seed.ts';
import { seedAgreements } from './seed-agreements.ts';
import { seedBookings } from './seed-bookings.ts';
import { agreements } from './text/agreements/index.ts';
import { assisted } from './text/assisted.ts';
import { spacesAuditLabels } from './text/audit.ts';
import { spacesMail } from './text/mail.ts';
import { spaces } from './text/spaces/index.ts';
import { spacesFeeds } from './text/spacesFeeds.ts';
import { spacesPanel } from './text/spacesPanel/index.ts';

export interface SpacesServices {
  /** One per app: its short availability cache is emptied by every booking it writes. */
  bookings: BookingsService;
  agreements: AgreementsService;
  resources: ResourcesService;
  feeds: FeedsService;
  reports: ReportsService;
  people: PeopleService;
  organisations: OrganisationsService;
  privacy: PersonalDataContributor;
  auditNames: Record<string, AuditEntityNames>;
}

const text = { spaces, spacesPanel, agreements, spacesFeeds, assisted };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/modules.ts' {
  interface ModuleServices {
    spaces: SpacesServices;
  }
}
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof spacesMail)['pl'], keyof (typeof spacesMail)['pl']> {}
}

const staff = (actor: { role: string } | null) => actor?.role === 'staff' || actor?.role === 'admin';

export const spacesModule = defineModule({
  name: 'spaces',
  dependsOn: ['accounts', 'organisations', 'places'],
  services: ({ db, config, clock }, deps): SpacesServices => {
    const organisations = deps.organisations.organisations;
    return {
      bookings: bookingsService({
        db,
        baseUrl: config.baseUrl,
        organisations,
        places: deps.places.places,
        clock,
        checkInSecret: config.authSecret,
      }),
      agreements: agreementsService({ db, baseUrl: config.baseUrl, organisations, clock }),
      resources: resourcesService({
        db,
        uploadsDir: path.join(config.dataDir, 'uploads', 'spaces'),
        places: deps.places.places,
      }),
      feeds: feedsService({ db, baseUrl: config.baseUrl, clock }),
      reports: reportsService(db),
      people: deps.accounts.people,
      organisations,
      privacy: spacesPrivacy(db, clock),
      auditNames: spacesAuditNames(db),
    };
  },
  routes: async (app, { services }) => {
    await app.register(resourcesRoutes, { services });
    await app.register(agreementsRoutes, { services });
    await app.register(bookingRoutes, { services });
    await app.register(checkInRoutes, { services });
    await app.register(spacesApi, { services });
    await app.register(spacesFeedRoutes, { services });
    await app.register(assistedRoutes, { services });
  },
  jobs: [
    // Bookings nobody checked in for, and holds that lapsed, every five minutes.
    {
      kind: 'spaces.release',
      payload: z.object({}).passthrough(),
      every: { seconds: 300 },
      run: async (_payload, { bookings }) => {
        await bookings.releaseNoShows();
      },
    },
    {
      kind: 'spaces.lapse',
      payload: z.object({}).passthrough(),
      every: { seconds: 300 },
      run: async (_payload, { bookings }) => {
        await bookings.lapseHolds();
      },
    },
    {
      kind: 'spaces.reminder',
      payload: z.object({ bookingId: z.coerce.string(), startsAt: z.coerce.string() }),
      run: async ({ bookingId, startsAt }, { bookings }) => {
        await bookings.remind(bookingId, startsAt);
      },
    },
  ],
  messages: text,
  mails: spacesMail,
  auditLabels: spacesAuditLabels,
  refusals: {
    // Bookings on the module's pages; the JSON API adds its own problem texts; agreements and the
    // resources' settings use some of the same codes for other things.
    spaces: bookingRuleMessage,
    'spaces.api': (t, locale, err) =>
      bookingRuleMessage(t, locale, err) ?? (t.spacesFeeds.problems as Record<string, string>)[err.code],
    'spaces.agreements': agreementRefusals,
    'spaces.resources': resourceRefusals,
  },
  nav: {
    site: [{ href: '/przestrzenie', label: (t) => t.spaces.nav, order: 30 }],
    panel: [
      { href: '/panel/obsluga', label: (t) => t.assisted.serve.title, order: 200, visible: staff },
      { href: '/panel/przestrzenie', label: (t) => t.spacesPanel.panelNav.spaces, order: 400 },
      { href: '/panel/rezerwacje', label: (t) => t.spacesPanel.panelNav.bookings, order: 500 },
      { href: '/panel/umowy', label: (t) => t.spacesPanel.panelNav.agreements, order: 600 },
    ],
  },
  contributes: {
    personalData: ({ privacy }) => privacy,
    auditEntities: ({ auditNames }) => auditNames,
    staffQueues: async ({ bookings, agreements }, actor) => {
      const [requests, applied] = await Promise.all([
        bookings.requests(bookings.contextFor(actor, { requestId: actor.requestId })),
        agreements.queue(actor, { status: 'applied' }),
      ]);
      return [
        {
          key: 'eventRequests',
          label: (t) => t.spacesPanel.staffQueues.eventRequests,
          count: requests.length,
          href: '/panel/rezerwacje',
          order: 10,
        },
        {
          key: 'agreementApplications',
          label: (t) => t.spacesPanel.staffQueues.agreementApplications,
          count: applied.appliedCount,
          href: '/panel/umowy?status=applied',
          order: 20,
        },
      ];
    },
  },
  demo: async ({ db, clock }, _services, { places }) => {
    const zoneIds = await places.places.zoneIds();
    const users = await userIdsByEmail(
      db,
      demoAccounts.map((a) => a.email),
    );
    let created = (await seedSpaces(db, zoneIds)) > 0;
    created = (await seedAgreements(db, clock.now())) > 0 || created;
    created = (await seedBookings(db, users, clock.now())) > 0 || created;
    return created;
  },
});

export type { BookingsService, ResourceView } from './bookings/index.ts';
/** How a refusal of a booking reads (for a module that books through this one, on its own pages). */
export { bookingRuleMessage } from './messages.ts';
export type { BookingStatus } from './schema.ts';
