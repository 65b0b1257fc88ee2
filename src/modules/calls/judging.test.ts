// The judging of a call, walked through as staff, the jury and the applicants see it: the formal
// check with a call to complete, the even automatic sharing-out, a recusal replaced, scores and who
// may see them, a correction that keeps the history, a further evaluator when scores differ, the
// consensus step, approval only once nothing is pending, the published results with their mails,
// and a ranking that recomputes identically from the stored rows. Then who may do what.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { ForbiddenError, RuleError } from '../../platform/http/errors.ts';
import { refused, testPeople } from '../events/test-helpers.ts';
import { canonical } from './service/scoring.ts';
import type { CallsServices } from './service.ts';
import { callsOf, completeAnswers, minutesFromNow, publishedCall } from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
type Person = Awaited<ReturnType<typeof testPeople>>[number];
let staff: Person;
let jury: Person[]; // three members
let chair: Person;
let applicants: Person[];
let stranger: Person;

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  staff = (await testPeople(t.database, 1, 'staff'))[0]!;
  jury = await testPeople(t.database, 3);
  chair = (await testPeople(t.database, 1))[0]!;
  applicants = await testPeople(t.database, 5);
  stranger = (await testPeople(t.database, 1))[0]!;
});
after(() => t.close());

const beforeDeadline = () => minutesFromNow(60);
const afterDeadline = () => minutesFromNow(24 * 60 + 1);
const at = (actor: Person | null, now = afterDeadline()) => ({ ...as(actor), now });
const forbidden = async (p: Promise<unknown>, reason: string) =>
  assert.rejects(p, (e: unknown) => e instanceof ForbiddenError && e.message === reason);
const mailsTo = async (email: string, template: string) =>
  queryRows<{ subject: string }>(
    t.database.db,
    sql`select subject from mail_outbox where to_address = ${email} and template = ${template}`,
  );

// Shared by the walk and the matrix.
let callId = '';
let appIds: string[] = [];
let criteria: Array<{ id: string; maxPoints: number }> = [];

/** Every live assignment of the call, with who and what. */
async function assignments() {
  return queryRows<{
    id: string;
    application_id: string;
    evaluator_id: string;
    status: string;
    further: number;
  }>(
    t.database.db,
    sql`select a.id, a.application_id, a.evaluator_id, a.status, a.further from call_assignment a
        join call_application p on p.id = a.application_id where p.call_id = ${callId} order by a.id`,
  );
}

const scoresOf = (points: [number, number, number]) =>
  Object.fromEntries(
    criteria.map((k, i) => [k.id, { points: points[i]!, justification: `Uzasadnienie ${i + 1}` }]),
  );

