// The audit log as CSV: the same words the page shows (labels of actions, record types, roles and
// fields; people's and records' names), then the codes and raw JSON in columns of their own for
// whoever processes the file further. Both dialects have the same columns.
import type { CsvDialect } from '../../platform/csv.ts';
import type { Locale, Messages } from '../../platform/i18n/index.ts';
import type { AuditEntry } from './service/index.ts';
import { actionLabel, diff, entityTypeLabel, fieldLabel, roleLabel, valueText } from './views/format.ts';

const warsawSeconds = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function auditCsvHeader(t: Messages): string[] {
  const c = t.panel.audit.csvColumns;
  return [
    c.time,
    c.timeUtc,
    c.actorName,
    c.actorEmail,
    c.onBehalfOfName,
    c.actorRole,
    c.action,
    c.entityType,
    c.entityName,
    c.changes,
    c.actorId,
    c.onBehalfOfId,
    c.actorRoleCode,
    c.actionCode,
    c.entityTypeCode,
    c.entityId,
    c.before,
    c.after,
    c.requestId,
  ];
}

/** "Field: before → after", one change a line, in the reader's language. */
export function changesText(t: Messages, locale: Locale, e: AuditEntry): string {
  return diff(e.before, e.after)
    .map(
      (c) =>
        `${fieldLabel(t, c.key, e.entityType)}: ${valueText(t, locale, c.key, c.from, e.entityType)} → ${valueText(t, locale, c.key, c.to, e.entityType)}`,
    )
    .join('\n');
}

export function auditCsvRow(t: Messages, locale: Locale, e: AuditEntry, dialect: CsvDialect): unknown[] {
  const a = t.panel.audit;
  const actorName = !e.actorId ? a.system : e.actorDeleted ? a.deletedAccount : e.actorName;
  return [
    dialect === 'excel' ? e.createdAt : warsawSeconds.format(e.createdAt),
    e.createdAt.toISOString(),
    actorName,
    e.actorDeleted ? '' : e.actorEmail,
    !e.onBehalfOfId ? '' : (e.onBehalfOfName ?? a.deletedAccount),
    e.actorRole ? roleLabel(t, e.actorRole) : '',
    actionLabel(t, e.action),
    entityTypeLabel(t, e.entityType),
    e.entityName ?? '',
    changesText(t, locale, e),
    e.actorId,
    e.onBehalfOfId,
    e.actorRole,
    e.action,
    e.entityType,
    e.entityId,
    e.before === null ? '' : JSON.stringify(e.before),
    e.after === null ? '' : JSON.stringify(e.after),
    e.requestId,
  ];
}
