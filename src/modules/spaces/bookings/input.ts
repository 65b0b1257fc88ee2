// Input: one schema for the HTML form and the JSON API.
import { z } from 'zod';
import { f } from '../../../platform/http/forms.ts';
import {
  isLocalDate,
  type LocalDate,
  parseTime,
  readTypedDate,
  readTypedTime,
} from '../../../platform/time/warsaw.ts';

export const MAX_REPEAT_WEEKS = 26;

/** Event space: setup and teardown are each at most this long, on a 15-minute grid. */
export const MAX_SETUP_MINUTES = 240;
export const SETUP_STEP_MINUTES = 15;

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v),
    z
      .number({ error: 'invalidNumber' })
      .int('invalidNumber')
      .min(min, 'tooSmall')
      .max(max, 'tooBig')
      .optional(),
  );

/** A typed value read into its canonical form (left as it is when unreadable, for the check to refuse). */
const typed = (read: (s: string) => string | null) => (v: unknown) =>
  typeof v === 'string' ? (read(v) ?? v) : v;
/** A time of day: 'HH:MM', also typed as '13.30', '1330' or '13' (read as 13:00). */
const clockTime = () =>
  z.preprocess(
    typed((s) => (s.trim() === '' ? '' : readTypedTime(s))),
    z
      .string()
      .max(5)
      .refine((v) => v === '' || parseTime(v) !== null, 'invalidTime')
      .optional(),
  );

export const bookingInput = z
  .object({
    /** 'YYYY-MM-DD' (what a date picker sends); typed by hand also '27.11.2026'. */
    date: z.preprocess(typed(readTypedDate), z.string().max(10).refine(isLocalDate, 'invalidDate')),
    /** Room and event space: start and end time, 'HH:MM' (Warsaw). Desks: absent. */
    from: clockTime(),
    to: clockTime(),
    title: f.optionalText(200),
    attendees: optionalInt(1, 10_000),
    layout: f.optionalText(50),
    notes: f.optionalText(2000),
    /** Book for an organisation the person belongs to. */
    organisation: z.string().max(100).optional(),
    /** Repeat weekly: the number of weeks in all (1: once). */
    repeatWeeks: optionalInt(1, MAX_REPEAT_WEEKS),
    /** Event space: minutes before the start to set up and after the end to clear away. */
    setupMinutes: optionalInt(0, MAX_SETUP_MINUTES),
    teardownMinutes: optionalInt(0, MAX_SETUP_MINUTES),
    technicalNeeds: f.optionalText(2000),
    cateringNeeds: f.optionalText(2000),
    /** Event space: the organiser accepts the house rules (a checkbox, or true in JSON). */
    houseRules: z.union([z.boolean(), f.checkbox()]).optional(),
  })
  .strict();
/** A booking request (the parsed form or JSON body; optional fields may be left out). */
export type BookingInput = { date: LocalDate } & {
  [K in Exclude<keyof z.output<typeof bookingInput>, 'date'>]?: z.output<typeof bookingInput>[K] | undefined;
};

export const changeInput = bookingInput.pick({ date: true, from: true, to: true }).strict();
export type ChangeInput = Pick<BookingInput, 'date' | 'from' | 'to'>;

export const reasonInput = z.object({ reason: f.text(1000, 3) }).strict();
