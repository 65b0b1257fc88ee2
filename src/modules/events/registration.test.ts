// Registration through the service of the real app: places and the one waiting list (parties never
// split, a smaller party behind one that does not fit may be served), offers held never past the
// start and passed on when they expire, the links in the mails (no sign-in), every refusal with
// nothing stored, and the registrants' personal data (export, erasure, the purge after the event).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows, violatedConstraint } from '../../db/client.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import type { EventsService } from './service.ts';
import { eventInput, eventsOf, publishedEvent, refused, testPeople } from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let staff: { id: string; role: 'staff' };
const HOUR = 3_600_000;

const registrationsOf = async (eventId: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from event_registration where event_id = ${eventId}`,
      )
    )[0]?.n,
  );

/** The mails of a template to an address, oldest first. */
const mailsTo = (email: string, template: string) =>
  queryRows<{ subject: string; text_body: string }>(
    t.database.db,
    sql`select subject, text_body from mail_outbox where to_address = ${email} and template = ${template} order by id`,
  );

/** The token of the registration link in the latest mail of that template. */
async function linkIn(email: string, template: string): Promise<string> {
  const mails = await mailsTo(email, template);
  const m = /\/wydarzenia\/zapis\/([A-Za-z0-9_-]{43})/.exec(mails.at(-1)?.text_body ?? '');
  assert.ok(m, `a link in the ${template} mail to ${email}`);
  return m[1]!;
}

before(async () => {
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = s as typeof staff;
});
after(() => t.close());

describe('places and the waiting list', () => {
  test('parties fit or wait; a freed place goes to the first party that fits, never splitting one', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 4, maxCompanions: 3 });
    const [a, b, c, d, e] = await testPeople(t.database, 5);
    assert.equal((await svc.register(as(a!), id, { companions: 1 })).status, 'confirmed'); // 2 of 4
    assert.equal((await svc.register(as(b!), id, { companions: 1 })).status, 'confirmed'); // 4 of 4
    const cWait = await svc.register(as(c!), id, { companions: 2 }); // a party of 3
    assert.equal(cWait.status, 'waiting');
    assert.equal(cWait.ahead, 0);
    const dWait = await svc.register(as(d!), id, {}); // a party of 1, behind c
    assert.equal(dWait.ahead, 1);
    assert.equal((await svc.register(as(e!), id, {})).ahead, 2);
    // "My events" says the same places in line, for each person.
    const inLine = async (p: typeof e) =>
      (await svc.myRegistrations(as(p!))).find((r) => r.eventId === id)?.ahead;
    assert.deepEqual([await inLine(c), await inLine(d), await inLine(e)], [0, 1, 2]);
    assert.equal(await inLine(a), null, 'a confirmed place has no place in line');
    assert.match((await mailsTo(c!.email, 'eventsWaiting'))[0]!.subject, /^Lista rezerwowa: Spotkanie/);

    // a cancels: 2 places free. c (3) does not fit and keeps its place; d (1) and e (1) are offered.
    await svc.cancelMine(as(a!), id);
    assert.equal((await svc.mine(as(c!), id))?.status, 'waiting');
    assert.equal((await svc.mine(as(d!), id))?.status, 'offered');
    assert.equal((await svc.mine(as(e!), id))?.status, 'offered');
    assert.equal((await svc.get(as(staff), id)).registration?.taken, 4);
    assert.equal((await mailsTo(a!.email, 'eventsRegistrationCancelled')).length, 1);

    // d declines (1 free): c still does not fit; nobody else waits, the place stays free.
    await svc.declineMine(as(d!), id);
    assert.equal((await svc.get(as(staff), id)).registration?.taken, 3);
    // b cancels (3 free): now c's party of three is offered together.
    await svc.cancelMine(as(b!), id);
    const cOffer = await svc.mine(as(c!), id);
    assert.equal(cOffer?.status, 'offered');
    assert.equal(cOffer?.partySize, 3);
    assert.equal((await svc.get(as(staff), id)).registration?.taken, 4);
    assert.match((await mailsTo(c!.email, 'eventsOffer'))[0]!.text_body, /3 miejsca/);
    assert.equal((await svc.acceptMine(as(c!), id)).status, 'confirmed');
  });

  test('a small party far down the line is offered the places that no bigger party ahead fits', async () => {
    // Four places free at once, four parties of three ahead in line and a person alone behind them:
    // the first party of three is offered three places, and the one left goes to the person alone.
    const id = await publishedEvent(svc, staff, { capacity: 4, maxCompanions: 3 });
    const [holder, p1, p2, p3, p4, alone] = await testPeople(t.database, 6);
    await svc.register(as(holder!), id, { companions: 3 });
    for (const p of [p1, p2, p3, p4])
      assert.equal((await svc.register(as(p!), id, { companions: 2 })).status, 'waiting');
    assert.equal((await svc.register(as(alone!), id, { companions: 0 })).status, 'waiting');
    await svc.cancelMine(as(holder!), id);
    const statuses = await Promise.all(
      [p1, p2, p3, p4, alone].map(async (p) => (await svc.mine(as(p!), id))?.status),
    );
    assert.deepEqual(statuses, ['offered', 'waiting', 'waiting', 'waiting', 'offered']);
  });

  test('a raised capacity offers the new places to the line at once', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const [a, b] = await testPeople(t.database, 2);
    await svc.register(as(a!), id, {});
    assert.equal((await svc.register(as(b!), id, {})).status, 'waiting');
    const ev = await svc.get(as(staff), id);
    await svc.update(as(staff), id, eventInput({ capacity: 2, startsAt: ev.startsAt, endsAt: ev.endsAt }));
    assert.equal((await svc.mine(as(b!), id))?.status, 'offered');
  });

  test('without a capacity everyone is confirmed', async () => {
    const id = await publishedEvent(svc, staff, { capacity: null });
    const people = await testPeople(t.database, 3);
    for (const p of people) assert.equal((await svc.register(as(p), id, {})).status, 'confirmed');
  });
});

describe('offers', () => {
  test('an offer is held for the hold hours; when it expires it passes on, and the person is told', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1, offerHoldHours: 24 }, 10);
    const [a, b, c] = await testPeople(t.database, 3);
    await svc.register(as(a!), id, {});
    await svc.register(as(b!), id, {});
    await svc.register(as(c!), id, {});
    await svc.cancelMine(as(a!), id);
    const offer = await svc.mine(as(b!), id);
    assert.equal(offer?.status, 'offered');
    const held = offer!.offerExpiresAt!.getTime() - testClock.now().getTime();
    assert.ok(held > 23.9 * HOUR && held <= 24 * HOUR, `held ${held / HOUR} h`);
    // Not yet expired: the job leaves it.
    await svc.expireOffers(svc.systemContext('test'));
    assert.equal((await svc.mine(as(b!), id))?.status, 'offered');
    await testClock.at(new Date(offer!.offerExpiresAt!.getTime() + 1000), async () => {
      await refused(svc.acceptMine(as(b!), id), 'offerExpired');
      assert.ok((await svc.expireOffers(svc.systemContext('test'))) >= 1);
    });
    assert.equal(await svc.mine(as(b!), id), null);
    assert.equal((await mailsTo(b!.email, 'eventsOfferExpired')).length, 1);
    assert.equal((await svc.mine(as(c!), id))?.status, 'offered');
  });

  test('an offer that would run past the start is held only until the start', async () => {
    // The event starts in 5 hours; the hold is 24 hours.
    const startsAt = new Date(testClock.now().getTime() + 5 * HOUR);
    const draft = await svc.create(
      as(staff),
      eventInput({ capacity: 1, startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }),
    );
    await svc.publish(as(staff), draft.id);
    const [a, b] = await testPeople(t.database, 2);
    await svc.register(as(a!), draft.id, {});
    await svc.register(as(b!), draft.id, {});
    await svc.cancelMine(as(a!), draft.id);
    assert.equal((await svc.mine(as(b!), draft.id))?.offerExpiresAt?.getTime(), startsAt.getTime());
  });

  test('no offer goes out once the event has started', async () => {
    const startsAt = new Date(testClock.now().getTime() + 2 * HOUR);
    const draft = await svc.create(
      as(staff),
      eventInput({ capacity: 1, startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR) }),
    );
    await svc.publish(as(staff), draft.id);
    const [a, b] = await testPeople(t.database, 2);
    await svc.register(as(a!), draft.id, {});
    await svc.register(as(b!), draft.id, {});
    await testClock.at(new Date(startsAt.getTime() + HOUR), async () => {
      await svc.cancelMine(as(a!), draft.id);
    });
    assert.equal((await svc.mine(as(b!), draft.id))?.status, 'waiting');
  });
});

describe('the calendar file in the mails', () => {
  test('the confirmation carries the event as an .ics a calendar reads (and the check-in QR code); the waiting list has none', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const [anna, borys] = await testPeople(t.database, 2);
    await svc.register(as(anna!), id, {});
    await svc.register(as(borys!), id, {});
    const ev = await svc.get(as(staff), id);
    const filesOf = async (email: string, template: string) =>
      (
        await queryRows<{ attachments: Array<{ filename: string; contentType: string; content: string }> }>(
          t.database.db,
          sql`select attachments from mail_outbox where to_address = ${email} and template = ${template}`,
        )
      ).flatMap((m) => m.attachments);
    const [file, qr, ...more] = await filesOf(anna!.email, 'eventsRegistered');
    assert.equal(more.length, 0);
    // The second file is the check-in QR code (attendance.test.ts reads it).
    assert.equal(qr!.contentType, 'image/png');
    assert.match(file!.contentType, /^text\/calendar/);
    const vevent = new ICAL.Component(ICAL.parse(file!.content)).getFirstSubcomponent('vevent')!;
    const e = new ICAL.Event(vevent);
    assert.equal(e.summary, 'Spotkanie konsultacyjne');
    // iCalendar keeps whole seconds.
    assert.equal(e.startDate.toJSDate().getTime(), Math.floor(ev.startsAt.getTime() / 1000) * 1000);
    assert.match(String(vevent.getFirstPropertyValue('url')), new RegExp(`/wydarzenia/${id}$`));
    assert.deepEqual(await filesOf(borys!.email, 'eventsWaiting'), []);
  });
});

describe('the reminder the day before', () => {
  test('everyone confirmed is reminded once, with their link; not who cancelled, waits or registered that day', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 2 });
    const [anna, borys, cyryl, dora, ewa] = await testPeople(t.database, 5);
    await svc.register(as(anna!), id, {});
    await svc.register(as(borys!), id, {});
    await svc.register(as(cyryl!), id, {}); // on the waiting list
    await svc.cancelMine(as(borys!), id); // cyryl is offered the place, not confirmed
    const ev = await svc.get(as(staff), id);
    const reminders = (email: string) => mailsTo(email, 'eventsReminder');
    // The reminder jobs queued for a person's registrations (other tests' events share the database).
    const queued = async (person: { id: string }) =>
      Number(
        (
          await queryRows<{ n: number }>(
            t.database.db,
            sql`select count(*)::int as n from job j join event_registration r
                  on j.dedupe_key like 'events.remind:' || r.id || ':%'
                where j.kind = 'events.remind' and r.user_id = ${person.id} and r.event_id = ${id}`,
          )
        )[0]?.n,
      );
    // Two days before, nothing is due yet.
    await testClock.at(new Date(ev.startsAt.getTime() - 48 * HOUR), async () => {
      await svc.queueReminders(svc.systemContext('test'));
      assert.equal(await queued(anna!), 0);
    });
    await testClock.at(new Date(ev.startsAt.getTime() - 20 * HOUR), async () => {
      // Dora comes in the day before (her confirmation says it all); Ewa waits.
      await svc.cancelMine(as(cyryl!), id);
      await svc.register(as(dora!), id, {});
      await svc.register(as(ewa!), id, {});
      await svc.queueReminders(svc.systemContext('test'));
      await svc.queueReminders(svc.systemContext('test'));
      assert.equal(await queued(anna!), 1, 'queued once, though still due');
      for (const p of [borys, cyryl, dora, ewa]) assert.equal(await queued(p!), 0, p!.email);
      await t.app.klaster.worker.tick();
      await t.app.klaster.worker.tick();
    });
    const [mail, ...more] = await reminders(anna!.email);
    assert.equal(more.length, 0, 'one reminder');
    assert.match(mail!.subject, /^Przypomnienie: Spotkanie konsultacyjne/);
    assert.match(mail!.text_body, /ul\. Zabłocie 20–22/);
    assert.match(mail!.text_body, /\/wydarzenia\/zapis\/[A-Za-z0-9_-]{43}/);
    for (const p of [borys, cyryl, dora, ewa]) assert.equal((await reminders(p!.email)).length, 0, p!.email);
    // A reminder queued before the event moved is not sent for the old time.
    assert.equal(
      await svc.remind(svc.systemContext('test'), (await svc.mine(as(anna!), id))!.id, new Date(0)),
      false,
    );
  });
});

describe('the links in the mails', () => {
  test('cancel with the link from the confirmation, signed out; a used or made-up link is refused', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const [a, b] = await testPeople(t.database, 2);
    await svc.register(as(a!), id, {});
    await svc.register(as(b!), id, {});
    const token = await linkIn(a!.email, 'eventsRegistered');
    assert.equal((await svc.byLink(token)).status, 'confirmed');
    assert.equal((await svc.cancelByLink(as(null), token)).status, 'cancelled');
    await refused(svc.cancelByLink(as(null), token), 'notRegistered');
    await refused(svc.cancelByLink(as(null), 'A'.repeat(43)), 'linkInvalid');
    await refused(svc.cancelByLink(as(null), 'not a token'), 'linkInvalid');
    // b was offered the place by mail and accepts it with that mail's link.
    const offer = await linkIn(b!.email, 'eventsOffer');
    assert.equal((await svc.acceptByLink(as(null), offer)).status, 'confirmed');
    await refused(svc.declineByLink(as(null), offer), 'noOffer');
    // The token is stored only hashed.
    const [stored] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from event_registration_link where token_hash = ${offer}`,
    );
    assert.equal(stored?.n, 0);
  });

  test('decline an offer with its link: it goes to the next in line', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const [a, b, c] = await testPeople(t.database, 3);
    for (const p of [a, b, c]) await svc.register(as(p!), id, {});
    await svc.cancelMine(as(a!), id);
    await svc.declineByLink(as(null), await linkIn(b!.email, 'eventsOffer'));
    assert.equal((await svc.mine(as(c!), id))?.status, 'offered');
  });
});

