// The public events pages as a person notices them, on the real app with the clock fixed (Tuesday
// 20 October 2026, 10:00 in Warsaw — the week Poland leaves summer time): the list and its filters
// ("grzegorzki" finds "Grzegórzki"), cancelled and postponed events marked, keyset pages, the
// archive, an event's page with its schema.org JSON-LD, "add to calendar" and the feeds parsed by
// ical.js, and the month view across the change of offset and the year's end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import type { EventsService } from './service.ts';
import {
  eventInput,
  eventsOf,
  publishedEvent,
  testOrganisation,
  testPeople,
  testSubarea,
} from './test-helpers.ts';

const NOW = warsawInstant('2026-10-20', '10:00');
const HOUR = 3_600_000;
let t: TestApp;
let svc: EventsService;
let staff: { id: string; role: 'staff' };
const ids: Record<string, string> = {};

const amp = (s: string) => s.replace(/&amp;/g, '&');
/** The titles of the events listed on a page, in order. */
const listed = (html: string) =>
  [
    ...html.matchAll(
      /<h2 class="govuk-heading-m"><a class="govuk-link" href="\/wydarzenia\/[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1]);
const nextLink = (html: string) =>
  amp(/<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next"/.exec(html)?.[1] ?? '');
const prevLink = (html: string) =>
  amp(/<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="prev"/.exec(html)?.[1] ?? '');
const at = (date: string, time: string) => warsawInstant(date, time);

before(async () => {
  testClock.set(NOW);
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = s as typeof staff;
  const make = (title: string, startsAt: Date, hours = 2, extra = {}) =>
    publishedEvent(svc, staff, {
      title: { pl: title },
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * HOUR),
      ...extra,
    });
  ids.walk = await make('Spacer badawczy: Grzegórzki', at('2026-10-25', '10:00'), 2, {
    kind: 'research_walk',
    audiences: ['residents', 'seniors'],
    description: { pl: 'Idziemy **razem**. <u>Zbiórka</u> przy bramie.' },
  });
  ids.debate = await make('Debata o Zabłociu', at('2026-10-27', '18:00'), 2, {
    kind: 'debate',
    audiences: ['youth'],
  });
  ids.cancelled = await make('Warsztaty ogrodnicze', at('2026-10-28', '17:00'));
  await svc.cancel(as(staff), ids.cancelled, 'Prowadząca zachorowała');
  ids.postponed = await make('Śniadanie sąsiedzkie', at('2026-10-29', '09:00'), 2, {
    kind: 'networking_breakfast',
  });
  await svc.postpone(as(staff), ids.postponed, {
    startsAt: at('2026-11-05', '09:00'),
    endsAt: at('2026-11-05', '11:00'),
  });
  // On the month view's edges: the last evening of October and the first night of November.
  ids.lastOfOctober = await make('Potańcówka październikowa', at('2026-10-31', '21:00'), 2, {
    kind: 'intergenerational_dance',
  });
  ids.firstOfNovember = await make('Nocna gra miejska', at('2026-11-01', '00:30'), 1, { kind: 'city_game' });
  ids.online = await make('Szkolenie online', at('2026-12-31', '12:00'), 1, {
    kind: 'training',
    venue: null,
    onlineUrl: 'https://spotkanie.example/abc',
  });
  ids.past = await make('Spotkanie wrześniowe', at('2026-09-15', '17:00'));
  const draft = await svc.create(as(staff), eventInput({ title: { pl: 'Szkic niewidoczny' } }));
  ids.draft = draft.id;
});
after(() => t.close());

describe('the list of events', () => {
  test('shows the upcoming public events by start, marks cancelled and postponed ones, hides drafts and past ones', async () => {
    const res = await t.client().get('/wydarzenia');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(listed(res.body), [
      'Spacer badawczy: Grzegórzki',
      'Debata o Zabłociu',
      'Warsztaty ogrodnicze',
      'Potańcówka październikowa',
      'Nocna gra miejska',
      'Śniadanie sąsiedzkie',
      'Szkolenie online',
    ]);
    assert.match(res.body, /<strong class="govuk-tag govuk-tag--red">Odwołane<\/strong>/);
    assert.match(res.body, /Powód: Prowadząca zachorowała/);
    assert.match(
      res.body,
      /govuk-tag--yellow">Przełożone<\/strong> <time[^>]*>5 listopada 2026 09:00–11:00<\/time> \(przełożone z 29 października 2026 09:00\)/,
    );
    assert.doesNotMatch(res.body, /Szkic niewidoczny|Spotkanie wrześniowe/);
  });

  test('free text is accent-insensitive: "grzegorzki" finds "Grzegórzki"', async () => {
    const res = await t.client().get('/wydarzenia?q=grzegorzki');
    assert.deepEqual(listed(res.body), ['Spacer badawczy: Grzegórzki']);
    assert.deepEqual(listed((await t.client().get('/wydarzenia?q=ZABLOCIU')).body), ['Debata o Zabłociu']);
  });

  test('filters by audience, kind and date range, and says when nothing matches', async () => {
    assert.deepEqual(listed((await t.client().get('/wydarzenia?audience=seniors')).body), [
      'Spacer badawczy: Grzegórzki',
    ]);
    assert.deepEqual(listed((await t.client().get('/wydarzenia?kind=debate')).body), ['Debata o Zabłociu']);
    const range = await t.client().get('/wydarzenia?from=27.10.2026&to=2026-10-28');
    assert.deepEqual(listed(range.body), ['Debata o Zabłociu', 'Warsztaty ogrodnicze']);
    const none = await t.client().get('/wydarzenia?kind=debate&audience=seniors');
    assert.deepEqual(listed(none.body), []);
    assert.match(none.body, /Żadne wydarzenie nie pasuje do tych filtrów\./);
    // The form keeps what was asked, and an unknown value is left out instead of breaking the page.
    assert.match(none.body, /<option value="debate" selected>Debata<\/option>/);
    assert.equal((await t.client().get('/wydarzenia?kind=nonsense&organiser=x')).statusCode, 200);
  });

  test('filters by subarea and by organiser, both offered in the form', async () => {
    const subarea = await testSubarea(t.database);
    const [ambassador] = await testPeople(t.database, 1);
    const org = await testOrganisation(t.database, [ambassador!], 'verified', 'Stowarzyszenie Nowohuckie');
    await publishedEvent(svc, staff, {
      title: { pl: 'Warsztaty w Nowej Hucie' },
      subareaId: subarea,
      organisationId: org,
      organiserUnit: undefined,
    });
    const page = await t.client().get('/wydarzenia');
    assert.match(page.body, new RegExp(`<option value="${subarea}">Nowa Huta</option>`));
    assert.match(page.body, new RegExp(`<option value="${org}">Stowarzyszenie Nowohuckie</option>`));
    assert.deepEqual(listed((await t.client().get(`/wydarzenia?subarea=${subarea}`)).body), [
      'Warsztaty w Nowej Hucie',
    ]);
    const byOrg = await t.client().get(`/wydarzenia?organiser=${org}`);
    assert.deepEqual(listed(byOrg.body), ['Warsztaty w Nowej Hucie']);
    assert.match(byOrg.body, /Stowarzyszenie Nowohuckie · Nowa Huta/);
  });

  test('the archive has the past events, latest first, and not the upcoming ones', async () => {
    const res = await t.client().get('/wydarzenia/archiwum');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(listed(res.body), ['Spotkanie wrześniowe']);
  });

  test('pages by keyset both ways, keeping the filters', async () => {
    const first = at('2027-02-01', '10:00');
    for (let i = 0; i < 23; i++)
      await publishedEvent(svc, staff, {
        title: { pl: `Konsultacje ${String(i + 1).padStart(2, '0')}` },
        kind: 'consultation',
        audiences: ['institutions'],
        startsAt: new Date(first.getTime() + i * 24 * HOUR),
        endsAt: new Date(first.getTime() + i * 24 * HOUR + HOUR),
      });
    const one = await t.client().get('/wydarzenia?audience=institutions');
    assert.equal(listed(one.body).length, 20);
    assert.equal(listed(one.body)[0], 'Konsultacje 01');
    const next = nextLink(one.body);
    assert.match(next, /^\/wydarzenia\?audience=institutions&cursor=/);
    const two = await t.client().get(next);
    assert.deepEqual(listed(two.body), ['Konsultacje 21', 'Konsultacje 22', 'Konsultacje 23']);
    assert.equal(nextLink(two.body), '');
    const back = await t.client().get(prevLink(two.body));
    assert.deepEqual(listed(back.body), listed(one.body));
    assert.equal((await t.client().get('/wydarzenia?cursor=bm9wZQ')).statusCode, 400);
  });
});

describe('an event page', () => {
  const jsonLd = (html: string) => {
    const m = /<script type="application\/ld\+json">(.+?)<\/script>/s.exec(html);
    assert.ok(m, 'the page has JSON-LD');
    return JSON.parse(m[1]!) as Record<string, unknown>;
  };

  test('shows the event, its description rendered without the script, and a schema.org Event', async () => {
    const res = await t.client().get(`/wydarzenia/${ids.walk}`);
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /<h1 class="govuk-heading-l"><span class="govuk-caption-l">Spacer badawczy<\/span>Spacer badawczy: Grzegórzki<\/h1>/,
    );
    // Raw HTML in the Markdown is shown as text, never as markup.
    assert.match(res.body, /Idziemy <strong>razem<\/strong>\. &lt;u&gt;Zbiórka&lt;\/u&gt; przy bramie\./);
    assert.match(res.body, /25 października 2026 10:00–12:00/);
    assert.match(res.body, /ul\. Zabłocie 20–22, Kraków/);
    assert.match(res.body, /Wydział Rozwoju Miasta/);
    assert.match(res.body, /Zostało 10 miejsc z 10\./);
    assert.match(res.body, new RegExp(`href="/wydarzenia/${ids.walk}.ics"`));
    const ld = jsonLd(res.body);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'Event');
    assert.equal(ld.name, 'Spacer badawczy: Grzegórzki');
    // Sunday 25 October 2026: 10:00 is after the clocks went back, so +01:00.
    assert.equal(ld.startDate, '2026-10-25T10:00:00+01:00');
    assert.equal(ld.endDate, '2026-10-25T12:00:00+01:00');
    assert.equal(ld.eventStatus, 'https://schema.org/EventScheduled');
    assert.equal(ld.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode');
    assert.deepEqual(ld.location, {
      '@type': 'Place',
      name: 'ul. Zabłocie 20–22, Kraków',
      address: 'ul. Zabłocie 20–22, Kraków',
      geo: { '@type': 'GeoCoordinates', latitude: 50.0489, longitude: 19.9592 },
    });
    assert.deepEqual(ld.organizer, { '@type': 'GovernmentOrganization', name: 'Wydział Rozwoju Miasta' });
    assert.equal(ld.url, `http://localhost:3000/wydarzenia/${ids.walk}`);
  });

  test('a script that reached the database some other way is still shown as text', async () => {
    const id = await publishedEvent(svc, staff, { title: { pl: 'Stary opis' } });
    await t.database.db.execute(
      sql`update event_event set description = ${'Opis <script>alert(1)</script> [x](javascript:alert(1))'} where id = ${id}`,
    );
    const res = await t.client().get(`/wydarzenia/${id}`);
    assert.match(res.body, /Opis &lt;script&gt;alert\(1\)&lt;\/script&gt; \[x\]\(javascript:alert\(1\)\)/);
    assert.doesNotMatch(res.body, /<script>alert|href="javascript:/);
  });

  test('a cancelled event says so with its reason; its JSON-LD is EventCancelled', async () => {
    const res = await t.client().get(`/wydarzenia/${ids.cancelled}`);
    assert.match(res.body, /To wydarzenie zostało odwołane\. Powód: Prowadząca zachorowała/);
    assert.match(res.body, /<del>Warsztaty ogrodnicze<\/del>/);
    assert.match(res.body, /Zapisy są zamknięte\./);
    assert.doesNotMatch(res.body, /action="\/wydarzenia\/[^"]+\/zapis"/);
    assert.equal(jsonLd(res.body).eventStatus, 'https://schema.org/EventCancelled');
  });

  test('a postponed event shows the original and the new date; an online one a VirtualLocation', async () => {
    const res = await t.client().get(`/wydarzenia/${ids.postponed}`);
    assert.match(
      res.body,
      /Pierwotny termin: 29 października 2026 09:00\. Nowy termin: 5 listopada 2026 09:00–11:00\./,
    );
    const ld = jsonLd(res.body);
    assert.equal(ld.eventStatus, 'https://schema.org/EventRescheduled');
    assert.equal(ld.startDate, '2026-11-05T09:00:00+01:00');
    assert.equal(ld.previousStartDate, '2026-10-29T09:00:00+01:00');
    const online = jsonLd((await t.client().get(`/wydarzenia/${ids.online}`)).body);
    assert.equal(online.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode');
    assert.deepEqual(online.location, { '@type': 'VirtualLocation', url: 'https://spotkanie.example/abc' });
  });

  test('a draft, an unknown id and a bad one are not found', async () => {
    assert.equal((await t.client().get(`/wydarzenia/${ids.draft}`)).statusCode, 404);
    assert.equal((await t.client().get('/wydarzenia/0190aaaa-0000-7000-8000-000000000000')).statusCode, 404);
    assert.equal((await t.client().get('/wydarzenia/nie-ma')).statusCode, 404);
    assert.equal((await t.client().get(`/wydarzenia/${ids.draft}.ics`)).statusCode, 404);
  });

  test('the page reads in English and Ukrainian', async () => {
    const en = await t.client().get(`/wydarzenia/${ids.cancelled}`, { 'accept-language': 'en' });
    assert.match(en.body, /This event has been cancelled\./);
    const uk = await t.client().get('/wydarzenia', { 'accept-language': 'uk' });
    assert.match(uk.body, /Скасовано/);
  });
});

describe('iCalendar', () => {
  const parse = (body: string) => {
    const cal = new ICAL.Component(ICAL.parse(body));
    return cal.getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
  };

  test('"add to calendar" is one VEVENT that links back to the page, in UTC', async () => {
    const res = await t.client().get(`/wydarzenia/${ids.walk}.ics`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    const [only, ...rest] = parse(res.body);
    assert.equal(rest.length, 0);
    assert.equal(only!.e.summary, 'Spacer badawczy: Grzegórzki');
    assert.equal(only!.e.uid, `event-${ids.walk}@localhost:3000`);
    assert.equal(only!.e.startDate.toJSDate().getTime(), at('2026-10-25', '10:00').getTime());
    assert.equal(only!.v.getFirstPropertyValue('url'), `http://localhost:3000/wydarzenia/${ids.walk}`);
    assert.equal(only!.v.getFirstPropertyValue('status'), 'CONFIRMED');
  });

  test('a feed of a filter has its events only: cancelled ones CANCELLED, postponed ones at their new date', async () => {
    const all = parse((await t.client().get('/wydarzenia/kalendarz.ics')).body);
    const byUid = new Map(all.map((x) => [x.e.uid, x]));
    const cancelled = byUid.get(`event-${ids.cancelled}@localhost:3000`);
    assert.equal(cancelled?.v.getFirstPropertyValue('status'), 'CANCELLED');
    const postponed = byUid.get(`event-${ids.postponed}@localhost:3000`);
    assert.equal(postponed?.e.startDate.toJSDate().getTime(), at('2026-11-05', '09:00').getTime());
    assert.ok(Number(postponed?.v.getFirstPropertyValue('sequence')) >= 0);
    for (const { v } of all)
      assert.match(String(v.getFirstPropertyValue('url')), /^http:\/\/localhost:3000\/wydarzenia\//);
    assert.ok(!byUid.has(`event-${ids.draft}@localhost:3000`));
    const seniors = parse((await t.client().get('/wydarzenia/kalendarz.ics?audience=seniors')).body);
    assert.deepEqual(
      seniors.map((x) => x.e.summary),
      ['Spacer badawczy: Grzegórzki'],
    );
  });

  test('a feed a calendar app already has answers 304; a cancellation shows in it at once', async () => {
    const id = await publishedEvent(
      svc,
      staff,
      { title: { pl: 'Śniadanie w Zabłociu' }, kind: 'networking_breakfast' },
      41,
    );
    const uid = `event-${id}@localhost:3000`;
    const feed = '/wydarzenia/kalendarz.ics?kind=networking_breakfast';
    const statusIn = (body: string) =>
      parse(body)
        .find((x) => x.e.uid === uid)
        ?.v.getFirstPropertyValue('status');
    const first = await t.client().get(feed);
    assert.equal(statusIn(first.body), 'CONFIRMED');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    const again = await t.client().get(feed, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    await svc.cancel(as(staff), id, 'Sala zalana');
    const changed = await t.client().get(feed, { 'if-none-match': etag });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(statusIn(changed.body), 'CANCELLED');
  });

  test("a feed's address carries the reader's language, which a calendar app does not send", async () => {
    const en = await t.client().get('/wydarzenia?audience=seniors', { 'accept-language': 'en' });
    const href = amp(/href="(\/wydarzenia\/kalendarz\.ics[^"]*)"/.exec(en.body)?.[1] ?? '');
    assert.equal(href, '/wydarzenia/kalendarz.ics?audience=seniors&lang=en');
    const feed = parse((await t.client().get(href)).body);
    const cancelled = parse((await t.client().get('/wydarzenia/kalendarz.ics?lang=en')).body).find(
      (x) => x.e.uid === `event-${ids.cancelled}@localhost:3000`,
    );
    assert.match(cancelled!.e.summary, /^Cancelled: /);
    assert.equal(feed.length, 1);
    // An unknown language is the reader's (here Polish), not an error.
    const odd = await t.client().get('/wydarzenia/kalendarz.ics?lang=xx');
    assert.equal(odd.statusCode, 200);
    const pl = parse(odd.body).find((x) => x.e.uid === `event-${ids.cancelled}@localhost:3000`);
    assert.match(pl!.e.summary, /^Odwołane: /);
  });

  test('a change raises the SEQUENCE and the stamp', async () => {
    const id = await publishedEvent(svc, staff, { title: { pl: 'Zmieniane spotkanie' } }, 40);
    const before = parse((await t.client().get(`/wydarzenia/${id}.ics`)).body)[0]!.v;
    // A minute later (the clock only moves on: what was published stays public).
    testClock.advance(60_000);
    await svc.postpone(as(staff), id, {
      startsAt: at('2026-12-10', '10:00'),
      endsAt: at('2026-12-10', '12:00'),
    });
    const afterChange = parse((await t.client().get(`/wydarzenia/${id}.ics`)).body)[0]!.v;
    assert.ok(
      Number(afterChange.getFirstPropertyValue('sequence')) >
        Number(before.getFirstPropertyValue('sequence')),
    );
    assert.equal(afterChange.getFirstPropertyValue('summary'), 'Przełożone: Zmieniane spotkanie');
  });
});

describe('the month view', () => {
  /** The titles of events in a day's cell. */
  const day = (html: string, date: string) => {
    const m = new RegExp(`<td class="govuk-table__cell" data-day="${date}">(.*?)</td>`, 's').exec(html);
    assert.ok(m, `a cell for ${date}`);
    return [...m[1]!.matchAll(/<a class="govuk-link" href="\/wydarzenia\/[^"]+">([^<]+)<\/a>/g)].map(
      (x) => x[1],
    );
  };

  test('October 2026 (the clocks go back on the 25th): 31 days, each event on its Warsaw day', async () => {
    const res = await t.client().get('/wydarzenia/miesiac?m=2026-10');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1 class="govuk-heading-l">Wydarzenia: październik 2026<\/h1>/);
    const cells = [...res.body.matchAll(/data-day="(2026-10-\d\d)"/g)].map((m) => m[1]);
    assert.equal(cells.length, 31);
    assert.equal(cells[0], '2026-10-01');
    assert.equal(cells[30], '2026-10-31');
    assert.deepEqual(day(res.body, '2026-10-25'), ['Spacer badawczy: Grzegórzki']);
    assert.deepEqual(day(res.body, '2026-10-28'), ['Warsztaty ogrodnicze']);
    // 21:00–23:00 on the 31st is October's; 00:30 on 1 November (23:30 UTC on the 31st) is not.
    assert.deepEqual(day(res.body, '2026-10-31'), ['Potańcówka październikowa']);
    assert.doesNotMatch(res.body, /Nocna gra miejska/);
    // The week starts on Monday: 1 October 2026 is a Thursday, three empty cells before it.
    assert.match(
      res.body,
      /<tbody class="govuk-table__body"><tr class="govuk-table__row"><td class="govuk-table__cell"><\/td><td class="govuk-table__cell"><\/td><td class="govuk-table__cell"><\/td><td class="govuk-table__cell" data-day="2026-10-01">/,
    );
    assert.match(res.body, /href="\/wydarzenia\/miesiac\?m=2026-09" rel="prev"/);
    assert.match(res.body, /href="\/wydarzenia\/miesiac\?m=2026-11" rel="next"/);
  });

  test('November has the night game on the 1st; December links to January of the next year', async () => {
    const nov = await t.client().get('/wydarzenia/miesiac?m=2026-11');
    assert.deepEqual(day(nov.body, '2026-11-01'), ['Nocna gra miejska']);
    assert.deepEqual(day(nov.body, '2026-11-05'), ['Śniadanie sąsiedzkie']);
    assert.equal([...nov.body.matchAll(/data-day="2026-11-/g)].length, 30);
    const dec = await t.client().get('/wydarzenia/miesiac?m=2026-12&kind=training');
    assert.deepEqual(day(dec.body, '2026-12-31'), ['Szkolenie online']);
    assert.match(amp(dec.body), /href="\/wydarzenia\/miesiac\?kind=training&m=2027-01" rel="next"/);
    const mar = await t.client().get('/wydarzenia/miesiac?m=2027-03');
    assert.equal([...mar.body.matchAll(/data-day="2027-03-/g)].length, 31);
    assert.equal((await t.client().get('/wydarzenia/miesiac?m=2026-13')).statusCode, 400);
  });

  test('without a month it shows the current one', async () => {
    const res = await t.client().get('/wydarzenia/miesiac');
    assert.match(res.body, /Wydarzenia: październik 2026/);
  });
});

describe('the list is drawn once for every anonymous reader', () => {
  test('a signed-in reader gets a page of their own; the one kept for anonymous readers names no one', async () => {
    const path = '/wydarzenia?kind=debate';
    const before = await t.client().get(path);
    assert.match(before.body, /href="\/logowanie"/);
    const resident = await t.signedIn('resident', { name: 'Halina Wspólna' });
    const own = await resident.get(path);
    assert.deepEqual(listed(own.body), ['Debata o Zabłociu']);
    assert.match(own.body, /action="\/wyloguj"/);
    assert.doesNotMatch(own.body, /href="\/logowanie"/);
    const after = await t.client().get(path);
    assert.equal(after.body, before.body);
    assert.doesNotMatch(after.body, /wyloguj|_csrf/);
  });

  test("a change made on this node shows at once; another node's, at the next change here (or within 30 s)", async () => {
    const id = await publishedEvent(svc, staff, {
      title: { pl: 'Kawiarenka obywatelska' },
      startsAt: at('2027-02-10', '17:00'),
      endsAt: at('2027-02-10', '19:00'),
    });
    const path = '/wydarzenia?q=kawiarenka';
    assert.deepEqual(listed((await t.client().get(path)).body), ['Kawiarenka obywatelska']);
    // Another node renames it: this node's kept page does not know yet.
    await t.database.db.execute(
      sql`update event_event set title = 'Kawiarenka obywatelska w Nowej Hucie' where id = ${id}`,
    );
    assert.deepEqual(listed((await t.client().get(path)).body), ['Kawiarenka obywatelska']);
    // Another address is another page, drawn now from what the database holds.
    const other = await t.client().get('/wydarzenia?q=Kawiarenka');
    assert.deepEqual(listed(other.body), ['Kawiarenka obywatelska w Nowej Hucie']);
    // A change made here (this event cancelled) empties what the node kept.
    await svc.cancel(as(staff), id, 'Kawiarnia w remoncie');
    const now = await t.client().get(path);
    assert.deepEqual(listed(now.body), ['Kawiarenka obywatelska w Nowej Hucie']);
    assert.match(now.body, /Powód: Kawiarnia w remoncie/);
  });
});
