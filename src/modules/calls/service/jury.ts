// The jury and who evaluates what (issue 13, judging step 2): staff appoint a call's jury (one
// chair), the accepted applications are shared out among its members automatically and evenly
// (each to the members with the fewest, never one evaluator twice on an application, the chair
// only when the members are too few), staff may move an assignment while it is not yet declared,
// and each evaluator declares no conflict of interest — or recuses, and a replacement is assigned.
//
// Assignments in a call are written under the call's row lock, so two sharings, a recusal and a
// further evaluator never count the same loads at once.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { type Db, type Tx, violatedConstraint } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { user } from '../../../platform/auth/schema.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { callPolicy, judgingPolicy } from '../policy.ts';
import {
  type AssignmentStatus,
  callApplications,
  callAssignments,
  callJuryMembers,
  type JuryRole,
} from '../schema.ts';
import { type ApplicationRow, auditBy, type CallsContext, type Ctx } from './context.ts';
import { requiredText } from './formal.ts';

export type AssignmentRow = typeof callAssignments.$inferSelect;
export type JuryMemberRow = typeof callJuryMembers.$inferSelect;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an evaluator has, unless staff say otherwise. */
export const EVALUATION_DAYS = 14;
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The actor's place on the call's jury, or null. */
export async function juryRoleOf(
  db: Db | Tx,
  callId: string,
  userId: string | undefined,
): Promise<JuryRole | null> {
  if (!userId) return null;
  const [m] = await db
    .select({ role: callJuryMembers.role })
    .from(callJuryMembers)
    .where(and(eq(callJuryMembers.callId, callId), eq(callJuryMembers.userId, userId)));
  return m?.role ?? null;
}

