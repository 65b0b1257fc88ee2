// The staff's judging pages: a call's applications, the formal check of one (a call to complete
// without a note refused on its field, then sent; a rejection mailed; an acceptance), and the jury
// (an unknown address refused on its field, members appointed, evaluations assigned automatically).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { testPeople } from '../events/test-helpers.ts';
import type { CallsServices } from './service.ts';
import { callsOf, completeAnswers, minutesFromNow, publishedCall } from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
let callId: string;
let apps: Array<{ id: string; number: string }>;
const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];
const statusOf = async (id: string) =>
  (
    await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from call_application where id = ${id}`,
    )
  )[0]?.status;

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  callId = await publishedCall(svc, { id: s!.id, role: 'staff' }, { deadlineAt: minutesFromNow(60) });
  apps = [];
  for (const p of await testPeople(t.database, 3)) {
    const draft = await svc.applications.start(as(p), callId);
    await svc.applications.save(as(p), draft.id, { title: `Wniosek ${p.name}`, answers: completeAnswers });
    const done = await svc.applications.submit(as(p), draft.id);
    apps.push({ id: done.id, number: done.number! });
  }
  // The deadline has passed: the formal check begins.
  await t.database.db.execute(
    sql`update call_call set deadline_at = ${minutesFromNow(-1)} where id = ${callId}`,
  );
});
after(() => t.close());

describe('the formal check', () => {
  test('the applications are listed for staff only; a call to complete, a rejection and an acceptance', async () => {
    const office = await t.signedIn('staff');
    const list = await office.get(`/panel/nabory/${callId}/wnioski`);
    assert.equal(list.statusCode, 200);
    for (const a of apps) assert.ok(list.body.includes(a.number), `${a.number} is listed`);
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get(`/panel/nabory/${callId}/wnioski`)).statusCode, 403);

    const [first, second, third] = apps as [(typeof apps)[0], (typeof apps)[0], (typeof apps)[0]];
    const page = await office.get(`/panel/nabory/${callId}/wnioski/${first.id}`);
    assert.match(page.body, /Warsztaty dla seniorów w Nowej Hucie/);
    const noNote = await office.post(`/panel/nabory/${callId}/wnioski/${first.id}/uzupelnienie`, {
      fields: 'summary',
      note: '',
    });
    assert.equal(noNote.statusCode, 422);
    assert.match(noNote.body, /href="#f-note"/);
    assert.equal(await statusOf(first.id), 'submitted');
    const sent = await office.post(`/panel/nabory/${callId}/wnioski/${first.id}/uzupelnienie`, {
      fields: 'summary',
      note: 'Proszę doprecyzować harmonogram.',
      days: '7',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(await statusOf(first.id), 'to_complete');
    const after = await office.get(`/panel/nabory/${callId}/wnioski/${first.id}`);
    assert.equal(flashOf(after.body), 'Wezwanie do uzupełnienia wysłane.');
    assert.match(after.body, /Proszę doprecyzować harmonogram\./);

    await office.post(`/panel/nabory/${callId}/wnioski/${second.id}/odrzuc`, {
      reason: 'Wniosek złożony przez podmiot spoza naboru.',
    });
    assert.equal(await statusOf(second.id), 'formally_rejected');
    const mails = await queryRows(
      t.database.db,
      sql`select 1 from mail_outbox where template = 'callsFormallyRejected'`,
    );
    assert.equal(mails.length, 1);

    await office.post(`/panel/nabory/${callId}/wnioski/${third.id}/przyjmij`);
    assert.equal(await statusOf(third.id), 'accepted');
  });
});

describe('the jury', () => {
  test('an unknown address refused on its field; members appointed; evaluations assigned automatically', async () => {
    const office = await t.signedIn('staff');
    const unknown = await office.post(`/panel/nabory/${callId}/komisja`, {
      email: 'nikt@example.test',
      role: 'member',
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Nie ma konta z takim adresem e-mail\./);
    const people = await testPeople(t.database, 3);
    for (const [i, p] of people.entries())
      assert.equal(
        (
          await office.post(`/panel/nabory/${callId}/komisja`, {
            email: p.email,
            role: i === 0 ? 'chair' : 'member',
          })
        ).statusCode,
        303,
      );
    const page = await office.get(`/panel/nabory/${callId}/komisja`);
    for (const p of people) assert.ok(page.body.includes(p.name), `${p.name} is on the jury`);
    assert.match(page.body, /Przewodniczący\(-a\)/);
    await office.post(`/panel/nabory/${callId}/komisja/przydzial`);
    const assigned = await office.get(`/panel/nabory/${callId}/komisja`);
    assert.match(flashOf(assigned.body) ?? '', /^Przydzielono ocen: 2\.$/);
  });
});
