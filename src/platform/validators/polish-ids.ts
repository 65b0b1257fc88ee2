// Polish identifiers with their checksums: NIP (tax number), REGON (statistical number, 9 or 14
// digits), KRS (National Court Register number, 10 digits, no checksum) and PESEL (personal number
// with an encoded birth date). Input is accepted as people type it — with spaces, dashes or dots,
// and a NIP with the "PL" VAT prefix — and normalised to digits.

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;
const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;

/** Removes spaces (including non-breaking ones), dashes and dots; upper-cases letters. */
function compact(input: string): string {
  return input.replace(/[\s\u00a0\u2007\u202f.\-\u2010-\u2015]/g, '').toUpperCase();
}

function digitsOf(value: string, length: number): number[] | null {
  if (value.length !== length || !/^[0-9]+$/.test(value)) return null;
  return [...value].map(Number);
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i]! * weights[i]!;
  return sum;
}

/** NIP check digit for the first nine digits, or null when the checksum is 10 (no valid NIP). */
export function nipCheckDigit(first9: readonly number[]): number | null {
  const c = weightedSum(first9, NIP_WEIGHTS) % 11;
  return c === 10 ? null : c;
}

export function regon9CheckDigit(first8: readonly number[]): number {
  return (weightedSum(first8, REGON9_WEIGHTS) % 11) % 10;
}

export function regon14CheckDigit(first13: readonly number[]): number {
  return (weightedSum(first13, REGON14_WEIGHTS) % 11) % 10;
}

export function peselCheckDigit(first10: readonly number[]): number {
  return (10 - (weightedSum(first10, PESEL_WEIGHTS) % 10)) % 10;
}

/** The NIP as 10 digits if it is valid, else null. Accepts "PL 123-456-32-18", "123 456 32 18"… */
export function normaliseNip(input: string): string | null {
  let v = compact(input);
  if (v.startsWith('PL')) v = v.slice(2);
  const d = digitsOf(v, 10);
  if (!d) return null;
  const check = nipCheckDigit(d);
  return check !== null && check === d[9] ? v : null;
}

/** The REGON as 9 or 14 digits if it is valid, else null. A 14-digit REGON must start with a valid 9-digit one. */
export function normaliseRegon(input: string): string | null {
  const v = compact(input);
  if (v.length === 9) {
    const d = digitsOf(v, 9);
    return d && regon9CheckDigit(d) === d[8] ? v : null;
  }
  if (v.length === 14) {
    const d = digitsOf(v, 14);
    if (!d || regon14CheckDigit(d) !== d[13]) return null;
    return normaliseRegon(v.slice(0, 9)) ? v : null;
  }
  return null;
}

/** The KRS number as 10 digits (it has no check digit), else null. */
export function normaliseKrs(input: string): string | null {
  let v = compact(input);
  if (v.startsWith('KRS')) v = v.slice(3);
  return digitsOf(v, 10) ? v : null;
}

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

/** The birth date a PESEL encodes (the month carries the century), or null if it is not a real date. */
export function peselBirthDate(pesel: string): BirthDate | null {
  const d = digitsOf(pesel, 11);
  if (!d) return null;
  const yy = d[0]! * 10 + d[1]!;
  const mm = d[2]! * 10 + d[3]!;
  const day = d[4]! * 10 + d[5]!;
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)];
  const month = mm % 20;
  if (century === undefined || month < 1 || month > 12) return null;
  const year = century + yy;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day };
}

/** The PESEL as 11 digits if its check digit and birth date are valid, else null. */
export function normalisePesel(input: string): string | null {
  const v = compact(input);
  const d = digitsOf(v, 11);
  if (!d || peselCheckDigit(d) !== d[10]) return null;
  return peselBirthDate(v) ? v : null;
}

export const isValidNip = (input: string) => normaliseNip(input) !== null;
export const isValidRegon = (input: string) => normaliseRegon(input) !== null;
export const isValidKrs = (input: string) => normaliseKrs(input) !== null;
export const isValidPesel = (input: string) => normalisePesel(input) !== null;
