// The staff's calls in the back office, as staff use them without JavaScript: only staff past the
// second factor get in; a call is written (a deadline before its opening shown on its field, nothing
// stored), its form is built field by field (add, change, move, remove, a taken key refused on its
// field), it is published, a change after that makes version 2 and the page says so, and it is
// cancelled with a reason the public page then shows. Every page visited has labelled inputs with
// unique ids.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { user } from '../../platform/auth/schema.ts';
import { warsawDate, warsawTime } from '../../platform/time/warsaw.ts';
import type { CallsServices } from './service.ts';
import { callsOf, freshPrefix, minutesFromNow } from './test-helpers.ts';

let t: TestApp;
let svc: CallsServices;
type Staff = Awaited<ReturnType<TestApp['signedIn']>>;
let staff: Staff;

const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];

/** Ids are unique, and every visible input, select and textarea has a label for its id. */
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

async function page(client: Staff, path: string) {
  const res = await client.get(path);
  assert.equal(res.statusCode, 200, path);
  assertLabelled(res.body);
  return res.body;
}

const moment = (name: string, d: Date) => ({
  [`${name}Date`]: warsawDate(d),
  [`${name}Time`]: warsawTime(d),
});

function callForm(overrides: Record<string, string | string[]> = {}) {
  return {
    title_pl: 'Zielone granty dla kół naukowych',
    title_en: 'Green grants for student clubs',
    title_uk: '',
    description_pl: 'Granty na **zielone** projekty studentów.',
    description_en: '',
    description_uk: '',
    kind: 'green_grant',
    numberPrefix: freshPrefix(),
    who: ['persons', 'university_or_student_club'],
    ...moment('opensAt', minutesFromNow(-60)),
    ...moment('deadlineAt', minutesFromNow(14 * 24 * 60)),
    resultsAtDate: '',
    budget: '50 000',
    places: '',
    maxAmount: '5 000,50',
    contactEmail: 'granty@klaster.example',
    contactPhone: '',
    evaluatorsPerApplication: '2',
    dispersionShare: '0,3',
    consensusGap: '3',
    totalThreshold: '',
    tieRule: 'earlier_submission',
    completionDays: '7',
    appealDays: '14',
    ...overrides,
  };
}

const fieldForm = (key: string, label: string, extra: Record<string, string | string[]> = {}) => ({
  key,
  label_pl: label,
  label_en: '',
  label_uk: '',
  hint_pl: '',
  hint_en: '',
  hint_uk: '',
  required: 'on',
  ...extra,
});

/** The staff member's language (the pages follow the account's). */
const speaks = (locale: 'pl' | 'en' | 'uk') =>
  t.database.db.update(user).set({ locale }).where(eq(user.id, staff.userId));

