// Polish public holidays (ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy), computed
// for any year: fixed dates plus the movable feasts that follow Easter (Gregorian computus).
import { addDays, isLocalDate, isoWeekday, type LocalDate } from './warsaw.ts';

export type HolidayKey =
  | 'newYear'
  | 'epiphany'
  | 'easter'
  | 'easterMonday'
  | 'labourDay'
  | 'constitutionDay'
  | 'pentecost'
  | 'corpusChristi'
  | 'assumption'
  | 'allSaints'
  | 'independenceDay'
  | 'christmasEve'
  | 'christmas'
  | 'boxingDay';

export interface Holiday {
  date: LocalDate;
  key: HolidayKey;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm: Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const cache = new Map<number, readonly Holiday[]>();

/** Every public holiday of the year, in date order. */
export function polishHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`Unsupported year: ${year}`);
  let list = cache.get(year);
  if (!list) {
    const y = pad(year, 4);
    const easter = easterSunday(year);
    const all: Holiday[] = [
      { date: `${y}-01-01`, key: 'newYear' },
      // Epiphany has been a day off again since 2011.
      ...(year >= 2011 ? [{ date: `${y}-01-06`, key: 'epiphany' } as const] : []),
      { date: easter, key: 'easter' },
      { date: addDays(easter, 1), key: 'easterMonday' },
      { date: `${y}-05-01`, key: 'labourDay' },
      { date: `${y}-05-03`, key: 'constitutionDay' },
      { date: addDays(easter, 49), key: 'pentecost' },
      { date: addDays(easter, 60), key: 'corpusChristi' },
      { date: `${y}-08-15`, key: 'assumption' },
      { date: `${y}-11-01`, key: 'allSaints' },
      { date: `${y}-11-11`, key: 'independenceDay' },
      // Christmas Eve is a day off from 2025 (the amendment of 6 December 2024).
      ...(year >= 2025 ? [{ date: `${y}-12-24`, key: 'christmasEve' } as const] : []),
      { date: `${y}-12-25`, key: 'christmas' },
      { date: `${y}-12-26`, key: 'boxingDay' },
    ];
    all.sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
    list = Object.freeze(all.map((h) => Object.freeze(h)));
    cache.set(year, list);
  }
  return [...list];
}

/** The holiday falling on the date, or null (also null for anything that is not a date). */
export function polishHoliday(date: LocalDate): HolidayKey | null {
  if (!isLocalDate(date)) return null;
  const year = Number(date.slice(0, 4));
  if (year < 1000) return null;
  if (!cache.has(year)) polishHolidays(year);
  return cache.get(year)!.find((h) => h.date === date)?.key ?? null;
}

/** A working day: Monday to Friday and not a public holiday. */
export function isWorkingDay(date: LocalDate): boolean {
  return isoWeekday(date) <= 5 && polishHoliday(date) === null;
}
