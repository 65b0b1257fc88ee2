// The web platform every module stands on: who is asking (session → actor), in which language,
// whether the route lets them in (every route declares `config.access`), CSRF on every
// state-changing form, flash messages, page rendering and error pages/problem documents. Each part
// is in its own file (access.ts, actor.ts, csrf.ts, session-ended.ts, flash.ts, render.ts,
// problems.ts…); this one wires them into Fastify's hooks in the order they run.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import type { Db } from '../../db/client.ts';
import type { Auth } from '../auth/auth.ts';
import type { Locale } from '../auth/schema.ts';
import { sessionReader } from '../auth/session.ts';
import type { RequestContext } from '../context.ts';
import { isLocale, type Messages, messages, negotiateLocale } from '../i18n/index.ts';
import type { Clock } from '../time/clock.ts';
import type { Flash, SiteNav } from '../views/context.ts';
import { type Access, checkAccess, type RouteAccess, recordRoute } from './access.ts';
import { type Actor, actorOf } from './actor.ts';
import { cookieOptions, setsCookie } from './cookies.ts';
import { csrfTokens } from './csrf.ts';
import { AppError, NotFoundError } from './errors.ts';
import { flashReply } from './flash.ts';
import { sendError } from './problems.ts';
import { documentReply, renderReply } from './render.ts';
import { sessionEndings } from './session-ended.ts';
import { webState } from './state.ts';
import { refuseUnstorableText } from './storable-text.ts';
import { isMultipart, readUpload, screenMultipart, type UploadConfig } from './uploads.ts';
import { isApiRequest, SAFE } from './urls.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Set only on the routes that take file uploads (see uploads.ts). */
    upload?: UploadConfig;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    t: Messages;
    csrfToken: string;
    /** Headers to pass to better-auth: cookies, user agent and the client address we trust. */
    authHeaders(): Headers;
  }
  interface FastifyInstance {
    /** Every route registered so far, one entry per method, with its declared access. */
    routeAccess(): readonly RouteAccess[];
  }
  interface FastifyReply {
    // biome-ignore lint/suspicious/noExplicitAny: any page component
    render(node: VNode<any>, status?: number): FastifyReply;
    /** The page's HTML document for this request, not sent (render.ts). */
    // biome-ignore lint/suspicious/noExplicitAny: any page component
    document(node: VNode<any>): string;
    flash(text: string, kind?: Flash['kind']): FastifyReply;
    /** Redirect after a POST (303 See Other). */
    seeOther(url: string): FastifyReply;
  }
}

export const LANG_COOKIE = 'klaster_lang';

export interface WebOptions {
  auth: Auth;
  db: Db;
  secret: string;
  production: boolean;
  contactEmail: string;
  /** The session cookie's exact name (see auth.ts sessionCookieName). */
  sessionCookieName: string;
  /** URL prefixes of routes registered by third-party plugins (static files) that are public. */
  publicPrefixes: string[];
  /** BODY_LIMIT_BYTES and UPLOAD_LIMIT_BYTES. */
  bodyLimit: number;
  uploadLimit: number;
  /** The modules' navigation, given to every page. */
  nav: SiteNav;
  /** The app's clock: each request's context reads it once (platform/context.ts). */
  clock: Clock;
}

