import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForbiddenError } from '../../platform/http/errors.ts';
import type { PolicyActor } from '../../platform/policy.ts';
import {
  type OrganisationAction,
  type OrganisationRefusal,
  type OrganisationResource,
  organisationPolicy,
} from './policy.ts';

const { can, check, refusal } = organisationPolicy;

const resident: PolicyActor = { id: 'u1', role: 'resident' };
const evaluator: PolicyActor = { id: 'e1', role: 'evaluator' };
const staff: PolicyActor = { id: 's1', role: 'staff' };
const admin: PolicyActor = { id: 'a1', role: 'admin' };

// Who asks, and what they are to the organisation (a member or owner is a resident with that role).
type Kind = 'anonymous' | 'outsider' | 'evaluator' | 'member' | 'owner' | 'staff' | 'admin';
const kinds: Record<Kind, { actor: PolicyActor | null; role: OrganisationResource['role'] }> = {
  anonymous: { actor: null, role: null },
  outsider: { actor: resident, role: null },
  evaluator: { actor: evaluator, role: null },
  member: { actor: resident, role: 'member' },
  owner: { actor: resident, role: 'owner' },
  staff: { actor: staff, role: null },
  admin: { actor: admin, role: null },
};

type Row = Record<Kind, OrganisationRefusal | null>;
const ok = null;

/** The expected answer for each action and kind of actor, on a verified and on a pending organisation. */
const table: Record<OrganisationAction, { verified: Row; pending: Row }> = {
  view: {
    verified: { anonymous: ok, outsider: ok, evaluator: ok, member: ok, owner: ok, staff: ok, admin: ok },
    pending: {
      anonymous: 'notVisible',
      outsider: 'notVisible',
      evaluator: 'notVisible',
      member: ok,
      owner: ok,
      staff: ok,
      admin: ok,
    },
  },
  create: {
    verified: {
      anonymous: 'signInFirst',
      outsider: ok,
      evaluator: ok,
      member: ok,
      owner: ok,
      staff: ok,
      admin: ok,
    },
    pending: {
      anonymous: 'signInFirst',
      outsider: ok,
      evaluator: ok,
      member: ok,
      owner: ok,
      staff: ok,
      admin: ok,
    },
  },
  viewMembers: {
    verified: {
      anonymous: 'signInFirst',
      outsider: 'notMember',
      evaluator: 'notMember',
      member: ok,
      owner: ok,
      staff: ok,
      admin: ok,
    },
    pending: {
      anonymous: 'signInFirst',
      outsider: 'notMember',
      evaluator: 'notMember',
      member: ok,
      owner: ok,
      staff: ok,
      admin: ok,
    },
  },
  edit: {
    verified: {
      anonymous: 'signInFirst',
      outsider: 'notOwner',
      evaluator: 'notOwner',
      member: 'notOwner',
      owner: ok,
      staff: 'notOwner',
      admin: 'notOwner',
    },
    pending: {
      anonymous: 'signInFirst',
      outsider: 'notOwner',
      evaluator: 'notOwner',
      member: 'notOwner',
      owner: ok,
      staff: 'notOwner',
      admin: 'notOwner',
    },
  },
  manageMembers: {
    verified: {
      anonymous: 'signInFirst',
      outsider: 'notOwner',
      evaluator: 'notOwner',
      member: 'notOwner',
      owner: ok,
      staff: 'notOwner',
      admin: 'notOwner',
    },
    pending: {
      anonymous: 'signInFirst',
      outsider: 'notOwner',
      evaluator: 'notOwner',
      member: 'notOwner',
      owner: ok,
      staff: 'notOwner',
      admin: 'notOwner',
    },
  },
  leave: {
    verified: {
      anonymous: 'signInFirst',
      outsider: 'notMember',
      evaluator: 'notMember',
      member: ok,
      owner: ok,
      staff: 'notMember',
      admin: 'notMember',
    },
    pending: {
      anonymous: 'signInFirst',
      outsider: 'notMember',
      evaluator: 'notMember',
      member: ok,
      owner: ok,
      staff: 'notMember',
      admin: 'notMember',
    },
  },
  review: {
    verified: {
      anonymous: 'signInFirst',
      outsider: 'staffOnly',
      evaluator: 'staffOnly',
      member: 'staffOnly',
      owner: 'staffOnly',
      staff: ok,
      admin: ok,
    },
    pending: {
      anonymous: 'signInFirst',
      outsider: 'staffOnly',
      evaluator: 'staffOnly',
      member: 'staffOnly',
      owner: 'staffOnly',
      staff: ok,
      admin: ok,
    },
  },
};

describe('organisation policy', () => {
  for (const [action, byStatus] of Object.entries(table) as Array<[OrganisationAction, typeof table.view]>) {
    for (const [status, row] of Object.entries(byStatus) as Array<['verified' | 'pending', Row]>) {
      it(`${action} on a ${status} organisation, for each kind of actor`, () => {
        for (const [kind, expected] of Object.entries(row) as Array<[Kind, OrganisationRefusal | null]>) {
          const { actor, role } = kinds[kind];
          const org = { status, role };
          assert.equal(refusal(actor, action, org), expected, `${kind}: refusal`);
          assert.equal(can(actor, action, org), expected === null, `${kind}: can`);
          if (expected === null) check(actor, action, org);
          else
            assert.throws(
              () => check(actor, action, org),
              (err: unknown) => err instanceof ForbiddenError && err.message === expected,
              `${kind}: check`,
            );
        }
      });
    }
  }

  it('shows verified organisations to everyone and others only to members and staff', () => {
    assert.equal(can(null, 'view', { status: 'verified', role: null }), true);
    assert.equal(can(null, 'view', { status: 'pending', role: null }), false);
    assert.equal(can(resident, 'view', { status: 'rejected', role: null }), false);
    assert.equal(can(resident, 'view', { status: 'pending', role: 'member' }), true);
    assert.equal(can(staff, 'view', { status: 'pending', role: null }), true);
    assert.equal(refusal(resident, 'view', null), 'notVisible', 'no organisation: nothing to see');
  });

  it('lets owners edit and manage members, members only leave', () => {
    const owner = { status: 'verified' as const, role: 'owner' as const };
    const member = { status: 'verified' as const, role: 'member' as const };
    assert.equal(can(resident, 'edit', owner), true);
    assert.equal(can(resident, 'manageMembers', owner), true);
    assert.equal(can(resident, 'edit', member), false);
    assert.equal(can(resident, 'manageMembers', member), false);
    assert.equal(can(resident, 'leave', member), true);
    assert.equal(can(resident, 'leave', { status: 'verified', role: null }), false);
    assert.equal(can(staff, 'edit', { status: 'verified', role: null }), false);
  });

  it('lets only staff and admins review, and anyone signed in create (about no organisation)', () => {
    assert.equal(can(resident, 'review', null), false);
    assert.equal(can(staff, 'review', null), true);
    assert.equal(can(admin, 'review', null), true);
    assert.equal(can(null, 'create', null), false);
    assert.equal(can(resident, 'create', null), true);
  });
});
