// Applying to a call in a real browser, with axe and the Nu HTML checker on every page visited: a
// resident finds the open-data competition among the open calls, starts an application, saves a
// draft with a mistake shown on its field, leaves, comes back on another visit, checks the answers
// and submits; the number is on the page and in "my applications". An officer writes a call in the
// back office, builds its form, publishes it, and it is on the public list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, todayInWarsaw } from '../../src/platform/time/warsaw.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const RESIDENT = 'mieszkanka@klaster.example';
const OFFICER = 'urzednik@klaster.example';
const EVALUATOR = 'ewaluatorka@klaster.example';
const DECIDED = 'Małe granty 2026 — I nabór (rozstrzygnięty)';
const CALL = 'Konkurs otwartych danych Krakowa';

describe('calls journey in Chromium', () => {
  const run = serverAndBrowser();

  it('a resident applies over two visits and submits before the deadline', async () => {
    const base = run.server.baseUrl;
    const first = await run.browser.newContext({ locale: 'pl-PL' });
    let page = await first.newPage();
    const main = async () => (await page.locator('main').textContent()) ?? '';
    await signIn(page, base, RESIDENT, PASSWORD);
    await page.waitForURL('**/konto');

    await page.goto(`${base}/nabory`);
    await expectAccessible(page);
    await page.getByRole('link', { name: CALL }).click();
    await page.waitForURL(/\/nabory\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.locator('main form button[type=submit]', { hasText: 'Złóż wniosek' }).click();
    await page.waitForURL(/\/nabory\/wnioski\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const applicationUrl = page.url();

    // First visit: a title and the idea, and a sentence too long for its field — refused on it.
    await page.fill('main input[name=title]', 'Mapa ławek i cienia w Nowej Hucie');
    await page.fill('main textarea[name="a.idea"]', 'x'.repeat(3001));
    await page.locator('main button[name=next][value=save]').click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the error summary is shown');
    assert.match(await main(), /Ten tekst jest za długi/);
    await page.fill(
      'main textarea[name="a.idea"]',
      'Mapa miejsc do odpoczynku: ławki, cień drzew, poidełka.',
    );
    await page.locator('main button[name=next][value=save]').click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.match(await main(), /Zapisaliśmy wersję roboczą wniosku/);
    await first.close();

    // Second visit, another browser session: the draft is there, finished, checked and submitted.
    const second = await run.browser.newContext({ locale: 'pl-PL' });
    page = await second.newPage();
    await signIn(page, base, RESIDENT, PASSWORD, '/nabory/moje');
    await page.waitForURL('**/nabory/moje');
    await expectAccessible(page);
    assert.match(await main(), /Mapa ławek i cienia w Nowej Hucie/);
    await page.goto(applicationUrl);
    assert.equal(
      await page.locator('main textarea[name="a.idea"]').inputValue(),
      'Mapa miejsc do odpoczynku: ławki, cień drzew, poidełka.',
    );
    await page.fill('main textarea[name="a.datasets"]', 'Zieleń miejska, mała architektura, stan powietrza.');
    await page.check('main input[name="a.team"][value=no]');
    await page.check('main input[name="a.truth"]');
    await page.locator('main button[name=next][value=check]').click();
    await page.waitForURL(/\/sprawdz$/);
    await expectAccessible(page);
    assert.match(await main(), /Zieleń miejska, mała architektura/);
    await page.locator('main form button[type=submit]', { hasText: 'Złóż wniosek' }).click();
    await page.waitForURL(applicationUrl);
    await expectAccessible(page);
    assert.match(await main(), /Numer wniosku: OD\/\d{4}\/0001/);

    await page.goto(`${base}/nabory/moje`);
    assert.match(await main(), /OD\/\d{4}\/0001/);
    await second.close();
  });

  it('an officer writes a call, builds its form and publishes it', async () => {
    const base = run.server.baseUrl;
    const office = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await office.newPage();
    const main = async () => (await page.locator('main').textContent()) ?? '';
    await signIn(page, base, OFFICER, PASSWORD);
    await enrolTotp(page, base, PASSWORD, expectAccessible);
    await page.goto(`${base}/panel/nabory`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Nowy nabór' }).click();
    await page.waitForURL('**/panel/nabory/nowy');
    await expectAccessible(page);
    const today = todayInWarsaw(new Date());
    await page.fill('main input[name=title_pl]', 'Granty sąsiedzkie Grzegórzki-Wesoła');
    await page.fill('main input[name=numberPrefix]', 'GSW');
    await page.check('main input[name=who][value=association]');
    await page.fill('main input[name=opensAtDate]', today);
    await page.fill('main input[name=opensAtTime]', '00:00');
    // A deadline before the opening is refused on its field.
    await page.fill('main input[name=deadlineAtDate]', addDays(today, -1));
    await page.fill('main input[name=deadlineAtTime]', '16:00');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz szkic' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the error summary is shown');
    await page.fill('main input[name=deadlineAtDate]', addDays(today, 30));
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz szkic' }).click();
    await page.waitForURL(/\/panel\/nabory\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const callPage = page.url();

    await page.selectOption('main select[name=typ]', 'long_text');
    await page.fill('main input[name=klucz]', 'opis');
    await page.locator('main form button[type=submit]', { hasText: 'Dalej' }).click();
    await page.waitForURL(/\/nowe-pole\?/);
    await expectAccessible(page);
    await page.fill('main input[name=label_pl]', 'Opis inicjatywy');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz pole' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${callPage}#`) || url.href === callPage);
    await expectAccessible(page);
    assert.match(await main(), /Opis inicjatywy/);

    await page.locator('main form button[type=submit]', { hasText: 'Ogłoś nabór' }).click();
    await page.waitForURL(callPage);
    await expectAccessible(page);
    assert.match(await main(), /Nabór ogłoszony/);
    await page.goto(`${base}/nabory`);
    assert.match(await main(), /Granty sąsiedzkie Grzegórzki-Wesoła/);

    // The decided demo call: its applications, jury and ranking for staff, and its public results.
    await page.getByRole('link', { name: DECIDED }).click();
    await page.waitForURL(/\/nabory\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const decided = page.url().split('/').pop()!;
    for (const path of ['wnioski', 'komisja', 'ranking']) {
      await page.goto(`${base}/panel/nabory/${decided}/${path}`);
      await expectAccessible(page);
    }
    await page.goto(`${base}/panel/nabory/${decided}/wnioski`);
    await page.locator('main table a').first().click();
    await page.waitForURL(/\/wnioski\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.goto(`${base}/nabory/${decided}/wyniki`);
    await expectAccessible(page);
    assert.match(await main(), /Sąsiedzka pracownia naprawy rowerów na Grzegórzkach/);
    await office.close();
  });

  it('an evaluator finds her evaluations and reads a submitted one', async () => {
    const base = run.server.baseUrl;
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, base, EVALUATOR, PASSWORD, '/nabory/ocena');
    await page.waitForURL('**/nabory/ocena');
    await expectAccessible(page);
    await page.locator('main table a').first().click();
    await page.waitForURL(/\/nabory\/ocena\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Suma ważona/);
    await context.close();
  });
});
