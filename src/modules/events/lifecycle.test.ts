// An event's life driven through the service of the real app: drafts, review, publication (now or
// later), cancellation and postponement, each refusal of bad input with nothing stored, the audit rows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.ts';
import type { EventsService } from './service.ts';
import {
  eventInput,
  eventsOf,
  publishedEvent,
  refused,
  testOrganisation,
  testPeople,
  testSubarea,
} from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let staff: Awaited<ReturnType<typeof testPeople>>[number] & { role: 'staff' };

async function forbidden(p: Promise<unknown>, reason: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof ForbiddenError, `expected a 403 ${reason}, got ${String(err)}`);
  assert.equal(err.message, reason);
}

const eventCount = async () =>
  Number(
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from event_event`))[0]?.n,
  );

const auditOf = (id: string) =>
  queryRows<{ action: string; actor_id: string }>(
    t.database.db,
    sql`select action, actor_id from audit_log where entity_id = ${id} order by created_at, id`,
  );

before(async () => {
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = s as typeof staff;
});
after(() => t.close());

describe('proposing and reviewing', () => {
  test('a member of a verified organisation writes a draft, submits it, and staff publish it', async () => {
    const [member] = await testPeople(t.database, 1);
    const org = await testOrganisation(t.database, [member!]);
    const subarea = await testSubarea(t.database);
    const draft = await svc.create(
      as(member!),
      eventInput({
        organiserUnit: undefined,
        organisationId: org,
        subareaId: subarea,
        series: 'Tydzień Rewitalizacji',
      }),
    );
    assert.equal(draft.status, 'draft');
    assert.equal(draft.title.en, 'Consultation meeting');
    assert.equal(draft.description.pl, 'Rozmawiamy o **rewitalizacji**.');
    assert.equal(draft.organisationId, org);
    assert.equal(draft.subareaId, subarea);
    // A draft is not public: a stranger does not find it, its member does.
    const [stranger] = await testPeople(t.database, 1);
    await assert.rejects(svc.get(as(stranger!), draft.id), NotFoundError);
    assert.equal((await svc.get(as(member!), draft.id)).id, draft.id);

    assert.equal((await svc.submit(as(member!), draft.id)).status, 'submitted');
    await refused(svc.submit(as(member!), draft.id), 'notSubmittable');
    await forbidden(svc.publish(as(member!), draft.id), 'staffOnly');
    const published = await svc.publish(as(staff), draft.id);
    assert.equal(published.status, 'published');
    assert.equal((await svc.get(as(stranger!), draft.id)).status, 'published');
    assert.deepEqual(
      (await auditOf(draft.id)).map((a) => a.action),
      ['event.created', 'event.submitted', 'event.published'],
    );
    assert.equal((await auditOf(draft.id))[0]?.actor_id, member!.id);
  });

  test('a member of an unverified organisation may not propose; an outsider may not propose for it', async () => {
    const [member, outsider] = await testPeople(t.database, 2);
    const pending = await testOrganisation(t.database, [member!], 'pending');
    const verified = await testOrganisation(t.database, [member!]);
    const before = await eventCount();
    await forbidden(
      svc.create(as(member!), eventInput({ organiserUnit: undefined, organisationId: pending })),
      'organisationNotVerified',
    );
    await forbidden(
      svc.create(as(outsider!), eventInput({ organiserUnit: undefined, organisationId: verified })),
      'notMember',
    );
    // Only staff write events of a city unit.
    await forbidden(svc.create(as(outsider!), eventInput()), 'notMember');
    assert.equal(await eventCount(), before);
  });

  test('staff ask for changes (back to a draft with the note) or reject with a reason', async () => {
    const [member] = await testPeople(t.database, 1);
    const org = await testOrganisation(t.database, [member!]);
    const a = await svc.create(as(member!), eventInput({ organiserUnit: undefined, organisationId: org }));
    await svc.submit(as(member!), a.id);
    await refused(svc.requestChanges(as(staff), a.id, '   '), 'reasonRequired', 'reason');
    await forbidden(svc.requestChanges(as(member!), a.id, 'Dodaj adres'), 'staffOnly');
    const back = await svc.requestChanges(as(staff), a.id, 'Dodaj informację o dostępności.');
    assert.equal(back.status, 'draft');
    assert.equal(back.reviewNote, 'Dodaj informację o dostępności.');
    await svc.submit(as(member!), a.id);
    const rejected = await svc.reject(as(staff), a.id, 'Wydarzenie komercyjne, poza programem.');
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.reviewNote, 'Wydarzenie komercyjne, poza programem.');
    await refused(svc.submit(as(member!), a.id), 'notSubmittable');
    await refused(svc.reject(as(staff), a.id, 'Jeszcze raz'), 'notSubmitted');
    assert.deepEqual(
      (await auditOf(a.id)).map((x) => x.action),
      ['event.created', 'event.submitted', 'event.changes_requested', 'event.submitted', 'event.rejected'],
    );
  });

  test('staff publish directly at a later time: the public see it only from then', async () => {
    const draft = await svc.create(as(staff), eventInput());
    const at = new Date(testClock.now().getTime() + 3 * 86_400_000);
    await refused(
      svc.publish(as(staff), draft.id, { at: new Date(testClock.now().getTime() - 60_000) }),
      'publishAtPast',
      'at',
    );
    await svc.publish(as(staff), draft.id, { at });
    const [resident] = await testPeople(t.database, 1);
    await assert.rejects(svc.get(as(resident!), draft.id), NotFoundError);
    await testClock.at(new Date(at.getTime() + 1000), async () => {
      assert.equal((await svc.get(as(resident!), draft.id)).status, 'published');
    });
  });
});

describe('bad input: a clear refusal and nothing stored', () => {
  const cases: Array<[string, Parameters<typeof eventInput>[0], string, string | undefined]> = [
    [
      'an end before the start',
      { endsAt: new Date(testClock.now().getTime() + 86_400_000) },
      'endBeforeStart',
      'endsAt',
    ],
    ['an over-long title', { title: { pl: 'x'.repeat(201) } }, 'tooLong', 'title.pl'],
    ['an over-long description', { description: { pl: 'x'.repeat(20_001) } }, 'tooLong', 'description.pl'],
    ['no title', { title: { pl: '  ' } }, 'required', 'title.pl'],
    ['no venue and no link', { venue: null, onlineUrl: null }, 'venueRequired', 'venue'],
    ['no organiser', { organiserUnit: undefined }, 'organiserRequired', 'organisationId'],
    [
      'an unknown subarea',
      { subareaId: '0190a000-0000-7000-8000-000000000000' },
      'unknownSubarea',
      'subareaId',
    ],
    [
      'a registration window closing after the start',
      { registrationClosesAt: new Date(testClock.now().getTime() + 30 * 86_400_000) },
      'windowAfterStart',
      'registrationClosesAt',
    ],
    [
      'a choice question with one answer',
      {
        questions: [
          {
            key: 'diet',
            kind: 'choice',
            label: { pl: 'Dieta' },
            required: false,
            options: [{ key: 'v', label: { pl: 'Wege' } }],
          },
        ],
      },
      'choiceWithoutOptions',
      'questions.0.options',
    ],
    [
      'two questions with one key',
      {
        questions: [
          { key: 'a', kind: 'text', label: { pl: 'A' }, required: false },
          { key: 'a', kind: 'yesno', label: { pl: 'B' }, required: false },
        ],
      },
      'duplicateQuestion',
      'questions.1.key',
    ],
    ['a link that is not http', { venue: null, onlineUrl: 'javascript:alert(1)' }, 'invalid', 'onlineUrl'],
    [
      'a script in the description',
      { description: { pl: 'Zapraszamy <script>alert(1)</script>' } },
      'unsafeMarkup',
      'description.pl',
    ],
    [
      'a javascript: link in the English description',
      { description: { pl: 'Opis', en: '[kliknij](javascript:alert(1))' } },
      'unsafeMarkup',
      'description.en',
    ],
  ];
  for (const [name, overrides, code, field] of cases)
    test(name, async () => {
      const before = await eventCount();
      await refused(svc.create(as(staff), eventInput(overrides)), code, field);
      assert.equal(await eventCount(), before);
    });

  test('a capacity below the places already taken', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 5 });
    const people = await testPeople(t.database, 3);
    for (const p of people) await svc.register(as(p), id, {});
    const input = eventInput({ capacity: 2 });
    const current = await svc.get(as(staff), id);
    const err = await refused(
      svc.update(as(staff), id, { ...input, startsAt: current.startsAt, endsAt: current.endsAt }),
      'capacityBelowTaken',
      'capacity',
    );
    assert.equal(err.details.taken, 3);
    assert.equal((await svc.get(as(staff), id)).registration?.capacity, 5);
  });

  test('the date of a published event changes only by postponing it', async () => {
    const id = await publishedEvent(svc, staff);
    await refused(svc.update(as(staff), id, eventInput({}, 12)), 'datesByPostpone', 'startsAt');
  });
});

test('the audit log names an event and a registration by the event title, in the reader language', async () => {
  const id = await publishedEvent(svc, staff);
  const [anna] = await testPeople(t.database, 1);
  const reg = await svc.register(as(anna!), id, {});
  const events = await svc.auditNames.event!([id, 'not-an-id'], 'en');
  assert.deepEqual(events.get(id), { name: 'Consultation meeting' });
  assert.equal(events.size, 1);
  const regs = await svc.auditNames.event_registration!([reg.id], 'uk');
  assert.deepEqual(regs.get(reg.id), { name: 'Spotkanie konsultacyjne', lang: 'pl' });
});

describe('cancelling and postponing', () => {
  test('a cancelled event stays visible with its reason, and its registrants are told', async () => {
    const id = await publishedEvent(svc, staff);
    const [anna] = await testPeople(t.database, 1);
    await svc.register(as(anna!), id, {});
    await refused(svc.cancel(as(staff), id, ''), 'reasonRequired', 'reason');
    const cancelled = await svc.cancel(as(staff), id, 'Choroba prowadzącej.');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancelReason, 'Choroba prowadzącej.');
    const [resident] = await testPeople(t.database, 1);
    assert.equal((await svc.get(as(resident!), id)).cancelReason, 'Choroba prowadzącej.');
    const mails = await queryRows<{ subject: string; text_body: string }>(
      t.database.db,
      sql`select subject, text_body from mail_outbox where to_address = ${anna!.email} and template = 'eventsEventCancelled'`,
    );
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /^Wydarzenie odwołane: Spotkanie konsultacyjne/);
    assert.match(mails[0]!.text_body, /Powód: Choroba prowadzącej\./);
    await refused(svc.cancel(as(staff), id, 'Znowu'), 'notCancellable');
    await refused(svc.register(as(resident!), id, {}), 'eventCancelled');
  });

  test('a postponed event keeps its registrations, names its new date and tells them with a link', async () => {
    const id = await publishedEvent(svc, staff);
    const [anna] = await testPeople(t.database, 1);
    await svc.register(as(anna!), id, {});
    const before = await svc.get(as(staff), id);
    const startsAt = new Date(before.startsAt.getTime() + 7 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    await refused(svc.postpone(as(staff), id, { startsAt, endsAt: startsAt }), 'endBeforeStart', 'endsAt');
    const moved = await svc.postpone(as(staff), id, { startsAt, endsAt });
    assert.equal(moved.status, 'postponed');
    assert.equal(moved.startsAt.getTime(), startsAt.getTime());
    assert.equal(moved.postponedFrom?.getTime(), before.startsAt.getTime());
    assert.equal((await svc.mine(as(anna!), id))?.status, 'confirmed');
    const [mail] = await queryRows<{ text_body: string }>(
      t.database.db,
      sql`select text_body from mail_outbox where to_address = ${anna!.email} and template = 'eventsEventPostponed'`,
    );
    assert.match(mail!.text_body, /\/wydarzenia\/zapis\/[A-Za-z0-9_-]{43}/);
  });

  test('a new place is told to everyone registered, with their link; other changes and cancelled people hear nothing', async () => {
    const id = await publishedEvent(svc, staff);
    const [anna, borys] = await testPeople(t.database, 2);
    await svc.register(as(anna!), id, {});
    await svc.register(as(borys!), id, {});
    await svc.cancelMine(as(borys!), id);
    const ev = await svc.get(as(staff), id);
    const same = { startsAt: ev.startsAt, endsAt: ev.endsAt };
    const told = (email: string) =>
      queryRows<{ subject: string; text_body: string }>(
        t.database.db,
        sql`select subject, text_body from mail_outbox where to_address = ${email} and template = 'eventsEventVenueChanged'`,
      );
    await svc.update(as(staff), id, eventInput({ ...same, capacity: 12 }));
    assert.equal((await told(anna!.email)).length, 0, 'a new capacity is no news to a registrant');
    await svc.update(
      as(staff),
      id,
      eventInput({
        ...same,
        venue: { address: 'Centrum Obywatelskie, ul. Reymonta 20, Kraków', lat: null, lng: null },
      }),
    );
    const [mail, ...more] = await told(anna!.email);
    assert.equal(more.length, 0);
    assert.match(mail!.subject, /^Zmiana miejsca: Spotkanie konsultacyjne/);
    assert.match(mail!.text_body, /Centrum Obywatelskie, ul\. Reymonta 20/);
    assert.match(mail!.text_body, /\/wydarzenia\/zapis\/[A-Za-z0-9_-]{43}/);
    assert.equal((await told(borys!.email)).length, 0, 'who cancelled is not told');
  });

  test('an outsider may neither cancel nor postpone; events that are over are marked finished', async () => {
    const id = await publishedEvent(svc, staff, {}, 1);
    const [outsider] = await testPeople(t.database, 1);
    await forbidden(svc.cancel(as(outsider!), id, 'Nie'), 'forbidden');
    const ev = await svc.get(as(staff), id);
    await testClock.at(new Date(ev.endsAt.getTime() + 60_000), async () => {
      assert.ok((await svc.finishPast(svc.systemContext('test.finish'))) >= 1);
    });
    assert.equal((await svc.get(as(staff), id)).status, 'finished');
  });
});
