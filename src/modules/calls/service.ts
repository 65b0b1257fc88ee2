// The calls module's use cases, built once per app: staff's calls and forms (service/calls.ts) and
// the applicants' applications (service/applications.ts), on one shared context.

import type { PersonalDataContributor } from '../../platform/privacy.ts';
import { type ApplicationUseCases, applicationUseCases } from './service/applications.ts';
import { type CallUseCases, callUseCases } from './service/calls.ts';
import { type CallsDeps, callsContext } from './service/context.ts';
import { type FormalUseCases, formalUseCases } from './service/formal.ts';
import { type JuryUseCases, juryUseCases } from './service/jury.ts';
import { callsPrivacy } from './service/privacy.ts';
import { type ResultUseCases, resultUseCases } from './service/results.ts';
import { type ScoringUseCases, scoringUseCases } from './service/scoring.ts';

export interface CallsServices {
  calls: CallUseCases;
  applications: ApplicationUseCases;
  /** The judging: the formal check, the jury and its assignments, the scores, consensus, ranking, results. */
  judging: { formal: FormalUseCases; jury: JuryUseCases; scoring: ScoringUseCases & ResultUseCases };
  /** Applicants' and jurors' data in "download my data", and what deleting an account does here. */
  privacy: PersonalDataContributor;
}

export function callsServices(deps: CallsDeps): CallsServices {
  const c = callsContext(deps);
  const calls = callUseCases(c);
  return {
    calls,
    applications: applicationUseCases(c, calls),
    judging: {
      formal: formalUseCases(c, calls),
      jury: juryUseCases(c),
      scoring: { ...scoringUseCases(c), ...resultUseCases(c) },
    },
    privacy: callsPrivacy(deps.db),
  };
}

export type { ApplicationView } from './service/applications.ts';
export { type CallRow, type CallState, callState, publicCallStates } from './service/context.ts';
export type { CallInput, DraftInput } from './service/input.ts';
export type { Workload } from './service/jury.ts';
export type { CriterionInput, EvaluatorView, ScoreInput } from './service/scoring.ts';
