// `npm run bench:soak` (issue 11): the app's memory under a long mixed load on PostgreSQL. The app
// runs as `npm start` runs it (plus bench/memory-probe.mjs, which logs Node's and V8's own counts),
// on the benchmark's data; autocannon sends, at 32 connections for SOAK_SECONDS (600), a mix of
// what people do — the home page, their account page (a different person each time), week
// availability and calendar pages of varying rooms and weeks (caches missing), and bookings. The
// resident memory (VmRSS) is read every 10 s, and again 30 s after the load stops.
//
//   bash scripts/with-postgres.sh npm run bench:soak              report only
//   bash scripts/with-postgres.sh npm run bench:soak -- --write   also into bench/RESULTS.md
//
// Target: resident memory does not grow after the first minute (at most 10 % over the end of
// minute one, to allow for noise). Environment reaches the app (e.g. MALLOC_ARENA_MAX).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import {
  appEnv,
  children,
  createBenchDatabase,
  prepare,
  root,
  rssMb,
  SERVER_URL,
  sleep,
  spawnServer,
  startCommand,
  writeResults,
} from './harness.ts';
import { availabilityPaths, calendarPaths, slotSequence } from './spaces.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const AFTER_SECONDS = 30;
const SAMPLE_MS = 10_000;
const WRITE = process.argv.includes('--write');
const MB = 2 ** 20;

interface Probe {
  at: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  malloced: number;
}

/** One request in ten of each kind, in turn: what a busy morning at the cluster looks like. */
function mixedLoad(cookies: string[]): { request: CannonRequest; statuses: Record<string, number> } {
  const availability = availabilityPaths();
  const calendar = calendarPaths();
  const slot = slotSequence();
  const statuses: Record<string, number> = {};
  let n = 0;
  let bookings = 0;
  const request: CannonRequest = {
    method: 'GET',
    path: '/',
    setupRequest: (req): CannonRequest => {
      const i = n++;
      const none: Record<string, string> = {};
      const cookie = cookies[i % cookies.length]!;
      const kind = i % 10;
      if (kind < 3) return { ...req, method: 'GET', path: '/', headers: none };
      if (kind < 5) return { ...req, method: 'GET', path: '/konto', headers: { cookie } };
      if (kind < 7) return { ...req, method: 'GET', path: availability(i), headers: none };
      if (kind < 9) return { ...req, method: 'GET', path: calendar(i), headers: none };
      return {
        ...req,
        method: 'POST',
        path: '/api/v1/spaces/bookings',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ ...slot(bookings++), title: 'Pomiar pamięci' }),
      };
    },
    onResponse: (status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    },
  };
  return { request, statuses };
}

const probesOf = (file: string): Probe[] => {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Probe);
  } catch {
    return [];
  }
};

