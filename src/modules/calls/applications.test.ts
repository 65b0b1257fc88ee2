// Applying to a call: a draft over several visits, the submission with its number before the
// deadline (and never after it, whatever the load), withdrawal, who may apply and write, and a form
// that changes once the call is open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { ForbiddenError } from '../../platform/http/errors.ts';
import { refused, testOrganisation, testPeople } from '../events/test-helpers.ts';
import type { CallsServices } from './service.ts';
import {
  callInputFor,
  callsOf,
  completeAnswers,
  minutesFromNow,
  publishedCall,
  testFields,
} from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
type Person = Awaited<ReturnType<typeof testPeople>>[number];
let staff: { id: string; role: 'staff' };
let people: Person[];

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = { id: s!.id, role: 'staff' };
  people = await testPeople(t.database, 8);
});
after(() => t.close());

const at = (actor: Person, now: Date) => ({ ...as(actor), now });
const forbidden = async (p: Promise<unknown>, reason: string) =>
  assert.rejects(p, (e: unknown) => e instanceof ForbiddenError && e.message === reason);
const applicationRow = async (id: string) =>
  (
    await queryRows<{ status: string; number: string | null; seq: number | null }>(
      t.database.db,
      sql`select status, number, seq from call_application where id = ${id}`,
    )
  )[0];

