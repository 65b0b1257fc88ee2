// The authorisation matrix: every registered route × method, requested by every kind of actor.
// A route is reachable only by the roles its declaration allows; nothing is left undeclared. Staff
// whose session has not passed the second factor are answered exactly as a resident, on every
// route and for every resource rule (someone else's booking, agreement, organisation), and see
// nothing of another person that a resident does not.
// The route list comes from the app itself, so modules added later are covered without edits here.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { organisationInvitations } from '../../src/modules/organisations/schema.ts';
import { orgForm } from '../../src/modules/organisations/test-helpers.ts';
import { giveAgreement, openDays, seedTestSpaces } from '../../src/modules/spaces/test-helpers.ts';
import { type Access, accessLevels, type RouteAccess } from '../../src/platform/http/access.ts';
import { createTestApp, readMailDir, type TestApp } from '../support/app.ts';
import {
  type ActorKind,
  ActorPool,
  actors,
  allows,
  describeResponse,
  emptyRequest,
  fillPattern,
  isApiUrl,
  paramsOf,
  plausibleParam,
  type Response,
  registeredRoutes,
  residentLike,
  send,
} from '../support/routes.ts';

/** Below this the test would be checking next to nothing (the platform alone registers ~20). */
const MIN_ROUTES = 15;

/**
 * Another person's things that only staff may read: a room booking, a desk-use agreement and an
 * organisation awaiting verification with a pending invitation. `markers` are what of them must
 * never show to whoever may not read them.
 */
interface Private {
  ownerId: string;
  bookingId: string;
  agreementId: string;
  organisationId: string;
  invitationId: string;
  invitationToken: string;
  resourceSlug: string;
  markers: string[];
}

async function seedPrivate(t: TestApp): Promise<Private> {
  await seedTestSpaces(t.database);
  const tag = randomBytes(4).toString('hex');
  const name = `Prywatna Właścicielka ${tag}`;
  const owner = await t.signedIn('resident', { name, email: `wlascicielka-${tag}@test.example` });
  const resourceSlug = 'pomieszczenie-b2b';
  const [day] = openDays(1);
  const title = `Poufne spotkanie ${tag}`;
  const booked = await owner.json('POST', '/api/v1/spaces/bookings', {
    resource: resourceSlug,
    date: day,
    from: '10:00',
    to: '11:00',
    title,
  });
  assert.equal(booked.statusCode, 201, booked.body);
  const agreementId = await giveAgreement(t.database, owner.userId);
  const orgName = `Fundacja Oczekująca ${tag}`;
  const created = await owner.post('/organizacje/nowa', orgForm({ name: orgName }));
  assert.equal(created.statusCode, 303, created.body);
  const organisationId = String(created.headers.location).split('/').pop()!;
  const invitee = `zaproszona-${tag}@test.example`;
  const invited = await owner.post(`/organizacje/${organisationId}/czlonkowie/zapros`, {
    email: invitee,
    role: 'member',
  });
  assert.equal(invited.statusCode, 303, invited.body);
  const [invitation] = await t.database.db
    .select({ id: organisationInvitations.id })
    .from(organisationInvitations)
    .where(eq(organisationInvitations.organisationId, organisationId));
  await t.app.klaster.worker.tick();
  const link = readMailDir(t.dataDir)
    .filter((m) => m.to.includes(invitee))
    .flatMap((m) => m.links)
    .find((l) => l.includes('/zaproszenia/'));
  assert.ok(invitation && link);
  return {
    ownerId: owner.userId,
    bookingId: (booked.json() as { bookings: Array<{ id: string }> }).bookings[0]!.id,
    agreementId,
    organisationId,
    invitationId: invitation.id,
    invitationToken: new URL(link).pathname.split('/').pop()!,
    resourceSlug,
    // The agreement's number as giveAgreement writes it.
    markers: [owner.email, name, invitee, orgName, title, `TEST/${agreementId.slice(-12)}`],
  };
}

