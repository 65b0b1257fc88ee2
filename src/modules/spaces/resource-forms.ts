// The forms of the staff pages for resources, and the messages for what they or the service refuse.

import { z } from 'zod';
import { localizedFormFields } from '../../platform/content.ts';
import { f } from '../../platform/http/forms.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import type { RefusalTexts } from '../../platform/refusals.ts';
import { LIMITS } from './resources.ts';
import { resourceKinds } from './schema.ts';
import { nullableRuleFields, numberRuleFields } from './views/resource-settings.tsx';
import { MAX_LAYOUT_ROWS } from './views/resources.tsx';

// ------------------------------------------------------------------------------- form builders

/** A required whole number typed into a text box ("-5", "3.5", "abc" and 10,000 digits refused). */
export const whole = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(7, { error: 'wholeNumber' })
    .regex(/^\d+$/, { error: 'wholeNumber' })
    .transform(Number);
/** An optional whole number: empty means "not given". */
export const optionalWhole = () =>
  z
    .string()
    .trim()
    .max(7, { error: 'wholeNumber' })
    .regex(/^\d*$/, { error: 'wholeNumber' })
    .optional()
    .transform((v) => (v ? Number(v) : undefined));
/** Optional free text kept as '' when empty. */
export const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? '');

export const layoutFields = Object.fromEntries(
  Array.from({ length: MAX_LAYOUT_ROWS }, (_, i) => i + 1).flatMap((n) => [
    [`layout${n}Key`, f.optionalText(100)],
    [`layout${n}Name`, f.optionalText(LIMITS.layoutName)],
    [`layout${n}Capacity`, optionalWhole()],
  ]),
) as Record<string, z.ZodType<string | number | undefined>>;

export const resourceFields = {
  zoneId: f.text(100),
  ...localizedFormFields('name', { max: LIMITS.name }),
  slug: f.optionalText(LIMITS.slug),
  ...localizedFormFields('description', { max: LIMITS.description, optional: true }),
  capacity: whole(),
  equipment: longText(LIMITS.equipmentItems * (LIMITS.equipmentItem + 2)),
  accessibility: longText(LIMITS.accessibility),
  ...layoutFields,
};
export const newResourceForm = z.object({ ...resourceFields, kind: f.choice(resourceKinds) });
export const editResourceForm = z.object(resourceFields);

export const hoursForm = z.object(
  Object.fromEntries(
    Array.from({ length: 7 }, (_, i) => [
      [`closed${i}`, f.checkbox()],
      [`open${i}`, f.optionalText(20)],
      [`close${i}`, f.optionalText(20)],
    ]).flat(),
  ),
);

export const rulesForm = z.object({
  ...Object.fromEntries(numberRuleFields.map((k) => [k, whole()])),
  approval: f.checkbox(),
  ...Object.fromEntries(nullableRuleFields.map((k) => [k, optionalWhole()])),
});

export function overrideForm(prefix: '' | 'o_') {
  return z.object({
    [`${prefix}target`]: f.text(200),
    ...Object.fromEntries(numberRuleFields.map((k) => [`${prefix}${k}`, optionalWhole()])),
    [`${prefix}approval`]: z.enum(['', 'yes', 'no'], { error: 'invalidChoice' }).optional(),
    ...Object.fromEntries(nullableRuleFields.map((k) => [`${prefix}${k}`, optionalWhole()])),
    ...Object.fromEntries(nullableRuleFields.map((k) => [`${prefix}${k}None`, f.checkbox()])),
  });
}

export const closureForm = z.object({
  from: f.text(20),
  to: f.text(20),
  reason: f.text(LIMITS.closureReason),
  scope: f.choice(['this', 'all'] as const),
});

export const activeForm = z.object({ active: f.choice(['yes', 'no'] as const) });
export const moveForm = z.object({ direction: f.choice(['up', 'down'] as const) });
export const emptyForm = z.object({});

// ------------------------------------------------------------------------------------ messages

/** The catalogue's plain messages, for zod issues whose message is one of their keys. */
export function extraMessages(t: Messages): Record<string, string> {
  return Object.fromEntries(
    Object.entries(t.spacesPanel.errors).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** How a refusal of the resources' settings reads (the refusal domain `spaces.resources`). */
export const resourceRefusals: RefusalTexts = (t, _locale, err) => {
  const e = t.spacesPanel.errors;
  const d = err.details;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  switch (err.code) {
    case 'slugTaken':
      return e.slugTaken(String(d.slug ?? ''));
    case 'desksFixed':
      return e.desksFixed(list(d.desks).join(', '), list(d.agreements).join(', '));
    case 'deskDaysBooked': {
      const days = list(d.days);
      return e.deskDaysBooked(days.length > 5 ? `${days.slice(0, 5).join(', ')}…` : days.join(', '));
    }
    case 'layoutOverCapacity':
      return e.layoutOverCapacity(Number(d.capacity));
    case 'closureTooLong':
      return e.closureTooLong(Number(d.days));
    case 'tooLong':
      return t.common.errors.tooLong(Number(d.max));
    case 'tooManyPhotos':
      return e.tooManyPhotos(Number(d.max));
    case 'fileTooLarge':
      return e.fileTooLarge(Math.floor(LIMITS.photoBytes / (1024 * 1024)));
    case 'required':
      return err.field === 'photo' ? e.photoRequired : t.common.errors.required;
  }
  const own = (e as Record<string, unknown>)[err.code];
  return typeof own === 'string' ? own : null;
};

/** Messages for the issues of a domain schema (rules.ts), each on the form field it names. */
export function domainErrors(
  issues: z.core.$ZodIssue[],
  t: Messages,
  fieldOf: (path: PropertyKey[]) => string,
): Record<string, string> {
  const e = t.spacesPanel.errors;
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (out[field]) continue;
    const named = (e as Record<string, unknown>)[issue.message];
    out[field] =
      typeof named === 'string'
        ? named
        : issue.code === 'too_small' && issue.origin === 'number'
          ? e.atLeast(Number(issue.minimum))
          : issue.code === 'too_big' && issue.origin === 'number'
            ? e.atMost(Number(issue.maximum))
            : t.common.errors.invalid;
  }
  return out;
}

/** Options of the staff pages. */
export const staff = { config: { access: 'staff' as const } };
