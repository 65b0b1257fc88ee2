// The formal check (issue 13, judging step 1): after the deadline staff accept a submitted
// application for the jury, call its applicant to complete named answers by a date, or reject it
// formally with a reason. A completion may change only the answers staff named; the application
// keeps its number and goes back to 'submitted' for the check to continue.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { user } from '../../../platform/auth/schema.ts';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.ts';
import { enqueueMail, type MailRequest, type MailTemplates } from '../../../platform/mail/outbox.ts';
import { warsawDate, warsawTime } from '../../../platform/time/warsaw.ts';
import { validateAnswers } from '../answers.ts';
import { callPolicy } from '../policy.ts';
import { callApplicationFiles, callApplications } from '../schema.ts';
import type { CallUseCases } from './calls.ts';
import { type ApplicationRow, auditBy, type CallRow, type CallsContext, type Ctx } from './context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOTE_MAX = 2000;

/** Warsaw wall-clock time to the minute, as a mail names a date. */
export const warsawMinute = (d: Date) => `${warsawDate(d)} ${warsawTime(d)}`;

/** The same answer, once both are normalised (validateAnswers gives them in one shape). */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A required free text: trimmed, not blank, at most `max` characters. */
export function requiredText(value: unknown, field: string, max = NOTE_MAX): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new RuleError('reasonRequired', field);
  if (text.length > max) throw new RuleError('tooLong', field);
  return text;
}

/** Mails the applicant of an application (in their own language), inside the transaction. */
export async function mailApplicant<K extends keyof MailTemplates & string>(
  tx: Tx,
  app: Pick<ApplicationRow, 'applicantId'>,
  template: K,
  args: Parameters<MailTemplates[K]>,
): Promise<void> {
  if (!app.applicantId) return;
  const [to] = await tx
    .select({ email: user.email, locale: user.locale })
    .from(user)
    .where(eq(user.id, app.applicantId));
  if (!to) return;
  await enqueueMail(tx, {
    to: to.email,
    locale: to.locale,
    userId: app.applicantId,
    template,
    args,
  } as MailRequest);
}

