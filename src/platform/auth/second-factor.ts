// The second factor is a property of the session, not of the person: a session passed it when it was
// created by the second sign-in step (a code from the app or a backup code), or when the person
// enrolled in that very session. Staff powers need such a session; see
// docs/decisions/007-second-factor-per-session.md.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { session } from './schema.ts';

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
