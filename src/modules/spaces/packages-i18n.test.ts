// Desk-use packages keep their name and description in Polish, English and Ukrainian, as resources
// do (platform/content.ts): staff write the three side by side; readers see theirs, else Polish.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { todayInWarsaw } from '../../platform/time/warsaw.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { spacePackages } from './schema.ts';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;

describe('package names and descriptions in three languages', () => {
  let t: TestApp;
  let staff: Signed;

  before(async () => {
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    staff = await t.signedIn('staff');
  });
  after(async () => t.close());

  const db = () => t.database.db;
  const packageForm = (over: Record<string, string> = {}) => ({
    name_pl: 'Karnet próbny',
    name_en: '',
    name_uk: '',
    description_pl: 'Trzy dni pracy na próbę.',
    description_en: '',
    description_uk: '',
    kind: 'multi_day_pass',
    days: '3',
    months: '1',
    price: '50',
    ...over,
  });
  /** A visitor whose language is `lang`. */
  const reader = (lang: string) => {
    const c = t.client();
    c.cookies.set('klaster_lang', lang);
    return c;
  };

  it('staff save a package with three names; readers see theirs, else the Polish one marked lang="pl"', async () => {
    // The form shows the three languages side by side.
    const form = await staff.get('/panel/pakiety/nowy');
    assert.equal(form.statusCode, 200);
    for (const field of [
      'name_pl',
      'name_en',
      'name_uk',
      'description_pl',
      'description_en',
      'description_uk',
    ])
      assert.match(form.body, new RegExp(`<label class="govuk-label" for="f-${field}">`), field);

    // The Polish name is required: the error is on name_pl, the other languages stay as typed.
    const missing = await staff.post(
      '/panel/pakiety/nowy',
      packageForm({ name_pl: '', name_en: 'Typed English', name_uk: 'Набрано' }),
    );
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /href="#f-name_pl"/);
    assert.match(missing.body, /value="Typed English"/);
    assert.match(missing.body, /value="Набрано"/);
    const none = await db().select({ n: count() }).from(spacePackages).where(eq(spacePackages.name, ''));
    assert.equal(Number(none[0]?.n), 0);
    const tooLong = await staff.post('/panel/pakiety/nowy', packageForm({ name_uk: 'я'.repeat(121) }));
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /href="#f-name_uk"/);

    // Saved with three names; the blank Ukrainian description is dropped, the rest trimmed.
    const created = await staff.post(
      '/panel/pakiety/nowy',
      packageForm({
        name_en: ' Trial pass ',
        name_uk: 'Пробний абонемент',
        description_en: 'Three days of work on trial.',
        description_uk: '   ',
      }),
    );
    assert.equal(created.statusCode, 303, created.body);
    const [p] = await db().select().from(spacePackages).where(eq(spacePackages.slug, 'karnet-probny'));
    assert.ok(p);
    assert.equal(p.name, 'Karnet próbny', 'the Polish name stays in its column');
    assert.deepEqual(p.nameI18n, { en: 'Trial pass', uk: 'Пробний абонемент' });
    assert.equal(p.description, 'Trzy dni pracy na próbę.');
    assert.deepEqual(p.descriptionI18n, { en: 'Three days of work on trial.' });
    assert.match(
      (await staff.get(`/panel/pakiety/${p.id}`)).body,
      /name="name_en" type="text" value="Trial pass" lang="en"/,
    );

    // An edit that blanks the Ukrainian name drops it.
    const edited = await staff.post(
      `/panel/pakiety/${p.id}`,
      packageForm({ name_en: 'Trial pass', name_uk: ' ', description_en: 'Three days of work on trial.' }),
    );
    assert.equal(edited.statusCode, 303, edited.body);
    const [after] = await db().select().from(spacePackages).where(eq(spacePackages.id, p.id));
    assert.deepEqual(after!.nameI18n, { en: 'Trial pass' });

    const heading = (text: string) =>
      new RegExp(`<h2 class="govuk-heading-m" id="pakiet-karnet-probny">${text}</h2>`);
    // An English reader sees the English name and description, with no lang of their own.
    const en = (await reader('en').get('/przestrzenie/pakiety')).body;
    assert.match(en, heading('Trial pass'));
    assert.match(en, /<p class="govuk-body">Three days of work on trial.<\/p>/);
    assert.match(en, /Apply: Trial pass/);
    // The demo packages have English names too.
    assert.match(en, />10-day pass<\/h2>/);
    // A Ukrainian reader, with no Ukrainian name or description, sees the Polish ones marked as Polish.
    const uk = (await reader('uk').get('/przestrzenie/pakiety')).body;
    assert.match(uk, heading('<span lang="pl">Karnet próbny</span>'));
    assert.match(uk, /<p class="govuk-body"><span lang="pl">Trzy dni pracy na próbę.<\/span><\/p>/);
    assert.match(uk, />Абонемент на 10 днів<\/h2>/);
    // A Polish page needs no lang on Polish text.
    assert.match((await reader('pl').get('/przestrzenie/pakiety')).body, heading('Karnet próbny'));

    // The person's agreements show the package in their language.
    const resident = await t.signedIn('resident');
    resident.cookies.set('klaster_lang', 'uk');
    const applied = await resident.post('/przestrzenie/umowy/nowa', {
      package: 'karnet-probny',
      applicantKind: 'standard',
      organisation: '',
      startsOn: todayInWarsaw(t.clock.now()),
      message: '',
    });
    assert.equal(applied.statusCode, 303, applied.body);
    const mine = (await resident.get('/przestrzenie/umowy')).body;
    assert.match(mine, /<span lang="pl">Karnet próbny<\/span>/);
    resident.cookies.set('klaster_lang', 'en');
    const detail = (await resident.get(String(applied.headers.location))).body;
    assert.match(detail, /Trial pass/);
    assert.doesNotMatch(detail, /Karnet próbny/);
  });
});
