// Staff decisions on an agreement, each under the agreement's row lock: accept (with its number
// and, for a fixed-desk package, the desk), refuse, end early.
import { and, eq, sql } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { formatDay, formatMoney } from '../../../platform/i18n/index.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { addDays, todayInWarsaw, warsawDate } from '../../../platform/time/warsaw.ts';
import { changeIn } from '../changes.ts';
import { releaseFixedDesk, reserveFixedDesk } from '../desks.ts';
import { type AgreementStatus, spaceAgreements, spaceDesks, spaceResources } from '../schema.ts';
import { type AgreementActor, type AgreementsContext, translateDbError } from './context.ts';
import { formatPeriod } from './dates-money.ts';
import { endInput, refuseInput } from './input.ts';

export function decisionUseCases(shared: AgreementsContext) {
  const { db, agreementUrl, staffOnly, lockAgreement, recipient, packageRow } = shared;

  return {
    /** Accepts an application: a number, the acceptance time, for a fixed-desk package the desk. */
    async accept(ctx: ActorContext<AgreementActor>, id: string, input: { deskId?: string | undefined }) {
      const { actor } = ctx;
      staffOnly(actor);
      try {
        return await changeIn(db, async (tx) => {
          const a = await lockAgreement(tx, id);
          if (a.status !== 'applied') throw new RuleError('alreadyDecided', undefined, 409);
          const pkg = await packageRow(tx, a.packageId);
          let deskId: string | null = null;
          if (pkg.fixedDesk) {
            if (!input.deskId) throw new RuleError('deskRequired', 'deskId');
            if (!uuidPattern.test(input.deskId)) throw new RuleError('deskUnknown', 'deskId');
            const [desk] = await tx
              .select({ id: spaceDesks.id, resourceId: spaceDesks.resourceId })
              .from(spaceDesks)
              .innerJoin(spaceResources, eq(spaceResources.id, spaceDesks.resourceId))
              .where(and(eq(spaceDesks.id, input.deskId), eq(spaceResources.kind, 'desk')));
            if (!desk) throw new RuleError('deskUnknown', 'deskId');
            // The desk leaves the day-booking pool first (under the day rows' locks); the exclusion
            // constraint then refuses the update below if the desk is fixed for someone else.
            await reserveFixedDesk(tx, desk.resourceId, a.startsOn, a.endsOn);
            deskId = desk.id;
          }
          const at = ctx.now;
          const year = warsawDate(at).slice(0, 4);
          const counter = await tx.execute(sql`
            insert into space_counter (key, value) values (${`UDS/${year}`}, 1)
            on conflict (key) do update set value = space_counter.value + 1
            returning value`);
          const value = Number((counter as unknown as { rows: Array<{ value: number }> }).rows[0]!.value);
          const number = `UDS/${year}/${String(value).padStart(4, '0')}`;
          const set = {
            status: 'accepted' as const,
            number,
            deskId,
            decidedBy: actor.id,
            decidedAt: at,
            concludedAt: at,
            decisionReason: null,
            updatedAt: at,
          };
          await tx.update(spaceAgreements).set(set).where(eq(spaceAgreements.id, id));
          await audit(tx, auditActor(actor, ctx), {
            action: 'space_agreement.accepted',
            entityType: 'space_agreement',
            entityId: id,
            before: { status: a.status },
            after: { status: 'accepted', number, deskId },
          });
          const to = await recipient(tx, a.userId);
          await enqueueMail(tx, {
            to: to.email,
            name: to.name,
            locale: to.locale,
            userId: a.userId,
            template: 'agreementAccepted',
            args: [
              number,
              pkg.name,
              formatPeriod(to.locale, a.startsOn, a.endsOn),
              formatMoney(a.priceGrosze),
              agreementUrl(id),
            ],
          });
          return { number };
        });
      } catch (err) {
        throw translateDbError(err);
      }
    },

    async refuse(ctx: ActorContext<AgreementActor>, id: string, reason: string): Promise<void> {
      const { actor } = ctx;
      staffOnly(actor);
      const parsed = refuseInput.safeParse({ reason });
      if (!parsed.success) throw new RuleError(reason.trim() ? 'reasonTooLong' : 'reasonRequired', 'reason');
      await changeIn(db, async (tx) => {
        const a = await lockAgreement(tx, id);
        if (a.status !== 'applied') throw new RuleError('alreadyDecided', undefined, 409);
        const at = ctx.now;
        await tx
          .update(spaceAgreements)
          .set({
            status: 'refused',
            decisionReason: parsed.data.reason,
            decidedBy: actor.id,
            decidedAt: at,
            updatedAt: at,
          })
          .where(eq(spaceAgreements.id, id));
        await audit(tx, auditActor(actor, ctx), {
          action: 'space_agreement.refused',
          entityType: 'space_agreement',
          entityId: id,
          before: { status: a.status },
          after: { status: 'refused', reason: parsed.data.reason },
        });
        const pkg = await packageRow(tx, a.packageId);
        const to = await recipient(tx, a.userId);
        await enqueueMail(tx, {
          to: to.email,
          name: to.name,
          locale: to.locale,
          userId: a.userId,
          template: 'agreementRefused',
          args: [pkg.name, parsed.data.reason, agreementUrl(id)],
        });
      });
    },

    /**
     * Ends an accepted agreement early: its last day becomes `endsOn` (from the start, before the
     * current end). A fixed desk returns to the pool for the days after. The agreement stays
     * usable up to the new last day; once that day has passed its status is "ended".
     */
    async end(ctx: ActorContext<AgreementActor>, id: string, input: { endsOn: string; reason: string }) {
      const { actor } = ctx;
      staffOnly(actor);
      const parsed = endInput.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0] ?? '');
        if (field === 'reason')
          throw new RuleError(input.reason?.trim() ? 'reasonTooLong' : 'reasonRequired', 'reason');
        throw new RuleError(issue.message === 'endRequired' ? 'endRequired' : 'dateInvalid', 'endsOn');
      }
      const { endsOn, reason } = parsed.data;
      const day = todayInWarsaw(ctx.now);
      await changeIn(db, async (tx) => {
        const a = await lockAgreement(tx, id);
        if (a.status !== 'accepted') throw new RuleError('notAccepted', undefined, 409);
        if (endsOn < a.startsOn) throw new RuleError('endBeforeStart', 'endsOn');
        if (endsOn >= a.endsOn) throw new RuleError('endNotEarlier', 'endsOn');
        if (a.deskId) {
          const [desk] = await tx
            .select({ resourceId: spaceDesks.resourceId })
            .from(spaceDesks)
            .where(eq(spaceDesks.id, a.deskId));
          if (desk) await releaseFixedDesk(tx, desk.resourceId, addDays(endsOn, 1), a.endsOn);
        }
        const at = ctx.now;
        const status: AgreementStatus = endsOn < day ? 'ended' : 'accepted';
        await tx
          .update(spaceAgreements)
          .set({ status, endsOn, endedAt: at, endReason: reason, updatedAt: at })
          .where(eq(spaceAgreements.id, id));
        await audit(tx, auditActor(actor, ctx), {
          action: 'space_agreement.ended',
          entityType: 'space_agreement',
          entityId: id,
          before: { status: a.status, endsOn: a.endsOn },
          after: { status, endsOn, reason },
        });
        const to = await recipient(tx, a.userId);
        await enqueueMail(tx, {
          to: to.email,
          name: to.name,
          locale: to.locale,
          userId: a.userId,
          template: 'agreementEnded',
          args: [a.number ?? '', formatDay(to.locale, endsOn), reason, agreementUrl(id)],
        });
      });
    },
  };
}
