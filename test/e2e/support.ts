// Browser journeys: the real server in a child process (embedded PGlite in a temp data dir, workers
// on, mail as .eml files), driven by Debian's Chromium through playwright-core, with axe on every page.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { readMailDir } from '../support/mail.ts';
import { totp } from '../support/totp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Server {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'klaster-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      OVERLOAD_EVENT_LOOP_DELAY_MS: '0',
      ...env,
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
  // A start on a machine busy with other work can take a minute; a hung one fails after three.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${baseUrl}/readyz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The HTML the server sent for the document each page shows now (the source, before any script ran:
 * what the Nu checker should judge), recorded for every context of a browser from launchBrowser.
 */
const documents = new WeakMap<Page, Promise<string | null>>();

function recordDocuments(context: BrowserContext) {
  context.on('response', (response) => {
    const frame = response.frame();
    if (response.request().resourceType() !== 'document' || frame.parentFrame() !== null) return;
    if (response.status() >= 300 && response.status() < 400) return;
    documents.set(
      frame.page(),
      response.text().catch(() => null),
    );
  });
}

/**
 * The suite's demo server (with `env` on top of the defaults) and Chromium: started before its
 * tests, stopped after them. Read `server` and `browser` inside tests and hooks.
 */
export function serverAndBrowser(env: Record<string, string> = {}): {
  readonly server: Server;
  readonly browser: Browser;
} {
  let server: Server | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      assert.ok(server, 'the server has not started');
      return server;
    },
    get browser() {
      assert.ok(browser, 'the browser has not started');
      return browser;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    recordDocuments(context);
    return context;
  };
  return browser;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// ——— The Nu HTML checker (vnu.jar), one server for the whole test process ———

const VNU_JAR = path.join(root, 'node_modules/vnu-jar/build/dist/vnu.jar');
let validator: Promise<string> | null = null;

/** Starts the checker as a local HTTP service once (a JVM start per page would take seconds each). */
function validatorUrl(): Promise<string> {
  validator ??= (async () => {
    const port = await freePort();
    const child = spawn(
      'java',
      [
        '-Xss8m',
        '-Xmx384m',
        `-Dnu.validator.servlet.bind-address=127.0.0.1`,
        '-cp',
        VNU_JAR,
        'nu.validator.servlet.Main',
        String(port),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    child.stderr?.on('data', (d) => {
      output += d;
    });
    // Neither the checker nor its output pipe keeps the test process alive.
    child.unref();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    process.once('exit', () => child.kill());
    const url = `http://127.0.0.1:${port}/`;
    // A JVM on a machine busy with other work can take a minute or two to listen.
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the Nu HTML checker exited:\n${output}`);
      try {
        if ((await fetch(url)).ok) return url;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`the Nu HTML checker did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return validator;
}

/** Runs the Nu HTML checker on the HTML the server sent for the page; fails on any error it reports. */
export async function expectValidHtml(page: Page, label = page.url()): Promise<void> {
  const html = (await documents.get(page)) ?? (await page.content());
  const res = await fetch(`${await validatorUrl()}?out=json`, {
    method: 'POST',
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: html,
  });
  const report = (await res.json()) as {
    messages: Array<{ type: string; subType?: string; message: string; extract?: string; lastLine?: number }>;
  };
  const errors = report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${m.message} (line ${m.lastLine ?? '?'}): ${(m.extract ?? '').trim().slice(0, 160)}`);
  assert.deepEqual(errors, [], `the Nu HTML checker found errors on ${label}:\n${errors.join('\n')}`);
}

/**
 * Checks a page as shown: axe (WCAG 2.0/2.1 A and AA) on the live page, and the Nu HTML checker on
 * the HTML the server sent; fails with a readable list of what they found.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await expectValidHtml(page, label);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const problems = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  assert.deepEqual(problems, [], `axe found violations on ${label}:\n${problems.join('\n')}`);
}

/** Waits until an e-mail to `to` whose text matches `pattern` is written, and returns its link. */
export async function waitForMailLink(
  dataDir: string,
  to: string,
  linkPart: string,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = readMailDir(dataDir)
      .filter((m) => m.to.toLowerCase().includes(to.toLowerCase()))
      .flatMap((m) => m.links)
      .find((l) => l.includes(linkPart));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} with a link containing ${linkPart}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Signs in with the e-mail and the demo password on the sign-in page, landing on `next`. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, next = '/konto') {
  await page.goto(`${baseUrl}/logowanie?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('main button[type=submit]');
}

/**
 * A staff member's first visit to /panel: the back office sends them to set up two-step sign-in;
 * the code is computed from the secret shown on the page. `check` runs on every page on the way.
 * Returns the secret.
 */
export async function enrolTotp(
  page: Page,
  baseUrl: string,
  password: string,
  check: (page: Page) => Promise<void>,
): Promise<string> {
  await page.goto(`${baseUrl}/panel`);
  await page.waitForURL(/\/konto\/dwuetapowe\?wymagane=1/);
  await check(page);
  await page.fill('input[name=password]', password);
  await page.click('main button[type=submit]');
  await page.waitForSelector('#totp-secret');
  await check(page);
  const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  await page.fill('input[name=code]', totp(secret));
  await page.click('main form[action="/konto/dwuetapowe/potwierdz"] button[type=submit]');
  await page.waitForURL('**/panel');
  await check(page);
  return secret;
}
