// Presentation helpers shared by the panel's pages: labels for roles, audit actions and fields,
// and the readable before/after diff of an audit entry.
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n/index.ts';

export const formatNumber = (locale: Locale, n: number) => new Intl.NumberFormat(locale).format(n);

export const roleLabel = (t: Messages, role: string): string =>
  (t.panel.roles as Record<string, string>)[role] ?? role;

export const actionLabel = (t: Messages, action: string): string => t.audit.actions[action] ?? action;

export const entityTypeLabel = (t: Messages, type: string): string =>
  (t.panel.audit.entityTypes as Record<string, string>)[type] ?? type;

/** A field of an audit entry's before/after as staff read it (a desk's number names the desk). */
export function fieldLabel(t: Messages, key: string, entityType?: string): string {
  const label = (t.panel.audit.fields as Record<string, string>)[key];
  if (label) return label;
  if (/^\d+$/.test(key) && (entityType === 'space_desk' || entityType === 'space_resource'))
    return t.panel.audit.deskNumber(key);
  return key;
}

/** Words for the codes an entry's fields hold, by the kind of record and the field. */
function codeLabel(
  t: Messages,
  entityType: string | undefined,
  key: string,
  code: string,
): string | undefined {
  const pick = (labels: Record<string, string>) => labels[code];
  if (key === 'role') return pick(t.panel.roles as Record<string, string>);
  if (key === 'status') {
    if (entityType === 'organisation') return pick(t.organisations.statuses);
    if (entityType === 'space_agreement') return pick(t.agreements.statuses);
    if (entityType === 'space_booking') return pick(t.spaces.statuses);
  }
  if (key === 'kind') {
    if (entityType === 'organisation') return pick(t.organisations.kinds as Record<string, string>);
    if (entityType === 'space_resource') return pick(t.spaces.kinds);
    if (entityType === 'space_package') return pick(t.agreements.packageKinds);
  }
  return undefined;
}

const pln = (locale: Locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'PLN' });

export interface Change {
  key: string;
  from: unknown;
  to: unknown;
}

function asRecord(v: unknown): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  return { value: v };
}

/** The keys whose value differs between before and after, in the order they first appear. */
export function diff(before: unknown, after: unknown): Change[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ key: k, from: b[k] ?? null, to: a[k] ?? null }));
}

const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_SHOWN = 500;

/** A value of an audit field as a person reads it: labels for codes, money in złoty, dates. */
export function valueText(t: Messages, locale: Locale, key: string, v: unknown, entityType?: string): string {
  if (v === null || v === undefined || v === '') return t.panel.none;
  if (typeof v === 'string') {
    const label = codeLabel(t, entityType, key, v);
    if (label) return label;
  }
  if (key === 'priceGrosze' && typeof v === 'number') return pln(locale).format(v / 100);
  if (typeof v === 'boolean') return v ? t.common.yes : t.common.no;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.length ? v.join(', ') : t.panel.none;
  if (typeof v === 'string' && isoDate.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return formatDateTime(locale, d);
  }
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}