describe('refusals: a clear code and nothing stored', () => {
  const questions = [
    {
      key: 'diet',
      kind: 'choice' as const,
      label: { pl: 'Dieta' },
      required: true,
      options: [
        { key: 'any', label: { pl: 'Bez ograniczeń' } },
        { key: 'vegan', label: { pl: 'Wegańska' } },
      ],
    },
    { key: 'photos', kind: 'yesno' as const, label: { pl: 'Zgoda na zdjęcia' }, required: false },
    { key: 'note', kind: 'text' as const, label: { pl: 'Uwagi' }, required: false },
  ];
  let id: string;
  let person: Awaited<ReturnType<typeof testPeople>>[number];
  before(async () => {
    id = await publishedEvent(svc, staff, {
      questions,
      maxCompanions: 1,
      consent: { pl: 'Zgadzam się na przetwarzanie danych.' },
    });
    person = (await testPeople(t.database, 1))[0]!;
  });
  const ok = { answers: { diet: 'vegan' }, consent: true };
  const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
    [
      'an answer to an unknown question',
      { ...ok, answers: { diet: 'any', shoe: '42' } },
      'unknownQuestion',
      'answers.shoe',
    ],
    ['a choice that is not offered', { ...ok, answers: { diet: 'meat' } }, 'invalidChoice', 'answers.diet'],
    ['a required answer missing', { ...ok, answers: { note: 'x' } }, 'answerRequired', 'answers.diet'],
    [
      'a yes/no answered with text',
      { ...ok, answers: { diet: 'any', photos: 'tak' } },
      'invalid',
      'answers.photos',
    ],
    [
      'an over-long answer',
      { ...ok, answers: { diet: 'any', note: 'x'.repeat(1001) } },
      'tooLong',
      'answers.note',
    ],
    ['no consent', { ...ok, consent: false }, 'consentRequired', 'consent'],
    ['too many companions', { ...ok, companions: 2 }, 'tooManyCompanions', 'companions'],
  ];
  for (const [name, input, code, field] of cases)
    test(name, async () => {
      await refused(svc.register(as(person!), id, input), code, field);
      assert.equal(await registrationsOf(id), 0);
    });

  test('a second registration by the same person', async () => {
    await svc.register(as(person!), id, ok);
    await refused(svc.register(as(person!), id, ok), 'alreadyRegistered');
    assert.equal(await registrationsOf(id), 1);
  });

  test('an event without registration, a draft, before the window opens', async () => {
    const [p] = await testPeople(t.database, 1);
    const closed = await publishedEvent(svc, staff, { registration: false });
    await refused(svc.register(as(p!), closed, {}), 'noRegistration');
    const draft = await svc.create(as(staff), eventInput());
    await assert.rejects(svc.register(as(p!), draft.id, {}), /event not found/);
    const later = await publishedEvent(svc, staff, {
      registrationOpensAt: new Date(testClock.now().getTime() + 2 * 86_400_000),
    });
    await refused(svc.register(as(p!), later, {}), 'registrationNotYetOpen');
    assert.equal(await registrationsOf(later), 0);
  });

  test('a registration window ending at midnight in Warsaw across the DST night', async () => {
    // The night of 25 October 2026 the clocks go back (03:00 CEST → 02:00 CET). The window closes at
    // midnight at the start of 26 October, Warsaw time; the event is on the 27th.
    const closes = warsawInstant('2026-10-26', '00:00');
    const startsAt = warsawInstant('2026-10-27', '18:00');
    await testClock.at(warsawInstant('2026-10-20', '12:00'), async () => {
      const draft = await svc.create(
        as(staff),
        eventInput({
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * HOUR),
          registrationClosesAt: closes,
        }),
      );
      await svc.publish(as(staff), draft.id);
      const [early, late] = await testPeople(t.database, 2);
      // 23:59 on 25 October in Warsaw (CET, UTC+1) is 22:59 UTC: still open.
      await testClock.at(new Date(Date.UTC(2026, 9, 25, 22, 59)), async () => {
        assert.equal((await svc.register(as(early!), draft.id, {})).status, 'confirmed');
      });
      // 00:00 on 26 October in Warsaw is 23:00 UTC on the 25th: closed (an hour later than in summer).
      assert.equal(closes.toISOString(), '2026-10-25T23:00:00.000Z');
      await testClock.at(new Date(Date.UTC(2026, 9, 25, 23, 0)), async () => {
        await refused(svc.register(as(late!), draft.id, {}), 'registrationClosed');
      });
      assert.equal(await registrationsOf(draft.id), 1);
    });
  });
});

