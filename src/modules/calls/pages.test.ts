// Applying on the site, without JavaScript: the list of calls and a call's page, starting an
// application, a draft saved with a wrong amount (the typed text and the error shown on its
// field), "check your answers", the submission with its number in a flash and a mail, someone
// else's application closed to a stranger, and withdrawal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { testPeople } from '../events/test-helpers.ts';
import type { FormField } from './form.ts';
import type { CallsServices } from './service.ts';
import { callInputFor, callsOf, minutesFromNow } from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
let staff: { id: string; role: 'staff' };

const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];

const fields: FormField[] = [
  {
    key: 'summary',
    type: 'short_text',
    label: { pl: 'Streszczenie', en: 'Summary' },
    required: true,
    maxLength: 200,
  },
  {
    key: 'budget',
    type: 'budget',
    label: { pl: 'Budżet', en: 'Budget' },
    required: true,
    maxRows: 5,
    minOwnShare: 0.1,
  },
  { key: 'truth', type: 'declaration', label: { pl: 'Oświadczam, że dane są prawdziwe' }, required: true },
];

async function openCall(overrides: Parameters<typeof callInputFor>[0] = {}): Promise<string> {
  const call = await svc.calls.create(as(staff), callInputFor(overrides));
  await svc.calls.setForm(as(staff), call.id, fields);
  await svc.calls.publish(as(staff), call.id);
  return call.id;
}

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  const [s] = await testPeople(t.database, 1, 'staff');
  staff = { id: s!.id, role: 'staff' };
});
after(() => t.close());

describe('the calls on the site', () => {
  test('the list shows a published call with its deadline, never a draft; its page asks a visitor to sign in', async () => {
    const id = await openCall({ title: { pl: 'Zielone granty dla kół naukowych' }, kind: 'green_grant' });
    const draft = await svc.calls.create(as(staff), callInputFor({ title: { pl: 'Nabór w przygotowaniu' } }));
    const list = await t.client().get('/nabory');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Zielone granty dla kół naukowych/);
    assert.doesNotMatch(list.body, /Nabór w przygotowaniu/);
    const page = await t.client().get(`/nabory/${id}`);
    assert.match(page.body, /Termin składania wniosków/);
    assert.match(page.body, new RegExp(`href="/logowanie\\?next=%2Fnabory%2F${id}"`));
    assert.equal((await t.client().get(`/nabory/${draft.id}`)).statusCode, 404);
    const en = await t.client().get(`/nabory/${id}`, { 'accept-language': 'en' });
    assert.match(en.body, /Deadline for applications/);
  });
});

describe('applying', () => {
  test('start, a draft refused with its errors on the fields, check, submit, the number, then withdraw', async () => {
    const id = await openCall({ numberPrefix: 'GR' });
    const anna = await t.signedIn('resident');
    const page = await anna.get(`/nabory/${id}`);
    assert.match(page.body, new RegExp(`action="/nabory/${id}/wnioski"`));
    const started = await anna.post(`/nabory/${id}/wnioski`, { organisationId: '' });
    assert.equal(started.statusCode, 303);
    const path = started.headers.location as string;
    assert.match(path, /^\/nabory\/wnioski\/[0-9a-f-]{36}$/);

    const form = await anna.get(path);
    assert.match(form.body, /name="a\.summary"/);
    assert.match(form.body, /name="a\.budget\.item\.0"/);

    // A price with three decimals: refused, the typed text back in its cell, nothing stored.
    const bad = await anna.post(path, {
      title: 'Zielony dach',
      'a.summary': 'Ogród na dachu wydziału',
      'a.budget.item.0': 'Ziemia',
      'a.budget.quantity.0': '10',
      'a.budget.unitPrice.0': '12,505',
      next: 'save',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Wpisz kwotę w złotych/);
    assert.match(bad.body, /value="12,505"/);
    assert.match(bad.body, /href="#f-a\.budget\.unitPrice\.0"/);
    const [stored] = await queryRows<{ title: string }>(
      t.database.db,
      sql`select title from call_application`,
    );
    assert.equal(stored?.title, '');

    // Saved right, then checked: the summary shows the computed totals.
    const good = await anna.post(path, {
      title: 'Zielony dach',
      'a.summary': 'Ogród na dachu wydziału',
      'a.budget.item.0': 'Ziemia',
      'a.budget.quantity.0': '10',
      'a.budget.unitPrice.0': '120,50',
      'a.budget.own': '200',
      'a.truth': 'on',
      next: 'check',
    });
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, `${path}/sprawdz`);
    const check = await anna.get(`${path}/sprawdz`);
    assert.match(check.body, /Razem: 1205,00\s*zł/);
    assert.match(check.body, /Wnioskowana kwota: 1005,00\s*zł/);

    const submitted = await anna.post(`${path}/zloz`);
    assert.equal(submitted.statusCode, 303);
    const after = await anna.get(path);
    assert.match(flashOf(after.body) ?? '', /Wniosek złożony\. Numer wniosku: GR\/\d{4}\/0001\./);
    assert.match(after.body, /Wycofaj wniosek/);
    const mails = await queryRows(
      t.database.db,
      sql`select 1 from mail_outbox where to_address = ${anna.email} and template = 'callsSubmitted'`,
    );
    assert.equal(mails.length, 1);
    const mine = await anna.get('/nabory/moje');
    assert.match(mine.body, /Zielony dach/);
    assert.match(mine.body, /GR\/\d{4}\/0001/);

    // A stranger cannot read it; a second submission is refused and changes nothing.
    const ben = await t.signedIn('resident');
    assert.equal((await ben.get(path)).statusCode, 403);
    const again = await anna.post(`${path}/zloz`);
    assert.equal(again.statusCode, 303);
    assert.match(flashOf((await anna.get(path)).body) ?? '', /już złożony/);

    const withdrawn = await anna.post(`${path}/wycofaj`);
    assert.equal(withdrawn.statusCode, 303);
    const gone = await anna.get(path);
    assert.equal(flashOf(gone.body), 'Wniosek wycofany.');
    assert.match(gone.body, /Wycofany/);
  });

  test('submitting without the required answers shows the form with each error on its field', async () => {
    const id = await openCall();
    const cara = await t.signedIn('resident');
    const path = (await cara.post(`/nabory/${id}/wnioski`, { organisationId: '' })).headers
      .location as string;
    await cara.post(path, { title: 'Niedokończony', 'a.summary': 'Tylko streszczenie', next: 'save' });
    const res = await cara.post(`${path}/zloz`);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#f-a\.budget"/);
    assert.match(res.body, /Zaznacz to oświadczenie, aby złożyć wniosek\./);
    assert.match(res.body, /value="Tylko streszczenie"/);
  });

  test('after the deadline the call page says so and a submission is refused', async () => {
    const id = await openCall({ deadlineAt: minutesFromNow(1) });
    const dan = await t.signedIn('resident');
    const path = (await dan.post(`/nabory/${id}/wnioski`, { organisationId: '' })).headers.location as string;
    await t.database.db.execute(
      sql`update call_call set deadline_at = ${minutesFromNow(-1)} where id = ${id}`,
    );
    const page = await dan.get(`/nabory/${id}`);
    assert.match(page.body, /Przejdź do swojego wniosku/);
    const res = await dan.post(`${path}/zloz`);
    assert.equal(res.statusCode, 303);
    assert.match(flashOf((await dan.get(path)).body) ?? '', /Termin składania wniosków minął/);
  });
});
