// The demo calls, loaded twice through the app's demo loader: one open call of each kind the
// documents name, each with its form, all on the public list, and none made twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { checkFormFields } from './answers.ts';
import { callKinds } from './schema.ts';

describe('demo calls', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    assert.equal((await loadDemoData(t.app.klaster)).created, false);
  });
  after(() => t.close());

  it('one published call of each kind named in the documents, open now, each with a valid form', async () => {
    // Open by the app's clock (the test clock), not the database's.
    const now = testClock.now();
    const rows = await queryRows<{ kind: string; status: string; open: boolean; fields: unknown }>(
      t.database.db,
      sql`select c.kind, c.status, c.opens_at <= ${now} and ${now} < c.deadline_at as open, f.fields
          from call_call c join call_form_version f on f.call_id = c.id and f.version = c.form_version
          where c.status = 'published' order by c.kind`,
    );
    assert.deepEqual(
      rows.map((r) => r.kind),
      callKinds.filter((k) => k !== 'other').sort(),
    );
    for (const r of rows) {
      assert.equal(r.status, 'published');
      assert.equal(r.open, true, `${r.kind} is open`);
      assert.ok(checkFormFields(r.fields).length >= 3);
    }
    const list = await t.client().get('/nabory');
    assert.match(list.body, /Nabór do Inkubatora Przedsiębiorczości Zabłocie 20\.22/);
    assert.match(list.body, /KRAKÓW♥EKO – Zielone Granty dla kół naukowych/);
    assert.equal(
      (list.body.match(/href="\/nabory\/[0-9a-f-]{36}"/g) ?? []).length,
      8,
      'the seven open calls and the decided one',
    );
  });

  it('a closed call judged to the end: four applications, the two that fit the budget funded, the results public', async () => {
    const [call] = await queryRows<{ id: string; status: string }>(
      t.database.db,
      sql`select id, status from call_call where status = 'results'`,
    );
    assert.ok(call, 'a call with published results');
    const apps = await queryRows<{ title: string; status: string; amount_granted: number | null }>(
      t.database.db,
      sql`select title, status, amount_granted from call_application where call_id = ${call.id} order by seq`,
    );
    assert.deepEqual(
      apps.map((a) => [a.status, a.amount_granted === null ? null : Number(a.amount_granted)]),
      [
        ['funded', 950_000],
        ['funded', 800_000],
        ['not_funded', null],
        ['not_funded', null],
      ],
    );
    const results = await t.client().get(`/nabory/${call.id}/wyniki`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /Sąsiedzka pracownia naprawy rowerów na Grzegórzkach/);
    assert.match(results.body, /Anna Mieszkanka/);
  });
});
