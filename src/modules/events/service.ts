// Events: the use cases over one shared context (service/): lifecycle.ts (drafts, review,
// publication, cancellation, postponement), registration.ts (places under the event's lock, the
// waiting list and its offers), privacy.ts (export, erasure, the purge after the event).
import { systemContext } from '../../platform/context.ts';
import { type EventsDeps, eventsContext } from './service/context.ts';
import { lifecycleUseCases } from './service/lifecycle.ts';
import { privacyUseCases } from './service/privacy.ts';
import { eventsAuditNames, queryUseCases } from './service/queries.ts';
import { registrationUseCases } from './service/registration.ts';

export type { EventsDeps, EventView } from './service/context.ts';
export type { EventInput, RegistrationInput } from './service/input.ts';
export { type ListFilters, listFilters, PAGE_SIZE } from './service/queries.ts';
export type { RegistrationView } from './service/registration.ts';

export function eventsService(deps: EventsDeps) {
  const shared = eventsContext(deps);
  const registration = registrationUseCases(shared);
  return {
    /** No one acts (a job, the demo data): the context they start from. */
    systemContext: (requestId: string) => systemContext(deps.clock, requestId),
    ...lifecycleUseCases(shared, registration.promote),
    ...registration,
    ...queryUseCases(shared),
    /** Names of its records for the audit log. */
    auditNames: eventsAuditNames(shared),
    ...privacyUseCases(shared, registration.promote),
  };
}

export type EventsService = ReturnType<typeof eventsService>;