async function main() {
  if (!SERVER_URL)
    throw new Error('the soak runs on PostgreSQL: bash scripts/with-postgres.sh npm run bench:soak');
  const startedAt = new Date();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'klaster-soak-'));
  const probeFile = path.join(dataDir, 'memory.jsonl');
  const server = await createBenchDatabase();
  try {
    const spaces = await prepare(dataDir, server.url);
    const probe = path.join(root, 'bench', 'memory-probe.mjs');
    const app = await spawnServer(
      [`--import=${probe}`, ...startCommand()],
      { ...appEnv(dataDir, server.url), MEMORY_PROBE_FILE: probeFile },
      '/readyz',
    );
    const pid = app.proc.pid!;
    const samples: Array<{ second: number; rss: number }> = [];
    const t0 = performance.now();
    const sample = () =>
      samples.push({ second: Math.round((performance.now() - t0) / 1000), rss: rssMb(pid) });
    sample();
    const timer = setInterval(sample, SAMPLE_MS);
    const { request, statuses } = mixedLoad(spaces.cookies);
    console.log(`soak: ${SECONDS} s of mixed load at ${CONNECTIONS} connections…`);
    const r = await autocannon({
      url: `http://127.0.0.1:${app.port}`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [request],
    });
    const loadEnd = performance.now();
    clearInterval(timer);
    sample();
    await sleep(AFTER_SECONDS * 1000);
    const after = rssMb(pid);
    // SOAK_SMAPS=file keeps the process's memory map of that moment, to see where the rest goes.
    if (process.env.SOAK_SMAPS) writeFileSync(process.env.SOAK_SMAPS, readFileSync(`/proc/${pid}/smaps`));
    const probes = probesOf(probeFile);
    const code = await app.stop();
    if (code !== 0) throw new Error(`the app exited with ${code} on SIGTERM`);

    // The end of minute one against everything after it.
    const atMinute = (s: number) => samples.filter((x) => x.second <= s).at(-1)!;
    const firstMinute = atMinute(60).rss;
    const later = samples.filter((x) => x.second > 60 && x.second <= (loadEnd - t0) / 1000 + 1);
    if (!later.length)
      throw new Error('SOAK_SECONDS must be at least 70: the target compares minute one with what follows');
    const peakLater = Math.max(...later.map((x) => x.rss));
    const growth = (peakLater - firstMinute) / firstMinute;
    const probeAt = (s: number) => {
      const at = t0 + s * 1000;
      return probes.reduce<Probe | undefined>(
        (best, p) => (p.at - performance.timeOrigin <= at ? p : best),
        undefined,
      );
    };
    const minutes = [...new Set([0, 1, 2, 5, Math.floor(SECONDS / 60)])].filter((m) => m * 60 <= SECONDS);
    const rowOf = (label: string, rss: number, p: Probe | undefined) =>
      `| ${label} | ${Math.round(rss)} | ${p ? Math.round(p.heapTotal / MB) : '—'} | ${p ? Math.round(p.heapUsed / MB) : '—'} | ${p ? Math.round(p.external / MB) : '—'} | ${p ? Math.round(p.arrayBuffers / MB) : '—'} | ${p ? Math.round(p.malloced / MB) : '—'} | ${p ? Math.round(rss - (p.heapTotal + p.external) / MB) : '—'} |`;
    const lastProbe = probes.at(-1);
    const ok = statuses['200'] ?? 0;
    const created = statuses['201'] ?? 0;
    const other = Object.entries(statuses).filter(([s]) => s !== '200' && s !== '201');
    const env = ['MALLOC_ARENA_MAX', 'NODE_OPTIONS', 'BENCH_NODE_FLAGS']
      .filter((k) => process.env[k])
      .map((k) => `${k}=${process.env[k]}`);
    const report = [
      `Soak ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, PostgreSQL; ${CONNECTIONS} connections for ${SECONDS} s${env.length ? `; ${env.join(' ')}` : ''}.`,
      '',
      `${r.latency.totalCount.toLocaleString('en')} requests (${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms): ${ok.toLocaleString('en')} pages and answers 200, ${created.toLocaleString('en')} bookings 201${other.length ? `, ${other.map(([s, c]) => `${c} × ${s}`).join(', ')}` : ''}; ${r.errors + r.timeouts} errors.`,
      '',
      '| when | resident MB | V8 heap MB | heap used MB | external MB | array buffers MB | V8 malloced MB | resident − heap − external MB |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...minutes.map((m) =>
        rowOf(m === 0 ? 'start of the load' : `after ${m} min`, atMinute(m * 60).rss, probeAt(m * 60)),
      ),
      rowOf(`${AFTER_SECONDS} s after the load`, after, lastProbe),
      '',
      `| target | measured | |`,
      '| --- | --- | --- |',
      `| PostgreSQL: resident memory does not grow after the first minute (≤ 10 % over minute one) | ${Math.round(firstMinute)} MB after 1 min, at most ${Math.round(peakLater)} MB later (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %) | ${growth <= 0.1 ? 'met' : '**missed**'} |`,
    ].join('\n');
    console.log(`\n${report}\n`);
    if (WRITE) writeResults('soak', report);
    if (r.errors + r.timeouts > 0 || other.length) process.exitCode = 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await server.drop();
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
