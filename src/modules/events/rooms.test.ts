// Events at a room of the cluster, on the real app: the room's (its layout's) capacity caps the
// places, the room is requested through the spaces module when the event goes to staff, publishing
// waits for staff to confirm the booking, cancelling frees the room, a clash reads as spaces says
// it, and the public page names the room with the cluster's address.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { messages } from '../../platform/i18n/index.ts';
import { servicesOf } from '../../platform/modules.ts';
import { refusalMessage } from '../../platform/refusals.ts';
import { type LocalDate, warsawInstant } from '../../platform/time/warsaw.ts';
import type { BookingsService } from '../spaces/index.ts';
import { openDays, seedTestSpaces } from '../spaces/test-helpers.ts';
import type { EventInput, EventsService } from './service.ts';
import { eventInput, eventsOf, refused, testOrganisation, testPeople } from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let bookings: BookingsService;
let days: LocalDate[];
const room: Record<string, string> = {};

type Person = Awaited<ReturnType<typeof testPeople>>[number];
const staffMember = async () => (await testPeople(t.database, 1, 'staff'))[0]!;
const resident = async () => (await testPeople(t.database, 1))[0]!;

/** An event's input in a room of the cluster on that day, 10:00–12:00 in Warsaw. */
const inRoom = (slug: string, day: LocalDate, overrides: Partial<EventInput> = {}): EventInput =>
  eventInput({
    venue: null,
    spaceResourceId: room[slug]!,
    startsAt: warsawInstant(day, '10:00'),
    endsAt: warsawInstant(day, '12:00'),
    capacity: null,
    ...overrides,
  });

const count = async (table: 'event_event' | 'space_booking') =>
  Number(
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]
      ?.n,
  );

const stateOf = async (bookingId: string) => (await svc.roomStates([bookingId])).get(bookingId)?.status;

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  svc = eventsOf(t.app.klaster.services);
  bookings = servicesOf(t.app.klaster.services, 'spaces').bookings;
  for (const r of await queryRows<{ id: string; slug: string }>(
    t.database.db,
    sql`select id, slug from space_resource`,
  ))
    room[r.slug] = r.id;
  days = openDays(8);
});
after(() => t.close());

describe('capacity of a room', () => {
  test('a capacity above the layout’s is refused on the capacity field, and nothing is stored', async () => {
    const staff = await staffMember();
    const before = await count('event_event');
    const err = await refused(
      svc.create(
        as(staff),
        inRoom('zablocie-space-sala-wydarzen', days[0]!, { spaceLayout: 'workshop', capacity: 41 }),
      ),
      'overRoomCapacity',
      'capacity',
    );
    assert.equal(
      refusalMessage(messages.pl, 'pl', err, 'events'),
      'Ta sala w tym ustawieniu mieści najwyżej 40 osób.',
    );
    assert.equal(await count('event_event'), before);
    // A layout the room does not have is refused too.
    await refused(
      svc.create(as(staff), inRoom('zablocie-space-sala-wydarzen', days[0]!, { spaceLayout: 'ballroom' })),
      'unknownLayout',
      'spaceLayout',
    );
    assert.equal(await count('event_event'), before);
  });

  test('no capacity given means the room’s; the ninth registration in an eight-seat room waits', async () => {
    const staff = await staffMember();
    const draft = await svc.create(as(staff), inRoom('pomieszczenie-b2b', days[1]!));
    assert.equal(draft.registration?.capacity, 8);
    assert.equal(draft.venue?.address, 'ul. Zabłocie 20–22, Kraków', 'the cluster’s address');
    // The meeting room needs no approval: publishing books it, confirmed, and publishes.
    const published = await svc.publish(as(staff), draft.id);
    assert.equal(published.status, 'published');
    assert.equal(await stateOf(published.room!.bookingId!), 'confirmed');
    const people = await testPeople(t.database, 9);
    const regs = [];
    for (const p of people) regs.push(await svc.register(as(p), draft.id, {}));
    assert.deepEqual(
      regs.map((r) => r.status),
      [...Array(8).fill('confirmed'), 'waiting'],
    );
  });
});

