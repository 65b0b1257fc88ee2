// The accounts module: sign-up and sign-in, the profile, two-step sign-in, consents, the terms of
// service, "download my data" and "delete my account", and accounts opened at the desk.
import { defineModule } from '../../platform/modules.ts';
import { seedDemoAccounts } from './demo.ts';
import { type PeopleService, peopleService } from './people.ts';
import { accountsRefusals } from './refusals.ts';
import { accountsRoutes } from './routes.tsx';
import { type AccountsService, accountsService } from './service.ts';
import { type TermsService, termsService } from './terms.ts';
import { termsGate } from './terms-routes.tsx';
import { accounts } from './text/accounts/index.ts';
import { accountsAuditLabels } from './text/audit.ts';
import { accountsMail } from './text/mail.ts';
import { terms } from './text/terms.ts';

export interface AccountsServices {
  accounts: AccountsService;
  terms: TermsService;
  people: PeopleService;
}

const text = { accounts, terms };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/modules.ts' {
  interface ModuleServices {
    accounts: AccountsServices;
  }
}
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof accountsMail)['pl'], keyof (typeof accountsMail)['pl']> {}
}

export const accountsModule = defineModule({
  name: 'accounts',
  dependsOn: [],
  services: ({ db, auth, config, clock, registry }): AccountsServices => ({
    accounts: accountsService({
      db,
      auth,
      signInLimit: config.signInLimit,
      contributors: () => registry.personalData(),
      clock,
    }),
    terms: termsService(db),
    people: peopleService({ db, auth, baseUrl: config.baseUrl }),
  }),
  // Before every module: a newer version of the terms is accepted before any signed-in page.
  hooks: async (app, { services }) => {
    await app.register(termsGate, { terms: services.terms });
  },
  routes: accountsRoutes,
  messages: text,
  mails: accountsMail,
  auditLabels: accountsAuditLabels,
  refusals: { accounts: accountsRefusals },
  nav: {
    site: [
      { href: '/konto', label: (t) => t.common.nav.account, order: 80, visible: (actor) => actor !== null },
    ],
    panel: [
      {
        href: '/panel/regulamin',
        label: (t) => t.terms.panelNav,
        order: 900,
        visible: (actor) => actor?.role === 'admin',
      },
    ],
    footer: [{ href: '/regulamin', label: (t) => t.terms.footer, order: 20 }],
  },
  demo: ({ db, auth }) => seedDemoAccounts(db, auth),
});

export { DEMO_PASSWORD, demoAccounts } from './demo.ts';
export { type PeopleService, type Person, personInput } from './people.ts';
export type { AccountsService } from './service.ts';
