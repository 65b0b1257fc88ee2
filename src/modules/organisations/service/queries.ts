// Reading organisations: one as the actor may see it, the public directory, names by id and the
// person's own organisations.

import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { escapeLike } from '../../../db/client.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { cursorCodec, keysetPage } from '../../../platform/cursor.ts';
import { foldName } from '../../../platform/fold.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { type MemberRole, type OrganisationKind, organisationMembers, organisations } from '../schema.ts';
import { detail, MAX_PAGE_SIZE, type OrganisationsContext, PAGE_SIZE, summary } from './context.ts';
import type { OrganisationDetail, OrganisationSummary, PageResult } from './model.ts';

interface CursorKey {
  k: string;
  id: string;
}

/** A position in the directory: which way (after or before), the name and the id at the edge of a page. */
const directoryCursor = cursorCodec(z.tuple([z.enum(['a', 'b']), z.string().max(400), z.uuid()]));

export function encodeCursor(key: string, id: string, dir: 'a' | 'b'): string {
  return directoryCursor.encode([dir, key, id]);
}

export function decodeCursor(cursor: string): (CursorKey & { dir: 'a' | 'b' }) | null {
  const c = directoryCursor.decode(cursor);
  return c ? { dir: c[0], k: c[1], id: c[2] } : null;
}

export function queryUseCases(shared: OrganisationsContext) {
  const { db, guard, ownerCount, subareaMap } = shared;

  return {
    /** One organisation as the actor may see it; 404 when it is not public and they are not involved. */
    async get(ctx: RequestContext<PolicyActor | null>, id: string): Promise<OrganisationDetail> {
      if (!uuidPattern.test(id)) throw new NotFoundError('organisation');
      const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
      if (!row) throw new NotFoundError('organisation');
      const role = await guard(db, ctx.actor, row, 'view');
      const soleOwner = role === 'owner' && (await ownerCount(db, id)) <= 1;
      return detail(ctx.actor, row, role, await subareaMap(), soleOwner);
    },

    /** Verified organisations, by name, with an opaque cursor over (name, id) in both directions. */
    async listPublic(query: {
      q?: string | undefined;
      kind?: OrganisationKind | undefined;
      cursor?: string | undefined;
      limit?: number | undefined;
    }): Promise<PageResult<OrganisationSummary>> {
      const limit = Math.min(Math.max(query.limit ?? PAGE_SIZE, 1), MAX_PAGE_SIZE);
      const cursor = query.cursor ? decodeCursor(query.cursor) : null;
      if (query.cursor && !cursor) throw new RuleError('invalidCursor', 'cursor', 400);
      const conditions = [eq(organisations.status, 'verified')];
      const q = query.q?.trim();
      // Folded on both sides: "krakow" finds "Kraków", "lodz" finds "Łódź" (platform/fold.ts).
      if (q) conditions.push(like(organisations.nameFolded, `%${escapeLike(foldName(q))}%`));
      if (query.kind) conditions.push(eq(organisations.kind, query.kind));
      const backwards = cursor?.dir === 'b';
      if (cursor) {
        conditions.push(
          backwards
            ? sql`(${organisations.name}, ${organisations.id}) < (${cursor.k}, ${cursor.id}::uuid)`
            : sql`(${organisations.name}, ${organisations.id}) > (${cursor.k}, ${cursor.id}::uuid)`,
        );
      }
      const rows = await db
        .select()
        .from(organisations)
        .where(and(...conditions))
        .orderBy(
          ...(backwards
            ? [desc(organisations.name), desc(organisations.id)]
            : [asc(organisations.name), asc(organisations.id)]),
        )
        .limit(limit + 1);
      const { page, first, last, hasNext, hasPrev } = keysetPage(rows, limit, cursor && { backwards });
      const subareas = await subareaMap();
      return {
        items: page.map((r) => summary(r, subareas)),
        nextCursor: hasNext && last ? encodeCursor(last.name, last.id, 'a') : null,
        prevCursor: hasPrev && first ? encodeCursor(first.name, first.id, 'b') : null,
      };
    },

    /**
     * Names of organisations by id, in one query: for modules that keep a reference to an
     * organisation (a booking, an agreement) and show it to the person concerned or to staff.
     */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const wanted = [...new Set(ids)];
      if (wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, wanted));
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** The organisations the person belongs to, with their role (other modules ask this of a person). */
    async mine(person: Pick<PolicyActor, 'id'>): Promise<Array<OrganisationSummary & { role: MemberRole }>> {
      const rows = await db
        .select({ org: organisations, role: organisationMembers.role })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .where(eq(organisationMembers.userId, person.id))
        .orderBy(asc(organisations.name), asc(organisations.id));
      const subareas = await subareaMap();
      return rows.map((r) => ({ ...summary(r.org, subareas), role: r.role }));
    },
  };
}

export type OrganisationQueries = ReturnType<typeof queryUseCases>;
