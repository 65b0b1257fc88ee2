// Applying to a call in a real browser, with axe and the Nu HTML checker on every page visited: a
// resident finds the open-data competition among the open calls, starts an application, saves a
// draft with a mistake shown on its field, leaves, comes back on another visit, checks the answers
// and submits; the number is on the page and in "my applications".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const RESIDENT = 'mieszkanka@klaster.example';
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
});
