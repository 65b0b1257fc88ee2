// Helpers for the organisations tests: valid identifiers and form bodies.
import { nipCheckDigit } from '../../platform/validators/polish-ids.ts';

let nipSeed = 100_000_000 + Math.floor(Math.random() * 800_000_000);

/** A fresh valid NIP (10 digits), different on every call. */
export function freshNip(): string {
  for (;;) {
    nipSeed += 1;
    const digits = [...String(nipSeed).padStart(9, '0')].map(Number);
    const check = nipCheckDigit(digits);
    if (check !== null) return `${digits.join('')}${check}`;
  }
}

/** A valid form body for a foundation; override any field. */
export function orgForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Fundacja Testowa',
    kind: 'foundation',
    nip: '',
    regon: '',
    krs: '',
    description: 'Organizujemy sąsiedzkie warsztaty na Zabłociu.',
    website: '',
    publicEmail: '',
    subarea: '',
    ...over,
  };
}
