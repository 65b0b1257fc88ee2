// The calls module: open calls judged by juries — the incubator's recruitment, competitions for
// municipal premises at preferential rent, small grants for NGOs and student clubs, co-funding of
// conferences, the ambassadors' competition, the open-data competition. Staff write a call and its
// application form; applicants apply over several visits and submit by the deadline; staff check
// applications formally; a jury scores them on the call's evaluation card; the chair approves the
// ranking and the results are published.
import { userIdsByEmail } from '../../platform/auth/users.ts';
import { defineModule } from '../../platform/modules.ts';
import { demoAccounts } from '../accounts/index.ts';
import { callsAdminRoutes } from './admin-routes.tsx';
import { callsApi } from './api.ts';
import { callsEvaluatorRoutes } from './evaluator-routes.tsx';
import { callsJudgingRoutes } from './judging-routes.tsx';
import { callsPagesRoutes } from './pages-routes.tsx';
import { callsResultsRoutes } from './results-routes.tsx';
import { seedCalls } from './seed.ts';
import { type CallsServices, callsServices } from './service.ts';
import { callsAdmin } from './text/admin.ts';
import { callsAuditLabels } from './text/audit.ts';
import { calls } from './text/calls.ts';
import { callsEvaluator } from './text/evaluator.ts';
import { callsJudging } from './text/judging.ts';
import { callsMail } from './text/mail.ts';
import { callsResults } from './text/results.ts';

declare module '../../platform/modules.ts' {
  interface ModuleServices {
    calls: CallsServices;
  }
}
const text = { calls, callsAdmin, callsJudging, callsEvaluator, callsResults };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof callsMail)['pl'], keyof (typeof callsMail)['pl']> {}
}

const staffOnly = (actor: { role: string } | null) => actor?.role === 'staff' || actor?.role === 'admin';
// The nav sees only the actor, not their assignments: evaluators by role and staff get the link;
// a resident appointed to a jury reaches /nabory/ocena from the mail or by its address.
const evaluatorOrStaff = (actor: { role: string } | null) => actor?.role === 'evaluator' || staffOnly(actor);

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
  routes: async (app, { services }) => {
    await app.register(callsPagesRoutes, { services });
    await app.register(callsEvaluatorRoutes, { services });
    await app.register(callsAdminRoutes, { services });
    await app.register(callsJudgingRoutes, { services });
    await app.register(callsResultsRoutes, { services });
    await app.register(callsApi, { services });
  },
  nav: {
    site: [
      { href: '/nabory', label: (t) => t.calls.nav, order: 30 },
      { href: '/nabory/ocena', label: (t) => t.callsEvaluator.nav, order: 31, visible: evaluatorOrStaff },
    ],
    panel: [{ href: '/panel/nabory', label: (t) => t.callsAdmin.nav, order: 360, visible: staffOnly }],
  },
  messages: text,
  mails: callsMail,
  auditLabels: callsAuditLabels,
  // One open call of each kind (seed.ts); idempotent.
  demo: async ({ db, clock }, services, { organisations }) => {
    const ids = await userIdsByEmail(
      db,
      demoAccounts.map((a) => a.email),
    );
    const idOf = (role: string) =>
      demoAccounts
        .filter((a) => a.role === role)
        .flatMap((a) => (ids.has(a.email) ? [ids.get(a.email)!] : []));
    const staffId = idOf('staff')[0];
    // The closed call's jury: the evaluator and the administrator, with staff in the chair; its
    // applicants: the residents in their own names and the ambassador's verified organisations.
    const residents = idOf('resident');
    const applicants: Array<{ id: string; organisationId: string | null }> = residents.map((id) => ({
      id,
      organisationId: null,
    }));
    for (const id of residents)
      for (const o of await organisations.organisations.mine({ id }))
        if (o.status === 'verified' && (o.kind === 'foundation' || o.kind === 'association'))
          applicants.push({ id, organisationId: o.id });
    const jurorIds = [...idOf('evaluator'), ...idOf('admin')];
    return (
      (await seedCalls({
        db,
        clock,
        svc: services,
        staffId,
        closed: staffId ? { staffId, jurorIds, applicants } : undefined,
      })) > 0
    );
  },
  contributes: {
    personalData: ({ privacy }) => privacy,
    // Applications submitted and waiting for the formal check.
    staffQueues: async ({ calls }) => [
      {
        key: 'callsSubmitted',
        label: (t) => t.callsAdmin.staffQueue,
        count: await calls.submittedCount(),
        href: '/panel/nabory',
        order: 45,
      },
    ],
  },
  refusals: {
    calls: (t, _locale, err) => {
      for (const own of [t.calls.errors, t.calls.answerErrors, t.callsAdmin.errors] as Record<
        string,
        unknown
      >[])
        if (typeof own[err.code] === 'string') return own[err.code] as string;
      return null;
    },
  },
});

export type { ApplicationView, CallInput, CallRow, CallsServices, DraftInput } from './service.ts';
