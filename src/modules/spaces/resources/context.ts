// What every part of the resources service shares: the database, the clock, staff-only access and
// the resource's row (read, or locked for a change).

import { eq } from 'drizzle-orm';
import { type Db, queryRows, type Tx, violatedConstraint } from '../../../db/client.ts';
import { NotFoundError } from '../../../platform/http/errors.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import { authorize, isStaff } from '../../../platform/policy.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import type { PlacesService } from '../../places/index.ts';
import { spaceResources } from '../schema.ts';
import type { StaffActor } from './model.ts';

export const rows = queryRows;
export const isUniqueViolation = (err: unknown): boolean => violatedConstraint(err, '23505') !== null;

export const auditActor = (a: StaffActor) => ({ id: a.id, role: a.role, requestId: a.requestId });

export interface ResourcesDeps {
  db: Db;
  /** Directory for uploaded photos; photo uploads are refused without it. */
  uploadsDir?: string | undefined;
  clock: Clock;
  /** The zones a resource may stand in (the places module). */
  places: PlacesService;
}

export function staffOnly(actor: StaffActor | null | undefined): asserts actor is StaffActor {
  authorize(isStaff(actor));
}

export function resourceContext({ db, uploadsDir, clock, places }: ResourcesDeps) {
  const now = () => clock.now();

  async function row(id: string) {
    if (!uuidPattern.test(id)) throw new NotFoundError('resource');
    const [r] = await db.select().from(spaceResources).where(eq(spaceResources.id, id)).limit(1);
    if (!r) throw new NotFoundError('resource');
    return r;
  }

  async function lockedRow(tx: Tx, id: string) {
    if (!uuidPattern.test(id)) throw new NotFoundError('resource');
    const [r] = await tx.select().from(spaceResources).where(eq(spaceResources.id, id)).for('update');
    if (!r) throw new NotFoundError('resource');
    return r;
  }

  return { db, uploadsDir, now, places, row, lockedRow };
}

export type ResourceContext = ReturnType<typeof resourceContext>;
