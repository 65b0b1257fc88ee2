// Who may do what with an organisation: one policy (platform/policy.ts). The service checks it
// before it acts (`check`, a 403 naming the reason); the view models ask `can` for which links and
// forms to show. Routes only declare the coarse access level (public, user, staff).
import { definePolicy, isStaff } from '../../platform/policy.ts';
import type { MemberRole, OrganisationStatus } from './schema.ts';

export type OrganisationAction =
  /** See the organisation's page (verified: anyone; otherwise its members and staff). */
  | 'view'
  /** Register a new organisation. */
  | 'create'
  /** See who belongs to it. */
  | 'viewMembers'
  /** Change its data. */
  | 'edit'
  /** Invite, cancel invitations, change roles, remove members. */
  | 'manageMembers'
  /** Leave it. */
  | 'leave'
  /** Verify or reject it (back office). */
  | 'review';

/** What the policy needs to know about an organisation: its status and the actor's role in it. */
export interface OrganisationResource {
  status: OrganisationStatus;
  /** The actor's membership role, or null if they are not a member. */
  role: MemberRole | null;
}

/** Why an action is refused. */
export type OrganisationRefusal =
  /** Nobody is signed in. */
  | 'signInFirst'
  /** The organisation is not public and the actor is neither a member nor staff (the service answers 404). */
  | 'notVisible'
  /** Only its members (or staff) may. */
  | 'notMember'
  /** Only its owners may. */
  | 'notOwner'
  /** Only staff may. */
  | 'staffOnly';

/** The rules; `create` and `review` are about no organisation in particular (resource null). */
export const organisationPolicy = definePolicy<
  OrganisationAction,
  OrganisationResource | null,
  OrganisationRefusal
>((actor, action, org) => {
  const role = org?.role ?? null;
  switch (action) {
    case 'view':
      return org && (org.status === 'verified' || role !== null || isStaff(actor)) ? null : 'notVisible';
    case 'create':
      return actor ? null : 'signInFirst';
    case 'viewMembers':
      if (!actor) return 'signInFirst';
      return org && (role !== null || isStaff(actor)) ? null : 'notMember';
    case 'edit':
    case 'manageMembers':
      if (!actor) return 'signInFirst';
      return role === 'owner' ? null : 'notOwner';
    case 'leave':
      if (!actor) return 'signInFirst';
      return role !== null ? null : 'notMember';
    case 'review':
      if (!actor) return 'signInFirst';
      return isStaff(actor) ? null : 'staffOnly';
  }
});
