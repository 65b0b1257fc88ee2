// Checking people in on the day: the organisers check confirmed parties in from the check-in list
// or by the QR code of the confirmation mail (which shows nobody else anything personal), only on
// the event's day in Warsaw — also on the nights the clocks change —; a checked-in registration
// cannot be cancelled, and the attendance stays after the registrants' data is purged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { readMailDir } from '../../../test/support/mail.ts';
import { queryRows } from '../../db/client.ts';
import type { MailAttachment } from '../../platform/mail/schema.ts';
import { drawnAttachments } from '../../platform/mail/transport.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import { qrPngBase64 } from '../../platform/views/qr.tsx';
import type { EventsService } from './service.ts';
import { eventInput, eventsOf, refused, testOrganisation, testPeople } from './test-helpers.ts';

type Client = Awaited<ReturnType<TestApp['signedIn']>>;

let t: TestApp;
let svc: EventsService;
let staff: { id: string; role: 'staff' };
let org: string;
let eventId: string;
let organiser: Client;
let stranger: Client;
let zofia: Client;
let staffClient: Client;

/** The event on 2026-10-25 (the night the clocks go back): 10:00–12:00 in Warsaw. */
const DAY = '2026-10-25';

/** An event of the organisation on that day and time, published, with registration. */
async function eventOn(day: string, from: string, to: string, capacity = 3): Promise<string> {
  const draft = await svc.create(
    as({ id: organiser.userId, role: 'resident' }),
    eventInput({
      organisationId: org,
      organiserUnit: undefined,
      capacity,
      maxCompanions: 2,
      startsAt: warsawInstant(day, from),
      endsAt: warsawInstant(day, to),
    }),
  );
  await svc.publish(as(staff), draft.id);
  return draft.id;
}

const regId = async (event: string, name: string) =>
  (
    await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from event_registration where event_id = ${event} and name = ${name}`,
    )
  )[0]!.id;

const checkInPath = (event: string) => `/wydarzenia/${event}/zapisy/obecnosc`;

/** The confirmation mail to the address: its text and its files. */
async function confirmation(email: string) {
  const [m] = await queryRows<{
    text_body: string;
    attachments: MailAttachment[];
  }>(
    t.database.db,
    sql`select text_body, attachments from mail_outbox where to_address = ${email} and template = 'eventsRegistered'
        order by created_at desc limit 1`,
  );
  assert.ok(m, `a confirmation to ${email}`);
  return m;
}

/** The check-in link (path) a confirmation carries. */
async function codeLink(email: string): Promise<string> {
  const m = /http:\/\/localhost:3000(\/wydarzenia\/obecnosc\/[A-Za-z0-9_-]{43})/.exec(
    (await confirmation(email)).text_body,
  );
  assert.ok(m, `a check-in link in the confirmation to ${email}`);
  return m[1]!;
}

before(async () => {
  testClock.set(warsawInstant('2026-10-20', '09:00'));
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = { id: s!.id, role: 'staff' };
  organiser = await t.signedIn('resident', { name: 'Organizatorka' });
  stranger = await t.signedIn('resident', { name: 'Ktoś Obcy' });
  staffClient = await t.signedIn('staff');
  org = await testOrganisation(t.database, [{ id: organiser.userId }], 'verified', 'Fundacja Zabłocie');
  eventId = await eventOn(DAY, '10:00', '12:00');
  // Zofia with a companion (2 places), Adam (1): full; Celina waits.
  zofia = await t.signedIn('resident', { name: 'Zofia Wróbel' });
  assert.equal((await zofia.post(`/wydarzenia/${eventId}/zapis`, { companions: '1' })).statusCode, 303);
  for (const name of ['Adam Nowak', 'Celina Kot']) {
    const c = await t.signedIn('resident', { name });
    assert.equal((await c.post(`/wydarzenia/${eventId}/zapis`, {})).statusCode, 303);
  }
});
after(() => t.close());

describe('the QR code of the confirmation', () => {
  test('the confirmation carries a QR code (PNG) of a check-in link, also given as text', async () => {
    const mail = await confirmation(zofia.email);
    const link = await codeLink(zofia.email);
    // The outbox keeps the link; the picture is drawn when the mail is sent (as the worker does).
    const [png] = await drawnAttachments(mail.attachments.filter((a) => a.contentType === 'image/png'));
    assert.ok(png, 'a PNG attached');
    assert.equal(png.filename, 'kod-qr.png');
    assert.equal(png.encoding, 'base64');
    assert.equal(Buffer.from(png.content, 'base64').subarray(1, 4).toString('latin1'), 'PNG');
    // The image is the QR code of exactly that link (drawing it again gives the same picture).
    assert.equal(png.content, await qrPngBase64(`http://localhost:3000${link}`));
    assert.match(mail.text_body, /Przy wejściu pokaż kod QR/);
    // Sent by the worker, the mail carries that picture.
    await t.app.klaster.worker.tick();
    const sent = readMailDir(t.dataDir).find((m) => m.to.includes(zofia.email) && /kod-qr\.png/.test(m.raw));
    assert.ok(sent, 'the sent confirmation has the QR code attached');
    assert.ok(sent.raw.replace(/\r?\n/g, '').includes(png.content.slice(0, 200)), 'the PNG drawn at sending');
  });

  test('for the organiser the link shows the party; for anyone else, nothing personal', async () => {
    const link = await codeLink(zofia.email);
    const seen = await organiser.get(link);
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Zofia Wróbel/);
    assert.match(seen.body, /<dd class="govuk-summary-list__value">2<\/dd>/);
    assert.match(seen.body, /Zapisany\(-a\)/);
    // Five days before the event: no button yet, and why.
    assert.doesNotMatch(seen.body, new RegExp(`action="${link}"`));
    assert.match(seen.body, /od 2 godzin przed jego rozpoczęciem do końca dnia/);
    for (const [who, client] of [
      ['a visitor', t.client()],
      ['the participant', zofia],
      ['a stranger', stranger],
    ] as const) {
      const res = await client.get(link);
      assert.equal(res.statusCode, 200, who);
      assert.match(res.body, /Pokaż ten kod przy wejściu na wydarzenie\./, who);
      assert.doesNotMatch(res.body, /Zofia|Wróbel|@test\.example|summary-list/, who);
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    }
  });

  test('an unknown or malformed code is not found', async () => {
    assert.equal((await organiser.get(`/wydarzenia/obecnosc/${'A'.repeat(43)}`)).statusCode, 404);
    assert.equal((await t.client().get('/wydarzenia/obecnosc/nie-ma')).statusCode, 404);
  });
});

