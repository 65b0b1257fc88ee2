// What every part of the organisations service shares: the constants, the helpers, and the context
// built once per service (database, places, and the membership and locking helpers). Time is not
// here: each use case decides by its request's `ctx.now`.
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { type Db, type Tx, violatedConstraint } from '../../../db/client.ts';
import { user } from '../../../platform/auth/schema.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import type { PlacesService } from '../../places/index.ts';
import { type OrganisationAction, organisationPolicy } from '../policy.ts';
import { type MemberRole, organisationMembers, organisations } from '../schema.ts';
import type { OrganisationDetail, OrganisationSummary, SubareaRef } from './model.ts';

export const INVITATION_DAYS = 14;
export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Trigram similarity of folded names from which registration warns of a likely duplicate. */
export const SIMILAR_NAME = 0.6;

// ---------------------------------------------------------------------------------------------
// Helpers.

export function translateUnique(err: unknown): unknown {
  const constraint = violatedConstraint(err, '23505');
  if (constraint === 'org_organisation_nip_live_uq') return new RuleError('nipTaken', 'nip', 409);
  if (constraint === 'org_organisation_krs_live_uq') return new RuleError('krsTaken', 'krs', 409);
  if (constraint === 'org_invitation_pending_uq') return new RuleError('invitationPending', 'email', 409);
  return err;
}

export type OrgRow = typeof organisations.$inferSelect;

export interface OrganisationsDeps {
  db: Db;
  /** Public address of the site, for links in e-mails. */
  baseUrl: string;
  /** The subareas an organisation may name. */
  places: PlacesService;
}

export function summary(row: OrgRow, subareas: Map<string, SubareaRef>): OrganisationSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    website: row.website,
    publicEmail: row.publicEmail,
    subarea: row.subareaId ? (subareas.get(row.subareaId) ?? null) : null,
    status: row.status,
    verifiedAt: row.verifiedAt,
    createdAt: row.createdAt,
  };
}

export function detail(
  actor: PolicyActor | null,
  row: OrgRow,
  role: MemberRole | null,
  subareas: Map<string, SubareaRef>,
  soleOwner: boolean,
): OrganisationDetail {
  const r = { status: row.status, role };
  const can = (action: OrganisationAction) => organisationPolicy.can(actor, action, r);
  return {
    ...summary(row, subareas),
    nip: row.nip,
    regon: row.regon,
    krs: row.krs,
    rejectionReason: row.rejectionReason,
    updatedAt: row.updatedAt,
    myRole: role,
    can: {
      edit: can('edit'),
      viewMembers: can('viewMembers'),
      manageMembers: can('manageMembers'),
      // The sole owner's leave and step-down would always be refused (lastOwner): not offered.
      leave: can('leave') && !soleOwner,
      stepDown: role === 'owner' && !soleOwner,
      review: can('review'),
    },
    soleOwner,
  };
}

/** Built once per service: what the use cases share. */
export function organisationsContext(deps: OrganisationsDeps) {
  const { db } = deps;
  const { places } = deps;
  const orgUrl = (id: string, suffix = '') => `${deps.baseUrl}/organizacje/${id}${suffix}`;

  async function subareaIdFor(slug: string | undefined): Promise<string | null> {
    if (!slug) return null;
    const found = (await places.subareaOptions()).find((s) => s.slug === slug);
    if (!found) throw new RuleError('invalidChoice', 'subarea');
    return found.id;
  }

  async function subareaMap(): Promise<Map<string, SubareaRef>> {
    return new Map((await places.subareaOptions()).map((s) => [s.id, { slug: s.slug, name: s.name }]));
  }

  async function roleOf(q: Db | Tx, organisationId: string, userId: string | undefined) {
    if (!userId) return null;
    const [m] = await q
      .select({ role: organisationMembers.role })
      .from(organisationMembers)
      .where(
        and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)),
      );
    return m?.role ?? null;
  }

  /** The organisation row, locked for the rest of the transaction. */
  async function lockOrganisation(tx: Tx, id: string): Promise<OrgRow> {
    if (!uuidPattern.test(id)) throw new NotFoundError('organisation');
    const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!row) throw new NotFoundError('organisation');
    return row;
  }

  /** Checks that the actor may see the organisation (else 404) and may do the action (else 403). */
  async function guard(q: Db | Tx, actor: PolicyActor | null, row: OrgRow, action: OrganisationAction) {
    const role = await roleOf(q, row.id, actor?.id);
    const resource = { status: row.status, role };
    if (!organisationPolicy.can(actor, 'view', resource)) throw new NotFoundError('organisation');
    organisationPolicy.check(actor, action, resource);
    return role;
  }

  async function ownerCount(tx: Db | Tx, organisationId: string): Promise<number> {
    const [r] = await tx
      .select({ n: count() })
      .from(organisationMembers)
      .where(
        and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'owner')),
      );
    return Number(r?.n ?? 0);
  }

  async function ownersOf(q: Db | Tx, organisationId: string) {
    return q
      .select({ id: user.id, name: user.name, email: user.email, locale: user.locale })
      .from(organisationMembers)
      .innerJoin(user, eq(user.id, organisationMembers.userId))
      .where(
        and(
          eq(organisationMembers.organisationId, organisationId),
          eq(organisationMembers.role, 'owner'),
          isNull(user.deletedAt),
        ),
      )
      .orderBy(asc(organisationMembers.joinedAt));
  }

  return {
    deps,
    db,
    places,
    orgUrl,
    subareaIdFor,
    subareaMap,
    roleOf,
    lockOrganisation,
    guard,
    ownerCount,
    ownersOf,
  };
}

export type OrganisationsContext = ReturnType<typeof organisationsContext>;
