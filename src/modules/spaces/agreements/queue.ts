// Staff: the agreements list (applications first) and the desks free over a period.
import { and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../../db/client.ts';
import { user } from '../../../platform/auth/schema.ts';
import { localized } from '../../../platform/content.ts';
import type { LocalDate } from '../../../platform/time/warsaw.ts';
import { type AgreementStatus, spaceAgreements, spaceDesks, spaceResources } from '../schema.ts';
import { type AgreementActor, type AgreementsContext, PAGE_SIZE } from './context.ts';
import type { AgreementView, FreeDesk } from './model.ts';

export function queueUseCases(shared: AgreementsContext) {
  const { db, staffOnly, views } = shared;

  return {
    /** Applications first (oldest first), then the rest (latest change first); filter and search. */
    async queue(
      actor: AgreementActor,
      query: { status?: AgreementStatus | undefined; q?: string | undefined; page?: number | undefined },
    ): Promise<{ items: AgreementView[]; page: number; hasNext: boolean; appliedCount: number }> {
      staffOnly(actor);
      const page = Math.max(1, Math.min(query.page ?? 1, 10_000));
      const conditions = [];
      if (query.status) conditions.push(eq(spaceAgreements.status, query.status));
      const q = query.q?.trim();
      if (q) {
        const like = `%${escapeLike(q)}%`;
        conditions.push(
          or(ilike(user.name, like), ilike(user.email, like), ilike(spaceAgreements.number, like)),
        );
      }
      const items = await views(db, and(...conditions), {
        order: 'queue',
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      });
      const [applied] = await db
        .select({ n: count() })
        .from(spaceAgreements)
        .where(eq(spaceAgreements.status, 'applied'));
      return {
        items: items.slice(0, PAGE_SIZE),
        page,
        hasNext: items.length > PAGE_SIZE,
        appliedCount: Number(applied?.n ?? 0),
      };
    },

    /** Desks of the desk pools not fixed for another accepted agreement over the period. */
    async freeDesks(actor: AgreementActor, from: LocalDate, to: LocalDate): Promise<FreeDesk[]> {
      staffOnly(actor);
      const rows = await db
        .select({
          id: spaceDesks.id,
          number: spaceDesks.number,
          label: spaceDesks.label,
          resourceName: spaceResources.name,
          resourceNameI18n: spaceResources.nameI18n,
        })
        .from(spaceDesks)
        .innerJoin(spaceResources, eq(spaceResources.id, spaceDesks.resourceId))
        .where(
          and(
            eq(spaceResources.kind, 'desk'),
            eq(spaceResources.active, true),
            sql`not exists (select 1 from space_agreement a where a.desk_id = ${spaceDesks.id} and a.status = 'accepted'
                and daterange(a.starts_on, a.ends_on, '[]') && daterange(${from}::date, ${to}::date, '[]'))`,
          ),
        )
        .orderBy(asc(spaceResources.position), asc(spaceDesks.number));
      return rows.map(({ resourceNameI18n, ...d }) => ({
        ...d,
        resourceNames: localized(d.resourceName, resourceNameI18n),
      }));
    },
  };
}
