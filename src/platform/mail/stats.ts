// Outbox health for the back office: how much mail waits, retries or has failed for good.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { mailOutbox } from './schema.ts';

export interface OutboxStats {
  /** Waiting to be sent (including those being retried). */
  pending: number;
  /** Pending messages that failed at least once and wait for another attempt. */
  retrying: number;
  /** Gave up after the last attempt. */
  failed: number;
  /** Sent and still kept (sent mail is purged after 90 days). */
  sent: number;
  /** When the oldest pending message was written, if any. */
  oldestPendingAt: Date | null;
}

export async function outboxStats(db: Db): Promise<OutboxStats> {
  const [row] = await db
    .select({
      pending: sql<number>`(count(*) filter (where ${mailOutbox.status} = 'pending'))::int`,
      retrying: sql<number>`(count(*) filter (where ${mailOutbox.status} = 'pending' and ${mailOutbox.lastError} is not null))::int`,
      failed: sql<number>`(count(*) filter (where ${mailOutbox.status} = 'failed'))::int`,
      sent: sql<number>`(count(*) filter (where ${mailOutbox.status} = 'sent'))::int`,
      oldestPendingAt: sql<
        Date | string | null
      >`min(${mailOutbox.createdAt}) filter (where ${mailOutbox.status} = 'pending')`,
    })
    .from(mailOutbox);
  return {
    pending: Number(row?.pending ?? 0),
    retrying: Number(row?.retrying ?? 0),
    failed: Number(row?.failed ?? 0),
    sent: Number(row?.sent ?? 0),
    oldestPendingAt: row?.oldestPendingAt ? new Date(row.oldestPendingAt) : null,
  };
}

export interface FailedMail {
  id: string;
  to: string;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** The most recent messages that failed for good: address, template and last error only. */
export async function failedMail(db: Db, limit = 20): Promise<FailedMail[]> {
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      template: mailOutbox.template,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'failed'))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit);
  return rows;
}
