import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { user } from '../../../platform/auth/schema.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import type { PersonalDataContributor } from '../../../platform/privacy.ts';
import { organisationInvitations, organisationMembers, organisations } from '../schema.ts';

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
