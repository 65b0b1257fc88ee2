// CSRF: forms carry an HMAC of the session (signed in) or of a random HttpOnly seed cookie
// (anonymous), which a cross-site page can neither read nor compute. The token is minted when a
// form is rendered or checked, not on every answer.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieBase } from './cookies.ts';
import { AppError } from './errors.ts';
import { webState } from './state.ts';
import { SAFE } from './urls.ts';

/** The anonymous CSRF seed; in production __Host- prefixed, so no sibling subdomain can plant one. */
const csrfCookieName = (production: boolean) => (production ? '__Host-klaster_csrf' : 'klaster_csrf');
const newSeed = () => randomBytes(24).toString('base64url');

export function csrfTokens(o: { secret: string; production: boolean; cookieBase: CookieBase }) {
  const { cookieBase } = o;
  const CSRF_COOKIE = csrfCookieName(o.production);
  // A form's token is an HMAC of what it is bound to: the session when someone is signed in, else
  // the random seed in the anonymous visitor's cookie. A token never works for another binding.
  const csrfFor = (binding: string) =>
    createHmac('sha256', o.secret).update(`csrf:${binding}`).digest('base64url');

  /**
   * Readies this request's token without minting it: `request.csrfToken` mints it when something
   * reads it (a form being rendered, the check of a form sent), so an answer without a form costs no
   * HMAC and gives an anonymous browser no seed cookie.
   */
  function prepare(request: FastifyRequest, reply: FastifyReply) {
    webState(request).csrfReply = reply;
  }

  /** This request's token (minted on first use; '' where no page can hold a form, as in the API). */
  function token(request: FastifyRequest): string {
    const state = webState(request);
    if (state.csrfMinted !== undefined) return state.csrfMinted;
    const reply = state.csrfReply;
    if (!reply) return '';
    if (request.actor) {
      state.csrfMinted = csrfFor(`session:${request.actor.sessionId}`);
    } else {
      let seed = request.cookies[CSRF_COOKIE];
      if (!seed || seed.length < 20 || seed.length > 100) {
        seed = newSeed();
        reply.setCookie(CSRF_COOKIE, seed, { ...cookieBase, maxAge: 60 * 60 * 24 * 30 });
        // A request that arrives without the cookie cannot carry a valid token.
        if (!SAFE.has(request.method)) state.csrfFresh = true;
      }
      state.csrfMinted = csrfFor(`seed:${seed}`);
      state.csrfSeed = seed;
    }
    return state.csrfMinted;
  }

  /** The anonymous seed of this browser (given one now if it had none); none when signed in. */
  function seed(request: FastifyRequest): string | undefined {
    token(request);
    return webState(request).csrfSeed;
  }

  /** Sets a new anonymous seed (on signing in or out) and returns it. */
  function renewSeed(reply: FastifyReply): string {
    const seedNow = newSeed();
    reply.setCookie(CSRF_COOKIE, seedNow, { ...cookieBase, maxAge: 60 * 60 * 24 * 30 });
    return seedNow;
  }

  function tokenMatches(request: FastifyRequest, sent: unknown): boolean {
    const expected = Buffer.from(token(request));
    const fresh = webState(request).csrfFresh === true;
    // Compare bytes, not characters: "ż" is one character and two bytes.
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    return !fresh && given.length === expected.length && timingSafeEqual(given, expected);
  }

  function checkCsrf(request: FastifyRequest) {
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!tokenMatches(request, sent)) throw new AppError(403, 'csrf', 'missing or invalid CSRF token');
  }

  return { prepare, token, seed, renewSeed, tokenMatches, check: checkCsrf };
}
