// Who may do what to an account in the back office: one policy over the actor and the target as
// they are in the database right now (the service reads both under a row lock); views ask the same
// policy which forms to show.
import type { Role } from '../../platform/auth/schema.ts';
import { definePolicy, isAdmin, isStaff } from '../../platform/policy.ts';

export type PanelAction = 'view' | 'changeRole' | 'block' | 'unblock';

export interface TargetAccount {
  id: string;
  role: Role;
}

/** The account an action is about, and for a role change the role it would get. */
export interface PanelResource {
  target: TargetAccount;
  role?: Role | undefined;
}

/** Why an action is refused (a key of the panel's error messages), or null when it is allowed. */
export type Refusal = 'forbidden' | 'selfBlock' | 'selfDemote' | 'staffCannotBlockAdmin';

export const panelPolicy = definePolicy<PanelAction, PanelResource, Refusal>(
  (actor, action, { target, role }) => {
    switch (action) {
      case 'view':
        return isStaff(actor) ? null : 'forbidden';
      case 'changeRole':
        if (!isAdmin(actor)) return 'forbidden';
        if (actor.id === target.id && role !== undefined && role !== 'admin') return 'selfDemote';
        return null;
      case 'block':
      case 'unblock':
        if (!isStaff(actor)) return 'forbidden';
        if (action === 'block' && actor.id === target.id) return 'selfBlock';
        if (target.role === 'admin' && !isAdmin(actor)) return 'staffCannotBlockAdmin';
        return null;
    }
  },
);
