// The API keeps the contract it publishes: every operation of the served OpenAPI document is called
// (with the demo data or data made here, as the actor it needs), and every answer must have a
// documented status and media type, and a body valid against the documented schema (ajv, JSON
// Schema 2020-12 as OpenAPI 3.1 uses). An undocumented status, a problem served with another media
// type or a body that does not match fails the test; so does an operation nobody here calls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { callsOf, completeAnswers, publishedCall } from '../../src/modules/calls/test-helpers.ts';
import { messages } from '../../src/platform/i18n/index.ts';
import { addDays, todayInWarsaw, warsawTime } from '../../src/platform/time/warsaw.ts';
import { loadDemoData } from '../../src/seed/demo.ts';
import { type Client, createTestApp, type TestApp } from '../support/app.ts';

type Json = Record<string, unknown>;
type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};
type Response = Awaited<ReturnType<Client['request']>>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const PROBLEM_TYPE =
  /^https:\/\/klaster\.dev\/problems\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

let t: TestApp;
let doc: Doc;
let ajv: Ajv2020;
const called = new Map<string, Set<string>>();

/** `#/components/schemas/X` → `urn:klaster:X`, so each component is its own schema in ajv. */
const rewriteRefs = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (k, v) =>
    k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', 'urn:klaster:') : v,
  );

before(async () => {
  t = await createTestApp();
  await loadDemoData(t.app.klaster);
  const served = await t.client().get('/api/v1/openapi.json');
  assert.equal(served.statusCode, 200);
  doc = served.json() as Doc;
  ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(doc.components.schemas))
    ajv.addSchema({ ...(rewriteRefs(schema) as Json), $id: `urn:klaster:${name}` });
});
after(() => t.close());

/**
 * Calls `method path` (a path of the document, `{name}` filled from params) and checks the answer
 * against the document; returns it for the journey's own assertions.
 */
async function call(
  who: Client,
  method: 'get' | 'post' | 'put',
  path: string,
  opts: {
    params?: Record<string, string>;
    query?: string;
    body?: unknown;
    raw?: string;
    type?: string;
    lang?: string;
  } = {},
): Promise<Response> {
  const op = doc.paths[path]?.[method];
  assert.ok(op, `${method.toUpperCase()} ${path} is documented`);
  const url =
    path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(opts.params?.[name] ?? '')) +
    (opts.query ? `?${opts.query}` : '');
  const headers: Record<string, string> = {};
  if (opts.lang) headers['accept-language'] = opts.lang;
  let payload: string | undefined;
  if (opts.raw !== undefined || opts.body !== undefined) {
    payload = opts.raw ?? JSON.stringify(opts.body);
    headers['content-type'] = opts.type ?? 'application/json';
  }
  const res = await who.request({
    method: method.toUpperCase() as 'GET' | 'POST' | 'PUT',
    url,
    headers,
    payload,
  });
  const where = `${method.toUpperCase()} ${url} → ${res.statusCode}`;
  const documented = op.responses[String(res.statusCode)];
  assert.ok(documented, `${where}: status not documented (${res.body.slice(0, 300)})`);
  if (!called.has(`${method} ${path}`)) called.set(`${method} ${path}`, new Set());
  called.get(`${method} ${path}`)!.add(String(res.statusCode));
  // No content: no body to check.
  if (res.statusCode === 204) {
    assert.equal(res.body, '', `${where}: a 204 has no body`);
    return res;
  }
  const media = String(res.headers['content-type'] ?? '').split(';')[0]!;
  const content = documented.content?.[media];
  assert.ok(content, `${where}: media type ${media} not documented for this status`);
  const validate = ajv.compile(rewriteRefs(content.schema) as Json);
  const body = res.json();
  assert.ok(validate(body), `${where}: body does not match\n${JSON.stringify(validate.errors, null, 1)}`);
  if (res.statusCode >= 400) {
    assert.equal(media, 'application/problem+json');
    assert.match((body as { type: string }).type, PROBLEM_TYPE, where);
  }
  return res;
}

describe('the served OpenAPI document', () => {
  test('lists only /api/v1 operations, every reference resolves, and it says how to authenticate', () => {
    const paths = Object.keys(doc.paths);
    assert.ok(paths.length > 0);
    for (const p of paths) assert.ok(p.startsWith('/api/v1/'), `${p} is not an API path`);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)"/.exec(ref)?.[1];
      assert.ok(name && doc.components.schemas[name], `${ref} resolves`);
    }
    const schemes = (doc.components as Json).securitySchemes as Record<string, Json>;
    assert.deepEqual(schemes.sessionCookie?.in, 'cookie');
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        assert.ok((op as Json).security, `${m} ${p} declares its security`);
        for (const [status, r] of Object.entries(op.responses))
          if (Number(status) >= 400)
            assert.deepEqual(
              Object.keys(r.content ?? {}),
              ['application/problem+json'],
              `${m} ${p} ${status}`,
            );
      }
  });
});

