// The event form that organisers (on the site) and staff (in the back office) share: its fields,
// how they become the service's input (Warsaw day + time → instants), how an event fills them in
// again, and on which field a refusal of the service is shown.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  localized,
  localizedFormFields,
  localizedFormValues,
  localizedFromForm,
} from '../../platform/content.ts';
import { errorState, f, formValues, parseForm } from '../../platform/http/forms.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { formAction } from '../../platform/refusals.ts';
import {
  readTypedDate,
  readTypedTime,
  warsawDate,
  warsawInstant,
  warsawTime,
} from '../../platform/time/warsaw.ts';
import type { FormState, FormValues } from '../../platform/views/components.tsx';
import { eventAudiences, eventKinds } from './schema.ts';
import type { EventRow } from './service/context.ts';
import {
  CAPACITY_MAX,
  DESCRIPTION_MAX,
  type EventInput,
  MAX_COMPANIONS,
  SHORT_MAX,
  TITLE_MAX,
} from './service/input.ts';

export const accessibilityKeys = ['stepFree', 'inductionLoop', 'signLanguage', 'quietRoom'] as const;

/** The moments the form asks for as a day and a time: `<name>Date` and `<name>Time`. */
export const moments = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const;
type Moment = (typeof moments)[number];

const day = () => z.string().trim().max(20).optional();
const optionalWhole = (max: number) =>
  z
    .string()
    .trim()
    .max(7, { error: 'wholeNumber' })
    .regex(/^\d*$/, { error: 'wholeNumber' })
    .optional()
    .transform((v) => (v ? Math.min(Number(v), max + 1) : undefined));

export const eventForm = z.object({
  ...localizedFormFields('title', { max: TITLE_MAX }),
  ...localizedFormFields('description', { max: DESCRIPTION_MAX, optional: true }),
  kind: f.choice(eventKinds),
  audiences: f.many(eventAudiences),
  subareaId: f.optionalText(100),
  venue: f.optionalText(SHORT_MAX),
  onlineUrl: f.optionalText(SHORT_MAX),
  spaceResourceId: f.optionalText(100),
  spaceLayout: f.optionalText(50),
  organisationId: f.optionalText(100),
  organiserUnit: f.optionalText(SHORT_MAX),
  ...Object.fromEntries(
    moments.flatMap((m) => [
      [`${m}Date`, day()],
      [`${m}Time`, day()],
    ]),
  ),
  capacity: optionalWhole(CAPACITY_MAX),
  registration: f.checkbox(),
  maxCompanions: optionalWhole(MAX_COMPANIONS),
  ...localizedFormFields('consent', { max: 2000, optional: true }),
  accessibility: f.many(accessibilityKeys),
  contact: f.optionalText(SHORT_MAX),
});
export type EventFormData = z.output<typeof eventForm>;

/** The form's own messages (zod issues named by key). */
export const eventFormMessages = (t: Messages): Record<string, string> => ({ ...t.eventAdmin.errors });

/** A day and a time of the form as an instant in Warsaw; an error on the field that is wrong. */
export function momentOf(
  data: Record<string, unknown>,
  name: string,
  required: boolean,
  errors: Record<string, string>,
  t: Messages,
): Date | null {
  const rawDay = String(data[`${name}Date`] ?? '');
  const rawTime = String(data[`${name}Time`] ?? '');
  if (!rawDay && !rawTime) {
    if (required) errors[`${name}Date`] = t.common.errors.required;
    return null;
  }
  if (!rawDay) {
    errors[`${name}Date`] = t.eventAdmin.errors.timeWithoutDate;
    return null;
  }
  const date = readTypedDate(rawDay);
  if (!date) errors[`${name}Date`] = t.eventAdmin.errors.invalidDate;
  const time = rawTime ? readTypedTime(rawTime) : required ? null : '00:00';
  if (!time) errors[`${name}Time`] = rawTime ? t.eventAdmin.errors.invalidTime : t.common.errors.required;
  return date && time ? warsawInstant(date, time) : null;
}

