// Helpers for the cross-cutting tests that walk every registered route: the route list, plausible
// URLs for route patterns, and one signed-in client per role that is replaced whenever a request
// (sign-out, session revocation, account deletion…) has ended its session.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { type Role, session, user } from '../../src/platform/auth/schema.ts';
import { ensureUser } from '../../src/platform/auth/users.ts';
import type { Access, RouteAccess } from '../../src/platform/http/access.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { Client, passSecondFactor, TEST_PASSWORD, type TestApp } from './app.ts';

export type Response = Awaited<ReturnType<FastifyInstance['inject']>>;

/**
 * Who knocks: no session, each role (staff and admins in a session that passed the second factor),
 * staff who have not turned two-factor on yet, and staff who have it on but whose session was opened
 * with the password alone (a session kept from before they enrolled).
 */
export const actors = [
  'anonymous',
  'resident',
  'evaluator',
  'staff',
  'admin',
  'staff-no-2fa',
  'staff-session-no-2fa',
] as const;
export type ActorKind = (typeof actors)[number];

/** Staff whose session has not passed the second factor: everywhere they must be a resident. */
export const residentLike = (kind: ActorKind) => kind === 'staff-no-2fa' || kind === 'staff-session-no-2fa';
const roleOf = (kind: Exclude<ActorKind, 'anonymous'>): Role =>
  residentLike(kind) ? 'staff' : (kind as Role);

/** Every route and method except the HEAD twins Fastify adds for each GET. */
export function registeredRoutes(app: FastifyInstance): RouteAccess[] {
  const all = app.routeAccess();
  const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => r.url));
  return all.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
}

export const isApiUrl = (url: string) => url.startsWith('/api/v1/');
export const paramsOf = (pattern: string) => [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/** A plausible value for a URL parameter: languages are real, tokens random, ids fresh UUIDv7s. */
export function plausibleParam(name: string): string {
  if (/^(lang|locale)$/i.test(name)) return 'en';
  if (/token|code|secret|key/i.test(name)) return randomBytes(16).toString('base64url');
  if (/slug|name/i.test(name)) return `x-${randomBytes(4).toString('hex')}`;
  return uuidv7();
}

/** Fills `:params` (and a trailing `*`) of a route pattern. */
export function fillPattern(pattern: string, value: (name: string) => string = plausibleParam): string {
  return pattern
    .replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(value(name)))
    .replace(/\*$/, 'no-such-file.txt');
}

/** Which actors a declaration lets through. Unknown levels fail loudly so the tests get updated. */
export function allows(access: Access, actor: ActorKind): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'user':
      return actor !== 'anonymous';
    case 'staff':
      return actor === 'staff' || actor === 'admin';
    case 'admin':
      return actor === 'admin';
    default:
      throw new Error(`unknown access level ${String(access)}: teach test/support/routes.ts about it`);
  }
}

