// iCalendar feeds read by a standards-following parser (ical.js): the public busy-times feed of a
// resource (no names, no titles) and the private feed of a person behind a secret URL that is
// shown once, can be renewed (the old URL dies) and revoked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { giveAgreement, openDays, seedTestSpaces } from './test-helpers.ts';

let t: TestApp;
let anna: Client & { userId: string; name: string; email: string };
let piotr: Client & { userId: string; name: string; email: string };
const made: Record<string, { id: string; startsAt: string; endsAt: string }> = {};

interface ParsedEvent {
  uid: string;
  summary: string;
  start: number;
  end: number;
  status: string | null;
  url: string | null;
}

function parse(text: string): { name: string; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return {
    name: String(cal.getFirstPropertyValue('x-wr-calname')),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        start: e.startDate.toJSDate().getTime(),
        end: e.endDate.toJSDate().getTime(),
        status: (v.getFirstPropertyValue('status') as string | null) ?? null,
        url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      };
    }),
  };
}

async function book(who: Client, key: string, body: Record<string, unknown>) {
  const res = await who.json('POST', '/api/v1/spaces/bookings', body);
  assert.equal(res.statusCode, 201, res.body);
  made[key] = (res.json() as { bookings: Array<{ id: string; startsAt: string; endsAt: string }> })
    .bookings[0]!;
}

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  [anna, piotr] = (await t.signedInMany(2)) as [typeof anna, typeof piotr];
  await t.database.db.execute(sql`update auth_user set name = 'Anna Nowak' where id = ${anna.userId}`);
  const [d1, d2] = openDays(2, addDays(todayInWarsaw(testClock.now()), 3));
  const [eventDay] = openDays(1, addDays(todayInWarsaw(testClock.now()), 10));
  await book(anna, 'room', {
    resource: 'pomieszczenie-b2b',
    date: d1,
    from: '10:00',
    to: '11:30',
    title: 'Rozmowa z inwestorem Tajny Projekt',
  });
  await book(piotr, 'piotr', {
    resource: 'pomieszczenie-b2b',
    date: d2,
    from: '12:00',
    to: '13:00',
    title: 'Piotr',
  });
  await book(anna, 'event', {
    resource: 'zablocie-space-sala-wydarzen',
    date: eventDay,
    from: '17:00',
    to: '19:00',
    title: 'Spotkanie sąsiedzkie',
    attendees: 40,
    houseRules: true,
  });
  await giveAgreement(t.database, anna.userId);
  await book(anna, 'desk', { resource: 'coworking-stanowiska', date: d2 });
  await book(anna, 'cancelled', { resource: 'pomieszczenie-b2b', date: d2, from: '15:00', to: '16:00' });
  const c = await anna.json('POST', `/api/v1/spaces/bookings/${made.cancelled!.id}/cancel`, {});
  assert.equal(c.statusCode, 200, c.body);
  // A booking long past, outside the public window.
  const longAgo = new Date(testClock.now().getTime() - 60 * 86_400_000);
  await t.database.db.execute(sql`
    insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, title)
    select gen_random_uuid(), id, 'slot', ${anna.userId}, ${longAgo}::timestamptz, ${longAgo}::timestamptz + interval '1 hour',
           ${longAgo}::timestamptz + interval '1 hour', 'confirmed', 'Dawno'
    from space_resource where slug = 'pomieszczenie-b2b'`);
});
after(() => t.close());

describe('public feed of a resource', () => {
  test('busy times of live bookings only, labelled "busy", no names, titles or booking ids; cached briefly', async () => {
    const res = await t.client().get('/przestrzenie/pomieszczenie-b2b/kalendarz.ics');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] ?? '', /^text\/calendar; charset=utf-8/);
    assert.match(String(res.headers['cache-control']), /public, max-age=\d+/);
    const cal = parse(res.body);
    assert.match(cal.name, /Pomieszczenie B2B/);
    const expected = [made.room!, made.piotr!]
      .map((b) => [Date.parse(b.startsAt), Date.parse(b.endsAt)])
      .sort((a, b) => a[0]! - b[0]!);
    assert.deepEqual(
      cal.events.map((e) => [e.start, e.end]),
      expected,
      'the two live bookings, not the cancelled one nor the one 60 days ago',
    );
    for (const e of cal.events) {
      assert.equal(e.summary, 'Zajęte');
      assert.equal(e.url, null);
    }
    for (const secret of ['Tajny', 'Piotr', 'Anna', 'Nowak', '@test.example', made.room!.id, made.piotr!.id])
      assert.ok(!res.body.includes(secret), `the feed does not reveal ${secret}`);
    const again = parse((await t.client().get('/przestrzenie/pomieszczenie-b2b/kalendarz.ics')).body);
    assert.deepEqual(
      again.events.map((e) => e.uid),
      cal.events.map((e) => e.uid),
      'UIDs are stable',
    );
    const en = await t
      .client()
      .get('/przestrzenie/pomieszczenie-b2b/kalendarz.ics', { 'accept-language': 'en' });
    assert.ok(parse(en.body).events.every((e) => e.summary === 'Busy'));
  });

  test('an unknown resource is 404', async () => {
    assert.equal((await t.client().get('/przestrzenie/nie-ma-takiej/kalendarz.ics')).statusCode, 404);
  });
});