describe('an application from draft to submission', () => {
  test('saved over two visits, submitted with its number, a mail and an audit row', async () => {
    const callId = await publishedCall(svc, staff, { numberPrefix: 'ZB' });
    // A prefix is one call's in a year.
    await refused(
      svc.calls.create(as(staff), callInputFor({ numberPrefix: 'ZB' })),
      'prefixTaken',
      'numberPrefix',
    );
    const anna = people[0]!;
    const draft = await svc.applications.start(as(anna), callId);
    assert.equal(draft.status, 'draft');
    await svc.applications.save(as(anna), draft.id, {
      title: 'Warsztaty',
      answers: { summary: 'Pierwsza wersja' },
    });
    const second = await svc.applications.save(as(anna), draft.id, {
      title: 'Warsztaty',
      answers: completeAnswers,
    });
    assert.equal(second.amountRequested, 500_000);
    const done = await svc.applications.submit(as(anna), draft.id);
    const year = new Date(minutesFromNow(-24 * 60)).toLocaleString('en', {
      timeZone: 'Europe/Warsaw',
      year: 'numeric',
    });
    assert.equal(done.number, `ZB/${year}/0001`);
    assert.equal(done.status, 'submitted');
    const mails = await queryRows<{ subject: string; text_body: string }>(
      t.database.db,
      sql`select subject, text_body from mail_outbox where to_address = ${anna.email} and template = 'callsSubmitted'`,
    );
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /ZB\/\d{4}\/0001/);
    assert.match(mails[0]!.text_body, new RegExp(`/nabory/wnioski/${draft.id}`));
    const audits = await queryRows(
      t.database.db,
      sql`select 1 from audit_log where action = 'call_application.submitted' and entity_id = ${draft.id}`,
    );
    assert.equal(audits.length, 1);
    // Submitted once: a second submission is refused and the number stays.
    await refused(svc.applications.submit(as(anna), draft.id), 'notDraft');
    assert.equal((await applicationRow(draft.id))?.number, done.number);
  });

  test('a missing required answer or an amount above the limit: refused, nothing stored', async () => {
    const callId = await publishedCall(svc, staff);
    const ben = people[1]!;
    const draft = await svc.applications.start(as(ben), callId);
    await svc.applications.save(as(ben), draft.id, {
      title: 'Ogród',
      answers: { summary: 'Ogród społeczny' },
    });
    const err = await refused(svc.applications.submit(as(ben), draft.id), 'required', 'a.amount');
    assert.deepEqual(Object.keys(err.details.errors as object).sort(), ['amount', 'truth']);
    await refused(
      svc.applications.save(as(ben), draft.id, {
        title: 'Ogród',
        answers: { ...completeAnswers, amount: 1_000_001 },
      }),
      'aboveMaxAmount',
      'a.amount',
    );
    const row = await applicationRow(draft.id);
    assert.deepEqual(row, { status: 'draft', number: null, seq: null });
    const [counter] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select numbers_issued as n from call_call where id = ${callId}`,
    );
    assert.equal(counter!.n, 0);
  });

  test('a submission at the deadline is refused; one a second before it is in', async () => {
    const deadlineAt = minutesFromNow(60);
    const callId = await publishedCall(svc, staff, { deadlineAt });
    const [cara, dan] = [people[2]!, people[3]!];
    const late = await svc.applications.start(as(cara), callId);
    const inTime = await svc.applications.start(as(dan), callId);
    for (const [p, id] of [
      [cara, late.id],
      [dan, inTime.id],
    ] as const)
      await svc.applications.save(as(p), id, { title: 'Wniosek', answers: completeAnswers });
    await refused(svc.applications.submit(at(cara, deadlineAt), late.id), 'deadlinePassed');
    await refused(
      svc.applications.save(at(cara, deadlineAt), late.id, { title: 'Po terminie' }),
      'deadlinePassed',
    );
    const ok = await svc.applications.submit(at(dan, new Date(deadlineAt.getTime() - 1000)), inTime.id);
    assert.equal(ok.status, 'submitted');
    assert.deepEqual(await applicationRow(late.id), { status: 'draft', number: null, seq: null });
  });

  test('withdrawn before the deadline (the number kept), then started again; a draft is discarded', async () => {
    const callId = await publishedCall(svc, staff);
    const eva = people[4]!;
    const first = await svc.applications.start(as(eva), callId);
    await refused(svc.applications.start(as(eva), callId), 'alreadyApplied');
    await svc.applications.save(as(eva), first.id, { title: 'Wniosek', answers: completeAnswers });
    const submitted = await svc.applications.submit(as(eva), first.id);
    const withdrawn = await svc.applications.withdraw(as(eva), first.id);
    assert.equal(withdrawn?.status, 'withdrawn');
    assert.equal(withdrawn?.number, submitted.number);
    const second = await svc.applications.start(as(eva), callId);
    assert.equal(await svc.applications.withdraw(as(eva), second.id), null);
    assert.equal(await applicationRow(second.id), undefined);
    const mine = await svc.applications.mine(as(eva));
    assert.deepEqual(
      mine.map((a) => a.status),
      ['withdrawn'],
    );
  });
});

describe('who may apply and write', () => {
  test('for an organisation: its members only, verified, of a kind the call admits; a stranger cannot write', async () => {
    const callId = await publishedCall(svc, staff, {
      personsMayApply: false,
      organisationKinds: ['association'],
    });
    const [owner, member, stranger] = [people[5]!, people[6]!, people[7]!];
    const verified = await testOrganisation(t.database, [owner, member]);
    const pending = await testOrganisation(t.database, [owner], 'pending');
    await forbidden(svc.applications.start(as(owner), callId), 'personsMayNotApply');
    await forbidden(svc.applications.start(as(stranger), callId, verified), 'notMember');
    await forbidden(svc.applications.start(as(owner), callId, pending), 'organisationNotVerified');
    const foundation = await testOrganisation(t.database, [owner]);
    await t.database.db.execute(
      sql`update org_organisation set kind = 'foundation' where id = ${foundation}`,
    );
    await forbidden(svc.applications.start(as(owner), callId, foundation), 'organisationKindNotAllowed');
    const draft = await svc.applications.start(as(owner), callId, verified);
    // Another member of the organisation carries on; one application per organisation and call.
    await svc.applications.save(as(member), draft.id, {
      title: 'Wniosek stowarzyszenia',
      answers: completeAnswers,
    });
    await refused(svc.applications.start(as(member), callId, verified), 'alreadyApplied');
    await forbidden(svc.applications.save(as(stranger), draft.id, { title: 'Przejęty' }), 'notYours');
    await forbidden(svc.applications.submit(as(stranger), draft.id), 'notYours');
    await forbidden(svc.applications.get(as(stranger), draft.id), 'notYours');
    assert.equal((await svc.applications.get(as(member), draft.id)).title, 'Wniosek stowarzyszenia');
  });

  test('a call not yet open, or a draft call, takes no applications; only staff write calls', async () => {
    const later = await svc.calls.create(as(staff), callInputFor({ opensAt: minutesFromNow(24 * 60) }));
    await svc.calls.setForm(as(staff), later.id, testFields);
    await refused(svc.applications.start(as(people[0]!), later.id), 'callNotOpen');
    await svc.calls.publish(as(staff), later.id);
    await refused(svc.applications.start(as(people[0]!), later.id), 'callNotOpen');
    await forbidden(svc.calls.setForm(as(people[0]!), later.id, testFields), 'staffOnly');
  });
});

describe('the form in versions', () => {
  test('once the call is published a change makes a new version; an application keeps the one it answers', async () => {
    const callId = await publishedCall(svc, staff);
    const old = await svc.applications.start(as(people[2]!), callId);
    const v2 = await svc.calls.setForm(as(staff), callId, [
      ...testFields,
      { key: 'partner', type: 'short_text', label: { pl: 'Partner' }, required: true, maxLength: 100 },
    ]);
    assert.equal(v2.version, 2);
    const fresh = await svc.applications.start(as(people[3]!), callId);
    assert.equal(old.formVersion, 1);
    assert.equal(fresh.formVersion, 2);
    // The old one is complete without the new field; the new one is not.
    await svc.applications.save(as(people[2]!), old.id, {
      title: 'Stary formularz',
      answers: completeAnswers,
    });
    assert.equal((await svc.applications.submit(as(people[2]!), old.id)).status, 'submitted');
    await svc.applications.save(as(people[3]!), fresh.id, {
      title: 'Nowy formularz',
      answers: completeAnswers,
    });
    await refused(svc.applications.submit(as(people[3]!), fresh.id), 'required', 'a.partner');
    // An answer to a field its version does not have is refused; a submitted one is not saved again.
    await refused(svc.applications.save(as(people[2]!), old.id, { title: 'Zmiana' }), 'notDraft');
    await refused(
      svc.applications.save(as(people[3]!), fresh.id, { title: 'x', answers: { budget_note: 'Fundacja' } }),
      'unknownField',
    );
  });
});

describe('the last second before the deadline', () => {
  test('200 parallel submissions: every one accepted with a unique number, or refused as late and left a draft', async () => {
    const deadlineAt = minutesFromNow(120);
    const callId = await publishedCall(svc, staff, { deadlineAt, numberPrefix: 'RUSH' });
    const crowd = await testPeople(t.database, 200);
    const drafts: string[] = [];
    for (const p of crowd) {
      const d = await svc.applications.start(as(p), callId);
      await svc.applications.save(as(p), d.id, { title: `Wniosek ${p.name}`, answers: completeAnswers });
      drafts.push(d.id);
    }
    // The requests arrive every 7 ms over the last second and a bit: 143 before the deadline, 57 at or after it.
    const arrival = (i: number) => new Date(deadlineAt.getTime() - 1000 + i * 7);
    const results = await Promise.allSettled(
      crowd.map((p, i) => svc.applications.submit(at(p, arrival(i)), drafts[i]!)),
    );
    const expectedIn = crowd.filter((_, i) => arrival(i) < deadlineAt).length;
    assert.equal(expectedIn, 143);
    for (const [i, r] of results.entries()) {
      if (arrival(i) < deadlineAt) assert.equal(r.status, 'fulfilled', `request ${i} arrived in time`);
      else {
        assert.equal(r.status, 'rejected', `request ${i} arrived late`);
        assert.equal((r as PromiseRejectedResult).reason.code, 'deadlinePassed');
      }
    }
    const rows = await queryRows<{ status: string; number: string | null; seq: number | null }>(
      t.database.db,
      sql`select status, number, seq from call_application where call_id = ${callId} order by seq nulls last`,
    );
    const submitted = rows.filter((r) => r.status === 'submitted');
    assert.equal(submitted.length, 143);
    assert.deepEqual(
      submitted.map((r) => r.seq),
      Array.from({ length: 143 }, (_, i) => i + 1),
    );
    assert.equal(new Set(submitted.map((r) => r.number)).size, 143);
    assert.ok(submitted.every((r) => /^RUSH\/\d{4}\/\d{4}$/.test(r.number!)));
    // Never half-stored: the late ones are drafts without a number, and the counter says 143.
    assert.ok(rows.filter((r) => r.status === 'draft').every((r) => r.number === null && r.seq === null));
    assert.equal(rows.filter((r) => r.status === 'draft').length, 57);
    const [counter] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select numbers_issued as n from call_call where id = ${callId}`,
    );
    assert.equal(counter!.n, 143);
    assert.ok(testClock.now() < deadlineAt);
  });
});