export async function findAssignment(db: Db | Tx, id: string, lock = false): Promise<AssignmentRow> {
  if (!isUuid(id)) throw new NotFoundError('assignment');
  const q = db.select().from(callAssignments).where(eq(callAssignments.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new NotFoundError('assignment');
  return row;
}

/**
 * Assigns up to `count` evaluators from the call's jury to the application (the caller holds the
 * call's lock): the least loaded first (live assignments in the call; a tie goes to the lower id),
 * never one already on the application (a recused one included), never its applicant, the chair
 * only when the members are too few. Returns the evaluators assigned (fewer when the jury runs out).
 */
export async function assignFromJury(
  tx: Tx,
  ctx: Ctx,
  app: Pick<ApplicationRow, 'id' | 'callId' | 'applicantId'>,
  count: number,
  options: { dueAt: Date; further?: boolean; loads?: Map<string, number> },
): Promise<string[]> {
  if (count <= 0) return [];
  const jury = await tx
    .select({ userId: callJuryMembers.userId, role: callJuryMembers.role })
    .from(callJuryMembers)
    .where(eq(callJuryMembers.callId, app.callId));
  const loads = options.loads ?? (await loadsIn(tx, app.callId));
  const taken = new Set(
    (
      await tx
        .select({ id: callAssignments.evaluatorId })
        .from(callAssignments)
        .where(eq(callAssignments.applicationId, app.id))
    ).map((r) => r.id),
  );
  const byLoad = (a: string, b: string) =>
    (loads.get(a) ?? 0) - (loads.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const free = (role: JuryRole) =>
    jury
      .filter((m) => m.role === role && !taken.has(m.userId) && m.userId !== app.applicantId)
      .map((m) => m.userId)
      .sort(byLoad);
  const chosen = [...free('member'), ...free('chair')].slice(0, count);
  for (const evaluatorId of chosen) {
    const id = uuidv7();
    await tx.insert(callAssignments).values({
      id,
      applicationId: app.id,
      evaluatorId,
      further: options.further ? 1 : 0,
      dueAt: options.dueAt,
      createdAt: ctx.now,
    });
    loads.set(evaluatorId, (loads.get(evaluatorId) ?? 0) + 1);
    await audit(tx, auditBy(ctx), {
      action: 'call_assignment.assigned',
      entityType: 'call_assignment',
      entityId: id,
      after: { applicationId: app.id, evaluatorId, further: !!options.further, automatic: true },
    });
  }
  return chosen;
}

/** Live (not recused) assignments per evaluator in the call. */
async function loadsIn(db: Db | Tx, callId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ evaluatorId: callAssignments.evaluatorId })
    .from(callAssignments)
    .innerJoin(callApplications, eq(callApplications.id, callAssignments.applicationId))
    .where(and(eq(callApplications.callId, callId), ne(callAssignments.status, 'recused')));
  const loads = new Map<string, number>();
  for (const r of rows) loads.set(r.evaluatorId, (loads.get(r.evaluatorId) ?? 0) + 1);
  return loads;
}

export interface Workload {
  evaluators: Array<{
    evaluatorId: string;
    name: string;
    role: JuryRole | null;
    counts: Record<AssignmentStatus | 'overdue', number>;
  }>;
  /** Accepted applications with fewer live evaluators than the call asks for (the jury ran out). */
  needing: Array<{ applicationId: string; number: string | null; missing: number }>;
}

/** Staff, or the call's chair (a call that does not exist is a 404 first, for anyone). */
export async function checkStaffOrChair(c: CallsContext, ctx: Ctx, callId: string): Promise<void> {
  await c.findCall(c.db, callId);
  if (callPolicy.can(ctx.actor, 'manage', {})) return;
  judgingPolicy.check(ctx.actor, 'chair', { juryRole: await juryRoleOf(c.db, callId, ctx.actor?.id) });
}

export function juryUseCases(c: CallsContext) {
  const { db } = c;

  /** Staff, or the call's chair. */
  const staffOrChair = (ctx: Ctx, callId: string) => checkStaffOrChair(c, ctx, callId);

  return {
    /** Appointed (or their role changed): a call has one chair — a second is refused. */
    async appoint(ctx: Ctx, callId: string, userId: string, role: JuryRole): Promise<JuryMemberRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      if (role !== 'chair' && role !== 'member') throw new RuleError('invalid', 'role');
      return db.transaction(async (tx) => {
        const call = await c.lockCall(tx, callId);
        if (call.status === 'cancelled' || call.status === 'results')
          throw new RuleError('callClosed', undefined, 409);
        const [person] = await tx.select({ id: user.id }).from(user).where(eq(user.id, userId));
        if (!person) throw new NotFoundError('user');
        if (role === 'chair') {
          const [chair] = await tx
            .select({ userId: callJuryMembers.userId })
            .from(callJuryMembers)
            .where(and(eq(callJuryMembers.callId, callId), eq(callJuryMembers.role, 'chair')));
          if (chair && chair.userId !== userId) throw new RuleError('chairTaken', 'role', 409);
        }
        const [row] = await tx
          .insert(callJuryMembers)
          .values({ callId, userId, role, appointedAt: ctx.now })
          .onConflictDoUpdate({ target: [callJuryMembers.callId, callJuryMembers.userId], set: { role } })
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call_jury.appointed',
          entityType: 'call',
          entityId: callId,
          after: { userId, role },
        });
        return row!;
      });
    },

    /** Off the jury: only someone with no declared or submitted assignment (the record keeps those). */
    async removeMember(ctx: Ctx, callId: string, userId: string): Promise<void> {
      callPolicy.check(ctx.actor, 'manage', {});
      await db.transaction(async (tx) => {
        await c.lockCall(tx, callId);
        const live = await tx
          .select({ id: callAssignments.id, status: callAssignments.status })
          .from(callAssignments)
          .innerJoin(callApplications, eq(callApplications.id, callAssignments.applicationId))
          .where(and(eq(callApplications.callId, callId), eq(callAssignments.evaluatorId, userId)));
        if (live.some((a) => a.status === 'declared' || a.status === 'submitted'))
          throw new RuleError('memberHasEvaluations', undefined, 409);
        const undeclared = live.filter((a) => a.status === 'assigned').map((a) => a.id);
        if (undeclared.length)
          await tx.delete(callAssignments).where(inArray(callAssignments.id, undeclared));
        const gone = await tx
          .delete(callJuryMembers)
          .where(and(eq(callJuryMembers.callId, callId), eq(callJuryMembers.userId, userId)))
          .returning();
        if (!gone.length) throw new NotFoundError('jury member');
        await audit(tx, auditBy(ctx), {
          action: 'call_jury.removed',
          entityType: 'call',
          entityId: callId,
          before: { userId, role: gone[0]!.role, unassigned: undeclared.length },
        });
      });
    },

    /** The call's jury, chair first. */
    async members(ctx: Ctx, callId: string): Promise<Array<JuryMemberRow & { name: string }>> {
      await staffOrChair(ctx, callId);
      const rows = await db
        .select({ m: callJuryMembers, name: user.name })
        .from(callJuryMembers)
        .innerJoin(user, eq(user.id, callJuryMembers.userId))
        .where(eq(callJuryMembers.callId, callId))
        .orderBy(asc(callJuryMembers.role), asc(callJuryMembers.userId));
      return rows.map((r) => ({ ...r.m, name: r.name }));
    },

    /**
     * Every accepted application gets the call's number of evaluators (those it lacks), shared out
     * evenly; run again it only fills gaps. Due `dueAt`, or 14 days from now.
     */
    async assignAutomatically(ctx: Ctx, callId: string, dueAt?: Date): Promise<{ assigned: number }> {
      callPolicy.check(ctx.actor, 'manage', {});
      const due = dueAt ?? new Date(ctx.now.getTime() + EVALUATION_DAYS * DAY_MS);
      return db.transaction(async (tx) => {
        const call = await c.lockCall(tx, callId);
        const apps = await tx
          .select()
          .from(callApplications)
          .where(and(eq(callApplications.callId, callId), eq(callApplications.status, 'accepted')))
          .orderBy(asc(callApplications.seq));
        const live = await tx
          .select({ applicationId: callAssignments.applicationId })
          .from(callAssignments)
          .innerJoin(callApplications, eq(callApplications.id, callAssignments.applicationId))
          .where(and(eq(callApplications.callId, callId), ne(callAssignments.status, 'recused')));
        const has = new Map<string, number>();
        for (const a of live) has.set(a.applicationId, (has.get(a.applicationId) ?? 0) + 1);
        const loads = await loadsIn(tx, callId);
        let assigned = 0;
        for (const app of apps) {
          const need = call.evaluatorsPerApplication - (has.get(app.id) ?? 0);
          assigned += (await assignFromJury(tx, ctx, app, need, { dueAt: due, loads })).length;
        }
        return { assigned };
      });
    },

    /** Staff assign one evaluator (a member of the jury, not yet on it) to an accepted application. */
    async assign(ctx: Ctx, applicationId: string, evaluatorId: string, dueAt?: Date): Promise<AssignmentRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      const app = await c.findApplication(db, applicationId);
      try {
        return await db.transaction(async (tx) => {
          await c.lockCall(tx, app.callId);
          if ((await c.findApplication(tx, applicationId)).status !== 'accepted')
            throw new RuleError('notAccepted', undefined, 409);
          if (!(await juryRoleOf(tx, app.callId, evaluatorId)))
            throw new RuleError('notOnJury', 'evaluatorId');
          if (evaluatorId === app.applicantId) throw new RuleError('ownApplication', 'evaluatorId');
          const [row] = await tx
            .insert(callAssignments)
            .values({
              id: uuidv7(),
              applicationId,
              evaluatorId,
              dueAt: dueAt ?? new Date(ctx.now.getTime() + EVALUATION_DAYS * DAY_MS),
              createdAt: ctx.now,
            })
            .returning();
          await audit(tx, auditBy(ctx), {
            action: 'call_assignment.assigned',
            entityType: 'call_assignment',
            entityId: row!.id,
            after: { applicationId, evaluatorId, automatic: false },
          });
          return row!;
        });
      } catch (err) {
        if (violatedConstraint(err, '23505') === 'call_assignment_unique')
          throw new RuleError('alreadyAssigned', 'evaluatorId', 409);
        throw err;
      }
    },

    /** Staff take an assignment back while it is not declared (a declared one has read the application). */
    async unassign(ctx: Ctx, assignmentId: string): Promise<void> {
      callPolicy.check(ctx.actor, 'manage', {});
      await db.transaction(async (tx) => {
        const a = await findAssignment(tx, assignmentId, true);
        if (a.status !== 'assigned') throw new RuleError('alreadyDeclared', undefined, 409);
        await tx.delete(callAssignments).where(eq(callAssignments.id, assignmentId));
        await audit(tx, auditBy(ctx), {
          action: 'call_assignment.unassigned',
          entityType: 'call_assignment',
          entityId: assignmentId,
          before: { applicationId: a.applicationId, evaluatorId: a.evaluatorId },
        });
      });
    },

    /** Per evaluator of the call: their assignments by state, and those past due; and the gaps. */
    async workload(ctx: Ctx, callId: string): Promise<Workload> {
      await staffOrChair(ctx, callId);
      const call = await c.findCall(db, callId);
      const rows = await db
        .select({ a: callAssignments, name: user.name, role: callJuryMembers.role })
        .from(callAssignments)
        .innerJoin(callApplications, eq(callApplications.id, callAssignments.applicationId))
        .innerJoin(user, eq(user.id, callAssignments.evaluatorId))
        .leftJoin(
          callJuryMembers,
          and(eq(callJuryMembers.callId, callId), eq(callJuryMembers.userId, callAssignments.evaluatorId)),
        )
        .where(eq(callApplications.callId, callId));
      const jury = await db
        .select({ userId: callJuryMembers.userId, role: callJuryMembers.role, name: user.name })
        .from(callJuryMembers)
        .innerJoin(user, eq(user.id, callJuryMembers.userId))
        .where(eq(callJuryMembers.callId, callId));
      const zero = () => ({ assigned: 0, declared: 0, recused: 0, submitted: 0, overdue: 0 });
      const by = new Map<string, Workload['evaluators'][number]>();
      for (const m of jury)
        by.set(m.userId, { evaluatorId: m.userId, name: m.name, role: m.role, counts: zero() });
      const live = new Map<string, number>();
      for (const r of rows) {
        const e = by.get(r.a.evaluatorId) ?? {
          evaluatorId: r.a.evaluatorId,
          name: r.name,
          role: r.role,
          counts: zero(),
        };
        by.set(r.a.evaluatorId, e);
        e.counts[r.a.status]++;
        if (r.a.status !== 'submitted' && r.a.status !== 'recused' && r.a.dueAt < ctx.now) e.counts.overdue++;
        if (r.a.status !== 'recused') live.set(r.a.applicationId, (live.get(r.a.applicationId) ?? 0) + 1);
      }
      const accepted = await db
        .select({ id: callApplications.id, number: callApplications.number })
        .from(callApplications)
        .where(and(eq(callApplications.callId, callId), eq(callApplications.status, 'accepted')))
        .orderBy(asc(callApplications.seq));
      const needing = accepted
        .map((a) => ({
          applicationId: a.id,
          number: a.number,
          missing: call.evaluatorsPerApplication - (live.get(a.id) ?? 0),
        }))
        .filter((a) => a.missing > 0);
      const evaluators = [...by.values()].sort((a, b) => (a.evaluatorId < b.evaluatorId ? -1 : 1));
      return { evaluators, needing };
    },

    /** The evaluator's assignments (across calls), the ones still to do first. */
    async mine(ctx: Ctx): Promise<AssignmentRow[]> {
      const actorId = ctx.actor?.id;
      if (!actorId) return [];
      return db
        .select()
        .from(callAssignments)
        .where(eq(callAssignments.evaluatorId, actorId))
        .orderBy(asc(callAssignments.dueAt))
        .limit(500);
    },

    /** The evaluator declares no conflict of interest: from now on they may read and score it. */
    async declare(ctx: Ctx, assignmentId: string): Promise<AssignmentRow> {
      const before = await findAssignment(db, assignmentId);
      judgingPolicy.check(ctx.actor, 'evaluate', { evaluatorId: before.evaluatorId });
      return db.transaction(async (tx) => {
        const a = await findAssignment(tx, assignmentId, true);
        if (a.status !== 'assigned') throw new RuleError('alreadyDeclared', undefined, 409);
        const [row] = await tx
          .update(callAssignments)
          .set({ status: 'declared', declaredAt: ctx.now })
          .where(eq(callAssignments.id, assignmentId))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call_assignment.declared',
          entityType: 'call_assignment',
          entityId: assignmentId,
          after: { applicationId: a.applicationId },
        });
        return row!;
      });
    },

    /**
     * The evaluator declares a conflict (with the reason): the assignment never counts, and a
     * replacement from the jury is assigned at once — the least loaded not yet on the application;
     * when there is none, the application shows in workload().needing.
     */
    async recuse(ctx: Ctx, assignmentId: string, reason: string): Promise<{ replacement: string | null }> {
      const before = await findAssignment(db, assignmentId);
      judgingPolicy.check(ctx.actor, 'evaluate', { evaluatorId: before.evaluatorId });
      const why = requiredText(reason, 'reason');
      const app = await c.findApplication(db, before.applicationId);
      return db.transaction(async (tx) => {
        await c.lockCall(tx, app.callId);
        const a = await findAssignment(tx, assignmentId, true);
        if (a.status === 'recused' || a.status === 'submitted')
          throw new RuleError('alreadyDecided', undefined, 409);
        await tx
          .update(callAssignments)
          .set({ status: 'recused', recusedAt: ctx.now, recusalReason: why })
          .where(eq(callAssignments.id, assignmentId));
        await audit(tx, auditBy(ctx), {
          action: 'call_assignment.recused',
          entityType: 'call_assignment',
          entityId: assignmentId,
          after: { applicationId: a.applicationId, reason: why },
        });
        const [replacement] = await assignFromJury(tx, ctx, app, 1, {
          dueAt: a.dueAt,
          further: a.further === 1,
        });
        return { replacement: replacement ?? null };
      });
    },
  };
}
export type JuryUseCases = ReturnType<typeof juryUseCases>;
