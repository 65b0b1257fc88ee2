// Property test: generated input — empty, 10,000 characters, scripts, SQL, emoji, right-to-left,
// NUL bytes, arrays, nested objects, unknown fields, repeated keys, malformed JSON — thrown at every
// registered form, JSON endpoint and parameterised page, as a resident and as staff. A 5xx is a bug;
// a form posted with a missing, forged or foreign CSRF token never reaches its handler (403).
// The routes come from the app itself, so modules added later are fuzzed without edits here.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifySchema, InjectOptions } from 'fastify';
import type { RouteAccess } from '../../src/platform/http/access.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  type ActorClient,
  type ActorKind,
  ActorPool,
  allows,
  describeResponse,
  fillPattern,
  isApiUrl,
  paramsOf,
  plausibleParam,
  registeredRoutes,
  send,
} from '../support/routes.ts';

/** Runs per route and actor; FUZZ_RUNS=200 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const FUZZ_ACTORS: ActorKind[] = ['resident', 'staff'];

/** encodeURI refuses lone surrogates; a browser would send U+FFFD instead. */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const tenThousand = (c: string) => c.repeat(Math.ceil(10_000 / c.length)).slice(0, 10_000);

/** Values that broke, or commonly break, web applications; each is also tried field by field. */
const critical = [
  'a\u0000b',
  tenThousand('ż'),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '/\r\nSet-Cookie: x=1',
  '/\t/evil.example',
  '/zażółć gęślą',
  '\uD800',
  '',
];

/** Text a person (or an attacker) might type. */
const nastyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...critical) },
  fc.constantFrom(
    '',
    ' ',
    '\t\r\n',
    tenThousand('a'),
    tenThousand('ż'),
    tenThousand('🙂'),
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE auth_user; --",
    'Zażółć gęślą jaźń',
    'Привіт, як справи?',
    'مرحبا بالعالم',
    '\u202Egnp.exe',
    '👩‍👩‍👧‍👦🇵🇱',
    'a\u0000b',
    '\u0000',
    '\uD800',
    '../../../../etc/passwd',
    '%00',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
    '${7*7}{{7*7}}',
    '-1',
    '0',
    '1e309',
    'NaN',
    'true',
    'null',
    '[]',
    '2024-02-30',
    '9999-12-31T23:59:59Z',
    'javascript:alert(1)',
    '//evil.example',
    '/\r\nSet-Cookie: x=1',
    '/\t/evil.example',
    '/\\evil.example',
    '/%0d%0aSet-Cookie:%20x=1',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.uuid().map(String),
);

/** Values that pass typical validation, so some generated bodies reach the services. */
const plausibleText = fc.constantFrom(
  'Jan Kowalski',
  'jan.kowalski@example.org',
  'rower kawa most zegar',
  'pl',
  'en',
  'uk',
  'terms',
  'on',
  '1',
  '5',
  '2031-05-20',
  '10:30',
  '+48 600 100 200',
  '5260250274',
  '012345678',
  '0000012345',
  'https://example.org',
  'Fundacja Zabłocie',
  'foundation',
  'staff',
  'resident',
  'admin',
  uuidv7(),
  '/konto',
);

/** A value a careful person would type into a field of that name (or one the page offers). */
function plausibleFor(name: string, offered: string[] = []): string {
  if (offered.length) return offered[0]!;
  const n = name.toLowerCase();
  if (/e-?mail/.test(n)) return `someone-${randomBytes(3).toString('hex')}@example.org`;
  if (/password|confirm|haslo/.test(n)) return 'rower kawa most zegar';
  if (/locale|lang/.test(n)) return 'pl';
  if (/consent/.test(n)) return 'terms';
  if (/next|return|redirect/.test(n)) return '/konto';
  if (/phone|telefon/.test(n)) return '+48 600 100 200';
  if (/nip/.test(n)) return '5260250274';
  if (/krs/.test(n)) return '0000012345';
  if (/regon/.test(n)) return '123456785';
  if (/date|day|from|until|start|end/.test(n)) return '2031-05-20';
  if (/url|www|site|link/.test(n)) return 'https://example.org';
  if (/code/.test(n)) return '123456';
  if (/token/.test(n)) return randomBytes(16).toString('base64url');
  if (/id$/.test(n)) return uuidv7();
  if (/count|number|qty|capacity|hours|amount/.test(n)) return '3';
  return 'Jan Kowalski';
}

