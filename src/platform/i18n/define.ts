// Typed catalogues: Polish is the reference; English and Ukrainian must have exactly the same keys
// (a missing or extra key fails `tsc`). Interpolated messages are functions.
import { type Locale, locales } from '../auth/schema.ts';

export type Shape<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => infer R
      ? (...args: A) => R
      : T[K] extends readonly string[]
        ? readonly string[]
        : Shape<T[K]>;
};

declare const checked: unique symbol;

/** A message area in every language, checked against the Polish reference (made by `catalogue` or `parts`). */
export type Catalogue<S> = Record<Locale, S> & { readonly [checked]: true };

export function catalogue<const T>(c: { pl: T; en: Shape<T>; uk: Shape<T> }): Catalogue<Shape<T>> {
  return c as unknown as Catalogue<Shape<T>>;
}

type Merged<P extends readonly unknown[]> = P extends readonly [Catalogue<infer S>, ...infer Rest]
  ? S & Merged<Rest>
  : unknown;

/**
 * One message area composed of parts, each a `catalogue()` of some of its keys (a long area is a
 * folder: `text/<area>/index.ts` composes `text/<area>/<part>.ts`). Every part is checked in its own
 * `catalogue()` call, so a key missing in one language still fails `tsc`; a plain object is not a
 * part. A key given by two parts is refused when the module loads. Keys keep the parts' order.
 */
export function parts<const P extends readonly Catalogue<object>[]>(
  ...list: P
): Catalogue<{ [K in keyof Merged<P>]: Merged<P>[K] }> {
  const area = { pl: {}, en: {}, uk: {} } as Record<Locale, Record<string, unknown>>;
  for (const locale of locales)
    for (const part of list)
      for (const [key, value] of Object.entries(part[locale])) {
        if (Object.hasOwn(area[locale], key))
          throw new Error(`text key "${key}" is given by two parts of one area`);
        area[locale][key] = value;
      }
  return area as unknown as Catalogue<{ [K in keyof Merged<P>]: Merged<P>[K] }>;
}

/**
 * The BCP 47 tag Intl formats with. English is British English: day-month-year dates and the
 * 24-hour clock, as the timetables beside them (a bare 'en' is American: "December 1", "4:00 PM").
 */
export const intlLocales: Record<Locale, string> = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' };

// Made once per language: an Intl object costs microseconds to build, and a page may ask for
// dozens of plurals.
const pluralRules = new Map<Locale, { rules: Intl.PluralRules; numbers: Intl.NumberFormat }>();

/** Picks the plural form for n in the locale (Polish and Ukrainian have one/few/many). */
export function plural(
  locale: Locale,
  n: number,
  forms: { one: string; few?: string; many?: string; other: string },
): string {
  let made = pluralRules.get(locale);
  if (!made) {
    made = {
      rules: new Intl.PluralRules(intlLocales[locale]),
      numbers: new Intl.NumberFormat(intlLocales[locale]),
    };
    pluralRules.set(locale, made);
  }
  const form = forms[made.rules.select(n) as keyof typeof forms] ?? forms.other;
  return form.includes('#') ? form.replace('#', made.numbers.format(n)) : form;
}