describe('booking the room through spaces', () => {
  let member: Person;
  let org: string;
  let eventId: string;
  let bookingId: string;

  before(async () => {
    member = await resident();
    org = await testOrganisation(t.database, [member]);
  });

  test('submitting requests the room in spaces, where staff see the request', async () => {
    const draft = await svc.create(
      as(member),
      inRoom('zablocie-space-sala-wydarzen', days[2]!, {
        organisationId: org,
        organiserUnit: undefined,
        spaceLayout: 'classroom',
        capacity: 50,
      }),
    );
    assert.equal(draft.room?.bookingId, null, 'a draft books nothing');
    const submitted = await svc.submit(as(member), draft.id);
    eventId = submitted.id;
    bookingId = submitted.room!.bookingId!;
    assert.ok(bookingId);
    const staff = await staffMember();
    const request = (await bookings.requests(as(staff))).find((b) => b.id === bookingId);
    assert.ok(request, 'the request is in the staff’s queue');
    assert.equal(request.title, 'Spotkanie konsultacyjne');
    assert.equal(request.attendees, 50);
    assert.equal(request.layout, 'classroom');
    assert.equal(request.person?.id, member.id, 'the person who submitted books');
    assert.equal(request.organisation?.id, org, 'for the event’s organisation');
    assert.equal(request.startsAt.getTime(), warsawInstant(days[2]!, '10:00').getTime());
    assert.equal(await stateOf(bookingId), 'requested');
  });

  test('publishing before staff confirm the booking is refused; after they confirm, it is published', async () => {
    const staff = await staffMember();
    const err = await refused(svc.publish(as(staff), eventId), 'roomNotConfirmed');
    assert.match(refusalMessage(messages.en, 'en', err, 'events'), /confirm the room request/);
    assert.equal((await svc.get(as(staff), eventId)).status, 'submitted');
    await bookings.approve(as(staff), bookingId);
    const published = await svc.publish(as(staff), eventId);
    assert.equal(published.status, 'published');
    assert.equal(published.room?.bookingId, bookingId, 'the same booking, not a second one');
  });

  test('cancelling the event cancels its booking: the room is free again at that time', async () => {
    const staff = await staffMember();
    await svc.cancel(as(staff), eventId, 'Prelegent zachorował.');
    assert.equal(await stateOf(bookingId), 'cancelled');
    const other = await resident();
    const made = await bookings.create(as(other), 'zablocie-space-sala-wydarzen', {
      date: days[2]!,
      from: '10:00',
      to: '12:00',
      title: 'Inne spotkanie',
      attendees: 20,
      houseRules: true,
    });
    assert.equal(made.status, 'requested');
  });

  test('postponing replaces the booking: a new request for the new time, the old one withdrawn', async () => {
    const staff = await staffMember();
    const draft = await svc.create(as(staff), inRoom('pomieszczenie-b2b', days[3]!));
    const first = (await svc.publish(as(staff), draft.id)).room!.bookingId!;
    const moved = await svc.postpone(as(staff), draft.id, {
      startsAt: warsawInstant(days[4]!, '14:00'),
      endsAt: warsawInstant(days[4]!, '15:30'),
    });
    const second = moved.room!.bookingId!;
    assert.notEqual(second, first);
    assert.equal(await stateOf(first), 'cancelled');
    assert.equal(await stateOf(second), 'confirmed');
  });

  test('a room already taken at that time is refused with the spaces module’s reason', async () => {
    const other = await resident();
    await bookings.create(as(other), 'pomieszczenie-b2b', { date: days[5]!, from: '11:00', to: '12:00' });
    const staff = await staffMember();
    const draft = await svc.create(as(staff), inRoom('pomieszczenie-b2b', days[5]!));
    const before = await count('space_booking');
    const err = await refused(svc.publish(as(staff), draft.id), 'roomRefused', 'startsAt');
    assert.equal(
      refusalMessage(messages.pl, 'pl', err, 'events'),
      'Nie udało się zarezerwować sali: Ten termin jest już zajęty.',
    );
    assert.equal((await svc.get(as(staff), draft.id)).status, 'draft');
    assert.equal(await count('space_booking'), before, 'no booking made');
  });
});

