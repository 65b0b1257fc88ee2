// The real server process: starts on an empty data directory, answers health checks, drains
// in-flight requests on SIGTERM and exits 0, starts again on the same data with nothing lost, and
// never writes passwords, cookies or tokens to its log. Runs on the embedded database, or on a
// fresh database of the server in TEST_DATABASE_URL.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startArguments } from '../../scripts/start-command.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { freshServerDatabase } from '../support/app.ts';
import { freePort } from '../support/smtp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Server {
  proc: ChildProcess;
  port: number;
  /** From spawning the process to its "ready" log line. */
  startupMs: number;
  log: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const startedAt = performance.now();
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, PORT: String(port) };
  for (const k of ['NODE_TEST_CONTEXT', 'NODE_OPTIONS']) delete childEnv[k];
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const proc = spawn(process.execPath, startArguments(), {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let buffered = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${log.join('\n')}`)), 90_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        log.push(line);
        if (line.includes('Klaster is ready')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => log.push(`[stderr] ${chunk.toString('utf8')}`));
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${log.join('\n')}`));
    });
  });
  await ready;
  return { proc, port, startupMs: performance.now() - startedAt, log, exited };
}

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  port: number,
  method: string,
  url: string,
  opts: { cookie?: string; form?: Record<string, string> } = {},
): Promise<Res> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: false,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(body
            ? {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** name=value pairs from Set-Cookie headers, merged into a jar. */
function remember(jar: Map<string, string>, res: Res) {
  for (const c of res.headers['set-cookie'] ?? []) {
    const [pair = ''] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}
const cookieOf = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** A form page's CSRF token, with the jar holding its cookie. */
async function csrf(port: number, jar: Map<string, string>, page: string): Promise<string> {
  const res = await request(port, 'GET', page, { cookie: cookieOf(jar) });
  remember(jar, res);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
  assert.ok(m, `a CSRF token on ${page}`);
  return m[1]!;
}

/**
 * A sign-in whose body arrives slowly: the headers and half the body are sent now, the rest when
 * `finish` is called. Until then the request is in flight on the server.
 */
function slowSignIn(port: number, form: Record<string, string>, cookie: string) {
  const body = new URLSearchParams(form).toString();
  let req!: http.ClientRequest;
  const response = new Promise<Res>((resolve, reject) => {
    req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/logowanie',
        agent: false,
        headers: {
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.flushHeaders();
  req.write(body.slice(0, half));
  return { response, finish: () => req.end(body.slice(half)) };
}

const vmRssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb / 1024;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'klaster-process-'));
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let server: Server | undefined;
  /** Every server this file started, with its log. */
  const started: Server[] = [];
  const start = async () => {
    server = await startServer(env);
    started.push(server);
    return server;
  };
  const secrets = new Map<string, string>();
  const email = 'proces.test@example.org';
  const password = 'Tajne-Haslo-Procesu-4821';

  before(async () => {
    env = {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    };
    if (process.env.TEST_DATABASE_URL) {
      const fresh = await freshServerDatabase(process.env.TEST_DATABASE_URL);
      env.DATABASE_URL = fresh.url;
      drop = fresh.drop;
    }
  });
  after(async () => {
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data directory and reports healthy and ready', async (t) => {
    const s = await start();
    t.diagnostic(`first start (migrations + demo data): ${Math.round(s.startupMs)} ms`);
    const health = await request(s.port, 'GET', '/healthz');
    assert.equal(health.status, 200);
    assert.ok(health.headers['x-request-id'], 'responses carry a request id');
    const ready = await request(s.port, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(JSON.parse(ready.body), { status: 'ready', database: 'up' });
  });

  it('signs a person up, mails the link to DATA_DIR/mail, verifies and signs in', async () => {
    const port = server!.port;
    const jar = new Map<string, string>();
    const signUpToken = await csrf(port, jar, '/rejestracja');
    const signUp = await request(port, 'POST', '/rejestracja', {
      cookie: cookieOf(jar),
      form: {
        _csrf: signUpToken,
        name: 'Proces Testowy',
        email,
        password,
        locale: 'pl',
        consents: 'terms',
      },
    });
    assert.equal(signUp.status, 303, signUp.body);

    // The in-process worker writes the message within a few polls.
    const mailDir = path.join(dataDir, 'mail');
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i++) {
      await sleep(100);
      if (!existsSync(mailDir)) continue;
      for (const f of readdirSync(mailDir)) {
        const raw = readFileSync(path.join(mailDir, f), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '=');
        if (!raw.includes(`To: ${email}`)) continue;
        link = /\/potwierdz-email\?token=[^\s"<>]+/.exec(raw)?.[0];
      }
    }
    assert.ok(link, 'a verification e-mail with its link was written');
    secrets.set('verification token', decodeURIComponent(link.split('token=')[1] ?? ''));
    const verified = await request(port, 'GET', link);
    assert.equal(verified.status, 200);

    const signInToken = await csrf(port, jar, '/logowanie');
    const signIn = await request(port, 'POST', '/logowanie', {
      cookie: cookieOf(jar),
      form: { _csrf: signInToken, email, password },
    });
    assert.equal(signIn.status, 303, signIn.body);
    remember(jar, signIn);
    for (const [name, value] of jar) secrets.set(`cookie ${name}`, value);
    const home = await request(port, 'GET', '/', { cookie: cookieOf(jar) });
    assert.match(home.body, /Wyloguj się/);
  });

  it('on SIGTERM finishes the requests in flight, then exits 0', async (t) => {
    const s = server!;
    const jar = new Map<string, string>();
    const token = await csrf(s.port, jar, '/logowanie');
    const slow = Array.from({ length: 4 }, () =>
      slowSignIn(
        s.port,
        { _csrf: token, email: 'mieszkanka@klaster.example', password: DEMO_PASSWORD },
        cookieOf(jar),
      ),
    );
    await sleep(300); // the server has the headers and is waiting for the bodies
    const signalledAt = performance.now();
    s.proc.kill('SIGTERM');
    await sleep(300);
    for (const r of slow) r.finish();
    const responses = await Promise.all(slow.map((r) => r.response));
    assert.deepEqual(
      responses.map((r) => r.status),
      [303, 303, 303, 303],
      'every in-flight sign-in completed',
    );
    const { code, signal } = await s.exited;
    const shutdownMs = performance.now() - signalledAt;
    t.diagnostic(`shutdown after SIGTERM: ${Math.round(shutdownMs)} ms`);
    assert.equal(signal, null);
    assert.equal(code, 0, s.log.slice(-5).join('\n'));
    assert.ok(shutdownMs < 10_000, 'within the 10 s grace period');
    assert.ok(s.log.some((l) => l.includes('shutting down')));
  });

  it('starts again on the same data quickly, with nothing lost, and idles in little memory', async (t) => {
    const s = await start();
    const port = s.port;
    const ready = await request(port, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    // The account created before the restart, verified, still signs in; so does a demo account.
    for (const [who, pass] of [
      [email, password],
      ['admin@klaster.example', DEMO_PASSWORD],
    ] as const) {
      const jar = new Map<string, string>();
      const token = await csrf(port, jar, '/logowanie');
      const res = await request(port, 'POST', '/logowanie', {
        cookie: cookieOf(jar),
        form: { _csrf: token, email: who, password: pass },
      });
      assert.equal(res.status, 303, `${who} signs in after the restart`);
    }
    assert.ok(!s.log.some((l) => l.includes('demo data loaded')), 'demo data is not loaded twice');

    // A private calendar feed: its secret address is fetched, and must not reach the log either.
    const jar = new Map<string, string>();
    const signInToken = await csrf(port, jar, '/logowanie');
    const signIn = await request(port, 'POST', '/logowanie', {
      cookie: cookieOf(jar),
      form: { _csrf: signInToken, email, password },
    });
    remember(jar, signIn);
    const feedFormToken = await csrf(port, jar, '/przestrzenie/moje/kalendarz');
    const created = await request(port, 'POST', '/przestrzenie/moje/kalendarz', {
      cookie: cookieOf(jar),
      form: { _csrf: feedFormToken },
    });
    assert.equal(created.status, 303);
    remember(jar, created);
    const shown = await request(port, 'GET', '/przestrzenie/moje/kalendarz', { cookie: cookieOf(jar) });
    const feedToken = /\/przestrzenie\/kalendarz\/([A-Za-z0-9_-]{43})\.ics/.exec(shown.body)?.[1];
    assert.ok(feedToken, 'the feed address is shown once');
    const feed = await request(port, 'GET', `/przestrzenie/kalendarz/${feedToken}.ics`);
    assert.equal(feed.status, 200);
    assert.match(feed.body, /^BEGIN:VCALENDAR/);
    secrets.set('calendar feed token', feedToken);

    await sleep(3000);
    const rss = vmRssMb(s.proc.pid!);
    t.diagnostic(`start on existing data: ${Math.round(s.startupMs)} ms (target < 5000)`);
    t.diagnostic(`resident memory after idle: ${Math.round(rss)} MB (target < 200)`);
    // The start time is measured by `npm run bench` (bench/RESULTS.md). Here only a start that hangs
    // fails: on a machine whose cores are busy with other work a healthy start took 17 s.
    assert.ok(s.startupMs < 60_000, `started in ${Math.round(s.startupMs)} ms`);
    // The target (200 MB) is measured by `npm run bench`; here a bound a noisy CI machine keeps.
    assert.ok(rss < 260, `resident memory ${Math.round(rss)} MB`);

    s.proc.kill('SIGTERM');
    assert.deepEqual(await s.exited, { code: 0, signal: null });
  });

  it('never logged a password, a cookie, a token or an e-mail address, but did log request ids', () => {
    assert.ok(secrets.size >= 3, 'secrets were collected');
    assert.equal(started.length, 2);
    const everything = started.flatMap((s) => s.log).join('\n');
    const needles: Array<[string, string]> = [
      ...secrets,
      ['password', password],
      ['demo password', DEMO_PASSWORD],
      ['e-mail address', email],
    ];
    for (const [what, value] of needles) {
      assert.ok(value.length >= 8, `${what} is long enough to search for`);
      assert.ok(!everything.includes(value), `the log contains the ${what}`);
    }
    assert.match(everything, /"reqId":"[0-9a-f-]{36}"/);
  });
});
