// The foundation's main journey in a real browser, with axe on every page visited:
// sign-up → verification link from the mail file → sign-in → language switch → organisation created
// → staff verifies it (signing in with TOTP) → sign-out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { totp } from '../support/totp.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn, waitForMailLink } from './support.ts';

describe('foundation journey in Chromium', () => {
  const run = serverAndBrowser();

  const visited: string[] = [];
  async function check(page: Page) {
    visited.push(new URL(page.url()).pathname);
    await expectAccessible(page);
  }

  it('a resident signs up, verifies, signs in and switches language', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await page.goto(`${run.server.baseUrl}/`);
    await check(page);
    await page.getByRole('link', { name: 'Załóż konto' }).first().click();
    await page.waitForURL('**/rejestracja');
    await check(page);

    // A first attempt with a common password shows the error summary linked to the field.
    await page.fill('input[name=name]', 'Halina Kowalczyk');
    await page.fill('input[name=email]', 'halina@example.org');
    await page.fill('input[name=password]', 'password1234');
    await page.check('input[name=consents][value=terms]');
    await page.click('button[type=submit]');
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    assert.equal(await page.inputValue('input[name=email]'), 'halina@example.org');
    await page.click('.govuk-error-summary a[href="#f-password"]');

    await page.fill('input[name=password]', 'stara kamienica przy wisle');
    await page.check('input[name=consents][value=terms]');
    await page.click('button[type=submit]');
    await page.waitForURL('**/rejestracja/sprawdz-poczte');
    await check(page);

    const link = await waitForMailLink(run.server.dataDir, 'halina@example.org', '/potwierdz-email?token=');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, run.server.baseUrl));
    assert.match((await page.locator('h1').textContent()) ?? '', /potwierdzony/);
    await check(page);

    await page.getByRole('link', { name: 'Zaloguj się' }).first().click();
    await page.waitForURL('**/logowanie');
    await check(page);
    await page.fill('input[name=email]', 'halina@example.org');
    await page.fill('input[name=password]', 'stara kamienica przy wisle');
    await page.click('main button[type=submit]');
    await page.waitForURL('**/konto');
    await check(page);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await check(page);
    await page.getByRole('link', { name: 'Українська' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.getAttribute('html', 'lang'), 'uk');
    await check(page);
    await page.getByRole('link', { name: 'Polski' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');

    // She registers her residents' group; it waits for staff verification.
    await page.goto(`${run.server.baseUrl}/organizacje/nowa`);
    await check(page);
    await page.fill('input[name=name]', 'Sąsiedzi z Wesołej');
    await page.check('input[name=kind][value=informal_group]');
    await page.fill(
      'textarea[name=description]',
      'Grupa mieszkańców organizująca potańcówki na placu Targowym.',
    );
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/organizacje\/[0-9a-f-]{36}$/);
    await check(page);
    const orgUrl = page.url();
    assert.match((await page.locator('main').textContent()) ?? '', /Oczekuje na weryfikację/i);
    await page.goto(`${run.server.baseUrl}/organizacje/moje`);
    await check(page);
    await context.close();
    resident.orgUrl = orgUrl;
  });

  const resident = { orgUrl: '' };

  it('a city officer enrols TOTP, verifies the organisation, signs out and back in with a code', async () => {
    assert.ok(resident.orgUrl, 'the previous step created an organisation');
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'urzednik@klaster.example', 'Zablocie-20.22-demo');
    await page.waitForURL('**/konto');

    // The back office requires two-step sign-in: the officer is sent to set it up first.
    const secret = await enrolTotp(page, run.server.baseUrl, 'Zablocie-20.22-demo', check);

    await page.goto(`${run.server.baseUrl}/panel/organizacje`);
    await check(page);
    await page.getByRole('link', { name: 'Sąsiedzi z Wesołej' }).click();
    await page.waitForURL(/\/panel\/organizacje\/[0-9a-f-]{36}$/);
    await check(page);
    await page.click('form[action$="/weryfikuj"] button[type=submit]');
    await page.waitForLoadState('load');
    await check(page);
    await page.goto(resident.orgUrl);
    assert.match((await page.locator('main').textContent()) ?? '', /Zweryfikowana/);
    await check(page);

    await page.getByRole('button', { name: 'Wyloguj się' }).click();
    await page.waitForURL(`${run.server.baseUrl}/`);
    assert.match((await page.locator('body').textContent()) ?? '', /Wylogowano/);
    await check(page);

    // Signing in again now asks for the code from the app.
    await page.goto(`${run.server.baseUrl}/logowanie?next=/panel`);
    await page.fill('input[name=email]', 'urzednik@klaster.example');
    await page.fill('input[name=password]', 'Zablocie-20.22-demo');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/logowanie\/kod/);
    await check(page);
    // A fresh 30-second window so the code is not the one used at enrolment.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    await page.fill('input[name=code]', totp(secret));
    await page.click('main button[type=submit]');
    await page.waitForURL('**/panel');
    await page.getByRole('button', { name: 'Wyloguj się' }).click();
    await page.waitForURL(`${run.server.baseUrl}/`);
    await context.close();
  });
});
