// What the platform's own hooks note on a request for one another (CSRF, access, replay, render).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Replay } from './replay.ts';

/** Request state of the platform's own hooks. */
interface WebState {
  /** The reply a CSRF token, once minted, sets the anonymous seed cookie on (csrf.ts). */
  csrfReply?: FastifyReply;
  /** This request's CSRF token, once minted (`request.csrfToken` reads it). */
  csrfMinted?: string;
  /** The anonymous CSRF seed of this browser (no session), once the token was minted. */
  csrfSeed?: string;
  /** The seed was given with this form's answer: the form cannot carry a valid token. */
  csrfFresh?: boolean;
  /** A form sent to a signed-in route without a valid session: answered with the sign-in form. */
  sessionEnded?: boolean;
  /** Values typed before the session ended, to fill into this page's form (sealed for this session). */
  replay?: Replay;
}
export const webState = (request: FastifyRequest) => request as FastifyRequest & WebState;
