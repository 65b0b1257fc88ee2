// The calendar of one resource, computed without the database: whether a day is open (weekday
// hours, Polish public holidays, closures), which slot requests the rules allow, and where the
// free time is. The booking service feeds it the rows it read.
import { RuleError } from '../../platform/http/errors.ts';
import { type HolidayKey, polishHoliday } from '../../platform/time/holidays.ts';
import {
  addDays,
  isoWeekday,
  type LocalDate,
  parseTime,
  todayInWarsaw,
  warsawInstant,
} from '../../platform/time/warsaw.ts';
import type { BookingRules, OpeningHours } from './schema.ts';

const MINUTE = 60_000;

export interface Closure {
  from: LocalDate;
  to: LocalDate;
  reason: string;
}

export type DayStatus =
  | { date: LocalDate; open: true; opensAt: Date; closesAt: Date; openTime: string; closeTime: string }
  | {
      date: LocalDate;
      open: false;
      reason: 'weekday' | 'holiday' | 'closure';
      holiday?: HolidayKey;
      closure?: string;
    };

export function dayStatus(hours: OpeningHours, closures: readonly Closure[], date: LocalDate): DayStatus {
  const holiday = polishHoliday(date);
  if (holiday) return { date, open: false, reason: 'holiday', holiday };
  const closure = closures.find((c) => c.from <= date && date <= c.to);
  if (closure) return { date, open: false, reason: 'closure', closure: closure.reason };
  const h = hours[isoWeekday(date) - 1];
  if (!h) return { date, open: false, reason: 'weekday' };
  return {
    date,
    open: true,
    opensAt: warsawInstant(date, h.open),
    closesAt: warsawInstant(date, h.close),
    openTime: h.open,
    closeTime: h.close,
  };
}

export interface Busy {
  start: Date;
  /** The end of the booking plus its buffer: the resource is blocked until then. */
  blockedUntil: Date;
}

/** Whether [start, end + buffer) overlaps a busy range, exactly as the exclusion constraint sees it. */
export function clashes(busy: readonly Busy[], start: Date, end: Date, bufferMinutes: number): boolean {
  const until = end.getTime() + bufferMinutes * MINUTE;
  return busy.some((b) => b.start.getTime() < until && start.getTime() < b.blockedUntil.getTime());
}

/** The latest day a booking may start on, and the earliest instant. */
export function window(rules: BookingRules, now: Date): { earliest: Date; lastDay: LocalDate } {
  return {
    earliest: new Date(now.getTime() + rules.minNoticeMinutes * MINUTE),
    lastDay: addDays(todayInWarsaw(now), rules.horizonDays),
  };
}

/**
 * Checks a room request against the calendar and the rules. Throws a RuleError naming the first
 * rule broken (with what the message shows), or returns the duration in minutes.
 */
export function checkSlot(rules: BookingRules, day: DayStatus, start: Date, end: Date, now: Date): number {
  if (end.getTime() <= start.getTime()) throw new RuleError('reversedRange', 'to');
  if (start.getTime() < now.getTime()) throw new RuleError('past', 'date');
  checkDay(day, rules, now);
  if (!day.open) throw new Error('unreachable');
  if (start < day.opensAt || end > day.closesAt)
    throw new RuleError('outsideHours', 'from', 422, { open: day.openTime, close: day.closeTime });
  const minutes = Math.round((end.getTime() - start.getTime()) / MINUTE);
  if (minutes < rules.minMinutes) throw new RuleError('tooShort', 'to', 422, { minutes: rules.minMinutes });
  if (minutes > rules.maxMinutes) throw new RuleError('tooLong', 'to', 422, { minutes: rules.maxMinutes });
  const offset = Math.round((start.getTime() - day.opensAt.getTime()) / MINUTE);
  if (offset % rules.stepMinutes !== 0 || minutes % rules.stepMinutes !== 0)
    throw new RuleError('offGrid', 'from', 422, { minutes: rules.stepMinutes, open: day.openTime });
  const { earliest } = window(rules, now);
  if (start < earliest) throw new RuleError('tooSoon', 'from', 422, { earliest });
  return minutes;
}

