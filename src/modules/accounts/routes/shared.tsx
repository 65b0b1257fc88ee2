// What the accounts routes share: better-auth's cookies on our reply, the context of the person
// acting on their own account, and refusals shown on the form.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { actingAs, signedInContext } from '../../../platform/context.ts';
import { type RuleError, TooManyRequestsError } from '../../../platform/http/errors.ts';
import { errorState } from '../../../platform/http/forms.ts';
import { formAction, type Refusal, refusalOf } from '../../../platform/refusals.ts';
import type { FormState, FormValues } from '../../../platform/views/components.tsx';
import type { AccountContext } from '../service.ts';

/** Copies the cookies better-auth set (session, two-factor step) onto our reply. */
export function applyAuthCookies(reply: FastifyReply, headers: Headers): void {
  for (const c of headers.getSetCookie()) reply.header('set-cookie', c);
}

/** The request's context with the person acting on their own account (the route is for the signed-in). */
export const accountContext = (request: FastifyRequest): AccountContext =>
  actingAs(signedInContext(request), request.actor!);

/** How a refused "own account" form is shown again: the values kept, the fallback, renamed fields. */
export interface RefusedOptions {
  values?: FormValues;
  fallback?: string;
  /** The service names a field by its own name (`password`); the form may call it otherwise. */
  rename?: Record<string, string>;
  /** Answers some refusals otherwise (a flash and a redirect); undefined lets the form show it. */
  answer?: (r: Refusal) => unknown;
}

/**
 * Runs an "own account" form's action (formAction): a refusal of the rules re-renders the form with
 * the message on the field it belongs to, too many wrong passwords (429) with the wait on the form.
 */
export async function accountForm<T>(
  reply: FastifyReply,
  action: () => Promise<T>,
  done: (value: T) => unknown,
  /** The form again with the refusal on it (given the refusal, which it may rethrow when there is no form). */
  page: (state: FormState, err: RuleError | TooManyRequestsError) => VNode | Promise<VNode>,
  opts: RefusedOptions = {},
): Promise<unknown> {
  const request = reply.request;
  const values = opts.values ?? {};
  try {
    return await formAction(request, action, done, async (r) => {
      const answered = opts.answer?.(r);
      if (answered !== undefined) return answered;
      const message = opts.fallback ? refusalOf(request, r.err, opts.fallback).message : r.message;
      const field = r.field === '_form' ? r.field : (opts.rename?.[r.field] ?? r.field);
      return reply.render(await page(errorState(values, { [field]: message }), r.err), r.status);
    });
  } catch (err) {
    if (!(err instanceof TooManyRequestsError)) throw err;
    reply.header('retry-after', String(err.retryAfterSeconds));
    const minutes = Math.ceil(err.retryAfterSeconds / 60);
    return reply.render(
      await page(errorState(values, { _form: request.t.accounts.tooManyPasswordAttempts(minutes) }), err),
      429,
    );
  }
}
