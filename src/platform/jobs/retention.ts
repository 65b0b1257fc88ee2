// Retention: personal data is kept only as long as its purpose needs.
import { sql } from 'drizzle-orm';
import type { JobHandler } from './worker.ts';

export const retentionRules = [
  { what: 'expired sessions', statement: sql`delete from auth_session where expires_at < now()` },
  {
    what: 'expired verification and reset tokens',
    statement: sql`delete from auth_verification where expires_at < now()`,
  },
  {
    // A lock holds for a day (accounts/sign-in-limits.ts LOCK_HOURS) unless lifted sooner.
    what: 'sign-in failure counters older than a day, and locks a day after they began',
    statement: sql`delete from auth_sign_in_attempt where window_start < now() - interval '1 day'
      and (locked_at is null or locked_at < now() - interval '1 day')`,
  },
  {
    what: 'sent e-mails older than 90 days',
    statement: sql`delete from mail_outbox where status = 'sent' and sent_at < now() - interval '90 days'`,
  },
  {
    what: 'failed e-mails older than 180 days',
    statement: sql`delete from mail_outbox where status = 'failed' and created_at < now() - interval '180 days'`,
  },
  {
    what: 'finished jobs older than 30 days',
    statement: sql`delete from job where status <> 'pending' and finished_at < now() - interval '30 days'`,
  },
];

export const retentionJob: JobHandler = async (_payload, { database }) => {
  for (const rule of retentionRules) await database.db.execute(rule.statement);
};
