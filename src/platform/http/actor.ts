// Who is asking: the actor a valid session stands for, with the powers of this request.

import type { Locale, Role } from '../auth/schema.ts';
import type { SessionRow } from '../auth/session.ts';
import { isLocale } from '../i18n/index.ts';

export interface Actor {
  id: string;
  name: string;
  email: string;
  /**
   * The powers of this request: the account's role, except that staff and administrators whose
   * session has not passed the second factor are residents (everywhere: policies, services, views).
   */
  role: Role;
  /** The role on the account (what `role` is once this session has passed the second factor). */
  accountRole: Role;
  /** The account has two-step sign-in on. Staff powers need `secondFactor`, which is of the session. */
  twoFactorEnabled: boolean;
  /** This session passed the second factor (at sign-in, or by enrolling in it) and it is still on. */
  secondFactor: boolean;
  locale: Locale;
  emailVerified: boolean;
  sessionId: string;
}

/** The actor of a valid session; none when its account is blocked or deleted. */
export function actorOf(row: SessionRow): Actor | null {
  const u = row.user;
  if (!u || u.blockedAt || u.deletedAt) return null;
  const accountRole = u.role as Role;
  const secondFactor = row.secondFactorAt !== null && u.twoFactorEnabled;
  // The one place staff powers are granted: only to a session that passed the second factor.
  const withheld = (accountRole === 'staff' || accountRole === 'admin') && !secondFactor;
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: withheld ? 'resident' : accountRole,
    accountRole,
    twoFactorEnabled: u.twoFactorEnabled,
    secondFactor,
    locale: isLocale(u.locale) ? u.locale : 'pl',
    emailVerified: u.emailVerified,
    sessionId: row.sessionId,
  };
}