const textValue = fc.oneof({ weight: 3, arbitrary: nastyText }, { weight: 2, arbitrary: plausibleText });
/** A form field: one value, or the same name repeated. */
const formValue = fc.oneof(
  { weight: 5, arbitrary: textValue },
  { weight: 1, arbitrary: fc.array(textValue, { minLength: 2, maxLength: 3 }) },
);
const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'a[b]', 'a.b', 'id', 'role', 'userId', ''),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const jsonLeaf = fc.oneof(
  textValue,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(null, true, false, 0, -1, Number.MAX_SAFE_INTEGER, 1e300),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: jsonLeaf },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(oddKey, tie('value'), { maxKeys: 4 }) },
  ),
})).value;

const malformedJson = fc.constantFrom(
  '{',
  '{"a":',
  '[1,]',
  'nul',
  "{'a':1}",
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  `{"n":${'9'.repeat(400)}}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '',
);

type FormCase = {
  fields: Array<[string, string | string[]]>;
  csrf: 'valid' | 'missing' | 'wrong' | 'foreign' | 'non-ascii' | 'repeated';
  /** Forms are urlencoded; a script can also send the same fields as JSON. */
  json?: boolean;
};
type JsonCase = { raw: string; contentType: string };
type GetCase = { params: Record<string, string>; query: string };

/** Fields of a form: independent values, all plausible but one, or one value everywhere. */
function fieldsFor(known: Map<string, string[]>): fc.Arbitrary<Array<[string, string | string[]]>> {
  const names = [...known.keys()];
  const extra = fc.array(fc.tuple(oddKey, formValue), { maxLength: 3 });
  const independent = fc
    .tuple(
      fc.record(
        Object.fromEntries(
          names.map((k) => [
            k,
            fc.option(
              fc.oneof(formValue, fc.constantFrom(...(known.get(k)?.length ? known.get(k)! : ['']))),
              {
                nil: undefined,
                freq: 4,
              },
            ),
          ]),
        ),
      ),
      extra,
    )
    .map(([kf, ex]) => [
      ...Object.entries(kf).filter((e): e is [string, string | string[]] => e[1] !== undefined),
      ...ex,
    ]);
  if (!names.length) return independent;
  const allButOne = fc
    .tuple(fc.constantFrom(...names), formValue, fc.boolean())
    .map(
      ([target, value, extraField]): Array<[string, string | string[]]> => [
        ...names.map((k): [string, string | string[]] => [
          k,
          k === target ? value : plausibleFor(k, known.get(k)),
        ]),
        ...(extraField ? [['unexpected', 'x'] as [string, string]] : []),
      ],
    );
  const uniform = textValue.map((v) => names.map((k): [string, string] => [k, v]));
  return fc.oneof(
    { weight: 2, arbitrary: independent },
    { weight: 3, arbitrary: allButOne },
    { weight: 1, arbitrary: uniform },
  );
}

function formCase(known: Map<string, string[]>): fc.Arbitrary<FormCase> {
  return fc.record({
    fields: fieldsFor(known),
    json: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    csrf: fc.oneof(
      { weight: 12, arbitrary: fc.constant('valid' as const) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'missing' as const,
          'wrong' as const,
          'foreign' as const,
          'non-ascii' as const,
          'repeated' as const,
        ),
      },
    ),
  });
}

function jsonCase(known: string[]): fc.Arbitrary<JsonCase> {
  const independent = fc
    .tuple(
      fc.record(Object.fromEntries(known.map((k) => [k, fc.option(jsonValue, { nil: undefined, freq: 4 })]))),
      fc.dictionary(oddKey, jsonValue, { maxKeys: 3 }),
    )
    .map(([a, b]) => JSON.stringify({ ...b, ...a }));
  const object = known.length
    ? fc.oneof(
        independent,
        fc
          .tuple(fc.constantFrom(...known), jsonValue)
          .map(([target, value]) =>
            JSON.stringify(Object.fromEntries(known.map((k) => [k, k === target ? value : plausibleFor(k)]))),
          ),
      )
    : independent;
  return fc.record({
    raw: fc.oneof(
      { weight: 6, arbitrary: object },
      { weight: 1, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 1, arbitrary: malformedJson },
    ),
    contentType: fc.oneof(
      { weight: 10, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
        ),
      },
    ),
  });
}

function getCase(route: RouteAccess, knownQuery: string[]): fc.Arbitrary<GetCase> {
  const names = paramsOf(route.url);
  if (route.url.endsWith('*')) names.push('*');
  const params = fc.record(
    Object.fromEntries(
      names.map((n) => [
        n,
        fc.oneof(
          fc.constant(plausibleParam(n)),
          nastyText.filter((s) => s.length <= 300),
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const pairs = fc.array(
    fc.tuple(knownQuery.length ? fc.oneof(fc.constantFrom(...knownQuery), oddKey) : oddKey, textValue),
    { maxLength: 4 },
  );
  const query = fc.oneof(
    { weight: 6, arbitrary: pairs.map((p) => new URLSearchParams(p).toString()) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%E0%A4%A', 'a[b][c]=1', 'a=%00', '&&&', '=', 'next=%0d%0a'),
    },
  );
  return fc.record({ params, query });
}

// Systematic cases run before the random ones: each critical value in each known field, the
// others filled plausibly, so a defect that needs one bad field among good ones is always reached.

function formExamples(known: Map<string, string[]>): FormCase[] {
  const names = [...known.keys()];
  const good = (except: string) =>
    names.filter((k) => k !== except).map((k): [string, string] => [k, plausibleFor(k, known.get(k))]);
  const out: FormCase[] = [];
  for (const name of names) {
    for (const v of critical) out.push({ csrf: 'valid', fields: [...good(name), [name, v]] });
    out.push({ csrf: 'valid', fields: [...good(name), [name, ['a', 'b']]] });
  }
  for (const v of critical) out.push({ csrf: 'valid', fields: names.map((k): [string, string] => [k, v]) });
  out.push({ csrf: 'valid', fields: [...good(''), ['unexpected', 'x']] });
  for (const csrf of ['missing', 'wrong', 'foreign', 'non-ascii', 'repeated'] as const)
    out.push({ csrf, fields: good('') });
  return out;
}

function jsonExamples(known: string[]): JsonCase[] {
  const json = 'application/json';
  const values: unknown[] = [null, [], {}, true, -1, 1e300, ...critical];
  const out: JsonCase[] = ['[]', '0', 'null', '"x"', 'true', '{}', '{"a":', ''].map((raw) => ({
    raw,
    contentType: json,
  }));
  for (const k of known)
    for (const v of values)
      out.push({
        raw: JSON.stringify(Object.fromEntries(known.map((x) => [x, x === k ? v : plausibleFor(x)]))),
        contentType: json,
      });
  return out;
}

function getExamples(route: RouteAccess, knownQuery: string[]): GetCase[] {
  const names = paramsOf(route.url);
  if (route.url.endsWith('*')) names.push('*');
  const plausible = Object.fromEntries(names.map((n) => [n, plausibleParam(n)]));
  const out: GetCase[] = [];
  for (const n of names)
    for (const v of [...critical, 'x'.repeat(300), 'not-a-uuid', '0', '-1'])
      out.push({ params: { ...plausible, [n]: v }, query: '' });
  for (const q of knownQuery) {
    for (const v of critical)
      out.push({ params: plausible, query: new URLSearchParams({ [q]: v }).toString() });
    out.push({ params: plausible, query: `${q}=a&${q}=b` });
  }
  return out;
}

/** Pairs as a JSON object, repeated names becoming arrays (what a form parser makes of them). */
function grouped(pairs: Array<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of pairs) {
    const had = out[k];
    out[k] = had === undefined ? v : [...[had].flat(), v];
  }
  return out;
}

/** Keys a zod object schema declares (body or querystring), if it is one. */
function schemaKeys(schema: FastifySchema | undefined, part: 'body' | 'querystring'): string[] {
  const s = schema?.[part] as { shape?: Record<string, unknown> } | undefined;
  return s?.shape ? Object.keys(s.shape) : [];
}

/** Every form on the pages an actor can open: the path it posts to, its fields and offered values. */
async function discoverForms(
  actor: ActorClient,
  routes: RouteAccess[],
): Promise<Array<{ action: string; fields: Map<string, string[]> }>> {
  const forms: Array<{ action: string; fields: Map<string, string[]> }> = [];
  const attr = (tag: string, name: string) =>
    new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]?.replaceAll('&amp;', '&').replaceAll('&quot;', '"');
  for (const r of routes) {
    if (r.method !== 'GET' || r.url.startsWith('/assets/') || r.url.startsWith('/api/')) continue;
    const page = fillPattern(r.url);
    const res = await send(actor, { method: 'GET', url: page });
    if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
    for (const m of res.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
      const fields = new Map<string, string[]>();
      const offer = (name: string | undefined, value: string | undefined) => {
        if (!name || name === '_csrf') return;
        const list = fields.get(name) ?? [];
        if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
        fields.set(name, list);
      };
      for (const tag of m[2]!.matchAll(/<(input|textarea)\b[^>]*>/g)) {
        const type = attr(tag[0], 'type') ?? 'text';
        offer(
          attr(tag[0], 'name'),
          ['hidden', 'radio', 'checkbox'].includes(type) ? attr(tag[0], 'value') : undefined,
        );
      }
      for (const sel of m[2]!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
        const name = attr(sel[1]!, 'name');
        offer(name, undefined);
        for (const opt of sel[2]!.matchAll(/<option\b[^>]*>/g)) offer(name, attr(opt[0], 'value'));
      }
      const action = attr(m[1]!, 'action') ?? page;
      forms.push({ action: action.split('?')[0]!, fields });
    }
  }
  return forms;
}

const patternRegex = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);

describe('generated input never causes a server error', () => {
  let t: TestApp;
  let pool: ActorPool;
  before(async () => {
    t = await createTestApp();
    pool = new ActorPool(t);
  });
  after(async () => t.close());

  it('for every form, JSON endpoint and parameterised page, as a resident and as staff', async (ctx) => {
    const routes = registeredRoutes(t.app);
    const targets = routes.filter(
      (r) =>
        r.method !== 'GET' ||
        paramsOf(r.url).length > 0 ||
        r.url.endsWith('*') ||
        schemaKeys(r.schema, 'querystring').length > 0,
    );
    assert.ok(targets.filter((r) => r.method === 'POST').length >= 5, 'the forms are found');
    const started = Date.now();
    let requests = 0;
    // The systematic cases run once per route (as the first actor allowed), the random ones per actor.
    const systematicDone = new Set<string>();
    for (const kind of FUZZ_ACTORS) {
      const forms = await discoverForms(await pool.get(kind), routes);
      for (const route of targets) {
        if (!allows(route.access, kind)) continue;
        const name = `${route.method} ${route.url} as ${kind}`;
        const key = `${route.method} ${route.url}`;
        const systematic = !systematicDone.has(key);
        systematicDone.add(key);
        // fast-check counts examples within numRuns, so the random runs come on top of them.
        const settings = <T>(list: () => T[]) => {
          const examples = systematic ? list().map((e): [T] => [e]) : [];
          return { examples, numRuns: examples.length + RUNS };
        };
        await ctx.test(name, async () => {
          const fill = () => fillPattern(route.url);
          if (route.method === 'GET') {
            const arb = getCase(route, schemaKeys(route.schema, 'querystring'));
            await fc.assert(
              fc.asyncProperty(arb, async (c) => {
                const actor = await pool.get(kind);
                let path = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, n: string) =>
                  encodeURIComponent(wellFormed(c.params[n] ?? plausibleParam(n))),
                );
                if (path.endsWith('*'))
                  path = path.slice(0, -1) + encodeURI(wellFormed(c.params['*'] ?? 'x'));
                const url = c.query ? `${path}?${c.query}` : path;
                const res = await send(actor, { method: 'GET', url });
                requests += 1;
                assert.ok(res.statusCode < 500, `GET ${url} as ${kind}: ${describeResponse(res)}`);
              }),
              settings(() => getExamples(route, schemaKeys(route.schema, 'querystring'))),
            );
          } else if (isApiUrl(route.url)) {
            const arb = jsonCase(schemaKeys(route.schema, 'body'));
            await fc.assert(
              fc.asyncProperty(arb, async (c) => {
                const actor = await pool.get(kind);
                const url = fill();
                const res = await send(actor, {
                  method: route.method as InjectOptions['method'],
                  url,
                  payload: c.raw,
                  headers: { 'content-type': c.contentType },
                });
                requests += 1;
                assert.ok(
                  res.statusCode < 500,
                  `${route.method} ${url} as ${kind} with ${c.contentType} ${c.raw.slice(0, 2000)}: ${describeResponse(res)}`,
                );
              }),
              settings(() => jsonExamples(schemaKeys(route.schema, 'body'))),
            );
          } else {
            const re = patternRegex(route.url);
            const known = new Map<string, string[]>();
            for (const form of forms.filter((f) => re.test(f.action)))
              for (const [k, v] of form.fields) known.set(k, [...new Set([...(known.get(k) ?? []), ...v])]);
            await fc.assert(
              fc.asyncProperty(formCase(known), async (c) => {
                const actor = await pool.get(kind);
                const url = fill();
                const body: Array<[string, string]> = [];
                if (c.csrf === 'valid') body.push(['_csrf', actor.csrf]);
                if (c.csrf === 'wrong')
                  body.push(['_csrf', randomBytes(32).toString('base64url').slice(0, 43)]);
                if (c.csrf === 'foreign')
                  body.push(['_csrf', (await pool.get(kind === 'staff' ? 'resident' : 'staff')).csrf]);
                // As many characters as a token has bytes, but two bytes each.
                if (c.csrf === 'non-ascii') body.push(['_csrf', 'ż'.repeat(actor.csrf.length)]);
                if (c.csrf === 'repeated') body.push(['_csrf', actor.csrf], ['_csrf', actor.csrf]);
                for (const [k, v] of c.fields) for (const x of [v].flat()) body.push([k, x]);
                const encoded = c.json ? JSON.stringify(grouped(body)) : new URLSearchParams(body).toString();
                const res = await send(actor, {
                  method: route.method as InjectOptions['method'],
                  url,
                  payload: encoded,
                  headers: {
                    'content-type': c.json ? 'application/json' : 'application/x-www-form-urlencoded',
                  },
                });
                requests += 1;
                const where = `${route.method} ${url} as ${kind} with ${encoded.slice(0, 2000)}: ${describeResponse(res)}`;
                assert.ok(res.statusCode < 500, where);
                // Without a valid token the handler never runs: 403, or the parser's own refusal.
                if (c.csrf !== 'valid')
                  assert.ok(
                    [400, 403, 413, 415].includes(res.statusCode),
                    `CSRF ${c.csrf} not refused: ${where}`,
                  );
              }),
              settings(() => formExamples(known)),
            );
          }
        });
      }
    }
    console.log(
      `fuzz: ${targets.length} routes, ${requests} generated requests in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(systematic cases once per route, then ${RUNS} random runs per route and actor; ` +
        `sessions put back / replaced: ${pool.restored} / ${pool.replaced})`,
    );
  });
});
