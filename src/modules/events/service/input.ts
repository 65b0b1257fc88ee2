// What the events use cases accept: one zod schema for the event's details (shared by forms and the
// API to come) and one for a registration. A refusal names the field and the reason (refuse()).
import { z } from 'zod';
import { localizedInput, type WithLocalized } from '../../../platform/content.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { eventAudiences, eventKinds } from '../schema.ts';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
export const SHORT_MAX = 300;
export const ANSWER_MAX = 1000;
export const MAX_QUESTIONS = 20;
export const MAX_COMPANIONS = 20;
export const CAPACITY_MAX = 100_000;

const short = z
  .string()
  .trim()
  .max(SHORT_MAX)
  .optional()
  .transform((v) => (v ? v : null));
const key = z.string().regex(/^[a-z0-9_-]{1,40}$/);
const label = localizedInput({ max: SHORT_MAX });

export const questionInput = z.discriminatedUnion('kind', [
  z.object({ key, kind: z.literal('text'), label, required: z.boolean().default(false) }),
  z.object({ key, kind: z.literal('yesno'), label, required: z.boolean().default(false) }),
  z.object({
    key,
    kind: z.literal('choice'),
    label,
    required: z.boolean().default(false),
    options: z.array(z.object({ key, label })).max(30),
  }),
]);

export const eventInput = z.object({
  title: localizedInput({ max: TITLE_MAX }),
  description: localizedInput({ max: DESCRIPTION_MAX, optional: true }).default({ pl: '' }),
  kind: z.enum(eventKinds),
  audiences: z.array(z.enum(eventAudiences)).max(eventAudiences.length).default([]),
  subareaId: z.uuid().nullish(),
  venue: z
    .object({
      address: z.string().trim().min(1).max(SHORT_MAX),
      lat: z.number().min(-90).max(90).nullish(),
      lng: z.number().min(-180).max(180).nullish(),
    })
    .nullish(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(SHORT_MAX)
    .nullish(),
  /** A room of the cluster (a resource of the spaces module) and its layout (a key of its layouts). */
  spaceResourceId: z.uuid().nullish(),
  spaceLayout: z.string().trim().max(50).nullish(),
  organisationId: z.uuid().nullish(),
  organiserUnit: short,
  series: short,
  accessibility: z
    .object({
      stepFree: z.boolean().default(false),
      inductionLoop: z.boolean().default(false),
      signLanguage: z.boolean().default(false),
      quietRoom: z.boolean().default(false),
    })
    .default({ stepFree: false, inductionLoop: false, signLanguage: false, quietRoom: false }),
  contact: short,
  startsAt: z.coerce.date(),
  endsAt: z.coerce.date(),
  registration: z.boolean().default(false),
  capacity: z.number().int().min(1).max(CAPACITY_MAX).nullish(),
  registrationOpensAt: z.coerce.date().nullish(),
  registrationClosesAt: z.coerce.date().nullish(),
  maxCompanions: z.number().int().min(0).max(MAX_COMPANIONS).default(0),
  offerHoldHours: z.number().int().min(1).max(720).default(24),
  consent: localizedInput({ max: 2000, optional: true }).nullish(),
  questions: z.array(questionInput).max(MAX_QUESTIONS).default([]),
});
export type EventInput = WithLocalized<z.input<typeof eventInput>>;
export type EventDetails = z.output<typeof eventInput>;

export const registrationInput = z.object({
  companions: z.number().int().min(0).max(MAX_COMPANIONS).default(0),
  answers: z.record(z.string().max(40), z.union([z.string().max(ANSWER_MAX), z.boolean()])).default({}),
  consent: z.boolean().default(false),
});
export type RegistrationInput = z.input<typeof registrationInput>;

export const reasonInput = z.string().trim().min(1).max(2000);

/** Parses with the schema or refuses with the first issue: `tooLong`, `required` or `invalid`, on its field. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
  const code =
    issue.code === 'too_big' && issue.origin === 'string'
      ? 'tooLong'
      : (issue.code === 'too_small' && issue.origin === 'string') ||
          (issue.code === 'invalid_type' && issue.input === undefined)
        ? 'required'
        : 'invalid';
  throw new RuleError(code, field);
}
