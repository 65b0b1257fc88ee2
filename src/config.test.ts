import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, configDocs, loadConfig } from './config.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'klaster-config-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir, ...env });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail('the configuration was accepted');
}

describe('configuration', () => {
  it('CLOCK_START starts the clock at a Warsaw moment outside production and is refused in production', () => {
    const c = loadConfig({ DATA_DIR: dataDir, CLOCK_START: '2026-12-03T09:00' });
    assert.equal(c.clockStart?.toISOString(), '2026-12-03T08:00:00.000Z');
    assert.equal(loadConfig({ DATA_DIR: dataDir }).clockStart, undefined);
    assert.deepEqual(
      problemsOf({ CLOCK_START: 'jutro' }).map((p) => p.split(':')[0]),
      ['CLOCK_START'],
    );
    const production = problemsOf({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      BASE_URL: 'https://klaster.example',
      CLOCK_START: '2026-12-03T09:00',
    });
    assert.deepEqual(production, ['CLOCK_START: not allowed in production']);
  });

  it('lists every bad variable at once, each by name', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'http://mail',
      LOG_LEVEL: 'loud',
      AUTH_SECRET: 'short',
      CONTACT_EMAIL: 'not-an-address',
      BODY_LIMIT_BYTES: '12',
    });
    const named = problems.map((p) => p.split(':')[0]);
    assert.deepEqual(named.sort(), [
      'AUTH_SECRET',
      'BODY_LIMIT_BYTES',
      'CONTACT_EMAIL',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'SMTP_URL',
    ]);
    assert.ok(problems.some((p) => /DATABASE_URL: must start with postgres:\/\//.test(p)));
    // The message an operator sees carries the whole list.
    try {
      loadConfig({ DATA_DIR: dataDir, PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      assert.match((err as Error).message, /PORT.*\n.*DATABASE_URL/s);
    }
  });

  it('in production requires AUTH_SECRET and an https BASE_URL, listing both', () => {
    assert.deepEqual(problemsOf({ NODE_ENV: 'production' }).sort(), [
      'AUTH_SECRET: required in production (32+ characters)',
      'BASE_URL: required in production (https://…)',
    ]);
    const http = problemsOf({
      NODE_ENV: 'production',
      BASE_URL: 'http://klaster.example',
      AUTH_SECRET: 'x'.repeat(40),
    });
    assert.deepEqual(http, ['BASE_URL: must use https:// in production']);
  });

  it('accepts a valid production configuration and applies the defaults', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      BASE_URL: 'https://klaster.krakow.example/',
      AUTH_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://app@db/klaster',
      DATA_DIR: dataDir,
    });
    assert.equal(c.production, true);
    assert.equal(c.baseUrl, 'https://klaster.krakow.example');
    assert.equal(c.port, 3000);
    assert.equal(c.demoData, false, 'no demo accounts in production unless asked for');
    assert.equal(c.workers, true);
    assert.equal(c.mailDir, path.join(dataDir, 'mail'));
  });

  it('treats empty variables as unset and reads booleans in their usual spellings', () => {
    const c = loadConfig({ DATA_DIR: dataDir, PORT: '', DEMO_DATA: 'no', WORKERS: '0', TRUST_PROXY: 'yes' });
    assert.equal(c.port, 3000);
    assert.equal(c.demoData, false);
    assert.equal(c.workers, false);
    assert.equal(c.trustProxy, true);
  });

  it('keeps a development secret in the data directory, the same on every start', () => {
    const a = loadConfig({ DATA_DIR: dataDir });
    const b = loadConfig({ DATA_DIR: dataDir });
    assert.ok(a.authSecret.length >= 32);
    assert.equal(a.authSecret, b.authSecret);
  });

  it('README documents exactly the variables of configDocs, with the same meaning', () => {
    const readme = readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'),
      'utf8',
    );
    const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
    assert.ok(section, 'README has a "## Configuration" section');
    const rows = [...section.matchAll(/^\| `([A-Z_0-9]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, configDocs, 'README table rows equal configDocs (run: npm run klaster -- config)');
  });
});
