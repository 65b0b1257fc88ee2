// Pages that only a form submission reaches, checked in Chromium with axe and the Nu HTML checker
// like every other page: the private-feed address just created, a booking form with an error and a
// refused booking, the organisation form with errors, a form sent after the session ended (sign-in,
// then the form comes back with what was typed), the two-step set-up with its QR code, and the
// security page at a phone's width.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemClock } from '../../src/platform/time/clock.ts';
import { addDays, isoWeek, todayInWarsaw } from '../../src/platform/time/warsaw.ts';
import { totp } from '../support/totp.ts';
import { expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const RESIDENT = 'mieszkanka@klaster.example';

describe('form states in Chromium', () => {
  const run = serverAndBrowser();

  const check = (page: Page) => expectAccessible(page);
  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
  const week = (daysAhead: number) => isoWeek(addDays(todayInWarsaw(systemClock.now()), daysAhead));

  async function residentPage(viewport?: { width: number; height: number }) {
    const context = await run.browser.newContext({ locale: 'pl-PL', ...(viewport ? { viewport } : {}) });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, RESIDENT, PASSWORD);
    await page.waitForURL('**/konto');
    return { context, page };
  }

  it('the private calendar address, just created, is readable', async () => {
    const { context, page } = await residentPage();
    await page.goto(`${run.server.baseUrl}/przestrzenie/moje/kalendarz`);
    await check(page);
    await page.click('main form button[type=submit]');
    await page.waitForSelector('#feed-url');
    await check(page);
    assert.match(await page.inputValue('#feed-url'), /\/przestrzenie\/kalendarz\/.+\.ics$/);
    assert.match(
      (await page.locator('#feed-url-hint').textContent()) ?? '',
      /Ten adres pokazujemy tylko teraz/,
    );
    await context.close();
  });

  it('a booking form with a mistake, and a booking refused because the time is taken', async () => {
    const { context, page } = await residentPage();
    await page.goto(`${run.server.baseUrl}/przestrzenie/pomieszczenie-b2b?tydzien=${week(21)}`);
    await page.locator('main table a[href^="/przestrzenie/pomieszczenie-b2b/rezerwacja"]').first().click();
    await page.waitForURL(/\/przestrzenie\/pomieszczenie-b2b\/rezerwacja/);
    const formUrl = page.url();
    await check(page);

    // A time that is not a time: the error summary, linked to the field.
    await page.fill('input[name=to]', '25:99');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    assert.equal(await page.locator('.govuk-error-summary a[href="#f-to"]').count(), 1);

    // Booked once, then the same time again: refused, with the reason on the form.
    await page.goto(formUrl);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/przestrzenie\/rezerwacje\/[0-9a-f-]{36}$/);
    await check(page);
    await page.goto(formUrl);
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    assert.match(page.url(), /\/przestrzenie\/pomieszczenie-b2b\/rezerwacja/);
    await context.close();
  });

  it('the organisation form with errors', async () => {
    const { context, page } = await residentPage();
    await page.goto(`${run.server.baseUrl}/organizacje/nowa`);
    await page.fill('input[name=website]', 'not a web address');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    assert.equal(await page.inputValue('input[name=website]'), 'not a web address');
    await context.close();
  });

  it('a form sent after signing out in another tab: sign in, and the form is back with what was typed', async () => {
    const { context, page } = await residentPage();
    await page.goto(`${run.server.baseUrl}/organizacje/nowa`);
    await page.fill('input[name=name]', 'Klub Seniora z Zabłocia');
    await page.check('input[name=kind][value=informal_group]');
    await page.fill('textarea[name=description]', 'Spotykamy się we wtorki przy herbacie i szachach.');

    const other = await context.newPage();
    await other.goto(`${run.server.baseUrl}/konto`);
    await other.getByRole('button', { name: 'Wyloguj się' }).click();
    await other.waitForURL(`${run.server.baseUrl}/`);
    await other.close();

    await page.click('main form button[type=submit]');
    await page.waitForSelector('h1:has-text("Twoja sesja się zakończyła")');
    await check(page);
    assert.match(await main(page), /wpiszemy z powrotem do formularza/);
    await page.fill('main input[name=email]', RESIDENT);
    await page.fill('main input[name=password]', PASSWORD);
    await page.click('main button[type=submit]');
    await page.waitForURL('**/organizacje/nowa');
    await check(page);
    assert.equal(await page.inputValue('input[name=name]'), 'Klub Seniora z Zabłocia');
    assert.equal(await page.isChecked('input[name=kind][value=informal_group]'), true);
    assert.equal(
      await page.inputValue('textarea[name=description]'),
      'Spotykamy się we wtorki przy herbacie i szachach.',
    );
    assert.match((await page.locator('body').textContent()) ?? '', /Wpisaliśmy z powrotem/);
    // Filled in, not sent: sending it now creates the organisation.
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/organizacje\/[0-9a-f-]{36}$/);
    assert.match(await main(page), /Klub Seniora z Zabłocia/);
    await context.close();
  });

  it('the security page fits a 390 px phone screen', async () => {
    const { context, page } = await residentPage({ width: 390, height: 844 });
    await page.goto(`${run.server.baseUrl}/konto/bezpieczenstwo`);
    await check(page);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `the page is ${scroll} px wide on a ${client} px screen`);
    await context.close();
  });

  it('staff set up two-step sign-in from a QR code or the key in groups of four', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'urzednik@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');
    await page.goto(`${run.server.baseUrl}/panel`);
    await page.waitForURL(/\/konto\/dwuetapowe\?wymagane=1/);
    await check(page);
    // A wrong password first: the error on the page.
    await page.fill('input[name=password]', 'not the password');
    await page.click('main button[type=submit]');
    await page.waitForSelector('.govuk-error-summary');
    await check(page);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('main button[type=submit]');
    await page.waitForSelector('#totp-secret');
    await check(page);

    const qr = page.locator('main svg[role=img]');
    assert.equal(await qr.count(), 1);
    assert.match((await qr.getAttribute('aria-label')) ?? '', /Kod QR/);
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 150, 'large enough to scan');
    const key = ((await page.locator('#totp-secret').textContent()) ?? '').trim();
    assert.match(key, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'the key in groups of four');
    const codes = await page.locator('main ol code, main ul code').allTextContents();
    assert.equal(codes.length, 10);
    for (const code of codes) assert.doesNotMatch(code, /[01oilOIL]/, `${code} has no look-alike characters`);

    await page.fill('input[name=code]', totp(key.replace(/\s+/g, '')));
    await page.click('main form[action="/konto/dwuetapowe/potwierdz"] button[type=submit]');
    await page.waitForURL('**/panel');
    await check(page);
    await context.close();
  });
});
