// The one request context every service is given (docs/architecture.md, decision 011): who acts,
// which request it is (its id goes into the audit rows), in which language the person reads, and
// what time it is for this request. Handlers take it from the request (`contextOf`); jobs, the demo
// data and tests make one for the actor they act as (`contextFor`, `systemContext`). A service never
// reads the request, and asks `ctx.now` — not the clock — what time the request decides by.
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from './http/errors.ts';
import type { Locale } from './i18n/index.ts';
import type { PolicyActor } from './policy.ts';
import type { Clock } from './time/clock.ts';

/** What a service may know of who acts: the request's powers and how to write to them. */
export type ContextActor = PolicyActor & { name: string; email: string; locale: Locale };

export interface RequestContext<A extends PolicyActor | null = ContextActor | null> {
  readonly actor: A;
  /** The request's id (`x-request-id`), or the job's or the tool's name; recorded in the audit log. */
  readonly requestId: string;
  /** The reader's language (what the answer and the mails it queues for them are written in). */
  readonly locale: Locale;
  /** The instant this request decides by: read once from the app's clock when it began. */
  readonly now: Date;
}

/** A context with someone signed in: what the use cases of signed-in people take. */
export type ActorContext<A extends PolicyActor = ContextActor> = RequestContext<A>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's context, made once by the web platform after the actor and the language. */
    context: RequestContext;
  }
}

/** The request's context (anyone, signed in or not). */
export const contextOf = (request: FastifyRequest): RequestContext => request.context;

/** The request's context for a route that needs a signed-in person (the route's access says so). */
export function signedInContext(request: FastifyRequest): ActorContext {
  const ctx = request.context;
  if (!ctx.actor) throw new UnauthorizedError();
  return ctx as ActorContext;
}

/** A context for acting as `actor` outside a request: jobs, the demo data, the CLI, tests. */
export function contextFor<A extends PolicyActor | null>(
  actor: A,
  clock: Clock,
  options: { requestId?: string; locale?: Locale } = {},
): RequestContext<A> {
  const own = (actor as { locale?: Locale } | null)?.locale;
  return {
    actor,
    requestId: options.requestId ?? 'system',
    locale: options.locale ?? own ?? 'pl',
    now: clock.now(),
  };
}

/** No one acts: a scheduled job or the system itself (the audit log records the job's name). */
export const systemContext = (
  clock: Clock,
  requestId = 'system',
  locale: Locale = 'pl',
): RequestContext<null> => contextFor(null, clock, { requestId, locale });

/** The same request acting for someone else (an officer at the desk acting for a resident). */
export const actingAs = <A extends PolicyActor>(
  ctx: RequestContext<PolicyActor | null>,
  actor: A,
): RequestContext<A> => ({
  ...ctx,
  actor,
});
