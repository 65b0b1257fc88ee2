// `npm run bench`: load scenarios next to a bare Fastify route measured in the same run, so the
// ratio holds on a noisy machine. The app and the baseline each run in their own child process,
// started the way `npm start` starts the app, and autocannon drives them from this process. The
// home page, /konto, week availability and the calendar page are each measured three ways (issue
// 11): the real route cached, the real route with caches defeated, and the bare route of
// bench/bare-pages.tsx (same statements, same view components, nothing else) on the same data.
// The events module (issue 12, data in bench/events.ts): the filtered list page, its text search
// and an event page (no cache: each measured once, next to its bare route), a feed of about 500
// events and registration POSTs.
//
//   npm run bench                                    embedded PGlite only
//   bash scripts/with-postgres.sh npm run bench      PGlite, then a throwaway PostgreSQL 15
//   BENCH_DATABASE_URL=postgres://… npm run bench    PGlite, then that server (a fresh database
//                                                    is created in it and dropped afterwards)
//   npm run bench -- --write                         also rewrite the figures in bench/RESULTS.md
//
// Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (32),
// BENCH_STARTS (3: timed starts of the embedded app on existing data).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { measureRanking } from './calls.ts';
import { eventPaths, listPaths, registrationTarget, searchPaths } from './events.ts';
import {
  appEnv,
  type Child,
  children,
  cpuMs,
  createBenchDatabase,
  prepare,
  rssMb,
  SERVER_URL,
  signIn,
  sleep,
  spawnServer,
  startCommand,
  writeResults,
} from './harness.ts';
import { availabilityPaths, BUSY_ROOM, calendarPaths, slotSequence } from './spaces.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const WRITE = process.argv.includes('--write');
/**
 * To look at one scenario (e.g. with BENCH_NODE_FLAGS=--cpu-prof): BENCH_ONLY measures only the
 * scenarios whose name contains one of its comma-separated parts, BENCH_DRIVERS only the drivers
 * named (`postgresql`), and the starts are skipped. Such a run cannot --write.
 */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const DRIVERS = (process.env.BENCH_DRIVERS ?? '').split(',').filter(Boolean);
const wanted = (scenario: string) => !ONLY.length || ONLY.some((part) => scenario.includes(part));
if (WRITE && (ONLY.length || DRIVERS.length))
  throw new Error('BENCH_ONLY or BENCH_DRIVERS: not a run to --write');

/**
 * The four scenarios measured three ways (issue 11): the real route, caches defeated, the bare
 * route; and the events pages (issue 12), which have no cache: the real route (every request other
 * filters or another event) and the bare route.
 */
type Group =
  | 'home'
  | 'signed-in'
  | 'availability'
  | 'calendar'
  | 'events-list'
  | 'events-search'
  | 'events-event';
type Way = 'cached' | 'uncached' | 'bare';

interface Row {
  scenario: string;
  driver: string;
  group?: Group;
  way?: Way;
  path: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** CPU time of the server's process per request during the timed run, in µs (not the database's). */
  cpuUs: number;
}

type MeasureOptions = NonNullable<Parameters<typeof measure>[5]>;