describe('personal data', () => {
  test("the export lists a person's applications; deleting the account discards drafts and keeps submitted ones; a juror is refused", async () => {
    const [fay, juror] = await testPeople(t.database, 2);
    const first = await publishedCall(svc, staff);
    const second = await publishedCall(svc, staff);
    const draft = await svc.applications.start(as(fay!), first);
    const sent = await svc.applications.start(as(fay!), second);
    await svc.applications.save(as(fay!), sent.id, { title: 'Złożony', answers: completeAnswers });
    await svc.applications.submit(as(fay!), sent.id);
    const exported = (await svc.privacy.exportFor(fay!.id)) as {
      applications: Array<{ status: string; answers: unknown }>;
    };
    assert.deepEqual(exported.applications.map((a) => a.status).sort(), ['draft', 'submitted']);
    assert.deepEqual(exported.applications.find((a) => a.status === 'submitted')?.answers, completeAnswers);
    await t.database.db.transaction((tx) => svc.privacy.eraseFor(fay!.id, tx));
    assert.equal(await applicationRow(draft.id), undefined);
    assert.equal((await applicationRow(sent.id))?.status, 'submitted');

    await svc.judging.jury.appoint(as(staff), first, juror!.id, 'member');
    await assert.rejects(
      t.database.db.transaction((tx) => svc.privacy.eraseFor(juror!.id, tx)),
      (e: unknown) =>
        e instanceof Error && (e as { code?: string }).code === 'calls.errors.jurorCannotBeDeleted',
    );
  });
});
