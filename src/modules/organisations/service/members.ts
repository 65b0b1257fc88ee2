// Members and invitations: who belongs, roles, leaving, inviting by e-mail and answering an invitation.
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { type Locale, user } from '../../../platform/auth/schema.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { enqueueMail, mailSafeName } from '../../../platform/mail/outbox.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { hashLinkToken, newLinkToken } from '../../../platform/tokens.ts';
import { organisationPolicy } from '../policy.ts';
import { type MemberRole, organisationInvitations, organisationMembers, organisations } from '../schema.ts';
import { INVITATION_DAYS, type OrganisationsContext, translateUnique } from './context.ts';
import type { InviteInput } from './input.ts';
import {
  InvitationError,
  type InvitationLookup,
  type InvitationView,
  type MemberView,
  type OrganisationDetail,
} from './model.ts';
import type { OrganisationQueries } from './queries.ts';

export function memberUseCases(shared: OrganisationsContext, get: OrganisationQueries['get']) {
  const { db, deps, lockOrganisation, guard, roleOf, ownerCount } = shared;

  /** Membership changes that might leave no owner: refused under the organisation's row lock. */
  async function changeMembership(
    ctx: ActorContext<PolicyActor>,
    organisationId: string,
    targetUserId: string,
    change: { kind: 'role'; role: MemberRole } | { kind: 'remove' },
    self: boolean,
  ): Promise<{ organisationName: string }> {
    return db.transaction(async (tx) => {
      const org = await lockOrganisation(tx, organisationId);
      await guard(tx, ctx.actor, org, self ? 'leave' : 'manageMembers');
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

  return {
    /** Members (and, for owners and staff, pending invitations). */
    async members(
      ctx: ActorContext<PolicyActor>,
      id: string,
    ): Promise<{
      organisation: OrganisationDetail;
      members: MemberView[];
      invitations: InvitationView[] | null;
    }> {
      const { actor } = ctx;
      const organisation = await get(ctx, id);
      organisationPolicy.check(actor, 'viewMembers', {
        status: organisation.status,
        role: organisation.myRole,
      });
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
              gt(organisationInvitations.expiresAt, ctx.now),
            ),
          )
          .orderBy(asc(organisationInvitations.createdAt));
        invitations = inv;
      }
      return { organisation, members, invitations };
    },

    async changeRole(ctx: ActorContext<PolicyActor>, id: string, targetUserId: string, role: MemberRole) {
      return changeMembership(ctx, id, targetUserId, { kind: 'role', role }, false);
    },

    async removeMember(ctx: ActorContext<PolicyActor>, id: string, targetUserId: string) {
      return changeMembership(ctx, id, targetUserId, { kind: 'remove' }, targetUserId === ctx.actor.id);
    },

    async leave(ctx: ActorContext<PolicyActor>, id: string) {
      return changeMembership(ctx, id, ctx.actor.id, { kind: 'remove' }, true);
    },

    /**
     * Invites an address (owners only). The link carries a random token; only its hash is stored.
     * The message goes out in the invitee's language if they have an account, else the inviter's
     * (the language of their request).
     */
    async invite(
      ctx: ActorContext<PolicyActor & { name: string }>,
      id: string,
      input: InviteInput,
    ): Promise<{ invitationId: string }> {
      const { actor } = ctx;
      const email = input.email.trim().toLowerCase();
      const token = newLinkToken();
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
                lte(organisationInvitations.expiresAt, ctx.now),
              ),
            );
          const expiresAt = new Date(ctx.now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
          await tx.insert(organisationInvitations).values({
            id: invitationId,
            organisationId: id,
            email,
            role: input.role,
            tokenHash: hashLinkToken(token),
            invitedBy: actor.id,
            expiresAt,
          });
          const locale: Locale = invitee?.locale ?? ctx.locale;
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

    async cancelInvitation(ctx: ActorContext<PolicyActor>, id: string, invitationId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const org = await lockOrganisation(tx, id);
        await guard(tx, ctx.actor, org, 'manageMembers');
        if (!uuidPattern.test(invitationId)) throw new RuleError('invitationNotPending');
        const updated = await tx
          .update(organisationInvitations)
          .set({ status: 'cancelled', respondedAt: ctx.now, respondedBy: ctx.actor.id })
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
    async invitation(ctx: ActorContext<PolicyActor>, token: string): Promise<InvitationLookup> {
      if (token.length < 20 || token.length > 200) return { state: 'not_found' };
      const inviter = sql<
        string | null
      >`(select ${user.name} from ${user} where ${user.id} = ${organisationInvitations.invitedBy})`;
      const [row] = await db
        .select({ inv: organisationInvitations, orgName: organisations.name, inviterName: inviter })
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(eq(organisationInvitations.tokenHash, hashLinkToken(token)));
      if (!row) return { state: 'not_found' };
      const expired = row.inv.status === 'pending' && row.inv.expiresAt <= ctx.now;
      return {
        state: expired ? 'expired' : row.inv.status,
        organisation: { id: row.inv.organisationId, name: row.orgName },
        role: row.inv.role,
        email: row.inv.email,
        inviterName: row.inviterName,
        expiresAt: row.inv.expiresAt,
        alreadyMember: (await roleOf(db, row.inv.organisationId, ctx.actor.id)) !== null,
      };
    },

    /** Accepts (or declines) an invitation as the signed-in person, whatever their address. */
    async respond(
      ctx: ActorContext<PolicyActor>,
      token: string,
      answer: 'accept' | 'decline',
    ): Promise<{ organisationId: string; organisationName: string; alreadyMember: boolean }> {
      if (token.length < 20 || token.length > 200) throw new InvitationError('not_found');
      return db.transaction(async (tx) => {
        const [inv] = await tx
          .select()
          .from(organisationInvitations)
          .where(eq(organisationInvitations.tokenHash, hashLinkToken(token)))
          .for('update');
        if (!inv) throw new InvitationError('not_found');
        if (inv.status !== 'pending') throw new InvitationError(inv.status);
        if (inv.expiresAt <= ctx.now) throw new InvitationError('expired');
        const [org] = await tx
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, inv.organisationId));
        let alreadyMember = false;
        if (answer === 'accept') {
          const inserted = await tx
            .insert(organisationMembers)
            .values({
              id: uuidv7(),
              organisationId: inv.organisationId,
              userId: ctx.actor.id,
              role: inv.role,
            })
            .onConflictDoNothing({ target: [organisationMembers.organisationId, organisationMembers.userId] })
            .returning({ id: organisationMembers.id });
          alreadyMember = inserted.length === 0;
        }
        await tx
          .update(organisationInvitations)
          .set({
            status: answer === 'accept' ? 'accepted' : 'declined',
            respondedAt: ctx.now,
            respondedBy: ctx.actor.id,
          })
          .where(eq(organisationInvitations.id, inv.id));
        return { organisationId: inv.organisationId, organisationName: org?.name ?? '', alreadyMember };
      });
    },
  };
}