async function measure(
  scenario: string,
  driver: string,
  server: Child,
  urlPath: string,
  headers: Record<string, string> = {},
  opts: {
    optional?: boolean;
    vary?: (n: number) => string;
    /** Cookie headers sent in turn, one a request (a different person each time). */
    cookies?: string[];
    /** Each request from its own client address (X-Forwarded-For; the app trusts it in the bench). */
    clients?: boolean;
    group?: Group;
    way?: Way;
  } = {},
): Promise<Row | null> {
  if (!wanted(scenario)) return null;
  const url = `http://127.0.0.1:${server.port}${urlPath}`;
  const checkHeaders = opts.cookies ? { ...headers, cookie: opts.cookies[0]! } : headers;
  // Once more on a failure: the socket kept alive since the readiness poll may have been closed by
  // the server meanwhile (Fastify's keep-alive timeout, 72 s, is shorter than the seeding).
  const get = () => fetch(url, { headers: checkHeaders, redirect: 'manual' });
  const check = await get().catch(get);
  const body = await check.text();
  if (check.status === 404 && opts.optional) {
    console.log(`  ${scenario.padEnd(48)} ${driver.padEnd(10)} not measured: GET ${urlPath} answered 404`);
    return null;
  }
  if (check.status !== 200) throw new Error(`${scenario}: GET ${urlPath} answered ${check.status}`);
  // The bare route has no layout (no sign-out link): its 200 says the session was found.
  if (opts.group === 'signed-in' && opts.way !== 'bare' && !/wyloguj/i.test(body))
    throw new Error(`${scenario}: not signed in`);
  // `vary` gives each request its own path and `cookies` its own person (to measure what a cache
  // would otherwise hide).
  let n = 0;
  const { vary, cookies, clients } = opts;
  const requests: CannonRequest[] | undefined =
    vary || cookies || clients
      ? [
          {
            method: 'GET',
            setupRequest: (req) => {
              const i = n++;
              return {
                ...req,
                ...(vary ? { path: vary(i) } : {}),
                ...(cookies || clients
                  ? {
                      headers: {
                        ...req.headers,
                        ...(cookies ? { cookie: cookies[i % cookies.length]! } : {}),
                        ...(clients ? { 'x-forwarded-for': clientAddress(i) } : {}),
                      },
                    }
                  : {}),
              };
            },
          },
        ]
      : undefined;
  if (WARMUP > 0)
    await autocannon({
      url,
      connections: CONNECTIONS,
      duration: WARMUP,
      headers,
      ...(requests ? { requests } : {}),
    });
  const cpuBefore = cpuMs(server.proc.pid!);
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers,
    ...(requests ? { requests } : {}),
  });
  const cpuUs = ((cpuMs(server.proc.pid!) - cpuBefore) * 1000) / Math.max(1, r.latency.totalCount);
  const row: Row = {
    scenario,
    driver,
    ...(opts.group ? { group: opts.group } : {}),
    ...(opts.way ? { way: opts.way } : {}),
    path: vary ? `${vary(0)} …` : urlPath,
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.latency.totalCount,
    cpuUs,
  };
  console.log(
    `  ${scenario.padEnd(48)} ${driver.padEnd(10)} ${Math.round(row.rps)} req/s, p99 ${row.p99} ms, ${Math.round(cpuUs)} µs CPU/req` +
      (row.errors + row.non2xx ? `, ${row.errors} errors, ${row.non2xx} non-2xx` : ''),
  );
  return row;
}

/**
 * POSTs that each create something (a booking, a registration): `next(i)` gives the i-th request's
 * path, person (an index into `cookies`) and JSON body. Reports creations per second and every
 * answer that was not 201 Created (a conflict would be a bug in the scenario or the service).
 */
async function measureCreations(
  scenario: string,
  driver: string,
  server: Child,
  cookies: string[],
  what: { path: string; unit: string; next: (i: number) => { path: string; person: number; body: string } },
): Promise<Row | null> {
  if (!wanted(scenario)) return null;
  const url = `http://127.0.0.1:${server.port}`;
  let n = 0;
  let created = 0;
  const other: Record<string, number> = {};
  const request: CannonRequest = {
    method: 'POST',
    path: what.path,
    setupRequest: (req) => {
      const next = what.next(n++);
      return {
        ...req,
        method: 'POST',
        path: next.path,
        headers: { 'content-type': 'application/json', cookie: cookies[next.person]! },
        body: next.body,
      };
    },
    onResponse: (status: number) => {
      if (status === 201) created++;
      else other[status] = (other[status] ?? 0) + 1;
    },
  };
  if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, requests: [request] });
  created = 0;
  for (const k of Object.keys(other)) delete other[k];
  const cpuBefore = cpuMs(server.proc.pid!);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [request] });
  const cpuUs = ((cpuMs(server.proc.pid!) - cpuBefore) * 1000) / Math.max(1, r.latency.totalCount);
  const notCreated = Object.values(other).reduce((a, b) => a + b, 0);
  const row: Row = {
    scenario,
    driver,
    path: `POST ${what.path}`,
    rps: created / (r.duration || SECONDS),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: notCreated,
    requests: r.latency.totalCount,
    cpuUs,
  };
  console.log(
    `  ${scenario.padEnd(48)} ${driver.padEnd(10)} ${Math.round(row.rps)} ${what.unit}/s, p99 ${row.p99} ms, ` +
      `${notCreated} not 201${notCreated ? ` (${JSON.stringify(other)})` : ''}, ${row.errors} errors`,
  );
  return row;
}

