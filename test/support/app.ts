// Builds the real app for a test file: a fresh PGlite in memory, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL (CI sets it), with migrations applied.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { SESSION_COOKIE, SESSION_EXPIRES_IN_S } from '../../src/platform/auth/auth.ts';
import { type Locale, type Role, session, user } from '../../src/platform/auth/schema.ts';
import { ensureUser } from '../../src/platform/auth/users.ts';
import type { MailTransport } from '../../src/platform/mail/transport.ts';
import type { ComposedModules } from '../../src/platform/modules.ts';
import type { SettableClock } from '../../src/platform/time/clock.ts';
import { testClock } from './clock.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  dataDir: string;
  driver: 'pglite' | 'pg';
  /** The app's clock (the shared test clock unless the test passed its own). */
  clock: SettableClock;
  close(): Promise<void>;
  /** A browser-like client with a cookie jar that fills in CSRF tokens. */
  client(): Client;
  /**
   * A signed-in client for a new user of that role. Staff and admins have two-factor on and their
   * session has passed it; `twoFactor: false` gives a password-only session of an account without it.
   */
  signedIn(
    role: Role,
    opts?: { email?: string; name?: string; twoFactor?: boolean },
  ): Promise<Client & { userId: string; email: string }>;
  /**
   * Many signed-in clients at once (one INSERT for the people, one for their sessions), for
   * parallel-request tests: the sessions are real rows read by the app's own session reader.
   */
  signedInMany(
    n: number,
    opts?: { role?: Role; locale?: Locale; prefix?: string },
  ): Promise<Array<Client & { userId: string; email: string; name: string }>>;
}

/**
 * Turns two-step sign-in on for the person and marks their sessions as having passed it, as if they
 * had signed in with a code (tests fake staff and admins this way instead of playing the phone).
 */
export async function passSecondFactor(db: Database['db'], userId: string): Promise<void> {
  await db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, userId));
  await db.update(session).set({ secondFactorAt: new Date() }).where(eq(session.userId, userId));
}

/** A session cookie value signed the way better-auth (better-call) signs it and the app verifies it. */
export function signedSessionCookie(token: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  return `${SESSION_COOKIE}=${encodeURIComponent(`${token}.${signature}`)}`;
}

/**
 * Creates people and a live session for each with two statements, and returns their ids and the
 * Cookie header each one sends. Used by the tests and the benchmark, where signing in through the
 * form (password hashing) for hundreds of people would take minutes.
 */
export async function createSignedInPeople(
  db: Database['db'],
  secret: string,
  n: number,
  opts: { role?: Role; locale?: Locale; prefix?: string } = {},
): Promise<Array<{ id: string; email: string; name: string; cookie: string }>> {
  const role = opts.role ?? 'resident';
  const batch = randomBytes(4).toString('hex');
  const people = Array.from({ length: n }, (_, i) => ({
    id: `${opts.prefix ?? 'p'}-${batch}-${i}`,
    name: `Osoba ${i + 1}`,
    email: `${opts.prefix ?? 'osoba'}-${batch}-${i}@test.example`,
    token: randomBytes(24).toString('base64url'),
  }));
  const expiresAt = new Date(Date.now() + SESSION_EXPIRES_IN_S * 1000);
  const staffLike = role === 'staff' || role === 'admin';
  for (let i = 0; i < people.length; i += 1000) {
    const chunk = people.slice(i, i + 1000);
    await db.insert(user).values(
      chunk.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        emailVerified: true,
        role,
        locale: opts.locale ?? 'pl',
        twoFactorEnabled: staffLike,
      })),
    );
    await db.insert(session).values(
      chunk.map((p) => ({
        id: `s-${p.id}`,
        token: p.token,
        userId: p.id,
        expiresAt,
        secondFactorAt: staffLike ? new Date() : null,
      })),
    );
  }
  return people.map((p) => ({
    id: p.id,
    email: p.email,
    name: p.name,
    cookie: signedSessionCookie(p.token, secret),
  }));
}

export interface TestAppOptions {
  env?: Record<string, string>;
  transport?: MailTransport;
  clock?: SettableClock;
  /** Another list of modules than src/modules/index.ts (composeModules), e.g. with a test's own module. */
  modules?: ComposedModules;
}

/** Creates a throwaway database on the test server and returns its URL and a dropper. */
export async function freshServerDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `klaster_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const fresh = await freshServerDatabase(serverUrl);
    const database = await openDatabase({ databaseUrl: fresh.url, poolSize: 40 });
    await runMigrations(database);
    return { database, drop: fresh.drop };
  }
  const database = await openDatabase({ pgliteDir: 'memory://' });
  await runMigrations(database);
  return { database, drop: async () => {} };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'klaster-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    BASE_URL: 'http://localhost:3000',
    RATE_LIMIT_PER_MINUTE: '100000',
    // The overload guard would answer the tests' own requests 503 on a busy machine.
    OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const { database, drop } = await openTestDatabase();
  const clock = options.clock ?? testClock;
  const app = await buildApp({
    config,
    database,
    transport: options.transport,
    clock,
    modules: options.modules,
  });
  await app.ready();
  let n = 0;
  const t: TestApp = {
    app,
    database,
    dataDir,
    driver: database.driver,
    clock,
    async close() {
      await app.close();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    client: () => new Client(app),
    async signedIn(role, opts = {}) {
      n += 1;
      const email = opts.email ?? `${role}-${n}-${randomBytes(3).toString('hex')}@test.example`;
      const { id } = await ensureUser(database.db, app.klaster.auth, {
        email,
        name: opts.name ?? `Test ${role} ${n}`,
        password: TEST_PASSWORD,
        role,
      });
      const client = new Client(app);
      const res = await client.post('/logowanie', { email, password: TEST_PASSWORD });
      if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`);
      const twoFactor = opts.twoFactor ?? (role === 'staff' || role === 'admin');
      if (twoFactor) await passSecondFactor(database.db, id);
      return Object.assign(client, { userId: id, email });
    },
    async signedInMany(count, opts = {}) {
      const people = await createSignedInPeople(database.db, config.authSecret, count, opts);
      return people.map((p) => {
        const client = new Client(app);
        const eq = p.cookie.indexOf('=');
        client.cookies.set(p.cookie.slice(0, eq), p.cookie.slice(eq + 1));
        return Object.assign(client, { userId: p.id, email: p.email, name: p.name });
      });
    },
  };
  return t;
}

type Response = Awaited<ReturnType<FastifyInstance['inject']>>;

export class Client {
  readonly cookies = new Map<string, string>();
  /** The client address requests come from (per-address rate limits); the default is 127.0.0.1. */
  address: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response) {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(opts: InjectOptions): Promise<Response> {
    const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    const res = await this.app.inject({
      ...(this.address ? { remoteAddress: this.address } : {}),
      ...opts,
      headers,
    });
    this.remember(res);
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** The CSRF token a page would carry (fetches a light page to get the cookie if needed). */
  async csrf(): Promise<string> {
    const res = await this.get('/nie-pamietam-hasla');
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on the page (${res.statusCode})`);
    return m[1]!;
  }

  /** Posts a form (urlencoded) with a valid CSRF token unless `csrf: false`. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    opts: { csrf?: boolean | string } = {},
  ) {
    const body = new URLSearchParams();
    if (opts.csrf !== false)
      body.append('_csrf', typeof opts.csrf === 'string' ? opts.csrf : await this.csrf());
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async json(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return this.request({
      method,
      url,
      ...(payload === undefined
        ? {}
        : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
    });
  }
}

/** The .eml files written so far (no SMTP in tests unless a transport is given). */
export { readMailDir } from './mail.ts';
