// Organisations: registration, editing, members and invitations, the staff verification queue,
// the public directory and personal data. Every rule is checked here (policy.ts says who may act);
// the ones concurrency could break are kept by the database: unique NIP/KRS among live
// organisations, one membership per person, one pending invitation per address, and "at least one
// owner" — decided under a row lock on the organisation (SELECT … FOR UPDATE) in one transaction.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, isNull, like, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, escapeLike, type Tx, violatedConstraint } from '../../db/client.ts';
import { audit, auditActor, type RequestContext } from '../../platform/audit/audit.ts';
import { type Locale, user } from '../../platform/auth/schema.ts';
import { foldName } from '../../platform/fold.ts';
import { AppError, NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { checkedInput, f } from '../../platform/http/forms.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { uuidPattern, uuidv7 } from '../../platform/ids.ts';
import { enqueueMail, mailSafeName } from '../../platform/mail/outbox.ts';
import { authorize, type PolicyActor } from '../../platform/policy.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { normaliseKrs, normaliseNip, normaliseRegon } from '../../platform/validators/polish-ids.ts';
import type { PlacesService } from '../places/index.ts';
import { can } from './policy.ts';
import {
  type InvitationStatus,
  krsKinds,
  type MemberRole,
  memberRoles,
  nipRequiredKinds,
  type OrganisationKind,
  type OrganisationStatus,
  organisationInvitations,
  organisationKinds,
  organisationMembers,
  organisations,
} from './schema.ts';

export const INVITATION_DAYS = 14;
export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Trigram similarity of folded names from which registration warns of a likely duplicate. */
export const SIMILAR_NAME = 0.6;

// ---------------------------------------------------------------------------------------------
// Input: one zod schema for the HTML form and the JSON API. Issue messages are keys of
// t.common.errors or t.organisations.errors, so both surfaces say the same thing in three languages.

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** An optional Polish identifier: normalised to digits, refused with its own message if invalid. */
const identifier = (normalise: (s: string) => string | null, key: 'nip' | 'regon' | 'krs') =>
  z
    .string()
    .max(40, { error: key })
    .optional()
    .transform((v, ctx) => {
      const trimmed = v?.trim();
      if (!trimmed) return undefined;
      const n = normalise(trimmed);
      if (!n) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return n;
    });

/** https only; "fablab.pl" gets https:// in front, "http://…" is refused. */
function httpsUrl(value: string): string | null {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

export const organisationInput = z
  .object({
    name: f.text(200),
    kind: f.choice(organisationKinds),
    nip: identifier(normaliseNip, 'nip'),
    regon: identifier(normaliseRegon, 'regon'),
    krs: identifier(normaliseKrs, 'krs'),
    description: f.text(2000),
    website: optional(500).transform((v, ctx) => {
      if (v === undefined) return undefined;
      const url = httpsUrl(v);
      if (!url) {
        ctx.addIssue({ code: 'custom', message: 'url' });
        return z.NEVER;
      }
      return url;
    }),
    publicEmail: optional(254).refine((v) => v === undefined || z.email().safeParse(v).success, {
      error: 'email',
    }),
    /** Slug of a revitalisation subarea (places module). */
    subarea: optional(100),
    /**
     * On registration: the person has seen the organisations with a similar name and says theirs
     * is another one. Without it a similar name is refused once (409 similarName) with links.
     */
    confirmSimilarName: z
      .union([z.boolean(), z.literal('on'), z.literal('true')])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'informal_group') {
      for (const key of ['nip', 'regon', 'krs'] as const)
        if (v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'identifiersNotAllowed' });
      return;
    }
    if (nipRequiredKinds.includes(v.kind) && !v.nip)
      ctx.addIssue({ code: 'custom', path: ['nip'], message: 'nipRequired' });
    if (v.krs && !krsKinds.includes(v.kind))
      ctx.addIssue({ code: 'custom', path: ['krs'], message: 'krsNotAllowed' });
  });
type ParsedOrganisation = z.output<typeof organisationInput>;
/** What the service takes: the parsed form (optional fields may be left out). */
export type OrganisationInput = Pick<ParsedOrganisation, 'name' | 'kind' | 'description'> &
  Partial<Omit<ParsedOrganisation, 'name' | 'kind' | 'description' | 'confirmSimilarName'>> & {
    confirmSimilarName?: boolean | 'on' | 'true' | undefined;
  };

