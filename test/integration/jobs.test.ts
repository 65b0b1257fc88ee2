// The job table and its worker: idempotent enqueueing, retries with back-off, recurring schedules
// shared by several workers, the retention purge; and mail written as .eml files without SMTP_URL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { schedulesOf } from '../../src/app.ts';
import { modules } from '../../src/modules/index.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { enqueueJob, type JobHandler, Worker } from '../../src/platform/jobs/worker.ts';
import { enqueueMail } from '../../src/platform/mail/outbox.ts';
import { createTestApp, readMailDir, type TestApp } from '../support/app.ts';

describe('jobs and the worker', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  // Due by the app's clock, which the worker reads: the database's now() has microseconds and
  // can fall after the app's millisecond clock read a moment later (CI once lost a retry to it).
  const makeJobsDue = (kind: string) =>
    t.database.db.execute(
      sql`update job set run_at = ${t.clock.now()} where kind = ${kind} and status = 'pending'`,
    );
  const jobsOf = (kind: string) =>
    t.database.rows<{
      status: string;
      attempts: number;
      last_error: string | null;
      wait_seconds: number;
      finished: boolean;
    }>(sql`
      select status, attempts, last_error, finished_at is not null as finished,
             extract(epoch from run_at - now())::float8 as wait_seconds
      from job where kind = ${kind} order by created_at`);

  it('without SMTP_URL writes each message as an .eml file under DATA_DIR/mail', async () => {
    const id = await enqueueMail(t.database.db, {
      to: 'ewa.kowalska@example.org',
      name: 'Ewa Kowalska',
      locale: 'uk',
      template: 'passwordChanged',
      args: [],
    });
    await t.app.klaster.worker.tick();
    const mails = readMailDir(t.dataDir).filter((m) => m.to.includes('ewa.kowalska@example.org'));
    assert.equal(mails.length, 1);
    assert.ok(mails[0]!.file.endsWith(`${id}.eml`));
    assert.match(mails[0]!.raw, new RegExp(`Message-ID: <${id}@klaster.outbox>`, 'i'));
    assert.equal(
      mails[0]!.subject,
      'Пароль до вашого облікового запису змінено',
      'in the recipient’s language',
    );
    assert.match(mails[0]!.raw, /Content-Type: text\/html/i, 'with an HTML part');
    const [row] = await t.database.rows<{ status: string }>(
      sql`select status from mail_outbox where id = ${id}`,
    );
    assert.equal(row?.status, 'sent');
  });

  it('enqueueing with the same dedupe key twice creates one job, run once', async () => {
    let runs = 0;
    t.app.klaster.worker.register('test.remind', async (payload) => {
      runs += 1;
      assert.equal(payload.booking, 'b-1');
    });
    await enqueueJob(t.database, {
      kind: 'test.remind',
      payload: { booking: 'b-1' },
      dedupeKey: 'remind:b-1',
      runAt: t.clock.now(),
    });
    await enqueueJob(t.database, {
      kind: 'test.remind',
      payload: { booking: 'b-1' },
      dedupeKey: 'remind:b-1',
      runAt: t.clock.now(),
    });
    // Also inside a transaction, as a module would enqueue together with its change.
    await t.database.db.transaction(async (tx) => {
      await enqueueJob(
        { db: tx as never },
        { kind: 'test.remind', payload: { booking: 'b-1' }, dedupeKey: 'remind:b-1', runAt: t.clock.now() },
      );
    });
    assert.equal((await jobsOf('test.remind')).length, 1);
    await t.app.klaster.worker.tick();
    await t.app.klaster.worker.tick();
    assert.equal(runs, 1);
    const [job] = await jobsOf('test.remind');
    assert.equal(job?.status, 'done');
    assert.equal(job?.finished, true);
  });

  it('retries a failing job with growing back-off, then marks it failed after maxAttempts', async () => {
    let calls = 0;
    t.app.klaster.worker.register('test.flaky', async () => {
      calls += 1;
      throw new Error(`remote service unavailable (call ${calls})`);
    });
    await enqueueJob(t.database, { kind: 'test.flaky', maxAttempts: 3, runAt: t.clock.now() });

    await t.app.klaster.worker.tick();
    let [job] = await jobsOf('test.flaky');
    assert.equal(job?.status, 'pending');
    assert.equal(job?.attempts, 1);
    assert.match(job?.last_error ?? '', /call 1/);
    assert.ok(job!.wait_seconds > 3 && job!.wait_seconds <= 5, `first retry in ~5 s: ${job!.wait_seconds}`);

    await t.app.klaster.worker.tick();
    assert.equal(calls, 1, 'not retried before the back-off ends');

    await makeJobsDue('test.flaky');
    await t.app.klaster.worker.tick();
    [job] = await jobsOf('test.flaky');
    assert.equal(job?.status, 'pending');
    assert.equal(job?.attempts, 2);
    assert.ok(
      job!.wait_seconds > 8 && job!.wait_seconds <= 10,
      `second retry in ~10 s: ${job!.wait_seconds}`,
    );

    await makeJobsDue('test.flaky');
    await t.app.klaster.worker.tick();
    [job] = await jobsOf('test.flaky');
    assert.equal(job?.status, 'failed');
    assert.equal(job?.attempts, 3);
    assert.equal(job?.finished, true);
    assert.match(job?.last_error ?? '', /call 3/);

    await t.database.db.execute(sql`update job set run_at = ${t.clock.now()} where kind = 'test.flaky'`);
    await t.app.klaster.worker.tick();
    assert.equal(calls, 3, 'a failed job is not run again');
  });

  it('keeps only the first line of an error, which staff read on the dashboard', async () => {
    t.app.klaster.worker.register('test.dberror', async () => {
      throw new Error('Failed query: insert into org_member …\nparams: anna@example.pl,+48 600 100 200');
    });
    await enqueueJob(t.database, { kind: 'test.dberror', maxAttempts: 1, runAt: t.clock.now() });
    await t.app.klaster.worker.tick();
    const [job] = await jobsOf('test.dberror');
    assert.equal(job?.last_error, 'Failed query: insert into org_member …');
  });

  it('a job nobody handles fails with a clear error instead of vanishing', async () => {
    await enqueueJob(t.database, { kind: 'test.unknown', maxAttempts: 1, runAt: t.clock.now() });
    await t.app.klaster.worker.tick();
    const [job] = await jobsOf('test.unknown');
    assert.equal(job?.status, 'failed');
    assert.match(job?.last_error ?? '', /no handler for job kind test\.unknown/);
  });

  it('a schedule fires once per interval, even with two workers ticking at once', async () => {
    let runs = 0;
    const count: JobHandler = async () => {
      runs += 1;
    };
    const schedule = [{ name: 'test.hourly', intervalSeconds: 3600, kind: 'test.count' }];
    const workers = [0, 1].map(
      () =>
        new Worker({
          database: t.database,
          transport: t.app.klaster.transport,
          mailFrom: 'Klaster <no-reply@klaster.example>',
          clock: t.clock,
          schedules: schedule,
          handlers: { 'test.count': count },
        }),
    );
    await Promise.all(workers.map((w) => w.installSchedules()));
    const [installed] = await t.database.rows<{ n: number; wait: number }>(sql`
      select count(*)::int as n, max(extract(epoch from next_run_at - now()))::float8 as wait
      from job_schedule where name = 'test.hourly'`);
    assert.equal(installed?.n, 1);
    assert.ok(installed!.wait > 3500, 'first run one interval after installation');

    await Promise.all(workers.map((w) => w.tick()));
    assert.equal(runs, 0, 'not due yet');

    const due = () =>
      t.database.db.execute(sql`update job_schedule set next_run_at = now() where name = 'test.hourly'`);
    await due();
    await Promise.all([...workers, ...workers].map((w) => w.tick()));
    assert.equal(runs, 1, 'fired once although four ticks saw it due');
    await Promise.all(workers.map((w) => w.tick()));
    assert.equal(runs, 1, 'not again within the interval');
    const [next] = await t.database.rows<{ wait: number; ran: boolean }>(sql`
      select extract(epoch from next_run_at - now())::float8 as wait, last_run_at is not null as ran
      from job_schedule where name = 'test.hourly'`);
    assert.ok(next!.wait > 3500 && next!.wait <= 3600, `next run an hour later: ${next!.wait}`);
    assert.equal(next!.ran, true);

    await due();
    await Promise.all(workers.map((w) => w.tick()));
    assert.equal(runs, 2, 'fires again in the next interval');
    await Promise.all(workers.map((w) => w.stop()));
  });

  it('the app installs the retention schedule', async () => {
    await t.app.klaster.worker.installSchedules();
    const rows = await t.database.rows<{ name: string }>(sql`select name from job_schedule`);
    for (const s of schedulesOf(modules))
      assert.ok(
        rows.some((r) => r.name === s.name),
        `${s.name} installed`,
      );
  });

  it('the retention job deletes what has expired and keeps what is fresh', async () => {
    const { id: userId } = await t.signedIn('resident').then((c) => ({ id: c.userId }));
    const db = t.database.db;
    const past = (interval: string) => sql`now() - ${interval}::interval`;
    const future = (interval: string) => sql`now() + ${interval}::interval`;
    await db.execute(sql`
      insert into auth_session (id, token, user_id, expires_at) values
        ('s-expired', 'tok-expired', ${userId}, ${past('1 hour')}),
        ('s-fresh', 'tok-fresh', ${userId}, ${future('6 days')})`);
    await db.execute(sql`
      insert into auth_verification (id, identifier, value, expires_at) values
        ('v-expired', 'email-verification', 'x', ${past('1 minute')}),
        ('v-fresh', 'email-verification', 'y', ${future('23 hours')})`);
    await db.execute(sql`
      insert into auth_sign_in_attempt (key, window_start, failures, locked_at) values
        ('old@example.org', ${past('2 days')}, 3, null), ('new@example.org', ${past('5 minutes')}, 1, null),
        ('locked@example.org', ${past('1 day 1 minute')}, 3, ${past('23 hours 55 minutes')}),
        ('unlocked@example.org', ${past('2 days')}, 3, ${past('1 day 1 minute')})`);
    const mail = (status: string, created: string, sent: string | null) => sql`
      insert into mail_outbox (id, to_address, template, subject, text_body, html_body, status, created_at, sent_at)
      values (${uuidv7()}, ${`${status}-${created}@example.org`}, 'passwordChanged', 's', 't', 'h', ${status},
              ${past(created)}, ${sent === null ? null : past(sent)})`;
    await db.execute(mail('sent', '100 days', '100 days'));
    await db.execute(mail('sent', '10 days', '10 days'));
    await db.execute(mail('failed', '200 days', null));
    await db.execute(mail('failed', '20 days', null));
    await db.execute(mail('pending', '300 days', null));
    await db.execute(sql`
      insert into job (id, kind, status, finished_at) values
        (${uuidv7()}, 'test.old', 'done', ${past('31 days')}),
        (${uuidv7()}, 'test.recent', 'done', ${past('1 day')})`);

    // Run it the way production does: as a job picked up by the worker.
    await enqueueJob(t.database, {
      kind: 'retention.purge',
      payload: { schedule: 'retention' },
      runAt: t.clock.now(),
    });
    await t.app.klaster.worker.tick();
    const [purge] = await jobsOf('retention.purge');
    assert.equal(purge?.status, 'done', purge?.last_error ?? '');

    const ids = async (query: ReturnType<typeof sql>) =>
      (await t.database.rows<{ id: string }>(query)).map((r) => r.id).sort();
    assert.deepEqual(await ids(sql`select id from auth_session where id like 's-%'`), ['s-fresh']);
    assert.deepEqual(await ids(sql`select id from auth_verification where id like 'v-%'`), ['v-fresh']);
    assert.deepEqual(await ids(sql`select key as id from auth_sign_in_attempt`), [
      'locked@example.org',
      'new@example.org',
    ]);
    assert.deepEqual(
      await ids(
        sql`select to_address as id from mail_outbox where template = 'passwordChanged' and subject = 's'`,
      ),
      ['failed-20 days@example.org', 'pending-300 days@example.org', 'sent-10 days@example.org'],
    );
    assert.deepEqual(
      await ids(sql`select kind as id from job where kind like 'test.old' or kind = 'test.recent'`),
      ['test.recent'],
    );
    // The signed-in user's own live session survived.
    const [live] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from auth_session where user_id = ${userId} and id not like 's-%'`,
    );
    assert.equal(live?.n, 1);
  });
});
