// The OpenAPI 3.1 document of the JSON API (/api/v1/openapi.json), produced by @fastify/swagger
// from the routes' zod schemas. Only /api/v1 operations are in it (HTML pages and forms are not an
// API); every schema it references is in `components`; it says how to authenticate (the session
// cookie, the only credential the API takes: see web.ts); and every operation lists every status it
// can answer with, including those the platform gives to any request (invalid JSON, a wrong content
// type, a body too large, sign-in required, too many requests, busy, a fault), problems as
// `application/problem+json`. CI lints the served document (scripts/test-all.sh) and
// test/integration/openapi-contract.test.ts checks every operation's answers against it.
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { messages } from '../i18n/index.ts';
import type { Access } from './access.ts';
import { PROBLEM_BASE, platformProblems } from './api.ts';

type Json = { [key: string]: unknown };

export const API_PREFIX = '/api/v1/';
export const SESSION_SCHEME = 'sessionCookie';
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const statusDescriptions: Record<string, string> = {
  200: 'OK',
  201: 'Created; `Location` names the new resource',
  204: 'Done; no content',
  400: 'Bad request: invalid input (`validation-failed`, with `errors` per field), a body that is not JSON (`invalid-json`), NUL characters or unpaired surrogates (`invalid-characters`), a malformed address (`bad-url`) or a refused rule',
  401: 'Sign-in required: no valid session cookie (`unauthorized`)',
  403: 'Not allowed (`forbidden`); staff powers need a session that passed two-step sign-in (`two-factor-required`)',
  404: 'No such resource, or not one the caller may see (`not-found`)',
  409: 'Conflict with existing data; nothing was stored',
  413: 'The body is larger than the server accepts (`body-too-large`)',
  415: 'The body is not `application/json` (`unsupported-media-type`)',
  422: 'A rule of the service refused the request; nothing was stored',
  429: 'Too many requests (`too-many-requests`); `Retry-After` says when to try again',
  500: 'A fault on our side (`internal-error`); quote `requestId` when reporting it',
  503: 'The service is overloaded for a moment (`service-unavailable`); `Retry-After` says when to try again',
};

const retryAfter = {
  'retry-after': { type: 'integer', description: 'Seconds to wait before trying again' },
};

/** The statuses the platform may answer any operation with, besides those it declares itself. */
function platformStatuses(method: string, access: Access): number[] {
  const statuses = [400, 429, 500, 503];
  if (BODY_METHODS.has(method)) statuses.push(413, 415);
  if (access !== 'public') statuses.push(401);
  if (access === 'staff' || access === 'admin') statuses.push(403);
  return statuses;
}

