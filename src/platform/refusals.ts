// Refusals: a service refuses with a RuleError (a code, the field it belongs to, its details); the
// reader gets one sentence in their language, the same on a form, in a flash and in an API problem.
// Each module declares how its codes read (its manifest's `refusals`); refusalMessage() is the one
// function that turns any refusal into that sentence.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RuleError } from './http/errors.ts';
import { errorState, formValues } from './http/forms.ts';
import type { Locale, Messages } from './i18n/index.ts';
import type { FormState } from './views/components.tsx';

/** A module's texts for its refusal codes: the sentence, or null when the code is not one of its. */
export type RefusalTexts = (t: Messages, locale: Locale, err: RuleError) => string | null | undefined;

/**
 * Refusal texts by domain: a module's name, or `<module>.<part>` where parts of one module use the
 * same code for different things (spaces: a booking's `reasonRequired` is not an agreement's).
 */
const domains = new Map<string, RefusalTexts>();

/** Adds a module's refusal texts (composeModules does, from the manifests); a domain has one owner. */
export function installRefusals(domain: string, texts: RefusalTexts): void {
  const known = domains.get(domain);
  if (known && known !== texts) throw new Error(`refusal texts of "${domain}" are given twice`);
  domains.set(domain, texts);
}

/**
 * The sentence for a refusal, in the reader's language: the domain's text (the module, or the part
 * of it, whose route answers), else the platform's common errors or a dotted path into the texts
 * (`organisations.errors.soleOwner`), else the fallback ("the value is not valid").
 */
export function refusalMessage(
  t: Messages,
  locale: Locale,
  err: RuleError,
  domain?: string,
  fallback: string = t.common.errors.invalid,
): string {
  const texts = domain ? domains.get(domain) : undefined;
  return texts?.(t, locale, err) || commonRefusal(t, err.code) || fallback;
}

/** A code the platform itself names: a common error, or a dotted path into the texts. */
export function commonRefusal(t: Messages, code: string): string | undefined {
  const common = t.common.errors as Record<string, unknown>;
  if (typeof common[code] === 'string') return common[code] as string;
  if (code.includes('.')) {
    let node: unknown = t;
    for (const part of code.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node === 'string') return node;
  }
  return undefined;
}

/** A refusal as a handler uses it: the sentence, the field it belongs to and the status. */
export interface Refusal {
  code: string;
  message: string;
  /** The form field the refusal is about, or '_form'. */
  field: string;
  status: number;
  err: RuleError;
}

/** The refusal domain of the route answering this request (refusalDomain() or its module's name). */
export function routeRefusals(request: FastifyRequest): string | undefined {
  return (request.routeOptions.config as { refusals?: string } | undefined)?.refusals;
}

/**
 * Names the refusal domain of every route this plugin registers from now on (app.ts names each
 * module's own; a part of a module with codes of its own names its part).
 */
export function refusalDomain(app: FastifyInstance, domain: string): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), refusals: domain } as typeof route.config;
  });
}

/** The refusal in the reader's language, in the domain of the route answering the request. */
export function refusalOf(request: FastifyRequest, err: RuleError, fallback?: string): Refusal {
  return {
    code: err.code,
    message: refusalMessage(request.t, request.locale, err, routeRefusals(request), fallback),
    field: err.field ?? '_form',
    status: err.status,
    err,
  };
}

/**
 * Runs a form's action. A refusal of the rules (RuleError) is handed to `refused` with its message
 * in the reader's language — to re-render the form with the error on its field, or to flash it;
 * anything else is not a refusal and propagates to the error page. One way for every module,
 * instead of a try/catch copied into each handler.
 */
export async function formAction<T, R>(
  request: FastifyRequest,
  action: () => Promise<T>,
  done: (value: T) => R | Promise<R>,
  refused: (r: Refusal) => R | Promise<R>,
): Promise<R> {
  let value: T;
  try {
    value = await action();
  } catch (err) {
    if (!(err instanceof RuleError)) throw err;
    return refused(refusalOf(request, err));
  }
  return done(value);
}

/** The form's state after a refusal: what was typed, with the message on the refused field. */
export function refusalState(request: FastifyRequest, r: Refusal): FormState {
  return errorState(formValues(request.body), { [r.field]: r.message });
}
