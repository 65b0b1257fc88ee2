// Process entry: config → database → migrations → (demo data) → app → listen; graceful shutdown.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { setViewCaches } from './platform/cache.ts';
import { trackInflight } from './platform/http/inflight.ts';
import { loggablePath } from './platform/http/log-path.ts';
import { SettableClock } from './platform/time/clock.ts';
import { loadDemoData } from './seed/demo.ts';

const started = performance.now();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}

setViewCaches(config.viewCaches);
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
await runMigrations(database);
const app = await buildApp({
  config,
  database,
  // CLOCK_START (never in production) starts the calendar's clock at a given moment.
  ...(config.clockStart ? { clock: new SettableClock(config.clockStart) } : {}),
  logger: {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      remove: true,
    },
    serializers: {
      // Paths only, secret segments masked: addresses can carry tokens (platform/http/log-path.ts).
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: loggablePath(req.url),
        id: req.id,
      }),
    },
  },
});
const inflight = trackInflight(app);
if (config.demoData) {
  const result = await loadDemoData(app.klaster);
  if (result.created) app.log.info('demo data loaded');
}
if (config.workers) {
  await app.klaster.worker.installSchedules();
  app.klaster.worker.start();
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  // Stop accepting, let in-flight requests finish (also those whose client has gone), stop the
  // workers, then close the database.
  await app.close();
  if (!(await inflight.idle(8_000))) app.log.warn('requests still running after 8 s; closing the database');
  await database.close();
});

await app.listen({ host: config.host, port: config.port });
app.log.info(
  { driver: database.driver, startupMs: Math.round(performance.now() - started), url: config.baseUrl },
  'Klaster is ready',
);
