// better-auth, configured for Klaster. Its HTTP handler is not mounted: our HTML forms and JSON API
// call auth.api.* on the server, so every rule (password policy, rate limits, blocking) is applied
// in one place before better-auth runs.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isLocale } from '../i18n/index.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';
import * as authSchema from './schema.ts';
import { generateBackupCodes, newSessionFields, totpReplayGuard } from './second-factor.ts';

export interface AuthOptions {
  db: Db;
  baseUrl: string;
  secret: string;
  production: boolean;
}

export const SESSION_COOKIE = 'klaster.session_token';
/**
 * The session cookie's name. In production every better-auth cookie has the __Host- prefix: the
 * browser then accepts it only with Secure, Path=/ and no Domain, so no sibling subdomain can set
 * one (which a __Secure- cookie would still allow).
 */
export const sessionCookieName = (production: boolean) =>
  production ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
export const SESSION_EXPIRES_IN_S = 7 * 24 * 3600;
export const SESSION_UPDATE_AGE_S = 24 * 3600;
/** Staff and admin sessions end this long after sign-in, however active (besides the sliding expiry). */
export const STAFF_SESSION_MAX_AGE_S = 12 * 3600;
export const TOTP_ISSUER = 'Klaster Zabłocie 20.22';

export function createAuth(o: AuthOptions) {
  const localeOf = (u: { locale?: unknown }) => (isLocale(u.locale) ? u.locale : 'pl');
  return betterAuth({
    appName: TOTP_ISSUER,
    baseURL: o.baseUrl,
    basePath: '/api/auth',
    secret: o.secret,
    telemetry: { enabled: false },
    logger: { disabled: true },
    database: drizzleAdapter(o.db, {
      provider: 'pg',
      schema: {
        user: authSchema.user,
        session: authSchema.session,
        account: authSchema.account,
        verification: authSchema.verification,
        twoFactor: authSchema.twoFactor,
        userRelations: authSchema.userRelations,
        sessionRelations: authSchema.sessionRelations,
        accountRelations: authSchema.accountRelations,
        twoFactorRelations: authSchema.twoFactorRelations,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      requireEmailVerification: true,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 3600,
      sendResetPassword: async ({ user, token }) => {
        await enqueueMail(o.db, {
          to: user.email,
          name: user.name,
          userId: user.id,
          locale: localeOf(user as { locale?: unknown }),
          template: 'resetPassword',
          args: [`${o.baseUrl}/nowe-haslo?token=${encodeURIComponent(token)}`],
        });
      },
      onExistingUserSignUp: async ({ user }) => {
        await enqueueMail(o.db, {
          to: user.email,
          name: user.name,
          userId: user.id,
          locale: localeOf(user as { locale?: unknown }),
          template: 'signUpExisting',
          args: [`${o.baseUrl}/nie-pamietam-hasla`],
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 3600,
      sendVerificationEmail: async ({ user, token }) => {
        await enqueueMail(o.db, {
          to: user.email,
          name: user.name,
          userId: user.id,
          locale: localeOf(user as { locale?: unknown }),
          template: 'verifyEmail',
          args: [`${o.baseUrl}/potwierdz-email?token=${encodeURIComponent(token)}`],
        });
      },
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'resident', input: false },
        locale: { type: 'string', required: false, defaultValue: 'pl', input: true },
        phone: { type: 'string', required: false, input: true },
        blockedAt: { type: 'date', required: false, input: false },
        deletedAt: { type: 'date', required: false, input: false },
      },
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN_S,
      updateAge: SESSION_UPDATE_AGE_S,
      additionalFields: {
        secondFactorAt: { type: 'date', required: false, input: false },
      },
    },
    rateLimit: { enabled: false },
    advanced: {
      // better-auth's own secure prefix is __Secure-; we name the cookies __Host-klaster.* ourselves
      // (see sessionCookieName) and mark them Secure through the default attributes.
      cookiePrefix: o.production ? '__Host-klaster' : 'klaster',
      useSecureCookies: false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: o.production, path: '/' },
      ipAddress: { ipAddressHeaders: ['x-klaster-client-ip'] },
      // A session is read with its user in one query on every signed-in request.
      database: { joins: true },
    },
    trustedOrigins: [o.baseUrl],
    plugins: [
      twoFactor({
        issuer: TOTP_ISSUER,
        skipVerificationOnEnable: false,
        // Codes without characters read alike (0/O, 1/l/I): see second-factor.ts.
        backupCodeOptions: { customBackupCodesGenerate: generateBackupCodes },
      }),
    ],
    // A code from the app, once accepted, is refused for the rest of its window (stored per person).
    hooks: { before: totpReplayGuard(o.db) },
    databaseHooks: {
      session: {
        create: {
          // A blocked or erased account never gets a session, whatever path created it. Whether the
          // new session passed the second factor is decided here too, by the path that creates it.
          before: async (session, endpoint) => {
            const [u] = await o.db
              .select({ blockedAt: authSchema.user.blockedAt, deletedAt: authSchema.user.deletedAt })
              .from(authSchema.user)
              .where(eq(authSchema.user.id, session.userId));
            if (!u || u.blockedAt || u.deletedAt)
              throw new APIError('FORBIDDEN', { message: 'ACCOUNT_BLOCKED', code: 'ACCOUNT_BLOCKED' });
            return { data: { ...session, ...newSessionFields(endpoint) } };
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
