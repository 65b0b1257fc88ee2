// The evaluators' pages, without JavaScript, as two jury members use them: an assignment closed to a
// stranger; the application hidden until the conflict-of-interest statement; points above the
// maximum refused on their field with nothing stored; the weighted total shown after saving; a
// submission refused while a justification is missing; after submitting, the card read-only and
// the other evaluator's scores shown — only then; and a recusal, which needs its reason and takes
// the assignment off the open list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { testPeople } from '../events/test-helpers.ts';
import type { CallsServices } from './service.ts';
import { callsOf, completeAnswers, minutesFromNow, publishedCall, testFields } from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
let staff: { id: string; role: 'staff' };
type Client = Awaited<ReturnType<TestApp['signedIn']>>;

const afterDeadline = () => minutesFromNow(24 * 60 + 1);
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The error message shown on a field (the platform's markup: id f-<name>-error). */
function errorOn(html: string, name: string): string | undefined {
  const m = new RegExp(`id="f-${literal(name)}-error"[^>]*>(?:<span[^>]*>[^<]*</span>)?\\s*([^<]+)</p>`).exec(
    html,
  );
  return m?.[1]?.trim();
}

/** Every id once, and every visible input and textarea named by a label. */
function assertMarkup(html: string): void {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(ids, [...new Set(ids)], 'ids are unique');
  const fields = [...html.matchAll(/<(?:input|textarea)\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/type="hidden"/.test(tag));
  for (const tag of fields) {
    const id = /\sid="([^"]+)"/.exec(tag)?.[1];
    assert.ok(id && html.includes(`for="${id}"`), `a label for ${tag}`);
  }
}

/** The open list's table: what comes before the finished one (or the page's end). */
const openTable = (html: string) => html.split('Zakończone')[0]!;

/** A published call with a two-criterion card (10 points × 1, 10 points × 2: 30 at most), its jury,
 * and one accepted application; returns the call, the criteria and the application. */
async function judgedCall(evaluators: Client[], perApplication: number, summary: string, dueAt?: Date) {
  const callId = await publishedCall(svc, staff, { evaluatorsPerApplication: perApplication }, 1);
  const criteria = await svc.judging.scoring.setCriteria(as(staff), callId, [
    { name: { pl: 'Trafność', en: 'Relevance' }, maxPoints: 10 },
    { name: { pl: 'Wykonalność', en: 'Feasibility' }, maxPoints: 10, weight: '2' },
  ]);
  for (const e of evaluators) await svc.judging.jury.appoint(as(staff), callId, e.userId, 'member');
  const [applicant] = await testPeople(t.database, 1);
  const ctx = { ...as(applicant!), now: minutesFromNow(60) };
  const draft = await svc.applications.start(ctx, callId);
  await svc.applications.save(ctx, draft.id, { title: 'Projekt', answers: { ...completeAnswers, summary } });
  await svc.applications.submit(ctx, draft.id);
  await svc.judging.formal.accept({ ...as(staff), now: afterDeadline() }, draft.id);
  await svc.judging.jury.assignAutomatically({ ...as(staff), now: afterDeadline() }, callId, dueAt);
  return { callId, criteria, applicationId: draft.id };
}

/** The evaluator's assignment on the application. */
async function assignmentOf(e: Client, applicationId: string): Promise<string> {
  const mine = await svc.judging.jury.mine(as({ id: e.userId, role: 'resident' }));
  const a = mine.find((x) => x.applicationId === applicationId && x.status !== 'recused');
  assert.ok(a, 'the evaluator has an assignment on the application');
  return a.id;
}

const storedScores = async (assignmentId: string) =>
  queryRows<{ points: string }>(
    t.database.db,
    sql`select points from call_score where assignment_id = ${assignmentId}`,
  );

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = { id: s!.id, role: 'staff' };
});
after(() => t.close());

