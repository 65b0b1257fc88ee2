// The calls module: open calls judged by juries — the incubator's recruitment, competitions for
// municipal premises at preferential rent, small grants for NGOs and student clubs, co-funding of
// conferences, the ambassadors' competition, the open-data competition. Staff write a call and its
// application form; applicants apply over several visits and submit by the deadline; staff check
// applications formally; a jury scores them on the call's evaluation card; the chair approves the
// ranking and the results are published.
import { defineModule } from '../../platform/modules.ts';
import { type CallsServices, callsServices } from './service.ts';
import { callsAuditLabels } from './text/audit.ts';
import { callsMail } from './text/mail.ts';

declare module '../../platform/modules.ts' {
  interface ModuleServices {
    calls: CallsServices;
  }
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof callsMail)['pl'], keyof (typeof callsMail)['pl']> {}
}

export const callsModule = defineModule({
  name: 'calls',
  dependsOn: ['places', 'accounts', 'organisations'],
  services: ({ db, config, clock }, deps): CallsServices =>
    callsServices({
      db,
      baseUrl: config.baseUrl,
      clock,
      organisations: deps.organisations.organisations,
      places: deps.places.places,
    }),
  mails: callsMail,
  auditLabels: callsAuditLabels,
});

export type { ApplicationView, CallInput, CallRow, CallsServices, DraftInput } from './service.ts';
