// Errors as answers: the error page (HTML) or the problem document (RFC 9457, the JSON API) for
// every refusal and failure, what of an unexpected error reaches the log, and the answer to a URL
// Fastify refuses before routing.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { isLocale, messages, negotiateLocale } from '../i18n/index.ts';
import type { ViewContext } from '../views/context.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { apiProblem } from './api.ts';
import { AppError, TooManyRequestsError } from './errors.ts';
import { toDocument } from './render.ts';
import { isMultipart } from './uploads.ts';
import { isApiRequest } from './urls.ts';

/**
 * For Fastify's `frameworkErrors` option. A malformed or over-long URL is refused before routing,
 * so neither hooks nor the error handler run; without this the answer would be bare JSON in
 * English without a request id. Here it is the usual error page or problem document.
 */
export function frameworkErrors(contactEmail: string, securityHeaders: Readonly<Record<string, string>>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const chosen = /(?:^|;\s*)klaster_lang=([a-z]+)/.exec(request.headers.cookie ?? '')?.[1];
    const api = request.url.startsWith('/api/v1/');
    const locale = isLocale(chosen)
      ? chosen
      : negotiateLocale(request.headers['accept-language'], api ? 'en' : 'pl');
    const t = messages[locale];
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 400;
    const { badRequestTitle: title, badRequestBody: body } = t.common.pages;
    const requestId = String(request.id);
    reply.code(status).header('x-request-id', requestId).headers(securityHeaders);
    if (api) {
      request.t = t;
      return reply
        .type('application/problem+json')
        .header('content-language', locale)
        .send(apiProblem(request, new AppError(status, 'bad_url')));
    }
    const ctx: ViewContext = {
      locale,
      t,
      path: '/',
      csrfToken: '',
      actor: null,
      flash: null,
      contactEmail,
      requestId,
    };
    return reply.type('text/html; charset=utf-8').send(toDocument(ctx, h(ErrorPage, { title, body })));
  };
}

type ErrorKind = 'notFound' | 'forbidden' | 'csrf' | 'tooMany' | 'badRequest' | 'busy' | 'serverError';

/** Seconds a client is asked to wait when the node is overloaded (503 from under-pressure). */
const BUSY_RETRY_SECONDS = 5;

function classify(error: unknown): {
  status: number;
  code: string;
  kind: ErrorKind;
  detail?: string;
  errors?: unknown;
} {
  if (error instanceof AppError) {
    if (error.code === 'csrf') return { status: 403, code: 'csrf', kind: 'csrf' };
    const kind: ErrorKind =
      error.status === 404
        ? 'notFound'
        : error.status === 403 || error.status === 401
          ? 'forbidden'
          : error.status === 429
            ? 'tooMany'
            : 'badRequest';
    return { status: error.status, code: error.code, kind, detail: error.message };
  }
  const e = error as { statusCode?: number; code?: string; validation?: unknown; message?: string };
  if (e?.validation)
    return { status: 400, code: 'validation_failed', kind: 'badRequest', errors: e.validation };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const kind: ErrorKind =
      e.statusCode === 404
        ? 'notFound'
        : e.statusCode === 429
          ? 'tooMany'
          : e.statusCode === 403
            ? 'forbidden'
            : 'badRequest';
    return { status: e.statusCode, code: (e.code ?? 'bad_request').toLowerCase(), kind, detail: e.message };
  }
  // The node is overloaded (@fastify/under-pressure): a passing state, not a fault.
  if (e?.statusCode === 503) return { status: 503, code: 'service_unavailable', kind: 'busy' };
  return { status: 500, code: 'internal_error', kind: 'serverError' };
}

/**
 * What of an unexpected error goes to the log: its type, code, stack and the first line of its
 * message. Database errors carry the statement's parameters (names, e-mail addresses…) after the
 * first line and in `params`; those never reach the log.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).split('\n')[0]?.slice(0, 300) };
  const e = error as Error & { code?: unknown; cause?: unknown };
  const firstLine = (m: string) => m.split('\n')[0]?.slice(0, 300);
  return {
    type: e.name,
    code: typeof e.code === 'string' ? e.code : undefined,
    message: firstLine(e.message),
    stack: e.stack
      ?.split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .slice(0, 15)
      .join('\n'),
    cause: e.cause instanceof Error ? { type: e.cause.name, message: firstLine(e.cause.message) } : undefined,
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const c = classify(error);
  if (c.kind === 'busy') {
    request.log.warn('overloaded: answered 503');
    reply.header('retry-after', String(BUSY_RETRY_SECONDS));
  } else if (c.status >= 500) request.log.error({ err: loggableError(error) }, 'request failed');
  if (!request.t) request.t = messages[request.locale ?? 'pl'];
  if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
  // A refused upload is not read to its end: the connection closes after the answer.
  if (isMultipart(request)) reply.header('connection', 'close');
  const t = request.t.common.pages;
  const titles: Record<ErrorKind, [string, string]> = {
    notFound: [t.notFoundTitle, t.notFoundBody],
    forbidden: [t.forbiddenTitle, t.forbiddenBody],
    csrf: [t.csrfTitle, t.csrfBody],
    tooMany: [t.tooManyTitle, t.tooManyBody],
    badRequest: [t.badRequestTitle, t.badRequestBody],
    busy: [t.busyTitle, t.busyBody],
    serverError: [t.serverErrorTitle, t.serverErrorBody],
  };
  const [title, body] = titles[c.kind];
  if (isApiRequest(request)) {
    const problem = apiProblem(request, error);
    return reply.code(problem.status).type('application/problem+json').send(problem);
  }
  return reply.render(
    h(ErrorPage, { title, body, reference: c.kind === 'serverError' ? String(request.id) : undefined }),
    c.status,
  );
}
