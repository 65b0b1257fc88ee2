// Staff write a call: its details, its application form (in versions) and publish or cancel it.
// A form is versioned: while no application answers the current version and the call is a draft, a
// change rewrites it; otherwise a change makes the next version, and applications keep theirs.
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { violatedConstraint } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { userIdsByEmail } from '../../../platform/auth/users.ts';
import { translationsOf } from '../../../platform/content.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { warsawDate } from '../../../platform/time/warsaw.ts';
import { checkFormFields } from '../answers.ts';
import type { FormField } from '../form.ts';
import { callPolicy } from '../policy.ts';
import { type ApplicationStatus, callApplications, callFormVersions, calls } from '../schema.ts';
import { auditBy, type CallRow, type CallsContext, type Ctx, isOpen } from './context.ts';
import { type CallInput, callInput } from './input.ts';

const CANCEL_REASON_MAX = 1000;

/** How many applications are in each state (states with none left out). */
export type StatusCounts = Partial<Record<ApplicationStatus, number>>;

/** The columns a call's input writes. */
function columnsOf(input: ReturnType<typeof callInput.parse>) {
  return {
    title: input.title.pl,
    titleI18n: translationsOf(input.title),
    description: input.description.pl,
    descriptionI18n: translationsOf(input.description),
    kind: input.kind,
    numberPrefix: input.numberPrefix,
    numberYear: Number(warsawDate(input.opensAt).slice(0, 4)),
    personsMayApply: input.personsMayApply,
    organisationKinds: input.organisationKinds,
    opensAt: input.opensAt,
    deadlineAt: input.deadlineAt,
    resultsAt: input.resultsAt ?? null,
    budget: input.budget ?? null,
    places: input.places ?? null,
    maxAmount: input.maxAmount ?? null,
    subareaIds: input.subareaIds,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
    evaluatorsPerApplication: input.evaluatorsPerApplication,
    dispersionShare: input.dispersionShare,
    consensusGap: input.consensusGap,
    totalThreshold: input.totalThreshold ?? null,
    tieRule: input.tieRule,
    completionDays: input.completionDays,
    appealDays: input.appealDays,
  };
}

/** A number prefix is used by one call a year: a second one is refused (the UNIQUE constraint decides). */
async function prefixOnce<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (violatedConstraint(err, '23505') === 'call_call_number_unique')
      throw new RuleError('prefixTaken', 'numberPrefix');
    throw err;
  }
}

