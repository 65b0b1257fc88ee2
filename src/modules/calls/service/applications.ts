// Applying to a call: a person (or a member, for an organisation) starts an application, saves it as
// a draft over several visits, submits it before the deadline and gets its number; they can withdraw
// it before the deadline, or discard a draft.
//
// The deadline is decided by the moment the request arrived (ctx.now), not by when its turn at the
// call's lock came: a submission that reached us a second before the deadline is in, whatever the
// load, and one a second late is refused. The number is counted in the same statement that checks
// the deadline against the call row (an UPDATE … RETURNING, which takes the call's row lock until the
// transaction ends), so numbers in a call are unique and without gaps, and a refused or failed
// submission leaves the draft exactly as it was.
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { violatedConstraint } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { type AnswerContext, validateAnswers } from '../answers.ts';
import type { FormField } from '../form.ts';
import { type CallRefusal, callPolicy } from '../policy.ts';
import { callApplicationFiles, callApplications, calls } from '../schema.ts';
import type { CallUseCases } from './calls.ts';
import {
  type ApplicationRow,
  applicationNumber,
  auditBy,
  type CallRow,
  type CallsContext,
  type Ctx,
  isOpen,
} from './context.ts';
import { type DraftInput, draftInput } from './input.ts';

export interface ApplicationView {
  id: string;
  callId: string;
  status: ApplicationRow['status'];
  title: string;
  organisationId: string | null;
  number: string | null;
  submittedAt: Date | null;
  formVersion: number;
  answers: Record<string, unknown>;
  premisesChoice: string[];
  amountRequested: number | null;
  updatedAt: Date;
}

const viewOf = (row: ApplicationRow): ApplicationView => ({
  id: row.id,
  callId: row.callId,
  status: row.status,
  title: row.title,
  organisationId: row.organisationId,
  number: row.number,
  submittedAt: row.submittedAt,
  formVersion: row.formVersion,
  answers: row.answers,
  premisesChoice: row.premisesChoice,
  amountRequested: row.amountRequested,
  updatedAt: row.updatedAt,
});

/** The answers' refusal: the first field's code, and every field's in `details.errors` for the form. */
function answersRefused(errors: Record<string, string>): RuleError {
  const [field, code] = Object.entries(errors)[0]!;
  return new RuleError(code, `a.${field}`, 422, { errors });
}