describe('private feed of a person', () => {
  const feedPath = (url: string) => new URL(url).pathname;
  const urlOnPage = (html: string) =>
    /<input[^>]*id="feed-url"[^>]*value="([^"]+)"/.exec(html)?.[1] ??
    /value="([^"]+)"[^>]*id="feed-url"/.exec(html)?.[1] ??
    null;

  test('the page shows the secret URL once; the feed has my bookings with status, title and URL', async () => {
    const first = await anna.get('/przestrzenie/moje/kalendarz');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Utwórz adres kalendarza/);
    assert.equal(urlOnPage(first.body), null);

    const created = await anna.post('/przestrzenie/moje/kalendarz');
    assert.equal(created.statusCode, 303);
    const shown = await anna.get('/przestrzenie/moje/kalendarz');
    const url = urlOnPage(shown.body);
    assert.ok(url, 'the URL is shown right after it was created');
    assert.match(url, /^http:\/\/localhost:3000\/przestrzenie\/kalendarz\/[A-Za-z0-9_-]{43}\.ics$/);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const [stored] = await queryRows<{ tokenHash: string }>(
      t.database.db,
      sql`select token_hash as "tokenHash" from space_feed where user_id = ${anna.userId}`,
    );
    const token = /kalendarz\/([^.]+)\.ics/.exec(url)![1]!;
    assert.ok(stored && !stored.tokenHash.includes(token), 'only a hash of the token is stored');
    const later = await anna.get('/przestrzenie/moje/kalendarz');
    assert.equal(urlOnPage(later.body), null, 'never shown again');
    assert.ok(!later.body.includes(token));
    assert.match(later.body, /id="feed-exists"/);

    const res = await t.client().get(feedPath(url));
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] ?? '', /^text\/calendar/);
    const cal = parse(res.body);
    const byUid = new Map(cal.events.map((e) => [e.uid, e]));
    const expectations: Array<[string, string, RegExp]> = [
      ['room', 'CONFIRMED', /^Pomieszczenie B2B: Rozmowa z inwestorem Tajny Projekt$/],
      ['event', 'TENTATIVE', /^Sala wydarzeń Zabłocie Space: Spotkanie sąsiedzkie$/],
      ['desk', 'CONFIRMED', /^Stanowiska coworkingowe$/],
      ['cancelled', 'CANCELLED', /^Pomieszczenie B2B$/],
    ];
    for (const [key, status, summary] of expectations) {
      const b = made[key]!;
      const e = byUid.get(`booking-${b.id}@localhost:3000`);
      assert.ok(e, `${key} is in the feed`);
      assert.equal(e.status, status, key);
      assert.match(e.summary, summary);
      assert.equal(e.start, Date.parse(b.startsAt));
      assert.equal(e.end, Date.parse(b.endsAt));
      assert.equal(e.url, `http://localhost:3000/przestrzenie/rezerwacje/${b.id}`);
    }
    assert.ok(!res.body.includes('Piotr'), 'nobody else’s bookings');
    // The private feed also keeps the last 90 days: the booking 60 days ago is there.
    assert.equal(cal.events.length, 5);
    assert.ok(cal.events.some((e) => e.summary === 'Pomieszczenie B2B: Dawno' && e.status === 'CONFIRMED'));
    const desk = byUid.get(`booking-${made.desk!.id}@localhost:3000`)!;
    assert.equal(new Date(desk.start).toISOString(), made.desk!.startsAt);
  });

  test('renewing kills the old URL; revoking (after a confirmation) kills the current one', async () => {
    await anna.post('/przestrzenie/moje/kalendarz');
    const oldUrl = urlOnPage((await anna.get('/przestrzenie/moje/kalendarz')).body)!;
    assert.equal((await t.client().get(feedPath(oldUrl))).statusCode, 200);
    const rotated = await anna.post('/przestrzenie/moje/kalendarz');
    assert.equal(rotated.statusCode, 303);
    const page = await anna.get('/przestrzenie/moje/kalendarz');
    const newUrl = urlOnPage(page.body)!;
    assert.match(page.body, /Poprzedni już nie działa/);
    assert.notEqual(newUrl, oldUrl);
    assert.equal((await t.client().get(feedPath(oldUrl))).statusCode, 404, 'old token after rotation');
    assert.equal((await t.client().get(feedPath(newUrl))).statusCode, 200);

    const confirm = await anna.get('/przestrzenie/moje/kalendarz/wylacz');
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Wyłączyć kalendarz rezerwacji\?/);
    assert.equal(
      (await t.client().get(feedPath(newUrl))).statusCode,
      200,
      'the confirmation page changes nothing',
    );
    const revoked = await anna.post('/przestrzenie/moje/kalendarz/wylacz');
    assert.equal(revoked.statusCode, 303);
    assert.equal((await t.client().get(feedPath(newUrl))).statusCode, 404, 'revoked');
    const after = await anna.get('/przestrzenie/moje/kalendarz');
    assert.match(after.body, /Utwórz adres kalendarza/);
  });

  test('unknown, malformed or another person’s tokens are 404; the page needs sign-in and CSRF', async () => {
    for (const path of [
      `/przestrzenie/kalendarz/${'A'.repeat(43)}.ics`,
      '/przestrzenie/kalendarz/krotki.ics',
      `/przestrzenie/kalendarz/${'%27or%201=1--'}.ics`,
    ])
      assert.equal((await t.client().get(path)).statusCode, 404, path);
    const anonymous = await t.client().get('/przestrzenie/moje/kalendarz');
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/logowanie/);
    const forged = await piotr.post('/przestrzenie/moje/kalendarz', {}, { csrf: false });
    assert.equal(forged.statusCode, 403);
    const [{ n }] = (await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from space_feed where user_id = ${piotr.userId}`,
    )) as [{ n: number }];
    assert.equal(n, 0);
  });
});

describe('the resource’s name in the reader’s language', () => {
  test('an English reader’s booking page and private feed name the room in English', async () => {
    const emma = await t.signedIn('resident');
    await t.database.db.execute(sql`update auth_user set locale = 'en' where id = ${emma.userId}`);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 5));
    const res = await emma.json('POST', '/api/v1/spaces/bookings', {
      resource: 'pomieszczenie-b2b',
      date: day,
      from: '08:00',
      to: '09:00',
      title: 'Pitch',
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = (res.json() as { bookings: Array<{ id: string }> }).bookings[0]!.id;
    const page = await emma.get(`/przestrzenie/rezerwacje/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1[^>]*>[^<]*B2B meeting room/);
    assert.match(
      page.body,
      /<a class="govuk-link" href="\/przestrzenie\/pomieszczenie-b2b">B2B meeting room<\/a>/,
    );
    assert.ok(!page.body.includes('Pomieszczenie B2B'), 'not the Polish name');
    // A resource without an English name: the Polish one, marked lang="pl".
    await t.database.db.execute(
      sql`update space_resource set name_i18n = '{}'::jsonb where slug = 'pomieszczenie-b2b'`,
    );
    try {
      const polish = await emma.get(`/przestrzenie/rezerwacje/${id}`);
      assert.match(
        polish.body,
        /<a class="govuk-link" href="\/przestrzenie\/pomieszczenie-b2b" lang="pl">Pomieszczenie B2B<\/a>/,
      );
    } finally {
      await t.database.db.execute(
        sql`update space_resource set name_i18n = '{"en": "B2B meeting room", "uk": "Кімната для зустрічей B2B"}'::jsonb
            where slug = 'pomieszczenie-b2b'`,
      );
    }
    await emma.post('/przestrzenie/moje/kalendarz');
    const url = /value="([^"]+\.ics)"/.exec((await emma.get('/przestrzenie/moje/kalendarz')).body)?.[1];
    assert.ok(url, 'the feed URL is shown');
    const feed = parse((await t.client().get(new URL(url).pathname)).body);
    assert.deepEqual(
      feed.events.map((e) => e.summary),
      ['B2B meeting room: Pitch'],
    );
  });
});