describe('evaluating an application', () => {
  test('statement, card, total, submission and the others’ scores, as two evaluators see them', async () => {
    const anna = await t.signedIn('resident');
    const bartek = await t.signedIn('resident');
    const stranger = await t.signedIn('resident');
    const summary = 'Warsztaty ceramiczne dla sąsiadów z Zabłocia';
    const { criteria, applicationId } = await judgedCall([anna, bartek], 2, summary);
    const [k1, k2] = criteria as [(typeof criteria)[0], (typeof criteria)[0]];
    const mineA = await assignmentOf(anna, applicationId);
    const mineB = await assignmentOf(bartek, applicationId);
    const page = `/nabory/ocena/${mineA}`;

    // Someone else's assignment is closed; an id that names none is not found.
    assert.equal((await stranger.get(page)).statusCode, 403);
    assert.equal((await stranger.post(`${page}/deklaracja`)).statusCode, 403);
    assert.equal((await anna.get('/nabory/ocena/nie-ma-takiej')).statusCode, 404);
    assert.match((await stranger.get('/nabory/ocena')).body, /Nie masz przydzielonych wniosków/);

    // The list: the application's number, assigned, due in 14 days.
    const list = await anna.get('/nabory/ocena');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="${page}"`));
    assert.match(list.body, /Przydzielony/);
    assertMarkup(list.body);

    // Before the statement: the call and the number, never the answers.
    const statement = await anna.get(page);
    assert.equal(statement.statusCode, 200);
    assert.match(statement.body, /Oświadczenie o konflikcie interesów/);
    assert.match(statement.body, new RegExp(`action="${page}/deklaracja"`));
    assert.doesNotMatch(statement.body, new RegExp(summary));
    assert.doesNotMatch(statement.body, /name="scores\./);
    assertMarkup(statement.body);

    // The form changes after the application (version 2): the evaluator reads the answers to the
    // version the application answered, without the new field.
    const [v1] = await queryRows<{ call_id: string }>(
      t.database.db,
      sql`select call_id from call_application where id = ${applicationId}`,
    );
    await svc.calls.setForm(as(staff), v1!.call_id, [
      ...testFields,
      {
        key: 'partner',
        type: 'short_text',
        label: { pl: 'Partner projektu' },
        required: false,
        maxLength: 100,
      },
    ]);

    // Declared: the answers and the card.
    const declared = await anna.post(`${page}/deklaracja`);
    assert.equal(declared.statusCode, 303);
    const card = await anna.get(page);
    assert.match(card.body, new RegExp(summary));
    assert.doesNotMatch(card.body, /Partner projektu/);
    assert.match(card.body, new RegExp(`name="scores.${k1.id}"`));
    assert.match(card.body, new RegExp(`name="scores.${k2.id}.justification"`));
    assert.match(card.body, /Oświadczenie złożone/);
    assertMarkup(card.body);

    // Points above the maximum: refused on their field, the typed value kept, nothing stored.
    const above = await anna.post(`${page}/oceny`, {
      [`scores.${k1.id}`]: '11',
      [`scores.${k1.id}.justification`]: 'Bardzo trafny',
      action: 'save',
    });
    assert.equal(above.statusCode, 422);
    assert.equal(errorOn(above.body, `scores.${k1.id}`), 'Punktów jest więcej, niż pozwala kryterium.');
    assert.match(above.body, /value="11"/);
    assert.equal((await storedScores(mineA)).length, 0);
    assertMarkup(above.body);
    // More than two decimals: refused too.
    const decimals = await anna.post(`${page}/oceny`, { [`scores.${k2.id}`]: '2.555', action: 'save' });
    assert.equal(decimals.statusCode, 422);
    assert.match(errorOn(decimals.body, `scores.${k2.id}`) ?? '', /dwoma miejscami po przecinku/);
    assert.equal((await storedScores(mineA)).length, 0);

    // Saved (a decimal comma accepted): 2.5 × 1 + 5 × 2 = 12.5 of 30, shown after "Przelicz".
    const saved = await anna.post(`${page}/oceny`, {
      [`scores.${k1.id}`]: '2,5',
      [`scores.${k1.id}.justification`]: 'Trafność przeciętna',
      [`scores.${k2.id}`]: '5',
      [`scores.${k2.id}.justification`]: '',
      action: 'recalc',
    });
    assert.equal(saved.statusCode, 303);
    const drafted = await anna.get(page);
    assert.match(drafted.body, /12,5 \/ 30/);
    assert.match(drafted.body, /value="2.5"/);
    assert.match((await anna.get('/nabory/ocena')).body, /Ocena w toku/);

    // Submitting with a justification missing: refused on that field, still a draft.
    const gap = await anna.post(`${page}/zloz`, {
      [`scores.${k1.id}`]: '2.5',
      [`scores.${k1.id}.justification`]: 'Trafność przeciętna',
      [`scores.${k2.id}`]: '5',
      [`scores.${k2.id}.justification`]: '  ',
    });
    assert.equal(gap.statusCode, 422);
    assert.equal(errorOn(gap.body, `scores.${k2.id}.justification`), 'Uzasadnij ocenę tego kryterium.');
    assert.equal(errorOn(gap.body, `scores.${k1.id}.justification`), undefined);
    assert.match((await anna.get(page)).body, new RegExp(`name="scores.${k1.id}"`));

    // Bartek submits first; Anna, not yet submitted, does not see his scores.
    await bartek.post(`/nabory/ocena/${mineB}/deklaracja`);
    const bartekDone = await bartek.post(`/nabory/ocena/${mineB}/zloz`, {
      [`scores.${k1.id}`]: '9',
      [`scores.${k1.id}.justification`]: 'Uzasadnienie Bartka: znakomity pomysł',
      [`scores.${k2.id}`]: '8.25',
      [`scores.${k2.id}.justification`]: 'Uzasadnienie Bartka: wykonalny',
    });
    assert.equal(bartekDone.statusCode, 303);
    const bartekPage = await bartek.get(`/nabory/ocena/${mineB}`);
    assert.match(bartekPage.body, /Pozostali oceniający nie złożyli jeszcze ocen/);
    assert.doesNotMatch(bartekPage.body, /Trafność przeciętna/);
    assert.doesNotMatch((await anna.get(page)).body, /Uzasadnienie Bartka/);

    // Anna submits: her card read-only with its total, and Bartek's scores beside it.
    const done = await anna.post(`${page}/zloz`, {
      [`scores.${k1.id}`]: '2.5',
      [`scores.${k1.id}.justification`]: 'Trafność przeciętna',
      [`scores.${k2.id}`]: '5',
      [`scores.${k2.id}.justification`]: 'Wykonalność dobra',
    });
    assert.equal(done.statusCode, 303);
    const submitted = await anna.get(page);
    assert.doesNotMatch(submitted.body, /name="scores\./);
    assert.match(submitted.body, /Ocena złożona/);
    assert.match(submitted.body, /Wykonalność dobra/);
    assert.match(submitted.body, /12,5 \/ 30/);
    assert.match(submitted.body, /Uzasadnienie Bartka: znakomity pomysł/);
    assert.match(submitted.body, /25,5 \/ 30/); // Bartek: 9 + 8.25 × 2
    assertMarkup(submitted.body);
    // Nothing more to change: another save is refused.
    const late = await anna.post(`${page}/oceny`, { [`scores.${k1.id}`]: '3', action: 'save' });
    assert.equal(late.statusCode, 303);
    assert.match((await anna.get(page)).body, /Tej oceny nie można już zmieniać/);
    assert.deepEqual(
      (await storedScores(mineA)).map((s) => Number(s.points)).sort((a, b) => a - b),
      [2.5, 5],
    );

    // The page in English.
    assert.equal((await anna.get(`/jezyk/en?next=${encodeURIComponent(page)}`)).statusCode, 303);
    const en = await anna.get(page);
    assert.match(en.body, /Scores of the other evaluators/);
    assert.match(en.body, /Weighted total: <strong>12.5 \/ 30<\/strong>/);
  });

  test('a recusal needs its reason, then the assignment says so and leaves the open list', async () => {
    const ewa = await t.signedIn('resident');
    const summary = 'Ogród społeczny przy Placu Centralnym';
    const { applicationId } = await judgedCall([ewa], 1, summary);
    const id = await assignmentOf(ewa, applicationId);
    const page = `/nabory/ocena/${id}`;
    assert.match(openTable((await ewa.get('/nabory/ocena')).body), new RegExp(`href="${page}"`));

    const empty = await ewa.post(`${page}/wylaczenie`, { reason: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.equal(errorOn(empty.body, 'reason'), 'Podaj powód.');
    assert.doesNotMatch(empty.body, new RegExp(summary));

    const recused = await ewa.post(`${page}/wylaczenie`, { reason: 'Wnioskodawca to mój brat.' });
    assert.equal(recused.statusCode, 303);
    const shown = await ewa.get(page);
    assert.match(shown.body, /Wyłączyłeś się z oceny tego wniosku/);
    assert.match(shown.body, /Wnioskodawca to mój brat/);
    assert.doesNotMatch(shown.body, new RegExp(summary));
    const list = (await ewa.get('/nabory/ocena')).body;
    assert.doesNotMatch(openTable(list), new RegExp(`href="${page}"`));
    assert.match(list, /Nie masz wniosków czekających na ocenę/);
    assert.match(list, /Wyłączenie/);
    // A declaration after the recusal is refused (a notice, the page unchanged).
    assert.equal((await ewa.post(`${page}/deklaracja`)).statusCode, 303);
    assert.doesNotMatch((await ewa.get(page)).body, new RegExp(summary));
  });

  test('an evaluation past its due date and not submitted is overdue, in the list and on its page', async () => {
    const olga = await t.signedIn('resident');
    const { applicationId } = await judgedCall([olga], 1, 'Spóźniona ocena', minutesFromNow(-60));
    const id = await assignmentOf(olga, applicationId);
    const list = (await olga.get('/nabory/ocena')).body;
    assert.match(openTable(list), new RegExp(`href="/nabory/ocena/${id}"`));
    assert.match(openTable(list), /Po terminie/);
    assert.match((await olga.get(`/nabory/ocena/${id}`)).body, /Po terminie/);
  });
});
