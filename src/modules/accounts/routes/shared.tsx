// What the accounts routes share: better-auth's cookies on our reply, the signed-in person, and
// refusals shown on the form.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { RuleError, TooManyRequestsError } from '../../../platform/http/errors.ts';
import { errorState } from '../../../platform/http/forms.ts';
import type { Messages } from '../../../platform/i18n/index.ts';
import { refusalOf } from '../../../platform/refusals.ts';
import type { FormState, FormValues } from '../../../platform/views/components.tsx';
import type { SelfInSession } from '../service.ts';

/** Copies the cookies better-auth set (session, two-factor step) onto our reply. */
export function applyAuthCookies(reply: FastifyReply, headers: Headers): void {
  for (const c of headers.getSetCookie()) reply.header('set-cookie', c);
}

export const selfOf = (request: FastifyRequest): SelfInSession => {
  const a = request.actor!;
  // The role on the account: the rules of one's own account (staff keep two-step sign-in) follow it.
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.accountRole,
    locale: a.locale,
    sessionId: a.sessionId,
  };
};

/**
 * Re-renders a form after the service refused: too many wrong passwords (429) or a rule (4xx),
 * with the message on the field it belongs to. Anything else is rethrown.
 */
export function refused(
  reply: FastifyReply,
  t: Messages,
  err: unknown,
  values: FormValues,
  page: (state: FormState) => VNode,
  opts: { fallback?: string; rename?: Record<string, string> } = {},
) {
  if (err instanceof TooManyRequestsError) {
    reply.header('retry-after', String(err.retryAfterSeconds));
    const minutes = Math.ceil(err.retryAfterSeconds / 60);
    return reply.render(
      page(errorState(values, { _form: t.accounts.tooManyPasswordAttempts(minutes) })),
      429,
    );
  }
  if (err instanceof RuleError) {
    const r = refusalOf(reply.request, err, opts.fallback);
    const field = err.field ? (opts.rename?.[err.field] ?? err.field) : '_form';
    return reply.render(page(errorState(values, { [field]: r.message })), err.status);
  }
  throw err;
}
