// One policy mechanism for every module. Routes declare a coarse access level (config.access);
// finer rules — "owner of this organisation", "staff of this unit" — are predicates in each
// module's policy.ts, checked in the service with `authorize`.

import { ForbiddenError } from './http/errors.ts';
import type { Actor } from './http/web.ts';

export type PolicyActor = Pick<Actor, 'id' | 'role' | 'staffUnit'>;

export const isStaff = (a: PolicyActor | null | undefined): a is PolicyActor =>
  a?.role === 'staff' || a?.role === 'admin';
export const isAdmin = (a: PolicyActor | null | undefined): a is PolicyActor => a?.role === 'admin';
export const isEvaluator = (a: PolicyActor | null | undefined): a is PolicyActor =>
  a?.role === 'evaluator' || a?.role === 'admin';

/** Staff limited to a unit may act only within it; staff without a unit and admins act everywhere. */
export function staffOfUnit(a: PolicyActor | null | undefined, unit: string | null | undefined): boolean {
  if (!a || !isStaff(a)) return false;
  return a.role === 'admin' || !a.staffUnit || !unit || a.staffUnit === unit;
}

/** Throws ForbiddenError unless allowed. */
export function authorize(allowed: boolean, reason = 'forbidden'): asserts allowed {
  if (!allowed) throw new ForbiddenError(reason);
}