describe('personal data', () => {
  test('export lists the registrations; erasure cancels live ones (the places pass on) and empties them', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const [a, b] = await testPeople(t.database, 2);
    await svc.register(as(a!), id, {});
    await svc.register(as(b!), id, {});
    const exported = (await svc.privacy.exportFor(a!.id)) as {
      registrations: Array<{ email: string; status: string }>;
    };
    assert.equal(exported.registrations.length, 1);
    assert.equal(exported.registrations[0]?.email, a!.email);
    await t.database.db.transaction((tx) => svc.privacy.eraseFor(a!.id, tx));
    assert.deepEqual(await svc.privacy.exportFor(a!.id), { registrations: [], certificates: [] });
    assert.equal((await svc.mine(as(b!), id))?.status, 'offered');
    const [row] = await queryRows<{ email: string | null; status: string }>(
      t.database.db,
      sql`select email, status from event_registration where event_id = ${id} and party_size = 1 order by created_at limit 1`,
    );
    assert.deepEqual(row, { email: null, status: 'cancelled' });
  });

  test('the purge deletes names, addresses and answers the set days after the event; the counts stay', async () => {
    const draft = await svc.create(
      as(staff),
      eventInput(
        { capacity: 5, questions: [{ key: 'note', kind: 'text', label: { pl: 'Uwagi' }, required: false }] },
        2,
      ),
    );
    await svc.publish(as(staff), draft.id);
    const people = await testPeople(t.database, 3);
    for (const p of people) await svc.register(as(p), draft.id, { answers: { note: 'Przyjdę z psem' } });
    const ev = await svc.get(as(staff), draft.id);
    const purgeDays = t.app.klaster.config.eventsPurgeDays;
    const emails = async () =>
      (
        await queryRows<{ email: string | null }>(
          t.database.db,
          sql`select email from event_registration where event_id = ${draft.id} and email is not null`,
        )
      ).length;
    // A day before the purge is due nothing of this event goes; after it, everything personal does.
    await testClock.at(new Date(ev.endsAt.getTime() + (purgeDays - 1) * 86_400_000), async () => {
      await svc.purgeEnded(svc.systemContext('test.purge'));
    });
    assert.equal(await emails(), 3);
    await testClock.at(new Date(ev.endsAt.getTime() + (purgeDays + 1) * 86_400_000), async () => {
      assert.ok((await svc.purgeEnded(svc.systemContext('test.purge'))) >= 3);
    });
    assert.equal(await emails(), 0);
    const rows = await queryRows<{
      user_id: string | null;
      email: string | null;
      name: string | null;
      answers: unknown;
      status: string;
    }>(
      t.database.db,
      sql`select user_id, email, name, answers, status from event_registration where event_id = ${draft.id}`,
    );
    assert.equal(rows.length, 3);
    for (const r of rows)
      assert.deepEqual(r, { user_id: null, email: null, name: null, answers: {}, status: 'confirmed' });
    const [links] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from event_registration_link l join event_registration r on r.id = l.registration_id
          where r.event_id = ${draft.id}`,
    );
    assert.equal(links?.n, 0);
    assert.equal((await svc.get(as(staff), draft.id)).registration?.taken, 3);
  });
});

describe('what the database itself refuses', () => {
  test('a count of places that does not match the parties holding them, and an offer past the start', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 5 });
    const [a, b] = await testPeople(t.database, 2);
    await svc.register(as(a!), id, {});
    await assert.rejects(
      t.database.db.execute(sql`update event_event set taken = 3 where id = ${id}`),
      (err) => violatedConstraint(err, '23514') === 'event_event_taken_matches',
    );
    await assert.rejects(
      t.database.db.execute(sql`update event_registration set status = 'cancelled' where event_id = ${id}`),
      (err) => violatedConstraint(err, '23514') === 'event_event_taken_matches',
    );
    assert.equal((await svc.get(as(staff), id)).registration?.taken, 1);
    const full = await publishedEvent(svc, staff, { capacity: 1 });
    await svc.register(as(a!), full, {});
    await svc.register(as(b!), full, {});
    await assert.rejects(
      t.database.db.execute(sql`
        update event_registration set status = 'offered', offer_expires_at = e.starts_at + interval '1 minute'
        from event_event e where e.id = event_registration.event_id and event_registration.event_id = ${full}
          and event_registration.status = 'waiting'`),
      (err) => violatedConstraint(err, '23514') === 'event_registration_offer_before_start',
    );
  });
});

test('each registrant is written to in their own language: the confirmation, the waiting list and the offer', async () => {
  const id = await publishedEvent(svc, staff, { capacity: 1 });
  const [p1, p2] = await testPeople(t.database, 2);
  const olena = { ...p1!, locale: 'uk' as const };
  const jane = { ...p2!, locale: 'en' as const };
  await svc.register(as(olena), id, {});
  await svc.register(as(jane), id, {});
  assert.match((await mailsTo(olena.email, 'eventsRegistered'))[0]!.subject, /^Реєстрацію підтверджено: /);
  assert.match(
    (await mailsTo(jane.email, 'eventsWaiting'))[0]!.subject,
    /^Waiting list: Consultation meeting, /,
  );
  await svc.cancelMine(as(olena), id);
  assert.match(
    (await mailsTo(olena.email, 'eventsRegistrationCancelled'))[0]!.subject,
    /^Скасування прийнято: /,
  );
  const [offer] = await mailsTo(jane.email, 'eventsOffer');
  assert.match(offer!.subject, /^A place is free: Consultation meeting, /);
  assert.match(offer!.text_body, /A place has freed up for you/);
});