/** Checks that a day may be booked at all: open, not in the past, within the horizon. */
export function checkDay(day: DayStatus, rules: BookingRules, now: Date): void {
  const today = todayInWarsaw(now);
  if (day.date < today) throw new RuleError('past', 'date');
  const { lastDay } = window(rules, now);
  if (day.date > lastDay) throw new RuleError('beyondHorizon', 'date', 422, { lastDay });
  if (!day.open) {
    if (day.reason === 'holiday') throw new RuleError('holiday', 'date', 422, { holiday: day.holiday });
    if (day.reason === 'closure') throw new RuleError('closed', 'date', 422, { reason: day.closure });
    throw new RuleError('closedWeekday', 'date', 422, { weekday: isoWeekday(day.date) });
  }
}

/** Parses a date and 'HH:MM' times into instants; null when the input is not a real date or time. */
export function parseRange(date: string, from: string, to: string): { start: Date; end: Date } | null {
  const f = parseTime(from);
  if (f === null || parseTime(to) === null) return null;
  const start = warsawInstant(date, from);
  return { start, end: warsawInstant(date, to) };
}

export interface Slot {
  start: Date;
  end: Date;
}

/**
 * Free start times of a given length on one open day: on the step grid from opening, inside the
 * hours, after the notice, not clashing with a busy range (buffer included).
 */
export function freeSlots(
  day: DayStatus,
  busy: readonly Busy[],
  rules: BookingRules,
  minutes: number,
  now: Date,
): Slot[] {
  if (!day.open) return [];
  const { earliest } = window(rules, now);
  const out: Slot[] = [];
  const length = minutes * MINUTE;
  const step = rules.stepMinutes * MINUTE;
  for (let s = day.opensAt.getTime(); s + length <= day.closesAt.getTime(); s += step) {
    const start = new Date(s);
    const end = new Date(s + length);
    if (start < earliest) continue;
    if (!clashes(busy, start, end, rules.bufferMinutes)) out.push({ start, end });
  }
  return out;
}

/** Maximal free intervals of an open day (for the availability API and the calendar). */
export function freeIntervals(day: DayStatus, busy: readonly Busy[], now: Date, rules: BookingRules): Slot[] {
  if (!day.open) return [];
  const { earliest } = window(rules, now);
  let cursor = Math.max(day.opensAt.getTime(), earliest.getTime());
  const end = day.closesAt.getTime();
  const out: Slot[] = [];
  const sorted = [...busy].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const b of sorted) {
    // A new booking must end a buffer before the next one starts.
    const freeUntil = Math.min(b.start.getTime() - rules.bufferMinutes * MINUTE, end);
    if (freeUntil > cursor) out.push({ start: new Date(cursor), end: new Date(freeUntil) });
    cursor = Math.max(cursor, b.blockedUntil.getTime());
  }
  if (end > cursor) out.push({ start: new Date(cursor), end: new Date(end) });
  return out.filter((s) => (s.end.getTime() - s.start.getTime()) / MINUTE >= rules.minMinutes);
}

/** The free slots of the requested length nearest in time to the requested start (at most n). */
export function nearestSlots(
  days: readonly DayStatus[],
  busy: readonly Busy[],
  rules: BookingRules,
  wanted: Date,
  minutes: number,
  now: Date,
  n = 3,
): Slot[] {
  const length = Math.min(Math.max(minutes, rules.minMinutes), rules.maxMinutes);
  const lastDay = window(rules, now).lastDay;
  const all = days.filter((d) => d.date <= lastDay).flatMap((d) => freeSlots(d, busy, rules, length, now));
  return all
    .sort(
      (a, b) =>
        Math.abs(a.start.getTime() - wanted.getTime()) - Math.abs(b.start.getTime() - wanted.getTime()),
    )
    .slice(0, n)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}
