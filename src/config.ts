// The only reader of process.env. Every setting is validated at start; a bad one stops the process
// with a list of everything that is wrong, so an operator fixes them all in one go.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { warsawInstant } from './platform/time/warsaw.ts';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('var'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Klaster Zabłocie 20.22 <no-reply@klaster.krakow.example>'),
  DEMO_DATA: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  WORKERS: bool(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool(false),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(256 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SIGNIN_LIMIT_PER_15_MIN: z.coerce.number().int().min(1).default(10),
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  CONTACT_EMAIL: z.email().default('klaster@um.krakow.pl'),
  CLOCK_START: z.string().max(40).optional(),
  VIEW_CACHES: z.enum(['on', 'off']).default('on'),
  EVENTS_PURGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

/** CLOCK_START: `YYYY-MM-DDTHH:MM` in Warsaw, or an ISO instant with its offset; undefined if unreadable. */
function parseClockStart(value: string): Date | undefined {
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  const instant = local ? warsawInstant(local[1]!, local[2]!) : new Date(value);
  return Number.isFinite(instant.getTime()) ? instant : undefined;
}

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  production: boolean;
  host: string;
  port: number;
  baseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Embedded database directory, or 'memory://' for tests. */
  pgliteDir: string;
  mailDir: string;
  authSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  demoData: boolean;
  workers: boolean;
  logLevel: string;
  trustProxy: boolean;
  bodyLimit: number;
  uploadLimit: number;
  rateLimitPerMinute: number;
  signInLimit: number;
  /** Event-loop delay (ms) past which the node answers 503 for a while; 0 turns the guard off. */
  overloadEventLoopDelayMs: number;
  contactEmail: string;
  /** Outside production: the moment the app's clock starts at (it runs on from there). */
  clockStart: Date | undefined;
  /** False: every in-process view cache is off (VIEW_CACHES=off, for measurements). */
  viewCaches: boolean;
  /** Days after an event ends when its registrants' personal data is deleted (counts stay). */
  eventsPurgeDays: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, so `FOO=` in a service file does not trip validation.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !e.AUTH_SECRET) problems.push('AUTH_SECRET: required in production (32+ characters)');
  if (production && !e.BASE_URL) problems.push('BASE_URL: required in production (https://…)');
  if (production && e.BASE_URL && !e.BASE_URL.startsWith('https://'))
    problems.push('BASE_URL: must use https:// in production');
  const clockStart = e.CLOCK_START ? parseClockStart(e.CLOCK_START) : undefined;
  if (e.CLOCK_START && production) problems.push('CLOCK_START: not allowed in production');
  else if (e.CLOCK_START && !clockStart)
    problems.push('CLOCK_START: must be YYYY-MM-DDTHH:MM (Warsaw) or an ISO instant');
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const demoData =
    e.DEMO_DATA === undefined ? !production : ['true', '1', 'yes'].includes(e.DEMO_DATA.toLowerCase());
  return {
    env: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    pgliteDir: path.join(dataDir, 'pgdata'),
    mailDir: path.join(dataDir, 'mail'),
    authSecret: e.AUTH_SECRET ?? developmentSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    demoData,
    workers: e.WORKERS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadLimit: e.UPLOAD_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    signInLimit: e.SIGNIN_LIMIT_PER_15_MIN,
    overloadEventLoopDelayMs: e.OVERLOAD_EVENT_LOOP_DELAY_MS,
    contactEmail: e.CONTACT_EMAIL,
    clockStart,
    viewCaches: e.VIEW_CACHES === 'on',
    eventsPurgeDays: e.EVENTS_PURGE_DAYS,
  };
}

/** Outside production a random secret is kept under the data directory, never in the repository. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The documented table of variables, printed by `npm run klaster -- config`. */
export const configDocs: Array<[name: keyof Env, meaning: string]> = [
  ['NODE_ENV', 'development (default), production or test'],
  ['HOST', 'interface to listen on (default 0.0.0.0)'],
  ['PORT', 'HTTP port (default 3000)'],
  [
    'BASE_URL',
    'public address used in e-mail links; default `http://localhost:$PORT` (`http://localhost:3000`) in development and tests; required (https) in production',
  ],
  [
    'DATABASE_URL',
    'postgres://… to use a PostgreSQL ≥ 15 server; unset = embedded PGlite in DATA_DIR/pgdata',
  ],
  ['DATA_DIR', 'directory for the embedded database, mail files and the development secret (default var)'],
  ['AUTH_SECRET', 'secret for sessions and CSRF tokens, 32+ characters; required in production'],
  ['SMTP_URL', 'smtp(s)://user:pass@host:port; unset = messages written as .eml files to DATA_DIR/mail'],
  ['MAIL_FROM', 'sender address of outgoing mail'],
  [
    'DEMO_DATA',
    'load the Zabłocie 20.22 demo data and demo accounts on start (default true outside production)',
  ],
  ['WORKERS', 'run the mail and job workers in this process (default true)'],
  ['LOG_LEVEL', 'fatal, error, warn, info (default), debug, trace or silent'],
  ['TRUST_PROXY', 'true behind a reverse proxy, so client addresses come from X-Forwarded-For'],
  ['BODY_LIMIT_BYTES', 'largest accepted request body (default 262144)'],
  ['UPLOAD_LIMIT_BYTES', 'largest accepted uploaded file (default 10485760)'],
  ['RATE_LIMIT_PER_MINUTE', 'requests per minute per client address (default 600)'],
  ['SIGNIN_LIMIT_PER_15_MIN', 'failed sign-ins per account and per address in 15 minutes (default 10)'],
  [
    'OVERLOAD_EVENT_LOOP_DELAY_MS',
    'event-loop delay in ms past which the node answers 503 "busy" for a while (default 2000; 0 turns it off)',
  ],
  ['CONTACT_EMAIL', 'address shown on the contact page and in the accessibility declaration'],
  [
    'CLOCK_START',
    "outside production only: start the app's clock at this moment (YYYY-MM-DDTHH:MM in Warsaw, or an ISO instant) and let it run on, for demonstrations and browser tests of calendar rules; refused when NODE_ENV=production",
  ],
  [
    'VIEW_CACHES',
    "on (default) or off: off makes every page read its data from the database instead of the node's short view caches, to measure what they save (npm run bench); not for normal running",
  ],
  [
    'EVENTS_PURGE_DAYS',
    "days after an event ends when its registrants' names, addresses and answers are deleted (default 30; the counts stay)",
  ],
];
