import { RuleError } from '../../../platform/http/errors.ts';
import type { InvitationStatus, MemberRole, OrganisationKind, OrganisationStatus } from '../schema.ts';

// ---------------------------------------------------------------------------------------------
// View models.

export interface SubareaRef {
  slug: string;
  name: string;
}

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  website: string | null;
  publicEmail: string | null;
  subarea: SubareaRef | null;
  status: OrganisationStatus;
  verifiedAt: Date | null;
  createdAt: Date;
}

export interface OrganisationDetail extends OrganisationSummary {
  nip: string | null;
  regon: string | null;
  krs: string | null;
  rejectionReason: string | null;
  updatedAt: Date;
  myRole: MemberRole | null;
  can: {
    edit: boolean;
    viewMembers: boolean;
    manageMembers: boolean;
    leave: boolean;
    /** An owner may become a member only while another owner remains. */
    stepDown: boolean;
    review: boolean;
  };
  /** The actor is the organisation's only owner: to leave or step down, they appoint another first. */
  soleOwner: boolean;
}

export interface ReviewDetail extends OrganisationDetail {
  createdBy: { name: string; email: string } | null;
  owners: Array<{ name: string; email: string }>;
  memberCount: number;
}

export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string | null;
  role: MemberRole;
  joinedAt: Date;
  isMe: boolean;
}

export interface InvitationView {
  id: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: string | null;
}

export type InvitationState = InvitationStatus | 'not_found';

export interface InvitationLookup {
  state: InvitationState;
  organisation?: { id: string; name: string };
  role?: MemberRole;
  email?: string;
  inviterName?: string | null;
  expiresAt?: Date;
  alreadyMember?: boolean;
}

/**
 * A refused invitation (accepting twice, expired, cancelled, unknown): a refusal like any other
 * (so a form handler answers it through formAction), which the invitation's page names by its state.
 */
export class InvitationError extends RuleError {
  constructor(public readonly state: Exclude<InvitationState, 'pending'>) {
    super(`invitation_${state}`, undefined, state === 'not_found' ? 404 : 410);
    this.name = 'InvitationError';
  }
}
