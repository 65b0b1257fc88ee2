// The organisations module: NGOs, companies, informal groups and city units; members and
// invitations; staff verification. Spaces and the panel reach it through its service.
import { userIdsByEmail } from '../../platform/auth/users.ts';
import { defineModule } from '../../platform/modules.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import { organisationsRoutes } from './routes.tsx';
import { demoOrganisations, seedOrganisations } from './seed.ts';
import { type OrganisationsService, organisationsPrivacy, organisationsService } from './service.ts';
import { organisationsAuditLabels } from './text/audit.ts';
import { organisationsMail } from './text/mail.ts';
import { organisations } from './text/organisations.ts';

export interface OrganisationsServices {
  organisations: OrganisationsService;
  privacy: PersonalDataContributor;
}

const text = { organisations };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/modules.ts' {
  interface ModuleServices {
    organisations: OrganisationsServices;
  }
}
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates
    extends Pick<(typeof organisationsMail)['pl'], keyof (typeof organisationsMail)['pl']> {}
}

export const organisationsModule = defineModule({
  name: 'organisations',
  dependsOn: ['places'],
  services: ({ db, config }, { places }): OrganisationsServices => ({
    organisations: organisationsService({ db, baseUrl: config.baseUrl, places: places.places }),
    privacy: organisationsPrivacy(db),
  }),
  routes: organisationsRoutes,
  messages: text,
  mails: organisationsMail,
  auditLabels: organisationsAuditLabels,
  refusals: {
    organisations: (t, _locale, err) => {
      const own = t.organisations.errors as Record<string, unknown>;
      return typeof own[err.code] === 'string' ? (own[err.code] as string) : null;
    },
  },
  nav: {
    site: [{ href: '/organizacje', label: (t) => t.common.nav.organisations, order: 20 }],
    panel: [{ href: '/panel/organizacje', label: (t) => t.organisations.panelNav, order: 300 }],
  },
  contributes: {
    personalData: ({ privacy }) => privacy,
    auditEntities: ({ organisations }) => ({
      async organisation(ids) {
        const names = await organisations.namesOf(ids.filter((id) => uuidPattern.test(id)));
        return new Map(
          [...names].map(([id, name]) => [
            id,
            { name, href: `/panel/organizacje/${encodeURIComponent(id)}` },
          ]),
        );
      },
    }),
    // Asked for staff only (the back office's dashboard): how many await their decision.
    staffQueues: async ({ organisations }) => {
      const pending = await organisations.pendingCount();
      return [
        {
          key: 'organisationsPending',
          label: (t) => t.organisations.staffQueue,
          count: pending,
          href: '/panel/organizacje?status=pending',
          order: 30,
        },
      ];
    },
  },
  demo: async ({ db, clock }, _services, { places }) => {
    const users = await userIdsByEmail(
      db,
      demoOrganisations.map((o) => o.owner),
    );
    return (await seedOrganisations(db, places.places, users, clock.now())) > 0;
  },
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { type OrganisationKind, organisationKinds } from './schema.ts';
export type {
  OrganisationDetail,
  OrganisationSummary,
  OrganisationsService,
} from './service.ts';
