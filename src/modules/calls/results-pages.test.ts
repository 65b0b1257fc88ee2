// A call's ranking and results pages as the chair, staff, the public and strangers use them without
// JavaScript: a judged call set up through the services (two applications tied, one waiting for the
// jury's agreement), then the ranking page refused to a stranger and a juror, shown to the chair
// with the tie explained and what is pending, approval refused while incomplete with its reason,
// the agreement recorded, the ranking approved, the results published by staff, and the public
// list — absent before publication — with the funded application first and its amount.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { testPeople } from '../events/test-helpers.ts';
import type { CallsServices } from './service.ts';
import { callsOf, completeAnswers, minutesFromNow, publishedCall } from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
type Client = Awaited<ReturnType<TestApp['signedIn']>>;
let chair: Client;
let staffClient: Client;
let stranger: Client;
let juror: Client;
let callId = '';
/** The applications' numbers in submission order. */
let numbers: string[] = [];
let criterionA = '';

const afterDeadline = () => minutesFromNow(24 * 60 + 1);

/** Ids are unique, and every visible input and textarea has a label for its id. */
function assertLabelled(html: string) {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
    'duplicate ids',
  );
  const labelled = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]!));
  for (const m of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (/type="(hidden|submit)"/.test(attrs)) continue;
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1];
    assert.ok(id && labelled.has(id), `unlabelled ${m[1]}: ${attrs.slice(0, 80)}`);
  }
}