/** The service's input from the parsed form, or the errors of the days and times. */
export function eventInputOf(
  data: EventFormData,
  t: Messages,
): { ok: true; input: EventInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const record = data as Record<string, unknown>;
  const at = (m: Moment, required: boolean) => momentOf(record, m, required, errors, t);
  const startsAt = at('startsAt', true);
  const endsAt = at('endsAt', true);
  const registrationOpensAt = at('registrationOpensAt', false);
  const registrationClosesAt = at('registrationClosesAt', false);
  if (Object.keys(errors).length || !startsAt || !endsAt) return { ok: false, errors };
  const consent = localizedFromForm(record, 'consent');
  const accessibility = new Set<string>(data.accessibility);
  return {
    ok: true,
    input: {
      title: localizedFromForm(record, 'title'),
      description: localizedFromForm(record, 'description'),
      kind: data.kind,
      audiences: data.audiences,
      subareaId: data.subareaId ?? null,
      venue: data.venue ? { address: data.venue } : null,
      onlineUrl: data.onlineUrl ?? null,
      spaceResourceId: data.spaceResourceId ?? null,
      spaceLayout: data.spaceLayout ?? null,
      organisationId: data.organisationId ?? null,
      organiserUnit: data.organiserUnit,
      accessibility: Object.fromEntries(accessibilityKeys.map((k) => [k, accessibility.has(k)])) as Record<
        (typeof accessibilityKeys)[number],
        boolean
      >,
      contact: data.contact,
      startsAt,
      endsAt,
      registration: data.registration,
      capacity: data.capacity ?? null,
      registrationOpensAt,
      registrationClosesAt,
      maxCompanions: data.maxCompanions ?? 0,
      consent: consent.pl ? consent : null,
    },
  };
}

/**
 * The form filled in with the event as it is (to change it): from its row, so what was not set
 * (the registration's window) stays empty rather than becoming what it defaults to.
 */
export function eventFormValues(row: EventRow): FormValues {
  const moment = (name: Moment, d: Date | null) =>
    d ? { [`${name}Date`]: warsawDate(d), [`${name}Time`]: warsawTime(d) } : {};
  return {
    ...localizedFormValues('title', localized(row.title, row.titleI18n)),
    ...localizedFormValues('description', localized(row.description, row.descriptionI18n)),
    ...localizedFormValues('consent', localized(row.consent ?? '', row.consentI18n)),
    kind: row.kind,
    audiences: row.audiences,
    subareaId: row.subareaId ?? '',
    // In a room of the cluster the address is the cluster's: the field is for outside venues.
    venue: row.spaceResourceId ? '' : (row.venueAddress ?? ''),
    spaceResourceId: row.spaceResourceId ?? '',
    spaceLayout: row.spaceLayout ?? '',
    onlineUrl: row.onlineUrl ?? '',
    organisationId: row.organisationId ?? '',
    organiserUnit: row.organiserUnit ?? '',
    ...moment('startsAt', row.startsAt),
    ...moment('endsAt', row.endsAt),
    ...moment('registrationOpensAt', row.registrationOpensAt),
    ...moment('registrationClosesAt', row.registrationClosesAt),
    capacity: row.capacity != null ? String(row.capacity) : '',
    registration: row.registration ? 'on' : undefined,
    maxCompanions: String(row.maxCompanions),
    accessibility: accessibilityKeys.filter(
      (k) =>
        ({
          stepFree: row.stepFree,
          inductionLoop: row.inductionLoop,
          signLanguage: row.signLanguage,
          quietRoom: row.quietRoom,
        })[k],
    ),
    contact: row.contact ?? '',
  };
}

/**
 * The form field a refusal of the service belongs to: `title.pl` → `title_pl`, a moment → its day,
 * `venue.address` → `venue`.
 */
export function eventFormField(field: string): string {
  if ((moments as readonly string[]).includes(field)) return `${field}Date`;
  const [head, rest] = field.split('.');
  if (head && rest && ['title', 'description', 'consent'].includes(head)) return `${head}_${rest}`;
  if (head === 'venue' || head === 'accessibility') return head;
  return field;
}

/** The order of the error summary: the form's fields top to bottom. */
export const eventFieldOrder = [
  '_form',
  'title_pl',
  'title_en',
  'title_uk',
  'description_pl',
  'description_en',
  'description_uk',
  'kind',
  'audiences',
  'organisationId',
  'organiserUnit',
  'subareaId',
  'spaceResourceId',
  'spaceLayout',
  'venue',
  'onlineUrl',
  ...moments.flatMap((m) => [`${m}Date`, `${m}Time`]),
  'capacity',
  'registration',
  'maxCompanions',
  'consent_pl',
  'consent_en',
  'consent_uk',
  'accessibility',
  'contact',
];

/**
 * Handles a post of the event form (both the organiser's and the staff's): parses it, turns it into
 * the service's input and runs `save`; a form that does not pass, or a refusal of the service, is
 * drawn again by `again` with what was typed and the message on its field.
 */
export async function postEventForm<T, R>(
  request: FastifyRequest,
  save: (input: EventInput) => Promise<T>,
  done: (value: T) => R | Promise<R>,
  again: (state: FormState, status: number) => R | Promise<R>,
): Promise<R> {
  const t = request.t;
  const parsed = parseForm(eventForm, request.body, t, eventFormMessages(t));
  if (!parsed.ok) return again(parsed.state, 422);
  const read = eventInputOf(parsed.data, t);
  if (!read.ok) return again(errorState(formValues(request.body), read.errors), 422);
  return formAction(
    request,
    () => save(read.input),
    done,
    (r) => again(errorState(formValues(request.body), { [eventFormField(r.field)]: r.message }), r.status),
  );
}
