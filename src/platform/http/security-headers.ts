// The security headers of every answer (Content-Security-Policy, HSTS, Referrer-Policy,
// X-Content-Type-Options, …): helmet's values, computed once when the app is built and set on each
// reply as they are. (@fastify/helmet builds helmet's middleware again on every request, and with it
// the policy header.) No route needs its own policy or a nonce; one that does would get its own set.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet sets with these options (names in lower case). */
export function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return response;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let finished = false;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    finished = true;
    failure = err;
  });
  if (failure) throw failure;
  if (!finished) throw new Error('helmet did not set its headers at once');
  return Object.freeze(Object.fromEntries(headers));
}

/** Sets the headers on every reply, before any route runs (also on 404s and errors). */
export function securityHeaders(app: FastifyInstance, headers: Readonly<Record<string, string>>): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