/** The text of the page without tags, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  const staff = (await testPeople(t.database, 1, 'staff'))[0]!;
  const members = await testPeople(t.database, 2);
  const applicants = await testPeople(t.database, 3);
  chair = await t.signedIn('resident');
  staffClient = await t.signedIn('staff');
  stranger = await t.signedIn('resident');
  juror = await t.signedIn('resident');
  const { formal, jury, scoring } = svc.judging;

  // 5,000 zł for the whole call, each application asking 5,000 zł: one is funded.
  callId = await publishedCall(
    svc,
    { id: staff.id, role: 'staff' },
    { budget: 500_000, maxAmount: 500_000, evaluatorsPerApplication: 2 },
    1,
  );
  const criteria = await scoring.setCriteria(as(staff), callId, [
    { name: { pl: 'Trafność', en: 'Relevance' }, maxPoints: 10 },
    { name: { pl: 'Wykonalność' }, maxPoints: 10 },
  ]);
  criterionA = criteria[0]!.id;
  for (const m of members) await jury.appoint(as(staff), callId, m.id, 'member');
  await jury.appoint(as(staff), callId, chair.userId, 'chair');
  // A third member spared by the sharing-out (two members suffice): a juror, not the chair.
  await jury.appoint(as(staff), callId, juror.userId, 'member');

  // Three applications, ten minutes apart, so the earlier submission breaks a tie.
  const appIds: string[] = [];
  for (const [i, a] of applicants.entries()) {
    const ctx = { ...as(a), now: minutesFromNow(10 * (i + 1)) };
    const draft = await svc.applications.start(ctx, callId);
    await svc.applications.save(ctx, draft.id, { title: `Projekt ${i + 1}`, answers: completeAnswers });
    await svc.applications.submit(ctx, draft.id);
    appIds.push(draft.id);
  }
  const late = { ...as(staff), now: afterDeadline() };
  for (const id of appIds) await formal.accept(late, id);
  await jury.assignAutomatically(late, callId);

  // The first two tie at 16 of 20; the third's evaluators differ by 5 on the first criterion
  // (more than the call's 3): an item for the jury's agreement.
  const plan: Array<[[number, number], [number, number]]> = [
    [
      [8, 8],
      [8, 8],
    ],
    [
      [8, 8],
      [8, 8],
    ],
    [
      [9, 5],
      [4, 5],
    ],
  ];
  const assignments = await jury.workload(late, callId);
  assert.deepEqual(assignments.needing, []);
  for (const [i, id] of appIds.entries()) {
    const on: string[] = [];
    for (const m of [...members, { id: juror.userId }]) {
      const mine = await jury.mine({ ...as({ id: m.id, role: 'resident' }), now: afterDeadline() });
      for (const a of mine.filter((x) => x.applicationId === id)) on.push(`${m.id} ${a.id}`);
    }
    assert.equal(on.length, 2, 'two evaluators on each application');
    for (const [j, entry] of on.entries()) {
      const [who, assignmentId] = entry.split(' ') as [string, string];
      const ctx = { ...as({ id: who, role: 'resident' }), now: afterDeadline() };
      await jury.declare(ctx, assignmentId);
      const points = plan[i]![j]!;
      await scoring.saveScores(
        ctx,
        assignmentId,
        Object.fromEntries(
          criteria.map((k, n) => [k.id, { points: points[n]!, justification: 'Uzasadnienie' }]),
        ),
      );
      await scoring.submitScores(ctx, assignmentId);
    }
  }
  const ranking = await scoring.computeRanking(as(staff), callId);
  numbers = appIds.map((id) => ranking.rows.find((r) => r.applicationId === id)!.number);
});
after(() => t.close());

describe('the ranking and results pages', () => {
  test('a stranger and a juror get 403 on the ranking and may not approve it', async () => {
    const path = `/panel/nabory/${callId}/ranking`;
    assert.equal((await stranger.get(path)).statusCode, 403);
    assert.equal((await juror.get(path)).statusCode, 403);
    assert.equal((await stranger.post(`${path}/zatwierdz`)).statusCode, 403);
    assert.equal((await chair.post(`${path}/opublikuj`)).statusCode, 403, 'the chair does not publish');
  });

  test('the public results are not there before publication', async () => {
    const res = await stranger.get(`/nabory/${callId}/wyniki`);
    assert.equal(res.statusCode, 404);
    assert.match(textOf(res.body), /Wyniki tego naboru nie zostały jeszcze ogłoszone/);
  });

  test('the chair sees the table, the tie explained and what is pending; approval is refused', async () => {
    const res = await chair.get(`/panel/nabory/${callId}/ranking`);
    assert.equal(res.statusCode, 200);
    assertLabelled(res.body);
    const text = textOf(res.body);
    assert.match(text, /Wnioski w kolejności punktów/);
    assert.ok(text.includes('16,00 z 20,00'), 'the score beside the maximum');
    assert.ok(
      text.includes(`Remis z ${numbers[0]}, rozstrzygnięty: wcześniejsze złożenie wniosku`),
      'the tie explained',
    );
    // The first row is the earlier of the tied applications.
    const body = res.body.slice(res.body.indexOf('<tbody'));
    assert.ok(body.indexOf(numbers[0]!) < body.indexOf(numbers[1]!));
    assert.ok(text.includes(`${numbers[2]}: czeka na uzgodnienie komisji`), 'why it is incomplete');
    assert.match(res.body, /<th scope="row"/);
    assert.ok(res.body.includes('name="points-0"'), 'a consensus form for the open item');
    assert.ok(!text.includes('Opublikuj wyniki'), 'the chair is not staff');

    const refused = await chair.post(`/panel/nabory/${callId}/ranking/zatwierdz`);
    assert.equal(refused.statusCode, 409);
    const why = textOf(refused.body);
    assert.match(why, /Listy nie można zatwierdzić: brakuje ocen, dodatkowego oceniającego albo uzgodnień/);
    assert.ok(why.includes(`${numbers[2]}: czeka na uzgodnienie komisji`));
    assert.equal(await svc.judging.scoring.approvedRanking(callId), null, 'nothing approved');
  });

  test('a consensus without its reasons is refused on its field', async () => {
    const page = await chair.get(`/panel/nabory/${callId}/ranking`);
    const applicationId = /name="applicationId" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await chair.post(`/panel/nabory/${callId}/ranking/uzgodnienie`, {
      item: '0',
      applicationId,
      criterionId: criterionA,
      'points-0': '7',
      'comment-0': ' ',
    });
    assert.equal(res.statusCode, 422);
    assertLabelled(res.body);
    assert.match(res.body, /id="f-comment-0-error"/);
  });

  test('after the agreement the chair approves, staff publish, the public list shows the funded first', async () => {
    const page = await chair.get(`/panel/nabory/${callId}/ranking`);
    const applicationId = /name="applicationId" value="([^"]+)"/.exec(page.body)![1]!;
    const agreed = await chair.post(`/panel/nabory/${callId}/ranking/uzgodnienie`, {
      item: '0',
      applicationId,
      criterionId: criterionA,
      'points-0': '7',
      'comment-0': 'Uzgodnione na posiedzeniu',
    });
    assert.equal(agreed.statusCode, 303, agreed.body.slice(0, 300));
    const complete = textOf((await chair.get(`/panel/nabory/${callId}/ranking`)).body);
    assert.match(complete, /Lista jest kompletna/);

    assert.equal((await chair.post(`/panel/nabory/${callId}/ranking/zatwierdz`)).statusCode, 303);
    const forStaff = await staffClient.get(`/panel/nabory/${callId}/ranking`);
    assert.equal(forStaff.statusCode, 200);
    assert.match(textOf(forStaff.body), /Zatwierdzona wersja 1/);
    assert.match(forStaff.body, /Opublikuj wyniki/);
    assert.equal((await staffClient.post(`/panel/nabory/${callId}/ranking/opublikuj`)).statusCode, 303);

    const res = await stranger.get(`/nabory/${callId}/wyniki`);
    assert.equal(res.statusCode, 200);
    const rows = [...res.body.slice(res.body.indexOf('<tbody')).matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
      textOf(m[1]!).trim(),
    );
    assert.equal(rows.length, 3);
    assert.ok(rows[0]!.startsWith(numbers[0]!), `funded first: ${rows[0]}`);
    const amount = formatMoney(500_000).replace(/\s+/g, ' ');
    assert.ok(rows[0]!.includes(amount), `with its amount: ${rows[0]}`);
    // The applicant and the title, as the law asks of an open competition's results.
    assert.ok(rows[0]!.includes('Projekt 1'), `with its title: ${rows[0]}`);
    assert.ok(rows[0]!.includes('Osoba 1'), `with its applicant: ${rows[0]}`);
    assert.ok(
      rows.slice(1).every((r) => r.endsWith('—')),
      'the others get nothing',
    );

    // In English and Ukrainian too, with the reader's decimal separator.
    const en = textOf((await t.client().get(`/nabory/${callId}/wyniki`, { 'accept-language': 'en' })).body);
    assert.ok(en.includes('Results of the call: funded applications first'));
    assert.ok(en.includes('16.00 of 20.00'));
    const uk = textOf((await t.client().get(`/nabory/${callId}/wyniki`, { 'accept-language': 'uk' })).body);
    assert.ok(uk.includes('Результати конкурсу: спершу профінансовані заявки'));
    assert.ok(uk.includes('16,00 з 20,00'));
  });
});
