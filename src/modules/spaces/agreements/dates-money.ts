import type { Locale } from '../../../platform/auth/schema.ts';
import { formatDay } from '../../../platform/i18n/index.ts';
import { addDays, type LocalDate } from '../../../platform/time/warsaw.ts';
import type { ApplicantKind } from '../schema.ts';

// ---------------------------------------------------------------------------------------------
// Dates and money.

/** The last day of a period of `months` months starting on `start` (1 Jan + 1 month → 31 Jan). */
export function periodEnd(start: LocalDate, months: number): LocalDate {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastOfMonth);
  const same = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return addDays(same, -1);
}

/** The later of two calendar days ('YYYY-MM-DD' sorts as text). */

export function formatPeriod(locale: Locale, from: LocalDate, to: LocalDate): string {
  return `${formatDay(locale, from)} – ${formatDay(locale, to)}`;
}

/** "25", "25,5", "25,00", "1 250,00 zł" → grosze; null when it is not an amount. */
export function parsePln(input: string): number | null {
  const s = input
    .replace(/\s|\u00a0/g, '')
    .replace(/(zł|pln)$/i, '')
    .trim();
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Grosze as typed in a form: "25,00". */
export function plnInput(grosze: number): string {
  return `${Math.floor(grosze / 100)},${String(grosze % 100).padStart(2, '0')}`;
}

/** The price of a package for a kind of applicant: its reduced price if it has one. */
export function quote(
  pkg: { priceGrosze: number; reducedPrices: Partial<Record<ApplicantKind, number>> },
  kind: ApplicantKind,
) {
  const reduced = kind === 'standard' ? undefined : pkg.reducedPrices[kind];
  return reduced ?? pkg.priceGrosze;
}
