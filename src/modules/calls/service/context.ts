// What every calls use case shares: the dependencies, the call and the application read (or locked)
// by id, who the audit rows name, and how an application's number is written.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../db/client.ts';
import { changeCounter } from '../../../platform/cache.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/http/errors.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import type { OrganisationsService } from '../../organisations/index.ts';
import type { PlacesService } from '../../places/index.ts';
import { callApplications, calls } from '../schema.ts';

export interface CallsDeps {
  db: Db;
  baseUrl: string;
  clock: Clock;
  organisations: Pick<OrganisationsService, 'mine' | 'namesOf'>;
  places: Pick<PlacesService, 'subareaOptions'>;
}

export type CallRow = typeof calls.$inferSelect;
export type ApplicationRow = typeof callApplications.$inferSelect;
/** Who acts, for the audit row. */
export type Ctx = RequestContext<PolicyActor | null>;

/** Who the audit row names: the person acting, or the job or tool (by its request id) as 'system'. */
export const auditBy = (ctx: Ctx) => ({
  id: ctx.actor?.id ?? 'system',
  role: ctx.actor?.role ?? 'system',
  requestId: ctx.requestId,
});

/** An id from a path that is not a UUID names nothing (and never reaches the database). */
const isUuid = (id: string) => z.uuid().safeParse(id).success;

/**
 * The writes of calls on this node: the public views kept by change (the list of calls, the results)
 * are emptied by each one.
 */
export const callChanges = changeCounter();

/** ZB/2026/0042: the call's prefix, its year (the year it opens, in Warsaw), and the number in the call. */
export function applicationNumber(call: Pick<CallRow, 'numberPrefix' | 'numberYear'>, seq: number): string {
  return `${call.numberPrefix}/${call.numberYear}/${String(seq).padStart(4, '0')}`;
}

/** Whether applications are taken at `now`: published, opened, and the deadline not reached. */
export const isOpen = (call: Pick<CallRow, 'status' | 'opensAt' | 'deadlineAt'>, now: Date) =>
  call.status === 'published' && call.opensAt <= now && now < call.deadlineAt;

/** What a call is for a reader at a moment: its state, with 'published' told apart by the dates. */
export const callStates = ['draft', 'upcoming', 'open', 'closed', 'results', 'cancelled'] as const;
export type CallState = (typeof callStates)[number];
/** The states the public sees (a draft is staff's only). */
export const publicCallStates = callStates.filter((s) => s !== 'draft') as Exclude<CallState, 'draft'>[];

export function callState(call: Pick<CallRow, 'status' | 'opensAt' | 'deadlineAt'>, now: Date): CallState {
  if (call.status !== 'published') return call.status;
  if (now < call.opensAt) return 'upcoming';
  return now < call.deadlineAt ? 'open' : 'closed';
}

export function callsContext(deps: CallsDeps) {
  const { db } = deps;
  return {
    deps,
    db,
    /** A transaction that changes what the public sees of calls. */
    async changing<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      try {
        return await db.transaction(fn);
      } finally {
        callChanges.bump();
      }
    },
    async findCall(executor: Db | Tx, id: string): Promise<CallRow> {
      if (!isUuid(id)) throw new NotFoundError('call');
      const [row] = await executor.select().from(calls).where(eq(calls.id, id));
      if (!row) throw new NotFoundError('call');
      return row;
    },
    /** The call, under its row lock for the rest of the transaction. */
    async lockCall(tx: Tx, id: string): Promise<CallRow> {
      if (!isUuid(id)) throw new NotFoundError('call');
      const [row] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
      if (!row) throw new NotFoundError('call');
      return row;
    },
    /**
     * Whether the actor is the application's own: they started it, or are a member of the
     * organisation it is for (the one rule the applicant's use cases and the completion share).
     */
    async owns(ctx: Ctx, row: Pick<ApplicationRow, 'applicantId' | 'organisationId'>): Promise<boolean> {
      const actorId = ctx.actor?.id;
      if (!actorId) return false;
      if (row.applicantId === actorId) return true;
      if (!row.organisationId) return false;
      return (await deps.organisations.mine({ id: actorId })).some((o) => o.id === row.organisationId);
    },
    async findApplication(executor: Db | Tx, id: string): Promise<ApplicationRow> {
      if (!isUuid(id)) throw new NotFoundError('application');
      const [row] = await executor.select().from(callApplications).where(eq(callApplications.id, id));
      if (!row) throw new NotFoundError('application');
      return row;
    },
    /** The application, under its row lock for the rest of the transaction. */
    async lockApplication(tx: Tx, id: string): Promise<ApplicationRow> {
      if (!isUuid(id)) throw new NotFoundError('application');
      const [row] = await tx.select().from(callApplications).where(eq(callApplications.id, id)).for('update');
      if (!row) throw new NotFoundError('application');
      return row;
    },
  };
}
export type CallsContext = ReturnType<typeof callsContext>;