/** A random client address per request, so per-address rate limits do not blunt the tests. */
export function randomAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]! || 1}`;
}

export interface ActorClient {
  kind: ActorKind;
  client: Client;
  csrf: string;
  userId?: string;
  /** The session rows as they were after signing in, to put back after a sign-out. */
  sessions?: Array<typeof session.$inferSelect>;
  cookies?: Map<string, string>;
}

/** One client per actor; `get(kind)` replaces a client whose session a previous request ended. */
export class ActorPool {
  private readonly pool = new Map<ActorKind, ActorClient>();
  replaced = 0;
  restored = 0;
  /**
   * `app` defaults to the test app; another instance built on the same database and secret (one
   * with extra routes) accepts the same sessions.
   */
  constructor(
    private readonly t: TestApp,
    private readonly app: FastifyInstance = t.app,
  ) {}

  /** A new account of that kind, signed in through the form from a random address. */
  private async make(kind: ActorKind): Promise<ActorClient> {
    const client = new Client(this.app);
    const csrf = await client.csrf();
    if (kind !== 'anonymous') {
      const role = roleOf(kind);
      const email = `${kind}-${randomBytes(6).toString('hex')}@test.example`;
      const { db } = this.t.database;
      const { id } = await ensureUser(db, this.app.klaster.auth, {
        email,
        name: `Test ${kind}`,
        password: TEST_PASSWORD,
        role,
      });
      const res = await send(
        { kind, client, csrf },
        {
          method: 'POST',
          url: '/logowanie',
          payload: new URLSearchParams({ _csrf: csrf, email, password: TEST_PASSWORD }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      );
      if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`);
      if (kind === 'staff' || kind === 'admin') await passSecondFactor(db, id);
      // Enrolled elsewhere after this session was opened with the password alone.
      if (kind === 'staff-session-no-2fa')
        await db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, id));
      const sessions = await db.select().from(session).where(eq(session.userId, id));
      // A signed-in person's forms carry the token of their session, not the one from before.
      const own = await client.csrf();
      return { kind, client, csrf: own, userId: id, sessions, cookies: new Map(client.cookies) };
    }
    return { kind, client, csrf };
  }

  async get(kind: ActorKind): Promise<ActorClient> {
    const current = this.pool.get(kind);
    if (current && (await this.stillValid(current))) return current;
    if (current) {
      // Signed out (or sessions revoked) but the account is as it was: put the session back, which
      // is much cheaper than signing in again (password hashing).
      if (await this.restore(current)) {
        this.restored += 1;
        return current;
      }
      this.replaced += 1;
    }
    const fresh = await this.make(kind);
    this.pool.set(kind, fresh);
    return fresh;
  }

  private async restore(a: ActorClient): Promise<boolean> {
    if (!a.userId || !a.sessions?.length || !a.cookies) return false;
    const { db } = this.t.database;
    const [u] = await db.select().from(user).where(eq(user.id, a.userId));
    if (!u || u.blockedAt || u.deletedAt) return false;
    await db.insert(session).values(a.sessions).onConflictDoNothing();
    for (const [k, v] of a.cookies) a.client.cookies.set(k, v);
    return this.stillValid(a);
  }

  /** The session still belongs to an active user of the expected role and two-factor state. */
  private async stillValid(a: ActorClient): Promise<boolean> {
    if (a.kind === 'anonymous') return true;
    const cookie = [...a.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const found = await this.t.app.klaster.auth.api
      .getSession({ headers: new Headers({ cookie }) })
      .catch(() => null);
    if (!found?.user) return false;
    const u = found.user as typeof found.user & Record<string, unknown>;
    const passed = (found.session as Record<string, unknown>).secondFactorAt != null;
    const wants2fa = a.kind === 'staff' || a.kind === 'admin' || a.kind === 'staff-session-no-2fa';
    const wantsPassed = a.kind === 'staff' || a.kind === 'admin';
    return (
      !u.blockedAt &&
      !u.deletedAt &&
      u.role === roleOf(a.kind) &&
      (u.twoFactorEnabled === true) === wants2fa &&
      (!wants2fa || passed === wantsPassed)
    );
  }
}

/** Sends a request as an actor from a random address (cookies are kept by the actor's client). */
export function send(a: ActorClient, opts: InjectOptions): Promise<Response> {
  return a.client.request({ remoteAddress: randomAddress(), ...opts });
}

/** A body-less (empty) request of the right shape for a route: a form with a CSRF token, or `{}`. */
export function emptyRequest(route: RouteAccess, url: string, csrf: string): InjectOptions {
  const method = route.method as InjectOptions['method'];
  if (route.method === 'GET' || route.method === 'HEAD' || route.method === 'OPTIONS') return { method, url };
  if (isApiUrl(url)) {
    if (route.method === 'DELETE') return { method, url };
    return { method, url, payload: '{}', headers: { 'content-type': 'application/json' } };
  }
  return {
    method,
    url,
    payload: new URLSearchParams({ _csrf: csrf }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** Short description of a response for assertion messages. */
export function describeResponse(res: Response): string {
  const location = res.headers.location ? ` → ${res.headers.location}` : '';
  const body = res.statusCode >= 500 ? `\n${res.body.slice(0, 600)}` : '';
  return `${res.statusCode}${location}${body}`;
}
