import { z } from 'zod';
import { type Locale, locales, type Role } from '../../../platform/auth/schema.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { f } from '../../../platform/http/forms.ts';
import type { ConsentKind } from '../schema.ts';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  locale: Locale;
  consents: ConsentKind[];
}

export type SignInResult =
  | { kind: 'signed-in'; headers: Headers }
  | { kind: 'two-factor'; headers: Headers }
  | { kind: 'invalid' }
  | { kind: 'unverified' }
  | { kind: 'blocked' }
  /** Too many wrong passwords for the address typed: the e-mailed unlock link (or a reset) is needed. */
  | { kind: 'locked' };

/** Signing in with an unlock link: a sign-in result for the account it names, or a dead link. */
export type UnlockResult = (SignInResult & { email: string }) | { kind: 'invalid-link' };

/** The signed-in person as the self-service use cases need them. */
export interface Self {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: Locale;
}

/** The person and the session the request came with (two-step sign-in is a matter of the session). */
export interface SelfInSession extends Self {
  sessionId: string;
}

/**
 * Who acts on their own account, as the request knows them: the request's powers (`role`), the role
 * on the account (the rules of one's own account — staff keep two-step sign-in — follow it) and the
 * session the request came with. The web platform's actor is one.
 */
export interface AccountActor {
  id: string;
  name: string;
  email: string;
  role: Role;
  accountRole: Role;
  locale: Locale;
  sessionId: string;
}

/** The context the self-service use cases take: the person acting on their own account. */
export type AccountContext = ActorContext<AccountActor>;

/** The person and the session of the context, as the self-service use cases need them. */
export const selfOf = (ctx: AccountContext): SelfInSession => ({
  id: ctx.actor.id,
  name: ctx.actor.name,
  email: ctx.actor.email,
  role: ctx.actor.accountRole,
  locale: ctx.actor.locale,
  sessionId: ctx.actor.sessionId,
});

export interface AccountOverview {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  phone: string | null;
  role: Role;
  twoFactorEnabled: boolean;
  createdAt: Date;
}

/** The profile form and the service check the same things. */
export const profileInput = z.object({
  name: f.personName(),
  locale: f.choice(locales),
  phone: f.phone(),
});
export type ProfileInput = z.input<typeof profileInput>;

/** Given; withdrawn (given, then withdrawn); or not given (declined or never decided). */
export type ConsentStatus = 'granted' | 'withdrawn' | 'notGiven';

export interface ConsentState {
  kind: ConsentKind;
  granted: boolean;
  status: ConsentStatus;
  decidedAt: Date;
  /** The version of the terms accepted (terms acceptances only). */
  termsVersion: number | null;
}
export type CurrentConsent = ConsentState;

export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** What the person needs to add the account to an authenticator app. */
export interface TwoFactorSetup {
  /** Base32 key for manual entry (ungrouped). */
  secret: string;
  totpUri: string;
  backupCodes: string[];
}
