// What every module's JSON API shares: the RFC 9457 problem document (its schema is one component
// of the OpenAPI document), the problem types of the platform, and how any error becomes a problem
// document in the caller's language.
//
// Problem types are stable URIs in one style: https://klaster.dev/problems/<kebab-case>, and for a
// rule of one module https://klaster.dev/problems/<module>/<kebab-case> (e.g. spaces/outside-hours).
// Framework errors (invalid JSON, a wrong content type, a body too large, an unknown route) get our
// own types; no framework code ever reaches a client. Title and detail are in the same language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Messages } from '../i18n/index.ts';
import { AppError, RuleError } from './errors.ts';
import { localiseIssues } from './forms.ts';

export const PROBLEM_BASE = 'https://klaster.dev/problems/';
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
/** The one style of every problem type. */
export const PROBLEM_TYPE = new RegExp(`^${PROBLEM_BASE.replaceAll('.', '\\.')}(?:${SLUG}/)?${SLUG}$`);

export const fieldErrorSchema = z
  .object({
    field: z.string().describe('The input field (`_form` for the input as a whole)'),
    message: z.string().describe('What is wrong, in the caller’s language'),
  })
  .meta({ id: 'FieldError' });

export const problemSchema = z
  .looseObject({
    type: z
      .string()
      .regex(PROBLEM_TYPE)
      .describe(
        'Stable URI of the problem type: `https://klaster.dev/problems/<type>`, or `…/<module>/<rule>` for a rule of one module',
      ),
    title: z.string().describe('Short summary of the problem type, in the caller’s language'),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe('What happened this time, in the same language as `title`'),
    instance: z.string().describe('The path of the request'),
    requestId: z.string().describe('Quote it when reporting a problem; also sent as `X-Request-Id`'),
    errors: z.array(fieldErrorSchema).optional().describe('Invalid input: the message for each field'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Invalid input: a 400 problem document listing each field's message in the reader's language. */
export class FieldErrors extends Error {
  readonly statusCode = 400;
  constructor(readonly validation: Array<{ field: string; message: string }>) {
    super('validation failed');
  }
}

/**
 * A problem a module words itself: its type (`<module>/<rule>`), status and detail already in the
 * caller's language. Its title is the platform's for the status unless given.
 */
export class ProblemError extends AppError {
  constructor(
    status: number,
    readonly typeSlug: string,
    readonly detail: string,
    readonly title?: string,
  ) {
    super(status, typeSlug, detail);
    this.name = 'ProblemError';
  }
}

/** `outsideHours`, `not_found` and `FST_ERR_X` alike become `outside-hours`, `not-found`, `fst-err-x`. */
export function kebab(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** The type of a module's rule (after PROBLEM_BASE), e.g. ruleProblem('spaces', 'outsideHours'). */
export const ruleProblem = (module: string, code: string) => `${kebab(module)}/${kebab(code)}`;

type ProblemKey = keyof Messages['api']['problems'];

/** The platform's problem types: type → status and the catalogue entry of its title and detail. */
export const platformProblems = {
  'validation-failed': { status: 400, key: 'validationFailed' },
  'invalid-json': { status: 400, key: 'invalidJson' },
  'invalid-characters': { status: 400, key: 'invalidCharacters' },
  'bad-url': { status: 400, key: 'badUrl' },
  'bad-request': { status: 400, key: 'badRequest' },
  unauthorized: { status: 401, key: 'unauthorized' },
  forbidden: { status: 403, key: 'forbidden' },
  'two-factor-required': { status: 403, key: 'twoFactorRequired' },
  'not-found': { status: 404, key: 'notFound' },
  'unknown-route': { status: 404, key: 'unknownRoute' },
  'length-required': { status: 411, key: 'lengthRequired' },
  'body-too-large': { status: 413, key: 'bodyTooLarge' },
  'unsupported-media-type': { status: 415, key: 'unsupportedMediaType' },
  'too-many-requests': { status: 429, key: 'tooManyRequests' },
  'internal-error': { status: 500, key: 'internalError' },
  'service-unavailable': { status: 503, key: 'serviceUnavailable' },
} as const satisfies Record<string, { status: number; key: ProblemKey }>;
export type PlatformProblem = keyof typeof platformProblems;

/** Codes of the framework and of our own errors that name one of the types above. */
const aliases: Record<string, PlatformProblem> = {
  'fst-err-ctp-invalid-json-body': 'invalid-json',
  'fst-err-ctp-empty-json-body': 'invalid-json',
  'fst-err-ctp-body-too-large': 'body-too-large',
  'payload-too-large': 'body-too-large',
  'fst-err-ctp-invalid-media-type': 'unsupported-media-type',
  'fst-err-ctp-invalid-content-length': 'bad-request',
  'fst-err-validation': 'validation-failed',
};

/** The platform type for a status no more specific type covers. */
function forStatus(status: number): PlatformProblem {
  const byStatus: Record<number, PlatformProblem> = {
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not-found',
    411: 'length-required',
    413: 'body-too-large',
    415: 'unsupported-media-type',
    429: 'too-many-requests',
    503: 'service-unavailable',
  };
  if (status >= 500) return byStatus[status] ?? 'internal-error';
  return byStatus[status] ?? 'bad-request';
}

function platformType(code: string | undefined, status: number): PlatformProblem {
  const slug = kebab(code ?? '');
  const named = (aliases[slug] ?? slug) as PlatformProblem;
  const known = platformProblems[named];
  return known && known.status === status ? named : forStatus(status);
}

/** The platform's title for a status (a module's rule without a title of its own). */
export function statusTitle(t: Messages, status: number): string {
  if (status === 409) return t.api.problems.conflict.title;
  if (status === 422) return t.api.problems.refused.title;
  return t.api.problems[platformProblems[forStatus(status)].key].title;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: Array<{ field: string; message: string }>;
}

/** A fastify validation error (zod issues re-shaped by the type provider) as localised field errors. */
function fieldErrors(
  request: FastifyRequest,
  validation: unknown,
): Array<{ field: string; message: string }> {
  if (!Array.isArray(validation)) return [];
  if (validation.every((v) => typeof v?.field === 'string' && typeof v?.message === 'string'))
    return validation as Array<{ field: string; message: string }>;
  const issues = validation.map(
    (v: { keyword?: string; instancePath?: string; message?: string; params?: object }) => ({
      ...(v.params ?? {}),
      code: v.keyword,
      path: String(v.instancePath ?? '')
        .split('/')
        .filter(Boolean),
      message: v.message,
    }),
  ) as unknown as Parameters<typeof localiseIssues>[0];
  return Object.entries(localiseIssues(issues, request.t)).map(([field, message]) => ({ field, message }));
}

/** Any error thrown while answering an API request, as a problem document in the caller's language. */
export function apiProblem(request: FastifyRequest, error: unknown): ProblemDocument {
  const t = request.t;
  const base = { instance: request.url.split('?')[0] ?? '/', requestId: String(request.id) };
  if (error instanceof ProblemError) {
    return {
      type: `${PROBLEM_BASE}${error.typeSlug}`,
      title: error.title ?? statusTitle(t, error.status),
      status: error.status,
      detail: error.detail,
      ...base,
    };
  }
  const e = error as { statusCode?: number; status?: number; code?: string; validation?: unknown };
  let status: number;
  let code: string | undefined;
  let errors: ProblemDocument['errors'];
  if (error instanceof AppError) {
    status = error.status;
    code = error.code;
  } else if (e?.validation) {
    status = 400;
    code = 'validation-failed';
    errors = fieldErrors(request, e.validation);
  } else if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600) {
    status = e.statusCode;
    code = e.code;
  } else status = 500;
  const type = platformType(code, status);
  const texts = t.api.problems[platformProblems[type].key];
  return {
    type: `${PROBLEM_BASE}${type}`,
    title: texts.title,
    status,
    detail: texts.detail,
    ...base,
    ...(errors ? { errors } : {}),
  };
}

/**
 * The rate limit of an API's writes: a tenth of the app's per-address limit (at least 10 a minute),
 * counted per signed-in person, not per address (a whole office may share one).
 */
export const apiWriteLimit = (rateLimitPerMinute: number) => ({
  rateLimit: {
    max: Math.max(10, Math.floor(rateLimitPerMinute / 10)),
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => request.actor?.id ?? request.ip,
  },
});

/**
 * Runs a service call for an API route; a refusal of the rules (RuleError) is answered as the
 * problem document the module builds for it, with its status. Anything else goes on to the error
 * handler. One per module: `const refusing = refusalsAsProblems(bookingProblem)`.
 */
export function refusalsAsProblems(problemOf: (request: FastifyRequest, err: RuleError) => object) {
  return async <T>(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RuleError)
        return reply.code(err.status).type('application/problem+json').send(problemOf(request, err)) as never;
      throw err;
    }
  };
}
