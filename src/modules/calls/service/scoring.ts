// The evaluation card and the scores (issue 13, judging step 2–3; the consensus, ranking and
// results are in results.ts). What each person may see is decided here, not by the pages:
// - an evaluator reads an application's answers only once they declared no conflict, and only of
//   applications assigned to them;
// - they see the other evaluators' scores of it only once their own are submitted;
// - an applicant sees no score before the results are published.
// A submitted score is never edited: a correction is a new row that supersedes it, with a reason.
// The ranking is computed by ranking.ts from the stored rows (the current, submitted scores), so the
// ranking the chair approved is recomputed identically from the database.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { type Localized, localized, localizedInput, translationsOf } from '../../../platform/content.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { callPolicy, judgingPolicy } from '../policy.ts';
import { callAssignments, callConsensus, callCriteria, type callRankings, callScores } from '../schema.ts';
import { auditBy, type CallsContext, type Ctx } from './context.ts';
import { requiredText } from './formal.ts';
import { type AssignmentRow, assignFromJury, findAssignment } from './jury.ts';
import { rankingReader } from './ranking-read.ts';

export type CriterionRow = typeof callCriteria.$inferSelect;
export type ScoreRow = typeof callScores.$inferSelect;
export type RankingRowStored = typeof callRankings.$inferSelect;

const JUSTIFICATION_MAX = 5000;
const POINTS = /^\d{1,4}(\.\d{1,2})?$/;

const decimal = (places: number) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => String(v))
    .refine((v) => new RegExp(`^\\d{1,4}(\\.\\d{1,${places}})?$`).test(v), { error: 'invalid' });

const criterionInput = z.object({
  name: localizedInput({ max: 200 }),
  description: localizedInput({ max: 5000, optional: true }).default({ pl: '' }),
  maxPoints: z.number().int().min(1).max(1000),
  weight: decimal(3)
    .refine((v) => Number(v) > 0, { error: 'outOfRange' })
    .default('1'),
  minPoints: decimal(2).nullish(),
});
const criteriaInput = z
  .array(criterionInput)
  .min(1)
  .max(50)
  .superRefine((list, ctx) =>
    list.forEach((c, i) => {
      if (c.minPoints != null && Number(c.minPoints) > c.maxPoints)
        ctx.addIssue({ code: 'custom', message: 'minAboveMax', path: [i, 'minPoints'] });
    }),
  );
export type CriterionInput = {
  name: Localized;
  description?: Localized;
  maxPoints: number;
  weight?: string | number;
  minPoints?: string | number | null;
};

/** Points as the card takes them: 0 to the criterion's maximum, at most 2 decimals ('7.5' → '7.50'). */
export function checkedPoints(value: unknown, criterion: CriterionRow): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const field = `scores.${criterion.id}`;
  const details = { criterion: criterion.name, maxPoints: criterion.maxPoints };
  if (!POINTS.test(text)) throw new RuleError('pointsInvalid', field, 422, details);
  if (Number(text) > criterion.maxPoints) throw new RuleError('pointsAboveMax', field, 422, details);
  return Number(text).toFixed(2);
}

/** JSON with keys in one order: a jsonb column gives an object back with its keys reordered. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export interface ScoreInput {
  points: number | string;
  justification: string;
}

export interface EvaluatorView {
  assignment: AssignmentRow;
  call: { id: string; title: string };
  /** The application; the answers are to its form version (not the call's current one). */
  application: { id: string; number: string | null; formVersion: number };
  /** The answers, once the evaluator declared no conflict (null before, and after a recusal). */
  answers: Record<string, unknown> | null;
  title: string | null;
  criteria: CriterionRow[];
  /** The evaluator's own current scores. */
  mine: ScoreRow[];
  /** The other evaluators' submitted current scores, once the evaluator submitted their own (else null). */
  others: Array<{ assignmentId: string; further: boolean; scores: ScoreRow[] }> | null;
}

