// Who may do what to an account in the back office. Pure predicates over the actor and the target
// as they are in the database right now (the service reads both under a row lock); views use the
// same rules to decide which forms to show.
import type { Role } from '../../platform/auth/schema.ts';
import { isAdmin, isStaff, type PolicyActor } from '../../platform/policy.ts';

export type PanelAction = 'view' | 'changeRole' | 'block' | 'unblock';

export interface TargetAccount {
  id: string;
  role: Role;
}

/** Why an action is refused (a key of the panel's error messages), or null when it is allowed. */
export type Refusal = 'forbidden' | 'selfBlock' | 'selfDemote' | 'staffCannotBlockAdmin';

export function refusal(
  actor: PolicyActor,
  action: PanelAction,
  target: TargetAccount,
  change?: { role?: Role },
): Refusal | null {
  switch (action) {
    case 'view':
      return isStaff(actor) ? null : 'forbidden';
    case 'changeRole':
      if (!isAdmin(actor)) return 'forbidden';
      if (actor.id === target.id && change?.role !== undefined && change.role !== 'admin')
        return 'selfDemote';
      return null;
    case 'block':
    case 'unblock':
      if (!isStaff(actor)) return 'forbidden';
      if (action === 'block' && actor.id === target.id) return 'selfBlock';
      if (target.role === 'admin' && !isAdmin(actor)) return 'staffCannotBlockAdmin';
      return null;
  }
}

export function can(
  actor: PolicyActor,
  action: PanelAction,
  target: TargetAccount,
  change?: { role?: Role },
): boolean {
  return refusal(actor, action, target, change) === null;
}
