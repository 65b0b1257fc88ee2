// The events JSON API through the real app: the list with filters (accent-insensitive text) and
// cursor pages, one event, registering, the caller's registrations, cancelling (the place goes to
// the line at once), refusals as problem documents in the caller's language, and the OpenAPI entries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import type { EventsService } from './service.ts';
import { eventInput, eventsOf, publishedEvent, testPeople, testSubarea } from './test-helpers.ts';

let t: TestApp;
let svc: EventsService;
let staff: { id: string; role: 'staff' };

before(async () => {
  t = await createTestApp();
  svc = eventsOf(t.app.klaster.services);
  staff = (await testPeople(t.database, 1, 'staff'))[0] as typeof staff;
});
after(() => t.close());

describe('GET /api/v1/events', () => {
  test('filters by subarea, audience and text ("grzegorzki" finds "Grzegórzki"), in cursor pages', async () => {
    const subarea = await testSubarea(t.database);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        await publishedEvent(
          svc,
          staff,
          { title: { pl: `Spacer po Grzegórzkach ${i}` }, subareaId: subarea, audiences: ['seniors'] },
          20 + i,
        ),
      );
    await publishedEvent(svc, staff, { title: { pl: 'Warsztaty w Kazimierzu' }, audiences: ['youth'] }, 21);
    const anon = t.client();
    const first = await anon.json(
      'GET',
      `/api/v1/events?q=grzegorzkach&audience=seniors&subarea=${subarea}&limit=2`,
    );
    assert.equal(first.statusCode, 200);
    const page1 = first.json() as {
      items: Array<{ id: string; title: { pl: string } }>;
      nextCursor: string | null;
    };
    assert.deepEqual(
      page1.items.map((e) => e.id),
      ids.slice(0, 2),
    );
    assert.ok(page1.nextCursor);
    const second = (
      await anon.json(
        'GET',
        `/api/v1/events?q=grzegorzkach&audience=seniors&subarea=${subarea}&limit=2&cursor=${page1.nextCursor}`,
      )
    ).json() as typeof page1;
    assert.deepEqual(
      second.items.map((e) => e.id),
      ids.slice(2),
    );
    assert.equal(second.nextCursor, null);
    // A value the list does not know is refused (the page would ignore it; a program should hear).
    assert.equal((await anon.json('GET', '/api/v1/events?kind=picnic')).statusCode, 400);
    assert.equal((await anon.json('GET', '/api/v1/events?from=24.12.2026')).statusCode, 400);
    // The archive holds what is over, and none of the upcoming ones.
    const past = await publishedEvent(svc, staff, { title: { pl: 'Spotkanie, które się odbyło' } }, 30);
    await t.database.db.execute(sql`
      update event_event set starts_at = ${new Date(testClock.now().getTime() - 3 * 86_400_000)},
        ends_at = ${new Date(testClock.now().getTime() - 3 * 86_400_000 + 3_600_000)} where id = ${past}`);
    const archive = (await anon.json('GET', '/api/v1/events?archive=true&limit=100')).json() as {
      items: Array<{ id: string; endsAt: string }>;
    };
    assert.ok(
      archive.items.some((e) => e.id === past),
      'the past meeting is in the archive',
    );
    for (const e of archive.items) assert.ok(new Date(e.endsAt) <= testClock.now(), `${e.id} is over`);
    assert.ok(!archive.items.some((e) => ids.includes(e.id)), 'no upcoming event in the archive');
    const upcoming = (await anon.json('GET', '/api/v1/events?limit=100')).json() as {
      items: Array<{ id: string }>;
    };
    assert.ok(!upcoming.items.some((e) => e.id === past), 'nor is it upcoming');
    const bad = await anon.json('GET', '/api/v1/events?cursor=abc');
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { code: string }).code, 'invalidCursor');
  });

  test('one event: a draft is not found; a published one shows its places left', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 3, maxCompanions: 2 });
    const res = await t.client().json('GET', `/api/v1/events/${id}`);
    assert.equal(res.statusCode, 200);
    const body = res.json() as {
      registration: { placesLeft: number; open: boolean };
      title: { pl: string; en: string };
    };
    assert.deepEqual([body.registration.placesLeft, body.registration.open], [3, true]);
    assert.equal(body.title.en, 'Consultation meeting');
    assert.equal((await t.client().json('GET', '/api/v1/events/not-an-id')).statusCode, 404);
    const draft = await svc.create(as(staff), eventInput());
    assert.equal((await t.client().json('GET', `/api/v1/events/${draft.id}`)).statusCode, 404);
  });
});

describe('registering and cancelling', () => {
  test('register, see it in my registrations, cancel: the waiting person is offered the place', async () => {
    const id = await publishedEvent(svc, staff, { capacity: 1 });
    const anna = await t.signedIn('resident');
    const piotr = await t.signedIn('resident');
    const made = await anna.json('POST', `/api/v1/events/${id}/registration`, {});
    assert.equal(made.statusCode, 201);
    assert.equal((made.json() as { status: string }).status, 'confirmed');
    const waiting = await piotr.json('POST', `/api/v1/events/${id}/registration`, {});
    assert.deepEqual(
      [(waiting.json() as { status: string }).status, (waiting.json() as { ahead: number }).ahead],
      ['waiting', 0],
    );
    const again = await anna.json('POST', `/api/v1/events/${id}/registration`, {});
    assert.equal(again.statusCode, 409);
    const problem = again.json() as { code: string; detail: string; type: string };
    assert.equal(problem.code, 'alreadyRegistered');
    assert.equal(problem.detail, 'Już jesteś zapisany(-a) na to wydarzenie.');
    assert.equal(problem.type, 'https://klaster.dev/problems/events/already-registered');
    const mine = (await anna.json('GET', '/api/v1/events/my-registrations')).json() as {
      items: Array<{ eventId: string }>;
    };
    assert.deepEqual(
      mine.items.map((r) => r.eventId),
      [id],
    );
    const cancelled = await anna.json('POST', `/api/v1/events/${id}/registration/cancel`, {});
    assert.equal(cancelled.statusCode, 200);
    assert.equal((cancelled.json() as { status: string }).status, 'cancelled');
    const piotrs = (await piotr.json('GET', '/api/v1/events/my-registrations')).json() as {
      items: Array<{ status: string; offerExpiresAt: string }>;
    };
    assert.equal(piotrs.items[0]?.status, 'offered');
    assert.ok(Date.parse(piotrs.items[0]!.offerExpiresAt) > testClock.now().getTime());
  });

  test('signed out the write is refused; too many companions is a 422 problem naming the field', async () => {
    const id = await publishedEvent(svc, staff, { maxCompanions: 0 });
    assert.equal((await t.client().json('POST', `/api/v1/events/${id}/registration`, {})).statusCode, 401);
    const eve = await t.signedIn('resident');
    const res = await eve.json('POST', `/api/v1/events/${id}/registration`, { companions: 1 });
    assert.equal(res.statusCode, 422);
    const p = res.json() as { code: string; field: string; detail: string };
    assert.deepEqual(
      [p.code, p.field, p.detail],
      ['tooManyCompanions', 'companions', 'Na to wydarzenie możesz zapisać mniej osób towarzyszących.'],
    );
    assert.equal((await eve.json('GET', '/api/v1/events/my-registrations')).json().items.length, 0);
  });
});

test('the OpenAPI document lists the events operations', async () => {
  const doc = (await t.client().get('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
  for (const op of [
    'listEvents',
    'getEvent',
    'registerForEvent',
    'cancelMyEventRegistration',
    'listMyEventRegistrations',
  ])
    assert.ok(ops.includes(op), op);
});
