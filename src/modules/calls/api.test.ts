// The calls JSON API through the real app: the public list (never a draft; state and kind filters),
// one call with its form, an application's round trip (start, save, submit with its number,
// withdraw; a draft discarded), refusals as problem documents with `code`, `field` and each refused
// answer in `errors` with nothing stored, and the OpenAPI entries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { testPeople } from '../events/test-helpers.ts';
import type { CallsServices } from './service.ts';
import {
  callInputFor,
  callsOf,
  completeAnswers,
  minutesFromNow,
  publishedCall,
  testFields,
} from './test-helpers.ts';

type Json = Record<string, unknown>;
interface Application {
  id: string;
  callId: string;
  status: string;
  title: string;
  number: string | null;
  answers: Json;
  amountRequested: number | null;
}
interface Problem {
  type: string;
  status: number;
  detail: string;
  code: string;
  field: string | null;
  errors?: Array<{ field: string; code: string; message: string }>;
}

let t: TestApp;
let svc: CallsServices;
let staff: { id: string; role: 'staff' };

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = { id: s!.id, role: 'staff' };
});
after(() => t.close());

/** A signed-in resident with a draft in a fresh open call (closing in `days` days). */
async function draftIn(overrides: Parameters<typeof callInputFor>[0] = {}, days = 14) {
  const callId = await publishedCall(svc, staff, overrides, days);
  const who = await t.signedIn('resident');
  const res = await who.json('POST', `/api/v1/calls/${callId}/applications`, {});
  assert.equal(res.statusCode, 201, res.body);
  return { callId, who, app: res.json() as Application };
}

describe('GET /api/v1/calls', () => {
  test('lists the public calls with their state at the request’s time, never a draft; filters by kind and state', async () => {
    const open = await publishedCall(svc, staff, {
      title: { pl: 'Zielone granty API', en: 'Green grants API' },
    });
    const upcoming = await publishedCall(svc, staff, {
      kind: 'conference',
      opensAt: minutesFromNow(3 * 24 * 60),
      deadlineAt: minutesFromNow(20 * 24 * 60),
    });
    const draft = await svc.calls.create(as(staff), callInputFor({ title: { pl: 'Szkic naboru API' } }));
    const cancelled = await publishedCall(svc, staff);
    await svc.calls.cancel(as(staff), cancelled, 'Brak środków');

    const res = await t.client().json('GET', '/api/v1/calls');
    assert.equal(res.statusCode, 200);
    const items = (res.json() as { items: Array<Json & { id: string; state: string }> }).items;
    const byId = new Map(items.map((c) => [c.id, c]));
    assert.ok(!byId.has(draft.id), 'a draft is never listed');
    assert.equal(byId.get(open)?.state, 'open');
    assert.deepEqual(byId.get(open)?.title, { pl: 'Zielone granty API', en: 'Green grants API' });
    assert.equal(byId.get(open)?.maxAmount, 1_000_000);
    assert.equal(byId.get(upcoming)?.state, 'upcoming');
    assert.equal(byId.get(cancelled)?.state, 'cancelled');
    assert.equal(byId.get(cancelled)?.cancelReason, 'Brak środków');

    const conferences = (await t.client().json('GET', '/api/v1/calls?kind=conference')).json() as {
      items: Array<{ id: string; kind: string }>;
    };
    assert.ok(conferences.items.some((c) => c.id === upcoming));
    assert.ok(conferences.items.every((c) => c.kind === 'conference'));
    const upcomingOnes = (await t.client().json('GET', '/api/v1/calls?state=upcoming')).json() as {
      items: Array<{ id: string; state: string }>;
    };
    assert.ok(upcomingOnes.items.some((c) => c.id === upcoming));
    assert.ok(!upcomingOnes.items.some((c) => c.id === open));
    // A value the list does not know is refused, not ignored.
    assert.equal((await t.client().json('GET', '/api/v1/calls?state=soon')).statusCode, 400);
    assert.equal((await t.client().json('GET', '/api/v1/calls?limit=501')).statusCode, 400);
  });

  test('one call comes with its current form; a draft or an unknown id is not found', async () => {
    const id = await publishedCall(svc, staff);
    const res = await t.client().json('GET', `/api/v1/calls/${id}`);
    assert.equal(res.statusCode, 200);
    const body = res.json() as { formVersion: number; fields: Array<{ key: string; type: string }> };
    assert.equal(body.formVersion, 1);
    assert.deepEqual(
      body.fields.map((f) => [f.key, f.type]),
      testFields.map((f) => [f.key, f.type]),
    );
    const draft = await svc.calls.create(as(staff), callInputFor());
    assert.equal((await t.client().json('GET', `/api/v1/calls/${draft.id}`)).statusCode, 404);
    // Not even staff read a draft through the public API.
    const clerk = await t.signedIn('staff');
    assert.equal((await clerk.json('GET', `/api/v1/calls/${draft.id}`)).statusCode, 404);
    assert.equal((await t.client().json('GET', '/api/v1/calls/nie-ma')).statusCode, 404);
  });
});

