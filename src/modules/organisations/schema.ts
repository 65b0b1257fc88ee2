// Organisations (NGOs, companies, institutions, informal groups), their members and invitations.
// The rules concurrency could break are kept by the database: one membership per person, one
// pending invitation per address, one live organisation per NIP and per KRS, identifiers only
// where the kind has them.
import { type SQL, sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../../platform/auth/schema.ts';
import { foldSql } from '../../platform/fold.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organisationKinds = [
  'foundation',
  'association',
  'company',
  'sole_trader',
  'public_institution',
  'university_or_student_club',
  'informal_group',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Kinds that must give a NIP; the others may. */
export const nipRequiredKinds: readonly OrganisationKind[] = ['company', 'sole_trader'];
/** Kinds that may have a NIP and a REGON (all but informal groups). */
export const nipKinds: readonly OrganisationKind[] = organisationKinds.filter((k) => k !== 'informal_group');
/** Kinds registered in the National Court Register (KRS). */
export const krsKinds: readonly OrganisationKind[] = ['foundation', 'association', 'company'];

export const organisationStatuses = ['pending', 'verified', 'rejected'] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];

export const memberRoles = ['owner', 'member'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const invitationStatuses = ['pending', 'accepted', 'declined', 'cancelled', 'expired'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const organisations = pgTable(
  'org_organisation',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /**
     * The name folded for search (platform/fold.ts: lower case, "Kraków" and "Krakow" alike),
     * kept by the database itself, so it can never disagree with the name. Indexed with trigrams
     * (the custom migration), so a search for part of a name stays fast.
     */
    nameFolded: text('name_folded')
      .notNull()
      .generatedAlwaysAs((): SQL => foldSql('name')),
    kind: text('kind').$type<OrganisationKind>().notNull(),
    /** Normalised identifiers: digits only. */
    nip: text('nip'),
    regon: text('regon'),
    krs: text('krs'),
    description: text('description').notNull(),
    website: text('website'),
    publicEmail: text('public_email'),
    /** A revitalisation subarea (places module); checked by the service against its list. */
    subareaId: uuid('subarea_id'),
    status: text('status').$type<OrganisationStatus>().notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    verifiedBy: text('verified_by').references(() => user.id, { onDelete: 'set null' }),
    verifiedAt: ts('verified_at'),
    rejectedBy: text('rejected_by').references(() => user.id, { onDelete: 'set null' }),
    rejectedAt: ts('rejected_at'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'org_organisation_kind_check',
      sql`${t.kind} in ('foundation','association','company','sole_trader','public_institution','university_or_student_club','informal_group')`,
    ),
    check('org_organisation_status_check', sql`${t.status} in ('pending','verified','rejected')`),
    check('org_organisation_name_check', sql`char_length(${t.name}) between 1 and 200`),
    check('org_organisation_description_check', sql`char_length(${t.description}) <= 2000`),
    check('org_organisation_nip_check', sql`${t.nip} ~ '^[0-9]{10}$'`),
    check('org_organisation_regon_check', sql`${t.regon} ~ '^([0-9]{9}|[0-9]{14})$'`),
    check('org_organisation_krs_check', sql`${t.krs} ~ '^[0-9]{10}$'`),
    check(
      'org_organisation_nip_required_check',
      sql`${t.kind} not in ('company','sole_trader') or ${t.nip} is not null`,
    ),
    check(
      'org_organisation_informal_check',
      sql`${t.kind} <> 'informal_group' or (${t.nip} is null and ${t.regon} is null and ${t.krs} is null)`,
    ),
    check(
      'org_organisation_krs_kind_check',
      sql`${t.krs} is null or ${t.kind} in ('foundation','association','company')`,
    ),
    check(
      'org_organisation_rejection_check',
      sql`${t.status} <> 'rejected' or (${t.rejectionReason} is not null and char_length(${t.rejectionReason}) between 1 and 1000)`,
    ),
    check('org_organisation_verified_check', sql`${t.status} <> 'verified' or ${t.verifiedAt} is not null`),
    uniqueIndex('org_organisation_nip_live_uq').on(t.nip).where(sql`${t.status} <> 'rejected'`),
    uniqueIndex('org_organisation_krs_live_uq').on(t.krs).where(sql`${t.status} <> 'rejected'`),
    index('org_organisation_status_created_idx').on(t.status, t.createdAt, t.id),
    index('org_organisation_status_name_idx').on(t.status, t.name, t.id),
    index('org_organisation_created_by_idx').on(t.createdBy),
  ],
);

export const organisationMembers = pgTable(
  'org_member',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role').$type<MemberRole>().notNull(),
    joinedAt: ts('joined_at').notNull().defaultNow(),
  },
  (t) => [
    unique('org_member_org_user_uq').on(t.organisationId, t.userId),
    check('org_member_role_check', sql`${t.role} in ('owner','member')`),
    index('org_member_user_idx').on(t.userId),
  ],
);

export const organisationInvitations = pgTable(
  'org_invitation',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Lower-cased address the invitation was sent to. */
    email: text('email').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    /** sha256 of the token in the link; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    status: text('status').$type<InvitationStatus>().notNull().default('pending'),
    invitedBy: text('invited_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    respondedAt: ts('responded_at'),
    /** Who accepted or declined (signed in with any address). */
    respondedBy: text('responded_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('org_invitation_role_check', sql`${t.role} in ('owner','member')`),
    check(
      'org_invitation_status_check',
      sql`${t.status} in ('pending','accepted','declined','cancelled','expired')`,
    ),
    check('org_invitation_email_check', sql`char_length(${t.email}) between 3 and 254`),
    uniqueIndex('org_invitation_pending_uq')
      .on(t.organisationId, t.email)
      .where(sql`${t.status} = 'pending'`),
    index('org_invitation_email_idx').on(t.email),
    index('org_invitation_invited_by_idx').on(t.invitedBy),
  ],
);
