// Text that staff and organisers write (names, titles, descriptions), in Polish and, when they give
// them, in English and Ukrainian. Polish is always there; a reader whose language has no text sees
// the Polish one, marked lang="pl" (views/content.tsx).
//
// In the database the Polish text stays in the field's own column (so SQL that reads `name` keeps
// working) and the translations sit beside it in a jsonb column `<field>_i18n`: { "en": …, "uk": … }.
// Forms send `<field>_pl`, `<field>_en` and `<field>_uk`; JSON sends { pl, en, uk }.

import { z } from 'zod';
import { defaultLocale, type Locale } from './i18n/index.ts';

/** The languages a text may be translated into (Polish is the text itself). */
export const translationLocales = ['en', 'uk'] as const;
export type TranslationLocale = (typeof translationLocales)[number];

/** Translations as stored in a `<field>_i18n` column: only the languages given, never blank. */
export type Translations = Partial<Record<TranslationLocale, string>>;

export interface Localized {
  pl: string;
  en?: string | undefined;
  uk?: string | undefined;
}

/** The languages of a form's fields, in the order they are shown. */
export const contentLocales = ['pl', ...translationLocales] as const satisfies readonly Locale[];

/** A text from its Polish column and its `_i18n` column (anything but non-blank strings ignored). */
export function localized(pl: string, i18n: unknown): Localized {
  const out: Localized = { pl };
  if (i18n && typeof i18n === 'object')
    for (const l of translationLocales) {
      const v = (i18n as Record<string, unknown>)[l];
      if (typeof v === 'string' && v.trim()) out[l] = v;
    }
  return out;
}

/** What goes into the `<field>_i18n` column: the translations given, without blank ones. */
export function translationsOf(content: Localized): Translations {
  const out: Translations = {};
  for (const l of translationLocales) {
    const v = content[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

/** The text for a reader: in their language when it was given, else the Polish one. */
export function pick(content: Localized, locale: Locale): { text: string; lang: Locale } {
  if (locale !== defaultLocale) {
    const own = content[locale]?.trim();
    if (own) return { text: content[locale]!, lang: locale };
  }
  return { text: content.pl, lang: defaultLocale };
}

/** The lang attribute an element showing `content` to a `locale` reader needs: only on fallback. */
export function fallbackLang(content: Localized, locale: Locale): Locale | undefined {
  const { lang } = pick(content, locale);
  return lang === locale ? undefined : lang;
}

export interface LocalizedOptions {
  /** The longest text in each language. */
  max: number;
  /** Whether the Polish text may be empty (then ''): for descriptions, not for names. */
  optional?: boolean;
}

/** One language's text: trimmed, limited; translations empty are absent. */
function textSchema(required: boolean, max: number) {
  const base = z.string().trim().max(max);
  return required ? base.min(1) : base.optional().transform((v) => (v ? v : undefined));
}

/**
 * A localized text in JSON ({ pl, en, uk }): Polish required (unless `optional`), the others
 * optional; each trimmed and at most `max` characters; blank translations dropped.
 */
export function localizedInput({ max, optional = false }: LocalizedOptions) {
  return z
    .object({
      pl: optional ? textSchema(false, max).transform((v) => v ?? '') : textSchema(true, max),
      en: textSchema(false, max),
      uk: textSchema(false, max),
    })
    .strict()
    .transform((v): Localized => {
      const out: Localized = { pl: v.pl ?? '' };
      if (v.en) out.en = v.en;
      if (v.uk) out.uk = v.uk;
      return out;
    });
}

/** The form field of a localized text in one language: `name` → `name_pl`, `name_en`, `name_uk`. */
export const localizedFieldName = (field: string, locale: (typeof contentLocales)[number]) =>
  `${field}_${locale}`;

/**
 * The fields of a localized text in a form, to spread into the form's z.object; errors land on the
 * language's own field (`name_pl`…). Read the parsed value with `localizedFromForm`.
 */
export function localizedFormFields(field: string, { max, optional = false }: LocalizedOptions) {
  return {
    [localizedFieldName(field, 'pl')]: optional
      ? textSchema(false, max).transform((v) => v ?? '')
      : textSchema(true, max),
    [localizedFieldName(field, 'en')]: textSchema(false, max),
    [localizedFieldName(field, 'uk')]: textSchema(false, max),
  } as Record<string, z.ZodType<string | undefined>>;
}

/** The localized text out of a form parsed with `localizedFormFields`. */
export function localizedFromForm(data: Record<string, unknown>, field: string): Localized {
  const at = (l: (typeof contentLocales)[number]) => {
    const v = data[localizedFieldName(field, l)];
    return typeof v === 'string' ? v : undefined;
  };
  const out: Localized = { pl: at('pl') ?? '' };
  for (const l of translationLocales) {
    const v = at(l);
    if (v) out[l] = v;
  }
  return out;
}

/** Form values showing a localized text in its three fields. */
export function localizedFormValues(field: string, content: Localized): Record<string, string> {
  return Object.fromEntries(contentLocales.map((l) => [localizedFieldName(field, l), content[l] ?? '']));
}

/** The schema's input with each localized text as a `Localized` (translations may be left out). */
export type WithLocalized<T> = T extends { pl: unknown; en: unknown; uk: unknown }
  ? Localized
  : T extends Date
    ? T
    : T extends readonly (infer U)[]
      ? WithLocalized<U>[]
      : T extends object
        ? { [K in keyof T]: WithLocalized<T[K]> }
        : T;