const callCount = async () =>
  Number(
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from call_call`))[0]!.n,
  );

before(async () => {
  t = await createTestApp();
  svc = callsOf(t.app.klaster.services);
  staff = await t.signedIn('staff');
});
after(() => t.close());

describe('who gets into the calls back office', () => {
  test('a resident is refused, and staff without the second factor are sent to it', async () => {
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get('/panel/nabory')).statusCode, 403);
    assert.equal((await resident.post('/panel/nabory/nowy', callForm())).statusCode, 403);
    const early = await t.signedIn('staff', { twoFactor: false });
    const res = await early.get('/panel/nabory');
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/konto\/dwuetapowe/);
    assert.equal((await early.post('/panel/nabory/nowy', callForm())).statusCode, 403);
    assert.equal(await callCount(), 0);
  });
});

describe('a call written, its form built, published, changed and cancelled', () => {
  test('through the staff pages', async () => {
    const empty = await page(staff, '/panel/nabory');
    assert.match(empty, /Nie ma jeszcze naborów/);
    assert.match(empty, /href="\/panel\/nabory\/nowy"/);
    await page(staff, '/panel/nabory/nowy');

    // A deadline before the opening: shown on the deadline's field, nothing stored.
    const bad = await staff.post('/panel/nabory/nowy', callForm(moment('deadlineAt', minutesFromNow(-120))));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<a href="#f-deadlineAtDate">Termin musi być po początku naboru\.<\/a>/);
    assert.match(bad.body, /value="Zielone granty dla kół naukowych"/);
    assertLabelled(bad.body);
    assert.equal(await callCount(), 0);

    const created = await staff.post('/panel/nabory/nowy', callForm());
    assert.equal(created.statusCode, 303);
    const base = String(created.headers.location);
    assert.match(base, /^\/panel\/nabory\/[0-9a-f-]{36}$/);
    const id = base.split('/').pop()!;
    const call = await svc.calls.get(as({ id: staff.userId, role: 'staff' }), id);
    assert.equal(call.maxAmount, 500_050);
    assert.equal(call.budget, 5_000_000);
    assert.deepEqual(call.organisationKinds, ['university_or_student_club']);
    const list = await page(staff, '/panel/nabory');
    assert.match(list, /Zielone granty dla kół naukowych/);
    assert.match(list, /Szkic/);
    const first = await page(staff, base);
    assert.match(first, /Formularz nie ma jeszcze pól/);
    assert.match(first, /Wersja formularza: 1/);
    await page(staff, `${base}/edycja`);

    // Four fields added through their pages; a taken key is refused on its field.
    const add = async (type: string, key: string, body: Record<string, string>) => {
      const html = await page(staff, `${base}/nowe-pole?typ=${type}&klucz=${key}`);
      assert.match(html, new RegExp(`name="key"[^>]*value="${key}"|value="${key}"[^>]*name="key"`));
      const res = await staff.post(`${base}/nowe-pole`, { type, ...body });
      assert.equal(res.statusCode, 303, `${type} ${key}: ${res.body.slice(0, 300)}`);
    };
    await add('short_text', 'streszczenie', fieldForm('streszczenie', 'Streszczenie', { maxLength: '200' }));
    await add(
      'single_choice',
      'grupa',
      fieldForm('grupa', 'Dla kogo', { options: 'studenci | Studenci | Students\nSeniorzy' }),
    );
    await add('declaration', 'oswiadczenie', fieldForm('oswiadczenie', 'Oświadczam, że dane są prawdziwe'));
    await add('amount', 'kwota', fieldForm('kwota', 'Wnioskowana kwota', { amountMax: '4 000' }));
    const taken = await staff.post(`${base}/nowe-pole`, {
      type: 'yes_no',
      ...fieldForm('grupa', 'Drugie pole o tym kluczu'),
    });
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /<a href="#f-key">Ten klucz ma już inne pole formularza\.<\/a>/);
    assertLabelled(taken.body);

    const form = () => svc.calls.formState(as({ id: staff.userId, role: 'staff' }), id);
    const grupa = (await form()).fields[1]!;
    assert.equal(grupa.type === 'single_choice' && grupa.options.map((o) => o.key).join(), 'studenci,o1');

    // Changed: the summary's limit; the typed settings come back on its page.
    const edit = await page(staff, `${base}/pola/streszczenie`);
    assert.match(edit, /value="200"/);
    const changed = await staff.post(
      `${base}/pola/streszczenie`,
      fieldForm('streszczenie', 'Streszczenie projektu', { label_en: 'Summary', maxLength: '500' }),
    );
    assert.equal(changed.statusCode, 303);
    assert.match(flashOf((await staff.get(base)).body) ?? '', /Formularz zapisany \(wersja 1\)/);
    // Moved up, and one removed.
    assert.equal((await staff.post(`${base}/pola/oswiadczenie/wyzej`)).statusCode, 303);
    assert.equal((await staff.post(`${base}/pola/grupa/usun`)).statusCode, 303);
    const built = await form();
    assert.deepEqual(
      built.fields.map((f) => f.key),
      ['streszczenie', 'oswiadczenie', 'kwota'],
    );
    assert.equal(built.version, 1);
    const summary = built.fields[0]!;
    assert.equal(summary.type === 'short_text' && summary.maxLength, 500);
    assert.deepEqual(summary.label, { pl: 'Streszczenie projektu', en: 'Summary' });
    assert.equal(built.fields[2]!.type === 'amount' && built.fields[2]!.max, 400_000);
    const builder = await page(staff, base);
    assert.match(builder, /Streszczenie projektu/);
    assert.doesNotMatch(builder, /Dla kogo/);
    await page(staff, `${base}/pola/kwota`);

    // Published; then a change makes version 2, and the page says so.
    const published = await staff.post(`${base}/oglos`);
    assert.equal(published.statusCode, 303);
    const live = await page(staff, base);
    assert.equal(flashOf(live), 'Nabór ogłoszony.');
    assert.match(live, /każda zmiana zapisze wersję 2/);
    const after = await staff.post(
      `${base}/pola/kwota`,
      fieldForm('kwota', 'Wnioskowana kwota (zł)', { amountMax: '4 000' }),
    );
    assert.equal(after.statusCode, 303);
    const v2 = await page(staff, base);
    assert.match(flashOf(v2) ?? '', /nowa wersja 2/);
    assert.match(v2, /Wersja formularza: 2/);
    assert.equal((await form()).version, 2);
    assert.equal((await svc.calls.formOf(id, 1))[2]!.label.pl, 'Wnioskowana kwota');

    // Cancelled: a reason is needed; then the public page shows it.
    const noReason = await staff.post(`${base}/odwolaj`, { reason: '  ' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /<a href="#f-reason">Podaj powód\.<\/a>/);
    const cancelled = await staff.post(`${base}/odwolaj`, { reason: 'Zmiana regulaminu grantów' });
    assert.equal(cancelled.statusCode, 303);
    const publicPage = await t.client().get(`/nabory/${id}`);
    assert.equal(publicPage.statusCode, 200);
    assert.match(publicPage.body, /Nabór odwołany\. Powód: Zmiana regulaminu grantów/);
    const closed = await page(staff, base);
    assert.doesNotMatch(closed, /\/odwolaj"/);
    assert.doesNotMatch(closed, /nowe-pole/);
  });
});

describe("each field type's page", () => {
  test('renders labelled inputs in the three languages, and its settings are stored as typed', async () => {
    const created = await staff.post('/panel/nabory/nowy', callForm());
    const base = String(created.headers.location);
    const id = base.split('/').pop()!;
    const types = ['short_text', 'long_text', 'number', 'amount', 'date', 'single_choice', 'multiple_choice'];
    for (const type of [...types, 'yes_no', 'declaration', 'budget', 'file', 'subarea', 'nip', 'krs'])
      for (const locale of ['pl', 'en', 'uk']) {
        const res = await staff.get(`${base}/nowe-pole?typ=${type}&klucz=pole`, {
          'accept-language': locale,
        });
        assert.equal(res.statusCode, 200, `${type} ${locale}`);
        assertLabelled(res.body);
      }
    for (const locale of ['en', 'uk'] as const) {
      await speaks(locale);
      for (const path of ['/panel/nabory', '/panel/nabory/nowy', base, `${base}/edycja`]) {
        const res = await staff.get(path);
        assert.equal(res.statusCode, 200, `${path} ${locale}`);
        assert.match(
          res.body,
          locale === 'en'
            ? /New call|Change the call|Application form/
            : /Новий конкурс|Змінити конкурс|Форма заявки/,
        );
        assertLabelled(res.body);
      }
    }
    await speaks('pl');
    const files = await staff.post(`${base}/nowe-pole`, {
      type: 'file',
      ...fieldForm('zalaczniki', 'Załączniki', { accept: ['pdf', 'image'] }),
      maxMegabytes: '2,5',
      maxFiles: '4',
    });
    assert.equal(files.statusCode, 303);
    const budget = await staff.post(`${base}/nowe-pole`, {
      type: 'budget',
      ...fieldForm('budzet', 'Budżet'),
      maxRows: '30',
      minOwnShare: '12,5',
    });
    assert.equal(budget.statusCode, 303);
    // A minimum above the maximum: refused on the maximum's field.
    const number = await staff.post(`${base}/nowe-pole`, {
      type: 'number',
      ...fieldForm('uczestnicy', 'Liczba uczestników'),
      min: '10',
      max: '5',
    });
    assert.equal(number.statusCode, 422);
    assert.match(
      number.body,
      /<a href="#f-max">Największa liczba nie może być mniejsza niż najmniejsza\.<\/a>/,
    );
    const { fields } = await svc.calls.formState(as({ id: staff.userId, role: 'staff' }), id);
    assert.deepEqual(fields, [
      {
        key: 'zalaczniki',
        type: 'file',
        label: { pl: 'Załączniki' },
        required: true,
        accept: ['pdf', 'image'],
        maxBytes: 2_621_440,
        maxFiles: 4,
      },
      {
        key: 'budzet',
        type: 'budget',
        label: { pl: 'Budżet' },
        required: true,
        maxRows: 30,
        minOwnShare: 0.125,
      },
    ]);
    // The file field's page shows its settings back as they were typed.
    const again = await staff.get(`${base}/pola/zalaczniki`);
    assert.match(again.body, /name="maxMegabytes"[^>]*value="2,5"/);
  });
});
