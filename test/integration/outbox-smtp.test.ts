// The outbox against a real SMTP server: while the server is down or turning clients away nothing
// is lost and retries back off; once it is back every message arrives exactly once, also with two
// workers draining the same outbox at the same time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { Worker } from '../../src/platform/jobs/worker.ts';
import { enqueueMail } from '../../src/platform/mail/outbox.ts';
import { createTransport } from '../../src/platform/mail/transport.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { freePort, SmtpSink } from '../support/smtp.ts';

interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_epoch: number;
  has_sent_at: boolean;
}

describe('mail outbox with a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpSink;

  before(async () => {
    smtp = new SmtpSink(await freePort());
    // The server is down from the start: nothing listens on its port.
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  });
  after(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const outbox = () =>
    t.database.rows<OutboxRow>(sql`
      select id::text as id, status, attempts, last_error, sent_at is not null as has_sent_at,
             extract(epoch from next_attempt_at)::float8 as next_epoch
      from mail_outbox order by created_at, id`);
  const dbNow = async () =>
    (await t.database.rows<{ s: number }>(sql`select extract(epoch from now())::float8 as s`))[0]!.s;
  /** Runs one worker tick and returns the database clock before and after it. */
  const timedTick = async () => {
    const start = await dbNow();
    await t.app.klaster.worker.tick();
    return { start, end: await dbNow() };
  };
  /** The retry was scheduled `seconds` after the failed attempt, which happened during the tick. */
  const assertBackoff = (r: OutboxRow, tick: { start: number; end: number }, seconds: number) =>
    assert.ok(
      r.next_epoch >= tick.start + seconds - 0.01 && r.next_epoch <= tick.end + seconds + 0.01,
      `retry ${seconds} s after the attempt: ${r.next_epoch - tick.start} s after the tick began`,
    );
  const makeDue = () => t.database.db.execute(sql`update mail_outbox set next_attempt_at = now()`);

  it('keeps every message while SMTP is down, backing off, and delivers each exactly once when it is back', async () => {
    // Ten messages from a real flow (sign-ups send a verification link)…
    for (let i = 0; i < 10; i++) {
      const res = await t.client().post('/rejestracja', {
        name: `Mieszkaniec ${i}`,
        email: `mieszkaniec${i}@example.org`,
        password: 'rower kawa most zegar',
        locale: (['pl', 'en', 'uk'] as const)[i % 3]!,
        consents: ['terms'],
      });
      assert.equal(res.statusCode, 303, res.body);
    }
    // …and ten enqueued directly, as a module would.
    for (let i = 0; i < 10; i++) {
      await enqueueMail(t.database.db, {
        to: `powiadomienie${i}@example.org`,
        name: `Osoba ${i}`,
        locale: 'pl',
        template: 'passwordChanged',
        args: [],
      });
    }
    const queued = await outbox();
    assert.equal(queued.length, 20);

    // 1. Nothing listens: every attempt fails, is counted and pushed into the future.
    const down = await timedTick();
    let rows = await outbox();
    assert.equal(rows.length, 20, 'nothing lost');
    for (const r of rows) {
      assert.equal(r.status, 'pending');
      assert.equal(r.attempts, 1);
      assert.ok(r.last_error, 'the failure is recorded');
      assertBackoff(r, down, 5);
    }
    // Ticking again before the back-off ends tries nothing.
    await t.app.klaster.worker.tick();
    assert.deepEqual(
      (await outbox()).map((r) => r.attempts),
      rows.map(() => 1),
    );

    // 2. The server is up but turns clients away with 421: the wait doubles.
    smtp.mode = 'refuse';
    await smtp.start();
    await makeDue();
    const refused = await timedTick();
    rows = await outbox();
    assert.equal(smtp.received.length, 0);
    for (const r of rows) {
      assert.equal(r.status, 'pending');
      assert.equal(r.attempts, 2);
      assert.match(r.last_error ?? '', /421|not available/i);
      assertBackoff(r, refused, 10);
    }

    // 3. The server accepts again and the back-off has passed: everything goes, once.
    smtp.mode = 'accept';
    await makeDue();
    await t.app.klaster.worker.tick();
    rows = await outbox();
    assert.deepEqual(
      rows.map((r) => r.status),
      rows.map(() => 'sent'),
    );
    assert.ok(rows.every((r) => r.has_sent_at && r.attempts === 3));
    const counts = smtp.counts();
    assert.equal(counts.size, 20, 'twenty distinct messages arrived');
    assert.ok(
      [...counts.values()].every((n) => n === 1),
      'none twice',
    );
    for (const r of rows) assert.equal(counts.get(`<${r.id}@klaster.outbox>`), 1);
    const residents = new Set(smtp.received.flatMap((m) => m.to).filter((a) => a.startsWith('mieszkaniec')));
    assert.equal(residents.size, 10, 'every sign-up got its verification message');

    // Nothing is sent again later.
    await makeDue();
    await t.app.klaster.worker.tick();
    assert.equal(smtp.received.length, 20);
  });

  it('two workers draining at the same time deliver each message exactly once', async () => {
    smtp.mode = 'accept';
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) {
      ids.add(
        await enqueueMail(t.database.db, {
          to: `wspolbiezny${i}@example.org`,
          name: `Osoba ${i}`,
          locale: 'en',
          template: 'twoFactorEnabled',
          args: [],
        }),
      );
    }
    const second = new Worker({
      database: t.database,
      transport: createTransport({ smtpUrl: smtp.url, mailDir: t.dataDir }),
      mailFrom: 'Klaster <no-reply@klaster.example>',
      clock: t.clock,
    });
    await Promise.all([t.app.klaster.worker.tick(), second.tick(), t.app.klaster.worker.tick()]);
    await second.stop();

    const counts = smtp.counts();
    const delivered = [...ids].map((id) => counts.get(`<${id}@klaster.outbox>`) ?? 0);
    assert.deepEqual(
      delivered,
      [...ids].map(() => 1),
      `each of the 40 messages arrived once on ${t.driver}`,
    );
    const statuses = await t.database.rows<{ status: string }>(
      sql`select status from mail_outbox where template = 'twoFactorEnabled'`,
    );
    assert.deepEqual(
      statuses.map((r) => r.status),
      statuses.map(() => 'sent'),
    );
  });
});
