import { type Locale, locales } from '../auth/schema.ts';
import { warsawInstant } from '../time/warsaw.ts';
import { intlLocales } from './define.ts';
import { api } from './messages/api.ts';
import { chart } from './messages/chart.ts';
import { common } from './messages/common.ts';
import { mail } from './messages/mail.ts';
import { time } from './messages/time.ts';

export { type Catalogue, catalogue, intlLocales, parts, plural, type Shape } from './define.ts';
export type { MailContent } from './messages/mail.ts';
export { type Locale, locales };

/** The platform's own texts: shared words, time, charts, the JSON API's problems, mail's frame. */
const platformAreas = { common, time, chart, api, mail } as const;
type PlatformAreas = { [A in keyof typeof platformAreas]: (typeof platformAreas)[A]['pl'] };

/**
 * Every text of the app by area (`t.common`, `t.spaces`…). The platform's areas are declared here;
 * each module adds its own from its index.ts (`declare module … { interface Messages … }`) and
 * hands the catalogues to its manifest, which installs them (platform/modules.ts).
 */
export interface Messages extends PlatformAreas {
  /** What the audit log calls each action: every module adds its own (its manifest's auditLabels). */
  audit: { actions: Readonly<Record<string, string>> };
}

export const messages: Record<Locale, Messages> = {
  pl: {} as Messages,
  en: {} as Messages,
  uk: {} as Messages,
};

const owners = new Map<string, { owner: string; catalogue: unknown }>();

/** Adds a module's area to every language; an area name belongs to one owner. */
export function installCatalogue(area: string, cat: Record<Locale, unknown>, owner: string): void {
  const known = owners.get(area);
  if (known) {
    if (known.catalogue === cat) return;
    throw new Error(`text area "${area}" of module "${owner}" is already given by "${known.owner}"`);
  }
  owners.set(area, { owner, catalogue: cat });
  for (const l of locales) (messages[l] as unknown as Record<string, unknown>)[area] = cat[l];
}

for (const [area, cat] of Object.entries(platformAreas)) installCatalogue(area, cat, 'platform');
for (const l of locales) messages[l].audit = { actions: {} };

/** Adds a module's audit action labels; an action belongs to one module. */
export function installAuditLabels(labels: Record<Locale, Record<string, string>>, owner: string): void {
  for (const l of locales) {
    const actions = messages[l].audit.actions as Record<string, string>;
    for (const [action, label] of Object.entries(labels[l])) {
      if (action in actions && actions[action] !== label)
        throw new Error(
          `audit action "${action}" of module "${owner}" is already labelled by another module`,
        );
      actions[action] = label;
    }
  }
}

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