describe('an application through the API', () => {
  test('start, save, submit with the number, see it, withdraw it keeping the number', async () => {
    const { callId, who, app } = await draftIn({ numberPrefix: 'APIR' });
    assert.deepEqual([app.callId, app.status, app.number], [callId, 'draft', null]);
    const saved = await who.json('PUT', `/api/v1/applications/${app.id}`, {
      title: 'Warsztaty w Nowej Hucie',
      answers: completeAnswers,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((saved.json() as Application).amountRequested, 500_000);

    const submitted = await who.json('POST', `/api/v1/applications/${app.id}/submission`, {});
    assert.equal(submitted.statusCode, 200, submitted.body);
    const done = submitted.json() as Application;
    assert.equal(done.status, 'submitted');
    assert.match(done.number ?? '', /^APIR\/\d{4}\/0001$/);

    const mine = (await who.json('GET', '/api/v1/applications')).json() as { items: Application[] };
    assert.deepEqual(
      mine.items.map((a) => [a.id, a.number]),
      [[app.id, done.number]],
    );
    const one = (await who.json('GET', `/api/v1/applications/${app.id}`)).json() as Application;
    assert.deepEqual(one.answers, completeAnswers);

    // A submitted application is not a draft any more.
    const late = await who.json('PUT', `/api/v1/applications/${app.id}`, { title: 'Inny', answers: {} });
    assert.equal(late.statusCode, 409);
    assert.equal((late.json() as Problem).code, 'notDraft');

    const withdrawn = await who.json('POST', `/api/v1/applications/${app.id}/withdrawal`, {});
    assert.equal(withdrawn.statusCode, 200);
    assert.deepEqual(
      [(withdrawn.json() as Application).status, (withdrawn.json() as Application).number],
      ['withdrawn', done.number],
    );
  });

  test('a draft withdrawn is discarded (204) and the applicant may start again; a second one is refused', async () => {
    const { callId, who, app } = await draftIn();
    const again = await who.json('POST', `/api/v1/calls/${callId}/applications`, {});
    assert.equal(again.statusCode, 409);
    const p = again.json() as Problem;
    assert.deepEqual(
      [p.code, p.type],
      ['alreadyApplied', 'https://klaster.dev/problems/calls/already-applied'],
    );
    const discarded = await who.json('POST', `/api/v1/applications/${app.id}/withdrawal`, {});
    assert.equal(discarded.statusCode, 204);
    assert.equal(discarded.body, '');
    assert.equal((await who.json('GET', `/api/v1/applications/${app.id}`)).statusCode, 404);
    assert.equal((await who.json('POST', `/api/v1/calls/${callId}/applications`, {})).statusCode, 201);
  });
});

describe('refusals', () => {
  test('an unknown answer and an amount above the call’s maximum: 422 with every refused answer, nothing stored', async () => {
    const { who, app } = await draftIn();
    const path = `/api/v1/applications/${app.id}`;
    const res = await who.json('PUT', path, {
      title: 'Za dużo',
      answers: { ...completeAnswers, amount: 1_000_001, colour: 'zielony' },
    });
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = res.json() as Problem;
    // The first refused answer names the problem (an unknown key is found before the amount's maximum).
    assert.deepEqual(
      [p.type, p.code, p.field],
      ['https://klaster.dev/problems/calls/unknown-field', 'unknownField', 'answers.colour'],
    );
    assert.deepEqual(Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.code])), {
      'answers.colour': 'unknownField',
      'answers.amount': 'aboveMaxAmount',
    });
    const colour = p.errors?.find((e) => e.field === 'answers.colour');
    assert.equal(colour?.message, 'Tego pola nie ma w formularzu tego naboru.');
    const stored = (await who.json('GET', path)).json() as Application;
    assert.deepEqual([stored.title, stored.answers], ['', {}]);
  });

  test('input the schema refuses is a 400 problem naming the field; nothing stored', async () => {
    const { who, app } = await draftIn();
    const path = `/api/v1/applications/${app.id}`;
    const extra = await who.json('PUT', path, { title: 'X', answers: {}, colour: 'zielony' });
    assert.equal(extra.statusCode, 400);
    assert.equal((extra.json() as Problem).type, 'https://klaster.dev/problems/validation-failed');
    const noAnswers = await who.json('PUT', path, { title: 'X' });
    assert.equal(noAnswers.statusCode, 400);
    assert.ok(
      (noAnswers.json() as { errors: Array<{ field: string }> }).errors.some((e) => e.field === 'answers'),
    );
    assert.equal((await who.json('GET', path)).json().title, '');
  });

  test('submitting without the required answers lists each; after the deadline a submission is refused', async () => {
    const { who, app } = await draftIn({ deadlineAt: minutesFromNow(3) });
    const path = `/api/v1/applications/${app.id}`;
    assert.equal(
      (await who.json('PUT', path, { title: 'Prawie', answers: { summary: 'Tylko to' } })).statusCode,
      200,
    );
    const incomplete = await who.json('POST', `${path}/submission`, {});
    assert.equal(incomplete.statusCode, 422);
    assert.deepEqual(
      Object.fromEntries(((incomplete.json() as Problem).errors ?? []).map((e) => [e.field, e.code])),
      { 'answers.amount': 'required', 'answers.truth': 'mustTick' },
    );
    await who.json('PUT', path, { title: 'Gotowe', answers: completeAnswers });
    // The request arrives five minutes later: after the deadline.
    const late = await testClock.at(minutesFromNow(5), () => who.json('POST', `${path}/submission`, {}));
    assert.equal(late.statusCode, 409);
    const p = late.json() as Problem;
    assert.deepEqual(
      [p.code, p.detail],
      ['deadlinePassed', 'Termin składania wniosków minął — wniosek nie został złożony.'],
    );
    const stored = (await who.json('GET', path)).json() as Application;
    assert.deepEqual([stored.status, stored.number], ['draft', null]);
  });

  test('a stranger’s application is 403 with the reason; an unknown one 404; signed out 401', async () => {
    const { callId, app } = await draftIn();
    const stranger = await t.signedIn('resident');
    const path = `/api/v1/applications/${app.id}`;
    for (const res of [
      await stranger.json('GET', path),
      await stranger.json('PUT', path, { title: 'Moje', answers: {} }),
      await stranger.json('POST', `${path}/submission`, {}),
      await stranger.json('POST', `${path}/withdrawal`, {}),
    ]) {
      assert.equal(res.statusCode, 403);
      const p = res.json() as Problem;
      assert.deepEqual([p.code, p.detail], ['notYours', 'To nie jest Twój wniosek.']);
    }
    assert.equal(
      (await stranger.json('GET', '/api/v1/applications/00000000-0000-7000-8000-000000000000')).statusCode,
      404,
    );
    assert.equal((await stranger.json('GET', '/api/v1/applications/nie-ma')).statusCode, 404);
    assert.equal((await t.client().json('GET', path)).statusCode, 401);
    assert.equal((await t.client().json('POST', `/api/v1/calls/${callId}/applications`, {})).statusCode, 401);
    // Applying for an organisation one is not a member of names the field.
    const forOrg = await stranger.json('POST', `/api/v1/calls/${callId}/applications`, {
      organisationId: '00000000-0000-7000-8000-000000000000',
    });
    assert.equal(forOrg.statusCode, 403);
    assert.deepEqual(
      [(forOrg.json() as Problem).code, (forOrg.json() as Problem).field],
      ['notMember', 'organisationId'],
    );
    assert.equal((await stranger.json('GET', '/api/v1/applications')).json().items.length, 0);
  });
});

test('the OpenAPI document lists the calls operations', async () => {
  const doc = (await t.client().get('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
  for (const op of [
    'listCalls',
    'getCall',
    'startCallApplication',
    'listMyCallApplications',
    'getCallApplication',
    'saveCallApplication',
    'submitCallApplication',
    'withdrawCallApplication',
  ])
    assert.ok(ops.includes(op), op);
  assert.ok(doc.paths['/api/v1/applications/{id}']?.put, 'the draft is saved with PUT');
});
