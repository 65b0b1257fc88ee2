// Demo accounts, one per role; everyone's password is DEMO_PASSWORD (README). Idempotent.
import type { Db } from '../../db/client.ts';
import type { Auth } from '../../platform/auth/auth.ts';
import { ensureUser } from '../../platform/auth/users.ts';

export const DEMO_PASSWORD = 'Zablocie-20.22-demo';

export const demoAccounts = [
  { email: 'mieszkanka@klaster.example', name: 'Anna Mieszkanka', role: 'resident' as const },
  { email: 'ambasador@klaster.example', name: 'Piotr Ambasador', role: 'resident' as const },
  { email: 'urzednik@klaster.example', name: 'Jan Urzędnik', role: 'staff' as const },
  { email: 'ewaluatorka@klaster.example', name: 'Ewa Ewaluatorka', role: 'evaluator' as const },
  { email: 'admin@klaster.example', name: 'Adam Administrator', role: 'admin' as const },
];

/** Creates the demo accounts that do not exist yet; whether any was created. */
export async function seedDemoAccounts(db: Db, auth: Auth): Promise<boolean> {
  let created = false;
  for (const a of demoAccounts)
    created = (await ensureUser(db, auth, { ...a, password: DEMO_PASSWORD })).created || created;
  return created;
}
