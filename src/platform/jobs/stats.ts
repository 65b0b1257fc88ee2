// Job table health for the back office: what waits, what failed for good and why.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { jobs } from './schema.ts';

export interface JobStats {
  pending: number;
  /** Pending jobs that failed at least once and wait for another attempt. */
  retrying: number;
  failed: number;
  done: number;
}

export async function jobStats(db: Db): Promise<JobStats> {
  const [row] = await db
    .select({
      pending: sql<number>`(count(*) filter (where ${jobs.status} = 'pending'))::int`,
      retrying: sql<number>`(count(*) filter (where ${jobs.status} = 'pending' and ${jobs.lastError} is not null))::int`,
      failed: sql<number>`(count(*) filter (where ${jobs.status} = 'failed'))::int`,
      done: sql<number>`(count(*) filter (where ${jobs.status} = 'done'))::int`,
    })
    .from(jobs);
  return {
    pending: Number(row?.pending ?? 0),
    retrying: Number(row?.retrying ?? 0),
    failed: Number(row?.failed ?? 0),
    done: Number(row?.done ?? 0),
  };
}

export interface FailedJob {
  id: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  finishedAt: Date | null;
  createdAt: Date;
}

/** The most recent jobs that failed for good (kind, attempts, last error; never the payload). */
export async function failedJobs(db: Db, limit = 20): Promise<FailedJob[]> {
  return db
    .select({
      id: jobs.id,
      kind: jobs.kind,
      attempts: jobs.attempts,
      lastError: jobs.lastError,
      finishedAt: jobs.finishedAt,
      createdAt: jobs.createdAt,
    })
    .from(jobs)
    .where(eq(jobs.status, 'failed'))
    .orderBy(desc(jobs.finishedAt), desc(jobs.id))
    .limit(limit);
}
