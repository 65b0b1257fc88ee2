import { and, eq, isNull } from 'drizzle-orm';
import { user } from '../../../platform/auth/schema.ts';
import { NotFoundError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import type { AccountsContext } from './context.ts';
import { type AccountContext, type AccountOverview, type ProfileInput, profileInput } from './model.ts';

export function profileUseCases(shared: AccountsContext) {
  const { db, overviewQuery } = shared;
  return {
    // ——— Signed-in self-service ———

    async overview(userId: string): Promise<AccountOverview> {
      const [u] = await overviewQuery.execute({ id: userId });
      if (!u || u.deletedAt) throw new NotFoundError('account');
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        locale: u.locale,
        phone: u.phone,
        role: u.role,
        twoFactorEnabled: u.twoFactorEnabled,
        createdAt: u.createdAt,
      };
    },

    async updateProfile(ctx: AccountContext, raw: ProfileInput): Promise<void> {
      const userId = ctx.actor.id;
      const input = checkedInput(profileInput, raw);
      await db
        .update(user)
        .set({
          name: input.name,
          locale: input.locale,
          phone: input.phone ?? null,
          updatedAt: ctx.now,
        })
        .where(and(eq(user.id, userId), isNull(user.deletedAt)));
    },
  };
}
