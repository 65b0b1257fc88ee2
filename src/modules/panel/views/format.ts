// Presentation helpers shared by the panel's pages: labels for roles, audit actions and fields,
// and the readable before/after diff of an audit entry.
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n/index.ts';

export const formatNumber = (locale: Locale, n: number) => new Intl.NumberFormat(locale).format(n);

export const roleLabel = (t: Messages, role: string): string =>
  (t.panel.roles as Record<string, string>)[role] ?? role;

export const actionLabel = (t: Messages, action: string): string =>
  (t.panel.audit.actions as Record<string, string>)[action] ?? action;

export const entityTypeLabel = (t: Messages, type: string): string =>
  (t.panel.audit.entityTypes as Record<string, string>)[type] ?? type;

export const fieldLabel = (t: Messages, key: string): string =>
  (t.panel.audit.fields as Record<string, string>)[key] ?? key;

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

/** A value of an audit field as a person reads it. */
export function valueText(t: Messages, locale: Locale, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t.panel.none;
  if (key === 'role' && typeof v === 'string') return roleLabel(t, v);
  if (typeof v === 'boolean') return v ? t.common.yes : t.common.no;
  if (typeof v === 'string' && isoDate.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return formatDateTime(locale, d);
  }
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}
