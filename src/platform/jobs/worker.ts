// In-process worker: drains the mail outbox and the job table, and fires recurring schedules.
// Rows are claimed with FOR UPDATE SKIP LOCKED and a lease (locked_until), so several app nodes can
// run workers side by side, and a node that dies mid-task only delays the work until the lease ends.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { uuidv7 } from '../ids.ts';
import type { MailAttachment } from '../mail/schema.ts';
import { drawnAttachments, type MailTransport } from '../mail/transport.ts';
import type { Clock } from '../time/clock.ts';

export type JobHandler = (
  payload: Record<string, unknown>,
  ctx: { database: Database; jobId: string },
) => Promise<void>;

export interface Schedule {
  name: string;
  intervalSeconds: number;
  /** Job kind enqueued on every run. */
  kind: string;
}

const LEASE_SECONDS = 120;
export const MAIL_MAX_ATTEMPTS = 12;

/** Seconds to wait after the n-th failed attempt: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempt - 1), 3600);
}

/**
 * Keeps credentials and personal data out of stored errors (staff read them on the dashboard):
 * only the first line — database errors carry the statement's parameters after it — and no
 * passwords in connection strings.
 */
function safeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split('\n')[0] ?? '').replace(/\/\/[^@/\s]+@/g, '//***@').slice(0, 500);
}

export interface WorkerOptions {
  database: Database;
  transport: MailTransport;
  mailFrom: string;
  handlers?: Record<string, JobHandler>;
  schedules?: Schedule[];
  pollMs?: number;
  log?: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
  /** When a job is due (its run_at and retries) is read from the app's clock; leases stay on the database's. */
  clock: Clock;
}

export class Worker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly handlers: Record<string, JobHandler>;

  constructor(private readonly o: WorkerOptions) {
    this.handlers = { ...(o.handlers ?? {}) };
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers[kind] = handler;
  }

  /** Creates or updates the recurring schedules (first run one interval from now if new). */
  async installSchedules(): Promise<void> {
    for (const s of this.o.schedules ?? []) {
      await this.o.database.db.execute(sql`
        insert into job_schedule (name, interval_seconds, next_run_at)
        values (${s.name}, ${s.intervalSeconds}, now() + make_interval(secs => ${s.intervalSeconds}))
        on conflict (name) do update set interval_seconds = excluded.interval_seconds`);
    }
  }

  start(): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((err) => this.o.log?.error({ err: safeError(err) }, 'worker tick failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(loop, this.o.pollMs ?? 1000);
        });
    };
    this.timer = setTimeout(loop, 10);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: schedules, then mail, then jobs. Returns when the due work is done. */
  async tick(): Promise<void> {
    await this.fireSchedules();
    while ((await this.drainMail(20)) === 20 && !this.stopped) {}
    while ((await this.runJobs(10)) === 10 && !this.stopped) {}
  }

  async fireSchedules(): Promise<number> {
    const schedules = this.o.schedules ?? [];
    if (schedules.length === 0) return 0;
    const names = schedules.map((s) => s.name);
    const due = await this.o.database.rows<{ name: string }>(sql`
      update job_schedule set next_run_at = now() + make_interval(secs => interval_seconds), last_run_at = now()
      where next_run_at <= now() and name in (${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )})
      returning name`);
    for (const { name } of due) {
      const s = schedules.find((x) => x.name === name)!;
      await enqueueJob(this.o.database, {
        kind: s.kind,
        payload: { schedule: name },
        runAt: this.o.clock.now(),
      });
    }
    return due.length;
  }

  /** Sends up to `batch` due messages; returns how many were claimed. */
  async drainMail(batch: number): Promise<number> {
    const claimed = await this.o.database.rows<{
      id: string;
      to_address: string;
      subject: string;
      text_body: string;
      html_body: string;
      attachments: MailAttachment[] | null;
      attempts: number;
    }>(sql`
      update mail_outbox set locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
      where id in (
        select id from mail_outbox
        where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
        order by next_attempt_at
        limit ${batch}
        for update skip locked)
      returning id, to_address, subject, text_body, html_body, attachments, attempts`);
    for (const m of claimed) {
      try {
        await this.o.transport.send({
          id: m.id,
          from: this.o.mailFrom,
          to: m.to_address,
          subject: m.subject,
          text: m.text_body,
          html: m.html_body,
          attachments: await drawnAttachments(m.attachments ?? []),
        });
        await this.o.database.db.execute(
          sql`update mail_outbox set status = 'sent', sent_at = now(), locked_until = null, last_error = null where id = ${m.id}`,
        );
      } catch (err) {
        const failed = m.attempts >= MAIL_MAX_ATTEMPTS;
        await this.o.database.db.execute(sql`
          update mail_outbox set locked_until = null, last_error = ${safeError(err)},
            status = ${failed ? 'failed' : 'pending'},
            next_attempt_at = now() + make_interval(secs => ${backoffSeconds(m.attempts)})
          where id = ${m.id}`);
        this.o.log?.error({ mailId: m.id, attempt: m.attempts, err: safeError(err) }, 'mail delivery failed');
      }
    }
    return claimed.length;
  }

  async runJobs(batch: number): Promise<number> {
    const claimed = await this.o.database.rows<{
      id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>(sql`
      update job set locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
      where id in (
        select id from job
        where status = 'pending' and run_at <= ${this.o.clock.now()} and (locked_until is null or locked_until < now())
        order by run_at
        limit ${batch}
        for update skip locked)
      returning id, kind, payload, attempts, max_attempts`);
    for (const j of claimed) {
      const handler = this.handlers[j.kind];
      try {
        if (!handler) throw new Error(`no handler for job kind ${j.kind}`);
        await handler(j.payload, { database: this.o.database, jobId: j.id });
        await this.o.database.db.execute(
          sql`update job set status = 'done', finished_at = now(), locked_until = null, last_error = null where id = ${j.id}`,
        );
      } catch (err) {
        const failed = j.attempts >= j.max_attempts;
        await this.o.database.db.execute(sql`
          update job set locked_until = null, last_error = ${safeError(err)},
            status = ${failed ? 'failed' : 'pending'}, finished_at = ${failed ? sql`now()` : sql`null`},
            run_at = ${new Date(this.o.clock.now().getTime() + backoffSeconds(j.attempts) * 1000)}
          where id = ${j.id}`);
        this.o.log?.error(
          { jobId: j.id, kind: j.kind, attempt: j.attempts, err: safeError(err) },
          'job failed',
        );
      }
    }
    return claimed.length;
  }
}

export interface JobRequest {
  kind: string;
  payload?: Record<string, unknown>;
  /** When it is due, by the app's clock (`clock.now()` for "as soon as possible"). */
  runAt: Date;
  maxAttempts?: number;
  dedupeKey?: string;
}

type Executor = Pick<Database, 'db'> | { db: Database['db'] };

/** Adds a job (idempotent when dedupeKey is given). Pass a transaction's db to enqueue atomically. */
export async function enqueueJob(target: Executor, job: JobRequest): Promise<void> {
  await target.db.execute(sql`
    insert into job (id, kind, payload, run_at, max_attempts, dedupe_key)
    values (${uuidv7()}, ${job.kind}, ${JSON.stringify(job.payload ?? {})}::jsonb, ${job.runAt},
            ${job.maxAttempts ?? 5}, ${job.dedupeKey ?? null})
    on conflict (dedupe_key) do nothing`);
}
