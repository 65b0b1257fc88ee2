// Reading a call's stored rows into what ranking.ts computes from: the criteria, the applications
// in judging, their evaluations (only current scores of submitted ones count) and the consensus.
// The scoring (a further evaluator) and the results (ranking, approval, publication) both read it.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { computeRanking, type RankingInput } from '../ranking.ts';
import { callApplications, callAssignments, callConsensus, callCriteria, callScores } from '../schema.ts';
import type { CallRow, CallsContext } from './context.ts';

import type { CriterionRow } from './scoring.ts';

export function rankingReader(_c: CallsContext) {
  async function criteriaOf(executor: Db | Tx, callId: string): Promise<CriterionRow[]> {
    return executor
      .select()
      .from(callCriteria)
      .where(eq(callCriteria.callId, callId))
      .orderBy(asc(callCriteria.position));
  }

  /**
   * What ranking.ts needs, read from the stored rows: only current scores of submitted evaluations.
   * Four statements by the call (joins, not lists of ids), only the columns the ranking reads, and
   * grouped in maps: 10,000 applications with 30,000 evaluations and 300,000 scores stay linear.
   */
  async function rankingInput(
    executor: Db | Tx,
    call: CallRow,
    onlyApplication?: string,
  ): Promise<RankingInput> {
    const criteria = await criteriaOf(executor, call.id);
    // One application's own figures (its dispersion, its agenda) depend on nothing else.
    const ofCall = onlyApplication
      ? and(eq(callApplications.callId, call.id), eq(callApplications.id, onlyApplication))!
      : eq(callApplications.callId, call.id);
    const apps = await executor
      .select({
        id: callApplications.id,
        number: callApplications.number,
        seq: callApplications.seq,
        submittedAt: callApplications.submittedAt,
        amountRequested: callApplications.amountRequested,
      })
      .from(callApplications)
      .where(and(ofCall, inArray(callApplications.status, ['accepted', 'funded', 'not_funded'])));
    const assignments = await executor
      .select({
        id: callAssignments.id,
        applicationId: callAssignments.applicationId,
        evaluatorId: callAssignments.evaluatorId,
        status: callAssignments.status,
        further: callAssignments.further,
      })
      .from(callAssignments)
      .innerJoin(callApplications, eq(callAssignments.applicationId, callApplications.id))
      .where(ofCall);
    // One row per submitted evaluation with its points as a JSON object: 30,000 rows to read
    // rather than 300,000 (the reading, not the ranking, was most of the time).
    const scores = await executor
      .select({
        assignmentId: callScores.assignmentId,
        points: sql<
          Record<string, string>
        >`json_object_agg(${callScores.criterionId}, ${callScores.points}::text)`,
      })
      .from(callScores)
      .innerJoin(callAssignments, eq(callScores.assignmentId, callAssignments.id))
      .innerJoin(callApplications, eq(callAssignments.applicationId, callApplications.id))
      .where(and(ofCall, eq(callAssignments.status, 'submitted'), isNull(callScores.supersededBy)))
      .groupBy(callScores.assignmentId);
    const consensus = await executor
      .select({
        applicationId: callConsensus.applicationId,
        criterionId: callConsensus.criterionId,
        points: callConsensus.points,
      })
      .from(callConsensus)
      .innerJoin(callApplications, eq(callConsensus.applicationId, callApplications.id))
      .where(ofCall);
    const pointsOf = new Map(scores.map((s) => [s.assignmentId, s.points]));
    const evaluationsOf = new Map<string, RankingInput['applications'][number]['evaluations']>();
    for (const a of assignments) {
      const list = evaluationsOf.get(a.applicationId) ?? [];
      list.push({
        evaluatorId: a.evaluatorId,
        status: a.status,
        further: a.further === 1,
        points: a.status === 'submitted' ? (pointsOf.get(a.id) ?? {}) : {},
      });
      evaluationsOf.set(a.applicationId, list);
    }
    const agreedOf = new Map<string, Record<string, string | null>>();
    for (const k of consensus) {
      const row = agreedOf.get(k.applicationId) ?? {};
      row[k.criterionId] = k.points;
      agreedOf.set(k.applicationId, row);
    }
    return {
      call: {
        id: call.id,
        tieRule: call.tieRule,
        dispersionShare: call.dispersionShare,
        consensusGap: call.consensusGap,
        totalThreshold: call.totalThreshold,
        evaluatorsPerApplication: call.evaluatorsPerApplication,
        budget: call.budget,
        places: call.places,
      },
      criteria: criteria.map((k) => ({
        id: k.id,
        position: k.position,
        maxPoints: k.maxPoints,
        weight: k.weight,
        minPoints: k.minPoints,
      })),
      applications: apps.map((app) => ({
        id: app.id,
        number: app.number!,
        seq: app.seq!,
        submittedAt: app.submittedAt!,
        amountRequested: app.amountRequested,
        evaluations: evaluationsOf.get(app.id) ?? [],
        consensus: agreedOf.get(app.id) ?? {},
      })),
    };
  }

  const rank = async (executor: Db | Tx, call: CallRow, onlyApplication?: string) =>
    computeRanking(await rankingInput(executor, call, onlyApplication));

  return { criteriaOf, rankingInput, rank };
}
