// The events policy as a table: every action for every kind of actor and organiser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EventAction, type EventRefusal, type EventResource, eventPolicy } from './policy.ts';

const resident = { id: 'r', role: 'resident' as const };
const staff = { id: 's', role: 'staff' as const };
const admin = { id: 'a', role: 'admin' as const };

const memberVerified: EventResource = { member: true, verified: true };
const memberPending: EventResource = { member: true, verified: false };
const outsider: EventResource = { member: false, verified: true };

type Row = [string, typeof resident | typeof staff | null, EventAction, EventResource, EventRefusal | null];

const table: Row[] = [
  ['nobody registers', null, 'register', outsider, 'signInFirst'],
  ['nobody proposes', null, 'propose', memberVerified, 'signInFirst'],
  ['a resident registers', resident, 'register', outsider, null],
  ['a member of a verified organisation proposes', resident, 'propose', memberVerified, null],
  [
    'a member of an unverified organisation may not propose',
    resident,
    'propose',
    memberPending,
    'organisationNotVerified',
  ],
  ['an outsider may not propose for the organisation', resident, 'propose', outsider, 'notMember'],
  ['a member of a verified organisation submits', resident, 'submit', memberVerified, null],
  [
    'a member of an unverified organisation may not submit',
    resident,
    'submit',
    memberPending,
    'organisationNotVerified',
  ],
  ['an outsider may not submit', resident, 'submit', outsider, 'notMember'],
  ['a member edits', resident, 'edit', memberPending, null],
  ['an outsider may not edit', resident, 'edit', outsider, 'forbidden'],
  ['a member cancels', resident, 'cancel', memberVerified, null],
  ['an outsider may not cancel', resident, 'cancel', outsider, 'forbidden'],
  ['a member postpones', resident, 'postpone', memberVerified, null],
  ['an outsider may not postpone', resident, 'postpone', outsider, 'forbidden'],
  ['a member may not review', resident, 'review', memberVerified, 'staffOnly'],
  ['a member may not publish directly', resident, 'publish', memberVerified, 'staffOnly'],
  ['staff review', staff, 'review', outsider, null],
  ['staff publish directly', staff, 'publish', outsider, null],
  ['staff propose for a city unit', staff, 'propose', outsider, null],
  ['staff edit any event', staff, 'edit', outsider, null],
  ['staff cancel any event', staff, 'cancel', outsider, null],
];

describe('events policy', () => {
  for (const [name, actor, action, resource, expected] of table)
    it(name, () => {
      assert.equal(eventPolicy.refusal(actor, action, resource), expected);
      assert.equal(eventPolicy.can(actor, action, resource), expected === null);
    });

  it('admins may do what staff may', () => {
    for (const action of ['review', 'publish', 'edit', 'cancel', 'postpone', 'propose'] as const)
      assert.equal(eventPolicy.refusal(admin, action, outsider), null);
  });

  it('check throws the reason as a 403', () => {
    assert.throws(
      () => eventPolicy.check(resident, 'publish', memberVerified),
      (err: Error & { status?: number; message: string }) =>
        err.status === 403 && err.message === 'staffOnly',
    );
  });
});
