// The event form that organisers (on the site) and staff (in the back office) share: its fields,
// how they become the service's input (Warsaw day + time → instants), how an event fills them in
// again, and on which field a refusal of the service is shown.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type Localized,
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
import { type EventQuestion, eventAudiences, eventKinds } from './schema.ts';
import type { EventRow } from './service/context.ts';
import {
  CAPACITY_MAX,
  DESCRIPTION_MAX,
  type EventInput,
  MAX_COMPANIONS,
  MAX_QUESTIONS,
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

export const questionKinds = ['text', 'yesno', 'choice'] as const;
/** The form's fields of registration question `i`: `q<i>_kind`, `q<i>_label_pl`, … (all optional). */
export const questionField = (i: number, part: string) => `q${i}_${part}`;
const questionFields: { [field: `q${number}_${string}`]: z.ZodType } = Object.fromEntries(
  Array.from({ length: MAX_QUESTIONS }, (_, i) => [
    [questionField(i, 'key'), f.optionalText(40)],
    [questionField(i, 'kind'), f.optionalText(10)],
    ...Object.entries(localizedFormFields(questionField(i, 'label'), { max: SHORT_MAX, optional: true })),
    [questionField(i, 'required'), f.checkbox()],
    [questionField(i, 'options'), f.optionalText(30 * (3 * SHORT_MAX + 4))],
  ]).flat(),
);

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
  ...questionFields,
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
  current?: EventRow,
): { ok: true; input: EventInput; slots: number[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const record = data as Record<string, unknown>;
  // The form shows minutes: a moment typed as it was shown is the event's own (seconds and all).
  const at = (m: Moment, required: boolean) => {
    const typed = momentOf(record, m, required, errors, t);
    const was = current?.[m];
    return typed && was && Math.floor(was.getTime() / 60_000) * 60_000 === typed.getTime() ? was : typed;
  };
  const startsAt = at('startsAt', true);
  const endsAt = at('endsAt', true);
  const registrationOpensAt = at('registrationOpensAt', false);
  const registrationClosesAt = at('registrationClosesAt', false);
  const { questions, slots } = questionsOf(record, current, errors, t);
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
      venue: data.venue ? venueOf(data.venue, current) : null,
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
      questions,
      // What the form does not ask for stays as it was: a change made in the form never drops it.
      ...(current ? { series: current.series ?? undefined, offerHoldHours: current.offerHoldHours } : {}),
    },
    slots,
  };
}

/**
 * The registration questions typed, in the form's order (`slots`: the form's number of each). A
 * question keeps its key, and a choice its options' keys (matched by their Polish text), so the
 * answers given before a change still name them; a new one gets a key no question had.
 */
function questionsOf(
  record: Record<string, unknown>,
  current: EventRow | undefined,
  errors: Record<string, string>,
  t: Messages,
): { questions: EventQuestion[]; slots: number[] } {
  const before = new Map((current?.questions ?? []).map((q) => [q.key, q]));
  const keys = new Set(before.keys());
  const fresh = (used: Set<string>, prefix: string) => {
    let n = 1;
    while (used.has(`${prefix}${n}`)) n++;
    used.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  };
  const questions: EventQuestion[] = [];
  const slots: number[] = [];
  const given = new Set<string>();
  for (let i = 0; i < MAX_QUESTIONS; i++) {
    const kind = record[questionField(i, 'kind')];
    const label = localizedFromForm(record, questionField(i, 'label'));
    if (!kind) {
      if (label.pl || label.en || label.uk)
        errors[questionField(i, 'kind')] = t.eventAdmin.errors.questionKind;
      continue;
    }
    if (!(questionKinds as readonly unknown[]).includes(kind)) {
      errors[questionField(i, 'kind')] = t.common.errors.invalid;
      continue;
    }
    if (!label.pl) {
      errors[questionField(i, 'label_pl')] = t.common.errors.required;
      continue;
    }
    const typed = record[questionField(i, 'key')];
    const key =
      typeof typed === 'string' && before.has(typed) && !given.has(typed) ? typed : fresh(keys, 'q');
    given.add(key);
    const required = record[questionField(i, 'required')] === true;
    slots.push(i);
    if (kind !== 'choice') {
      questions.push({ key, kind: kind as 'text' | 'yesno', label, required });
      continue;
    }
    const old = before.get(key);
    const oldOptions = old?.kind === 'choice' ? old.options : [];
    const optionKeys = new Set(oldOptions.map((o) => o.key));
    const taken = new Set<string>();
    const options = String(record[questionField(i, 'options')] ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [pl = '', en, uk] = line.split('|').map((x) => x.trim());
        const text: Localized = { pl, ...(en ? { en } : {}), ...(uk ? { uk } : {}) };
        const same = oldOptions.find((o) => o.label.pl === pl && !taken.has(o.key));
        const optionKey = same ? same.key : fresh(optionKeys, 'o');
        taken.add(optionKey);
        return { key: optionKey, label: text };
      });
    questions.push({ key, kind: 'choice', label, required, options });
  }
  return { questions, slots };
}