// create() and update() check their input again with checkedInput (parsing is idempotent on parsed
// values), so a caller that skips the form or the API cannot store an invalid NIP either.

export const inviteInput = z.object({ email: f.email(), role: f.choice(memberRoles) }).strict();
export type InviteInput = z.output<typeof inviteInput>;

export const rejectInput = z
  .object({ reason: z.string().trim().min(1, { error: 'reasonRequired' }).max(1000) })
  .strict();

// ---------------------------------------------------------------------------------------------
// View models.

export type OrgActor = PolicyActor & { name?: string; locale?: Locale };

export interface SubareaRef {
  slug: string;
  name: string;
}

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  website: string | null;
  publicEmail: string | null;
  subarea: SubareaRef | null;
  status: OrganisationStatus;
  verifiedAt: Date | null;
  createdAt: Date;
}

export interface OrganisationDetail extends OrganisationSummary {
  nip: string | null;
  regon: string | null;
  krs: string | null;
  rejectionReason: string | null;
  updatedAt: Date;
  myRole: MemberRole | null;
  can: {
    edit: boolean;
    viewMembers: boolean;
    manageMembers: boolean;
    leave: boolean;
    /** An owner may become a member only while another owner remains. */
    stepDown: boolean;
    review: boolean;
  };
  /** The actor is the organisation's only owner: to leave or step down, they appoint another first. */
  soleOwner: boolean;
}

export interface ReviewDetail extends OrganisationDetail {
  createdBy: { name: string; email: string } | null;
  owners: Array<{ name: string; email: string }>;
  memberCount: number;
}

export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string | null;
  role: MemberRole;
  joinedAt: Date;
  isMe: boolean;
}

export interface InvitationView {
  id: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
  expiresAt: Date;
  invitedBy: string | null;
}

export type InvitationState = InvitationStatus | 'not_found';

export interface InvitationLookup {
  state: InvitationState;
  organisation?: { id: string; name: string };
  role?: MemberRole;
  email?: string;
  inviterName?: string | null;
  expiresAt?: Date;
  alreadyMember?: boolean;
}