describe('the public page', () => {
  test('names the room, linked to its page in spaces, with the cluster’s address', async () => {
    const staff = await staffMember();
    const draft = await svc.create(as(staff), inRoom('pomieszczenie-b2b', days[6]!));
    await svc.publish(as(staff), draft.id);
    const res = await t.app.inject({ url: `/wydarzenia/${draft.id}` });
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /<dt class="govuk-summary-list__key">\s*Sala Klastra\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*<a class="govuk-link" href="\/przestrzenie\/pomieszczenie-b2b">Pomieszczenie B2B<\/a>/,
    );
    assert.match(res.body, /ul\. Zabłocie 20–22, Kraków/);
    // Calendars and search engines are told the room too, not only the building's address.
    const ics = await t.app.inject({ url: `/wydarzenia/${draft.id}.ics` });
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!);
    assert.match(event.location, /^Pomieszczenie B2B, ul\. Zabłocie 20–22, Kraków/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)![1]!);
    assert.equal(jsonLd.location.name, 'Pomieszczenie B2B');
  });
});

describe('the organiser’s and the staff’s pages', () => {
  /** The event form as an organiser fills it in for a room of the cluster. */
  const form = (organisationId: string, day: LocalDate, overrides: Record<string, string> = {}) => ({
    title_pl: 'Warsztaty w sali Klastra',
    title_en: '',
    title_uk: '',
    description_pl: '',
    description_en: '',
    description_uk: '',
    kind: 'workshop',
    organisationId,
    spaceResourceId: room['zablocie-space-sala-wydarzen']!,
    spaceLayout: 'workshop',
    venue: '',
    onlineUrl: '',
    startsAtDate: day,
    startsAtTime: '10:00',
    endsAtDate: day,
    endsAtTime: '12:00',
    registration: 'on',
    capacity: '',
    maxCompanions: '0',
    consent_pl: '',
    consent_en: '',
    consent_uk: '',
    contact: '',
    ...overrides,
  });

  test('the form offers the rooms with their capacity; the booking’s state shows to the organiser and staff', async () => {
    const member = await t.signedIn('resident', { name: 'Ola' });
    const org = await testOrganisation(t.database, [{ id: member.userId }]);
    const day = days[7]!;

    const page = await member.get('/wydarzenia/nowe');
    assert.match(
      page.body,
      new RegExp(
        `<option value="${room['zablocie-space-sala-wydarzen']}">Sala wydarzeń Zabłocie Space \\(do 120 osób\\)</option>`,
      ),
    );
    assert.match(
      page.body,
      /<option value="workshop">Sala wydarzeń Zabłocie Space: Warsztatowy \(stoły\) \(do 40 osób\)<\/option>/,
    );

    const before = await count('event_event');
    const tooMany = await member.post('/wydarzenia/nowe', form(org, day, { capacity: '50' }));
    assert.equal(tooMany.statusCode, 422);
    assert.match(tooMany.body, /Ta sala w tym ustawieniu mieści najwyżej 40 osób\./);
    assert.equal(await count('event_event'), before, 'nothing stored');

    assert.equal((await member.post('/wydarzenia/nowe', form(org, day))).statusCode, 303);
    const [row] = await queryRows<{ id: string; capacity: number }>(
      t.database.db,
      sql`select id, capacity from event_event where title = 'Warsztaty w sali Klastra'`,
    );
    assert.equal(row?.capacity, 40, 'the layout’s capacity');
    const drafts = await member.get('/wydarzenia/propozycje');
    assert.match(drafts.body, /akceptujesz regulamin przestrzeni/);
    assert.equal((await member.post(`/wydarzenia/${row!.id}/zglos`, {})).statusCode, 303);
    const mine = await member.get('/wydarzenia/propozycje');
    assert.match(
      mine.body,
      /Rezerwacja sali:\s*<strong class="govuk-tag[^"]*">Prośba czeka na potwierdzenie<\/strong>/,
    );

    const staff = await t.signedIn('staff');
    const review = await staff.get(`/panel/wydarzenia/${row!.id}`);
    assert.match(
      review.body,
      /<a class="govuk-link" href="\/przestrzenie\/zablocie-space-sala-wydarzen">Sala wydarzeń Zabłocie Space<\/a>/,
    );
    assert.match(review.body, /Prośba czeka na potwierdzenie/);
    assert.match(
      review.body,
      /<a class="govuk-link" href="\/panel\/rezerwacje">Prośby o sale w panelu rezerwacji<\/a>/,
    );
    const publish = await staff.post(`/panel/wydarzenia/${row!.id}/publikuj`, {});
    assert.equal(publish.statusCode, 409);
    assert.match(publish.body, /Rezerwacja sali nie jest jeszcze potwierdzona/);
  });
});

