// What the platform's own hooks note on a request for one another (CSRF, access, replay, render).
import type { FastifyRequest } from 'fastify';
import type { Replay } from './replay.ts';

/** Request state of the platform's own hooks. */
interface WebState {
  /** The anonymous CSRF seed of this browser (no session). */
  csrfSeed?: string;
  /** A form sent to a signed-in route without a valid session: answered with the sign-in form. */
  sessionEnded?: boolean;
  /** Values typed before the session ended, to fill into this page's form (sealed for this session). */
  replay?: Replay;
}
export const webState = (request: FastifyRequest) => request as FastifyRequest & WebState;