describe('every operation answers as documented', () => {
  test('accounts: who is signed in', async () => {
    assert.equal((await call(t.client(), 'get', '/api/v1/me')).statusCode, 401);
    const anna = await t.signedIn('resident');
    const me = await call(anna, 'get', '/api/v1/me');
    assert.equal(me.statusCode, 200);
    assert.equal((me.json() as { email: string }).email, anna.email);
  });

  test('organisations: directory, one, registration and its refusals', async () => {
    const anon = t.client();
    const list = await call(anon, 'get', '/api/v1/organisations', { query: 'limit=2' });
    assert.equal(list.statusCode, 200);
    const page = list.json() as { items: Array<{ id: string }>; nextCursor: string | null };
    assert.ok(page.items.length > 0, 'the demo data has verified organisations');
    assert.ok(page.nextCursor);
    assert.equal(
      (await call(anon, 'get', '/api/v1/organisations', { query: `cursor=${page.nextCursor}` })).statusCode,
      200,
    );
    assert.equal((await call(anon, 'get', '/api/v1/organisations', { query: 'limit=0' })).statusCode, 400);
    assert.equal(
      (await call(anon, 'get', '/api/v1/organisations', { query: 'cursor=nope' })).statusCode,
      400,
    );
    const one = await call(anon, 'get', '/api/v1/organisations/{id}', { params: { id: page.items[0]!.id } });
    assert.equal(one.statusCode, 200);
    const missing = await call(anon, 'get', '/api/v1/organisations/{id}', { params: { id: 'nie-ma' } });
    assert.equal(missing.statusCode, 404);

    const path = '/api/v1/organisations';
    const firm = {
      name: 'Pracownia Kontraktowa',
      kind: 'sole_trader',
      nip: '1234563218',
      description: 'Druk 3D.',
    };
    assert.equal((await call(anon, 'post', path, { body: firm })).statusCode, 401);
    const piotr = await t.signedIn('resident');
    const made = await call(piotr, 'post', path, { body: firm });
    assert.equal(made.statusCode, 201);
    assert.equal(made.headers.location, `/api/v1/organisations/${(made.json() as { id: string }).id}`);
    const dup = await call(piotr, 'post', path, { body: { ...firm, name: 'Inna' }, lang: 'en' });
    assert.equal(dup.statusCode, 409);
    assert.equal((dup.json() as Json).type, 'https://klaster.dev/problems/organisations/nip-taken');
    const invalid = await call(piotr, 'post', path, { body: { ...firm, nip: '1234563219' } });
    assert.equal(invalid.statusCode, 400);
    assert.equal((invalid.json() as Json).type, 'https://klaster.dev/problems/validation-failed');
    // In the account's language (Ukrainian here), title and detail alike.
    const [olha] = await t.signedInMany(1, { locale: 'uk' });
    const notJson = await call(olha!, 'post', path, { raw: '{"name":' });
    assert.equal(notJson.statusCode, 400);
    assert.equal((notJson.json() as Json).type, 'https://klaster.dev/problems/invalid-json');
    assert.equal((notJson.json() as Json).title, messages.uk.api.problems.invalidJson.title);
    assert.equal((notJson.json() as Json).detail, messages.uk.api.problems.invalidJson.detail);
    // Half a surrogate pair cannot be stored (jsonb refuses it): refused, in the caller's language.
    const half = await call(olha!, 'post', path, {
      raw: JSON.stringify({ ...firm, name: 'Pracownia \ud800' }),
    });
    assert.equal(half.statusCode, 400);
    assert.equal((half.json() as Json).type, 'https://klaster.dev/problems/invalid-characters');
    assert.equal((half.json() as Json).detail, messages.uk.api.problems.invalidCharacters.detail);
    const text = await call(piotr, 'post', path, { raw: 'name=x', type: 'text/plain' });
    assert.equal(text.statusCode, 415);
    assert.equal((text.json() as Json).type, 'https://klaster.dev/problems/unsupported-media-type');
    const huge = await call(piotr, 'post', path, {
      body: { ...firm, description: 'x'.repeat(t.app.klaster.config.bodyLimit) },
    });
    assert.equal(huge.statusCode, 413);
    assert.equal((huge.json() as Json).type, 'https://klaster.dev/problems/body-too-large');
  });

  test('spaces: resources, availability, booking, my bookings and cancelling', async () => {
    const anon = t.client();
    const resources = await call(anon, 'get', '/api/v1/spaces/resources');
    assert.equal(resources.statusCode, 200);
    const room = (
      resources.json() as {
        items: Array<{
          slug: string;
          kind: string;
          rules: { minMinutes: number; stepMinutes: number; cancelHours: number };
        }>;
      }
    ).items.find((r) => r.slug === 'pomieszczenie-b2b');
    assert.ok(room, 'the demo data has the B2B room');
    const slug = { slug: room.slug };
    assert.equal(
      (await call(anon, 'get', '/api/v1/spaces/resources/{slug}', { params: slug })).statusCode,
      200,
    );
    const unknown = await call(anon, 'get', '/api/v1/spaces/resources/{slug}', {
      params: { slug: 'nie-ma' },
    });
    assert.equal(unknown.statusCode, 404);
    // Anonymous, no Accept-Language: the API's default language is English.
    assert.equal((unknown.json() as Json).title, messages.en.api.problems.notFound.title);
    assert.equal(unknown.headers['content-language'], 'en');

    const today = todayInWarsaw(t.clock.now());
    const availability = '/api/v1/spaces/resources/{slug}/availability';
    const week = await call(anon, 'get', availability, {
      params: slug,
      query: `from=${today}&to=${addDays(today, 13)}`,
    });
    assert.equal(week.statusCode, 200);
    assert.equal(
      (await call(anon, 'get', availability, { params: slug, query: `from=${today}&to=jutro` })).statusCode,
      422,
    );
    assert.equal((await call(anon, 'get', availability, { params: slug })).statusCode, 400);
    assert.equal(
      (
        await call(anon, 'get', availability, {
          params: { slug: 'nie-ma' },
          query: `from=${today}&to=${today}`,
        })
      ).statusCode,
      404,
    );

    // The first free hour (or the room's shortest booking) of the next two weeks that can be cancelled.
    const minutes = Math.max(60, room.rules.minMinutes);
    const days = (
      week.json() as { days: Array<{ date: string; free: Array<{ start: string; end: string }> }> }
    ).days;
    const slot = days
      .flatMap((d) => d.free.map((f) => ({ date: d.date, start: new Date(f.start), end: new Date(f.end) })))
      // Late enough that it can still be cancelled.
      .filter((f) => f.start.getTime() > t.clock.now().getTime() + (room.rules.cancelHours + 24) * 3_600_000)
      .find((f) => f.end.getTime() - f.start.getTime() >= minutes * 60_000);
    assert.ok(slot, 'a free slot in the next two weeks');
    const booking = {
      resource: room.slug,
      date: slot.date,
      from: warsawTime(slot.start),
      to: warsawTime(new Date(slot.start.getTime() + minutes * 60_000)),
      title: 'Spotkanie kontraktowe',
    };
    const bookings = '/api/v1/spaces/bookings';
    assert.equal((await call(anon, 'post', bookings, { body: booking })).statusCode, 401);
    assert.equal((await call(anon, 'get', bookings)).statusCode, 401);
    const ola = await t.signedIn('resident');
    const made = await call(ola, 'post', bookings, { body: booking });
    assert.equal(made.statusCode, 201);
    const id = (made.json() as { bookings: Array<{ id: string }> }).bookings[0]!.id;
    const ewa = await t.signedIn('resident');
    const taken = await call(ewa, 'post', bookings, { body: booking });
    assert.equal(taken.statusCode, 409);
    assert.equal((taken.json() as Json).type, 'https://klaster.dev/problems/spaces/taken');
    const night = await call(ewa, 'post', bookings, { body: { ...booking, from: '03:00', to: '04:00' } });
    assert.equal(night.statusCode, 422);
    assert.equal((night.json() as Json).type, 'https://klaster.dev/problems/spaces/outside-hours');
    assert.equal(
      (await call(ewa, 'post', bookings, { body: { ...booking, date: 'jutro' } })).statusCode,
      400,
    );
    assert.equal(
      (await call(ewa, 'post', bookings, { body: { ...booking, resource: 'nie-ma' } })).statusCode,
      404,
    );

    assert.equal((await call(ola, 'get', bookings)).statusCode, 200);
    assert.equal((await call(ola, 'get', bookings, { query: 'scope=past' })).statusCode, 200);
    assert.equal((await call(ola, 'get', bookings, { query: 'cursor=bm9wZQ' })).statusCode, 400);
    const mine = '/api/v1/spaces/bookings/{id}';
    assert.equal((await call(ola, 'get', mine, { params: { id } })).statusCode, 200);
    assert.equal((await call(ewa, 'get', mine, { params: { id } })).statusCode, 404, 'not someone else’s');
    assert.equal((await call(anon, 'get', mine, { params: { id } })).statusCode, 401);

    const cancel = '/api/v1/spaces/bookings/{id}/cancel';
    assert.equal((await call(ewa, 'post', cancel, { params: { id }, body: {} })).statusCode, 404);
    assert.equal(
      (await call(ola, 'post', cancel, { params: { id }, body: { reason: 'x' } })).statusCode,
      400,
    );
    assert.equal((await call(ola, 'post', cancel, { params: { id }, body: {} })).statusCode, 200);
    const again = await call(ola, 'post', cancel, { params: { id }, body: {} });
    assert.ok(
      [409, 422].includes(again.statusCode),
      `a cancelled booking cannot be cancelled again: ${again.statusCode}`,
    );
  });

  test('events: the list and its pages, one event, registering, my registrations and cancelling', async () => {
    const anon = t.client();
    const list = await call(anon, 'get', '/api/v1/events', { query: 'limit=2' });
    assert.equal(list.statusCode, 200);
    const page = list.json() as {
      items: Array<{ id: string; registration: { capacity: number | null } | null }>;
      nextCursor: string;
    };
    assert.equal(page.items.length, 2, 'the demo has upcoming events');
    assert.equal(
      (await call(anon, 'get', '/api/v1/events', { query: `cursor=${page.nextCursor}` })).statusCode,
      200,
    );
    assert.equal(
      (await call(anon, 'get', '/api/v1/events', { query: 'q=grzegorzki&audience=seniors' })).statusCode,
      200,
    );
    assert.equal((await call(anon, 'get', '/api/v1/events', { query: 'cursor=bm9wZQ' })).statusCode, 400);
    const one = '/api/v1/events/{id}';
    const id = page.items.find((e) => e.registration?.capacity)!.id;
    assert.equal((await call(anon, 'get', one, { params: { id } })).statusCode, 200);
    assert.equal((await call(anon, 'get', one, { params: { id: 'nie-ma' } })).statusCode, 404);

    const register = '/api/v1/events/{id}/registration';
    const ola = await t.signedIn('resident');
    assert.equal((await call(anon, 'post', register, { params: { id }, body: {} })).statusCode, 401);
    assert.equal(
      (await call(ola, 'post', register, { params: { id }, body: { companions: 'dwóch' } })).statusCode,
      400,
    );
    assert.equal(
      (await call(ola, 'post', register, { params: { id }, body: { consent: true } })).statusCode,
      201,
    );
    assert.equal(
      (await call(ola, 'post', register, { params: { id }, body: { consent: true } })).statusCode,
      409,
    );
    assert.equal((await call(ola, 'post', register, { params: { id: 'nie-ma' }, body: {} })).statusCode, 404);
    const mine = '/api/v1/events/my-registrations';
    assert.equal((await call(anon, 'get', mine)).statusCode, 401);
    assert.equal((await call(ola, 'get', mine)).statusCode, 200);
    const cancel = '/api/v1/events/{id}/registration/cancel';
    assert.equal((await call(anon, 'post', cancel, { params: { id }, body: {} })).statusCode, 401);
    assert.equal((await call(ola, 'post', cancel, { params: { id }, body: {} })).statusCode, 200);
    assert.equal((await call(ola, 'post', cancel, { params: { id }, body: {} })).statusCode, 404);
    const ewa = await t.signedIn('resident');
    assert.equal(
      (await call(ewa, 'post', register, { params: { id }, body: {} })).statusCode,
      422,
      'consent needed',
    );
  });

  test('calls: the list, one call with its form, and an application from start to withdrawal', async () => {
    const anon = t.client();
    const list = await call(anon, 'get', '/api/v1/calls');
    assert.equal(list.statusCode, 200);
    const items = (list.json() as { items: Array<{ id: string; state: string }> }).items;
    assert.ok(
      items.some((c) => c.state === 'open'),
      'the demo has open calls',
    );
    assert.equal(
      (await call(anon, 'get', '/api/v1/calls', { query: 'kind=ngo_grant&state=open' })).statusCode,
      200,
    );
    assert.equal((await call(anon, 'get', '/api/v1/calls', { query: 'state=soon' })).statusCode, 400);
    const one = '/api/v1/calls/{id}';
    for (const c of items)
      assert.equal((await call(anon, 'get', one, { params: { id: c.id } })).statusCode, 200);
    assert.equal((await call(anon, 'get', one, { params: { id: 'nie-ma' } })).statusCode, 404);

    // A call of the test form, so that a complete answer is known.
    const clerk = await t.signedIn('staff');
    const id = await publishedCall(callsOf(t.app.klaster.services), { id: clerk.userId, role: 'staff' });
    const start = '/api/v1/calls/{id}/applications';
    assert.equal((await call(anon, 'post', start, { params: { id }, body: {} })).statusCode, 401);
    const ola = await t.signedIn('resident');
    assert.equal(
      (await call(ola, 'post', start, { params: { id }, body: { organisationId: 'nie' } })).statusCode,
      400,
    );
    assert.equal(
      (
        await call(ola, 'post', start, {
          params: { id },
          body: { organisationId: '00000000-0000-7000-8000-000000000000' },
        })
      ).statusCode,
      403,
    );
    assert.equal((await call(ola, 'post', start, { params: { id: 'nie-ma' }, body: {} })).statusCode, 404);
    const made = await call(ola, 'post', start, { params: { id }, body: {} });
    assert.equal(made.statusCode, 201);
    const app = { id: (made.json() as { id: string }).id };
    assert.equal(made.headers.location, `/api/v1/applications/${app.id}`);
    assert.equal((await call(ola, 'post', start, { params: { id }, body: {} })).statusCode, 409);

    const mine = '/api/v1/applications';
    assert.equal((await call(anon, 'get', mine)).statusCode, 401);
    assert.equal((await call(ola, 'get', mine)).statusCode, 200);
    const path = '/api/v1/applications/{id}';
    const ewa = await t.signedIn('resident');
    assert.equal((await call(ola, 'get', path, { params: app })).statusCode, 200);
    assert.equal((await call(ewa, 'get', path, { params: app })).statusCode, 403);
    assert.equal((await call(ola, 'get', path, { params: { id: 'nie-ma' } })).statusCode, 404);

    const draft = { title: 'Warsztaty', answers: { summary: 'Warsztaty dla seniorów' } };
    assert.equal((await call(ola, 'put', path, { params: app, body: { title: 'X' } })).statusCode, 400);
    assert.equal(
      (await call(ola, 'put', path, { params: app, body: { ...draft, answers: { colour: 'zielony' } } }))
        .statusCode,
      422,
    );
    assert.equal((await call(ola, 'put', path, { params: app, body: draft })).statusCode, 200);
    const submission = '/api/v1/applications/{id}/submission';
    assert.equal((await call(ola, 'post', submission, { params: app, body: {} })).statusCode, 422);
    await call(ola, 'put', path, { params: app, body: { ...draft, answers: completeAnswers } });
    assert.equal((await call(ewa, 'post', submission, { params: app, body: {} })).statusCode, 403);
    const submitted = await call(ola, 'post', submission, { params: app, body: {} });
    assert.equal(submitted.statusCode, 200);
    assert.ok((submitted.json() as { number: string }).number);
    assert.equal((await call(ola, 'post', submission, { params: app, body: {} })).statusCode, 409);

    const withdrawal = '/api/v1/applications/{id}/withdrawal';
    assert.equal((await call(ola, 'post', withdrawal, { params: app, body: {} })).statusCode, 200);
    assert.equal((await call(ola, 'post', withdrawal, { params: app, body: {} })).statusCode, 409);
    // A draft withdrawn is discarded: no content.
    const again = await call(ola, 'post', start, { params: { id }, body: {} });
    const discarded = await call(ola, 'post', withdrawal, {
      params: { id: (again.json() as { id: string }).id },
      body: {},
    });
    assert.equal(discarded.statusCode, 204);
  });

  test('an unknown route and a malformed address are problems of our own types, never framework codes', async () => {
    for (const [url, type, status] of [
      ['/api/v1/nie-ma', 'unknown-route', 404],
      ['/api/v1/%', 'bad-url', 400],
    ] as const) {
      const res = await t.client().get(url, { 'accept-language': 'pl' });
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const problem = res.json() as Json;
      assert.equal(problem.type, `https://klaster.dev/problems/${type}`);
      const validate = ajv.getSchema('urn:klaster:Problem')!;
      assert.ok(validate(problem), JSON.stringify(validate.errors));
      assert.doesNotMatch(res.body, /fst_err|FST_ERR/i);
      assert.equal(res.headers['content-language'], 'pl');
    }
  });

  test('every documented operation was called', () => {
    for (const [p, ops] of Object.entries(doc.paths))
      for (const m of Object.keys(ops))
        assert.ok(called.has(`${m} ${p}`), `${m.toUpperCase()} ${p} was not called`);
  });
});
