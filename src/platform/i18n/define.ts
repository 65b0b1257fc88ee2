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

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Picks the plural form for n in the locale (Polish and Ukrainian have one/few/many). */
export function plural(
  locale: Locale,
  n: number,
  forms: { one: string; few?: string; many?: string; other: string },
): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const cat = rules.select(n) as keyof typeof forms;
  return (forms[cat] ?? forms.other).replace('#', new Intl.NumberFormat(locale).format(n));
}
