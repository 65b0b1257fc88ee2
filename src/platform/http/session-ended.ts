// A form sent after the session ended: answered with the sign-in form, what was typed kept sealed
// for this browser (replay.ts), carried over to the session it signs in with, and filled back
// into the form's page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { SessionEndedPage } from '../views/session-ended.tsx';
import { type CookieBase, issuedCookie } from './cookies.ts';
import {
  openReplay,
  pathOf,
  REPLAY_COOKIE,
  REPLAY_MAX_AGE_SECONDS,
  type Replay,
  replayableValues,
  sealReplay,
} from './replay.ts';
import { webState } from './state.ts';
import { isMultipart } from './uploads.ts';
import { safeNext } from './urls.ts';

export function sessionEndings(o: {
  secret: string;
  sessionCookieName: string;
  cookieBase: CookieBase;
  /** The browser's anonymous CSRF seed (csrf.ts), what a replay is sealed to before signing in. */
  seedOf: (request: FastifyRequest) => string | undefined;
}) {
  const { cookieBase } = o;
  const sessionBinding = (request: FastifyRequest) => `session:${request.cookies[o.sessionCookieName] ?? ''}`;

  /**
   * Answers a form sent without a valid session: 401 with the sign-in form, nothing done. What
   * was typed (but passwords, codes, tokens and files) is kept in a sealed cookie bound to this
   * browser's anonymous seed, and only when the form came from one of our own pages (a form on
   * another site could otherwise plant values in ours). After signing in, the person is sent back
   * to the form's page (the Referer, one of ours; else the address posted to).
   */
  function sessionEnded(request: FastifyRequest, reply: FastifyReply, body: unknown) {
    const sameHost = (url: string | undefined) => {
      if (!url || !request.headers.host) return false;
      try {
        const origin = new URL(url);
        // Compared as URLs do: "host:80" of an http URL is "host".
        return origin.host === new URL(`${origin.protocol}//${request.headers.host}`).host;
      } catch {
        return false;
      }
    };
    const fetchSite = request.headers['sec-fetch-site'];
    const ours = sameHost(request.headers.origin) && (fetchSite === undefined || fetchSite === 'same-origin');
    const referer = request.headers.referer;
    const page =
      ours && referer && sameHost(referer)
        ? safeNext(`${new URL(referer).pathname}${new URL(referer).search}`, pathOf(request.url))
        : safeNext(pathOf(request.url));
    const values = ours && body ? replayableValues(body) : {};
    const seed = o.seedOf(request);
    let kept: 'yes' | 'tooLong' | 'no' = Object.keys(values).length > 0 && seed ? 'yes' : 'no';
    if (kept === 'yes' && seed) {
      const replay: Replay = {
        page,
        action: pathOf(request.url),
        values,
        expires: Date.now() + REPLAY_MAX_AGE_SECONDS * 1000,
      };
      const sealed = sealReplay(o.secret, `seed:${seed}`, replay);
      if (sealed) reply.setCookie(REPLAY_COOKIE, sealed, { ...cookieBase, maxAge: REPLAY_MAX_AGE_SECONDS });
      else kept = 'tooLong';
    }
    if (isMultipart(request)) reply.header('connection', 'close');
    return reply.render(h(SessionEndedPage, { next: page, kept }), 401);
  }

  /** Back on the form's page after signing in again: what was typed before the session ended. */
  function restore(request: FastifyRequest, reply: FastifyReply) {
    const state = webState(request);
    const sealed = request.cookies[REPLAY_COOKIE];
    if (sealed && request.actor && request.method === 'GET') {
      const found = openReplay(o.secret, sessionBinding(request), sealed);
      if (found && pathOf(found.page) === pathOf(request.url)) {
        state.replay = found;
        reply.clearCookie(REPLAY_COOKIE, { path: '/' });
      }
    }
  }

  /**
   * On signing in (or out): what was typed before the session ended, kept for this browser, now
   * belongs to the session it signed in with (and to no other); while the sign-in waits for the
   * second step (the session cookie cleared), to the browser's new seed.
   */
  function carryOver(request: FastifyRequest, reply: FastifyReply, seedNow: string) {
    const seed = o.seedOf(request);
    const sealed = request.cookies[REPLAY_COOKIE];
    const pending = seed && sealed ? openReplay(o.secret, `seed:${seed}`, sealed) : null;
    if (pending) {
      const issued = issuedCookie(reply, o.sessionCookieName);
      const resealed = sealReplay(o.secret, issued ? `session:${issued}` : `seed:${seedNow}`, pending);
      if (resealed)
        reply.setCookie(REPLAY_COOKIE, resealed, { ...cookieBase, maxAge: REPLAY_MAX_AGE_SECONDS });
      else reply.clearCookie(REPLAY_COOKIE, { path: '/' });
    }
  }

  return { answer: sessionEnded, restore, carryOver };
}