describe('judging a call from the formal check to the results', () => {
  test('the whole walk', async () => {
    const s = { id: staff.id, role: 'staff' as const };
    callId = await publishedCall(svc, s, { budget: 1_000_000, evaluatorsPerApplication: 2 }, 1);
    const { formal, jury: juryUc, scoring } = svc.judging;

    criteria = await scoring.setCriteria(as(staff), callId, [
      { name: { pl: 'Trafność', en: 'Relevance' }, maxPoints: 10 },
      { name: { pl: 'Wykonalność' }, maxPoints: 10 },
      { name: { pl: 'Budżet' }, maxPoints: 20 },
    ]);
    assert.equal(criteria.length, 3);

    for (const m of jury) await juryUc.appoint(as(staff), callId, m.id, 'member');
    await juryUc.appoint(as(staff), callId, chair.id, 'chair');
    await refused(juryUc.appoint(as(staff), callId, stranger.id, 'chair'), 'chairTaken', 'role');

    // Five applications in by the deadline.
    appIds = [];
    for (const [i, a] of applicants.entries()) {
      const ctx = at(a, beforeDeadline());
      const draft = await svc.applications.start(ctx, callId);
      await svc.applications.save(ctx, draft.id, {
        title: `Projekt ${i + 1}`,
        answers: { ...completeAnswers, summary: `Projekt numer ${i + 1}` },
      });
      await svc.applications.submit(ctx, draft.id);
      appIds.push(draft.id);
    }

    // The formal check waits for the deadline.
    await refused(formal.accept(at(staff, beforeDeadline()), appIds[0]!), 'beforeDeadline');
    for (const id of appIds.slice(0, 3)) await formal.accept(at(staff), id, { signed: true });

    // A call to complete the summary only: another answer may not change, the summary may.
    const a4 = applicants[3]!;
    const called = await formal.callToComplete(at(staff), appIds[3]!, {
      fields: ['summary'],
      note: 'Za krótko.',
    });
    assert.equal(called.status, 'to_complete');
    assert.equal(called.completionDueAt!.getTime(), afterDeadline().getTime() + 7 * 86_400_000);
    assert.equal((await mailsTo(a4.email, 'callsToComplete')).length, 1);
    await refused(
      formal.complete(at(a4), appIds[3]!, { summary: 'Dłuższe streszczenie', amount: 900_000 }),
      'fieldNotNamed',
      'a.amount',
    );
    await forbidden(formal.complete(at(stranger), appIds[3]!, { summary: 'Cudze' }), 'notYours');
    const completed = await formal.complete(at(a4), appIds[3]!, { summary: 'Dłuższe streszczenie projektu' });
    assert.equal(completed.status, 'submitted');
    assert.equal(completed.number, called.number);
    assert.equal(completed.answers.summary, 'Dłuższe streszczenie projektu');
    assert.equal(completed.amountRequested, 500_000);
    await formal.accept(at(staff), appIds[3]!);

    // A formal rejection needs its reason, and the applicant is told.
    await refused(formal.rejectFormally(at(staff), appIds[4]!, '  '), 'reasonRequired', 'reason');
    const rejected = await formal.rejectFormally(at(staff), appIds[4]!, 'Brak podpisu.');
    assert.equal(rejected.status, 'formally_rejected');
    assert.equal((await mailsTo(applicants[4]!.email, 'callsFormallyRejected')).length, 1);

    // Shared out evenly among the three members, the chair spared, never one evaluator twice.
    const { assigned } = await juryUc.assignAutomatically(at(staff), callId);
    assert.equal(assigned, 8);
    const load = await juryUc.workload(at(staff), callId);
    const counts = jury.map((m) => load.evaluators.find((e) => e.evaluatorId === m.id)!.counts.assigned);
    assert.equal(
      counts.reduce((x, y) => x + y),
      8,
    );
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `uneven: ${counts}`);
    assert.equal(load.evaluators.find((e) => e.evaluatorId === chair.id)!.counts.assigned, 0);
    assert.deepEqual(load.needing, []);
    for (const id of appIds.slice(0, 4)) {
      const on = (await assignments()).filter((a) => a.application_id === id).map((a) => a.evaluator_id);
      assert.equal(new Set(on).size, 2);
    }
    // Run again, it adds nothing.
    assert.equal((await juryUc.assignAutomatically(at(staff), callId)).assigned, 0);

    // Before declaring, an evaluator sees the call's title and the number, not the answers.
    const first = (await assignments()).find((a) => a.application_id === appIds[0])!;
    const firstBy = jury.find((m) => m.id === first.evaluator_id)!;
    const view = await scoring.forEvaluator(at(firstBy), first.id);
    assert.equal(view.answers, null);
    assert.equal(view.title, null);
    assert.ok(view.application.number);
    await refused(scoring.saveScores(at(firstBy), first.id, scoresOf([5, 5, 5])), 'declareFirst');

    // A recusal: the member not yet on the application replaces them at once.
    const { replacement } = await juryUc.recuse(at(firstBy), first.id, 'Znam wnioskodawcę.');
    const third = jury.find((m) => m.id !== firstBy.id && !(m.id === replacement))!;
    assert.ok(replacement && replacement !== firstBy.id);
    const onFirst = (await assignments()).filter(
      (a) => a.application_id === appIds[0] && a.status !== 'recused',
    );
    assert.equal(onFirst.length, 2);
    assert.ok(onFirst.every((a) => a.evaluator_id !== firstBy.id));
    assert.ok(third);
    assert.equal((await scoring.forEvaluator(at(firstBy), first.id)).answers, null);

    // Everyone left declares; the answers open up then.
    for (const a of (await assignments()).filter((x) => x.status === 'assigned')) {
      const who = jury.find((m) => m.id === a.evaluator_id)!;
      await juryUc.declare(at(who), a.id);
    }
    const live = (await assignments()).filter((a) => a.status === 'declared');
    const sample = live[0]!;
    const sampleBy = jury.find((m) => m.id === sample.evaluator_id)!;
    assert.equal((await scoring.forEvaluator(at(sampleBy), sample.id)).answers?.amount, 500_000);

    // Points above the criterion's maximum, or with three decimals, are refused, naming it.
    const over = scoresOf([11, 5, 5]);
    await refused(
      scoring.saveScores(at(sampleBy), sample.id, over),
      'pointsAboveMax',
      `scores.${criteria[0]!.id}`,
    );
    await refused(
      scoring.saveScores(at(sampleBy), sample.id, {
        [criteria[1]!.id]: { points: '7.555', justification: 'x' },
      }),
      'pointsInvalid',
      `scores.${criteria[1]!.id}`,
    );
    // An evaluator not assigned to the application is refused.
    const outsider = jury.find(
      (m) => !live.some((a) => a.application_id === sample.application_id && a.evaluator_id === m.id),
    )!;
    await forbidden(scoring.saveScores(at(outsider), sample.id, scoresOf([5, 5, 5])), 'notYourAssignment');
    await forbidden(scoring.forEvaluator(at(outsider), sample.id), 'notYourAssignment');

    // Scores per application: app 1 (index 1) differs widely, the others agree.
    const plan = new Map<string, Array<[number, number, number]>>([
      [
        appIds[0]!,
        [
          [8, 8, 15],
          [7, 8, 16],
        ],
      ],
      [
        appIds[1]!,
        [
          [9, 9, 18],
          [2, 3, 5],
        ],
      ],
      [
        appIds[2]!,
        [
          [5, 5, 10],
          [6, 5, 10],
        ],
      ],
      [
        appIds[3]!,
        [
          [9, 9, 19],
          [9, 10, 18],
        ],
      ],
    ]);
    const submitAll = async (appId: string) => {
      const on = (await assignments()).filter((a) => a.application_id === appId && a.status === 'declared');
      const [x, y] = on;
      const xBy = jury.find((m) => m.id === x!.evaluator_id)!;
      const yBy = jury.find((m) => m.id === y!.evaluator_id)!;
      await scoring.saveScores(at(xBy), x!.id, scoresOf(plan.get(appId)![0]!));
      await scoring.saveScores(at(yBy), y!.id, scoresOf(plan.get(appId)![1]!));
      // A justification is needed for every criterion.
      await refused(
        scoring
          .saveScores(at(xBy), x!.id, { [criteria[0]!.id]: { points: 8, justification: '' } })
          .then(() => scoring.submitScores(at(xBy), x!.id)),
        'justificationRequired',
      );
      await scoring.saveScores(at(xBy), x!.id, scoresOf(plan.get(appId)![0]!));
      const r1 = await scoring.submitScores(at(xBy), x!.id);
      assert.equal(r1.further, null);
      // The first in sees no one else's yet; the other, not submitted, sees none at all.
      assert.deepEqual((await scoring.forEvaluator(at(xBy), x!.id)).others, []);
      assert.equal((await scoring.forEvaluator(at(yBy), y!.id)).others, null);
      const r2 = await scoring.submitScores(at(yBy), y!.id);
      const seen = (await scoring.forEvaluator(at(xBy), x!.id)).others!;
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.scores.length, 3);
      return { r2, x: x!, xBy };
    };
    const s0 = await submitAll(appIds[0]!);
    assert.equal(s0.r2.further, null);
    const s1 = await submitAll(appIds[1]!);
    // 36 against 10 of 40: more than 30% apart — a further evaluator, the one member not on it yet.
    assert.ok(s1.r2.further, 'a further evaluator');
    await submitAll(appIds[2]!);
    await submitAll(appIds[3]!);

    // A submitted score is corrected by a new row; the old one stays, superseded.
    await refused(scoring.saveScores(at(s0.xBy), s0.x.id, scoresOf([1, 1, 1])), 'evaluationClosed');
    const fixed = await scoring.supersede(
      at(s0.xBy),
      s0.x.id,
      criteria[0]!.id,
      7,
      'Po namyśle',
      'Pomyłka w punktach',
    );
    const history = await queryRows<{ id: string; points: string; superseded_by: string | null }>(
      t.database.db,
      sql`select id, points, superseded_by from call_score where assignment_id = ${s0.x.id} and criterion_id = ${criteria[0]!.id} order by created_at, id`,
    );
    assert.equal(history.length, 2);
    assert.equal(history.find((h) => h.superseded_by === null)!.id, fixed.id);
    assert.equal(history.find((h) => h.superseded_by !== null)!.superseded_by, fixed.id);
    assert.equal(Number(history.find((h) => h.superseded_by !== null)!.points), 8);

    // Approval is refused while the further evaluation and the consensus are pending.
    await refused(scoring.approveRanking(at(chair), callId), 'rankingIncomplete');
    const further = (await assignments()).find((a) => a.further === 1)!;
    assert.equal(further.application_id, appIds[1]);
    const furtherBy = jury.find((m) => m.id === further.evaluator_id)!;
    await juryUc.declare(at(furtherBy), further.id);
    await scoring.saveScores(at(furtherBy), further.id, scoresOf([8, 8, 16]));
    assert.equal((await scoring.submitScores(at(furtherBy), further.id)).further, null);

    const agenda = await scoring.agenda(at(chair), callId);
    assert.deepEqual(
      agenda.map((a) => a.applicationId),
      [appIds[1]],
    );
    await refused(scoring.approveRanking(at(chair), callId), 'rankingIncomplete');
    await forbidden(
      scoring.recordConsensus(at(furtherBy), appIds[1]!, agenda[0]!.criteria[0]!, 8, 'Uzgodnione'),
      'chairOnly',
    );
    for (const k of agenda[0]!.criteria)
      await scoring.recordConsensus(at(chair), appIds[1]!, k, 8, 'Uzgodnione');
    assert.deepEqual(await scoring.agenda(at(chair), callId), []);

    // The applicant sees nothing of the scores before the results.
    assert.deepEqual(await scoring.resultFor(at(applicants[0]!), appIds[0]!), { published: false });

    const approved = await scoring.approveRanking(at(chair), callId);
    assert.equal(approved.edition, 1);
    // Reproducible: recomputed from the stored scores, the ranking is the one approved.
    const again = await scoring.computeRanking(at(staff), callId);
    assert.equal(canonical(again), canonical(approved.result));
    assert.ok(again.complete);

    const published = await scoring.publishResults(at(staff), callId);
    assert.ok(published.publishedAt);
    const rows = await queryRows<{ id: string; status: string; amount_granted: number | null }>(
      t.database.db,
      sql`select id, status, amount_granted from call_application where call_id = ${callId}`,
    );
    const funded = rows.filter((r) => r.status === 'funded');
    assert.equal(funded.length, 2, 'the budget covers two requests of 5,000 zł');
    assert.equal(rows.filter((r) => r.status === 'not_funded').length, 2);
    assert.ok(funded.every((r) => Number(r.amount_granted) === 500_000));
    for (const [i, a] of applicants.slice(0, 4).entries()) {
      const status = rows.find((r) => r.id === appIds[i])!.status;
      const template = status === 'funded' ? 'callsFunded' : 'callsNotFunded';
      assert.equal((await mailsTo(a.email, template)).length, 1, `${a.email} told ${template}`);
    }
    const [call] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from call_call where id = ${callId}`,
    );
    assert.equal(call!.status, 'results');
    const mine = await scoring.resultFor(at(applicants[1]!), appIds[1]!);
    assert.ok(mine.published && mine.row);
    // Recomputed after publication, still identical.
    const stored = await scoring.approvedRanking(callId);
    assert.equal(canonical(await scoring.computeRanking(at(staff), callId)), canonical(stored!.result));
  });
});

describe('who may do what in the judging', () => {
  test('evaluator, another evaluator, applicant, stranger, staff, chair', async () => {
    const { scoring, jury: juryUc, formal } = svc.judging;
    const a = (await assignments()).find((x) => x.status === 'submitted' && x.application_id === appIds[0])!;
    const evaluator = jury.find((m) => m.id === a.evaluator_id)!;
    const other = jury.find((m) => m.id !== evaluator.id)!;
    const applicant = applicants[0]!;
    type Actor = Person | null;
    const actors: Record<string, Actor> = {
      evaluator,
      other,
      applicant,
      stranger,
      staff,
      chair,
      anonymous: null,
    };
    /** 'ok', the policy's refusal, or 'rule' when the policy let it through and a rule of the step refused. */
    const outcome = async (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) =>
          e instanceof ForbiddenError ? e.message : e instanceof RuleError ? 'rule' : String(e),
      );
    const cases: Record<string, [(who: Actor) => Promise<unknown>, Record<string, string>]> = {
      forEvaluator: [
        (who) => scoring.forEvaluator(at(who), a.id),
        {
          evaluator: 'ok',
          other: 'notYourAssignment',
          applicant: 'notYourAssignment',
          stranger: 'notYourAssignment',
          staff: 'notYourAssignment',
          chair: 'notYourAssignment',
          anonymous: 'signInFirst',
        },
      ],
      saveScores: [
        (who) => scoring.saveScores(at(who), a.id, scoresOf([1, 1, 1])),
        {
          evaluator: 'rule',
          other: 'notYourAssignment',
          applicant: 'notYourAssignment',
          stranger: 'notYourAssignment',
          staff: 'notYourAssignment',
          chair: 'notYourAssignment',
          anonymous: 'signInFirst',
        },
      ],
      declare: [
        (who) => juryUc.declare(at(who), a.id),
        {
          evaluator: 'rule',
          other: 'notYourAssignment',
          applicant: 'notYourAssignment',
          stranger: 'notYourAssignment',
          staff: 'notYourAssignment',
          chair: 'notYourAssignment',
          anonymous: 'signInFirst',
        },
      ],
      computeRanking: [
        (who) => scoring.computeRanking(at(who), callId),
        {
          evaluator: 'chairOnly',
          other: 'chairOnly',
          applicant: 'chairOnly',
          stranger: 'chairOnly',
          staff: 'ok',
          chair: 'ok',
          anonymous: 'signInFirst',
        },
      ],
      workload: [
        (who) => juryUc.workload(at(who), callId),
        {
          evaluator: 'chairOnly',
          other: 'chairOnly',
          applicant: 'chairOnly',
          stranger: 'chairOnly',
          staff: 'ok',
          chair: 'ok',
          anonymous: 'signInFirst',
        },
      ],
      approveRanking: [
        (who) => scoring.approveRanking(at(who), callId),
        {
          evaluator: 'chairOnly',
          other: 'chairOnly',
          applicant: 'chairOnly',
          stranger: 'chairOnly',
          staff: 'chairOnly',
          chair: 'rule',
          anonymous: 'signInFirst',
        },
      ],
      setCriteria: [
        (who) => scoring.setCriteria(at(who), callId, [{ name: { pl: 'X' }, maxPoints: 5 }]),
        {
          evaluator: 'staffOnly',
          other: 'staffOnly',
          applicant: 'staffOnly',
          stranger: 'staffOnly',
          staff: 'rule',
          chair: 'staffOnly',
          anonymous: 'signInFirst',
        },
      ],
      accept: [
        (who) => formal.accept(at(who), appIds[0]!),
        {
          evaluator: 'staffOnly',
          other: 'staffOnly',
          applicant: 'staffOnly',
          stranger: 'staffOnly',
          staff: 'rule',
          chair: 'staffOnly',
          anonymous: 'signInFirst',
        },
      ],
      resultFor: [
        (who) => scoring.resultFor(at(who), appIds[0]!),
        {
          evaluator: 'notYours',
          other: 'notYours',
          applicant: 'ok',
          stranger: 'notYours',
          staff: 'notYours',
          chair: 'notYours',
          anonymous: 'signInFirst',
        },
      ],
    };
    for (const [name, [run, expected]] of Object.entries(cases)) {
      const got: Record<string, string> = {};
      for (const [who, actor] of Object.entries(actors)) got[who] = await outcome(run(actor));
      assert.deepEqual(got, expected, name);
    }
  });
});
