// What the calls use cases accept: one zod schema for a call's details (shared by the staff's form
// and the API), and one for an application's draft. A refusal names the field and the reason
// (checkedInput).
import { z } from 'zod';
import { localizedInput, type WithLocalized } from '../../../platform/content.ts';
import { organisationKinds } from '../../organisations/index.ts';
import { callKinds, tieRules } from '../schema.ts';

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;
export const PREFIX_PATTERN = /^[A-Z]{1,6}$/;
/** A decimal as PostgreSQL numeric takes it: up to `places` decimals, given as a number or a string. */
const decimal = (places: number, min: number, max: number) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => String(v))
    .refine((v) => new RegExp(`^\\d+(\\.\\d{1,${places}})?$`).test(v), { error: 'invalid' })
    .refine((v) => Number(v) >= min && Number(v) <= max, { error: 'outOfRange' });
/** Money in grosze (an integer), at most a billion złoty. */
const grosze = z.number().int().min(0).max(100_000_000_000);
/** An instant to the minute: the deadline is "15 March 2027 at 16:00", never a second after. */
const toTheMinute = z.coerce
  .date()
  .refine((d) => d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0, { error: 'toTheMinute' });

export const callInput = z
  .object({
    title: localizedInput({ max: TITLE_MAX }),
    description: localizedInput({ max: DESCRIPTION_MAX, optional: true }).default({ pl: '' }),
    kind: z.enum(callKinds),
    numberPrefix: z.string().trim().toUpperCase().regex(PREFIX_PATTERN, { error: 'prefixFormat' }),
    personsMayApply: z.boolean().default(false),
    organisationKinds: z.array(z.enum(organisationKinds)).max(organisationKinds.length).default([]),
    opensAt: toTheMinute,
    deadlineAt: toTheMinute,
    resultsAt: z.coerce.date().nullish(),
    budget: grosze.nullish(),
    places: z.number().int().min(1).max(10_000).nullish(),
    maxAmount: grosze.nullish(),
    subareaIds: z.array(z.uuid()).max(20).default([]),
    contactEmail: z.email().max(200).nullish(),
    contactPhone: z.string().trim().max(40).nullish(),
    evaluatorsPerApplication: z.number().int().min(1).max(10).default(2),
    dispersionShare: decimal(3, 0, 1).default('0.300'),
    consensusGap: decimal(2, 0, 1000).default('3'),
    totalThreshold: decimal(2, 0, 1_000_000).nullish(),
    tieRule: z.enum(tieRules).default('earlier_submission'),
    completionDays: z.number().int().min(1).max(60).default(7),
    appealDays: z.number().int().min(1).max(60).default(14),
  })
  .refine((c) => c.opensAt < c.deadlineAt, { error: 'deadlineBeforeOpening', path: ['deadlineAt'] })
  .refine((c) => !c.resultsAt || c.resultsAt >= c.deadlineAt, {
    error: 'resultsBeforeDeadline',
    path: ['resultsAt'],
  })
  .refine((c) => c.maxAmount == null || c.budget == null || c.maxAmount <= c.budget, {
    error: 'maxAmountAboveBudget',
    path: ['maxAmount'],
  })
  .refine((c) => c.personsMayApply || c.organisationKinds.length > 0, {
    error: 'nobodyMayApply',
    path: ['personsMayApply'],
  });
export type CallInput = WithLocalized<z.input<typeof callInput>>;

/** An application's draft: its title and the answers (checked against its form by answers.ts). */
export const draftInput = z.object({
  title: z.string().trim().max(TITLE_MAX).default(''),
  answers: z.record(z.string(), z.unknown()).default({}),
  /** For a premises competition: the premises chosen, by preference. */
  premisesChoice: z.array(z.uuid()).max(20).default([]),
});
export type DraftInput = z.input<typeof draftInput>;