/** `GET /api/v1/spaces/resources/:slug` → `getSpacesResourcesBySlug`, for routes that name none. */
function derivedOperationId(method: string, url: string): string {
  const words = url
    .slice(API_PREFIX.length)
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

const transform: FastifyDynamicSwaggerOptions['transform'] = (document) => {
  const { schema, url, route } = document;
  if (!url.startsWith(API_PREFIX) || !schema || (schema as Json).hide) return { schema: { hide: true }, url };
  const converted = jsonSchemaTransform(document as Parameters<typeof jsonSchemaTransform>[0]);
  const out = converted.schema as Json;
  const method = String([route.method].flat()[0]).toUpperCase();
  const access = ((route.config as { access?: Access } | undefined)?.access ?? 'public') as Access;
  const declared = (out.response ?? {}) as Record<string, Json>;
  const statuses = new Set([...Object.keys(declared), ...platformStatuses(method, access).map(String)]);
  const response: Record<string, Json> = {};
  for (const status of [...statuses].sort()) {
    const problem = Number(status) >= 400;
    const headers = {
      ...(status === '201' ? { location: { type: 'string', description: 'Path of the new resource' } } : {}),
      ...(status === '429' || status === '503' ? retryAfter : {}),
    };
    response[status] = {
      description: statusDescriptions[status] ?? (problem ? 'Problem' : 'OK'),
      ...(Object.keys(headers).length ? { headers } : {}),
      content: {
        [problem ? 'application/problem+json' : 'application/json']: {
          schema: declared[status] ?? PROBLEM_REF,
        },
      },
    };
  }
  const signIn = [{ [SESSION_SCHEME]: [] }];
  return {
    url,
    schema: {
      ...out,
      operationId: (out.operationId as string | undefined) ?? derivedOperationId(method, url),
      // Public operations take a session too (members see more, answers follow their language).
      security: access === 'public' ? [{}, ...signIn] : signIn,
      response,
    },
  };
};

/** Every component reachable from the paths; the rest (input twins nobody references) is dropped. */
function usedComponents(doc: Json): Json {
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(doc.paths);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}

function description(o: { bodyLimit: number }): string {
  const en = messages.en.api.problems;
  const rows = Object.entries(platformProblems)
    .map(([type, p]) => `| \`${type}\` | ${p.status} | ${en[p.key].title} |`)
    .join('\n');
  return `Public REST API of Klaster, the platform of the Zabłocie 20.22 innovation cluster and the revitalisation programme in Kraków. A reference in Polish, English and Ukrainian is at /api/docs.

## Authentication
Public operations need no credentials. The others need the session cookie that signing in on the site sets (\`${SESSION_SCHEME}\`); it is the only credential the API takes. Staff powers need a session that passed two-step sign-in. Answers to a request with a session are never cached (\`Cache-Control: no-store\`).

## Requests
Requests that change data send \`Content-Type: application/json\` (anything else is refused with 415, so a cross-site HTML form cannot call the API); bodies are at most ${o.bodyLimit} bytes. Lists are paginated with a cursor: pass a page's \`nextCursor\` as \`cursor\`; it is null on the last page. Instants are ISO 8601 in UTC; days are Europe/Warsaw dates (YYYY-MM-DD).

## Language
Texts in answers (problem titles and details, names) are in the language the site would use for the same request: the one chosen with the site's language switch (the \`klaster_lang\` cookie), then the signed-in account's language, then the best match of \`Accept-Language\` among \`pl\`, \`en\` and \`uk\`. The API's default is English. \`Content-Language\` names the language of each answer; \`title\` and \`detail\` are always in the same language.

## Errors
Every error is an RFC 9457 problem document (\`application/problem+json\`) with \`type\`, \`title\`, \`status\`, \`detail\`, \`instance\` and \`requestId\` (also sent as \`X-Request-Id\`). \`type\` is a stable URI in one style: \`${PROBLEM_BASE}<type>\` for the types below, and \`${PROBLEM_BASE}<module>/<rule>\` (kebab-case) for a rule of one module, e.g. \`${PROBLEM_BASE}spaces/outside-hours\` or \`${PROBLEM_BASE}organisations/nip-taken\`. Match on \`type\` and \`status\`, never on the texts.

| type | status | title (en) |
|---|---|---|
${rows}
`;
}

export function openapiOptions(o: {
  baseUrl: string;
  sessionCookieName: string;
  contactEmail: string;
  bodyLimit: number;
}): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Klaster API',
        version: '1',
        description: description(o),
        contact: { name: 'Klaster Zabłocie 20.22', email: o.contactEmail },
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: o.baseUrl, description: 'This deployment' }],
      tags: [
        { name: 'accounts', description: 'The signed-in account' },
        {
          name: 'organisations',
          description: 'The public directory of verified organisations; registration',
        },
        {
          name: 'spaces',
          description: 'Coworking desks, rooms and the event space: availability, booking and cancelling',
        },
        { name: 'events', description: 'Events and meetings: finding them, registering and cancelling' },
      ],
      components: {
        securitySchemes: {
          [SESSION_SCHEME]: {
            type: 'apiKey',
            in: 'cookie',
            name: o.sessionCookieName,
            description:
              'The session cookie set by signing in on the site (HttpOnly, SameSite=Lax). Staff powers need a session that passed two-step sign-in.',
          },
        },
      },
    },
    transform,
    transformObject: (documentObject) => {
      const doc = jsonSchemaTransformObject(
        documentObject as Parameters<typeof jsonSchemaTransformObject>[0],
      ) as Json;
      const components = (doc.components ?? {}) as Json;
      return { ...doc, components: { ...components, schemas: usedComponents(doc) } } as ReturnType<
        typeof jsonSchemaTransformObject
      >;
    },
  };
}
