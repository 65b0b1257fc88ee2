// What the accounts module refuses, whoever asks: the terms are published by administrators only;
// a session is signed out only by the person it belongs to; staff and administrators keep two-step
// sign-in (their powers need it). The service checks these before it acts; views may ask `can`.
import { definePolicy, isAdmin, isStaff } from '../../platform/policy.ts';

export type AccountsAction =
  /** Publish a new version of the terms (the administrators' editor). */
  | 'publishTerms'
  /** Sign out one session (the security page's list of devices). */
  | 'revokeSession'
  /** Turn two-step sign-in off (the actor's role here is the role on the account). */
  | 'disableTwoFactor';

/** What the policy needs to know of the thing acted on: whose it is (a session, an account). */
export interface AccountsResource {
  ownerId?: string | undefined;
}

/** Why an action is refused (a refusal code of the accounts module), or null when it is allowed. */
export type AccountsRefusal = 'forbidden' | 'notYours' | 'staffMustKeep';

export const accountsPolicy = definePolicy<AccountsAction, AccountsResource, AccountsRefusal>(
  (actor, action, resource) => {
    if (!actor) return 'forbidden';
    switch (action) {
      case 'publishTerms':
        return isAdmin(actor) ? null : 'forbidden';
      case 'revokeSession':
        return resource.ownerId === actor.id ? null : 'notYours';
      case 'disableTwoFactor':
        if (resource.ownerId !== actor.id) return 'notYours';
        return isStaff(actor) ? 'staffMustKeep' : null;
    }
  },
);
