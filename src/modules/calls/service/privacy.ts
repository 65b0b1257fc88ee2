// Applicants' and jurors' personal data: what "download my data" shows, and what account deletion
// does. A person's drafts go with the account; a submitted application stays, without the account
// link (applicant_id is set null by its foreign key): it is the record of a public procedure
// (the results list names it). A juror's evaluations are that record too: while the person sits on
// a jury or has evaluations, the deletion is refused with a reason (staff take them off first).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import type { PersonalDataContributor } from '../../../platform/privacy.ts';
import {
  callApplicationFiles,
  callApplications,
  callAssignments,
  callJuryMembers,
  callScores,
  calls,
} from '../schema.ts';

export function callsPrivacy(db: Db): PersonalDataContributor {
  return {
    name: 'calls',
    async exportFor(userId) {
      const applications = await db
        .select({
          call: calls.title,
          number: callApplications.number,
          status: callApplications.status,
          title: callApplications.title,
          organisationId: callApplications.organisationId,
          answers: callApplications.answers,
          amountRequested: callApplications.amountRequested,
          amountGranted: callApplications.amountGranted,
          submittedAt: callApplications.submittedAt,
          createdAt: callApplications.createdAt,
        })
        .from(callApplications)
        .innerJoin(calls, eq(calls.id, callApplications.callId))
        .where(eq(callApplications.applicantId, userId))
        .orderBy(callApplications.createdAt);
      const juries = await db
        .select({ call: calls.title, role: callJuryMembers.role, appointedAt: callJuryMembers.appointedAt })
        .from(callJuryMembers)
        .innerJoin(calls, eq(calls.id, callJuryMembers.callId))
        .where(eq(callJuryMembers.userId, userId));
      const evaluations = await db
        .select({
          application: callApplications.number,
          status: callAssignments.status,
          declaredAt: callAssignments.declaredAt,
          recusalReason: callAssignments.recusalReason,
          submittedAt: callAssignments.submittedAt,
          points: callScores.points,
          justification: callScores.justification,
        })
        .from(callAssignments)
        .innerJoin(callApplications, eq(callApplications.id, callAssignments.applicationId))
        .leftJoin(callScores, eq(callScores.assignmentId, callAssignments.id))
        .where(eq(callAssignments.evaluatorId, userId));
      return { applications, juries, evaluations };
    },
    async eraseFor(userId, tx: Tx) {
      const [onJury] = await tx
        .select({ callId: callJuryMembers.callId })
        .from(callJuryMembers)
        .where(eq(callJuryMembers.userId, userId))
        .limit(1);
      const [evaluated] = await tx
        .select({ id: callAssignments.id })
        .from(callAssignments)
        .where(eq(callAssignments.evaluatorId, userId))
        .limit(1);
      if (onJury || evaluated) throw new RuleError('calls.errors.jurorCannotBeDeleted');
      const drafts = await tx
        .select({ id: callApplications.id })
        .from(callApplications)
        .where(and(eq(callApplications.applicantId, userId), eq(callApplications.status, 'draft')));
      const ids = drafts.map((d) => d.id);
      if (ids.length) {
        await tx.delete(callApplicationFiles).where(inArray(callApplicationFiles.applicationId, ids));
        await tx.delete(callApplications).where(inArray(callApplications.id, ids));
      }
    },
  };
}
