// Applicants: applying (also for someone, at the desk), their agreements, withdrawing and renewing.
import { eq } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { isStaff } from '../../../platform/policy.ts';
import {
  addDays,
  daysBetween,
  isLocalDate,
  type LocalDate,
  laterDay,
  todayInWarsaw,
} from '../../../platform/time/warsaw.ts';
import { changeIn } from '../changes.ts';
import { type ApplicantKind, spaceAgreements, spacePackages } from '../schema.ts';
import {
  type AgreementActor,
  type AgreementsContext,
  START_HORIZON_DAYS,
  translateDbError,
} from './context.ts';
import { periodEnd, quote } from './dates-money.ts';
import { type ApplyInput, applyInput } from './input.ts';
import type { AgreementDetail, AgreementView } from './model.ts';
import { agreementPolicy } from './policy.ts';

const NGO_KINDS = ['foundation', 'association'] as const;

export function applicationUseCases(shared: AgreementsContext) {
  const { db, organisations, views, lockAgreement, recipient, packageRow, renewable, agreementUrl } = shared;

  /**
   * Creates an application (also used by renew). Checks the package, the applicant kind against the
   * person's organisations, the start date, the one-open-application rule; quotes and freezes the price.
   * `actor` applies; with `officer`, the request's staff member applies for them.
   */
  async function createApplication(
    ctx: ActorContext<AgreementActor>,
    actor: AgreementActor,
    input: {
      packageSlug: string;
      applicantKind: ApplicantKind;
      organisationId?: string | undefined;
      startsOn: LocalDate;
      message?: string | undefined;
      renewedFrom?: string | undefined;
    },
    /** Assisted service: the officer applying for the person `actor`. */
    officer?: AgreementActor,
  ): Promise<{ id: string }> {
    const day = todayInWarsaw(ctx.now);
    const [pkg] = await db.select().from(spacePackages).where(eq(spacePackages.slug, input.packageSlug));
    if (!pkg?.active) throw new RuleError('packageUnknown', 'package');
    if (!isLocalDate(input.startsOn)) throw new RuleError('dateInvalid', 'startsOn');
    if (input.startsOn < day) throw new RuleError('startInPast', 'startsOn');
    if (daysBetween(day, input.startsOn) > START_HORIZON_DAYS) throw new RuleError('startTooFar', 'startsOn');

    const mine = await organisations.mine(actor);
    let organisationId: string | null = null;
    if (input.organisationId) {
      const org = mine.find((o) => o.id === input.organisationId);
      if (!org) throw new RuleError('notYourOrganisation', 'organisation');
      organisationId = org.id;
    }
    if (input.applicantKind === 'ngo') {
      const isNgo = (o: (typeof mine)[number]) =>
        o.status === 'verified' && (NGO_KINDS as readonly string[]).includes(o.kind);
      if (!mine.some(isNgo)) throw new RuleError('ngoNotVerified', 'applicantKind');
      const chosen = mine.find((o) => o.id === organisationId);
      if (!chosen || !isNgo(chosen)) throw new RuleError('ngoOrganisation', 'organisation');
    }

    const startsOn = input.startsOn;
    const endsOn = periodEnd(startsOn, pkg.months);
    const price = quote(pkg, input.applicantKind);
    const id = uuidv7();
    const to = await recipient(db, actor.id);
    // One open application per person and package: the unique index refuses a second one.
    await db
      .transaction(async (tx) => {
        await tx.insert(spaceAgreements).values({
          id,
          userId: actor.id,
          organisationId,
          applicantKind: input.applicantKind,
          packageId: pkg.id,
          status: 'applied',
          startsOn,
          endsOn,
          daysTotal: pkg.days,
          priceGrosze: price,
          message: input.message ?? '',
          renewedFrom: input.renewedFrom ?? null,
          actedBy: officer?.id ?? null,
        });
        if (officer)
          await audit(tx, auditActor(officer, ctx), {
            action: 'space_agreement.applied_for',
            entityType: 'space_agreement',
            entityId: id,
            onBehalfOf: actor.id,
            after: { userId: actor.id, package: pkg.slug, startsOn },
          });
        await enqueueMail(tx, {
          to: to.email,
          name: to.name,
          locale: to.locale,
          userId: actor.id,
          template: 'agreementApplied',
          args: [pkg.name, agreementUrl(id)],
        });
      })
      .catch((err: unknown) => {
        throw translateDbError(err);
      });
    return { id };
  }

  return {
    /** Organisations the person may apply for. */
    myOrganisations: (actor: AgreementActor) => organisations.mine(actor),

    /**
     * Applies for the request's person; with `onBehalf`, the request's staff member applies for that
     * person (their rules).
     */
    async apply(
      ctx: ActorContext<AgreementActor>,
      raw: ApplyInput,
      onBehalf?: { person: AgreementActor },
    ): Promise<{ id: string }> {
      const actor = onBehalf ? onBehalf.person : ctx.actor;
      const officer = onBehalf ? ctx.actor : undefined;
      if (officer) agreementPolicy.check(officer, 'applyFor', { applicantId: actor.id });
      const parsed = applyInput.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new RuleError(
          issue.message || 'invalid',
          issue.path.length ? String(issue.path[0]) : undefined,
        );
      }
      const v = parsed.data;
      return createApplication(
        ctx,
        actor,
        {
          packageSlug: v.package,
          applicantKind: v.applicantKind,
          organisationId: v.organisation || undefined,
          startsOn: v.startsOn,
          message: v.message,
        },
        officer,
      );
    },

    /** The person's agreements and applications, newest first. */
    async mine(actor: AgreementActor): Promise<AgreementView[]> {
      return views(db, eq(spaceAgreements.userId, actor.id), { order: 'newest', limit: 200 });
    },

    /** One agreement: for its applicant, members of its organisation and staff; else 404. */
    async get(ctx: ActorContext<AgreementActor>, id: string): Promise<AgreementDetail> {
      const { actor } = ctx;
      const day = todayInWarsaw(ctx.now);
      if (!uuidPattern.test(id)) throw new NotFoundError('agreement');
      const [a] = await views(db, eq(spaceAgreements.id, id), { day });
      if (!a) throw new NotFoundError('agreement');
      const own = a.applicant.id === actor.id;
      const staff = isStaff(actor);
      if (!own && !staff) {
        const member = a.organisation
          ? (await organisations.mine(actor)).some((o) => o.id === a.organisation!.id)
          : false;
        if (!member) throw new NotFoundError('agreement');
      }
      const next = addDays(a.endsOn, 1);
      return {
        ...a,
        renewFrom: laterDay(next, day),
        can: {
          withdraw: own && a.status === 'applied',
          renew: own && a.package.active && renewable(a, day),
          decide: staff && a.status === 'applied',
          end: staff && a.status === 'accepted' && a.endsOn > a.startsOn && a.endsOn >= day,
        },
      };
    },

    async withdraw(ctx: ActorContext<AgreementActor>, id: string): Promise<void> {
      const { actor } = ctx;
      await changeIn(db, async (tx) => {
        const a = await lockAgreement(tx, id);
        if (a.userId !== actor.id) throw new NotFoundError('agreement');
        if (a.status !== 'applied') throw new RuleError('notApplied', undefined, 409);
        await tx
          .update(spaceAgreements)
          .set({ status: 'withdrawn', updatedAt: ctx.now })
          .where(eq(spaceAgreements.id, id));
      });
    },

    /** A new application on the same package, starting the day after the end (or today, if later). */
    async renew(ctx: ActorContext<AgreementActor>, id: string): Promise<{ id: string }> {
      const { actor } = ctx;
      if (!uuidPattern.test(id)) throw new NotFoundError('agreement');
      const [a] = await db.select().from(spaceAgreements).where(eq(spaceAgreements.id, id));
      if (!a || a.userId !== actor.id) throw new NotFoundError('agreement');
      const day = todayInWarsaw(ctx.now);
      if (!renewable(a, day)) throw new RuleError('notRenewable', undefined, 409);
      const pkg = await packageRow(db, a.packageId);
      const next = addDays(a.endsOn, 1);
      return createApplication(ctx, actor, {
        packageSlug: pkg.slug,
        applicantKind: a.applicantKind,
        organisationId: a.organisationId ?? undefined,
        startsOn: laterDay(next, day),
        message: '',
        renewedFrom: a.id,
      });
    },
  };
}
