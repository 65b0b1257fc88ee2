// The web platform every module stands on: who is asking (session → actor), in which language,
// whether the route lets them in (every route declares `config.access`), CSRF on every
// state-changing form, flash messages, page rendering and error pages/problem documents.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Db } from '../../db/client.ts';
import type { Auth } from '../auth/auth.ts';
import type { Locale, Role } from '../auth/schema.ts';
import { sessionReader } from '../auth/session.ts';
import type { RequestContext } from '../context.ts';
import { isLocale, type Messages, messages, negotiateLocale } from '../i18n/index.ts';
import type { Clock } from '../time/clock.ts';
import { type Flash, type SiteNav, type ViewContext, ViewCtx } from '../views/context.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { SessionEndedPage } from '../views/session-ended.tsx';
import { apiProblem } from './api.ts';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from './errors.ts';
import {
  openReplay,
  pathOf,
  REPLAY_COOKIE,
  REPLAY_MAX_AGE_SECONDS,
  type Replay,
  replayableValues,
  sealReplay,
} from './replay.ts';
import { isMultipart, readUpload, screenMultipart, type UploadConfig } from './uploads.ts';

/** Who may use a route. Resource-level rules (organisation owner…) live in each module's policy. */
export type Access = 'public' | 'user' | 'staff' | 'admin';
export const accessLevels: readonly Access[] = ['public', 'user', 'staff', 'admin'];

/** A registered route as the platform saw it: what `app.routeAccess()` lists (tests enumerate it). */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** Whether it takes file uploads (multipart bodies); every other route refuses them. */
  upload: boolean;
  /** The route's validation schemas (zod), if it declared any. */
  schema?: FastifySchema | undefined;
}

export interface Actor {
  id: string;
  name: string;
  email: string;
  /**
   * The powers of this request: the account's role, except that staff and administrators whose
   * session has not passed the second factor are residents (everywhere: policies, services, views).
   */
  role: Role;
  /** The role on the account (what `role` is once this session has passed the second factor). */
  accountRole: Role;
  /** The account has two-step sign-in on. Staff powers need `secondFactor`, which is of the session. */
  twoFactorEnabled: boolean;
  /** This session passed the second factor (at sign-in, or by enrolling in it) and it is still on. */
  secondFactor: boolean;
  locale: Locale;
  emailVerified: boolean;
  sessionId: string;
}

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
    flash(text: string, kind?: Flash['kind']): FastifyReply;
    /** Redirect after a POST (303 See Other). */
    seeOther(url: string): FastifyReply;
  }
}

export const LANG_COOKIE = 'klaster_lang';
/** The anonymous CSRF seed; in production __Host- prefixed, so no sibling subdomain can plant one. */
const csrfCookieName = (production: boolean) => (production ? '__Host-klaster_csrf' : 'klaster_csrf');
const FLASH_COOKIE = 'klaster_flash';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

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

/** Request state of the platform's own hooks. */
interface WebState {
  /** The anonymous CSRF seed of this browser (no session). */
  csrfSeed?: string;
  /** A form sent to a signed-in route without a valid session: answered with the sign-in form. */
  sessionEnded?: boolean;
  /** Values typed before the session ended, to fill into this page's form (sealed for this session). */
  replay?: Replay;
}
const webState = (request: FastifyRequest) => request as FastifyRequest & WebState;

