// Who may do what with an event: the module's one policy (platform/policy.ts). The service checks it
// before it acts (`check`, a 403 naming the reason); views may ask `can`. What state an event must be
// in for a step (a draft to submit, a submitted one to review) is the service's rule, not this.
import { definePolicy, isStaff } from '../../platform/policy.ts';

export type EventAction =
  /** Write a new draft for an organisation (its members, if verified) or a city unit (staff). */
  | 'propose'
  /** Change a draft, or an event's details. */
  | 'edit'
  /** Send a draft to staff for review. */
  | 'submit'
  /** Publish a submitted event, ask for changes or reject it. */
  | 'review'
  /** Publish without review, now or at a set time. */
  | 'publish'
  /** Cancel or postpone a published event. */
  | 'cancel'
  | 'postpone'
  /** Register oneself (and companions). */
  | 'register';

export type EventRefusal =
  | 'signInFirst'
  | 'notMember'
  | 'organisationNotVerified'
  | 'staffOnly'
  | 'forbidden';

/** What the policy needs to know of the event (or, for `propose`, of the organisation named). */
export interface EventResource {
  /** Whether the actor is a member of the organising organisation. */
  member: boolean;
  /** Whether that organisation is verified by staff. */
  verified: boolean;
}

export const eventPolicy = definePolicy<EventAction, EventResource, EventRefusal>((actor, action, event) => {
  if (!actor) return 'signInFirst';
  if (action === 'register') return null;
  if (isStaff(actor)) return null;
  switch (action) {
    case 'review':
    case 'publish':
      return 'staffOnly';
    case 'propose':
    case 'submit':
      if (!event.member) return 'notMember';
      return event.verified ? null : 'organisationNotVerified';
    case 'edit':
    case 'cancel':
    case 'postpone':
      return event.member ? null : 'forbidden';
  }
});