/** Booking creation: every request books a distinct free room slot (rotating over rooms, hours and days). */
function measureBookings(
  scenario: string,
  driver: string,
  server: Child,
  cookies: string[],
): Promise<Row | null> {
  const nextSlot = slotSequence();
  return measureCreations(scenario, driver, server, cookies, {
    path: '/api/v1/spaces/bookings',
    unit: 'bookings',
    next: (i) => ({
      path: '/api/v1/spaces/bookings',
      person: i % cookies.length,
      body: JSON.stringify({ ...nextSlot(i), title: 'Pomiar' }),
    }),
  });
}

/**
 * Registration: every request registers a distinct bench person for one of the open bench events
 * (bench/events.ts: upcoming, no limit, nobody registered), a different event each request so
 * that they do not all queue on one event's lock (a 409 would be a pair registered twice).
 */
function measureRegistrations(
  scenario: string,
  driver: string,
  server: Child,
  cookies: string[],
): Promise<Row | null> {
  return measureCreations(scenario, driver, server, cookies, {
    path: '/api/v1/events/:id/registration',
    unit: 'registrations',
    next: (i) => {
      const { event, person } = registrationTarget(i, cookies.length);
      return { path: `/api/v1/events/${event}/registration`, person, body: '{}' };
    },
  });
}

/** A distinct client address for the n-th request (10.0.0.0/8). */
const clientAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

interface StartFigures {
  startsMs: number[];
  idleRssMb: number[];
  firstStartMs: number;
}