export function scoringUseCases(c: CallsContext) {
  const { db } = c;

  /** The assignment the actor holds (refused otherwise), with its application's call. */
  async function ownAssignment(ctx: Ctx, executor: Db | Tx, assignmentId: string, lock = false) {
    const a = await findAssignment(executor, assignmentId, lock);
    judgingPolicy.check(ctx.actor, 'evaluate', { evaluatorId: a.evaluatorId });
    const app = await c.findApplication(executor, a.applicationId);
    return { a, app };
  }

  const currentScores = (executor: Db | Tx, assignmentIds: string[]) =>
    assignmentIds.length
      ? executor
          .select()
          .from(callScores)
          .where(and(inArray(callScores.assignmentId, assignmentIds), isNull(callScores.supersededBy)))
      : Promise.resolve([] as ScoreRow[]);

  const { criteriaOf, rank } = rankingReader(c);

  return {
    async criteria(callId: string): Promise<CriterionRow[]> {
      return criteriaOf(db, callId);
    },

    /** Staff write the evaluation card (replacing it whole), while no score exists in the call. */
    async setCriteria(ctx: Ctx, callId: string, raw: CriterionInput[]): Promise<CriterionRow[]> {
      callPolicy.check(ctx.actor, 'manage', {});
      const list = checkedInput(criteriaInput, raw);
      return db.transaction(async (tx) => {
        await c.lockCall(tx, callId);
        const [scored] = await tx
          .select({ id: callScores.id })
          .from(callScores)
          .innerJoin(callCriteria, eq(callCriteria.id, callScores.criterionId))
          .where(eq(callCriteria.callId, callId))
          .limit(1);
        if (scored) throw new RuleError('criteriaFixedOnceScored', undefined, 409);
        await tx
          .delete(callConsensus)
          .where(
            inArray(
              callConsensus.criterionId,
              tx.select({ id: callCriteria.id }).from(callCriteria).where(eq(callCriteria.callId, callId)),
            ),
          );
        await tx.delete(callCriteria).where(eq(callCriteria.callId, callId));
        const rows = await tx
          .insert(callCriteria)
          .values(
            list.map((k, i) => ({
              id: uuidv7(),
              callId,
              position: i + 1,
              name: k.name.pl,
              nameI18n: translationsOf(k.name),
              description: k.description.pl,
              descriptionI18n: translationsOf(k.description),
              maxPoints: k.maxPoints,
              weight: k.weight,
              minPoints: k.minPoints ?? null,
            })),
          )
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call.criteria_set',
          entityType: 'call',
          entityId: callId,
          after: { criteria: rows.map((r) => ({ name: r.name, maxPoints: r.maxPoints, weight: r.weight })) },
        });
        return rows.sort((a, b) => a.position - b.position);
      });
    },

    /**
     * What the evaluator sees of their assignment: before declaring, only the call's title and the
     * application's number; after, its answers; the others' scores once their own are submitted.
     */
    async forEvaluator(ctx: Ctx, assignmentId: string): Promise<EvaluatorView> {
      const { a, app } = await ownAssignment(ctx, db, assignmentId);
      const call = await c.findCall(db, app.callId);
      const readable = a.status === 'declared' || a.status === 'submitted';
      const [mine] = [await currentScores(db, [a.id])];
      let others: EvaluatorView['others'] = null;
      if (a.status === 'submitted') {
        const peers = (
          await db.select().from(callAssignments).where(eq(callAssignments.applicationId, app.id))
        ).filter((p) => p.id !== a.id && p.status === 'submitted');
        const scores = await currentScores(
          db,
          peers.map((p) => p.id),
        );
        others = peers.map((p) => ({
          assignmentId: p.id,
          further: p.further === 1,
          scores: scores.filter((s) => s.assignmentId === p.id),
        }));
      }
      return {
        assignment: a,
        call: { id: call.id, title: call.title },
        application: { id: app.id, number: app.number, formVersion: app.formVersion },
        answers: readable ? app.answers : null,
        title: readable ? app.title : null,
        criteria: await criteriaOf(db, call.id),
        mine: readable ? mine : [],
        others,
      };
    },

    /** A draft of the evaluator's scores (after declaring): each criterion's points and justification. */
    async saveScores(ctx: Ctx, assignmentId: string, input: Record<string, ScoreInput>): Promise<ScoreRow[]> {
      return db.transaction(async (tx) => {
        const { a, app } = await ownAssignment(ctx, tx, assignmentId, true);
        if (a.status === 'assigned') throw new RuleError('declareFirst', undefined, 409);
        if (a.status !== 'declared') throw new RuleError('evaluationClosed', undefined, 409);
        const criteria = new Map((await criteriaOf(tx, app.callId)).map((k) => [k.id, k]));
        const current = new Map((await currentScores(tx, [a.id])).map((s) => [s.criterionId, s]));
        for (const [criterionId, score] of Object.entries(input)) {
          const criterion = criteria.get(criterionId);
          if (!criterion) throw new RuleError('unknownCriterion', `scores.${criterionId}`);
          const points = checkedPoints(score?.points, criterion);
          const justification = String(score?.justification ?? '').trim();
          if (justification.length > JUSTIFICATION_MAX)
            throw new RuleError('tooLong', `scores.${criterionId}.justification`);
          const was = current.get(criterionId);
          if (was)
            await tx.update(callScores).set({ points, justification }).where(eq(callScores.id, was.id));
          else
            await tx
              .insert(callScores)
              .values({ id: uuidv7(), assignmentId, criterionId, points, justification, createdAt: ctx.now });
        }
        return currentScores(tx, [a.id]);
      });
    },

    /**
     * The evaluation submitted: every criterion scored with a justification. Then, when the
     * application's totals differ by more than the call allows and no further evaluator is on it yet,
     * one is assigned from the jury.
     */
    async submitScores(ctx: Ctx, assignmentId: string): Promise<{ further: string | null }> {
      const { app } = await ownAssignment(ctx, db, assignmentId);
      return db.transaction(async (tx) => {
        const call = await c.lockCall(tx, app.callId);
        const a = await findAssignment(tx, assignmentId, true);
        if (a.status === 'assigned') throw new RuleError('declareFirst', undefined, 409);
        if (a.status !== 'declared') throw new RuleError('evaluationClosed', undefined, 409);
        const scores = new Map((await currentScores(tx, [a.id])).map((s) => [s.criterionId, s]));
        for (const k of await criteriaOf(tx, call.id)) {
          const s = scores.get(k.id);
          if (!s) throw new RuleError('criterionNotScored', `scores.${k.id}`, 422, { criterion: k.name });
          if (!s.justification.trim())
            throw new RuleError('justificationRequired', `scores.${k.id}.justification`, 422, {
              criterion: k.name,
            });
        }
        await tx
          .update(callScores)
          .set({ submittedAt: ctx.now })
          .where(and(eq(callScores.assignmentId, a.id), isNull(callScores.supersededBy)));
        await tx
          .update(callAssignments)
          .set({ status: 'submitted', submittedAt: ctx.now })
          .where(eq(callAssignments.id, a.id));
        await audit(tx, auditBy(ctx), {
          action: 'call_assignment.submitted',
          entityType: 'call_assignment',
          entityId: a.id,
          after: {
            applicationId: app.id,
            points: Object.fromEntries([...scores].map(([k, s]) => [k, s.points])),
          },
        });
        // Whether a further evaluator is needed is the application's own figure: ranked alone, not
        // the whole call (which would hold the call's lock for every submission of a large call).
        const row = (await rank(tx, call, app.id)).rows.find((r) => r.applicationId === app.id);
        if (!row?.needsFurther) return { further: null };
        const waiting = (
          await tx.select().from(callAssignments).where(eq(callAssignments.applicationId, app.id))
        ).some((p) => p.further === 1 && p.status !== 'recused');
        if (waiting) return { further: null };
        const [further] = await assignFromJury(tx, ctx, app, 1, { dueAt: a.dueAt, further: true });
        return { further: further ?? null };
      });
    },

    /**
     * A submitted score corrected (by its evaluator, or staff after an appeal): a new row with the
     * reason; the old one stays, superseded by it. One transaction, so one score is always in force.
     */
    async supersede(
      ctx: Ctx,
      assignmentId: string,
      criterionId: string,
      points: number | string,
      justification: string,
      reason: string,
    ): Promise<ScoreRow> {
      const a0 = await findAssignment(db, assignmentId);
      if (!callPolicy.can(ctx.actor, 'manage', {}))
        judgingPolicy.check(ctx.actor, 'evaluate', { evaluatorId: a0.evaluatorId });
      const why = requiredText(reason, 'reason');
      const text = requiredText(justification, `scores.${criterionId}.justification`, JUSTIFICATION_MAX);
      return db.transaction(async (tx) => {
        const a = await findAssignment(tx, assignmentId, true);
        if (a.status !== 'submitted') throw new RuleError('notSubmittedYet', undefined, 409);
        const app = await c.findApplication(tx, a.applicationId);
        const criterion = (await criteriaOf(tx, app.callId)).find((k) => k.id === criterionId);
        if (!criterion) throw new RuleError('unknownCriterion', `scores.${criterionId}`);
        const value = checkedPoints(points, criterion);
        const [old] = await tx
          .select()
          .from(callScores)
          .where(
            and(
              eq(callScores.assignmentId, a.id),
              eq(callScores.criterionId, criterionId),
              isNull(callScores.supersededBy),
            ),
          )
          .for('update');
        if (!old) throw new NotFoundError('score');
        const id = uuidv7();
        await tx.update(callScores).set({ supersededBy: id }).where(eq(callScores.id, old.id));
        const [row] = await tx
          .insert(callScores)
          .values({
            id,
            assignmentId: a.id,
            criterionId,
            points: value,
            justification: text,
            submittedAt: ctx.now,
            supersedeReason: why,
            createdAt: ctx.now,
          })
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call_score.superseded',
          entityType: 'call_score',
          entityId: id,
          before: { id: old.id, points: old.points },
          after: { points: value, reason: why },
        });
        return row!;
      });
    },

    /** The criterion's name for a reader (the card's Polish text with its translations). */
    criterionName: (k: CriterionRow) => localized(k.name, k.nameI18n),
  };
}
export type ScoringUseCases = ReturnType<typeof scoringUseCases>;
