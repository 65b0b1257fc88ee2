// An organisation's life: registration and editing by its owners, then the staff verification queue
// and the decision (verify or reject).
import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { user } from '../../../platform/auth/schema.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { foldName } from '../../../platform/fold.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { organisationPolicy } from '../policy.ts';
import { type OrganisationStatus, organisationMembers, organisations } from '../schema.ts';
import {
  type OrganisationsContext,
  type OrgRow,
  PAGE_SIZE,
  SIMILAR_NAME,
  summary,
  translateUnique,
} from './context.ts';
import { type OrganisationInput, organisationInput, rejectInput } from './input.ts';
import type { OrganisationSummary, ReviewDetail } from './model.ts';
import type { OrganisationQueries } from './queries.ts';

const snapshot = (row: OrgRow) => ({
  status: row.status,
  name: row.name,
  kind: row.kind,
  nip: row.nip,
  regon: row.regon,
  krs: row.krs,
  rejectionReason: row.rejectionReason,
  verifiedBy: row.verifiedBy,
  verifiedAt: row.verifiedAt?.toISOString() ?? null,
});

export function lifecycleUseCases(shared: OrganisationsContext, get: OrganisationQueries['get']) {
  const { db, places, orgUrl, subareaIdFor, subareaMap, lockOrganisation, guard, ownersOf } = shared;

  /**
   * Verified organisations whose name is the same or nearly so once folded ("Fundacja Zabłocie"
   * and "fundacja zablocie"): trigram similarity of the folded names, most similar first.
   * Only verified ones: they are public, so the warning can link to them.
   */
  async function similarNames(name: string): Promise<Array<{ id: string; name: string }>> {
    const folded = foldName(name);
    return db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(
        and(
          eq(organisations.status, 'verified'),
          or(
            eq(organisations.nameFolded, folded),
            sql`similarity(${organisations.nameFolded}, ${folded}) >= ${SIMILAR_NAME}`,
          ),
        ),
      )
      .orderBy(sql`similarity(${organisations.nameFolded}, ${folded}) desc`, asc(organisations.name))
      .limit(3);
  }

  async function countPending(): Promise<number> {
    const [pending] = await db
      .select({ n: count() })
      .from(organisations)
      .where(eq(organisations.status, 'pending'));
    return Number(pending?.n ?? 0);
  }

  /**
   * A staff decision on an organisation, in one transaction under the organisation's row lock: the
   * new status, an audit row with before and after, and an e-mail to every owner.
   */
  async function review(
    ctx: ActorContext<PolicyActor>,
    id: string,
    d: {
      refuseWhen: OrganisationStatus;
      refusal: string;
      action: string;
      set: (now: Date) => Partial<typeof organisations.$inferInsert>;
      mail: (
        org: typeof organisations.$inferSelect,
      ) =>
        | { template: 'orgVerified'; args: [string, string] }
        | { template: 'orgRejected'; args: [string, string, string] };
    },
  ): Promise<{ name: string }> {
    return db.transaction(async (tx) => {
      const org = await lockOrganisation(tx, id);
      await guard(tx, ctx.actor, org, 'review');
      if (org.status === d.refuseWhen) throw new RuleError(d.refusal);
      const at = ctx.now;
      const [after] = await tx
        .update(organisations)
        .set({ ...d.set(at), updatedAt: at })
        .where(eq(organisations.id, id))
        .returning();
      await audit(tx, auditActor(ctx.actor, ctx), {
        action: d.action,
        entityType: 'organisation',
        entityId: id,
        before: snapshot(org),
        after: snapshot(after!),
      });
      for (const o of await ownersOf(tx, id)) {
        await enqueueMail(tx, { to: o.email, name: o.name, locale: o.locale, userId: o.id, ...d.mail(org) });
      }
      return { name: org.name };
    });
  }

  return {
    /** Registers an organisation; its creator becomes its owner. Awaits staff verification. */
    async create(ctx: ActorContext<PolicyActor>, raw: OrganisationInput): Promise<{ id: string }> {
      organisationPolicy.check(ctx.actor, 'create', null);
      const input = checkedInput(organisationInput, raw);
      const subareaId = await subareaIdFor(input.subarea);
      if (!input.confirmSimilarName) {
        const similar = await similarNames(input.name);
        if (similar.length > 0) throw new RuleError('similarName', 'confirmSimilarName', 409, { similar });
      }
      const id = uuidv7();
      try {
        await db.transaction(async (tx) => {
          await tx.insert(organisations).values({
            id,
            name: input.name,
            kind: input.kind,
            nip: input.nip ?? null,
            regon: input.regon ?? null,
            krs: input.krs ?? null,
            description: input.description,
            website: input.website ?? null,
            publicEmail: input.publicEmail ?? null,
            subareaId,
            createdBy: ctx.actor.id,
          });
          await tx
            .insert(organisationMembers)
            .values({ id: uuidv7(), organisationId: id, userId: ctx.actor.id, role: 'owner' });
        });
      } catch (err) {
        throw translateUnique(err);
      }
      return { id };
    },

    /**
     * Owners edit the data. Changing the kind or an identifier of a verified organisation sends it
     * back to verification; editing a rejected one resubmits it.
     */
    async update(
      ctx: ActorContext<PolicyActor>,
      id: string,
      raw: OrganisationInput,
    ): Promise<{ backToPending: boolean }> {
      const input = checkedInput(organisationInput, raw);
      const subareaId = await subareaIdFor(input.subarea);
      try {
        return await db.transaction(async (tx) => {
          const org = await lockOrganisation(tx, id);
          await guard(tx, ctx.actor, org, 'edit');
          const identityChanged =
            org.kind !== input.kind ||
            org.nip !== (input.nip ?? null) ||
            org.regon !== (input.regon ?? null) ||
            org.krs !== (input.krs ?? null);
          const backToPending = (org.status === 'verified' && identityChanged) || org.status === 'rejected';
          await tx
            .update(organisations)
            .set({
              name: input.name,
              kind: input.kind,
              nip: input.nip ?? null,
              regon: input.regon ?? null,
              krs: input.krs ?? null,
              description: input.description,
              website: input.website ?? null,
              publicEmail: input.publicEmail ?? null,
              subareaId,
              updatedAt: ctx.now,
              ...(backToPending
                ? {
                    status: 'pending' as const,
                    verifiedAt: null,
                    verifiedBy: null,
                    rejectionReason: null,
                    rejectedAt: null,
                    rejectedBy: null,
                  }
                : {}),
            })
            .where(eq(organisations.id, id));
          return { backToPending };
        });
      } catch (err) {
        throw translateUnique(err);
      }
    },

    // -------------------------------------------------------------------------------------------
    // Back office.

    /** The verification queue: pending first (oldest first), then the rest, newest decisions first. */
    async queue(
      ctx: ActorContext<PolicyActor>,
      query: { status?: OrganisationStatus | undefined; page?: number | undefined },
    ): Promise<{
      items: Array<OrganisationSummary & { createdByName: string | null }>;
      page: number;
      hasNext: boolean;
      pendingCount: number;
    }> {
      organisationPolicy.check(ctx.actor, 'review', null);
      const page = Math.max(1, Math.min(query.page ?? 1, 10_000));
      const where = query.status ? eq(organisations.status, query.status) : undefined;
      const rows = await db
        .select({ org: organisations, createdByName: user.name })
        .from(organisations)
        .leftJoin(user, eq(user.id, organisations.createdBy))
        .where(where)
        .orderBy(
          sql`case when ${organisations.status} = 'pending' then 0 else 1 end`,
          sql`case when ${organisations.status} = 'pending' then ${organisations.createdAt} end asc`,
          desc(organisations.updatedAt),
          asc(organisations.id),
        )
        .limit(PAGE_SIZE + 1)
        .offset((page - 1) * PAGE_SIZE);
      const pendingCount = await countPending();
      const subareas = await subareaMap();
      return {
        items: rows
          .slice(0, PAGE_SIZE)
          .map((r) => ({ ...summary(r.org, subareas), createdByName: r.createdByName })),
        page,
        hasNext: rows.length > PAGE_SIZE,
        pendingCount,
      };
    },

    /** Everything staff need to decide. */
    async reviewDetail(ctx: ActorContext<PolicyActor>, id: string): Promise<ReviewDetail> {
      organisationPolicy.check(ctx.actor, 'review', null);
      const d = await get(ctx, id);
      const [row] = await db
        .select({ name: user.name, email: user.email })
        .from(organisations)
        .innerJoin(user, eq(user.id, organisations.createdBy))
        .where(eq(organisations.id, id));
      const owners = (await ownersOf(db, id)).map((o) => ({ name: o.name, email: o.email }));
      const [members] = await db
        .select({ n: count() })
        .from(organisationMembers)
        .where(eq(organisationMembers.organisationId, id));
      return { ...d, createdBy: row ?? null, owners, memberCount: Number(members?.n ?? 0) };
    },

    async verify(ctx: ActorContext<PolicyActor>, id: string): Promise<{ name: string }> {
      try {
        return await review(ctx, id, {
          refuseWhen: 'verified',
          refusal: 'alreadyVerified',
          action: 'organisation.verify',
          set: (now) => ({
            status: 'verified',
            verifiedAt: now,
            verifiedBy: ctx.actor.id,
            rejectionReason: null,
            rejectedAt: null,
            rejectedBy: null,
          }),
          mail: (org) => ({ template: 'orgVerified', args: [org.name, orgUrl(id)] }),
        });
      } catch (err) {
        throw translateUnique(err);
      }
    },

    async reject(ctx: ActorContext<PolicyActor>, id: string, reason: string): Promise<{ name: string }> {
      const parsed = rejectInput.safeParse({ reason });
      if (!parsed.success) throw new RuleError(reason.trim() ? 'reasonTooLong' : 'reasonRequired', 'reason');
      return review(ctx, id, {
        refuseWhen: 'rejected',
        refusal: 'alreadyRejected',
        action: 'organisation.reject',
        set: (now) => ({
          status: 'rejected',
          rejectionReason: parsed.data.reason,
          rejectedAt: now,
          rejectedBy: ctx.actor.id,
          verifiedAt: null,
          verifiedBy: null,
        }),
        mail: (org) => ({
          template: 'orgRejected',
          args: [org.name, parsed.data.reason, orgUrl(id, '/edycja')],
        }),
      });
    },

    /** How many organisations await verification (the staff dashboard's queue). */
    pendingCount: countPending,

    /** Subareas to choose from in the form. */
    subareas: () => places.subareaOptions(),
  };
}
