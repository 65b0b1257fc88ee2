// The calls module: open calls judged by juries — the incubator's recruitment, competitions for
// municipal premises at preferential rent, small grants for NGOs and student clubs, co-funding of
// conferences, the ambassadors' competition, the open-data competition. Staff write a call and its
// application form; applicants apply over several visits and submit by the deadline; staff check
// applications formally; a jury scores them on the call's evaluation card; the chair approves the
// ranking and the results are published.
import { defineModule } from '../../platform/modules.ts';

// biome-ignore lint/complexity/noBannedTypes: the services arrive with the module's parts
export type CallsServices = {};

declare module '../../platform/modules.ts' {
  interface ModuleServices {
    calls: CallsServices;
  }
}

export const callsModule = defineModule({
  name: 'calls',
  dependsOn: ['places', 'accounts', 'organisations'],
  services: (): CallsServices => ({}),
});