/** True when a string anywhere in a parsed body, query or params holds a NUL (PostgreSQL refuses it). */
function holdsNul(input: unknown): boolean {
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

export const webPlatform = fp<WebOptions>(
  async (app: FastifyInstance, o: WebOptions) => {
    const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: o.production };
    const CSRF_COOKIE = csrfCookieName(o.production);
    // A form's token is an HMAC of what it is bound to: the session when someone is signed in, else
    // the random seed in the anonymous visitor's cookie. A token never works for another binding.
    const csrfFor = (binding: string) =>
      createHmac('sha256', o.secret).update(`csrf:${binding}`).digest('base64url');
    const newSeed = () => randomBytes(24).toString('base64url');
    const hasSessionCookie = (request: FastifyRequest) =>
      request.headers.cookie?.includes(o.sessionCookieName) ?? false;

    app.decorateRequest('actor', null);
    app.decorateRequest('locale', 'pl');
    app.decorateRequest('t', null as unknown as Messages);
    app.decorateRequest('csrfToken', '');
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
    app.addHook('onRoute', (route) => {
      // Plugin-registered routes (static files) get their declaration from the app's options.
      if (o.publicPrefixes.some((p) => route.url.startsWith(p))) {
        route.config = { ...(route.config ?? {}), access: 'public' };
      }
      const config = route.config as { access?: Access; upload?: UploadConfig } | undefined;
      const access = config?.access;
      if (!access || !accessLevels.includes(access)) {
        throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
      }
      // Uploads cost memory: only signed-in people may send them.
      if (config?.upload && access === 'public')
        throw new Error(`Route ${route.method} ${route.url} takes uploads and must not be public`);
      for (const method of [route.method].flat())
        routes.push({
          method,
          url: route.url,
          access,
          upload: Boolean(config?.upload),
          schema: route.schema,
        });
    });

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
        const u = found.kind === 'valid' ? found.row.user : null;
        if (found.kind === 'valid' && u && !u.blockedAt && !u.deletedAt) {
          const accountRole = u.role as Role;
          const secondFactor = found.row.secondFactorAt !== null && u.twoFactorEnabled;
          // The one place staff powers are granted: only to a session that passed the second factor.
          const withheld = (accountRole === 'staff' || accountRole === 'admin') && !secondFactor;
          request.actor = {
            id: u.id,
            name: u.name,
            email: u.email,
            role: withheld ? 'resident' : accountRole,
            accountRole,
            twoFactorEnabled: u.twoFactorEnabled,
            secondFactor,
            locale: isLocale(u.locale) ? u.locale : 'pl',
            emailVerified: u.emailVerified,
            sessionId: found.row.sessionId,
          };
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
      const access = request.routeOptions.config?.access ?? 'public';
      if (access !== 'public') {
        const actor = request.actor;
        if (!actor) {
          if (isApiRequest(request)) throw new UnauthorizedError();
          if (SAFE.has(request.method))
            return reply.redirect(`/logowanie?next=${encodeURIComponent(safeNext(request.url))}`, 303);
          // A form sent after the session ended: answered once the body is read (preValidation),
          // with the sign-in form; an upload is answered now, before a byte of it is read.
          webState(request).sessionEnded = true;
        }
      }
      if (access !== 'public' && request.actor) {
        const actor = request.actor;
        const held = actor.accountRole;
        const staffLike = held === 'staff' || held === 'admin';
        if (access === 'staff' && !staffLike) throw new ForbiddenError();
        if (access === 'admin' && held !== 'admin') throw new ForbiddenError();
        // Staff powers need a session that passed the second factor, not only an account that has it.
        if ((access === 'staff' || access === 'admin') && !actor.secondFactor) {
          if (isApiRequest(request) || !SAFE.has(request.method))
            throw new AppError(403, 'two_factor_required', 'two-step sign-in required');
          return reply.redirect(
            `/konto/dwuetapowe?wymagane=1&next=${encodeURIComponent(safeNext(request.url))}`,
            303,
          );
        }
      }

      // CSRF: forms carry an HMAC of the session (signed in) or of a random HttpOnly seed cookie
      // (anonymous), which a cross-site page can neither read nor compute.
      if (!isApiRequest(request)) {
        if (request.actor) {
          request.csrfToken = csrfFor(`session:${request.actor.sessionId}`);
        } else {
          let seed = request.cookies[CSRF_COOKIE];
          if (!seed || seed.length < 20 || seed.length > 100) {
            seed = newSeed();
            reply.setCookie(CSRF_COOKIE, seed, { ...cookieBase, maxAge: 60 * 60 * 24 * 30 });
            // A request that arrives without the cookie cannot carry a valid token.
            if (!SAFE.has(request.method)) (request as { csrfFresh?: boolean }).csrfFresh = true;
          }
          request.csrfToken = csrfFor(`seed:${seed}`);
          webState(request).csrfSeed = seed;
        }
        const state = webState(request);
        if (state.sessionEnded && isMultipart(request)) return sessionEnded(request, reply, null);
        // Back on the form's page after signing in again: what was typed before the session ended.
        const sealed = request.cookies[REPLAY_COOKIE];
        if (sealed && request.actor && request.method === 'GET') {
          const found = openReplay(o.secret, sessionBinding(request), sealed);
          if (found && pathOf(found.page) === pathOf(request.url)) {
            state.replay = found;
            reply.clearCookie(REPLAY_COOKIE, { path: '/' });
          }
        }
      }
    });

    const sessionBinding = (request: FastifyRequest) =>
      `session:${request.cookies[o.sessionCookieName] ?? ''}`;

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
      const ours =
        sameHost(request.headers.origin) && (fetchSite === undefined || fetchSite === 'same-origin');
      const referer = request.headers.referer;
      const page =
        ours && referer && sameHost(referer)
          ? safeNext(`${new URL(referer).pathname}${new URL(referer).search}`, pathOf(request.url))
          : safeNext(pathOf(request.url));
      const values = ours && body ? replayableValues(body) : {};
      const seed = webState(request).csrfSeed;
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

    app.addHook('preValidation', async (request, reply) => {
      // Before the CSRF check: the token was bound to the session that ended.
      if (webState(request).sessionEnded) return sessionEnded(request, reply, request.body);
      if (!SAFE.has(request.method) && !isApiRequest(request)) {
        const upload = request.routeOptions.config?.upload;
        if (upload && isMultipart(request)) {
          // Read as a stream; its first part is the token, checked before any file is read.
          request.body = await readUpload(request, reply, upload, uploadLimits, (sent) =>
            tokenMatches(request, sent),
          );
        } else checkCsrf(request);
      }
      // No text with NUL characters goes any further: PostgreSQL cannot store them.
      if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body))
        throw new AppError(400, 'invalid_characters', 'text must not contain NUL characters');
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (isApiRequest(request)) {
        // Anything answered to someone with a session may be personal: no cache keeps it.
        if (request.actor || hasSessionCookie(request)) reply.header('cache-control', 'no-store');
        // Texts follow the caller's language (see the `locale` above).
        reply.header('content-language', request.locale).header('vary', 'Accept-Language, Cookie');
      } else if (setsSessionCookie(reply)) {
        // Signing in (or out): a new anonymous seed, so a seed someone planted or saw before is
        // worth nothing afterwards.
        const seedNow = newSeed();
        reply.setCookie(CSRF_COOKIE, seedNow, { ...cookieBase, maxAge: 60 * 60 * 24 * 30 });
        // What was typed before the session ended, kept for this browser, now belongs to the
        // session it signed in with (and to no other); while the sign-in waits for the second
        // step (the session cookie cleared), to the browser's new seed.
        const seed = webState(request).csrfSeed;
        const sealed = request.cookies[REPLAY_COOKIE];
        const pending = seed && sealed ? openReplay(o.secret, `seed:${seed}`, sealed) : null;
        if (pending) {
          const issued = issuedSessionCookie(reply);
          const resealed = sealReplay(o.secret, issued ? `session:${issued}` : `seed:${seedNow}`, pending);
          if (resealed)
            reply.setCookie(REPLAY_COOKIE, resealed, { ...cookieBase, maxAge: REPLAY_MAX_AGE_SECONDS });
          else reply.clearCookie(REPLAY_COOKIE, { path: '/' });
        }
      }
      return payload;
    });

    function setsSessionCookie(reply: FastifyReply): boolean {
      const set = reply.getHeader('set-cookie');
      const all = Array.isArray(set) ? set : set === undefined ? [] : [String(set)];
      return all.some((c) => c.startsWith(`${o.sessionCookieName}=`));
    }

    /** The value of the session cookie this answer sets (decoded, as a request would carry it). */
    function issuedSessionCookie(reply: FastifyReply): string | null {
      const set = reply.getHeader('set-cookie');
      const all = Array.isArray(set) ? set : set === undefined ? [] : [String(set)];
      const cookie = all.find((c) => c.startsWith(`${o.sessionCookieName}=`));
      if (!cookie || /;\s*max-age=0\b/i.test(cookie)) return null;
      const value = cookie.slice(o.sessionCookieName.length + 1).split(';')[0] ?? '';
      try {
        return value ? decodeURIComponent(value) : null;
      } catch {
        return null;
      }
    }

    function tokenMatches(request: FastifyRequest, sent: unknown): boolean {
      const expected = Buffer.from(request.csrfToken);
      const fresh = (request as { csrfFresh?: boolean }).csrfFresh === true;
      // Compare bytes, not characters: "ż" is one character and two bytes.
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      return !fresh && given.length === expected.length && timingSafeEqual(given, expected);
    }

    function checkCsrf(request: FastifyRequest) {
      const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!tokenMatches(request, sent)) throw new AppError(403, 'csrf', 'missing or invalid CSRF token');
    }

    app.decorateReply('seeOther', function (this: FastifyReply, url: string) {
      return this.redirect(url, 303);
    });

    app.decorateReply('flash', function (this: FastifyReply, text: string, kind: Flash['kind'] = 'success') {
      const value = Buffer.from(JSON.stringify({ kind, text: text.slice(0, 500) })).toString('base64url');
      this.setCookie(FLASH_COOKIE, this.signCookie(value), { ...cookieBase, maxAge: 120 });
      return this;
    });

    // biome-ignore lint/suspicious/noExplicitAny: any page component
    app.decorateReply('render', function (this: FastifyReply, node: VNode<any>, status = 200) {
      const request = this.request;
      const replay = webState(request).replay;
      let flash: Flash | null = replay ? { kind: 'notice', text: request.t.common.pages.replayed } : null;
      const raw = request.cookies[FLASH_COOKIE];
      if (raw) {
        const unsigned = request.unsignCookie(raw);
        if (unsigned.valid && unsigned.value && !flash) {
          try {
            const parsed = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Flash;
            if (typeof parsed.text === 'string')
              flash = { kind: parsed.kind === 'notice' ? 'notice' : 'success', text: parsed.text };
          } catch {
            /* a tampered flash cookie is ignored */
          }
        }
        this.clearCookie(FLASH_COOKIE, { path: '/' });
      }
      const ctx: ViewContext = {
        locale: request.locale,
        t: request.t ?? messages.pl,
        path: request.url,
        csrfToken: request.csrfToken,
        actor: request.actor
          ? { id: request.actor.id, name: request.actor.name, role: request.actor.role }
          : null,
        flash,
        contactEmail: o.contactEmail,
        requestId: String(request.id),
        replay: replay ? { action: replay.action, values: replay.values } : null,
        nav: o.nav,
      };
      const html = toDocument(ctx, node);
      this.code(status).type('text/html; charset=utf-8');
      if (request.actor) this.header('cache-control', 'no-store');
      return this.send(html);
    });

    app.setNotFoundHandler(async (request, reply) => {
      if (!request.t) request.t = messages[negotiateLocale(request.headers['accept-language'])];
      if (isApiRequest(request)) return sendError(request, reply, new AppError(404, 'unknown_route'));
      return sendError(request, reply, new NotFoundError('page'));
    });

    app.setErrorHandler(async (error, request, reply) => sendError(request, reply, error));
  },
  { name: 'klaster-web' },
);

// biome-ignore lint/suspicious/noExplicitAny: any page component
function toDocument(ctx: ViewContext, node: VNode<any>): string {
  return `<!doctype html>${renderToString(h(ViewCtx.Provider, { value: ctx }, node))}`;
}

/**
 * For Fastify's `frameworkErrors` option. A malformed or over-long URL is refused before routing,
 * so neither hooks nor the error handler run; without this the answer would be bare JSON in
 * English without a request id. Here it is the usual error page or problem document.
 */
export function frameworkErrors(contactEmail: string) {
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
    reply
      .code(status)
      .header('x-request-id', requestId)
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
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
  if (!request.csrfToken) request.csrfToken = '';
  return reply.render(
    h(ErrorPage, { title, body, reference: c.kind === 'serverError' ? String(request.id) : undefined }),
    c.status,
  );
}
