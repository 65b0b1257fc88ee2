// One policy mechanism for every module. Routes declare a coarse access level (config.access);
// finer rules — "owner of this organisation" — are predicates in each module's policy.ts, checked
// in the service with `authorize`.

import { ForbiddenError } from './http/errors.ts';
import type { Actor } from './http/web.ts';

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