describe('authorisation matrix', () => {
  let t: TestApp;
  let secrets: Private;
  before(async () => {
    t = await createTestApp();
    secrets = await seedPrivate(t);
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
    const m = await matrix(new ActorPool(t), routes, secrets.markers);
    console.log(`authorisation matrix: ${m.summary}`);
    assert.equal(m.requests, routes.length * actors.length);
    assert.deepEqual(m.failures, []);
  });

  it('resource rules: staff whose session has not passed the second factor get what a resident gets for another person’s booking, agreement and organisation', async () => {
    const pool = new ActorPool(t);
    const candidates: Record<string, string[]> = {
      id: [secrets.bookingId, secrets.agreementId, secrets.organisationId],
      slug: [secrets.resourceSlug],
      userId: [secrets.ownerId],
      invitationId: [secrets.invitationId],
      token: [secrets.invitationToken],
    };
    // Routes anyone signed in may use whose answer depends on the resource in the URL.
    const routes = registeredRoutes(t.app).filter(
      (r) =>
        (r.access === 'public' || r.access === 'user') &&
        paramsOf(r.url).some((p) => p in candidates) &&
        !r.url.startsWith('/assets/'),
    );
    const urls = (pattern: string): string[] => {
      let out = [pattern];
      for (const p of paramsOf(pattern)) {
        const values = candidates[p] ?? [plausibleParam(p)];
        out = out.flatMap((u) => values.map((v) => u.replace(`:${p}`, encodeURIComponent(v))));
      }
      return out;
    };
    const failures: string[] = [];
    const answers = new Map<string, Partial<Record<ActorKind, Response>>>();
    const ask = async (route: RouteAccess, url: string, kinds: readonly ActorKind[]) => {
      const got: Partial<Record<ActorKind, Response>> = {};
      for (const kind of kinds) {
        const actor = await pool.get(kind);
        got[kind] = await send(actor, emptyRequest(route, fillPattern(url), actor.csrf));
      }
      answers.set(`${route.method} ${url}`, got);
      failures.push(...residentComparison(`${route.method} ${url}`, got, secrets.markers));
    };
    // Reads first, by staff too (to show the rules bite); then writes, never by real staff, and
    // never with an invitation token (a decline by the wrong person would change later answers).
    const readers = ['resident', 'staff', 'staff-no-2fa', 'staff-session-no-2fa'] as const;
    for (const route of routes.filter((r) => r.method === 'GET'))
      for (const url of urls(route.url)) await ask(route, url, readers);
    const writers = ['resident', 'staff-no-2fa', 'staff-session-no-2fa'] as const;
    for (const route of routes.filter((r) => r.method !== 'GET' && !r.url.includes(':token')))
      for (const url of urls(route.url)) await ask(route, url, writers);
    assert.deepEqual(failures, []);

    // The rules the security review named: staff in a session that passed the second factor read
    // these, and nobody else does.
    const named = [
      `GET /przestrzenie/rezerwacje/${secrets.bookingId}`,
      `GET /api/v1/spaces/bookings/${secrets.bookingId}`,
      `GET /przestrzenie/umowy/${secrets.agreementId}`,
      `GET /organizacje/${secrets.organisationId}/czlonkowie`,
      `GET /api/v1/organisations/${secrets.organisationId}`,
    ];
    for (const key of named) {
      const got = answers.get(key);
      assert.ok(got, `${key} was asked`);
      assert.equal(got.staff!.statusCode, 200, `${key} as staff: ${describeResponse(got.staff!)}`);
      assert.ok(
        secrets.markers.some((m) => got.staff!.body.includes(m)),
        `${key}: staff see it`,
      );
      for (const kind of ['resident', 'staff-no-2fa', 'staff-session-no-2fa'] as const) {
        const res: Response = got[kind]!;
        const leaked = secrets.markers.filter((m) => res.body.includes(m));
        assert.deepEqual(leaked, [], `${key} as ${kind}: ${describeResponse(res)}`);
        assert.notEqual(res.statusCode, 200, `${key} as ${kind}`);
      }
    }
    const invitee = secrets.markers[2]!;
    assert.ok(answers.get(named[3]!)!.staff!.body.includes(invitee), 'staff see the pending invitation');
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

/**
 * Staff whose session has not passed the second factor get the resident's answer (status and where
 * it sends them), and see nothing private that the resident does not. Returns what breaks that.
 */
function residentComparison(
  where: string,
  got: Partial<Record<ActorKind, Response>>,
  markers: readonly string[],
): string[] {
  const failures: string[] = [];
  const resident = got.resident;
  if (!resident) return failures;
  const target = (res: Response) => String(res.headers.location ?? '').split('?')[0];
  for (const [kind, res] of Object.entries(got) as Array<[ActorKind, Response]>) {
    if (!residentLike(kind)) continue;
    if (res.statusCode !== resident.statusCode || target(res) !== target(resident))
      failures.push(
        `not answered as a resident — ${where} as ${kind}: ${describeResponse(res)}, resident ${describeResponse(resident)}`,
      );
    for (const m of markers)
      if (res.body.includes(m) && !resident.body.includes(m))
        failures.push(`sees what a resident does not (${m}) — ${where} as ${kind}`);
  }
  return failures;
}

/** Requests every route as every actor and lists each answer that breaks the declaration. */
async function matrix(pool: ActorPool, routes: RouteAccess[], markers: readonly string[] = []) {
  const failures: string[] = [];
  const admitted = Object.fromEntries(accessLevels.map((a) => [a, 0])) as Record<Access, number>;
  const refused = { ...admitted };
  let requests = 0;
  for (const route of routes) {
    const url = fillPattern(route.url);
    const got: Partial<Record<ActorKind, Response>> = {};
    for (const kind of actors) {
      const actor = await pool.get(kind);
      const res = await send(actor, emptyRequest(route, url, actor.csrf));
      got[kind] = res;
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
        } else if (residentLike(kind) && route.access === 'staff') {
          const ok = htmlGet
            ? res.statusCode === 303 && location.startsWith('/konto/dwuetapowe?wymagane=1&next=')
            : res.statusCode === 403;
          if (!ok) failures.push(`staff without two-factor not sent to set it up — ${where}`);
        } else if (res.statusCode !== 403) {
          failures.push(`wrong role not refused with 403 — ${where}`);
        }
      }
    }
    // Where a resident may go, staff without the second factor are residents.
    if (allows(route.access, 'resident'))
      failures.push(...residentComparison(`${route.method} ${route.url} [${route.access}]`, got, markers));
  }
  const byAccess = accessLevels.map((a) => `${a} ${routes.filter((r) => r.access === a).length}`).join(', ');
  const summary =
    `${routes.length} routes × ${actors.length} actors = ${requests} requests (routes by access: ${byAccess}); ` +
    `sessions put back / replaced after a request ended them: ${pool.restored} / ${pool.replaced}`;
  return { failures, requests, admitted, refused, summary };
}
