// A pass holder's day at the desks in a real browser, with axe on every page visited (also the
// page a refused confirmation answers with): she sees the days left on her pass, books today's
// desk, finds its QR code on the booking and in "my bookings", and checks herself in through the
// code's link; a second confirmation from a page left open is refused as already checked in.
// The server's clock starts at 09:00 on the next working day (CLOCK_START), when check-in is open.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { isWorkingDay } from '../../src/platform/time/holidays.ts';
import { addDays, todayInWarsaw } from '../../src/platform/time/warsaw.ts';
import { expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const DESKS = '/przestrzenie/coworking-stanowiska';

let day = addDays(todayInWarsaw(new Date()), 1);
while (!isWorkingDay(day)) day = addDays(day, 1);

describe('desks: days left, QR code and self check-in in Chromium', () => {
  const run = serverAndBrowser({ CLOCK_START: `${day}T09:00` });
  const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';

  it('a pass holder books today’s desk, sees the days left and the QR code, and checks in through its link', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'mieszkanka@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');

    // The desk page tells her what her pass still holds (the demo pass: 3 of 10 days used).
    await page.goto(`${run.server.baseUrl}${DESKS}`);
    await expectAccessible(page);
    assert.match(await main(page), /zostało Ci 7 dni z 10; karnet jest ważny do/);
    assert.doesNotMatch(await main(page), /potrzebna jest umowa/);

    // Today's desk, booked at 09:00 (the server's clock).
    await page.goto(`${run.server.baseUrl}${DESKS}/rezerwacja?date=${day}`);
    await expectAccessible(page);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/przestrzenie\/rezerwacje\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const bookingUrl = page.url();
    assert.match(await main(page), /Samodzielne potwierdzenie obecności/);
    await page.locator('main .klaster-qr svg[role=img]').waitFor();
    const link = await page
      .getByRole('link', { name: 'Link do potwierdzenia obecności' })
      .getAttribute('href');
    assert.ok(link?.includes('/przestrzenie/obecnosc/'), `a check-in link, got ${link}`);

    await page.goto(`${run.server.baseUrl}${DESKS}`);
    assert.match(await main(page), /zostało Ci 6 dni z 10/);

    // "My bookings" carries today's code too.
    await page.goto(`${run.server.baseUrl}/przestrzenie/moje`);
    await expectAccessible(page);
    assert.match(await main(page), /Dzisiaj: potwierdź obecność na miejscu/);
    await page.locator('main .klaster-qr svg[role=img]').first().waitFor();

    // The code's link, opened twice (a second tab left open), then confirmed in the first.
    await page.goto(link!);
    await expectAccessible(page);
    assert.match(await main(page), /Jesteś na miejscu\? Potwierdź obecność do/);
    const stale = await context.newPage();
    await stale.goto(link!);
    await page.getByRole('button', { name: 'Potwierdzam, że jestem na miejscu' }).click();
    await page.waitForURL(bookingUrl);
    await expectAccessible(page);
    assert.match(await main(page), /Obecność potwierdzona\. Miłej pracy!/);

    // The page left open confirms again: refused, and the answer (a POST-only page) is accessible.
    await stale.getByRole('button', { name: 'Potwierdzam, że jestem na miejscu' }).click();
    await stale.waitForLoadState();
    await expectAccessible(stale, 'the refused second confirmation');
    assert.match((await stale.locator('main').textContent()) ?? '', /już potwierdzona/);
    await stale.locator('.govuk-error-summary').waitFor();

    // Opening the link once more says so, with no button.
    await page.goto(link!);
    await expectAccessible(page);
    assert.match(await main(page), /już potwierdzona/);
    assert.equal(await page.getByRole('button', { name: 'Potwierdzam, że jestem na miejscu' }).count(), 0);
    await context.close();
  });
});
