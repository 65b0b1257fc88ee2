// Lints the OpenAPI document as `npm start` serves it: starts the built server (the start script's
// own Node flags and entry, scripts/start-command.ts) on a free port with a throwaway DATA_DIR and the
// demo data, fetches /api/v1/openapi.json, runs Redocly's linter with its `recommended` ruleset on
// it, and stops the server. Exits non-zero if the linter finds an error (or the server never starts).
// Run by scripts/test-all.sh after the build: `npx tsx scripts/lint-served-openapi.ts`.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/platform/paths.ts';
import { startArguments } from './start-command.ts';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'klaster-openapi-'));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, startArguments(), {
  cwd: projectRoot,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: baseUrl,
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout?.on('data', (d) => {
  output += d;
});
child.stderr?.on('data', (d) => {
  output += d;
});

let status = 1;
try {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the server did not start in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const file = path.join(dataDir, 'openapi.json');
  writeFileSync(file, await res.text());
  console.log(`Linting the document served at ${baseUrl}/api/v1/openapi.json (Redocly, recommended rules)`);
  const lint = spawnSync(
    path.join(projectRoot, 'node_modules/.bin/redocly'),
    ['lint', '--extends=recommended', '--max-problems=200', file],
    {
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  status = lint.status ?? 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
