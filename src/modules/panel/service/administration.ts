// Administration of accounts: roles, blocking and unblocking. Every change runs in one transaction
// that locks the active administrators and the two accounts involved, re-checks the rules on what
// the database says now (not on the request's snapshot), writes the audit row and queues the
// e-mail. So two administrators demoting or blocking each other at the same moment can never leave
// the platform without an active administrator.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { type Locale, type Role, roles, session, user } from '../../../platform/auth/schema.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import { messages } from '../../../platform/i18n/index.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import { authorize, isAdmin, isStaff, type PolicyActor } from '../../../platform/policy.ts';
import { panelPolicy, type Refusal } from '../policy.ts';
import { blockInput, type PanelDeps } from './model.ts';

/** The account fields an audit row records before and after a change. */
function snapshot(u: { role: Role; blockedAt: Date | null; blockedReason: string | null }) {
  return {
    role: u.role,
    blockedAt: u.blockedAt ? u.blockedAt.toISOString() : null,
    blockedReason: u.blockedReason,
  };
}

/** A refusal as the service throws it: no power is a plain 403, touching an administrator's account
 * as staff a 403 with its reason, refusing oneself a 422 with its reason. */
function refuse(r: Refusal): never {
  if (r === 'forbidden') throw new ForbiddenError();
  if (r === 'staffCannotBlockAdmin') throw new RuleError(r, undefined, 403);
  throw new RuleError(r);
}

const accountColumns = {
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  locale: user.locale,
  twoFactorEnabled: user.twoFactorEnabled,
  blockedAt: user.blockedAt,
  blockedReason: user.blockedReason,
  deletedAt: user.deletedAt,
};
type LockedAccount = {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
  twoFactorEnabled: boolean;
  blockedAt: Date | null;
  blockedReason: string | null;
  deletedAt: Date | null;
};

/** What a change sees under its locks: the actor and the target now, and the active administrators. */
interface Locked {
  actor: LockedAccount;
  target: LockedAccount;
  activeAdmins: string[];
}

