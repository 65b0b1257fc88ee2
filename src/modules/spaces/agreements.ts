// Desk-use agreements ("umowa udostępnienia stanowiska pracy") and the packages they are made on.
// Every rule is checked here; the ones concurrency could break are kept by the database or a lock:
// - a decision (accept, refuse, end early, withdraw) locks the agreement row (SELECT … FOR UPDATE)
//   and checks the status it finds, so two people cannot decide twice;
// - numbers come from space_counter, incremented under its row lock (INSERT … ON CONFLICT UPDATE);
// - a desk is fixed at most once over overlapping periods (exclusion constraint, migration 0002);
//   the desk leaves the day-booking pool under the day rows' locks (desks.ts);
// - one open application per person and package (partial unique index, migration 0003).
// The use cases live in agreements/: dates-money.ts, input.ts (forms), model.ts (view models),
// context.ts (what they share), packages.ts, applications.ts, queue.ts, decisions.ts, summary.ts.

import { applicationUseCases } from './agreements/applications.ts';
import { type AgreementsDeps, agreementsContext } from './agreements/context.ts';
import { decisionUseCases } from './agreements/decisions.ts';
import { packageUseCases } from './agreements/packages.ts';
import { queueUseCases } from './agreements/queue.ts';

export {
  type AgreementActor,
  type AgreementsDeps,
  PAGE_SIZE,
  RENEW_WINDOW_DAYS,
  START_HORIZON_DAYS,
} from './agreements/context.ts';
export { formatPeriod, parsePln, periodEnd, plnInput, quote } from './agreements/dates-money.ts';
export {
  type ApplyInput,
  acceptInput,
  applyInput,
  endInput,
  type PackageInput,
  packageInput,
  refuseInput,
} from './agreements/input.ts';
export {
  type AgreementDetail,
  type AgreementPhase,
  type AgreementSummary,
  type AgreementView,
  agreementPhase,
  type FreeDesk,
  type PackageAdminView,
  type PackageView,
  phaseText,
} from './agreements/model.ts';
export { agreementSummaryFor } from './agreements/summary.ts';
export { agreementStatuses, applicantKinds, packageKinds } from './schema.ts';

/** The service: the use cases over one shared context, as one object. */
export function agreementsService(deps: AgreementsDeps) {
  const shared = agreementsContext(deps);
  return {
    today: shared.today,
    ...packageUseCases(shared),
    ...applicationUseCases(shared),
    ...queueUseCases(shared),
    ...decisionUseCases(shared),
  };
}

export type AgreementsService = ReturnType<typeof agreementsService>;
