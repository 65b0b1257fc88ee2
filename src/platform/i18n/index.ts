import { type Locale, locales } from '../auth/schema.ts';
import { warsawInstant } from '../time/warsaw.ts';
import { intlLocales } from './define.ts';
import { accounts } from './messages/accounts.ts';
import { agreements } from './messages/agreements.ts';
import { api } from './messages/api.ts';
import { assisted } from './messages/assisted.ts';
import { chart } from './messages/chart.ts';
import { common } from './messages/common.ts';
import { mail } from './messages/mail.ts';
import { organisations } from './messages/organisations.ts';
import { pages } from './messages/pages.ts';
import { panel } from './messages/panel.ts';
import { spaces } from './messages/spaces.ts';
import { spacesFeeds } from './messages/spacesFeeds.ts';
import { spacesPanel } from './messages/spacesPanel.ts';
import { terms } from './messages/terms.ts';
import { time } from './messages/time.ts';

export { catalogue, intlLocales, plural, type Shape } from './define.ts';
export { type Locale, locales };

const areas = {
  common,
  pages,
  accounts,
  mail,
  panel,
  organisations,
  spaces,
  spacesPanel,
  agreements,
  spacesFeeds,
  assisted,
  time,
  chart,
  terms,
  api,
} as const;

type Areas = typeof areas;
export type Messages = { [A in keyof Areas]: Areas[A]['pl'] };

function build(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v[locale]])) as Messages;
}

export const messages: Record<Locale, Messages> = { pl: build('pl'), en: build('en'), uk: build('uk') };

export const defaultLocale: Locale = 'pl';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Best match from an Accept-Language header, or the fallback (Polish; the JSON API's is English). */
export function negotiateLocale(header: string | undefined, fallback: Locale = defaultLocale): Locale {
  if (!header) return fallback;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) if (isLocale(tag)) return tag;
  return fallback;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Date and time in Europe/Warsaw, in the reader's language (English as en-GB: 24-hour clock). */
export function formatDateTime(
  locale: Locale,
  date: Date,
  style: 'date' | 'datetime' | 'time' = 'datetime',
): string {
  const key = `${locale}:${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocales[locale], {
      timeZone: 'Europe/Warsaw',
      dateStyle: style === 'time' ? undefined : 'long',
      timeStyle: style === 'date' ? undefined : 'short',
    });
    dateFormats.set(key, f);
  }
  return f.format(date);
}

/** A calendar day ('YYYY-MM-DD', a day in Warsaw) in the reader's language, e.g. "1 grudnia 2026". */
export function formatDay(locale: Locale, day: string): string {
  return formatDateTime(locale, warsawInstant(day, '12:00'), 'date');
}

const pln = new Intl.NumberFormat('pl-PL', { style: 'currency', currency: 'PLN' });
/** Money is integer grosze. */
export function formatMoney(grosze: number): string {
  return pln.format(grosze / 100);
}
