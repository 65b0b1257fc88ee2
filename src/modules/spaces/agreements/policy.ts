// Who may do what with desk-use agreements and their packages. The agreements service checks these
// before it acts; routes only declare the coarse access level (public, user, staff).
import { definePolicy, isStaff } from '../../../platform/policy.ts';

export type AgreementAction =
  /** Decide on applications, end agreements early, see the queue and manage packages (staff). */
  | 'decide'
  /** Apply at the desk for the person `applicantId` (staff, never for themselves). */
  | 'applyFor';

export const agreementPolicy = definePolicy(
  (actor, action: AgreementAction, resource: { applicantId?: string } | null): 'forbidden' | null => {
    if (!isStaff(actor)) return 'forbidden';
    if (action === 'applyFor' && actor.id === resource?.applicantId) return 'forbidden';
    return null;
  },
);
