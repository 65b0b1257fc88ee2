// Who may do what with a call and its applications: the module's one policy (platform/policy.ts).
// The service checks it before it acts (`check`, a 403 naming the reason); views may ask `can`. What
// state a call or an application must be in for a step (open, a draft, before the deadline) is the
// service's rule, not this.
import { definePolicy, isStaff } from '../../platform/policy.ts';

export type CallAction =
  /** Write a call, its form and evaluation card; publish or cancel it; check applications formally. */
  | 'manage'
  /** Start an application: as a person on their own, or for an organisation. */
  | 'apply'
  /** Read, change, submit or withdraw an application. */
  | 'write';

export type CallRefusal =
  | 'signInFirst'
  | 'staffOnly'
  | 'personsMayNotApply'
  | 'notMember'
  | 'organisationNotVerified'
  | 'organisationKindNotAllowed'
  | 'notYours';

/** What the policy needs to know: for `apply`, who the application would be for; for `write`, whose it is. */
export interface CallResource {
  /** The call lets persons apply on their own. */
  personsMayApply?: boolean;
  /** The kinds of organisation that may apply (empty: none). */
  organisationKinds?: readonly string[];
  /** The organisation named, as the actor stands to it (null: applying as a person). */
  organisation?: { member: boolean; verified: boolean; kind: string } | null;
  /** For `write`: the actor wrote the application, or is a member of the organisation it is for. */
  own?: boolean;
}

export const callPolicy = definePolicy<CallAction, CallResource, CallRefusal>((actor, action, res) => {
  if (!actor) return 'signInFirst';
  switch (action) {
    case 'manage':
      return isStaff(actor) ? null : 'staffOnly';
    case 'apply': {
      const org = res.organisation ?? null;
      if (!org) return res.personsMayApply ? null : 'personsMayNotApply';
      if (!org.member) return 'notMember';
      if (!org.verified) return 'organisationNotVerified';
      return res.organisationKinds?.includes(org.kind) ? null : 'organisationKindNotAllowed';
    }
    case 'write':
      return res.own ? null : 'notYours';
  }
});

/**
 * The judging's actions, apart from staff's (`manage` above):
 * - `evaluate`: read and score one application as its assigned evaluator — the assignment is theirs;
 * - `chair`: run the consensus step and approve the ranking — the actor chairs the call's jury;
 * - `sit`: act as a juror of the call at all (their own workload).
 * An evaluator is any signed-in person staff appointed to the call's jury: the platform's
 * 'evaluator' role (isEvaluator) is an account kind for outside experts, not a power — what a
 * juror may do is decided per call by the appointment and per application by the assignment.
 */
export type JudgingAction = 'evaluate' | 'chair' | 'sit';

export type JudgingRefusal = 'signInFirst' | 'notYourAssignment' | 'chairOnly' | 'notOnJury';

export interface JudgingResource {
  /** For `evaluate`: the evaluator the assignment names. */
  evaluatorId?: string;
  /** For `chair` and `sit`: the actor's place on the call's jury, or null when not on it. */
  juryRole?: 'chair' | 'member' | null;
}

export const judgingPolicy = definePolicy<JudgingAction, JudgingResource, JudgingRefusal>(
  (actor, action, res) => {
    if (!actor) return 'signInFirst';
    switch (action) {
      case 'evaluate':
        return res.evaluatorId === actor.id ? null : 'notYourAssignment';
      case 'chair':
        return res.juryRole === 'chair' ? null : 'chairOnly';
      case 'sit':
        return res.juryRole ? null : 'notOnJury';
    }
  },
);
