// The spaces journey in a real browser, with axe on every page visited: the demo resident (who holds
// a 10-day pass) books a desk and the B2B room from the week calendars, finds both in "my
// bookings", cancels the room, and requests the event space; a city officer approves the request in
// the back office and looks through the resources, agreements and the report.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
// The browser drives a server process of its own, on the system clock.
import { systemClock } from '../../src/platform/time/clock.ts';
import { addDays, isoWeek, todayInWarsaw } from '../../src/platform/time/warsaw.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const EVENT_TITLE = 'Warsztaty sąsiedzkie o zieleni na Zabłociu';

describe('spaces journey in Chromium', () => {
  const run = serverAndBrowser();

  async function check(page: Page) {
    await expectAccessible(page);
  }
  const week = (daysAhead: number) => isoWeek(addDays(todayInWarsaw(systemClock.now()), daysAhead));
  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  /** Opens the first free booking link of a resource's calendar for the given week. */
  async function bookFromCalendar(page: Page, slug: string, daysAhead: number) {
    await page.goto(`${run.server.baseUrl}/przestrzenie/${slug}?tydzien=${week(daysAhead)}`);
    await check(page);
    await page.locator(`main table a[href^="/przestrzenie/${slug}/rezerwacja"]`).first().click();
    await page.waitForURL(new RegExp(`/przestrzenie/${slug}/rezerwacja`));
    await check(page);
  }

  it('a resident books a desk and a room, sees them, cancels the room and requests the event space', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'mieszkanka@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');

    await page.goto(`${run.server.baseUrl}/przestrzenie`);
    await check(page);
    await page.getByRole('link', { name: 'Stanowiska coworkingowe' }).first().click();
    await page.waitForURL('**/przestrzenie/coworking-stanowiska');
    await check(page);

    // A desk next week, under her pass.
    await bookFromCalendar(page, 'coworking-stanowiska', 7);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/przestrzenie\/rezerwacje\/[0-9a-f-]{36}$/);
    await check(page);
    assert.match(await main(page), /Stanowiska coworkingowe/);
    assert.match(await main(page), /Potwierdzona/);

    // The B2B room in two weeks, from a free cell of its calendar.
    await bookFromCalendar(page, 'pomieszczenie-b2b', 14);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/przestrzenie\/rezerwacje\/[0-9a-f-]{36}$/);
    await check(page);
    const roomUrl = page.url();
    assert.match(await main(page), /Pomieszczenie B2B/);

    await page.goto(`${run.server.baseUrl}/przestrzenie/moje`);
    await check(page);
    const mine = await main(page);
    assert.match(mine, /Stanowiska coworkingowe/);
    assert.match(mine, /Pomieszczenie B2B/);

    // Cancelling the room: a confirmation page, then the booking shows as cancelled.
    await page.goto(roomUrl);
    await page.locator('main a[href$="/odwolanie"]').click();
    await page.waitForURL(/\/odwolanie$/);
    await check(page);
    await page.click('main form button[name=scope][value=one]');
    await page.waitForLoadState('load');
    await check(page);
    await page.goto(roomUrl);
    assert.match(await main(page), /Odwołana/);

    // The event space is a request; four weeks ahead is past its week of notice.
    await bookFromCalendar(page, 'zablocie-space-sala-wydarzen', 28);
    await page.fill('input[name=title]', EVENT_TITLE);
    await page.fill('input[name=attendees]', '30');
    await page.check('input[name=houseRules]');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/przestrzenie\/rezerwacje\/[0-9a-f-]{36}$/);
    await check(page);
    assert.match(await main(page), /Wniosek/);
    await context.close();
  });

  it('a city officer approves the event-space request and looks through the spaces back office', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'urzednik@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');
    await enrolTotp(page, run.server.baseUrl, PASSWORD, check);

    await page.goto(`${run.server.baseUrl}/panel/rezerwacje`);
    await check(page);
    const row = page.locator('main tr', { hasText: EVENT_TITLE });
    await row.getByRole('button', { name: 'Zatwierdź' }).click();
    await page.waitForLoadState('load');
    await check(page);
    assert.match((await page.locator('body').textContent()) ?? '', /Wniosek zatwierdzony/);
    assert.equal(await page.locator('main tr', { hasText: EVENT_TITLE }).count(), 0, 'no longer waiting');

    for (const path of ['/panel/przestrzenie', '/panel/umowy', '/panel/umowy/raport', '/panel/pakiety']) {
      await page.goto(`${run.server.baseUrl}${path}`);
      await check(page);
    }
    assert.match(await main(page), /Karnet 10-dniowy/);

    // A resource's page in the back office: its name and description in three languages.
    await page.goto(`${run.server.baseUrl}/panel/przestrzenie`);
    await page.locator('main a', { hasText: 'Pomieszczenie B2B' }).first().click();
    await page.waitForLoadState('load');
    await check(page);
    assert.equal(await page.locator('#f-name_en').inputValue(), 'B2B meeting room');
    await context.close();
  });

  it('a reader sees room names in their language, or in Polish marked as Polish', async () => {
    for (const [locale, cookie, name] of [
      ['en-GB', 'en', 'B2B meeting room'],
      ['uk-UA', 'uk', 'Кімната для зустрічей B2B'],
    ] as const) {
      const context = await run.browser.newContext({ locale });
      await context.addCookies([{ name: 'klaster_lang', value: cookie, url: run.server.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`${run.server.baseUrl}/przestrzenie`);
      await check(page);
      await page.getByRole('link', { name }).click();
      await page.waitForURL('**/przestrzenie/pomieszczenie-b2b');
      await check(page);
      assert.equal(await page.locator('h1').getAttribute('lang'), null);
      await context.close();
    }
  });
});
