// Who may use a route: every route declares `config.access`; the platform records the declarations
// (`app.routeAccess()`) and refuses a request the route's level does not let in.
import type { FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { AppError, ForbiddenError, UnauthorizedError } from './errors.ts';
import { webState } from './state.ts';
import type { UploadConfig } from './uploads.ts';
import { isApiRequest, SAFE, safeNext } from './urls.ts';

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

/**
 * For the `onRoute` hook: records the route's declared access in `routes`. Every route must say
 * who may use it; registering one that does not is a programming error.
 */
export function recordRoute(route: RouteOptions, publicPrefixes: string[], routes: RouteAccess[]): void {
  // Plugin-registered routes (static files) get their declaration from the app's options.
  if (publicPrefixes.some((p) => route.url.startsWith(p))) {
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
}

/**
 * May they use this route? Throws the refusal, or answers with the redirect to sign in (or to the
 * second step) and returns the reply; a form sent after the session ended is only marked here.
 */
export function checkAccess(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
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
  return undefined;
}
