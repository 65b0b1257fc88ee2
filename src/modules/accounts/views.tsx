// The accounts pages, by group in views/: sign-in.tsx (sign-up, sign-in, reset), account.tsx
// (account and profile), security.tsx (password, devices, two-step sign-in), data.tsx (consents, data
// export, deletion); fields.tsx holds the form fields they share.

export { AccountDetails, AccountPage, type AccountView, ProfilePage } from './views/account.tsx';
export { ConsentsPage, DataPage, DeleteAccountPage } from './views/data.tsx';
export {
  BackupCodesPage,
  SecurityPage,
  type SessionView,
  TwoFactorPage,
  TwoFactorSetupPage,
} from './views/security.tsx';
export {
  CheckEmailPage,
  ForgotPasswordPage,
  ResetInvalidPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
  TwoFactorChallengePage,
  UnlockInvalidPage,
  UnlockPage,
  VerifyResultPage,
} from './views/sign-in.tsx';
