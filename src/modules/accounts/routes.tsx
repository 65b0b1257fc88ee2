// Sign-up, sign-in (with the TOTP step), sign-out, e-mail verification and password reset, and the
// signed-in self-service under /konto: profile, consents, password and devices, two-step sign-in,
// "download my data" and "delete my account".
// The registrations live in routes/ by page group: sign-in.tsx (sign-up, sign-in, reset),
// account.tsx (account and profile), security.tsx (password, devices, two-step sign-in), data.tsx
// (consents, data export, deletion); shared.tsx holds what they share.

import type { FastifyInstance } from 'fastify';
import { accountsApi } from './api.ts';
import type { AccountsServices } from './index.ts';
import { accountRoutes } from './routes/account.tsx';
import { dataRoutes } from './routes/data.tsx';
import { securityRoutes } from './routes/security.tsx';
import { signInRoutes } from './routes/sign-in.tsx';
import { termsRoutes } from './terms-routes.tsx';

export { applyAuthCookies } from './routes/shared.tsx';
export { signInSchema, signUpSchema } from './routes/sign-in.tsx';

export async function accountsRoutes(app: FastifyInstance, { services }: { services: AccountsServices }) {
  const { accounts } = services;
  await signInRoutes(app, accounts);
  // ——— Signed-in self-service ———
  await accountRoutes(app, accounts);
  await securityRoutes(app, accounts);
  await dataRoutes(app, accounts);
  await app.register(accountsApi);
  await termsRoutes(app, services.terms);
}
