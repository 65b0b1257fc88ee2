// The organiser's screens: the members of the organising organisation and staff see who registered
// (the list, its CSV export with the BOM in both dialects, the printable check-in list); anyone
// else is refused, and the event page links the list only for those who run the event.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import type { EventsService } from './service.ts';
import { eventInput, eventsOf, testOrganisation, testPeople } from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let eventId: string;
let member: Awaited<ReturnType<TestApp['signedIn']>>;
let stranger: Awaited<ReturnType<TestApp['signedIn']>>;
let staffClient: Awaited<ReturnType<TestApp['signedIn']>>;

before(async () => {
  testClock.set(warsawInstant('2026-11-10', '09:00'));
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [staff] = await testPeople(t.database, 1, 'staff');
  member = await t.signedIn('resident', { name: 'Organizatorka' });
  stranger = await t.signedIn('resident', { name: 'Ktoś Obcy' });
  staffClient = await t.signedIn('staff');
  const org = await testOrganisation(t.database, [{ id: member.userId }], 'verified', 'Fundacja Podgórze');
  const draft = await svc.create(
    as({ id: member.userId, role: 'resident' }),
    eventInput({
      organisationId: org,
      organiserUnit: undefined,
      capacity: 3,
      maxCompanions: 2,
      questions: [{ key: 'lunch', kind: 'yesno', label: { pl: 'Obiad?', en: 'Lunch?' }, required: false }],
    }),
  );
  await svc.publish(as(staff!), draft.id);
  eventId = draft.id;
  // Zofia with a companion (2 places), Adam (1): full; Celina waits.
  for (const [name, form] of [
    ['Zofia Wróbel', { companions: '1', q_lunch: 'yes' }],
    ['Adam Nowak', { q_lunch: 'no' }],
    ['Celina Kot', {}],
  ] as const) {
    const c = await t.signedIn('resident', { name });
    assert.equal((await c.post(`/wydarzenia/${eventId}/zapis`, form)).statusCode, 303);
  }
});
after(() => t.close());

describe("the organiser's screens", () => {
  test('a member of the organisation sees the registrations in order, with answers and the waiting list', async () => {
    const page = await member.get(`/wydarzenia/${eventId}`);
    assert.match(page.body, new RegExp(`href="/wydarzenia/${eventId}/zapisy">Lista zapisów`));
    const res = await member.get(`/wydarzenia/${eventId}/zapisy`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Potwierdzone miejsca: 3 z 3\. Na liście oczekujących: 1\./);
    const names = [
      ...res.body.matchAll(/<tr class="govuk-table__row"><td class="govuk-table__cell">([^<]+)<\/td>/g),
    ].map((m) => m[1]);
    assert.deepEqual(names, ['Zofia Wróbel', 'Adam Nowak', 'Celina Kot']);
    assert.match(res.body, /Obiad\?: Tak/);
    assert.match(res.body, /Obiad\?: Nie/);
    assert.match(res.body, /Lista oczekujących/);
  });

  test('the CSV export starts with the BOM and has one row per registration, in both dialects', async () => {
    const csv = await member.get(`/wydarzenia/${eventId}/zapisy.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /^attachment; filename="zapisy-/);
    assert.ok(csv.body.startsWith('\uFEFF'), 'UTF-8 with BOM');
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.equal(
      lines[0],
      'Imię i nazwisko,E-mail,Osób,Stan,Miejsce w kolejce,Odpowiedzi,Zapis,Obecność potwierdzona',
    );
    assert.match(lines[1]!, /^Zofia Wróbel,[^,]+@test\.example,2,Zapisany\(-a\),,Obiad\?: Tak,2026-11-10T/);
    assert.match(lines[3]!, /^Celina Kot,[^,]+,1,Lista oczekujących,1,,/);
    const excel = await member.get(`/wydarzenia/${eventId}/zapisy.csv?format=excel`);
    assert.ok(excel.body.startsWith('\uFEFF'));
    assert.match(excel.body, /^\uFEFFImię i nazwisko;E-mail;Osób;/);
  });

  test('the check-in list has the confirmed parties only, alphabetically, with a box each', async () => {
    const res = await staffClient.get(`/wydarzenia/${eventId}/zapisy/obecnosc`);
    assert.equal(res.statusCode, 200);
    const rows = [
      ...res.body.matchAll(
        /<tr class="govuk-table__row"><td class="govuk-table__cell">(\d+)<\/td><td class="govuk-table__cell">([^<]+)<\/td><td class="govuk-table__cell">(\d+)<\/td><td class="govuk-table__cell">☐<\/td>/g,
      ),
    ].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(rows, [
      ['1', 'Adam Nowak', '1'],
      ['2', 'Zofia Wróbel', '2'],
    ]);
  });

  test('someone who does not run the event is refused, and sees no link', async () => {
    assert.doesNotMatch((await stranger.get(`/wydarzenia/${eventId}`)).body, /Lista zapisów/);
    for (const path of ['/zapisy', '/zapisy.csv', '/zapisy/obecnosc'])
      assert.equal((await stranger.get(`/wydarzenia/${eventId}${path}`)).statusCode, 403, path);
    assert.equal((await t.client().get(`/wydarzenia/${eventId}/zapisy`)).statusCode, 303);
    assert.equal(
      (await member.get('/wydarzenia/0190aaaa-0000-7000-8000-000000000000/zapisy')).statusCode,
      404,
    );
  });
});
