// Input sanity: no text with NUL characters reaches a handler (PostgreSQL cannot store them).
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** True when a string anywhere in a parsed body, query or params holds a NUL (PostgreSQL refuses it). */
export function holdsNul(input: unknown): boolean {
  const stack: unknown[] = [input];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      // (An uploaded file may hold any bytes; it is checked by its content elsewhere.)
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) return true;
        stack.push(v);
      }
    }
  }
  return false;
}

/** Refuses a request whose params, query or body hold a NUL anywhere. */
export function refuseNul(request: FastifyRequest): void {
  if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body))
    throw new AppError(400, 'invalid_characters', 'text must not contain NUL characters');
}
