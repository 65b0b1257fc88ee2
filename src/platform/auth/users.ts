// Creating accounts outside the sign-up form (command line, demo data, tests), through better-auth's
// own adapter so passwords are hashed exactly as sign-in expects.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { checkedInput, personName } from '../http/forms.ts';
import type { Auth } from './auth.ts';
import { type Locale, type Role, user } from './schema.ts';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role?: Role;
  locale?: Locale;
  emailVerified?: boolean;
}

/** Creates a verified account with a password; returns the existing one if the e-mail is taken. */
export async function ensureUser(db: Db, auth: Auth, u: NewUser): Promise<{ id: string; created: boolean }> {
  const email = u.email.trim().toLowerCase();
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) return { id: existing.id, created: false };
  const ctx = await auth.$context;
  const created = await ctx.internalAdapter.createUser(
    {
      email,
      name: checkedInput(personName, u.name),
      emailVerified: u.emailVerified ?? true,
      role: u.role ?? 'resident',
      locale: u.locale ?? 'pl',
    },
    { method: 'admin' },
  );
  await ctx.internalAdapter.linkAccount({
    userId: created.id,
    providerId: 'credential',
    accountId: created.id,
    password: await ctx.password.hash(u.password),
  });
  return { id: created.id, created: true };
}

/**
 * Records the language a signed-in person chose last (the site's language switch) as the one their
 * e-mails are written in. Returns whether it changed.
 */
export async function setPreferredLocale(db: Db, userId: string, locale: Locale, at: Date): Promise<boolean> {
  const changed = await db
    .update(user)
    .set({ locale, updatedAt: at })
    .where(and(eq(user.id, userId), ne(user.locale, locale)))
    .returning({ id: user.id });
  return changed.length > 0;
}

/** The ids of the accounts with these addresses (the demo data links records to demo accounts). */
export async function userIdsByEmail(db: Db, emails: readonly string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(
      inArray(
        user.email,
        emails.map((e) => e.trim().toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.email, r.id]));
}