/** Starts the embedded app on existing data the way `npm start` does, several times. */
async function embeddedStarts(): Promise<StartFigures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'klaster-bench-start-'));
  const env = { HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development' };
  try {
    const first = await spawnServer(startCommand(), env, '/readyz');
    await first.stop();
    const startsMs: number[] = [];
    const idleRssMb: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const s = await spawnServer(startCommand(), env, '/readyz');
      startsMs.push(s.startupMs);
      await sleep(5000);
      idleRssMb.push(rssMb(s.proc.pid!));
      const code = await s.stop();
      if (code !== 0) throw new Error(`the app exited with ${code} on SIGTERM`);
    }
    return { startsMs, idleRssMb, firstStartMs: first.startupMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function driverRun(
  driver: 'pglite' | 'postgresql',
  bare: Child,
): Promise<{ rows: Row[]; rss: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'klaster-bench-'));
  const server = driver === 'postgresql' ? await createBenchDatabase() : undefined;
  const databaseUrl = server?.url;
  try {
    const spaces = await prepare(dataDir, databaseUrl);
    // Issue 13: the ranking of a call of 10,000 applications, computed in this process through the
    // service (target: under 1 s on PostgreSQL). Printed, not a row of the table (it is no HTTP load).
    if (wanted('calls: ranking')) {
      const r = await measureRanking(dataDir, databaseUrl);
      console.log(
        `  calls: ranking of ${r.rows.toLocaleString('en')} applications (${driver}), seeded in ${(r.seedMs / 1000).toFixed(1)} s: ${r.runsMs.map((ms) => Math.round(ms)).join(', ')} ms`,
      );
    }
    const { week } = spaces;
    const availabilityPath = `/api/v1/spaces/resources/${BUSY_ROOM}/availability?from=${week.from}&to=${week.to}`;
    const calendarPath = `/przestrzenie/${BUSY_ROOM}?tydzien=${week.iso}`;
    const rows: Row[] = [];
    const add = (r: Row | null) => {
      if (r) rows.push(r);
    };
    add(await measure('bare Fastify', driver, bare, '/bare'));
    const app = await spawnServer(startCommand(), appEnv(dataDir, databaseUrl), '/readyz');
    let rss: number;
    try {
      const cookie = await signIn(app.port);
      const m = (scenario: string, urlPath: string, headers: Record<string, string>, opts: MeasureOptions) =>
        measure(scenario, driver, app, urlPath, headers, opts);
      add(await m('anonymous home page', '/', {}, { group: 'home', way: 'cached' }));
      // The home page's data (places) sits in a 60 s cache that no request bypasses: it is measured
      // uncached below, by an app started with VIEW_CACHES=off.
      add(await m('signed-in /konto', '/konto', { cookie }, { group: 'signed-in', way: 'cached' }));
      add(
        await m(
          'signed-in /konto, a different person per request',
          '/konto',
          {},
          { group: 'signed-in', way: 'uncached', cookies: spaces.cookies },
        ),
      );
      add(
        await m('spaces: week availability', availabilityPath, {}, { group: 'availability', way: 'cached' }),
      );
      add(
        await m(
          'spaces: week availability, every request a different room or week (uncached)',
          availabilityPath,
          {},
          { group: 'availability', way: 'uncached', vary: availabilityPaths() },
        ),
      );
      add(
        await m(
          'spaces: calendar page',
          calendarPath,
          {},
          { optional: true, group: 'calendar', way: 'cached' },
        ),
      );
      add(
        await m(
          'spaces: calendar page, every request a different room or week (uncached)',
          calendarPath,
          {},
          { optional: true, group: 'calendar', way: 'uncached', vary: calendarPaths() },
        ),
      );
      add(await measureBookings('spaces: booking POST', driver, app, spaces.cookies));
      // Events (issue 12). The list pages are shared by anonymous readers (page-cache.ts): here
      // with their kept pages (21 filter pairs, 8 words), below with VIEW_CACHES=off. The event
      // page keeps nothing: measured once, every request another of the 10,000 events.
      const evs = spaces.events;
      add(
        await m(
          'events: list page, subarea × audience, every request other filters',
          listPaths(evs.subareas)(0),
          {},
          { group: 'events-list', way: 'cached', vary: listPaths(evs.subareas) },
        ),
      );
      add(
        await m(
          'events: list page, text search, a different word each request',
          searchPaths(0),
          {},
          { group: 'events-search', way: 'cached', vary: searchPaths },
        ),
      );
      add(
        await m(
          'events: event page, a different event each request',
          eventPaths(0),
          {},
          { group: 'events-event', way: 'uncached', vary: eventPaths },
        ),
      );
      add(await measureRegistrations('events: registration POST', driver, app, spaces.cookies));
      // The feed last: its requests cost the most, and those still running when a scenario ends
      // would be the next one's load. The route allows 120 requests a minute per address: each
      // request comes from its own.
      add(await m(`events: feed of ${evs.feed.count} events (.ics)`, evs.feed.path, {}, { clients: true }));
      rss = rssMb(app.proc.pid!);
      const code = await app.stop();
      if (code !== 0) throw new Error(`the app exited with ${code} on SIGTERM`);
    } catch (err) {
      app.proc.kill('SIGKILL');
      throw err;
    }
    // The app again with every view cache off: the home page (nothing else bypasses its 60 s places
    // cache), the shared list pages and the feed.
    const uncachedApp = await spawnServer(
      startCommand(),
      { ...appEnv(dataDir, databaseUrl), VIEW_CACHES: 'off' },
      '/readyz',
    );
    try {
      add(
        await measure(
          'anonymous home page, VIEW_CACHES=off',
          driver,
          uncachedApp,
          '/',
          {},
          {
            group: 'home',
            way: 'uncached',
          },
        ),
      );
      const evs = spaces.events;
      // The list pages with nothing kept: each request reads and draws its page.
      add(
        await measure(
          'events: list page, subarea × audience, VIEW_CACHES=off',
          driver,
          uncachedApp,
          listPaths(evs.subareas)(0),
          {},
          { group: 'events-list', way: 'uncached', vary: listPaths(evs.subareas) },
        ),
      );
      add(
        await measure(
          'events: list page, text search, VIEW_CACHES=off',
          driver,
          uncachedApp,
          searchPaths(0),
          {},
          { group: 'events-search', way: 'uncached', vary: searchPaths },
        ),
      );
      // The feed again with its cache off: what one written for each request costs.
      add(
        await measure(
          `events: feed of ${evs.feed.count} events (.ics), VIEW_CACHES=off`,
          driver,
          uncachedApp,
          evs.feed.path,
          {},
          { clients: true },
        ),
      );
    } finally {
      await uncachedApp.stop();
    }
    // The bare routes on the same database, once the app has stopped (PGlite admits one process),
    // in a process started with the app's Node flags (heap limits, WebAssembly settings).
    const pages = await spawnServer(
      [...startCommand().slice(0, -1), '--import', 'tsx', 'bench/bare-pages.tsx'],
      appEnv(dataDir, databaseUrl),
      '/',
    );
    try {
      const m = (scenario: string, urlPath: string, opts: MeasureOptions) =>
        measure(scenario, driver, pages, urlPath, {}, { ...opts, way: 'bare' });
      add(await m('anonymous home page, bare route', '/', { group: 'home' }));
      add(await m('signed-in /konto, bare route', '/konto', { group: 'signed-in', cookies: spaces.cookies }));
      add(
        await m('spaces: week availability, bare route', availabilityPath, {
          group: 'availability',
          vary: availabilityPaths(),
        }),
      );
      add(
        await m('spaces: calendar page, bare route', calendarPath, {
          group: 'calendar',
          vary: calendarPaths(),
        }),
      );
      const evs = spaces.events;
      add(
        await m('events: list page, bare route', listPaths(evs.subareas)(0), {
          group: 'events-list',
          vary: listPaths(evs.subareas),
        }),
      );
      add(
        await m('events: list page, text search, bare route', searchPaths(0), {
          group: 'events-search',
          vary: searchPaths,
        }),
      );
      add(
        await m('events: event page, bare route', eventPaths(0), { group: 'events-event', vary: eventPaths }),
      );
    } finally {
      await pages.stop();
    }
    return { rows, rss };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await server?.drop();
  }
}