export function formalUseCases(c: CallsContext, callsUc: Pick<CallUseCases, 'formOf'>) {
  const { db } = c;
  const url = (id: string) => `${c.deps.baseUrl}/nabory/wnioski/${id}`;

  /** Staff, after the deadline, with the application (locked) in one of the states the step takes. */
  async function staffStep(
    ctx: Ctx,
    tx: Tx,
    id: string,
    from: readonly ApplicationRow['status'][],
  ): Promise<{ app: ApplicationRow; call: CallRow }> {
    callPolicy.check(ctx.actor, 'manage', {});
    const app = await c.lockApplication(tx, id);
    const call = await c.findCall(tx, app.callId);
    if (ctx.now < call.deadlineAt) throw new RuleError('beforeDeadline', undefined, 409);
    if (!from.includes(app.status)) throw new RuleError('notAwaitingCheck', undefined, 409);
    return { app, call };
  }

  async function changed(tx: Tx, id: string, set: Partial<ApplicationRow>): Promise<ApplicationRow> {
    const [row] = await tx.update(callApplications).set(set).where(eq(callApplications.id, id)).returning();
    return row!;
  }

  return {
    /** Passed the formal check: goes to the jury. The checklist ticked is kept with it. */
    async accept(ctx: Ctx, id: string, checklist: Record<string, boolean> = {}): Promise<ApplicationRow> {
      const list = Object.fromEntries(
        Object.entries(checklist)
          .slice(0, 50)
          .map(([k, v]) => [k.slice(0, 60), v === true]),
      );
      return c.changing(async (tx) => {
        const { app } = await staffStep(ctx, tx, id, ['submitted']);
        const row = await changed(tx, id, { status: 'accepted', formalChecklist: list, updatedAt: ctx.now });
        await audit(tx, auditBy(ctx), {
          action: 'call_application.accepted',
          entityType: 'call_application',
          entityId: id,
          after: { number: app.number, checklist: list },
        });
        return row;
      });
    },

    /**
     * The applicant is called to complete the named answers (field keys of the form the application
     * answers) within `days` (the call's completion days unless given); they get a mail saying which
     * and by when.
     */
    async callToComplete(
      ctx: Ctx,
      id: string,
      input: { fields: string[]; note: string; days?: number },
    ): Promise<ApplicationRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      const note = requiredText(input.note, 'note');
      const fields = [...new Set(input.fields)];
      if (fields.length === 0) throw new RuleError('fieldsRequired', 'fields');
      // The form is read before the transaction: PGlite has one connection, which the transaction holds.
      const before = await c.findApplication(db, id);
      const form = await callsUc.formOf(before.callId, before.formVersion);
      return c.changing(async (tx) => {
        const { app, call } = await staffStep(ctx, tx, id, ['submitted']);
        const unknown = fields.find((k) => !form.some((f) => f.key === k));
        if (unknown) throw new RuleError('unknownField', 'fields', 422, { field: unknown });
        const days = input.days ?? call.completionDays;
        if (!Number.isInteger(days) || days < 1 || days > 60) throw new RuleError('outOfRange', 'days');
        const due = new Date(ctx.now.getTime() + days * DAY_MS);
        const row = await changed(tx, id, {
          status: 'to_complete',
          completionDueAt: due,
          completionFields: fields,
          completionNote: note,
          updatedAt: ctx.now,
        });
        await audit(tx, auditBy(ctx), {
          action: 'call_application.called_to_complete',
          entityType: 'call_application',
          entityId: id,
          after: { fields, note, dueAt: due.toISOString() },
        });
        const labels = fields.map((k) => form.find((f) => f.key === k)!.label.pl).join(', ');
        await mailApplicant(tx, app, 'callsToComplete', [
          call.title,
          app.number,
          labels,
          note,
          warsawMinute(due),
          url(id),
        ]);
        return row;
      });
    },

    /**
     * The applicant's completion: only the named answers may change (any other that differs from
     * what was submitted is refused, naming it), the whole application must then be complete and
     * valid, and it must come before the date staff set. It goes back to 'submitted', its number kept.
     */
    async complete(ctx: Ctx, id: string, answers: Record<string, unknown>): Promise<ApplicationRow> {
      const before = await c.findApplication(db, id);
      callPolicy.check(ctx.actor, 'write', { own: await c.owns(ctx, before) });
      const call = await c.findCall(db, before.callId);
      const form = await callsUc.formOf(call.id, before.formVersion);
      const subareaIds = call.subareaIds.length
        ? call.subareaIds
        : (await c.deps.places.subareaOptions()).map((s) => s.id);
      return c.changing(async (tx) => {
        const app = await c.lockApplication(tx, id);
        if (app.status !== 'to_complete') throw new RuleError('notToComplete', undefined, 409);
        if (!app.completionDueAt || ctx.now >= app.completionDueAt)
          throw new RuleError('completionOverdue', undefined, 409);
        const named = new Set(app.completionFields);
        const merged: Record<string, unknown> = { ...app.answers };
        for (const [key, value] of Object.entries(answers)) {
          if (named.has(key)) merged[key] = value;
          else if (!same(value, app.answers[key])) throw new RuleError('fieldNotNamed', `a.${key}`, 422);
        }
        const files = await tx
          .select({ id: callApplicationFiles.id, fieldKey: callApplicationFiles.fieldKey })
          .from(callApplicationFiles)
          .where(eq(callApplicationFiles.applicationId, id));
        const checked = validateAnswers(
          form,
          merged,
          { maxAmount: call.maxAmount, subareaIds, files },
          'submit',
        );
        if (!checked.ok) {
          const [field, code] = Object.entries(checked.errors)[0]!;
          throw new RuleError(code, `a.${field}`, 422, { errors: checked.errors });
        }
        // Normalising could only touch a named answer: an unnamed one is as it was submitted.
        const touched = form
          .filter((f) => !same(checked.answers[f.key], app.answers[f.key]))
          .map((f) => f.key);
        const stray = touched.find((k) => !named.has(k));
        if (stray) throw new RuleError('fieldNotNamed', `a.${stray}`, 422);
        const subarea = form.find((f) => f.type === 'subarea');
        const subareaValue = subarea ? checked.answers[subarea.key] : undefined;
        const [row] = await tx
          .update(callApplications)
          .set({
            status: 'submitted',
            answers: checked.answers,
            amountRequested: checked.amountRequested,
            subareaId: typeof subareaValue === 'string' ? subareaValue : null,
            updatedAt: ctx.now,
          })
          .where(and(eq(callApplications.id, id), eq(callApplications.status, 'to_complete')))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call_application.completed',
          entityType: 'call_application',
          entityId: id,
          before: Object.fromEntries(touched.map((k) => [k, app.answers[k] ?? null])),
          after: Object.fromEntries(touched.map((k) => [k, checked.answers[k] ?? null])),
        });
        return row!;
      });
    },

    /** Rejected formally, with the reason the applicant is mailed (also one whose completion is overdue). */
    async rejectFormally(ctx: Ctx, id: string, reason: string): Promise<ApplicationRow> {
      if (!ctx.actor) throw new ForbiddenError('signInFirst');
      const why = requiredText(reason, 'reason');
      return c.changing(async (tx) => {
        const { app, call } = await staffStep(ctx, tx, id, ['submitted', 'to_complete']);
        const row = await changed(tx, id, {
          status: 'formally_rejected',
          formalReason: why,
          updatedAt: ctx.now,
        });
        await audit(tx, auditBy(ctx), {
          action: 'call_application.formally_rejected',
          entityType: 'call_application',
          entityId: id,
          after: { number: app.number, reason: why },
        });
        await mailApplicant(tx, app, 'callsFormallyRejected', [call.title, app.number, why, url(id)]);
        return row;
      });
    },
  };
}
export type FormalUseCases = ReturnType<typeof formalUseCases>;
