// The command line, run as an operator would: `npm run klaster -- …` (here: node --import tsx).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { Client, freshServerDatabase } from '../support/app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function cli(args: string[], env: Record<string, string> = {}) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of ['NODE_TEST_CONTEXT', 'NODE_OPTIONS', 'KLASTER_ADMIN_PASSWORD']) delete childEnv[k];
  Object.assign(childEnv, env);
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c;
    });
    p.stderr.on('data', (c: Buffer) => {
      err += c;
    });
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('command line', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'klaster-cli-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  let drop: (() => Promise<void>) | undefined;
  before(async () => {
    if (process.env.TEST_DATABASE_URL) {
      const fresh = await freshServerDatabase(process.env.TEST_DATABASE_URL);
      env.DATABASE_URL = fresh.url;
      drop = fresh.drop;
    }
  });
  after(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('--help lists the commands', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['migrate', 'seed', 'create-admin', 'config'])
      assert.match(r.out, new RegExp(`\\n  ${c}`));
  });

  it('an unknown command or missing options are usage errors (64)', async () => {
    assert.equal((await cli(['frobnicate'])).code, 64);
    const r = await cli(['create-admin', '--email', 'not-an-address'], env);
    assert.equal(r.code, 64);
    assert.match(r.err, /--email is not an e-mail address/);
    assert.match(r.err, /--name is required/);
  });

  it('config prints the variables and lists every bad one, exiting 78', async () => {
    const r = await cli(['config'], { PORT: 'abc', DATABASE_URL: 'mysql://x', NODE_ENV: 'production' });
    assert.equal(r.code, 78);
    assert.match(r.out, /SMTP_URL\s+smtp\(s\):\/\//);
    assert.match(r.err, /PORT:/);
    assert.match(r.err, /DATABASE_URL: must start with postgres:\/\//);
    const ok = await cli(['config'], env);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /The current environment is valid/);
  });

  it('create-admin refuses a common password and changes nothing', async () => {
    const r = await cli(['create-admin', '--email', 'szef@example.org', '--name', 'Szef'], {
      ...env,
      KLASTER_ADMIN_PASSWORD: 'password1234',
    });
    assert.equal(r.code, 1);
    assert.match(r.err, /commonly used/);
  });

  it('seed loads the demo data once; create-admin prints a working password once', async () => {
    const first = await cli(['seed'], env);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /demo data loaded/);
    const again = await cli(['seed'], env);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /already present; nothing changed/);

    const created = await cli(
      ['create-admin', '--email', 'Szefowa@Example.org', '--name', 'Szefowa IT'],
      env,
    );
    assert.equal(created.code, 0, created.err);
    const password = /password \(shown once, store it now\): (\S+)/.exec(created.out)?.[1];
    assert.ok(password && password.length >= 20, created.out);
    assert.match(created.out, /Two-factor authentication \(TOTP\) is required/);

    const twice = await cli(['create-admin', '--email', 'szefowa@example.org', '--name', 'X'], env);
    assert.equal(twice.code, 0);
    assert.match(twice.out, /already an administrator/);
    assert.doesNotMatch(twice.out, /shown once/);
    const resident = await cli(['create-admin', '--email', 'mieszkanka@klaster.example', '--name', 'X'], env);
    assert.equal(resident.code, 1, 'an existing non-admin account is not promoted from the command line');

    // The account exists as an admin, and the printed password signs in.
    const config = loadConfig({ ...env, NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '1000' });
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
    try {
      const rows = await database.rows<{ email: string; role: string }>(
        sql`select email, role from auth_user where email in ('szefowa@example.org', 'mieszkanka@klaster.example') order by email`,
      );
      assert.deepEqual(rows, [
        { email: 'mieszkanka@klaster.example', role: 'resident' },
        { email: 'szefowa@example.org', role: 'admin' },
      ]);
      const app = await buildApp({ config, database });
      try {
        const res = await new Client(app).post('/logowanie', { email: 'szefowa@example.org', password });
        assert.equal(res.statusCode, 303, res.body);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});