/** A refused invitation (accepting twice, expired, cancelled, unknown). */
export class InvitationError extends AppError {
  constructor(public readonly state: Exclude<InvitationState, 'pending'>) {
    super(state === 'not_found' ? 404 : 410, `invitation_${state}`, `invitation ${state}`);
    this.name = 'InvitationError';
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function translateUnique(err: unknown): unknown {
  const constraint = violatedConstraint(err, '23505');
  if (constraint === 'org_organisation_nip_live_uq') return new RuleError('nipTaken', 'nip', 409);
  if (constraint === 'org_organisation_krs_live_uq') return new RuleError('krsTaken', 'krs', 409);
  if (constraint === 'org_invitation_pending_uq') return new RuleError('invitationPending', 'email', 409);
  return err;
}

interface CursorKey {
  k: string;
  id: string;
}

export function encodeCursor(key: string, id: string, dir: 'a' | 'b'): string {
  return Buffer.from(JSON.stringify([dir, key, id])).toString('base64url');
}

export function decodeCursor(cursor: string): (CursorKey & { dir: 'a' | 'b' }) | null {
  if (cursor.length > 1000) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [dir, k, id] = parsed as unknown[];
    if ((dir !== 'a' && dir !== 'b') || typeof k !== 'string' || typeof id !== 'string') return null;
    if (!uuidPattern.test(id) || k.length > 400) return null;
    return { dir, k, id };
  } catch {
    return null;
  }
}

type OrgRow = typeof organisations.$inferSelect;

export interface OrganisationsDeps {
  db: Db;
  /** Public address of the site, for links in e-mails. */
  baseUrl: string;
  clock: Clock;
  /** The subareas an organisation may name. */
  places: PlacesService;
}

export function organisationsService(deps: OrganisationsDeps) {
  const now = () => deps.clock.now();
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

  /** Loads an organisation the actor may see (else 404) and checks the action (else 403). */
  async function guard(q: Db | Tx, actor: OrgActor | null, row: OrgRow, action: Parameters<typeof can>[1]) {
    const role = await roleOf(q, row.id, actor?.id);
    const resource = { status: row.status, role };
    if (!can(actor, 'view', resource)) throw new NotFoundError('organisation');
    authorize(can(actor, action, resource));
    return role;
  }

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

  async function ownerCount(tx: Db | Tx, organisationId: string): Promise<number> {
    const [r] = await tx
      .select({ n: count() })
      .from(organisationMembers)
      .where(
        and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'owner')),
      );
    return Number(r?.n ?? 0);
  }

  function summary(row: OrgRow, subareas: Map<string, SubareaRef>): OrganisationSummary {
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

  function detail(
    actor: OrgActor | null,
    row: OrgRow,
    role: MemberRole | null,
    subareas: Map<string, SubareaRef>,
    soleOwner: boolean,
  ): OrganisationDetail {
    const r = { status: row.status, role };
    return {
      ...summary(row, subareas),
      nip: row.nip,
      regon: row.regon,
      krs: row.krs,
      rejectionReason: row.rejectionReason,
      updatedAt: row.updatedAt,
      myRole: role,
      can: {
        edit: can(actor, 'edit', r),
        viewMembers: can(actor, 'viewMembers', r),
        manageMembers: can(actor, 'manageMembers', r),
        // The sole owner's leave and step-down would always be refused (lastOwner): not offered.
        leave: can(actor, 'leave', r) && !soleOwner,
        stepDown: role === 'owner' && !soleOwner,
        review: can(actor, 'review', r),
      },
      soleOwner,
    };
  }

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

  /** Membership changes that might leave no owner: refused under the organisation's row lock. */
  async function changeMembership(
    actor: OrgActor,
    organisationId: string,
    targetUserId: string,
    change: { kind: 'role'; role: MemberRole } | { kind: 'remove' },
    self: boolean,
  ): Promise<{ organisationName: string }> {
    return db.transaction(async (tx) => {
      const org = await lockOrganisation(tx, organisationId);
      await guard(tx, actor, org, self ? 'leave' : 'manageMembers');
      const [target] = await tx
        .select({ id: organisationMembers.id, role: organisationMembers.role })
        .from(organisationMembers)
        .where(
          and(
            eq(organisationMembers.organisationId, organisationId),
            eq(organisationMembers.userId, targetUserId),
          ),
        );
      if (!target) throw new RuleError('notMember');
      const losesOwner = target.role === 'owner' && (change.kind === 'remove' || change.role !== 'owner');
      if (losesOwner && (await ownerCount(tx, organisationId)) <= 1) throw new RuleError('lastOwner');
      if (change.kind === 'remove') {
        await tx.delete(organisationMembers).where(eq(organisationMembers.id, target.id));
      } else if (change.role !== target.role) {
        await tx
          .update(organisationMembers)
          .set({ role: change.role })
          .where(eq(organisationMembers.id, target.id));
      }
      return { organisationName: org.name };
    });
  }

  /**
   * A staff decision on an organisation, in one transaction under the organisation's row lock: the
   * new status, an audit row with before and after, and an e-mail to every owner.
   */
  async function review(
    actor: OrgActor,
    id: string,
    ctx: RequestContext,
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
      await guard(tx, actor, org, 'review');
      if (org.status === d.refuseWhen) throw new RuleError(d.refusal);
      const at = now();
      const [after] = await tx
        .update(organisations)
        .set({ ...d.set(at), updatedAt: at })
        .where(eq(organisations.id, id))
        .returning();
      await audit(tx, auditActor(actor, ctx), {
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
    async create(actor: OrgActor, raw: OrganisationInput): Promise<{ id: string }> {
      authorize(can(actor, 'create'));
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
            createdBy: actor.id,
          });
          await tx
            .insert(organisationMembers)
            .values({ id: uuidv7(), organisationId: id, userId: actor.id, role: 'owner' });
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
    async update(actor: OrgActor, id: string, raw: OrganisationInput): Promise<{ backToPending: boolean }> {
      const input = checkedInput(organisationInput, raw);
      const subareaId = await subareaIdFor(input.subarea);
      try {
        return await db.transaction(async (tx) => {
          const org = await lockOrganisation(tx, id);
          await guard(tx, actor, org, 'edit');
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
              updatedAt: now(),
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

    /** One organisation as the actor may see it; 404 when it is not public and they are not involved. */
    async get(actor: OrgActor | null, id: string): Promise<OrganisationDetail> {
      if (!uuidPattern.test(id)) throw new NotFoundError('organisation');
      const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
      if (!row) throw new NotFoundError('organisation');
      const role = await guard(db, actor, row, 'view');
      const soleOwner = role === 'owner' && (await ownerCount(db, id)) <= 1;
      return detail(actor, row, role, await subareaMap(), soleOwner);
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
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      if (backwards) page.reverse();
      const first = page[0];
      const last = page[page.length - 1];
      const hasNext = backwards ? !!cursor : more;
      const hasPrev = backwards ? more : !!cursor;
      const subareas = await subareaMap();
      return {
        items: page.map((r) => summary(r, subareas)),
        nextCursor: hasNext && last ? encodeCursor(last.name, last.id, 'a') : null,
        prevCursor: hasPrev && first ? encodeCursor(first.name, first.id, 'b') : null,
      };
    },

    /** The organisations the person belongs to, with their role. */
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

    async mine(actor: OrgActor): Promise<Array<OrganisationSummary & { role: MemberRole }>> {
      const rows = await db
        .select({ org: organisations, role: organisationMembers.role })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .where(eq(organisationMembers.userId, actor.id))
        .orderBy(asc(organisations.name), asc(organisations.id));
      const subareas = await subareaMap();
      return rows.map((r) => ({ ...summary(r.org, subareas), role: r.role }));
    },

    /** Members (and, for owners and staff, pending invitations). */
    async members(
      actor: OrgActor,
      id: string,
    ): Promise<{
      organisation: OrganisationDetail;
      members: MemberView[];
      invitations: InvitationView[] | null;
    }> {
      const organisation = await this.get(actor, id);
      authorize(organisation.can.viewMembers);
      const seeContacts = organisation.can.manageMembers || organisation.can.review;
      const rows = await db
        .select({
          userId: organisationMembers.userId,
          role: organisationMembers.role,
          joinedAt: organisationMembers.joinedAt,
          name: user.name,
          email: user.email,
        })
        .from(organisationMembers)
        .innerJoin(user, eq(user.id, organisationMembers.userId))
        .where(eq(organisationMembers.organisationId, id))
        .orderBy(
          sql`case when ${organisationMembers.role} = 'owner' then 0 else 1 end`,
          asc(organisationMembers.joinedAt),
        );
      const members = rows.map((r) => ({
        userId: r.userId,
        name: r.name,
        email: seeContacts || r.userId === actor.id ? r.email : null,
        role: r.role,
        joinedAt: r.joinedAt,
        isMe: r.userId === actor.id,
      }));
      let invitations: InvitationView[] | null = null;
      if (seeContacts) {
        const inv = await db
          .select({
            id: organisationInvitations.id,
            email: organisationInvitations.email,
            role: organisationInvitations.role,
            createdAt: organisationInvitations.createdAt,
            expiresAt: organisationInvitations.expiresAt,
            invitedBy: user.name,
          })
          .from(organisationInvitations)
          .leftJoin(user, eq(user.id, organisationInvitations.invitedBy))
          .where(
            and(
              eq(organisationInvitations.organisationId, id),
              eq(organisationInvitations.status, 'pending'),
              gt(organisationInvitations.expiresAt, now()),
            ),
          )
          .orderBy(asc(organisationInvitations.createdAt));
        invitations = inv;
      }
      return { organisation, members, invitations };
    },

    async changeRole(actor: OrgActor, id: string, targetUserId: string, role: MemberRole) {
      return changeMembership(actor, id, targetUserId, { kind: 'role', role }, false);
    },

    async removeMember(actor: OrgActor, id: string, targetUserId: string) {
      return changeMembership(actor, id, targetUserId, { kind: 'remove' }, targetUserId === actor.id);
    },

    async leave(actor: OrgActor, id: string) {
      return changeMembership(actor, id, actor.id, { kind: 'remove' }, true);
    },

    /**
     * Invites an address (owners only). The link carries a random token; only its hash is stored.
     * The message goes out in the invitee's language if they have an account, else the inviter's.
     */
    async invite(actor: OrgActor, id: string, input: InviteInput): Promise<{ invitationId: string }> {
      const email = input.email.trim().toLowerCase();
      const token = randomBytes(32).toString('base64url');
      const invitationId = uuidv7();
      try {
        await db.transaction(async (tx) => {
          const org = await lockOrganisation(tx, id);
          await guard(tx, actor, org, 'manageMembers');
          const [invitee] = await tx
            .select({ id: user.id, name: user.name, locale: user.locale })
            .from(user)
            .where(and(eq(user.email, email), isNull(user.deletedAt)));
          if (invitee && (await roleOf(tx, id, invitee.id))) throw new RuleError('alreadyMember', 'email');
          // An expired invitation no longer blocks a new one.
          await tx
            .update(organisationInvitations)
            .set({ status: 'expired' })
            .where(
              and(
                eq(organisationInvitations.organisationId, id),
                eq(organisationInvitations.email, email),
                eq(organisationInvitations.status, 'pending'),
                lte(organisationInvitations.expiresAt, now()),
              ),
            );
          const expiresAt = new Date(now().getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
          await tx.insert(organisationInvitations).values({
            id: invitationId,
            organisationId: id,
            email,
            role: input.role,
            tokenHash: hashToken(token),
            invitedBy: actor.id,
            expiresAt,
          });
          const locale: Locale = invitee?.locale ?? actor.locale ?? 'pl';
          await enqueueMail(tx, {
            to: email,
            name: invitee?.name ?? email,
            locale,
            userId: invitee?.id ?? null,
            template: 'orgInvitation',
            // The address may be nobody's yet: the names travel only as one short line, no link.
            args: [
              mailSafeName(org.name),
              mailSafeName(actor.name),
              input.role,
              `${deps.baseUrl}/zaproszenia/${token}`,
              formatDateTime(locale, expiresAt, 'date'),
            ],
          });
        });
      } catch (err) {
        throw translateUnique(err);
      }
      return { invitationId };
    },

    async cancelInvitation(actor: OrgActor, id: string, invitationId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const org = await lockOrganisation(tx, id);
        await guard(tx, actor, org, 'manageMembers');
        if (!uuidPattern.test(invitationId)) throw new RuleError('invitationNotPending');
        const updated = await tx
          .update(organisationInvitations)
          .set({ status: 'cancelled', respondedAt: now(), respondedBy: actor.id })
          .where(
            and(
              eq(organisationInvitations.id, invitationId),
              eq(organisationInvitations.organisationId, id),
              eq(organisationInvitations.status, 'pending'),
            ),
          )
          .returning({ id: organisationInvitations.id });
        if (updated.length === 0) throw new RuleError('invitationNotPending');
      });
    },

    /** What the invitation link shows, whatever its state. */
    async invitation(actor: OrgActor, token: string): Promise<InvitationLookup> {
      if (token.length < 20 || token.length > 200) return { state: 'not_found' };
      const inviter = sql<
        string | null
      >`(select ${user.name} from ${user} where ${user.id} = ${organisationInvitations.invitedBy})`;
      const [row] = await db
        .select({ inv: organisationInvitations, orgName: organisations.name, inviterName: inviter })
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(eq(organisationInvitations.tokenHash, hashToken(token)));
      if (!row) return { state: 'not_found' };
      const expired = row.inv.status === 'pending' && row.inv.expiresAt <= now();
      return {
        state: expired ? 'expired' : row.inv.status,
        organisation: { id: row.inv.organisationId, name: row.orgName },
        role: row.inv.role,
        email: row.inv.email,
        inviterName: row.inviterName,
        expiresAt: row.inv.expiresAt,
        alreadyMember: (await roleOf(db, row.inv.organisationId, actor.id)) !== null,
      };
    },

    /** Accepts (or declines) an invitation as the signed-in person, whatever their address. */
    async respond(
      actor: OrgActor,
      token: string,
      answer: 'accept' | 'decline',
    ): Promise<{ organisationId: string; organisationName: string; alreadyMember: boolean }> {
      if (token.length < 20 || token.length > 200) throw new InvitationError('not_found');
      return db.transaction(async (tx) => {
        const [inv] = await tx
          .select()
          .from(organisationInvitations)
          .where(eq(organisationInvitations.tokenHash, hashToken(token)))
          .for('update');
        if (!inv) throw new InvitationError('not_found');
        if (inv.status !== 'pending') throw new InvitationError(inv.status);
        if (inv.expiresAt <= now()) throw new InvitationError('expired');
        const [org] = await tx
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, inv.organisationId));
        let alreadyMember = false;
        if (answer === 'accept') {
          const inserted = await tx
            .insert(organisationMembers)
            .values({ id: uuidv7(), organisationId: inv.organisationId, userId: actor.id, role: inv.role })
            .onConflictDoNothing({ target: [organisationMembers.organisationId, organisationMembers.userId] })
            .returning({ id: organisationMembers.id });
          alreadyMember = inserted.length === 0;
        }
        await tx
          .update(organisationInvitations)
          .set({
            status: answer === 'accept' ? 'accepted' : 'declined',
            respondedAt: now(),
            respondedBy: actor.id,
          })
          .where(eq(organisationInvitations.id, inv.id));
        return { organisationId: inv.organisationId, organisationName: org?.name ?? '', alreadyMember };
      });
    },

    // -------------------------------------------------------------------------------------------
    // Back office.

    /** The verification queue: pending first (oldest first), then the rest, newest decisions first. */
    async queue(
      actor: OrgActor,
      query: { status?: OrganisationStatus | undefined; page?: number | undefined },
    ): Promise<{
      items: Array<OrganisationSummary & { createdByName: string | null }>;
      page: number;
      hasNext: boolean;
      pendingCount: number;
    }> {
      authorize(can(actor, 'review'));
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
      const [pending] = await db
        .select({ n: count() })
        .from(organisations)
        .where(eq(organisations.status, 'pending'));
      const subareas = await subareaMap();
      return {
        items: rows
          .slice(0, PAGE_SIZE)
          .map((r) => ({ ...summary(r.org, subareas), createdByName: r.createdByName })),
        page,
        hasNext: rows.length > PAGE_SIZE,
        pendingCount: Number(pending?.n ?? 0),
      };
    },

    /** Everything staff need to decide. */
    async reviewDetail(actor: OrgActor, id: string): Promise<ReviewDetail> {
      authorize(can(actor, 'review'));
      const d = await this.get(actor, id);
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

    async verify(actor: OrgActor, id: string, ctx: RequestContext = {}): Promise<{ name: string }> {
      try {
        return await review(actor, id, ctx, {
          refuseWhen: 'verified',
          refusal: 'alreadyVerified',
          action: 'organisation.verify',
          set: (now) => ({
            status: 'verified',
            verifiedAt: now,
            verifiedBy: actor.id,
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

    async reject(
      actor: OrgActor,
      id: string,
      reason: string,
      ctx: RequestContext = {},
    ): Promise<{ name: string }> {
      const parsed = rejectInput.safeParse({ reason });
      if (!parsed.success) throw new RuleError(reason.trim() ? 'reasonTooLong' : 'reasonRequired', 'reason');
      return review(actor, id, ctx, {
        refuseWhen: 'rejected',
        refusal: 'alreadyRejected',
        action: 'organisation.reject',
        set: (now) => ({
          status: 'rejected',
          rejectionReason: parsed.data.reason,
          rejectedAt: now,
          rejectedBy: actor.id,
          verifiedAt: null,
          verifiedBy: null,
        }),
        mail: (org) => ({
          template: 'orgRejected',
          args: [org.name, parsed.data.reason, orgUrl(id, '/edycja')],
        }),
      });
    },

    /** Subareas to choose from in the form. */
    subareas: () => places.subareaOptions(),
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;

// ---------------------------------------------------------------------------------------------
// Personal data.

/**
 * Export: memberships, invitations sent and received, organisations created. Erase: memberships
 * and invitations of the person go; organisations they alone belonged to are deleted unless
 * verified (a verified organisation stays in the public directory, without members, for staff to
 * handle); references to them as creator, inviter or reviewer become empty. Refused when they are
 * the only owner of an organisation that has other members.
 */
export function organisationsPrivacy(db: Db): PersonalDataContributor {
  async function emailOf(q: Db | Tx, userId: string): Promise<string | null> {
    const [u] = await q.select({ email: user.email }).from(user).where(eq(user.id, userId));
    return u?.email ?? null;
  }
  return {
    name: 'organisations',
    async exportFor(userId) {
      const email = await emailOf(db, userId);
      const memberships = await db
        .select({
          organisationId: organisations.id,
          organisation: organisations.name,
          role: organisationMembers.role,
          joinedAt: organisationMembers.joinedAt,
        })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .where(eq(organisationMembers.userId, userId));
      const invitationColumns = {
        organisation: organisations.name,
        email: organisationInvitations.email,
        role: organisationInvitations.role,
        status: organisationInvitations.status,
        createdAt: organisationInvitations.createdAt,
        expiresAt: organisationInvitations.expiresAt,
        respondedAt: organisationInvitations.respondedAt,
      };
      const sent = await db
        .select(invitationColumns)
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(eq(organisationInvitations.invitedBy, userId));
      const received = await db
        .select(invitationColumns)
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(
          or(
            email ? eq(organisationInvitations.email, email) : sql`false`,
            eq(organisationInvitations.respondedBy, userId),
          ),
        );
      const created = await db
        .select({
          id: organisations.id,
          name: organisations.name,
          kind: organisations.kind,
          status: organisations.status,
          createdAt: organisations.createdAt,
        })
        .from(organisations)
        .where(eq(organisations.createdBy, userId));
      return {
        memberships,
        invitationsSent: sent,
        invitationsReceived: received,
        organisationsCreated: created,
      };
    },

    async eraseFor(userId, tx) {
      const email = await emailOf(tx, userId);
      const mine = await tx
        .select({ organisationId: organisationMembers.organisationId, role: organisationMembers.role })
        .from(organisationMembers)
        .where(eq(organisationMembers.userId, userId));
      const orgIds = mine.map((m) => m.organisationId);
      if (orgIds.length > 0) {
        // Lock the organisations in a fixed order, then decide on the current memberships.
        const locked = await tx
          .select({ id: organisations.id, status: organisations.status })
          .from(organisations)
          .where(inArray(organisations.id, orgIds))
          .orderBy(asc(organisations.id))
          .for('update');
        const counts = await tx
          .select({
            organisationId: organisationMembers.organisationId,
            members: count(),
            owners: sql<number>`count(*) filter (where ${organisationMembers.role} = 'owner')`,
          })
          .from(organisationMembers)
          .where(inArray(organisationMembers.organisationId, orgIds))
          .groupBy(organisationMembers.organisationId);
        const byOrg = new Map(counts.map((c) => [c.organisationId, c]));
        const alone: string[] = [];
        for (const m of mine) {
          const c = byOrg.get(m.organisationId);
          if (!c) continue;
          if (Number(c.members) === 1) {
            if (locked.find((o) => o.id === m.organisationId)?.status !== 'verified')
              alone.push(m.organisationId);
            continue;
          }
          if (m.role === 'owner' && Number(c.owners) === 1)
            throw new RuleError('organisations.errors.soleOwner');
        }
        await tx.delete(organisationMembers).where(eq(organisationMembers.userId, userId));
        if (alone.length > 0) await tx.delete(organisations).where(inArray(organisations.id, alone));
      }
      await tx
        .delete(organisationInvitations)
        .where(
          or(
            email ? eq(organisationInvitations.email, email) : sql`false`,
            and(eq(organisationInvitations.invitedBy, userId), eq(organisationInvitations.status, 'pending')),
          ),
        );
      await tx
        .update(organisationInvitations)
        .set({ invitedBy: null })
        .where(eq(organisationInvitations.invitedBy, userId));
      await tx
        .update(organisationInvitations)
        .set({ respondedBy: null })
        .where(eq(organisationInvitations.respondedBy, userId));
      await tx.update(organisations).set({ createdBy: null }).where(eq(organisations.createdBy, userId));
      await tx.update(organisations).set({ verifiedBy: null }).where(eq(organisations.verifiedBy, userId));
      await tx.update(organisations).set({ rejectedBy: null }).where(eq(organisations.rejectedBy, userId));
    },
  };
}
