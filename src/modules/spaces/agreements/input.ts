import { z } from 'zod';
import { localizedFormFields } from '../../../platform/content.ts';
import { f } from '../../../platform/http/forms.ts';
import { isLocalDate } from '../../../platform/time/warsaw.ts';
import { applicantKinds, packageKinds } from '../schema.ts';
import { parsePln } from './dates-money.ts';

const REASON_MAX = 1000;
const MESSAGE_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// Input: one zod schema per form. Issue messages are keys of t.common.errors or t.agreements.errors.

const dateField = (required = 'dateRequired') =>
  z
    .string({ error: required })
    .trim()
    .max(20, { error: 'dateInvalid' })
    .refine((v) => v !== '', { error: required })
    .refine((v) => v === '' || isLocalDate(v), { error: 'dateInvalid' });

const moneyField = (optional: boolean) =>
  z
    .string()
    .max(30, { error: 'price' })
    .optional()
    .transform((v, ctx) => {
      const s = v?.trim() ?? '';
      if (!s) {
        if (optional) return undefined;
        ctx.addIssue({ code: 'custom', message: 'priceRequired' });
        return z.NEVER;
      }
      const n = parsePln(s);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: 'price' });
        return z.NEVER;
      }
      return n;
    });

const intField = (min: number, max: number, optional: boolean, key: string) =>
  z
    .string()
    .max(10, { error: key })
    .optional()
    .transform((v, ctx) => {
      const s = v?.trim() ?? '';
      if (!s) {
        if (optional) return undefined;
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return Number(s);
    });

export const packageInput = z
  .object({
    // In Polish (required), English and Ukrainian: name_pl, name_en, name_uk (platform/content.ts).
    ...localizedFormFields('name', { max: 120 }),
    ...localizedFormFields('description', { max: 2000, optional: true }),
    kind: f.choice(packageKinds),
    days: intField(1, 366, true, 'days'),
    months: intField(1, 24, false, 'months').pipe(z.number()),
    fixedDesk: f.checkbox(),
    price: moneyField(false).pipe(z.number()),
    priceIncubator: moneyField(true),
    priceNgo: moneyField(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    const pass = v.kind === 'day_pass' || v.kind === 'multi_day_pass';
    if (pass && v.days === undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'daysRequired' });
    if (!pass && v.days !== undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'daysOnlyPasses' });
    if (v.fixedDesk !== (v.kind === 'monthly_fixed_desk'))
      ctx.addIssue({ code: 'custom', path: ['fixedDesk'], message: 'fixedDeskKind' });
  });
export type PackageInput = z.output<typeof packageInput>;

export const applyInput = z
  .object({
    package: z.string({ error: 'packageRequired' }).trim().max(200, { error: 'packageUnknown' }),
    applicantKind: f.choice(applicantKinds),
    organisation: z.string().trim().max(100).optional(),
    startsOn: dateField('startRequired'),
    message: f.optionalText(MESSAGE_MAX),
  })
  .strict();
export type ApplyInput = z.input<typeof applyInput>;

export const refuseInput = z
  .object({
    reason: z.string({ error: 'reasonRequired' }).trim().min(1, { error: 'reasonRequired' }).max(REASON_MAX),
  })
  .strict();

export const endInput = z
  .object({
    endsOn: dateField('endRequired'),
    reason: z.string({ error: 'reasonRequired' }).trim().min(1, { error: 'reasonRequired' }).max(REASON_MAX),
  })
  .strict();

export const acceptInput = z.object({ deskId: z.string().trim().max(100).optional() }).strict();
