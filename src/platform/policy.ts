// One policy mechanism for every module. Routes declare a coarse access level (config.access);
// finer rules — "owner of this organisation" — are predicates in each module's policy.ts, checked
// in the service with `authorize`.

import type { Actor } from './http/actor.ts';
import { ForbiddenError } from './http/errors.ts';

export type PolicyActor = Pick<Actor, 'id' | 'role'>;

export const isStaff = (a: PolicyActor | null | undefined): a is PolicyActor =>
  a?.role === 'staff' || a?.role === 'admin';
export const isAdmin = (a: PolicyActor | null | undefined): a is PolicyActor => a?.role === 'admin';
export const isEvaluator = (a: PolicyActor | null | undefined): a is PolicyActor =>
  a?.role === 'evaluator' || a?.role === 'admin';

/** Throws ForbiddenError unless allowed. */
export function authorize(allowed: boolean, reason = 'forbidden'): asserts allowed {
  if (!allowed) throw new ForbiddenError(reason);
}

/**
 * A module's policy, one shape everywhere: `refusal(actor, action, resource)` says why the action is
 * refused (a reason the module's texts name) or null when it is allowed; `can` is "no refusal" (what
 * views ask to decide which forms to show); `check` throws the refusal (403 with the reason) for the
 * service to call before it acts.
 */
export interface Policy<Action extends string, Resource, Reason extends string> {
  refusal(actor: PolicyActor | null | undefined, action: Action, resource: Resource): Reason | null;
  can(actor: PolicyActor | null | undefined, action: Action, resource: Resource): boolean;
  check(actor: PolicyActor | null | undefined, action: Action, resource: Resource): void;
}

export function definePolicy<Action extends string, Resource, Reason extends string>(
  refusal: (actor: PolicyActor | null | undefined, action: Action, resource: Resource) => Reason | null,
): Policy<Action, Resource, Reason> {
  return {
    refusal,
    can: (actor, action, resource) => refusal(actor, action, resource) === null,
    check(actor, action, resource) {
      const reason = refusal(actor, action, resource);
      if (reason !== null) throw new ForbiddenError(reason);
    },
  };
}
