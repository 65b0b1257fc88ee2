// The accounts policy as a table: who may publish the terms, sign out a session, turn two-step
// sign-in off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyActor } from '../../platform/policy.ts';
import {
  type AccountsAction,
  type AccountsRefusal,
  type AccountsResource,
  accountsPolicy,
} from './policy.ts';

const resident: PolicyActor = { id: 'r1', role: 'resident' };
const staff: PolicyActor = { id: 's1', role: 'staff' };
const admin: PolicyActor = { id: 'a1', role: 'admin' };

const cases: Array<[PolicyActor | null, AccountsAction, AccountsResource, AccountsRefusal | null]> = [
  [admin, 'publishTerms', {}, null],
  [staff, 'publishTerms', {}, 'forbidden'],
  [resident, 'publishTerms', {}, 'forbidden'],
  [null, 'publishTerms', {}, 'forbidden'],
  [resident, 'revokeSession', { ownerId: 'r1' }, null],
  [resident, 'revokeSession', { ownerId: 'someone' }, 'notYours'],
  [admin, 'revokeSession', { ownerId: 'r1' }, 'notYours'],
  [null, 'revokeSession', { ownerId: 'r1' }, 'forbidden'],
  [resident, 'disableTwoFactor', { ownerId: 'r1' }, null],
  [resident, 'disableTwoFactor', { ownerId: 'someone' }, 'notYours'],
  [staff, 'disableTwoFactor', { ownerId: 's1' }, 'staffMustKeep'],
  [admin, 'disableTwoFactor', { ownerId: 'a1' }, 'staffMustKeep'],
];

describe('accounts policy', () => {
  for (const [actor, action, resource, expected] of cases) {
    it(`${actor?.role ?? 'anyone'} ${action} ${JSON.stringify(resource)} → ${expected ?? 'allowed'}`, () => {
      assert.equal(accountsPolicy.refusal(actor, action, resource), expected);
      assert.equal(accountsPolicy.can(actor, action, resource), expected === null);
      if (expected === null) accountsPolicy.check(actor, action, resource);
      else
        assert.throws(() => accountsPolicy.check(actor, action, resource), {
          status: 403,
          message: expected,
        });
    });
  }
});
