// The benchmark's harness, shared by `bench/run.ts` (the scenarios) and `bench/soak.ts` (memory
// under a long mixed load): child processes started the way `npm start` starts the app, the
// benchmark's own database, its data and a signed-in cookie.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startArguments } from '../scripts/start-command.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { modules } from '../src/modules/index.ts';
import { createAuth } from '../src/platform/auth/auth.ts';
import { ensureUser } from '../src/platform/auth/users.ts';
import { buildServices } from '../src/platform/modules.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { loadDemoData } from '../src/seed/demo.ts';
import { BENCH_EVENTS, BENCH_REGISTRATIONS, type EventsBench, seedEventsBench } from './events.ts';
import { BENCH_BOOKINGS, type SpacesBench, seedSpacesBench } from './spaces.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A PostgreSQL server to measure on besides PGlite (scripts/with-postgres.sh sets it). */
export const SERVER_URL = process.env.BENCH_DATABASE_URL;

/** A fresh database on SERVER_URL for one run; its URL, and a function that drops it. */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `klaster_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(SERVER_URL!);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export const AUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
export const BASE_URL = 'https://klaster.bench.example';
export const USER = {
  email: 'bench.resident@klaster.example',
  name: 'Bench Resident',
  password: 'rower kawa most zegar',
};

/** Every child started, so none outlives the benchmark, whatever happens. */
export const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

/**
 * Node flags of the `start` script, so the app runs here exactly as `npm start` runs it;
 * BENCH_NODE_FLAGS adds flags in front (to compare settings).
 */
export function startCommand(): string[] {
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return [...extra, ...startArguments()];
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

export interface Child {
  proc: ChildProcess;
  port: number;
  startupMs: number;
  stop(): Promise<number | null>;
}

/** Spawns a server and polls `readyPath` until it answers 200. */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<Child> {
  const port = await freePort();
  const started = performance.now();
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, PORT: String(port) };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'BENCH_DATABASE_URL', 'NODE_OPTIONS'])
    if (!(k in env)) delete childEnv[k];
  const proc = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) =>
    proc.once('exit', (code) => {
      exitCode = code;
      r(code);
    }),
  );
  for (;;) {
    if (exitCode !== undefined) throw new Error(`exited with ${exitCode} before it was ready:\n${out}`);
    if (performance.now() - started > 120_000) {
      proc.kill('SIGKILL');
      throw new Error(`not ready in 120 s:\n${out}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}${readyPath}`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await sleep(20);
  }
  const startupMs = performance.now() - started;
  return {
    proc,
    port,
    startupMs,
    async stop() {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

export const rssMb = (pid: number) =>
  Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
/** CPU time (user + system) the process has used so far, in ms (Linux clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function appEnv(dataDir: string, databaseUrl?: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    BASE_URL,
    AUTH_SECRET,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
    RATE_LIMIT_PER_MINUTE: '100000000',
    // The feed route's own limit (120 a minute per address) stays: the feed scenario sends each
    // request from its own address (X-Forwarded-For), as many calendar apps would.
    TRUST_PROXY: 'true',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

/**
 * Migrates the database, creates the signed-in scenario's account and the demo data, and seeds
 * the spaces scenarios' resources, 100,000 bookings and people, and the events scenarios' 10,000
 * events and 200,000 registrations of those people, before the app starts.
 */
export async function prepare(
  dataDir: string,
  databaseUrl?: string,
): Promise<SpacesBench & { events: EventsBench }> {
  const config = loadConfig(appEnv(dataDir, databaseUrl));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await runMigrations(database);
    const auth = createAuth({ db: database.db, baseUrl: BASE_URL, secret: AUTH_SECRET, production: true });
    await ensureUser(database.db, auth, { ...USER, role: 'resident' });
    // The demo data as `npm start` loads it: every module's, from services built as the app builds them.
    const built = buildServices(modules, { config, database, db: database.db, auth, clock: systemClock });
    await loadDemoData({ modules, ...built });
    const started = performance.now();
    const spaces = await seedSpacesBench(database, AUTH_SECRET);
    console.log(
      `  seeded 50 resources and ${BENCH_BOOKINGS.toLocaleString('en')} bookings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const eventsStarted = performance.now();
    const events = await seedEventsBench(database, spaces.people);
    console.log(
      `  seeded ${BENCH_EVENTS.toLocaleString('en')} events and ${BENCH_REGISTRATIONS.toLocaleString('en')} registrations in ${((performance.now() - eventsStarted) / 1000).toFixed(1)} s; feed ${events.feed.path}: ${events.feed.count} events`,
    );
    return { ...spaces, events };
  } finally {
    await database.close();
  }
}

/** Signs in through the form, as a browser does, and returns the Cookie header to send. */
export async function signIn(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${base}/logowanie`);
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no CSRF token on /logowanie');
  const res = await fetch(`${base}/logowanie`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email: USER.email, password: USER.password }),
  });
  keep(res);
  if (res.status !== 303 || ![...jar.keys()].some((k) => k.includes('session_token')))
    throw new Error(`sign-in failed: ${res.status}`);
  return cookie();
}

/** Rewrites what stands between `<!-- name:begin -->` and `<!-- name:end -->` in bench/RESULTS.md. */
export function writeResults(name: string, report: string): void {
  const file = path.join(root, 'bench', 'RESULTS.md');
  const current = readFileSync(file, 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`${file} lacks the ${begin} … ${end} markers`);
  writeFileSync(file, `${current.slice(0, from + begin.length)}\n${report}\n${current.slice(to)}`);
  // Keep the file as the linter formats it, so `npm run lint` stays green after a run.
  spawnSync(path.join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', file], {
    stdio: 'ignore',
  });
  console.log(`figures written to ${path.relative(root, file)}`);
}
