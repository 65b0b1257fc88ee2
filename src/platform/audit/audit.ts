import type { Db, Tx } from '../../db/client.ts';
import { uuidv7 } from '../ids.ts';
import { auditLog } from './schema.ts';

export interface AuditActor {
  id: string;
  role: string;
  requestId?: string | undefined;
}

export interface AuditEntry {
  /** The person the actor (staff) acted for, at the desk or on the phone. */
  onBehalfOf?: string | null | undefined;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row; call it inside the transaction that makes the change. */
export async function audit(db: Db | Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: uuidv7(),
    actorId: actor.id,
    actorRole: actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
  });
}

/** What the audit log records about the request that made a change, besides who made it. */
export interface AuditRequest {
  requestId?: string | undefined;
}

/** The audit actor for a person acting within a request. */
export const auditActor = (actor: { id: string; role: string }, ctx: AuditRequest = {}): AuditActor => ({
  id: actor.id,
  role: actor.role,
  requestId: ctx.requestId,
});
