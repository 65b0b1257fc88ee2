// Command-line entry: `npm run klaster -- <command>`. Uses the same configuration (environment
// variables) as the server, so it works on the embedded database and on a PostgreSQL server alike.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { buildApp } from '../app.ts';
import { type Config, ConfigError, configDocs, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { passwordProblem } from '../platform/auth/passwords.ts';
import { user } from '../platform/auth/schema.ts';
import { ensureUser } from '../platform/auth/users.ts';
import { PERSON_NAME_MAX, personName } from '../platform/http/forms.ts';
import { DEMO_PASSWORD, demoAccounts, loadDemoData } from '../seed/demo.ts';

/** sysexits.h: EX_USAGE and EX_CONFIG. */
const EX_USAGE = 64;
const EX_CONFIG = 78;

const help = `Klaster — command line

Usage: npm run klaster -- <command> [options]

Commands:
  migrate                         apply the database migrations (the server also does this at start)
  seed                            load the Zabłocie 20.22 demo data and demo accounts (idempotent);
                                  refused in production unless --allow-production is given
  create-admin --email E --name N create an administrator account; the password comes from
                                  KLASTER_ADMIN_PASSWORD or is generated and printed once
  config                          print the environment variables Klaster reads and check the
                                  current environment
  --help                          this text

The database is the one the server would use: DATABASE_URL, or the embedded one in DATA_DIR/pgdata.
Stop the server before running a command on the embedded database (one process at a time).`;

class UsageError extends Error {}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(EX_CONFIG);
    }
    throw err;
  }
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await runMigrations(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** The application without a listening socket: for commands that need auth or the demo loader. */
async function withApp<T>(config: Config, fn: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>) {
  return withDatabase(config, async (database) => {
    const app = await buildApp({ config, database });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  });
}

/** 24 characters from an alphabet without look-alikes (≈ 120 bits), in groups for reading aloud. */
function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';
  const chars = Array.from({ length: 24 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 6, 12, 18].map((i) => chars.slice(i, i + 6).join('')).join('-');
}

const adminArgs = z.object({
  email: z.email({
    error: (i) => (i.input === undefined ? '--email is required' : '--email is not an e-mail address'),
  }),
  // The same rule as the sign-up and profile forms (platform personName), in the command's words.
  name: z.string({ error: '--name is required' }).transform((v, ctx) => {
    const r = personName.safeParse(v);
    if (r.success) return r.data;
    const code = r.error.issues[0]?.code;
    ctx.addIssue({
      code: 'custom',
      message:
        code === 'too_small'
          ? '--name must not be empty'
          : code === 'too_big'
            ? `--name is too long (at most ${PERSON_NAME_MAX} characters)`
            : '--name must be one line, without control characters',
    });
    return z.NEVER;
  }),
});

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  async migrate() {
    const config = loadConfigOrExit();
    await withDatabase(config, async (database) => {
      console.log(
        `migrations applied (${database.driver === 'pg' ? 'PostgreSQL server' : 'embedded PGlite'})`,
      );
    });
    return 0;
  },

  async seed(argv) {
    const { values } = parseArgs({ args: argv, options: { 'allow-production': { type: 'boolean' } } });
    const config = loadConfigOrExit();
    if (config.production && !values['allow-production']) {
      console.error(
        'Refusing to load demo data in production: it creates accounts with a published password.\n' +
          'Pass --allow-production if this really is a demonstration instance.',
      );
      return 1;
    }
    const result = await withApp(config, (app) => loadDemoData(app.klaster));
    console.log(result.created ? 'demo data loaded' : 'demo data already present; nothing changed');
    console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demoAccounts) console.log(`  ${a.email.padEnd(32)} ${a.role}`);
    return 0;
  },

  async 'create-admin'(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, name: { type: 'string' } },
    });
    const parsed = adminArgs.safeParse(values);
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('\n'));
    const { email, name } = parsed.data;
    // The operator's password is an input of this command, not server configuration.
    const given = process.env.KLASTER_ADMIN_PASSWORD;
    const password = given || generatePassword();
    const problem = passwordProblem(password, [name, email]);
    if (problem) {
      const why = {
        passwordTooShort: 'is shorter than 12 characters',
        passwordTooLong: 'is longer than 128 characters',
        passwordCommon: 'is among the commonly used passwords',
        passwordKeyboard: 'is a run of neighbouring keys',
        passwordPattern: 'is a predictable pattern',
        passwordWords: 'is a common word or name with few additions',
        passwordPersonal: 'is based on the name or e-mail address',
        passwordWeak: 'is too easy to guess',
      }[problem];
      console.error(`KLASTER_ADMIN_PASSWORD ${why}; choose another.`);
      return 1;
    }
    const config = loadConfigOrExit();
    return withApp(config, async (app) => {
      const db = app.klaster.database.db;
      const r = await ensureUser(db, app.klaster.auth, { email, name, password, role: 'admin' });
      if (!r.created) {
        const [existing] = await db.select({ role: user.role }).from(user).where(eq(user.id, r.id));
        if (existing?.role === 'admin') {
          console.log(`${email.toLowerCase()} is already an administrator; nothing changed.`);
          return 0;
        }
        console.error(
          `An account with ${email.toLowerCase()} already exists (role ${existing?.role}). ` +
            'It was not changed: promote it in /panel, or use another e-mail.',
        );
        return 1;
      }
      console.log(`administrator ${email.toLowerCase()} created.`);
      if (!given) console.log(`password (shown once, store it now): ${password}`);
      console.log(
        'Two-factor authentication (TOTP) is required: it will be set up on the first visit to /panel.',
      );
      return 0;
    });
  },

  async config() {
    const width = Math.max(...configDocs.map(([n]) => n.length));
    console.log('Klaster reads these environment variables:\n');
    for (const [name, meaning] of configDocs) console.log(`  ${name.padEnd(width)}  ${meaning}`);
    console.log('');
    try {
      const config = loadConfig();
      console.log(
        `The current environment is valid (${config.env}, ${config.databaseUrl ? 'PostgreSQL server' : `embedded database in ${config.pgliteDir}`}).`,
      );
      return 0;
    } catch (err) {
      if (err instanceof ConfigError) {
        console.error(err.message);
        return EX_CONFIG;
      }
      throw err;
    }
  },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(help);
    return command ? 0 : EX_USAGE;
  }
  const run = commands[command];
  if (!run) {
    console.error(`Unknown command: ${command}\n\n${help}`);
    return EX_USAGE;
  }
  try {
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\nSee: npm run klaster -- --help`);
      return EX_USAGE;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
