// Typed path parameters for every route, pages and API alike. A route declares its parameters
// with these zod schemas (`schema: { params: routeParams({ slug: param.slug }) }`) and registers on
// `typed(app)`, so `request.params` has their types and Fastify checks them before the handler: a
// parameter that cannot be one (too long) is refused there, never cast.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The shapes of the parameters in our paths (checked for their length only: the service says whether one exists). */
export const param = {
  /** A record's id (a UUID; an id that is not one is "not found" in the service). */
  id: z.string().max(100),
  /** A human-readable name in a path (a resource's slug). */
  slug: z.string().max(100),
  /** A token sent in a link (self check-in, unsubscribe). */
  token: z.string().max(100),
  /** A stored file's name. */
  file: z.string().max(100),
} as const;

export const routeParams = <S extends z.ZodRawShape>(shape: S) => z.object(shape);

/** The app with the zod type provider: routes registered on it get typed params, query and body. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
export type TypedApp = ReturnType<typeof typed>;
