// The second factor is a property of the session, not of the person: a session passed it when it was
// created by the second sign-in step (a code from the app or a backup code), or when the person
// enrolled in that very session. Staff powers need such a session. And a code from the app is
// accepted once. See docs/decisions/007-second-factor-per-session.md.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { session, totpLastStep, twoFactor } from './schema.ts';

/** better-auth endpoints whose new session has just passed the second factor. */
const SECOND_FACTOR_PATHS = new Set(['/two-factor/verify-totp', '/two-factor/verify-backup-code']);

/** What a better-auth endpoint context tells about the session a new one replaces on this device. */
interface EndpointContext {
  path?: string;
  context?: {
    session?: { session?: { createdAt?: Date | string; secondFactorAt?: Date | string | null } } | null;
  };
}

/**
 * The fields of a session better-auth is about to create (its `session.create.before` hook). A
 * session created by the second sign-in step, or replacing the enrolling one, has passed the second
 * factor now. A session that replaces another on the same device (better-auth does so when the
 * password changes or two-step sign-in is turned on or off) keeps its sign-in time, so the absolute
 * lifetime counts from the sign-in, and keeps its second factor unless the factor was turned off.
 */
export function newSessionFields(endpoint: unknown): { secondFactorAt: Date | null; createdAt?: Date } {
  const ctx = endpoint as EndpointContext | null | undefined;
  const replaced = ctx?.context?.session?.session ?? null;
  const signedInAt = replaced?.createdAt ? { createdAt: new Date(replaced.createdAt) } : {};
  if (ctx?.path && SECOND_FACTOR_PATHS.has(ctx.path)) return { secondFactorAt: new Date(), ...signedInAt };
  if (ctx?.path === '/two-factor/disable') return { secondFactorAt: null, ...signedInAt };
  const kept = replaced?.secondFactorAt ? new Date(replaced.secondFactorAt) : null;
  return { secondFactorAt: kept, ...signedInAt };
}

/** The session of this device: the one better-auth has just issued, or the one the request came with. */
export type CurrentSession = { token: string } | { id: string };
const isCurrent = (current: CurrentSession) =>
  'token' in current ? eq(session.token, current.token) : eq(session.id, current.id);

// ——— Backup codes ———

/**
 * The letters of a backup code: digits and lower-case letters without the ones read or written
 * alike (0/o, 1/l/i); 31 of them, so ten make about 49 bits. better-auth's own mix upper and lower
 * case (a code could hold "0", "O", "l", "I" and "1"), which people copy from paper wrongly.
 */
export const BACKUP_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const BACKUP_CODE_COUNT = 10;

/** Ten backup codes as "xxxxx-xxxxx" (better-auth's `customBackupCodesGenerate`). */
export function generateBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const chars = Array.from(
      { length: 10 },
      () => BACKUP_CODE_ALPHABET[randomInt(BACKUP_CODE_ALPHABET.length)],
    );
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/**
 * A backup code as typed, in the form it was issued in: spaces dropped, and a code of our alphabet
 * typed in capitals or without its hyphen restored ("ABCDE FGHJK" → "abcde-fghjk"). A code issued
 * before (mixed case) is left as typed.
 */
export function normaliseBackupCode(typed: string): string {
  const compact = typed.replace(/\s+/g, '');
  const lower = compact.toLowerCase();
  const bare = lower.replace('-', '');
  const ours = bare.length === 10 && [...bare].every((c) => BACKUP_CODE_ALPHABET.includes(c));
  if (!ours || (compact !== compact.toUpperCase() && compact !== lower)) return compact;
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

/** Marks this device's session as having passed the second factor (the person enrolled in it). */
export async function markSecondFactor(db: Db | Tx, current: CurrentSession): Promise<void> {
  await db
    .update(session)
    .set({ secondFactorAt: sql`now()` })
    .where(and(isCurrent(current), isNull(session.secondFactorAt)));
}

/** Signs out every session of the person but this device's. */
export async function endOtherSessions(db: Db | Tx, userId: string, current: CurrentSession): Promise<void> {
  const keep = 'token' in current ? ne(session.token, current.token) : ne(session.id, current.id);
  await db.delete(session).where(and(eq(session.userId, userId), keep));
}

// ——— A TOTP code is accepted once ———

const TOTP_PERIOD_MS = 30_000;
const TOTP_DIGITS = 6;

function hotp(secret: string, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', Buffer.from(secret, 'utf8')).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/**
 * The time steps whose code is `code`, among the current one and its neighbours (the window
 * better-auth accepts: one step of clock drift either way). The secret is the raw one better-auth
 * keys its HMAC with.
 */
export function totpSteps(secret: string, code: string, now = Date.now()): number[] {
  const current = Math.floor(now / TOTP_PERIOD_MS);
  const given = Buffer.from(code);
  return [current - 1, current, current + 1].filter((step) => {
    const expected = Buffer.from(hotp(secret, step));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/**
 * Records that the person's code of `step` was accepted, if no code of this or a later step was:
 * one statement, so of two app nodes (or requests) presenting the same code only one succeeds.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .insert(totpLastStep)
    .values({ userId, step })
    .onConflictDoUpdate({
      target: totpLastStep.userId,
      set: { step: sql`excluded.step`, usedAt: sql`now()` },
      setWhere: sql`${totpLastStep.step} < excluded.step`,
    })
    .returning({ userId: totpLastStep.userId });
  return claimed.length === 1;
}

/** Whose code is being checked: the signed-in person (enrolment) or the one at the second sign-in step. */
async function personChallenged(db: Db, ctx: AuthMiddlewareContext): Promise<string | null> {
  const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
  if (token) {
    const [row] = await db
      .select({ userId: session.userId })
      .from(session)
      .where(and(eq(session.token, token), gt(session.expiresAt, sql`now()`)));
    if (row) return row.userId;
  }
  const cookie = ctx.context.createAuthCookie(TWO_FACTOR_COOKIE);
  const challenge = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!challenge) return null;
  const found = await ctx.context.internalAdapter.findVerificationValue(challenge);
  return found?.value ?? null;
}

/** better-auth's name for the cookie of the second sign-in step. */
const TWO_FACTOR_COOKIE = 'two_factor';

type AuthMiddlewareContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/**
 * better-auth `hooks.before`: every TOTP check (sign-in and enrolment) goes through here first. A
 * code that was already accepted for the person in its window is refused as an invalid code; a
 * wrong code is left to better-auth, which refuses and counts it.
 */
export function totpReplayGuard(db: Db) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/two-factor/verify-totp') return;
    const code = (ctx.body as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return;
    const userId = await personChallenged(db, ctx);
    if (!userId) return;
    const [row] = await db
      .select({ secret: twoFactor.secret })
      .from(twoFactor)
      .where(eq(twoFactor.userId, userId));
    if (!row) return;
    const secret = await symmetricDecrypt({ key: ctx.context.secretConfig, data: row.secret });
    const steps = totpSteps(secret, code);
    if (steps.length === 0) return;
    if (!(await claimTotpStep(db, userId, Math.max(...steps))))
      throw new APIError('UNAUTHORIZED', { message: 'Invalid code', code: 'INVALID_CODE' });
  });
}