describe('changing an event in a room', () => {
  test('a submitted event moved to another time holds a new booking; the old one is withdrawn', async () => {
    const member = await resident();
    const org = await testOrganisation(t.database, [member]);
    const input = inRoom('pomieszczenie-b2b', days[0]!, { organisationId: org, organiserUnit: undefined });
    const draft = await svc.create(as(member), input);
    const first = (await svc.submit(as(member), draft.id)).room!.bookingId!;
    assert.equal(await stateOf(first), 'confirmed', 'a meeting room needs no approval');
    const moved = await svc.update(as(member), draft.id, {
      ...input,
      startsAt: warsawInstant(days[0]!, '13:00'),
      endsAt: warsawInstant(days[0]!, '14:00'),
    });
    const second = moved.room!.bookingId!;
    assert.notEqual(second, first);
    assert.equal(await stateOf(first), 'cancelled');
    assert.equal(await stateOf(second), 'confirmed');
    // Staff reject it: the room is free again.
    await svc.reject(as(await staffMember()), draft.id, 'Termin koliduje z innym wydarzeniem.');
    assert.equal(await stateOf(second), 'cancelled');
  });
});

describe('a published event moved to another room', () => {
  test('its registrants are told the new room, and its booking is replaced', async () => {
    const staff = await staffMember();
    const input = inRoom('pomieszczenie-b2b', days[6]!, {
      startsAt: warsawInstant(days[6]!, '15:00'),
      endsAt: warsawInstant(days[6]!, '16:00'),
    });
    const draft = await svc.create(as(staff), input);
    const first = (await svc.publish(as(staff), draft.id)).room!.bookingId!;
    const [person] = await testPeople(t.database, 1);
    await svc.register(as(person!), draft.id, {});
    const moved = await svc.update(as(staff), draft.id, {
      ...input,
      spaceResourceId: room['sala-centrum-obywatelskiego']!,
    });
    assert.equal(await stateOf(first), 'cancelled');
    assert.equal(await stateOf(moved.room!.bookingId!), 'confirmed');
    const [mail] = await queryRows<{ text_body: string }>(
      t.database.db,
      sql`select text_body from mail_outbox where template = 'eventsEventVenueChanged' and to_address = ${person!.email}`,
    );
    assert.ok(mail, 'the registrant is told');
    assert.match(mail.text_body, /Sala spotkań Centrum Obywatelskiego, ul\. Zabłocie 20–22, Kraków/);
    assert.match(mail.text_body, /Pomieszczenie B2B, ul\. Zabłocie 20–22, Kraków/);
  });
});