export function administration(deps: PanelDeps) {
  const { db } = deps;

  /**
   * Runs `fn` in a transaction holding row locks on every active administrator (taken first, in id
   * order, by every panel change, so they serialise and cannot deadlock) and on the actor and the
   * target. Under READ COMMITTED a transaction that waited for those locks re-reads the rows, so it
   * sees a demotion or block that committed while it waited.
   */
  async function locked<T>(
    actorId: string,
    targetId: string,
    fn: (tx: Tx, locked: Locked) => Promise<T>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      const admins = await tx
        .select({ id: user.id })
        .from(user)
        .where(and(eq(user.role, 'admin'), isNull(user.blockedAt), isNull(user.deletedAt)))
        .orderBy(asc(user.id))
        .for('update');
      const rows = (await tx
        .select(accountColumns)
        .from(user)
        .where(inArray(user.id, [actorId, targetId]))
        .orderBy(asc(user.id))
        .for('update')) as LockedAccount[];
      const actor = rows.find((r) => r.id === actorId);
      const target = rows.find((r) => r.id === targetId);
      if (!actor || actor.blockedAt || actor.deletedAt) throw new ForbiddenError();
      if (!target || target.deletedAt) throw new NotFoundError('user');
      return fn(tx, { actor, target, activeAdmins: admins.map((a) => a.id) });
    });
  }

  /** The audit row's actor: the account as it is now, under the request's id. */
  const auditActor = (ctx: ActorContext<PolicyActor>, current: LockedAccount) => ({
    id: current.id,
    role: current.role,
    requestId: ctx.requestId,
  });

  return {
    /** Admin only. */
    async changeRole(
      ctx: ActorContext<PolicyActor>,
      targetId: string,
      input: { role: Role },
    ): Promise<'changed' | 'unchanged'> {
      authorize(isAdmin(ctx.actor));
      if (!(roles as readonly string[]).includes(input.role)) throw new RuleError('invalid', 'role');
      return locked(ctx.actor.id, targetId, async (tx, { actor: current, target, activeAdmins }) => {
        authorize(isAdmin(current));
        const r = panelPolicy.refusal(current, 'changeRole', { target, role: input.role });
        if (r) refuse(r);
        if (target.role === input.role) return 'unchanged';
        const demotesActiveAdmin = activeAdmins.includes(target.id) && input.role !== 'admin';
        if (demotesActiveAdmin && activeAdmins.length <= 1) throw new RuleError('lastAdmin');
        await tx.update(user).set({ role: input.role, updatedAt: ctx.now }).where(eq(user.id, target.id));
        await audit(tx, auditActor(ctx, current), {
          action: 'user.role_changed',
          entityType: 'user',
          entityId: target.id,
          before: snapshot(target),
          after: snapshot({ ...target, role: input.role }),
        });
        const m = messages[target.locale].panel;
        const staffLike = input.role === 'staff' || input.role === 'admin';
        await enqueueMail(tx, {
          to: target.email,
          name: target.name,
          locale: target.locale,
          userId: target.id,
          template: 'roleChanged',
          args: [m.roles[input.role], staffLike && !target.twoFactorEnabled, deps.contactEmail],
        });
        return 'changed';
      });
    },

    /** Blocks the account and ends all its sessions at once; the person is told why by e-mail. */
    async block(ctx: ActorContext<PolicyActor>, targetId: string, rawReason: string): Promise<void> {
      authorize(isStaff(ctx.actor));
      const { reason } = checkedInput(blockInput, { reason: rawReason });
      await locked(ctx.actor.id, targetId, async (tx, { actor: current, target, activeAdmins }) => {
        authorize(isStaff(current));
        const r = panelPolicy.refusal(current, 'block', { target });
        if (r) refuse(r);
        if (target.blockedAt) throw new RuleError('alreadyBlocked', undefined, 409);
        if (activeAdmins.includes(target.id) && activeAdmins.length <= 1) throw new RuleError('lastAdmin');
        const now = ctx.now;
        await tx
          .update(user)
          .set({ blockedAt: now, blockedReason: reason, updatedAt: now })
          .where(eq(user.id, target.id));
        await tx.delete(session).where(eq(session.userId, target.id));
        await audit(tx, auditActor(ctx, current), {
          action: 'user.blocked',
          entityType: 'user',
          entityId: target.id,
          before: snapshot(target),
          after: snapshot({ ...target, blockedAt: now, blockedReason: reason }),
        });
        await enqueueMail(tx, {
          to: target.email,
          name: target.name,
          locale: target.locale,
          userId: target.id,
          template: 'accountBlocked',
          args: [reason, deps.contactEmail],
        });
      });
    },

    async unblock(ctx: ActorContext<PolicyActor>, targetId: string): Promise<void> {
      authorize(isStaff(ctx.actor));
      await locked(ctx.actor.id, targetId, async (tx, { actor: current, target }) => {
        authorize(isStaff(current));
        const r = panelPolicy.refusal(current, 'unblock', { target });
        if (r) refuse(r);
        if (!target.blockedAt) throw new RuleError('notBlocked', undefined, 409);
        await tx
          .update(user)
          .set({ blockedAt: null, blockedReason: null, updatedAt: ctx.now })
          .where(eq(user.id, target.id));
        await audit(tx, auditActor(ctx, current), {
          action: 'user.unblocked',
          entityType: 'user',
          entityId: target.id,
          before: snapshot(target),
          after: snapshot({ ...target, blockedAt: null, blockedReason: null }),
        });
        await enqueueMail(tx, {
          to: target.email,
          name: target.name,
          locale: target.locale,
          userId: target.id,
          template: 'accountUnblocked',
          args: [`${deps.baseUrl}/logowanie`],
        });
      });
    },
  };
}
