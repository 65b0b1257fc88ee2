// Accounts: sign-up, sign-in (rate limited per account and per address, with a TOTP second step),
// e-mail verification, password reset, and the signed-in self-service: profile, consents, password
// and devices, two-step sign-in, "download my data" and "delete my account". better-auth does the
// cryptography and sessions; the rules Klaster adds (password policy, counters, consents, erasure)
// are applied here, before it runs.
// The use cases live in service/: model.ts (inputs and view models), context.ts (what they share),
// sign-up.ts, sign-in.ts (incl. the second step), password.ts (reset and change), profile.ts,
// consents.ts, sessions.ts, two-factor.ts, data.ts (export and deletion).

import { consentUseCases } from './service/consents.ts';
import { type AccountsDeps, accountsContext } from './service/context.ts';
import { dataUseCases } from './service/data.ts';
import { passwordUseCases } from './service/password.ts';
import { profileUseCases } from './service/profile.ts';
import { sessionUseCases } from './service/sessions.ts';
import { signInUseCases } from './service/sign-in.ts';
import { signUpUseCases } from './service/sign-up.ts';
import { twoFactorUseCases } from './service/two-factor.ts';

export type { AccountsDeps } from './service/context.ts';
export {
  type AccountActor,
  type AccountContext,
  type AccountOverview,
  type ConsentState,
  type ConsentStatus,
  type CurrentConsent,
  type ProfileInput,
  profileInput,
  type Self,
  type SelfInSession,
  type SessionInfo,
  type SignInResult,
  type SignUpInput,
  type TwoFactorSetup,
  type UnlockResult,
} from './service/model.ts';

/** The service: the use cases over one shared context, as one object. */
export function accountsService(deps: AccountsDeps) {
  const shared = accountsContext(deps);
  return {
    ...signUpUseCases(shared),
    ...signInUseCases(shared),
    ...passwordUseCases(shared),
    ...consentUseCases(shared),
    ...profileUseCases(shared),
    ...sessionUseCases(shared),
    ...twoFactorUseCases(shared),
    ...dataUseCases(shared),
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
