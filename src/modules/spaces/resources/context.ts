// What every part of the resources service shares: the database, staff-only access (the resource
// policy) and the resource's row (read, or locked for a change). Each use case takes the request
// context first: who acts (ctx.actor), the request id its audit rows carry, and the instant it
// decides by (ctx.now).

import { eq } from 'drizzle-orm';
import { type Db, queryRows, type Tx, violatedConstraint } from '../../../db/client.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/http/errors.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import type { PlacesService } from '../../places/index.ts';
import { resourcePolicy } from '../policy.ts';
import { spaceResources } from '../schema.ts';

export const rows = queryRows;
export const isUniqueViolation = (err: unknown): boolean => violatedConstraint(err, '23505') !== null;

/** What the resources service needs to know of who acts: their id and role. */
export type ResourceActor = PolicyActor;
/** The request context every use case of the resources service takes first. */
export type ResourceCtx = ActorContext<ResourceActor>;

export interface ResourcesDeps {
  db: Db;
  /** Directory for uploaded photos; photo uploads are refused without it. */
  uploadsDir?: string | undefined;
  /** The zones a resource may stand in (the places module). */
  places: PlacesService;
}

export const staffOnly = (actor: ResourceActor | null | undefined): void =>
  resourcePolicy.check(actor, 'manage', null);

export function resourceContext({ db, uploadsDir, places }: ResourcesDeps) {
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

  return { db, uploadsDir, places, row, lockedRow };
}

export type ResourceContext = ReturnType<typeof resourceContext>;