export function callUseCases(c: CallsContext) {
  const { db } = c;

  async function checkSubareas(ids: readonly string[]) {
    if (!ids.length) return;
    const known = new Set((await c.deps.places.subareaOptions()).map((s) => s.id));
    if (ids.some((id) => !known.has(id))) throw new RuleError('unknownSubarea', 'subareaIds');
  }

  /** Applications per call and state. */
  async function countsByStatus(ids: readonly string[]): Promise<Map<string, StatusCounts>> {
    const byCall = new Map<string, StatusCounts>();
    if (!ids.length) return byCall;
    const rows = await db
      .select({ callId: callApplications.callId, status: callApplications.status, n: count() })
      .from(callApplications)
      .where(inArray(callApplications.callId, [...ids]))
      .groupBy(callApplications.callId, callApplications.status);
    for (const r of rows) byCall.set(r.callId, { ...byCall.get(r.callId), [r.status]: Number(r.n) });
    return byCall;
  }

  return {
    /** A new call, as a draft with an empty form (version 1). */
    async create(ctx: Ctx, raw: CallInput): Promise<CallRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      const input = checkedInput(callInput, raw);
      await checkSubareas(input.subareaIds);
      const now = ctx.now;
      return prefixOnce(() =>
        c.changing(async (tx) => {
          const [row] = await tx
            .insert(calls)
            .values({
              id: uuidv7(),
              ...columnsOf(input),
              createdBy: ctx.actor?.id ?? null,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          await tx
            .insert(callFormVersions)
            .values({ id: uuidv7(), callId: row!.id, version: 1, fields: [], createdAt: now });
          await audit(tx, auditBy(ctx), {
            action: 'call.created',
            entityType: 'call',
            entityId: row!.id,
            after: { title: row!.title, kind: row!.kind },
          });
          return row!;
        }),
      );
    },

    /**
     * The call's details changed. A published call keeps its number prefix and opening (its
     * applications' numbers carry them); its deadline may move, but not into the past.
     */
    async update(ctx: Ctx, id: string, raw: CallInput): Promise<CallRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      const input = checkedInput(callInput, raw);
      await checkSubareas(input.subareaIds);
      return prefixOnce(() =>
        c.changing(async (tx) => {
          const before = await c.lockCall(tx, id);
          if (before.status === 'cancelled' || before.status === 'results')
            throw new RuleError('callClosed', undefined, 409);
          if (before.status === 'published') {
            if (input.numberPrefix !== before.numberPrefix)
              throw new RuleError('prefixFixedOncePublished', 'numberPrefix');
            if (input.opensAt.getTime() !== before.opensAt.getTime() && before.opensAt <= ctx.now)
              throw new RuleError('openingFixedOnceOpen', 'opensAt');
            if (input.deadlineAt.getTime() !== before.deadlineAt.getTime() && input.deadlineAt <= ctx.now)
              throw new RuleError('deadlineInPast', 'deadlineAt');
          }
          const [row] = await tx
            .update(calls)
            .set({ ...columnsOf(input), updatedAt: ctx.now })
            .where(eq(calls.id, id))
            .returning();
          await audit(tx, auditBy(ctx), {
            action: 'call.updated',
            entityType: 'call',
            entityId: id,
            before: { title: before.title, deadlineAt: before.deadlineAt },
            after: { title: row!.title, deadlineAt: row!.deadlineAt },
          });
          return row!;
        }),
      );
    },

    /**
     * The application form's fields, checked (answers.ts). Rewrites the current version while the
     * call is a draft and no application answers it; otherwise stores the next version.
     */
    async setForm(
      ctx: Ctx,
      id: string,
      rawFields: unknown,
    ): Promise<{ version: number; fields: FormField[] }> {
      callPolicy.check(ctx.actor, 'manage', {});
      const fields = checkFormFields(rawFields);
      return c.changing(async (tx) => {
        const call = await c.lockCall(tx, id);
        if (call.status === 'cancelled' || call.status === 'results')
          throw new RuleError('callClosed', undefined, 409);
        const [answered] = await tx
          .select({ n: count() })
          .from(callApplications)
          .where(and(eq(callApplications.callId, id), eq(callApplications.formVersion, call.formVersion)));
        let version = call.formVersion;
        if (call.status === 'draft' && answered!.n === 0) {
          await tx
            .update(callFormVersions)
            .set({ fields, createdAt: ctx.now })
            .where(and(eq(callFormVersions.callId, id), eq(callFormVersions.version, version)));
        } else {
          version += 1;
          await tx
            .insert(callFormVersions)
            .values({ id: uuidv7(), callId: id, version, fields, createdAt: ctx.now });
          await tx.update(calls).set({ formVersion: version, updatedAt: ctx.now }).where(eq(calls.id, id));
        }
        await audit(tx, auditBy(ctx), {
          action: 'call.form_changed',
          entityType: 'call',
          entityId: id,
          after: { version, keys: fields.map((f) => f.key) },
        });
        return { version, fields };
      });
    },

    /** Public from now: open for applications from its opening to its deadline. Needs a form. */
    async publish(ctx: Ctx, id: string): Promise<CallRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      return c.changing(async (tx) => {
        const call = await c.lockCall(tx, id);
        if (call.status !== 'draft') throw new RuleError('notDraftCall', undefined, 409);
        if (call.deadlineAt <= ctx.now) throw new RuleError('deadlineInPast', 'deadlineAt');
        const [form] = await tx
          .select({ fields: callFormVersions.fields })
          .from(callFormVersions)
          .where(and(eq(callFormVersions.callId, id), eq(callFormVersions.version, call.formVersion)));
        if (!form || form.fields.length === 0) throw new RuleError('formEmpty');
        const [row] = await tx
          .update(calls)
          .set({ status: 'published', updatedAt: ctx.now })
          .where(eq(calls.id, id))
          .returning();
        await audit(tx, auditBy(ctx), { action: 'call.published', entityType: 'call', entityId: id });
        return row!;
      });
    },

    /** Cancelled: stays visible with the reason; drafts and submitted applications stay for the record. */
    async cancel(ctx: Ctx, id: string, reason: string): Promise<CallRow> {
      callPolicy.check(ctx.actor, 'manage', {});
      const why = reason.trim();
      if (!why) throw new RuleError('reasonRequired', 'reason');
      if ([...why].length > CANCEL_REASON_MAX) throw new RuleError('tooLong', 'reason');
      return c.changing(async (tx) => {
        const call = await c.lockCall(tx, id);
        if (call.status === 'cancelled' || call.status === 'results')
          throw new RuleError('callClosed', undefined, 409);
        const [row] = await tx
          .update(calls)
          .set({ status: 'cancelled', cancelReason: why, updatedAt: ctx.now })
          .where(eq(calls.id, id))
          .returning();
        await audit(tx, auditBy(ctx), {
          action: 'call.cancelled',
          entityType: 'call',
          entityId: id,
          after: { reason: why },
        });
        return row!;
      });
    },

    /** A call as staff see it (any state), or the public (published, with results, or cancelled). */
    async get(ctx: Ctx, id: string): Promise<CallRow> {
      const call = await c.findCall(db, id);
      if (call.status === 'draft' && !callPolicy.can(ctx.actor, 'manage', {}))
        throw new NotFoundError('call');
      return call;
    },

    /** Calls by id, as the reader may see them (drafts only for staff), for lists of applications. */
    async byIds(ctx: Ctx, ids: readonly string[]): Promise<CallRow[]> {
      if (!ids.length) return [];
      const rows = await db
        .select()
        .from(calls)
        .where(inArray(calls.id, [...ids]));
      return rows.filter((r) => r.status !== 'draft' || callPolicy.can(ctx.actor, 'manage', {}));
    },

    /** The revitalisation subareas (the places module), as a form's options. */
    async subareas(): Promise<Array<{ value: string; label: string }>> {
      return (await c.deps.places.subareaOptions()).map((s) => ({ value: s.id, label: s.name }));
    },

    /** A call's applications past the draft, for staff (the formal check): newest number last. */
    async applicationsOf(ctx: Ctx, callId: string): Promise<Array<typeof callApplications.$inferSelect>> {
      callPolicy.check(ctx.actor, 'manage', {});
      return db
        .select()
        .from(callApplications)
        .where(and(eq(callApplications.callId, callId), ne(callApplications.status, 'draft')))
        .orderBy(asc(callApplications.seq))
        .limit(5000);
    },

    /** One application of a call, as staff see it for the formal check. */
    async staffApplication(
      ctx: Ctx,
      callId: string,
      id: string,
    ): Promise<typeof callApplications.$inferSelect> {
      callPolicy.check(ctx.actor, 'manage', {});
      const row = await c.findApplication(db, id);
      if (row.callId !== callId || row.status === 'draft') throw new NotFoundError('application');
      return row;
    },

    /** The account with this e-mail address (staff appoint jurors by it), or null. */
    async userIdByEmail(ctx: Ctx, email: string): Promise<string | null> {
      callPolicy.check(ctx.actor, 'manage', {});
      return (await userIdsByEmail(db, [email.trim().toLowerCase()])).get(email.trim().toLowerCase()) ?? null;
    },

    /** The fields of a version of a call's form. */
    async formOf(callId: string, version: number): Promise<FormField[]> {
      const [form] = await db
        .select({ fields: callFormVersions.fields })
        .from(callFormVersions)
        .where(and(eq(callFormVersions.callId, callId), eq(callFormVersions.version, version)));
      return (form?.fields ?? []) as FormField[];
    },

    /**
     * Every call, drafts included, for the staff's list: newest deadline first, with how many of its
     * applications are in each state (drafts being written count too, so staff see interest early).
     */
    async staffList(ctx: Ctx): Promise<Array<CallRow & { applications: StatusCounts }>> {
      callPolicy.check(ctx.actor, 'manage', {});
      const rows = await db.select().from(calls).orderBy(desc(calls.deadlineAt)).limit(500);
      const counts = await countsByStatus(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, applications: counts.get(r.id) ?? {} }));
    },

    /** How many of a call's applications are in each state, for its staff page. */
    async applicationCounts(ctx: Ctx, callId: string): Promise<StatusCounts> {
      callPolicy.check(ctx.actor, 'manage', {});
      return (await countsByStatus([callId])).get(callId) ?? {};
    },

    /** Applications submitted and waiting for the formal check, across all calls (the staff's queue). */
    async submittedCount(): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(callApplications)
        .where(eq(callApplications.status, 'submitted'));
      return Number(row?.n ?? 0);
    },

    /**
     * The current version of a call's form, for the form builder: its fields, and whether a change
     * would make the next version (the call is no longer a draft, or an application answers it).
     */
    async formState(
      ctx: Ctx,
      callId: string,
    ): Promise<{ version: number; fields: FormField[]; nextChangeMakesVersion: boolean }> {
      callPolicy.check(ctx.actor, 'manage', {});
      const call = await c.findCall(db, callId);
      const [answered] = await db
        .select({ n: count() })
        .from(callApplications)
        .where(and(eq(callApplications.callId, callId), eq(callApplications.formVersion, call.formVersion)));
      const [form] = await db
        .select({ fields: callFormVersions.fields })
        .from(callFormVersions)
        .where(and(eq(callFormVersions.callId, callId), eq(callFormVersions.version, call.formVersion)));
      return {
        version: call.formVersion,
        fields: (form?.fields ?? []) as FormField[],
        nextChangeMakesVersion: call.status !== 'draft' || answered!.n > 0,
      };
    },

    /** The public calls: open ones first (by deadline), then upcoming, then closed, newest first. */
    async publicList(ctx: Ctx): Promise<Array<CallRow & { open: boolean }>> {
      const rows = await db
        .select()
        .from(calls)
        .where(inArray(calls.status, ['published', 'results', 'cancelled']))
        .orderBy(desc(calls.deadlineAt))
        .limit(500);
      const now = ctx.now;
      const rank = (r: CallRow) => (isOpen(r, now) ? 0 : r.status === 'published' && r.opensAt > now ? 1 : 2);
      return rows
        .map((r) => ({ ...r, open: isOpen(r, now) }))
        .sort(
          (a, b) =>
            rank(a) - rank(b) ||
            (rank(a) < 2 ? +a.deadlineAt - +b.deadlineAt : +b.deadlineAt - +a.deadlineAt),
        );
    },
  };
}
export type CallUseCases = ReturnType<typeof callUseCases>;
