import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyActor } from '../../platform/policy.ts';
import { can } from './policy.ts';

const resident: PolicyActor = { id: 'u1', role: 'resident' };
const staff: PolicyActor = { id: 's1', role: 'staff' };
const admin: PolicyActor = { id: 'a1', role: 'admin' };

describe('organisation policy', () => {
  it('shows verified organisations to everyone and others only to members and staff', () => {
    assert.equal(can(null, 'view', { status: 'verified', role: null }), true);
    assert.equal(can(null, 'view', { status: 'pending', role: null }), false);
    assert.equal(can(resident, 'view', { status: 'rejected', role: null }), false);
    assert.equal(can(resident, 'view', { status: 'pending', role: 'member' }), true);
    assert.equal(can(staff, 'view', { status: 'pending', role: null }), true);
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

  it('lets only staff and admins review, and anyone signed in create', () => {
    assert.equal(can(resident, 'review'), false);
    assert.equal(can(staff, 'review'), true);
    assert.equal(can(admin, 'review'), true);
    assert.equal(can(null, 'create'), false);
    assert.equal(can(resident, 'create'), true);
  });
});
