// The session lookup on every signed-in request: verify the signed cookie with Node's HMAC and read
// the session with its user in one prepared query. Anything unusual — a session due for its daily
// refresh — goes through better-auth itself, which remains the only writer of sessions. See
// docs/decisions/004-session-lookup.md. A staff or admin session also ends 12 hours after sign-in
// (docs/decisions/007-second-factor-per-session.md).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  SESSION_COOKIE,
  SESSION_EXPIRES_IN_S,
  SESSION_UPDATE_AGE_S,
  STAFF_SESSION_MAX_AGE_S,
  sessionCookieName,
} from './auth.ts';
import { session, user } from './schema.ts';

export interface SessionRow {
  sessionId: string;
  expiresAt: Date;
  /** When the person signed in (a session replaced on the same device keeps it). */
  createdAt: Date;
  /** When this session passed the second factor; null if it never did. */
  secondFactorAt: Date | null;
  user: {
    id: string;
    name: string;
    email: string;
    emailVerified: boolean;
    role: string;
    twoFactorEnabled: boolean;
    locale: string;
    blockedAt: Date | null;
    deletedAt: Date | null;
  };
}

export type SessionLookup = { kind: 'none' } | { kind: 'valid'; row: SessionRow } | { kind: 'refresh' };

/**
 * The session token from the Cookie header, if its signature is ours (better-call's format). Only
 * the cookie of that exact name counts (in production __Host-klaster.session_token).
 */
export function signedSessionToken(
  cookieHeader: string,
  secret: string,
  cookieName = SESSION_COOKIE,
): string | null {
  for (const part of cookieHeader.split(';')) {
    const eqAt = part.indexOf('=');
    if (eqAt < 0) continue;
    const name = part.slice(0, eqAt).trim();
    if (name !== cookieName) continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eqAt + 1).trim());
    } catch {
      return null;
    }
    const dot = value.lastIndexOf('.');
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1), 'base64');
    const expected = createHmac('sha256', secret).update(token).digest();
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
  }
  return null;
}

/** The session token better-auth set in its answer (a new or rotated session), if validly signed. */
export function issuedSessionToken(headers: Headers, secret: string): string | null {
  const pairs = headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (pairs.length === 0) return null;
  const header = pairs.join('; ');
  // Outside production the cookie has no prefix; in production it is `__Host-` prefixed.
  return signedSessionToken(header, secret) ?? signedSessionToken(header, secret, sessionCookieName(true));
}

export function sessionReader(db: Db, secret: string, cookieName = SESSION_COOKIE) {
  const query = db
    .select({
      sessionId: session.id,
      expiresAt: session.expiresAt,
      createdAt: session.createdAt,
      secondFactorAt: session.secondFactorAt,
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerified: user.emailVerified,
        role: user.role,
        twoFactorEnabled: user.twoFactorEnabled,
        locale: user.locale,
        blockedAt: user.blockedAt,
        deletedAt: user.deletedAt,
      },
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(and(eq(session.token, sql.placeholder('token')), gt(session.expiresAt, sql`now()`)))
    .prepare('klaster_session_lookup');

  return async function read(cookieHeader: string, now = Date.now()): Promise<SessionLookup> {
    const token = signedSessionToken(cookieHeader, secret, cookieName);
    if (!token) return { kind: 'none' };
    const [row] = await query.execute({ token });
    if (!row) return { kind: 'none' };
    // Staff powers are not left signed in for days: their sessions end 12 hours after sign-in.
    const staffLike = row.user.role === 'staff' || row.user.role === 'admin';
    if (staffLike && row.createdAt.getTime() <= now - STAFF_SESSION_MAX_AGE_S * 1000) return { kind: 'none' };
    // better-auth extends a session (and its cookie) once it is a day old: let it do that.
    const refreshDue =
      row.expiresAt.getTime() - SESSION_EXPIRES_IN_S * 1000 + SESSION_UPDATE_AGE_S * 1000 <= now;
    return refreshDue ? { kind: 'refresh' } : { kind: 'valid', row: row as SessionRow };
  };
}
