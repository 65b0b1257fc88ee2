// Test set-up for the calls module: its services, a call's valid input opening now and closing some
// days from the test clock, a small application form, and a published call with that form.
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { servicesOf } from '../../platform/modules.ts';
import type { FormField } from './form.ts';
import type { CallInput, CallsServices } from './service.ts';

export const callsOf = (services: Map<string, unknown>): CallsServices => servicesOf(services, 'calls');

/** A minute-exact instant `minutes` minutes from the test clock (a deadline is to the minute). */
export function minutesFromNow(minutes: number): Date {
  const t = testClock.now().getTime() + minutes * 60_000;
  return new Date(t - (t % 60_000));
}

/** A number prefix no other test call has: a prefix is used by one call a year. */
let prefixes = 0;
export function freshPrefix(): string {
  prefixes += 1;
  let n = prefixes;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `T${out}`;
}

/** A small NGO grant call: opened a day ago, deadline in `days` days, 10,000 zł at most per application. */
export function callInputFor(overrides: Partial<CallInput> = {}, days = 14): CallInput {
  return {
    title: { pl: 'Małe granty dla organizacji pozarządowych', en: 'Small grants for NGOs' },
    description: { pl: 'Wsparcie inicjatyw w obszarach rewitalizacji.' },
    kind: 'ngo_grant',
    numberPrefix: freshPrefix(),
    personsMayApply: true,
    organisationKinds: ['association', 'foundation'],
    opensAt: minutesFromNow(-24 * 60),
    deadlineAt: minutesFromNow(days * 24 * 60),
    budget: 10_000_000,
    maxAmount: 1_000_000,
    ...overrides,
  };
}

/** A form of three fields: a required summary, the amount asked for, a required declaration. */
export const testFields: FormField[] = [
  { key: 'summary', type: 'short_text', label: { pl: 'Streszczenie' }, required: true, maxLength: 200 },
  { key: 'amount', type: 'amount', label: { pl: 'Wnioskowana kwota' }, required: true },
  { key: 'truth', type: 'declaration', label: { pl: 'Oświadczam, że dane są prawdziwe' }, required: true },
];

/** Answers that make a complete application of testFields (5,000 zł asked for). */
export const completeAnswers = {
  summary: 'Warsztaty dla seniorów w Nowej Hucie',
  amount: 500_000,
  truth: true,
};

/** A published call with testFields as its form. */
export async function publishedCall(
  svc: CallsServices,
  staff: { id: string; role: 'staff' },
  overrides: Partial<CallInput> = {},
  days = 14,
): Promise<string> {
  const call = await svc.calls.create(as(staff), callInputFor(overrides, days));
  await svc.calls.setForm(as(staff), call.id, testFields);
  await svc.calls.publish(as(staff), call.id);
  return call.id;
}