export function applicationUseCases(c: CallsContext, callsUc: Pick<CallUseCases, 'formOf'>) {
  const { db } = c;

  /** The organisations the actor is a member of, by id, as the policy needs them. */
  async function membership(actorId: string) {
    const mine = await c.deps.organisations.mine({ id: actorId });
    return new Map(
      mine.map((o) => [o.id, { member: true, verified: o.status === 'verified', kind: o.kind }]),
    );
  }

  /** Whether the actor may write the application: they started it, or are a member of its organisation. */
  async function checkOwn(ctx: Ctx, row: ApplicationRow): Promise<void> {
    callPolicy.check(ctx.actor, 'write', { own: await c.owns(ctx, row) });
  }

  async function answerContext(call: CallRow, applicationId: string): Promise<AnswerContext> {
    const files = await db
      .select({ id: callApplicationFiles.id, fieldKey: callApplicationFiles.fieldKey })
      .from(callApplicationFiles)
      .where(eq(callApplicationFiles.applicationId, applicationId));
    // A call of no particular subareas takes any of them.
    const subareaIds = call.subareaIds.length
      ? call.subareaIds
      : (await c.deps.places.subareaOptions()).map((s) => s.id);
    return { maxAmount: call.maxAmount, subareaIds, files };
  }

  const subareaOf = (fields: readonly FormField[], answers: Record<string, unknown>): string | null => {
    const field = fields.find((f) => f.type === 'subarea');
    const value = field ? answers[field.key] : undefined;
    return typeof value === 'string' ? value : null;
  };

  return {
    /**
     * Whom the reader may apply as in the call: themselves (organisationId null) and each of their
     * organisations the policy admits; when no one, the reason (for the call's page).
     */
    async applyOptions(
      ctx: Ctx,
      call: Pick<CallRow, 'personsMayApply' | 'organisationKinds'>,
    ): Promise<{
      choices: Array<{ organisationId: string | null; name: string | null }>;
      refusal: CallRefusal | null;
    }> {
      const actor = ctx.actor;
      if (!actor) return { choices: [], refusal: 'signInFirst' };
      const base = { personsMayApply: call.personsMayApply, organisationKinds: call.organisationKinds };
      const choices: Array<{ organisationId: string | null; name: string | null }> = [];
      let refusal = callPolicy.refusal(actor, 'apply', { ...base, organisation: null });
      if (!refusal) choices.push({ organisationId: null, name: null });
      for (const o of await c.deps.organisations.mine({ id: actor.id })) {
        const organisation = { member: true, verified: o.status === 'verified', kind: o.kind };
        const why = callPolicy.refusal(actor, 'apply', { ...base, organisation });
        if (!why) choices.push({ organisationId: o.id, name: o.name });
        else if (refusal === 'personsMayNotApply') refusal = why;
      }
      return { choices, refusal: choices.length ? null : refusal };
    },

    /**
     * A new draft for the call: for the organisation named (the actor a member of it, verified, of a
     * kind the call admits) or for the actor as a person. One live application per applicant and call.
     */
    async start(ctx: Ctx, callId: string, organisationId: string | null = null): Promise<ApplicationView> {
      const actor = ctx.actor;
      if (!actor) throw new ForbiddenError('signInFirst');
      const call = await c.findCall(db, callId);
      if (!isOpen(call, ctx.now))
        throw new RuleError(call.deadlineAt <= ctx.now ? 'deadlinePassed' : 'callNotOpen', undefined, 409);
      const organisation = organisationId
        ? ((await membership(actor.id)).get(organisationId) ?? { member: false, verified: false, kind: '' })
        : null;
      callPolicy.check(actor, 'apply', {
        personsMayApply: call.personsMayApply,
        organisationKinds: call.organisationKinds,
        organisation,
      });
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(callApplications)
            .values({
              id: uuidv7(),
              callId,
              formVersion: call.formVersion,
              applicantId: actor.id,
              organisationId,
              createdAt: ctx.now,
              updatedAt: ctx.now,
            })
            .returning();
          await audit(tx, auditBy(ctx), {
            action: 'call_application.started',
            entityType: 'call_application',
            entityId: row!.id,
            after: { callId, organisationId },
          });
          return viewOf(row!);
        });
      } catch (err) {
        if (violatedConstraint(err, '23505') === 'call_application_one_live_idx')
          throw new RuleError('alreadyApplied', undefined, 409);
        throw err;
      }
    },

    /** The draft's title and answers saved; each answer given must be well-formed, none is required yet. */
    async save(ctx: Ctx, id: string, raw: DraftInput): Promise<ApplicationView> {
      const input = checkedInput(draftInput, raw);
      const row = await c.findApplication(db, id);
      await checkOwn(ctx, row);
      const call = await c.findCall(db, row.callId);
      if (ctx.now >= call.deadlineAt) throw new RuleError('deadlinePassed', undefined, 409);
      if (row.status !== 'draft') throw new RuleError('notDraft', undefined, 409);
      const fields = await callsUc.formOf(call.id, row.formVersion);
      const checked = validateAnswers(fields, input.answers, await answerContext(call, id), 'draft');
      if (!checked.ok) throw answersRefused(checked.errors);
      return db.transaction(async (tx) => {
        const [saved] = await tx
          .update(callApplications)
          .set({
            title: input.title,
            answers: checked.answers,
            premisesChoice: input.premisesChoice,
            amountRequested: checked.amountRequested,
            subareaId: subareaOf(fields, checked.answers),
            updatedAt: ctx.now,
          })
          // Only a draft is saved: a submission that got in first wins, and this one is refused.
          .where(and(eq(callApplications.id, id), eq(callApplications.status, 'draft')))
          .returning();
        if (!saved) throw new RuleError('notDraft', undefined, 409);
        return viewOf(saved);
      });
    },

    /**
     * Submitted: every required answer given and valid, the request in before the deadline. The
     * application gets its number (ZB/2026/0042) and the applicant a mail with it.
     */
    async submit(ctx: Ctx, id: string): Promise<ApplicationView> {
      const row = await c.findApplication(db, id);
      await checkOwn(ctx, row);
      const call = await c.findCall(db, row.callId);
      if (ctx.now >= call.deadlineAt) throw new RuleError('deadlinePassed', undefined, 409);
      if (row.status !== 'draft') throw new RuleError('notDraft', undefined, 409);
      if (!row.title.trim()) throw new RuleError('titleRequired', 'title');
      const fields = await callsUc.formOf(call.id, row.formVersion);
      const checked = validateAnswers(fields, row.answers, await answerContext(call, id), 'submit');
      if (!checked.ok) throw answersRefused(checked.errors);
      const submitted = await c.changing(async (tx) => {
        // The draft under its lock first: a second submission of the same draft waits here, then
        // finds it submitted.
        const draft = await c.lockApplication(tx, id);
        if (draft.status !== 'draft') throw new RuleError('notDraft', undefined, 409);
        if (draft.updatedAt.getTime() !== row.updatedAt.getTime())
          throw new RuleError('changedMeanwhile', undefined, 409);
        const [counted] = await tx
          .update(calls)
          .set({ numbersIssued: sql`${calls.numbersIssued} + 1` })
          .where(
            and(eq(calls.id, call.id), eq(calls.status, 'published'), sql`${calls.deadlineAt} > ${ctx.now}`),
          )
          .returning({
            seq: calls.numbersIssued,
            numberPrefix: calls.numberPrefix,
            numberYear: calls.numberYear,
          });
        if (!counted) throw new RuleError('deadlinePassed', undefined, 409);
        const number = applicationNumber(counted, counted.seq);
        const [saved] = await tx
          .update(callApplications)
          .set({
            status: 'submitted',
            seq: counted.seq,
            number,
            submittedAt: ctx.now,
            amountRequested: checked.amountRequested,
            subareaId: subareaOf(fields, checked.answers),
            updatedAt: ctx.now,
          })
          .where(eq(callApplications.id, id))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call_application.submitted',
          entityType: 'call_application',
          entityId: id,
          after: { number, formVersion: draft.formVersion },
        });
        const actor = ctx.actor as { email?: string; locale?: Locale } | null;
        if (actor?.email)
          await enqueueMail(tx, {
            to: actor.email,
            locale: ctx.locale,
            userId: ctx.actor!.id,
            template: 'callsSubmitted',
            args: [call.title, number, `${c.deps.baseUrl}/nabory/wnioski/${id}`],
          });
        return saved!;
      });
      return viewOf(submitted);
    },

    /**
     * Withdrawn before the deadline: a submitted application keeps its number (the record shows it
     * was withdrawn); a draft is discarded. The applicant may then start again.
     */
    async withdraw(ctx: Ctx, id: string): Promise<ApplicationView | null> {
      const row = await c.findApplication(db, id);
      await checkOwn(ctx, row);
      const call = await c.findCall(db, row.callId);
      if (ctx.now >= call.deadlineAt) throw new RuleError('deadlinePassed', undefined, 409);
      return c.changing(async (tx) => {
        const current = await c.lockApplication(tx, id);
        if (current.status === 'draft') {
          await tx.delete(callApplications).where(eq(callApplications.id, id));
          await audit(tx, auditBy(ctx), {
            action: 'call_application.discarded',
            entityType: 'call_application',
            entityId: id,
          });
          return null;
        }
        if (current.status !== 'submitted') throw new RuleError('notSubmitted', undefined, 409);
        const [saved] = await tx
          .update(callApplications)
          .set({ status: 'withdrawn', withdrawnAt: ctx.now, updatedAt: ctx.now })
          .where(eq(callApplications.id, id))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call_application.withdrawn',
          entityType: 'call_application',
          entityId: id,
          after: { number: current.number },
        });
        return viewOf(saved!);
      });
    },

    /** One application, for its applicant (or a member of its organisation). */
    async get(ctx: Ctx, id: string): Promise<ApplicationView> {
      const row = await c.findApplication(db, id);
      await checkOwn(ctx, row);
      return viewOf(row);
    },

    /** The actor's applications and their organisations', newest first. */
    async mine(ctx: Ctx): Promise<ApplicationView[]> {
      const actorId = ctx.actor?.id;
      if (!actorId) return [];
      const orgIds = [...(await membership(actorId)).keys()];
      const rows = await db
        .select()
        .from(callApplications)
        .where(
          orgIds.length
            ? or(eq(callApplications.applicantId, actorId), inArray(callApplications.organisationId, orgIds))
            : eq(callApplications.applicantId, actorId),
        )
        .orderBy(desc(callApplications.createdAt))
        .limit(200);
      return rows.map(viewOf);
    },
  };
}
export type ApplicationUseCases = ReturnType<typeof applicationUseCases>;
