// The terms of service in a real browser, with axe on every page visited (the POST-only states
// too): sign-up shows and links the terms; an administrator writes, previews and publishes a new
// version; the resident, at their next sign-in, is shown it, accepts and lands where they were going.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn, waitForMailLink } from './support.ts';

const DEMO_PASSWORD = 'Zablocie-20.22-demo';
const EMAIL = 'krystyna.terms@example.org';
const PASSWORD = 'lipowa aleja nad zalewem';

describe('terms of service in Chromium', () => {
  const run = serverAndBrowser();
  const check = (page: Page) => expectAccessible(page);
  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  it('sign-up shows and links the terms; the footer links them too', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await page.goto(`${run.server.baseUrl}/rejestracja`);
    await check(page);
    const link = page.getByRole('link', { name: /Przeczytaj regulamin serwisu/ });
    assert.equal(await link.getAttribute('href'), '/regulamin');
    assert.equal(await page.locator('footer a[href="/regulamin"]').count(), 1);
    await page.goto(`${run.server.baseUrl}/regulamin`);
    await check(page);
    assert.match(await main(page), /Gmina Miejska Kraków/);
    assert.match(await main(page), /Wersja 1/);

    // Without accepting the terms: the error, then the account.
    await page.goto(`${run.server.baseUrl}/rejestracja`);
    await page.fill('input[name=name]', 'Krystyna Lipowa');
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('main button[type=submit]');
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    await page.fill('input[name=password]', PASSWORD);
    await page.check('input[name=consents][value=terms]');
    await page.click('main button[type=submit]');
    await page.waitForURL('**/rejestracja/sprawdz-poczte');
    const verify = await waitForMailLink(run.server.dataDir, EMAIL, '/potwierdz-email?token=');
    await page.goto(verify.replace(/^https?:\/\/[^/]+/, run.server.baseUrl));
    assert.match((await page.locator('h1').textContent()) ?? '', /potwierdzony/);
    await context.close();
  });

  it('an administrator writes, previews and publishes version 2', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'admin@klaster.example', DEMO_PASSWORD);
    await page.waitForURL('**/konto');
    await enrolTotp(page, run.server.baseUrl, DEMO_PASSWORD, check);
    await page.getByRole('link', { name: 'Regulamin' }).first().click();
    await page.waitForURL('**/panel/regulamin');
    await check(page);
    await page.getByRole('link', { name: 'Napisz nową wersję' }).click();
    await page.waitForURL('**/panel/regulamin/nowa');
    await check(page);

    // An empty English text: the error summary (a POST-only page).
    await page.fill('textarea[name=bodyEn]', '');
    await page.getByRole('button', { name: 'Pokaż podgląd' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await check(page);

    await page.fill(
      'textarea[name=bodyPl]',
      '## 1. Zmiana\n\nDodaliśmy zasady wypożyczania rowerów klastra.',
    );
    await page.fill(
      'textarea[name=bodyEn]',
      '## 1. Change\n\nWe added the rules for borrowing the cluster’s bicycles.',
    );
    await page.fill(
      'textarea[name=bodyUk]',
      '## 1. Зміна\n\nМи додали правила позичання велосипедів кластера.',
    );
    await page.getByRole('button', { name: 'Pokaż podgląd' }).click();
    await page.waitForSelector('#terms-preview');
    await check(page);
    assert.match(await main(page), /wypożyczania rowerów/);
    await page.getByRole('button', { name: 'Opublikuj jako wersję 2' }).click();
    await page.waitForURL('**/panel/regulamin');
    await check(page);
    assert.match(await main(page), /Opublikowano wersję 2/);
    await context.close();
  });

  it('at the next sign-in the resident is shown version 2, accepts it and lands where they were going', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, EMAIL, PASSWORD, '/przestrzenie/moje');
    await page.waitForURL(/\/regulamin\/akceptacja\?next=/);
    await check(page);
    assert.match(await main(page), /Zmieniliśmy regulamin serwisu/);
    assert.match(await main(page), /wypożyczania rowerów/);

    // Going on without ticking the box: the error (a POST-only page).
    await page.getByRole('button', { name: 'Akceptuję i przechodzę dalej' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    await page.check('input[name=accept]');
    await page.getByRole('button', { name: 'Akceptuję i przechodzę dalej' }).click();
    await page.waitForURL('**/przestrzenie/moje');
    await check(page);
    assert.match(await main(page), /Zapisaliśmy akceptację wersji 2/);

    await page.goto(`${run.server.baseUrl}/konto/zgody`);
    await check(page);
    assert.match(await main(page), /Zaakceptowana wersja: 2/);
    await page.goto(`${run.server.baseUrl}/regulamin/wersje/1`);
    await check(page);
    assert.match(await main(page), /poprzednia wersja regulaminu/);
    await context.close();
  });
});
