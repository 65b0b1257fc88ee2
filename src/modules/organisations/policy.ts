// Who may do what with an organisation. The service checks these before it acts; routes only
// declare the coarse access level (public, user, staff).
import { isStaff, type PolicyActor } from '../../platform/policy.ts';
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

export function can(
  actor: PolicyActor | null | undefined,
  action: OrganisationAction,
  org?: OrganisationResource | null,
): boolean {
  const role = org?.role ?? null;
  switch (action) {
    case 'view':
      return !!org && (org.status === 'verified' || role !== null || isStaff(actor));
    case 'create':
      return !!actor;
    case 'viewMembers':
      return !!actor && !!org && (role !== null || isStaff(actor));
    case 'edit':
    case 'manageMembers':
      return !!actor && role === 'owner';
    case 'leave':
      return !!actor && role !== null;
    case 'review':
      return isStaff(actor);
  }
}
