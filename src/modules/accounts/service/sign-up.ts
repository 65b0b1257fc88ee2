// Sign-up and e-mail verification.
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { passwordProblem } from '../../../platform/auth/passwords.ts';
import { user } from '../../../platform/auth/schema.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import type { AccountsContext } from './context.ts';
import type { SignUpInput } from './model.ts';

export function signUpUseCases(shared: AccountsContext) {
  const { db, auth, recordConsents } = shared;
  return {
    /**
     * Creates an account and sends the verification link. The answer is the same whether or not the
     * address already has an account (its owner gets an e-mail instead), so nothing is revealed.
     */
    async signUp(input: SignUpInput, headers: Headers): Promise<void> {
      const problem = passwordProblem(input.password, [input.name, input.email]);
      if (problem) throw new RuleError(problem, 'password');
      if (!input.consents.includes('terms')) throw new RuleError('mustAccept', 'consents');
      const result = await auth.api.signUpEmail({
        body: { name: input.name, email: input.email, password: input.password, locale: input.locale },
        headers,
      });
      const [created] = await db.select({ id: user.id }).from(user).where(eq(user.id, result.user.id));
      if (created) await recordConsents(created.id, input.consents);
    },

    /** True when the token was valid and the address is now verified. */
    async verifyEmail(token: string): Promise<boolean> {
      try {
        await auth.api.verifyEmail({ query: { token } });
        return true;
      } catch (err) {
        if (isAPIError(err)) return false;
        throw err;
      }
    },
  };
}
