// The back office's policy as a table: who is refused what, and why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForbiddenError } from '../../platform/http/errors.ts';
import type { PolicyActor } from '../../platform/policy.ts';
import { type PanelAction, type PanelResource, panelPolicy, type Refusal } from './policy.ts';

const resident: PolicyActor = { id: 'r1', role: 'resident' };
const evaluator: PolicyActor = { id: 'e1', role: 'evaluator' };
const staff: PolicyActor = { id: 's1', role: 'staff' };
const admin: PolicyActor = { id: 'a1', role: 'admin' };
const otherAdmin = { id: 'a2', role: 'admin' as const };
const otherResident = { id: 'r2', role: 'resident' as const };

const cases: [string, PolicyActor | null, PanelAction, PanelResource, Refusal | null][] = [
  ['no one signed in views', null, 'view', { target: otherResident }, 'forbidden'],
  ['a resident views', resident, 'view', { target: otherResident }, 'forbidden'],
  ['an evaluator views', evaluator, 'view', { target: otherResident }, 'forbidden'],
  ['staff view', staff, 'view', { target: otherResident }, null],
  ['staff change a role', staff, 'changeRole', { target: otherResident, role: 'staff' }, 'forbidden'],
  ['an admin demotes themselves', admin, 'changeRole', { target: admin, role: 'staff' }, 'selfDemote'],
  ['an admin keeps their own role', admin, 'changeRole', { target: admin, role: 'admin' }, null],
  ['an admin demotes another', admin, 'changeRole', { target: otherAdmin, role: 'resident' }, null],
  ['a resident blocks', resident, 'block', { target: otherResident }, 'forbidden'],
  ['staff block themselves', staff, 'block', { target: staff }, 'selfBlock'],
  ['an admin blocks themselves', admin, 'block', { target: admin }, 'selfBlock'],
  ['staff block an admin', staff, 'block', { target: otherAdmin }, 'staffCannotBlockAdmin'],
  ['staff unblock an admin', staff, 'unblock', { target: otherAdmin }, 'staffCannotBlockAdmin'],
  ['staff block a resident', staff, 'block', { target: otherResident }, null],
  ['an admin blocks another admin', admin, 'block', { target: otherAdmin }, null],
  ['staff unblock themselves', staff, 'unblock', { target: staff }, null],
  ['a resident unblocks', resident, 'unblock', { target: otherResident }, 'forbidden'],
];

describe('panel policy', () => {
  for (const [name, actor, action, resource, expected] of cases) {
    it(`${name}: ${expected ?? 'allowed'}`, () => {
      assert.equal(panelPolicy.refusal(actor, action, resource), expected);
      assert.equal(panelPolicy.can(actor, action, resource), expected === null);
      if (expected === null) panelPolicy.check(actor, action, resource);
      else
        assert.throws(
          () => panelPolicy.check(actor, action, resource),
          (err) => err instanceof ForbiddenError && err.message === expected,
        );
    });
  }
});
