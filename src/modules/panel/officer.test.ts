// What an officer sees in the back office with the demo data: the to-do first on the dashboard,
// an audit log in words and names (on the page and in both CSV files), agreements' real status,
// and every CSV export offered for Polish Excel beside the RFC 4180 file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { formulaCells, readCsv } from '../../../test/support/csv.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { agreementPhase } from '../spaces/agreements.ts';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe("the officer's back office", () => {
  let t: TestApp;
  let staff: Signed;
  let orgId: string;
  before(async () => {
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    staff = await t.signedIn('staff');
    const resident = await t.signedIn('resident', { name: 'Anna Mieszkanka' });
    const created = await resident.post('/organizacje/nowa', {
      name: 'Fundacja Dobry Sąsiad',
      kind: 'foundation',
      nip: '',
      regon: '',
      krs: '',
      description: 'Pomoc sąsiedzka na Zabłociu.',
      website: '',
      publicEmail: '',
      subarea: '',
    });
    assert.equal(created.statusCode, 303, created.body);
    orgId = /\/organizacje\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
  });
  after(async () => t.close());

  it('the dashboard leads with what waits: counts and links to each queue, system status below', async () => {
    const res = await staff.get('/panel');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    const todo = body.indexOf('Do załatwienia');
    const system = body.indexOf('Stan systemu');
    assert.ok(todo > 0 && todo < system, 'the to-do comes before the system status');
    assert.ok(todo < body.indexOf('Poczta wychodząca'));
    const plain = text(body);
    // The demo data: the ambassador's event-space request, 3 agreement applications and the
    // organisations awaiting verification (the demo group and the one created above).
    assert.match(plain, /Wnioski o rezerwację sal na wniosek Czeka: 1\b/);
    assert.match(plain, /Wnioski o umowę udostępnienia stanowiska Czeka: 3\b/);
    const orgs = Number(/Organizacje do weryfikacji Czeka: (\d+)/.exec(plain)?.[1]);
    assert.ok(orgs >= 2, `organisations waiting: ${orgs}`);
    assert.match(body, /href="\/panel\/rezerwacje"[^>]*>Wnioski o rezerwację/);
    assert.match(body, /href="\/panel\/umowy\?status=applied"[^>]*>Wnioski o umowę/);
    assert.match(body, /href="\/panel\/organizacje\?status=pending"[^>]*>Organizacje do weryfikacji/);
    assert.match(plain, new RegExp(`Czeka ${4 + orgs} spraw`));
  });

  it('the audit log names the record and speaks in labels, not field names and codes', async () => {
    const rejected = await staff.post(`/panel/organizacje/${orgId}/odrzuc`, { reason: 'Brak statutu.' });
    assert.equal(rejected.statusCode, 303, rejected.body);
    const res = await staff.get('/panel/audyt?typ=organisation');
    assert.equal(res.statusCode, 200);
    const plain = text(res.body);
    assert.match(res.body, new RegExp(`href="/panel/organizacje/${orgId}">Fundacja Dobry Sąsiad</a>`));
    assert.match(plain, /Odrzucenie organizacji/);
    assert.match(plain, /Status było: Oczekuje na weryfikację → , jest: Odrzucona/);
    assert.match(plain, /Powód odrzucenia/);
    assert.match(plain, new RegExp(`identyfikator: ${orgId}`), 'the id is still there');
    assert.doesNotMatch(plain, /\bpending\b|\brejected\b|rejectionReason/);
    // No table wider than the page: one block an entry.
    assert.doesNotMatch(res.body, /<table/);
    assert.match(res.body, /<li class="klaster-audit__entry"/);

    staff.cookies.set('klaster_lang', 'en');
    const en = text((await staff.get('/panel/audyt?typ=organisation')).body);
    assert.match(en, /Organisation: Fundacja Dobry Sąsiad/);
    assert.match(en, /Status was: Awaiting verification → , now: Rejected/);
    staff.cookies.set('klaster_lang', 'uk');
    const uk = text((await staff.get('/panel/audyt?typ=organisation')).body);
    assert.match(uk, /Організація: Fundacja Dobry Sąsiad/);
    assert.match(uk, /Відхилена/);
    staff.cookies.delete('klaster_lang');
  });

  it('the audit CSV uses the same labels, for Excel (semicolons) and for programs (with the codes too)', async () => {
    const page = await staff.get('/panel/audyt?typ=organisation');
    assert.match(
      page.body,
      /href="\/panel\/audyt\.csv\?typ=organisation&amp;format=excel" download>CSV dla Excela/,
    );
    assert.match(page.body, /href="\/panel\/audyt\.csv\?typ=organisation" download>CSV dla innych programów/);
    assert.match(page.body, /RFC 4180/);

    const excel = await staff.get('/panel/audyt.csv?typ=organisation&format=excel');
    assert.equal(excel.statusCode, 200);
    assert.match(String(excel.headers['content-disposition']), /klaster-rejestr-zdarzen-[\d-]+-excel\.csv"/);
    assert.ok(excel.body.startsWith('\uFEFF'));
    const rows = readCsv(excel.body, ';');
    const header = rows[0]!;
    const row = rows.find((r) => r.includes('Fundacja Dobry Sąsiad'))!;
    assert.ok(row, 'the entry names the organisation');
    const cell = (name: string) => row[header.indexOf(name)];
    assert.equal(cell('Czynność'), 'Odrzucenie organizacji');
    assert.equal(cell('Rodzaj obiektu'), 'Organizacja');
    assert.equal(cell('Rola osoby'), 'Pracownik urzędu');
    assert.match(cell('Zmiany')!, /Status: Oczekuje na weryfikację → Odrzucona/);
    assert.match(cell('Czas (Europa/Warszawa)')!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(cell('Kod czynności'), 'organisation.reject');
    assert.ok(
      rows.every((r) => r.length === header.length),
      'every row has every column',
    );
    assert.deepEqual(formulaCells(excel.body, ';'), []);

    const rfc = await staff.get('/panel/audyt.csv?typ=organisation');
    const machine = readCsv(rfc.body, ',');
    const mrow = machine.find((r) => r.includes('Fundacja Dobry Sąsiad'))!;
    const mcell = (name: string) => mrow[machine[0]!.indexOf(name)];
    assert.equal(mcell('Czynność'), 'Odrzucenie organizacji');
    assert.equal(mcell('Kod rodzaju obiektu'), 'organisation');
    assert.equal(mcell('Identyfikator obiektu'), orgId);
    assert.match(mcell('Po (JSON)')!, /"status":"rejected"/);
  });

  it('the report CSVs come as Polish Excel reads them: one value a column, a decimal comma', async () => {
    const period = 'od=2025-03-01&do=2025-03-31';
    const part = await staff.get(`/panel/umowy/raport?${period}&czesc=sale`);
    assert.match(
      part.body,
      /href="\/panel\/umowy\/raport\/sale\.csv\?od=2025-03-01&amp;do=2025-03-31&amp;format=excel"/,
    );
    assert.match(text(part.body), /CSV dla Excela[^(]*\(średniki, przecinek dziesiętny/);

    const excel = await staff.get(`/panel/umowy/raport/sale.csv?${period}&format=excel`);
    assert.equal(excel.statusCode, 200);
    assert.match(
      String(excel.headers['content-disposition']),
      /wykorzystanie-sal-2025-03-01-2025-03-31-excel\.csv"/,
    );
    assert.match(excel.body, /\r\n/);
    const rows = readCsv(excel.body, ';');
    assert.ok(rows.length > 2);
    for (const r of rows.slice(1)) {
      assert.equal(r.length, 5, `one column a value: ${r.join('|')}`);
      assert.match(r[2]!, /^\d+,\d{2}$/, 'booked hours with a decimal comma');
      assert.match(r[3]!, /^\d+,\d{2}$/, 'open hours with a decimal comma');
      assert.match(r[4]!, /^\d+,\d$/, 'share with a decimal comma');
    }
    const rfc = readCsv((await staff.get(`/panel/umowy/raport/sale.csv?${period}`)).body, ',');
    for (const r of rfc.slice(1)) assert.match(r[3]!, /^\d+\.\d{2}$/, 'the RFC 4180 file keeps the point');

    const concluded = readCsv(
      (await staff.get('/panel/umowy/raport/zawarte.csv?od=2025-01-01&do=2025-12-31&format=excel')).body,
      ';',
    );
    for (const r of concluded.slice(1)) assert.match(r[7]!, /^\d+,\d{2}$/, 'price in złoty with a comma');
  });

  it('agreements past their end read as expired or ended on a date, not "concluded"', async () => {
    const res = await staff.get('/panel/umowy?status=accepted');
    assert.equal(res.statusCode, 200);
    assert.match(text(res.body), /Umowa wygasła \d+ \p{L}+ 202\d/u);
    assert.match(text(res.body), /Umowa obowiązuje do/);
    const ended = await staff.get('/panel/umowy?status=ended');
    assert.match(text(ended.body), /Umowa zakończona \d+ \p{L}+ 202\d/u);
    assert.doesNotMatch(
      ended.body,
      /govuk-tag[^>]*>Umowa zawarta/,
      'the status filter keeps the word; no agreement does',
    );
  });

  it('says what phase an agreement is in on a given day', () => {
    const a = { status: 'accepted' as const, startsOn: '2026-03-01', endsOn: '2026-03-31', endedAt: null };
    assert.equal(agreementPhase(a, '2026-02-20'), 'upcoming');
    assert.equal(agreementPhase(a, '2026-03-31'), 'active');
    assert.equal(agreementPhase(a, '2026-04-01'), 'expired');
    const cut = { ...a, endedAt: new Date('2026-03-10T10:00:00Z'), endsOn: '2026-03-15' };
    assert.equal(agreementPhase(cut, '2026-03-12'), 'endsEarly');
    assert.equal(agreementPhase(cut, '2026-03-16'), 'endedEarly');
    assert.equal(agreementPhase({ ...cut, status: 'ended' }, '2026-03-16'), 'endedEarly');
    assert.equal(agreementPhase({ ...a, status: 'applied' }, '2026-04-01'), 'applied');
  });
});
