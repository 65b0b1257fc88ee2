// The composition root: platform plugins first, then each module.
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { modules as appModules } from './modules/index.ts';
import { type Auth, createAuth, sessionCookieName } from './platform/auth/auth.ts';
import { healthRoutes } from './platform/http/health.ts';
import { openapiOptions } from './platform/http/openapi.ts';
import { frameworkErrors } from './platform/http/problems.ts';
import { helmetHeaders, securityHeaders } from './platform/http/security-headers.ts';
import { responseSerializerCompiler } from './platform/http/serializer.ts';
import { webPlatform } from './platform/http/web.ts';
import { retentionJob } from './platform/jobs/retention.ts';
import { type Schedule, Worker } from './platform/jobs/worker.ts';
import { createTransport, type MailTransport } from './platform/mail/transport.ts';
import { buildServices, type ComposedModules, type Platform } from './platform/modules.ts';
import { projectRoot } from './platform/paths.ts';
import { refusalDomain } from './platform/refusals.ts';
import { type Clock, systemClock } from './platform/time/clock.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Tests may pass a transport; otherwise SMTP_URL or .eml files. */
  transport?: MailTransport;
  /** What time it is for every rule of the calendar: the system clock unless a test sets one. */
  clock?: Clock;
  /** The modules of the app: src/modules/index.ts unless a test composes another list. */
  modules?: ComposedModules;
}

export interface Klaster {
  config: Config;
  database: Database;
  auth: Auth;
  worker: Worker;
  transport: MailTransport;
  clock: Clock;
  modules: ComposedModules;
  /** What every module's services were built from. */
  platform: Platform;
  /** Each module's services by module name, built once (platform/modules.ts). */
  services: Map<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    klaster: Klaster;
  }
}

/** The recurring work: the platform's retention, then each module's scheduled jobs. */
export function schedulesOf(modules: ComposedModules): Schedule[] {
  return [
    { name: 'retention', intervalSeconds: 3600, kind: 'retention.purge' },
    ...modules.list.flatMap((m) =>
      (m.jobs ?? []).flatMap((j) =>
        j.every ? [{ name: j.kind, intervalSeconds: j.every.seconds, kind: j.kind }] : [],
      ),
    ),
  ];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const modules = deps.modules ?? appModules;
  // helmet's headers computed once: set on every reply, and on the pages of malformed addresses,
  // which are refused before any hook runs.
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrors(config.contactEmail, headers),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(config.production));

  const auth = createAuth({
    db: database.db,
    baseUrl: config.baseUrl,
    secret: config.authSecret,
    production: config.production,
  });
  const transport = deps.transport ?? createTransport({ smtpUrl: config.smtpUrl, mailDir: config.mailDir });
  const worker = new Worker({
    database,
    transport,
    mailFrom: config.mailFrom,
    schedules: schedulesOf(modules),
    handlers: { 'retention.purge': retentionJob },
    log: app.log,
    clock,
  });
  const { platform, services } = buildServices(modules, { config, database, db: database.db, auth, clock });
  for (const m of modules.list)
    for (const job of m.jobs ?? [])
      worker.register(job.kind, async (payload, ctx) =>
        job.run(job.payload.parse(payload), services.get(m.name), { jobId: ctx.jobId }),
      );
  app.decorate('klaster', { config, database, auth, worker, transport, clock, modules, platform, services });

  await app.register(cookie, { secret: config.authSecret });
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  // Uploads: taken only by routes that declare `config.upload`, streamed with limits after the
  // CSRF token (platform/http/uploads.ts); every other route refuses a multipart body at once.
  // Content is checked in platform/files.
  await app.register(multipart, {
    // A file over the limit is cut there (uploads.ts keeps one byte more and the form says so).
    throwFileSizeLimit: false,
    limits: { fileSize: config.uploadLimit, files: 1, fields: 50, fieldSize: config.bodyLimit, parts: 51 },
  });
  securityHeaders(app, headers);
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz',
  });
  // Sheds load when the event loop lags. The tests turn it off (OVERLOAD_EVENT_LOOP_DELAY_MS=0): on a
  // busy CI machine their own requests would meet it; the 503 page itself is tested by a probe route.
  if (config.overloadEventLoopDelayMs > 0)
    await app.register(underPressure, {
      maxEventLoopDelay: config.overloadEventLoopDelayMs,
      exposeStatusRoute: false,
    });
  await app.register(
    swagger,
    openapiOptions({
      baseUrl: config.baseUrl,
      sessionCookieName: sessionCookieName(config.production),
      contactEmail: config.contactEmail,
      bodyLimit: config.bodyLimit,
    }),
  );
  await app.register(webPlatform, {
    clock,
    auth,
    db: database.db,
    secret: config.authSecret,
    production: config.production,
    contactEmail: config.contactEmail,
    sessionCookieName: sessionCookieName(config.production),
    publicPrefixes: ['/assets/'],
    bodyLimit: config.bodyLimit,
    uploadLimit: config.uploadLimit,
    nav: modules.nav,
  });
  await app.register(fastifyStatic, {
    root: [path.join(projectRoot, 'public', 'build'), path.join(projectRoot, 'public')],
    prefix: '/assets/',
    maxAge: config.production ? '1d' : 0,
    index: false,
  });

  await app.register(healthRoutes);
  // Hooks before every module's routes (e.g. the terms gate), then each module's routes as one
  // named, encapsulated plugin that Fastify checks comes after the plugins of its dependencies.
  for (const m of modules.list) if (m.hooks) await m.hooks(app, { services: services.get(m.name) });
  const routed = new Set(modules.list.filter((m) => m.routes).map((m) => m.name));
  for (const m of modules.list) {
    if (!m.routes) continue;
    const routes = m.routes;
    await app.register(
      fp(
        async (scope, opts: { services: unknown }) => {
          // Refusals on the module's routes read as the module words them (platform/refusals.ts).
          refusalDomain(scope, m.name);
          await routes(scope, opts);
        },
        {
          name: `klaster-${m.name}`,
          dependencies: (m.dependsOn as string[]).filter((d) => routed.has(d)).map((d) => `klaster-${d}`),
          encapsulate: true,
        },
      ),
      { services: services.get(m.name) },
    );
  }

  app.addHook('onClose', async () => {
    await worker.stop();
    transport.close();
  });
  return app;
}