/** The venue typed; the coordinates it had stay while its address does (the form has no map). */
function venueOf(address: string, current: EventRow | undefined): NonNullable<EventInput['venue']> {
  const same = current && current.venueAddress === address;
  return same && current.venueLat !== null && current.venueLng !== null
    ? { address, lat: current.venueLat, lng: current.venueLng }
    : { address };
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
    ...Object.fromEntries(
      row.questions.flatMap((q, i) => [
        [questionField(i, 'key'), q.key],
        [questionField(i, 'kind'), q.kind],
        ...Object.entries(localizedFormValues(questionField(i, 'label'), q.label)),
        [questionField(i, 'required'), q.required ? 'on' : undefined],
        [
          questionField(i, 'options'),
          q.kind === 'choice'
            ? q.options
                .map((o) =>
                  [o.label.pl, o.label.en ?? '', o.label.uk ?? ''].join(' | ').replace(/( \| )+$/, ''),
                )
                .join('\n')
            : '',
        ],
      ]),
    ),
  };
}

/**
 * The form field a refusal of the service belongs to: `title.pl` → `title_pl`, a moment → its day,
 * `venue.address` → `venue`.
 */
export function eventFormField(field: string, slots: readonly number[] = []): string {
  if ((moments as readonly string[]).includes(field)) return `${field}Date`;
  // questions.<n>.… → the form's question it came from: its options, or its Polish text.
  const question = /^questions\.(\d+)(?:\.(\w+))?/.exec(field);
  if (question) {
    const slot = slots[Number(question[1])] ?? Number(question[1]);
    return questionField(
      slot,
      question[2] === 'options' ? 'options' : question[2] === 'kind' ? 'kind' : 'label_pl',
    );
  }
  if (field === 'questions') return questionField(0, 'kind');
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
  ...Array.from({ length: MAX_QUESTIONS }, (_, i) =>
    ['kind', 'label_pl', 'label_en', 'label_uk', 'options'].map((part) => questionField(i, part)),
  ).flat(),
];

/**
 * Handles a post of the event form (both the organiser's and the staff's): parses it, turns it into
 * the service's input (keeping, for a change, what the form does not show) and runs `save`; a form that does not pass, or a refusal of the service, is
 * drawn again by `again` with what was typed and the message on its field.
 */
export async function postEventForm<T, R>(
  request: FastifyRequest,
  save: (input: EventInput) => Promise<T>,
  done: (value: T) => R | Promise<R>,
  again: (state: FormState, status: number) => R | Promise<R>,
  /** The event as it is, when the form changes one (what the form does not show is kept). */
  current?: EventRow,
): Promise<R> {
  const t = request.t;
  const parsed = parseForm(eventForm, request.body, t, eventFormMessages(t));
  if (!parsed.ok) return again(parsed.state, 422);
  const read = eventInputOf(parsed.data, t, current);
  if (!read.ok) return again(errorState(formValues(request.body), read.errors), 422);
  return formAction(
    request,
    () => save(read.input),
    done,
    (r) =>
      again(
        errorState(formValues(request.body), { [eventFormField(r.field, read.slots)]: r.message }),
        r.status,
      ),
  );
}
