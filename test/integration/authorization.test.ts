// The authorisation matrix: every registered route × method, requested by every kind of actor.
// A route is reachable only by the roles its declaration allows; nothing is left undeclared.
// The route list comes from the app itself, so modules added later are covered without edits here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { type Access, accessLevels, type RouteAccess } from '../../src/platform/http/web.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  ActorPool,
  actors,
  allows,
  describeResponse,
  emptyRequest,
  fillPattern,
  isApiUrl,
  registeredRoutes,
  send,
} from '../support/routes.ts';

/** Below this the test would be checking next to nothing (the platform alone registers ~20). */
const MIN_ROUTES = 15;

describe('authorisation matrix', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('every route declares who may use it, and the list is not trivial', () => {
    const routes = registeredRoutes(t.app);
    assert.ok(routes.length >= MIN_ROUTES, `only ${routes.length} routes registered`);
    for (const r of routes) assert.ok(['public', 'user', 'staff', 'admin'].includes(r.access), r.url);
    // The sign-in page and the home page are among them: the list is the real one.
    assert.ok(routes.some((r) => r.method === 'GET' && r.url === '/'));
    assert.ok(routes.some((r) => r.method === 'POST' && r.url === '/logowanie'));
  });

  it('refuses to register a route that does not declare its access, or declares an unknown one', async () => {
    const app = await buildApp({ config: t.app.klaster.config, database: t.database });
    try {
      assert.throws(
        () => app.get('/undeclared', async () => 'open'),
        /GET \/undeclared does not declare config\.access/,
      );
      assert.throws(
        () => app.post('/made-up', { config: { access: 'everyone' as never } }, async () => 'open'),
        /POST \/made-up does not declare config\.access/,
      );
      // The same holds inside an encapsulated module with a prefix.
      await assert.rejects(
        (async () => {
          await app.register(
            async (mod) => {
              mod.get('/hidden', async () => 'open');
            },
            { prefix: '/module' },
          );
          await app.ready();
        })(),
        /GET \/module\/hidden does not declare config\.access/,
      );
    } finally {
      await app.close().catch(() => {});
    }
  });

  it('no route lets in an actor its declaration does not allow, and none keeps out one it allows', async () => {
    const routes = registeredRoutes(t.app).filter((r) => !r.url.startsWith('/assets/'));
    const m = await matrix(new ActorPool(t), routes);
    console.log(`authorisation matrix: ${m.summary}`);
    assert.equal(m.requests, routes.length * actors.length);
    assert.deepEqual(m.failures, []);
  });

  it('the same matrix holds for every access level, HTML and API, GET and POST', async () => {
    // An instance of the same app (same database, same secret, so the same sessions) with one probe
    // route per access level and kind, so each level is exercised even before modules declare it.
    const app = await buildApp({ config: t.app.klaster.config, database: t.database });
    for (const access of accessLevels) {
      for (const prefix of ['/probe', '/api/v1/probe']) {
        app.get(`${prefix}/${access}`, { config: { access } }, async () => ({ ok: true }));
        app.post(`${prefix}/${access}`, { config: { access } }, async () => ({ ok: true }));
        app.get(`${prefix}/${access}/:id`, { config: { access } }, async () => ({ ok: true }));
      }
    }
    await app.ready();
    try {
      const probes = registeredRoutes(app).filter((r) => r.url.includes('/probe/'));
      assert.equal(probes.length, accessLevels.length * 2 * 3);
      const m = await matrix(new ActorPool(t, app), probes);
      console.log(`probe matrix: ${m.summary}`);
      assert.deepEqual(m.failures, []);
      // The probes answer 200 to whoever is let in: the matrix saw both outcomes for every level.
      for (const access of accessLevels) {
        assert.ok(m.admitted[access] > 0, `someone was let into ${access} routes`);
        if (access !== 'public') assert.ok(m.refused[access] > 0, `someone was kept out of ${access} routes`);
      }
    } finally {
      await app.close();
    }
  });
});

/** Requests every route as every actor and lists each answer that breaks the declaration. */
async function matrix(pool: ActorPool, routes: RouteAccess[]) {
  const failures: string[] = [];
  const admitted = Object.fromEntries(accessLevels.map((a) => [a, 0])) as Record<Access, number>;
  const refused = { ...admitted };
  let requests = 0;
  for (const route of routes) {
    const url = fillPattern(route.url);
    for (const kind of actors) {
      const actor = await pool.get(kind);
      const res = await send(actor, emptyRequest(route, url, actor.csrf));
      requests += 1;
      const where = `${route.method} ${route.url} [${route.access}] as ${kind}: ${describeResponse(res)}`;
      const location = String(res.headers.location ?? '');
      const htmlGet = route.method === 'GET' && !isApiUrl(url);
      if (res.statusCode >= 500) {
        failures.push(`server error — ${where}`);
      } else if (allows(route.access, kind)) {
        admitted[route.access] += 1;
        if (
          res.statusCode === 401 ||
          res.statusCode === 403 ||
          location.startsWith('/logowanie?') ||
          location.startsWith('/konto/dwuetapowe?wymagane=1')
        )
          failures.push(`allowed actor kept out — ${where}`);
      } else {
        refused[route.access] += 1;
        if (kind === 'anonymous') {
          const ok = htmlGet
            ? res.statusCode === 303 && location === `/logowanie?next=${encodeURIComponent(url)}`
            : res.statusCode === 401;
          if (!ok) failures.push(`anonymous not sent to sign in — ${where}`);
        } else if (kind === 'staff-no-2fa' && route.access === 'staff') {
          const ok = htmlGet
            ? res.statusCode === 303 && location.startsWith('/konto/dwuetapowe?wymagane=1&next=')
            : res.statusCode === 403;
          if (!ok) failures.push(`staff without two-factor not sent to set it up — ${where}`);
        } else if (res.statusCode !== 403) {
          failures.push(`wrong role not refused with 403 — ${where}`);
        }
      }
    }
  }
  const byAccess = accessLevels.map((a) => `${a} ${routes.filter((r) => r.access === a).length}`).join(', ');
  const summary =
    `${routes.length} routes × ${actors.length} actors = ${requests} requests (routes by access: ${byAccess}); ` +
    `sessions put back / replaced after a request ended them: ${pool.restored} / ${pool.replaced}`;
  return { failures, requests, admitted, refused, summary };
}
