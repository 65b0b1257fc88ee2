// Booking rules and opening hours: their shapes (validated wherever they are stored), the
// defaults per kind of resource, and how overrides for a package or an organisation kind apply.
import { z } from 'zod';
import type { BookingRules, OpeningHours, ResourceKind } from './schema.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'invalidTime');

export const openingDaySchema = z
  .object({ open: hhmm, close: hhmm })
  .refine((d) => d.open < d.close, { message: 'closeBeforeOpen', path: ['close'] })
  .nullable();
export const openingHoursSchema = z.array(openingDaySchema).length(7);

const minutes = (max: number) => z.number().int().min(0).max(max);
const ruleFields = {
  minMinutes: minutes(24 * 60).min(5),
  maxMinutes: minutes(24 * 60).min(5),
  stepMinutes: minutes(24 * 60).min(5),
  minNoticeMinutes: minutes(60 * 24 * 30),
  horizonDays: z.number().int().min(1).max(730),
  cancelHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  bufferMinutes: minutes(24 * 60),
  approval: z.boolean(),
  perPersonWeek: z.number().int().min(1).max(1000).nullable(),
  perOrganisationWeek: z.number().int().min(1).max(1000).nullable(),
  checkInGraceMinutes: minutes(24 * 60).nullable(),
};
export const bookingRulesSchema = z
  .object(ruleFields)
  .strict()
  .refine((r) => r.minMinutes <= r.maxMinutes, { message: 'maxBelowMin', path: ['maxMinutes'] });
/** An override replaces some of a resource's rules. */
export const ruleOverrideSchema = z.object(ruleFields).partial().strict();

/** Monday–Friday 8:00–20:00, closed at weekends: the cluster's ordinary hours. */
export const weekdayHours: OpeningHours = [
  { open: '08:00', close: '20:00' },
  { open: '08:00', close: '20:00' },
  { open: '08:00', close: '20:00' },
  { open: '08:00', close: '20:00' },
  { open: '08:00', close: '20:00' },
  null,
  null,
];

export const defaultRules: Record<ResourceKind, BookingRules> = {
  desk: {
    minMinutes: 60,
    maxMinutes: 24 * 60,
    stepMinutes: 60,
    minNoticeMinutes: 0,
    horizonDays: 30,
    cancelHours: 2,
    bufferMinutes: 0,
    approval: false,
    perPersonWeek: null,
    perOrganisationWeek: null,
    checkInGraceMinutes: 120,
  },
  room: {
    minMinutes: 30,
    maxMinutes: 4 * 60,
    stepMinutes: 30,
    minNoticeMinutes: 60,
    horizonDays: 60,
    cancelHours: 24,
    bufferMinutes: 0,
    approval: false,
    perPersonWeek: 5,
    perOrganisationWeek: 10,
    checkInGraceMinutes: 15,
  },
  event_space: {
    minMinutes: 60,
    maxMinutes: 12 * 60,
    stepMinutes: 30,
    minNoticeMinutes: 7 * 24 * 60,
    horizonDays: 180,
    cancelHours: 72,
    bufferMinutes: 60,
    approval: true,
    perPersonWeek: 2,
    perOrganisationWeek: 3,
    checkInGraceMinutes: null,
  },
};

/**
 * The rules that apply to one booking: the resource's own, then its override for the booker's
 * organisation kind, then its override for the booker's package (the most specific wins).
 */
export function effectiveRules(
  base: BookingRules,
  overrides: {
    organisationKind?: Partial<BookingRules> | undefined;
    package?: Partial<BookingRules> | undefined;
  },
): BookingRules {
  return { ...base, ...(overrides.organisationKind ?? {}), ...(overrides.package ?? {}) };
}

/**
 * When a confirmed booking is released if nobody checked in: the grace period counted from the
 * later of its start and the moment it was made (a desk booked at 19:45 for today is not released
 * at once for a window that closed at 10:00), never later than its end; null: no check-in needed.
 */
export function checkInDeadline(
  graceMinutes: number | null,
  startsAt: Date,
  endsAt: Date,
  bookedAt: Date,
): Date | null {
  if (graceMinutes === null) return null;
  const from = Math.max(startsAt.getTime(), bookedAt.getTime());
  return new Date(Math.min(endsAt.getTime(), from + graceMinutes * 60_000));
}
