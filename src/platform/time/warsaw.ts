// The Warsaw calendar: days, weeks and wall-clock times in Europe/Warsaw, daylight saving included.
// Calendar dates are plain 'YYYY-MM-DD' strings (LocalDate) and are computed in UTC arithmetic, so
// they never shift with the server's time zone; instants are Date objects. Only Intl is used.

/** A calendar date 'YYYY-MM-DD' (no time, no zone). */
export type LocalDate = string;

export const WARSAW = 'Europe/Warsaw';

const MINUTE = 60_000;
const DAY = 86_400_000;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: WARSAW,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock read from Intl (slow: a formatToParts call). */
function wallClockByParts(instant: Date): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour! % 24,
    minute: out.minute!,
    second: out.second!,
  };
}

const HOUR = 3_600_000;
/** Warsaw's offset (ms) for each UTC hour whose offset was constant through it. */
const hourOffsets = new Map<number, number>();

function offsetByParts(ms: number): number {
  const w = wallClockByParts(new Date(ms));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The wall clock in Warsaw at an instant. Calendar pages ask for it thousands of times, so the
 * offset is read from Intl once per UTC hour (kept when it is the same at both ends of the hour:
 * every transition since 1915 falls on a whole UTC hour) and the rest is UTC arithmetic.
 */
function wallClock(instant: Date): WallClock {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid date');
  const hour = Math.floor(ms / HOUR);
  let offset = hourOffsets.get(hour);
  if (offset === undefined) {
    const start = offsetByParts(hour * HOUR);
    if (start !== offsetByParts(hour * HOUR + HOUR - 1000)) return wallClockByParts(instant);
    if (hourOffsets.size >= 100_000) hourOffsets.clear();
    hourOffsets.set(hour, start);
    offset = start;
  }
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Warsaw's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function warsawOffset(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toLocalDate(utcMs: number): LocalDate {
  const d = new Date(utcMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of the date, as milliseconds; throws on anything that is not a real date. */
function utcMidnight(date: LocalDate): number {
  const m = datePattern.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) {
      // Date.UTC maps years 0–99 to 1900–1999; the check above refuses them, which is fine here.
      return ms;
    }
  }
  throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
}

/**
 * Is s a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is not), in the years 1900–2199?
 * Dates outside are typing mistakes here, and keeping away from year 9999 lets callers add days
 * to a valid date and still have one.
 */
export function isLocalDate(s: string): boolean {
  if (typeof s !== 'string' || !datePattern.test(s) || s < '1900-01-01' || s > '2199-12-31') return false;
  try {
    utcMidnight(s);
    return true;
  } catch {
    return false;
  }
}

/** 'HH:MM' (or 'H:MM') → minutes since midnight, 00:00–24:00; null for anything else. */
export function parseTime(s: string): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/**
 * A time as people type it — '13:30', '13.30', '1330', '930', '13' or '9' — as 'HH:MM'; null when it
 * is not a time of day (00:00–24:00).
 */
export function readTypedTime(s: string): string | null {
  if (typeof s !== 'string') return null;
  const v = s.trim();
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(v) ?? /^(\d{1,2})(\d{2})$/.exec(v) ?? /^(\d{1,2})()$/.exec(v);
  if (!m) return null;
  const minutes = parseTime(`${m[1]}:${m[2] || '00'}`);
  return minutes === null ? null : formatMinutes(minutes);
}

/**
 * A date as people type it where no date picker helps — '2026-11-27' or day first '27.11.2026' — as
 * 'YYYY-MM-DD'; null when it is not a real date.
 */
export function readTypedDate(s: string): LocalDate | null {
  if (typeof s !== 'string') return null;
  const v = s.trim();
  if (isLocalDate(v)) return v;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isLocalDate(iso) ? iso : null;
}

/** Minutes → 'HH:MM' (1440 → '24:00'; longer spans keep counting hours, e.g. 1500 → '25:00'). */
export function formatMinutes(m: number): string {
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`Not a number of minutes: ${m}`);
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * The instant when Warsaw's clocks show `time` on `date`. In the spring gap (02:00–03:00 does not
 * exist) the time moves forward by the gap (02:30 → 03:30 CEST); in the repeated autumn hour the
 * first occurrence (CEST) is taken. '24:00' is midnight at the end of the date.
 */
export function warsawInstant(date: LocalDate, time: string): Date {
  const minutes = parseTime(time);
  if (minutes === null) throw new RangeError(`Not a time: ${JSON.stringify(time)}`);
  const wall = utcMidnight(date) + minutes * MINUTE;
  const before = warsawOffset(new Date(wall - DAY / 2));
  const after = warsawOffset(new Date(wall + DAY / 2));
  const candidates = [wall - Math.max(before, after), wall - Math.min(before, after)];
  for (const c of candidates) {
    // The earliest candidate whose wall clock is the one asked for (the first of a repeated hour).
    if (c + warsawOffset(new Date(c)) === wall) return new Date(c);
  }
  // The wall time does not exist: read it with the offset in force before the change (moves forward).
  return new Date(wall - before);
}

/** The Warsaw calendar date of an instant. */
export function warsawDate(instant: Date): LocalDate {
  const w = wallClock(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The Warsaw wall-clock time of an instant, 'HH:MM'. */
export function warsawTime(instant: Date): string {
  const w = wallClock(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Minutes since local midnight on Warsaw's clock (wall clock, so 0–1439). */
export function warsawMinutes(instant: Date): number {
  const w = wallClock(instant);
  return w.hour * 60 + w.minute;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const dow = new Date(utcMidnight(date)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return toLocalDate(utcMidnight(date) + n * DAY);
}

/** b − a in calendar days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY);
}

/** Every date from `from` to `toInclusive` (empty when to is before from). */
export function eachDay(from: LocalDate, toInclusive: LocalDate): LocalDate[] {
  const start = utcMidnight(from);
  const n = daysBetween(from, toInclusive);
  const out: LocalDate[] = [];
  for (let i = 0; i <= n; i++) out.push(toLocalDate(start + i * DAY));
  return out;
}

/** The Monday of the date's ISO week. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

function isoWeekParts(date: LocalDate): { year: number; week: number } {
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${pad(year, 4)}-01-01`, thursday) / 7) + 1;
  return { year, week };
}

/** ISO 8601 week, e.g. '2026-W48' (2027-01-01 → '2026-W53'). */
export function isoWeek(date: LocalDate): string {
  const { year, week } = isoWeekParts(date);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Number of ISO weeks in a year (52 or 53). */
export function isoWeeksInYear(year: number): number {
  return isoWeekParts(`${pad(year, 4)}-12-28`).week;
}

/** The Monday of an ISO week written 'YYYY-Www' (e.g. '2026-W48'); null when it does not exist. */
export function parseIsoWeek(s: string): LocalDate | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{4})-[Ww](\d{2})$/.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1000 || week < 1 || week > isoWeeksInYear(year)) return null;
  return addDays(weekStart(`${m[1]}-01-04`), (week - 1) * 7);
}

/** The instant Warsaw's day begins. */
export function startOfDay(date: LocalDate): Date {
  return warsawInstant(date, '00:00');
}

/** Today's date on Warsaw's calendar. */
export function todayInWarsaw(now: Date): LocalDate {
  return warsawDate(now);
}

/** The earlier and the later of two calendar dates. */
export const earlierDay = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);
export const laterDay = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