export const webPlatform = fp<WebOptions>(
  async (app: FastifyInstance, o: WebOptions) => {
    const cookieBase = cookieOptions(o.production);
    const csrf = csrfTokens({ secret: o.secret, production: o.production, cookieBase });
    const endings = sessionEndings({
      secret: o.secret,
      sessionCookieName: o.sessionCookieName,
      cookieBase,
      seedOf: csrf.seed,
    });
    const hasSessionCookie = (request: FastifyRequest) =>
      request.headers.cookie?.includes(o.sessionCookieName) ?? false;

    app.decorateRequest('actor', null);
    app.decorateRequest('locale', 'pl');
    app.decorateRequest('t', null as unknown as Messages);
    app.decorateRequest('csrfToken', {
      getter(this: FastifyRequest) {
        return csrf.token(this);
      },
    });
    app.decorateRequest('context', null as unknown as RequestContext);
    app.decorateRequest('authHeaders', function (this: FastifyRequest) {
      const headers = new Headers();
      if (this.headers.cookie) headers.set('cookie', this.headers.cookie);
      if (this.headers['user-agent'])
        headers.set('user-agent', String(this.headers['user-agent']).slice(0, 300));
      headers.set('x-klaster-client-ip', this.ip);
      return headers;
    });

    // Every route must say who may use it; registering one that does not is a programming error.
    const readSession = sessionReader(o.db, o.secret, o.sessionCookieName);
    const routes: RouteAccess[] = [];
    app.decorate('routeAccess', () => routes);
    app.addHook('onRoute', (route) => recordRoute(route, o.publicPrefixes, routes));

    const uploadLimits = { bodyLimit: o.bodyLimit, uploadLimit: o.uploadLimit };
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
      // A multipart body where no upload is taken (or too big for the one that is): refused
      // before anything else, and before a byte of it is read.
      screenMultipart(request, reply, request.routeOptions.config?.upload, uploadLimits);
      // Who is asking.
      const cookieHeader = request.headers.cookie;
      if (cookieHeader && hasSessionCookie(request)) {
        let found = await readSession(cookieHeader);
        if (found.kind === 'refresh') {
          // better-auth extends the session and sends the renewed cookie.
          const r = await o.auth.api
            .getSession({ headers: request.authHeaders(), returnHeaders: true })
            .catch(() => null);
          for (const c of r?.headers.getSetCookie() ?? []) reply.header('set-cookie', c);
          found = await readSession(cookieHeader);
        }
        if (found.kind === 'valid') {
          const actor = actorOf(found.row);
          if (actor) request.actor = actor;
        }
      }
      // In which language: the switch (cookie), then the profile, then the browser; where the site
      // falls back to Polish, the JSON API falls back to English.
      const chosen = request.cookies[LANG_COOKIE];
      request.locale = isLocale(chosen)
        ? chosen
        : (request.actor?.locale ??
          negotiateLocale(request.headers['accept-language'], isApiRequest(request) ? 'en' : 'pl'));
      request.t = messages[request.locale];
      request.context = {
        actor: request.actor,
        requestId: String(request.id),
        locale: request.locale,
        now: o.clock.now(),
      };

      // JSON API calls that change state must be JSON (a cross-site HTML form cannot send that).
      if (isApiRequest(request) && !SAFE.has(request.method) && request.method !== 'DELETE') {
        const type = request.headers['content-type'] ?? '';
        if (!type.startsWith('application/json')) {
          throw new AppError(415, 'unsupported_media_type', 'send application/json');
        }
      }

      // May they use this route?
      const refused = checkAccess(request, reply);
      if (refused) return refused;

      if (!isApiRequest(request)) {
        csrf.prepare(request, reply);
        if (webState(request).sessionEnded && isMultipart(request))
          return endings.answer(request, reply, null);
        endings.restore(request, reply);
      }
    });

    app.addHook('preValidation', async (request, reply) => {
      // Before the CSRF check: the token was bound to the session that ended.
      if (webState(request).sessionEnded) return endings.answer(request, reply, request.body);
      if (!SAFE.has(request.method) && !isApiRequest(request)) {
        const upload = request.routeOptions.config?.upload;
        if (upload && isMultipart(request)) {
          // Read as a stream; its first part is the token, checked before any file is read.
          request.body = await readUpload(request, reply, upload, uploadLimits, (sent) =>
            csrf.tokenMatches(request, sent),
          );
        } else csrf.check(request);
      }
      // No text PostgreSQL cannot store (NUL, half a surrogate pair) goes any further.
      refuseUnstorableText(request);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (isApiRequest(request)) {
        // Anything answered to someone with a session may be personal: no cache keeps it.
        if (request.actor || hasSessionCookie(request)) reply.header('cache-control', 'no-store');
        // Texts follow the caller's language (see the `locale` above).
        reply.header('content-language', request.locale).header('vary', 'Accept-Language, Cookie');
      } else if (setsCookie(reply, o.sessionCookieName)) {
        // Signing in (or out): a new anonymous seed, so a seed someone planted or saw before is
        // worth nothing afterwards.
        const seedNow = csrf.renewSeed(reply);
        endings.carryOver(request, reply, seedNow);
      }
      return payload;
    });

    app.decorateReply('seeOther', function (this: FastifyReply, url: string) {
      return this.redirect(url, 303);
    });

    app.decorateReply('flash', flashReply(cookieBase));

    app.decorateReply('document', documentReply({ contactEmail: o.contactEmail, nav: o.nav }));
    app.decorateReply('render', renderReply());

    app.setNotFoundHandler(async (request, reply) => {
      if (!request.t) request.t = messages[negotiateLocale(request.headers['accept-language'])];
      if (isApiRequest(request)) return sendError(request, reply, new AppError(404, 'unknown_route'));
      return sendError(request, reply, new NotFoundError('page'));
    });

    app.setErrorHandler(async (error, request, reply) => sendError(request, reply, error));
  },
  { name: 'klaster-web' },
);