/** autocannon records whole milliseconds: 0 means under one. */
const fmt = (n: number) => (n === 0 ? '<1' : n >= 100 ? String(Math.round(n)) : n.toFixed(n >= 10 ? 1 : 2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const wayOf = (rows: Row[], driver: string, group: Group, way: Way) =>
  rows.find((r) => r.driver === driver && r.group === group && r.way === way && r.requests > 0);

/** Req/s of the real route with caches defeated over its bare route's, in one driver's run. */
function uncachedVsBare(rows: Row[], driver: string, group: Group): number | undefined {
  const real = wayOf(rows, driver, group, 'uncached');
  const bare = wayOf(rows, driver, group, 'bare');
  return real && bare ? real.rps / bare.rps : undefined;
}

function table(rows: Row[]): string {
  const bareOf = (driver: string) => rows.find((r) => r.driver === driver && r.scenario === 'bare Fastify')!;
  const lines = [
    '| scenario | driver | req/s | p50 ms | p90 ms | p99 ms | max ms | errors / non-2xx | server CPU µs/req | req/s vs bare Fastify | uncached vs bare |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const ratio = r.rps / bareOf(r.driver).rps;
    const vsBare = r.way === 'uncached' ? uncachedVsBare(rows, r.driver, r.group!) : undefined;
    lines.push(
      `| ${r.scenario} | ${r.driver} | ${Math.round(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.errors} / ${r.non2xx} | ${Math.round(r.cpuUs)} | ${ratio.toFixed(3)} | ${vsBare === undefined ? '' : vsBare.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

/** Issue 12's targets (PostgreSQL, 32 connections, 10,000 events and 200,000 registrations). */
function issue12(rows: Row[], verdict: (ok: boolean | undefined) => string): string[] {
  const pg = (group: Group, way: Way) => wayOf(rows, 'postgresql', group, way);
  // A scenario that completed no request measured nothing: its verdict is "not measured", never "met".
  const byName = (prefix: string) =>
    rows.find((r) => r.driver === 'postgresql' && r.scenario.startsWith(prefix) && r.requests > 0);
  const p99 = (label: string, r: Row | undefined, ms: number) =>
    `| PostgreSQL: ${label} p99 < ${ms} ms | ${r ? `${fmt(r.p99)} ms` : '—'} | ${verdict(r && r.p99 < ms)} |`;
  const ratio = (label: string, group: Group) => {
    const real = pg(group, 'uncached');
    const bare = pg(group, 'bare');
    const x = uncachedVsBare(rows, 'postgresql', group);
    return `| PostgreSQL: ${label}, no cache, ≥ 0.5 × its bare route's req/s | ${x === undefined ? '—' : `${x.toFixed(2)} (${Math.round(real!.rps)} / ${Math.round(bare!.rps)} req/s)`} | ${verdict(x === undefined ? undefined : x >= 0.5)} |`;
  };
  const feed = rows.find(
    (r) =>
      r.driver === 'postgresql' &&
      r.scenario.startsWith('events: feed of') &&
      !r.scenario.endsWith('VIEW_CACHES=off') &&
      r.requests > 0,
  );
  const feedUncached = rows.find(
    (r) =>
      r.driver === 'postgresql' &&
      r.scenario.startsWith('events: feed of') &&
      r.scenario.endsWith('VIEW_CACHES=off') &&
      r.requests > 0,
  );
  const reg = byName('events: registration POST');
  return [
    p99('events: filtered list page', pg('events-list', 'cached'), 30),
    p99('events: filtered list page, VIEW_CACHES=off', pg('events-list', 'uncached'), 30),
    p99('events: list page with text search', pg('events-search', 'cached'), 30),
    p99('events: list page with text search, VIEW_CACHES=off', pg('events-search', 'uncached'), 30),
    p99('events: event page', pg('events-event', 'uncached'), 30),
    p99(`events: ${feed ? feed.scenario.slice('events: '.length) : 'feed of 500 events'}`, feed, 100),
    p99(
      `events: ${feedUncached ? feedUncached.scenario.slice('events: '.length) : 'feed of 500 events, VIEW_CACHES=off'}`,
      feedUncached,
      100,
    ),
    `| PostgreSQL: events: registration ≥ 300/s, all 201 | ${reg ? `${Math.round(reg.rps)}/s, ${reg.non2xx} not 201` : '—'} | ${verdict(reg && reg.rps >= 300 && reg.non2xx === 0 && reg.errors === 0)} |`,
    ratio('events: filtered list page', 'events-list'),
    ratio('events: list page with text search', 'events-search'),
  ];
}

async function main() {
  const startedAt = new Date();
  console.log(
    `Klaster bench: ${CONNECTIONS} connections, ${SECONDS} s per scenario after ${WARMUP} s warm-up; ` +
      `app started as: node ${startCommand().join(' ')}`,
  );
  console.log('embedded start on existing data and idle memory…');
  const starts: StartFigures = ONLY.length
    ? { startsMs: [], idleRssMb: [], firstStartMs: 0 }
    : await embeddedStarts();
  console.log(
    `  starts ${starts.startsMs.map((m) => Math.round(m)).join(', ')} ms; idle RSS ${starts.idleRssMb.map((m) => Math.round(m)).join(', ')} MB`,
  );

  const bare = await spawnServer(['--import', 'tsx', 'bench/bare-server.ts'], {}, '/bare');
  const rows: Row[] = [];
  const rssAfterLoad: Record<string, number> = {};
  try {
    const drivers = (SERVER_URL ? (['pglite', 'postgresql'] as const) : (['pglite'] as const)).filter(
      (d) => !DRIVERS.length || DRIVERS.includes(d),
    );
    for (const driver of drivers) {
      console.log(`${driver}…`);
      const r = await driverRun(driver, bare);
      rows.push(...r.rows);
      rssAfterLoad[driver] = r.rss;
    }
  } finally {
    await bare.stop();
  }

  if (ONLY.length || DRIVERS.length) {
    // A partial run: the figures measured, without the tables (their reference rows are missing).
    for (const r of rows)
      console.log(
        `${r.scenario} (${r.driver}): ${Math.round(r.rps)}/s, p99 ${r.p99} ms, ${r.cpuUs} µs CPU/req`,
      );
    return;
  }

  const pg = (group: Group, way: Way) => wayOf(rows, 'postgresql', group, way);
  const pgBooking = rows.find((r) => r.driver === 'postgresql' && r.scenario === 'spaces: booking POST');
  const verdict = (ok: boolean | undefined) =>
    ok === undefined ? 'not measured' : ok ? 'met' : '**missed**';
  const startMedian = median(starts.startsMs);
  const rssMedian = median(starts.idleRssMb);
  const p99Target = (label: string, r: Row | undefined, ms: number) =>
    `| PostgreSQL: ${label} p99 < ${ms} ms | ${r ? `${fmt(r.p99)} ms` : '—'} | ${verdict(r && r.p99 < ms)} |`;
  // Issue 11: with caches defeated, at least half the bare route's req/s and p99 under 50 ms.
  const names: Partial<Record<Group, string>> = {
    home: 'home page',
    'signed-in': 'signed-in /konto',
    availability: 'week availability',
    calendar: 'resource calendar page',
  };
  const issue11 = (Object.keys(names) as Group[]).flatMap((group) => {
    const real = pg(group, 'uncached');
    const ratio = uncachedVsBare(rows, 'postgresql', group);
    return [
      `| PostgreSQL: ${names[group]}, caches defeated, ≥ 0.5 × its bare route's req/s | ${ratio === undefined ? '—' : `${ratio.toFixed(2)} (${Math.round(real!.rps)} / ${Math.round(pg(group, 'bare')!.rps)} req/s)`} | ${verdict(ratio === undefined ? undefined : ratio >= 0.5)} |`,
      `| PostgreSQL: ${names[group]}, caches defeated, p99 < 50 ms | ${real ? `${fmt(real.p99)} ms` : '—'} | ${verdict(real && real.p99 < 50)} |`,
    ];
  });
  const targets = [
    p99Target('anonymous page', pg('home', 'cached'), 20),
    p99Target('signed-in page', pg('signed-in', 'cached'), 30),
    p99Target('week availability', pg('availability', 'cached'), 20),
    p99Target('resource calendar page', pg('calendar', 'cached'), 40),
    `| PostgreSQL: booking creation ≥ 300/s, all 201 | ${pgBooking ? `${Math.round(pgBooking.rps)}/s, ${pgBooking.non2xx} not 201` : '—'} | ${verdict(pgBooking && pgBooking.rps >= 300 && pgBooking.non2xx === 0 && pgBooking.errors === 0)} |`,
    ...issue11,
    ...issue12(rows, verdict),
    `| Embedded: start on existing data < 5 s | ${(startMedian / 1000).toFixed(2)} s (median of ${starts.startsMs.length}: ${starts.startsMs.map((m) => (m / 1000).toFixed(2)).join(', ')}) | ${verdict(startMedian < 5000)} |`,
    `| Embedded: idle resident memory < 200 MB | ${Math.round(rssMedian)} MB (${starts.idleRssMb.map((m) => Math.round(m)).join(', ')}) | ${verdict(rssMedian < 200)} |`,
  ];
  const report = [
    `Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; ` +
      `${CONNECTIONS} connections, ${SECONDS} s per scenario after ${WARMUP} s warm-up.`,
    '',
    table(rows),
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    ...targets,
    '',
    `Resident memory of the app right after the load: ${Object.entries(rssAfterLoad)
      .map(([d, m]) => `${d} ${Math.round(m)} MB`)
      .join(
        ', ',
      )}. First start on an empty data directory (migrations, demo data): ${(starts.firstStartMs / 1000).toFixed(2)} s.`,
  ].join('\n');
  console.log(`\n${report}\n`);

  if (WRITE) writeResults('bench', report);
  const bad = rows.filter((r) => r.errors > 0 || r.non2xx > 0);
  if (bad.length) {
    console.error(
      `errors or non-2xx answers in: ${bad.map((r) => `${r.scenario} (${r.driver})`).join(', ')}`,
    );
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  for (const c of children) c.kill('SIGKILL');
}
