// The booking and resource policies as tables: who may see, manage, decide on and book for whom.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ForbiddenError } from '../../platform/http/errors.ts';
import type { PolicyActor } from '../../platform/policy.ts';
import {
  type BookingAction,
  type BookingRefusal,
  bookingPolicy,
  type ResourceRefusal,
  resourcePolicy,
} from './policy.ts';

const anna: PolicyActor = { id: 'anna', role: 'resident' };
const piotr: PolicyActor = { id: 'piotr', role: 'resident' };
const ewa: PolicyActor = { id: 'ewa', role: 'staff' };
const admin: PolicyActor = { id: 'root', role: 'admin' };
const evaluator: PolicyActor = { id: 'oce', role: 'evaluator' };
const annas = { userId: 'anna' };
const ewas = { userId: 'ewa' };

const table: Array<[PolicyActor | null, BookingAction, { userId: string } | null, BookingRefusal | null]> = [
  [null, 'view', annas, 'signedOut'],
  [null, 'decide', null, 'signedOut'],
  [anna, 'view', annas, null],
  [piotr, 'view', annas, 'notYours'],
  [evaluator, 'view', annas, 'notYours'],
  [ewa, 'view', annas, null],
  [admin, 'view', annas, null],
  [anna, 'manage', annas, null],
  [piotr, 'manage', annas, 'notYours'],
  [ewa, 'manage', annas, 'notYours'],
  [ewa, 'manage', ewas, null],
  [anna, 'decide', annas, 'staffOnly'],
  [ewa, 'decide', null, null],
  [admin, 'decide', annas, null],
  [anna, 'bookFor', { userId: 'piotr' }, 'staffOnly'],
  [ewa, 'bookFor', annas, null],
  [ewa, 'bookFor', ewas, 'notForSelf'],
];

describe('booking policy', () => {
  for (const [actor, action, booking, refusal] of table)
    test(`${actor?.role ?? 'signed out'} ${actor?.id ?? ''} ${action} ${booking?.userId ?? '-'}: ${refusal ?? 'allowed'}`, () => {
      assert.equal(bookingPolicy.refusal(actor, action, booking), refusal);
      assert.equal(bookingPolicy.can(actor, action, booking), refusal === null);
      if (refusal === null) bookingPolicy.check(actor, action, booking);
      else
        assert.throws(
          () => bookingPolicy.check(actor, action, booking),
          (err: unknown) => err instanceof ForbiddenError && err.message === refusal,
        );
    });
});

const resourceTable: Array<[PolicyActor | null, ResourceRefusal | null]> = [
  [null, 'forbidden'],
  [anna, 'forbidden'],
  [evaluator, 'forbidden'],
  [ewa, null],
  [admin, null],
];

describe('resource policy', () => {
  for (const [actor, refusal] of resourceTable)
    test(`${actor?.role ?? 'signed out'} manage: ${refusal ?? 'allowed'}`, () => {
      assert.equal(resourcePolicy.refusal(actor, 'manage', null), refusal);
      assert.equal(resourcePolicy.can(actor, 'manage', null), refusal === null);
      if (refusal === null) resourcePolicy.check(actor, 'manage', null);
      else
        assert.throws(
          () => resourcePolicy.check(actor, 'manage', null),
          (err: unknown) => err instanceof ForbiddenError && err.message === refusal,
        );
    });
});
