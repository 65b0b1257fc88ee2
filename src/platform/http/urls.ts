// What kind of request this is, and which addresses the site follows after sign-in.
import type { FastifyRequest } from 'fastify';

/** The methods that change nothing: no CSRF token, no JSON body required. */
export const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isApiRequest = (request: FastifyRequest) => request.url.startsWith('/api/v1/');

/**
 * Only relative paths on this site are followed after sign-in or a language switch. Control
 * characters are refused: browsers drop tabs and newlines inside URLs (so "/\t/evil.example" would
 * become "//evil.example") and a Location header cannot carry them. Letters beyond ASCII are
 * percent-encoded, as a header must be.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (
    typeof next !== 'string' ||
    next.length > 2000 ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\') ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    /[\u0000-\u001f\u007f]/.test(next)
  )
    return fallback;
  return next
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/[^\u0021-\u007e]+/g, (run: string) => encodeURIComponent(run));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
