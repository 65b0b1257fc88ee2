// The consensus step, the ranking and the results (issue 13, judging steps 3–4): the ranking as the
// stored scores give it now, the chair's agreed scores, approval (stored as the next edition, exactly
// as computed), publication (recomputed: it must be the approved one) and each applicant's result.
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import { audit } from '../../../platform/audit/audit.ts';
import { user } from '../../../platform/auth/schema.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { plnText } from '../answers.ts';
import { callPolicy, judgingPolicy } from '../policy.ts';
import type { RankingResult } from '../ranking.ts';
import { callApplications, callConsensus, callRankings, calls } from '../schema.ts';
import { auditBy, type CallsContext, type Ctx } from './context.ts';
import { mailApplicant, requiredText } from './formal.ts';
import { checkStaffOrChair, juryRoleOf } from './jury.ts';

import { rankingReader } from './ranking-read.ts';
import { canonical, checkedPoints, type RankingRowStored } from './scoring.ts';

export function resultUseCases(c: CallsContext) {
  const { db } = c;
  const staffOrChair = (ctx: Ctx, callId: string) => checkStaffOrChair(c, ctx, callId);
  const { criteriaOf, rank } = rankingReader(c);

  return {
    /** The ranking as the stored scores give it now (staff or the chair). */
    async computeRanking(ctx: Ctx, callId: string): Promise<RankingResult> {
      await staffOrChair(ctx, callId);
      return rank(db, await c.findCall(db, callId));
    },

    /** The consensus step's open items: per application, the criteria the evaluators differ on. */
    async agenda(
      ctx: Ctx,
      callId: string,
    ): Promise<Array<{ applicationId: string; number: string; criteria: string[] }>> {
      await staffOrChair(ctx, callId);
      const result = await rank(db, await c.findCall(db, callId));
      return result.rows
        .filter((r) => r.agenda.length > 0)
        .map((r) => ({ applicationId: r.applicationId, number: r.number, criteria: r.agenda }));
    },

    /**
     * Each ranked application's title and applicant (the organisation's name, or the person's), as
     * the results list names them (Polish law asks it of open competitions): public once the results
     * are published, before that for staff and the chair only.
     */
    async resultLabels(ctx: Ctx, callId: string): Promise<Map<string, { title: string; applicant: string }>> {
      const call = await c.findCall(db, callId);
      if (call.status !== 'results') await staffOrChair(ctx, callId);
      const rows = await db
        .select({
          id: callApplications.id,
          title: callApplications.title,
          organisationId: callApplications.organisationId,
          person: user.name,
        })
        .from(callApplications)
        .leftJoin(user, eq(user.id, callApplications.applicantId))
        .where(
          and(
            eq(callApplications.callId, callId),
            inArray(callApplications.status, ['accepted', 'funded', 'not_funded']),
          ),
        );
      const orgIds = [
        ...new Set(rows.map((r) => r.organisationId).filter((id): id is string => id !== null)),
      ];
      const orgNames = orgIds.length ? await c.deps.organisations.namesOf(orgIds) : new Map<string, string>();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            title: r.title,
            applicant: (r.organisationId ? orgNames.get(r.organisationId) : r.person) ?? '—',
          },
        ]),
      );
    },

    /** The chair records the agreed points for a criterion of an application, with a comment. */
    async recordConsensus(
      ctx: Ctx,
      applicationId: string,
      criterionId: string,
      points: number | string,
      comment: string,
    ): Promise<void> {
      const app = await c.findApplication(db, applicationId);
      judgingPolicy.check(ctx.actor, 'chair', { juryRole: await juryRoleOf(db, app.callId, ctx.actor?.id) });
      const note = requiredText(comment, 'comment');
      await db.transaction(async (tx) => {
        const call = await c.lockCall(tx, app.callId);
        if (call.status !== 'published') throw new RuleError('callClosed', undefined, 409);
        const criterion = (await criteriaOf(tx, call.id)).find((k) => k.id === criterionId);
        if (!criterion) throw new RuleError('unknownCriterion', 'criterionId');
        const value = checkedPoints(points, criterion);
        await tx
          .insert(callConsensus)
          .values({
            applicationId,
            criterionId,
            points: value,
            comment: note,
            recordedBy: ctx.actor!.id,
            recordedAt: ctx.now,
          })
          .onConflictDoUpdate({
            target: [callConsensus.applicationId, callConsensus.criterionId],
            set: { points: value, comment: note, recordedBy: ctx.actor!.id, recordedAt: ctx.now },
          });
        await audit(tx, auditBy(ctx), {
          action: 'call_consensus.recorded',
          entityType: 'call_application',
          entityId: applicationId,
          after: { criterionId, points: value, comment: note },
        });
      });
    },

    /**
     * The chair approves the ranking: refused while anything is pending (evaluations missing, a
     * further evaluator, the consensus agenda). Stored as the next edition, exactly as computed.
     */
    async approveRanking(ctx: Ctx, callId: string): Promise<RankingRowStored> {
      await c.findCall(db, callId);
      judgingPolicy.check(ctx.actor, 'chair', { juryRole: await juryRoleOf(db, callId, ctx.actor?.id) });
      return db.transaction(async (tx) => {
        const call = await c.lockCall(tx, callId);
        if (call.status !== 'published') throw new RuleError('callClosed', undefined, 409);
        const result = await rank(tx, call);
        if (!result.complete || result.rows.length === 0) {
          const pending = result.rows
            .filter((r) => r.pending.length)
            .map((r) => ({ number: r.number, pending: r.pending }));
          throw new RuleError('rankingIncomplete', undefined, 409, { pending });
        }
        const [last] = await tx
          .select({ n: max(callRankings.edition) })
          .from(callRankings)
          .where(eq(callRankings.callId, callId));
        const [row] = await tx
          .insert(callRankings)
          .values({
            id: uuidv7(),
            callId,
            edition: (last?.n ?? 0) + 1,
            result,
            approvedBy: ctx.actor!.id,
            approvedAt: ctx.now,
          })
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call.ranking_approved',
          entityType: 'call',
          entityId: callId,
          after: { edition: row!.edition },
        });
        return row!;
      });
    },

    /** The latest approved ranking of the call, or null. */
    async approvedRanking(callId: string): Promise<RankingRowStored | null> {
      const [row] = await db
        .select()
        .from(callRankings)
        .where(eq(callRankings.callId, callId))
        .orderBy(desc(callRankings.edition))
        .limit(1);
      return row ?? null;
    },

    /**
     * Staff publish the approved ranking: each application funded or not (with the amount granted),
     * the call's results out, every applicant mailed their decision. Refused when the stored scores
     * no longer give the approved ranking (a score was corrected since): the chair approves again.
     */
    async publishResults(ctx: Ctx, callId: string): Promise<RankingRowStored> {
      callPolicy.check(ctx.actor, 'manage', {});
      const published = await c.changing(async (tx) => {
        const call = await c.lockCall(tx, callId);
        if (call.status !== 'published') throw new RuleError('callClosed', undefined, 409);
        const [ranking] = await tx
          .select()
          .from(callRankings)
          .where(eq(callRankings.callId, callId))
          .orderBy(desc(callRankings.edition))
          .limit(1);
        if (!ranking || ranking.publishedAt) throw new RuleError('nothingToPublish', undefined, 409);
        const result = ranking.result as RankingResult;
        if (canonical(await rank(tx, call)) !== canonical(result))
          throw new RuleError('rankingChanged', undefined, 409);
        for (const r of result.rows) {
          const [app] = await tx
            .update(callApplications)
            .set({
              status: r.funded ? 'funded' : 'not_funded',
              amountGranted: r.amountGranted,
              updatedAt: ctx.now,
            })
            .where(eq(callApplications.id, r.applicationId))
            .returning();
          const url = `${c.deps.baseUrl}/nabory/wnioski/${app!.id}`;
          if (r.funded)
            await mailApplicant(tx, app!, 'callsFunded', [
              call.title,
              app!.number,
              r.amountGranted === null ? null : plnText(r.amountGranted),
              url,
            ]);
          else await mailApplicant(tx, app!, 'callsNotFunded', [call.title, app!.number, url]);
        }
        await tx.update(calls).set({ status: 'results', updatedAt: ctx.now }).where(eq(calls.id, callId));
        const [row] = await tx
          .update(callRankings)
          .set({ publishedAt: ctx.now })
          .where(eq(callRankings.id, ranking.id))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call.results_published',
          entityType: 'call',
          entityId: callId,
          after: { edition: ranking.edition, funded: result.rows.filter((r) => r.funded).length },
        });
        return row!;
      });
      return published;
    },

    /**
     * What the applicant sees of the judging: nothing of the scores until the results are published;
     * then their row of the published ranking.
     */
    async resultFor(
      ctx: Ctx,
      applicationId: string,
    ): Promise<{ published: false } | { published: true; row: RankingResult['rows'][number] | null }> {
      const app = await c.findApplication(db, applicationId);
      const actorId = ctx.actor?.id;
      const own =
        !!actorId &&
        (app.applicantId === actorId ||
          (!!app.organisationId &&
            (await c.deps.organisations.mine({ id: actorId })).some((o) => o.id === app.organisationId)));
      callPolicy.check(ctx.actor, 'write', { own });
      const [ranking] = await db
        .select()
        .from(callRankings)
        .where(eq(callRankings.callId, app.callId))
        .orderBy(desc(callRankings.edition))
        .limit(1);
      if (!ranking?.publishedAt) return { published: false };
      const result = ranking.result as RankingResult;
      return { published: true, row: result.rows.find((r) => r.applicationId === app.id) ?? null };
    },
  };
}
export type ResultUseCases = ReturnType<typeof resultUseCases>;
