// How the accounts module's refusals read (platform/refusals.ts gives the common ones and the
// dotted paths into other texts, e.g. 'organisations.errors.soleOwner' from an erasure).
import type { RefusalTexts } from '../../platform/refusals.ts';

export const accountsRefusals: RefusalTexts = (t, _locale, err) => {
  const a = t.accounts;
  const ours: Record<string, string> = {
    wrongPassword: a.wrongPassword,
    invalidCode: a.invalidCode,
    termsCannotWithdraw: a.consents.termsCannotWithdraw,
    staffMustKeep: a.twoStep.staffMustKeep,
    twoFactorNotStarted: a.twoStep.notStarted,
    twoFactorAlreadyOn: a.twoStep.alreadyOn,
    twoFactorSessionNotPassed: a.twoStep.signInWithCodeFirst,
    lastAdmin: a.deletion.lastAdmin,
  };
  return ours[err.code] ?? null;
};
