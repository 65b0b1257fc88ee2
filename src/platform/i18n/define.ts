// Typed catalogues: Polish is the reference; English and Ukrainian must have exactly the same keys
// (a missing or extra key fails `tsc`). Interpolated messages are functions.
import type { Locale } from '../auth/schema.ts';

export type Shape<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => infer R
      ? (...args: A) => R
      : T[K] extends readonly string[]
        ? readonly string[]
        : Shape<T[K]>;
};

export function catalogue<const T>(c: { pl: T; en: Shape<T>; uk: Shape<T> }): Record<Locale, Shape<T>> {
  return c as Record<Locale, Shape<T>>;
}

/**
 * The BCP 47 tag Intl formats with. English is British English: day-month-year dates and the
 * 24-hour clock, as the timetables beside them (a bare 'en' is American: "December 1", "4:00 PM").
 */
export const intlLocales: Record<Locale, string> = { pl: 'pl-PL', en: 'en-GB', uk: 'uk-UA' };

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Picks the plural form for n in the locale (Polish and Ukrainian have one/few/many). */
export function plural(
  locale: Locale,
  n: number,
  forms: { one: string; few?: string; many?: string; other: string },
): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(intlLocales[locale]);
    pluralRules.set(locale, rules);
  }
  const cat = rules.select(n) as keyof typeof forms;
  return (forms[cat] ?? forms.other).replace('#', new Intl.NumberFormat(intlLocales[locale]).format(n));
}
