// Input sanity: no text that PostgreSQL cannot store reaches a handler — a NUL character, or half
// of a UTF-16 surrogate pair (a JSON body may spell one as "\ud800"; jsonb refuses it and a text
// column would silently get U+FFFD instead).
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** True when a string anywhere in a parsed body, query or params could not be stored as it is. */
export function holdsUnstorableText(input: unknown): boolean {
  const stack: unknown[] = [input];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (unstorable(value)) return true;
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      // (An uploaded file may hold any bytes; it is checked by its content elsewhere.)
      for (const [k, v] of Object.entries(value)) {
        if (unstorable(k)) return true;
        stack.push(v);
      }
    }
  }
  return false;
}

/** Refuses a request whose params, query or body hold such text anywhere: nothing is saved. */
export function refuseUnstorableText(request: FastifyRequest): void {
  if (
    holdsUnstorableText(request.params) ||
    holdsUnstorableText(request.query) ||
    holdsUnstorableText(request.body)
  )
    throw new AppError(
      400,
      'invalid_characters',
      'text must not contain NUL characters or unpaired surrogates',
    );
}