describe('checking in on the day', () => {
  test('before the day it is refused, and the list offers no buttons', async () => {
    const zofiaReg = await regId(eventId, 'Zofia Wróbel');
    await refused(
      svc.checkIn(as({ id: organiser.userId, role: 'resident' }), eventId, zofiaReg),
      'checkInTooEarly',
    );
    const list = await organiser.get(checkInPath(eventId));
    assert.doesNotMatch(list.body, new RegExp(`action="${checkInPath(eventId)}/`));
    assert.match(list.body, /Obecni: 0 z 2 zapisanych grup, 0 z 3 miejsc\./);
  });

  test('the organiser checks a party in by its QR code, and the list and counts show it', async () => {
    testClock.set(warsawInstant(DAY, '09:30'));
    const link = await codeLink(zofia.email);
    const page = await organiser.get(link);
    assert.match(page.body, new RegExp(`<form method="post" action="${link}"`));
    assert.equal((await organiser.post(link, {})).statusCode, 303);
    const after = await organiser.get(link);
    assert.match(after.body, /Obecność potwierdzona\./);
    assert.doesNotMatch(after.body, new RegExp(`action="${link}"`));

    const list = await organiser.get(checkInPath(eventId));
    assert.match(list.body, /Obecni: 1 z 2 zapisanych grup, 2 z 3 miejsc\./);
    const zofiaReg = await regId(eventId, 'Zofia Wróbel');
    const adamReg = await regId(eventId, 'Adam Nowak');
    assert.match(list.body, new RegExp(`action="${checkInPath(eventId)}/${zofiaReg}/cofnij"`));
    assert.match(list.body, new RegExp(`action="${checkInPath(eventId)}/${adamReg}"`));
    // On paper: a ticked box for Zofia, an empty one for Adam.
    assert.match(
      list.body,
      /Zofia Wróbel<\/td><td class="govuk-table__cell">2<\/td><td class="govuk-table__cell"><span aria-hidden="true">☑/,
    );
    assert.match(
      list.body,
      /Adam Nowak<\/td><td class="govuk-table__cell">1<\/td><td class="govuk-table__cell">☐/,
    );
    const roster = await organiser.get(`/wydarzenia/${eventId}/zapisy`);
    assert.match(roster.body, /Obecni: 1 z 2 zapisanych grup, 2 z 3 miejsc\./);
    const csv = (await organiser.get(`/wydarzenia/${eventId}/zapisy.csv`)).body.split('\r\n');
    assert.match(csv.find((l) => l.startsWith('Zofia Wróbel'))!, /,2026-10-25T08:30:00\.\d{3}Z$/);
    assert.match(csv.find((l) => l.startsWith('Adam Nowak'))!, /,$/);
    const [row] = await queryRows<{ checked_in_by: string }>(
      t.database.db,
      sql`select checked_in_by from event_registration where id = ${zofiaReg}`,
    );
    assert.equal(row!.checked_in_by, organiser.userId);
  });

  test('the check-in list checks in and undoes, each audited', async () => {
    const adamReg = await regId(eventId, 'Adam Nowak');
    assert.equal((await organiser.post(`${checkInPath(eventId)}/${adamReg}`, {})).statusCode, 303);
    assert.match(
      (await organiser.get(checkInPath(eventId))).body,
      /Obecni: 2 z 2 zapisanych grup, 3 z 3 miejsc\./,
    );
    assert.equal((await organiser.post(`${checkInPath(eventId)}/${adamReg}/cofnij`, {})).statusCode, 303);
    const list = await organiser.get(checkInPath(eventId));
    assert.match(list.body, /Potwierdzenie obecności cofnięte\./);
    assert.match(list.body, /Obecni: 1 z 2 zapisanych grup, 2 z 3 miejsc\./);
    // Undoing what is not checked in is refused, with the reason shown.
    await organiser.post(`${checkInPath(eventId)}/${adamReg}/cofnij`, {});
    assert.match(
      (await organiser.get(checkInPath(eventId))).body,
      /Obecność tej grupy nie była potwierdzona\./,
    );
    const audits = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_log where entity_id = ${adamReg} order by created_at, id`,
    );
    assert.deepEqual(
      audits.map((a) => a.action).filter((a) => a.includes('check')),
      ['event_registration.checked_in', 'event_registration.check_in_undone'],
    );
  });

  test('someone who does not run the event is refused (403), and nothing changes', async () => {
    const adamReg = await regId(eventId, 'Adam Nowak');
    assert.equal((await stranger.post(`${checkInPath(eventId)}/${adamReg}`, {})).statusCode, 403);
    assert.equal((await zofia.post(`${checkInPath(eventId)}/${adamReg}`, {})).statusCode, 403);
    const adamLink = await codeLink(
      (
        await queryRows<{ email: string }>(
          t.database.db,
          sql`select email from event_registration where id = ${adamReg}`,
        )
      )[0]!.email,
    );
    assert.equal((await stranger.post(adamLink, {})).statusCode, 403);
    assert.equal((await t.client().post(adamLink, {})).statusCode, 401);
    assert.match((await organiser.get(checkInPath(eventId))).body, /Obecni: 1 z 2 zapisanych grup/);
    // Staff may: they run every event.
    assert.equal((await staffClient.post(`${checkInPath(eventId)}/${adamReg}`, {})).statusCode, 303);
    assert.equal((await staffClient.post(`${checkInPath(eventId)}/${adamReg}/cofnij`, {})).statusCode, 303);
  });

  test('a waiting party cannot be checked in', async () => {
    const celina = await regId(eventId, 'Celina Kot');
    await refused(
      svc.checkIn(as({ id: organiser.userId, role: 'resident' }), eventId, celina),
      'checkInNotConfirmed',
    );
  });

  test('a checked-in registration cannot be cancelled, by the participant or with the link', async () => {
    const res = await zofia.post(`/wydarzenia/${eventId}/rezygnacja`, {});
    assert.equal(res.statusCode, 303);
    assert.match((await zofia.get(`/wydarzenia/${eventId}`)).body, /z zapisu nie można zrezygnować/);
    const zofiaReg = await regId(eventId, 'Zofia Wróbel');
    const [row] = await queryRows<{ status: string; checked_in_at: Date | null }>(
      t.database.db,
      sql`select status, checked_in_at from event_registration where id = ${zofiaReg}`,
    );
    assert.equal(row!.status, 'confirmed');
    assert.ok(row!.checked_in_at);
    await refused(
      svc.cancelMine(
        as({ id: zofia.userId, role: 'resident', name: 'Zofia Wróbel', email: zofia.email, locale: 'pl' }),
        eventId,
      ),
      'checkedInNoCancel',
    );
    const m = /\/wydarzenia\/zapis\/([A-Za-z0-9_-]{43})/.exec((await confirmation(zofia.email)).text_body);
    await refused(svc.cancelByLink(as(null), m![1]!), 'checkedInNoCancel');
  });
});

describe('only on the event day in Warsaw, also when the clocks change', () => {
  const who = () => as({ id: organiser.userId, role: 'resident' as const });
  let lateComer: { event: string; reg: string; person: string } | undefined;

  /** An event on the day, with one confirmed registration, registered a week before. */
  async function eventWithParty(day: string): Promise<{ event: string; reg: string; person: string }> {
    return testClock.at(new Date(warsawInstant(day, '10:00').getTime() - 7 * 86_400_000), async () => {
      const event = await eventOn(day, '10:00', '12:00');
      const [p] = await testPeople(t.database, 1);
      const reg = await svc.register(as(p!), event, {});
      return { event, reg: reg.id, person: p!.id };
    });
  }

  test('on 2026-10-25 (25 hours long): from 08:00 until midnight, Warsaw time', async () => {
    const { event, reg, person } = await eventWithParty(DAY);
    const at = (time: string, day = DAY) => warsawInstant(day, time);
    await testClock.at(at('07:59'), () => refused(svc.checkIn(who(), event, reg), 'checkInTooEarly'));
    await testClock.at(at('08:00'), async () => {
      await svc.checkIn(who(), event, reg);
      await svc.undoCheckIn(who(), event, reg);
    });
    // 23:30 in Warsaw is 22:30 UTC: more than 24 hours after the day began, still the same day.
    await testClock.at(at('23:30'), () => svc.checkIn(who(), event, reg));
    assert.deepEqual(await svc.attendanceOf(event), { parties: 1, places: 1 });
    await testClock.at(at('00:00', '2026-10-26'), async () => {
      await refused(svc.undoCheckIn(who(), event, reg), 'checkInOver');
    });
    lateComer = { event, reg, person };
  });

  test('deleting the account of someone checked in keeps the attendance (no cancellation)', async () => {
    const { event, reg, person } = lateComer!;
    await t.database.db.transaction((tx) => svc.privacy.eraseFor(person, tx));
    const [row] = await queryRows<{ status: string; name: string | null; checked_in_at: Date | null }>(
      t.database.db,
      sql`select status, name, checked_in_at from event_registration where id = ${reg}`,
    );
    assert.equal(row!.status, 'confirmed');
    assert.equal(row!.name, null);
    assert.ok(row!.checked_in_at);
    assert.deepEqual(await svc.attendanceOf(event), { parties: 1, places: 1 });
  });

  test('on 2026-03-29 (23 hours long): midnight comes an hour sooner', async () => {
    const { event, reg } = await eventWithParty('2026-03-29');
    await testClock.at(warsawInstant('2026-03-29', '23:30'), () => svc.checkIn(who(), event, reg));
    await testClock.at(warsawInstant('2026-03-29', '23:59'), () => svc.undoCheckIn(who(), event, reg));
    // 00:30 on the 30th is 22:30 UTC, less than 24 hours after the 29th began: the day is over.
    await testClock.at(warsawInstant('2026-03-30', '00:30'), () =>
      refused(svc.checkIn(who(), event, reg), 'checkInOver'),
    );
  });
});

describe('after the event', () => {
  test('the purge erases the names but the attendance stays, shown to staff', async () => {
    const ev = await svc.get(as(staff), eventId);
    const purgeDays = t.app.klaster.config.eventsPurgeDays;
    const link = await codeLink(zofia.email);
    await testClock.at(new Date(ev.endsAt.getTime() + (purgeDays + 1) * 86_400_000), () =>
      svc.purgeEnded(svc.systemContext('test.purge')),
    );
    const rows = await queryRows<{ name: string | null; checked_in_at: Date | null }>(
      t.database.db,
      sql`select name, checked_in_at from event_registration where event_id = ${eventId}`,
    );
    assert.ok(rows.every((r) => r.name === null));
    assert.equal(rows.filter((r) => r.checked_in_at).length, 1);
    assert.deepEqual(await svc.attendanceOf(eventId), { parties: 1, places: 2 });
    // The check-in code went with the personal data.
    assert.equal((await organiser.get(link)).statusCode, 404);
    testClock.set(warsawInstant('2026-10-26', '09:00'));
    const review = await staffClient.get(`/panel/wydarzenia/${eventId}`);
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /Obecni<\/dt>\s*<dd class="govuk-summary-list__value">1 grup, 2 osób/);
    assert.match(
      (await organiser.get(checkInPath(eventId))).body,
      /Obecni: 1 z 2 zapisanych grup, 2 z 3 miejsc\./,
    );
  });
});
