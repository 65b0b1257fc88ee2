// The calls module's use cases, built once per app: staff's calls and forms (service/calls.ts) and
// the applicants' applications (service/applications.ts), on one shared context.
import { type ApplicationUseCases, applicationUseCases } from './service/applications.ts';
import { type CallUseCases, callUseCases } from './service/calls.ts';
import { type CallsDeps, callsContext } from './service/context.ts';

export interface CallsServices {
  calls: CallUseCases;
  applications: ApplicationUseCases;
}

export function callsServices(deps: CallsDeps): CallsServices {
  const c = callsContext(deps);
  const calls = callUseCases(c);
  return { calls, applications: applicationUseCases(c, calls) };
}

export type { ApplicationView } from './service/applications.ts';
export { type CallRow, type CallState, callState, publicCallStates } from './service/context.ts';
export type { CallInput, DraftInput } from './service/input.ts';
