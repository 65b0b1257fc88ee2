// Parsing HTML forms with the same zod schemas the API uses, with messages in the reader's language.
import { z } from 'zod';
import type { Messages } from '../i18n/index.ts';
import type { FormState, FormValues } from '../views/components.tsx';
import { RuleError } from './errors.ts';

/**
 * A service checks its input with the same schema the form and the API use, so a direct caller
 * cannot store what a form would refuse: the first problem becomes a RuleError naming its field
 * (a refinement's message is its code; any other problem is 'invalid').
 */
export function checkedInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new RuleError(
    issue.code === 'custom' ? issue.message : 'invalid',
    issue.path.length ? String(issue.path[0]) : undefined,
  );
}

/**
 * What may not be in a one-line text such as a person's name: control characters (line breaks and
 * tabs included), Unicode line and paragraph separators, and the invisible marks that reverse the
 * direction of text (which make a name read as something else).
 */
export const NOT_ONE_LINE = /[\p{Cc}\p{Zl}\p{Zp}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export const PERSON_NAME_MAX = 120;

/**
 * A person's name, wherever one is set (sign-up, profile, the command line, accounts made by code):
 * one line of 1–120 characters. A refused name gets the field error `nameOneLine`.
 */
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(PERSON_NAME_MAX)
  .refine((v) => !NOT_ONE_LINE.test(v), { error: 'nameOneLine' });

export type FormResult<T> = { ok: true; data: T } | { ok: false; state: FormState };

/** Field builders: empty form inputs count as absent; every text has a maximum length. */
export const f = {
  text: (max = 200, min = 1) => z.string().trim().min(min).max(max),
  /** A person's name: the one schema every form and service uses (see `personName`). */
  personName: () => personName,
  optionalText: (max = 200) =>
    z
      .string()
      .trim()
      .max(max)
      .optional()
      .transform((v) => (v ? v : undefined)),
  email: () =>
    z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email({ error: 'email' })),
  password: () => z.string().min(1).max(1000),
  checkbox: () =>
    z
      .union([z.literal('on'), z.literal('true'), z.literal('yes'), z.literal('1')])
      .optional()
      .transform((v) => v !== undefined),
  choice: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: 'invalidChoice' }),
  many: <const T extends readonly [string, ...string[]]>(values: T) =>
    z
      .union([
        z.enum(values, { error: 'invalidChoice' }),
        z.array(z.enum(values, { error: 'invalidChoice' })).max(values.length),
      ])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  phone: () =>
    z
      .string()
      .trim()
      .max(30)
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || /^\+?[0-9 ()-]{9,20}$/.test(v), { error: 'phone' }),
};

/** Translates zod issues to one message per field. Unknown custom keys fall back to "invalid". */
export function localiseIssues(
  issues: z.core.$ZodIssue[],
  t: Messages,
  extra: Record<string, string> = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const e = t.common.errors;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      errors._form = e.unknownFields(issue.keys.join(', '));
      continue;
    }
    const field = issue.path.length ? String(issue.path[0]) : '_form';
    if (errors[field]) continue;
    errors[field] = messageFor(issue, e, extra);
  }
  return errors;
}

function messageFor(
  issue: z.core.$ZodIssue,
  e: Messages['common']['errors'],
  extra: Record<string, string>,
): string {
  const named = issue.message;
  if (named && named in extra) return extra[named]!;
  if (named && named in e && typeof e[named as keyof typeof e] === 'string')
    return e[named as keyof typeof e] as string;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? e.required : e.invalid;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? e.required : e.tooShort(Number(issue.minimum));
      return e.invalid;
    case 'too_big':
      if (issue.origin === 'string') return e.tooLong(Number(issue.maximum));
      return e.invalid;
    case 'invalid_format':
      return issue.format === 'email' ? e.email : issue.format === 'url' ? e.url : e.invalid;
    case 'invalid_value':
      return e.invalidChoice;
    default:
      return e.invalid;
  }
}

/** Form values as strings (arrays for repeated names), without the CSRF token. */
export function formValues(body: unknown): FormValues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/**
 * Validates a submitted form against a strict schema (unknown fields are refused).
 * On failure returns the state to re-render: the values as typed (never passwords) and the errors.
 */
export function parseForm<S extends z.ZodObject>(
  schema: S,
  body: unknown,
  t: Messages,
  extra?: Record<string, string>,
): FormResult<z.output<S>> {
  const values = formValues(body);
  const result = schema.strict().safeParse(values);
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  return {
    ok: false,
    state: { values: keepable(values), errors: localiseIssues(result.error.issues, t, extra) },
  };
}

/** Values safe to echo back into a form: everything but passwords and secrets. */
export function keepable(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password|secret|code|token/i.test(k)));
}

export function errorState(values: FormValues, errors: Record<string, string>): FormState {
  return { values: keepable(values), errors };
}
