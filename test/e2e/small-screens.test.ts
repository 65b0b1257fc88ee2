// A phone-sized screen (390 CSS px wide) in Chromium, with axe on every page: no page scrolls
// sideways, and the controls people tap — the menu, calendar links, my bookings' actions, tabs —
// are at least 44 × 44 CSS px. The menu opens without JavaScript (<details>).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays, isoWeek, todayInWarsaw } from '../../src/platform/time/warsaw.ts';
import { expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const PHONE = { width: 390, height: 844 };
/** What a person taps on these pages (inline links inside sentences are not counted). */
const TAP_TARGETS = [
  '.klaster-nav__summary',
  '.klaster-nav__list--narrow .klaster-nav__link',
  '.klaster-nav__list--narrow .klaster-nav__button',
  'main table a',
  'main .govuk-summary-card__actions a',
  'main .klaster-tabs__link',
].join(', ');

async function checkSmallScreen(page: Page, label: string) {
  await expectAccessible(page, label);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label} scrolls sideways: ${scrollWidth} > ${innerWidth}`);
  // Open the menu so its links are measured too (a click on <summary> needs no script).
  const summary = page.locator('.klaster-nav__summary');
  assert.equal(await summary.isVisible(), true, `${label}: the menu is offered`);
  assert.equal(await page.locator('.klaster-nav__list--wide').isVisible(), false, `${label}: one row hidden`);
  assert.equal(await page.locator('details.klaster-nav__menu > summary').count(), 1);
  await summary.click();
  assert.equal(await page.locator('details.klaster-nav__menu').getAttribute('open'), '');
  await expectAccessible(page, `${label} (menu open)`);
  const small = await page.locator(TAP_TARGETS).evaluateAll((els) =>
    els
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(
        ({ el, r }) =>
          `${(el.textContent ?? '').trim().slice(0, 40)} ${Math.round(r.width)}×${Math.round(r.height)}`,
      ),
  );
  assert.deepEqual(small, [], `${label}: tap targets under 44 × 44 px`);
  const links = await page.locator('.klaster-nav__list--narrow .klaster-nav__link').count();
  assert.ok(links >= 3, `${label}: the open menu lists the sections`);
}

describe('small screens (390 px) in Chromium', () => {
  const run = serverAndBrowser();

  it('the home page, the desk calendar and my bookings fit a phone', async () => {
    // axe runs as a script in the page, so scripts stay on; the menu is a <details> element, which
    // opens without any (a click on its <summary>, checked below).
    const context = await run.browser.newContext({ viewport: PHONE, locale: 'pl-PL' });
    const page = await context.newPage();
    await page.goto(`${run.server.baseUrl}/`);
    await checkSmallScreen(page, 'home page');
    await signIn(page, run.server.baseUrl, 'mieszkanka@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');
    for (const [path, label] of [
      ['/przestrzenie/coworking-stanowiska', 'desk calendar'],
      ['/przestrzenie/moje', 'my bookings'],
      ['/przestrzenie/moje?widok=odwolane', 'my cancelled bookings'],
    ] as const) {
      await page.goto(`${run.server.baseUrl}${path}`);
      await checkSmallScreen(page, label);
    }
    // The desk calendar offers booking links big enough to tap: next week's, which always has
    // working days (this week's may all be past, on a Friday evening).
    const nextWeek = isoWeek(addDays(todayInWarsaw(new Date()), 7));
    await page.goto(`${run.server.baseUrl}/przestrzenie/coworking-stanowiska?tydzien=${nextWeek}`);
    assert.ok((await page.locator('main table a.klaster-calendar__link').count()) > 0, 'days to book');
    await context.close();
  });

  // The sessions tables of this page are made to fit by the accounts work (another branch); until
  // that lands here this check fails, on purpose: the page does scroll sideways on a phone.
  it('the account security page fits a phone', async () => {
    const context = await run.browser.newContext({ viewport: PHONE, locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'mieszkanka@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');
    await page.goto(`${run.server.baseUrl}/konto/bezpieczenstwo`);
    await checkSmallScreen(page, 'account security');
    await context.close();
  });

  it('with scripts, the public feed address gets a copy button; a wide screen keeps the one-row menu', async () => {
    const context = await run.browser.newContext({ viewport: PHONE, locale: 'pl-PL' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: run.server.baseUrl });
    const page = await context.newPage();
    await page.goto(`${run.server.baseUrl}/przestrzenie/coworking-stanowiska`);
    await checkSmallScreen(page, 'desk calendar with scripts');
    const copy = page.getByRole('button', { name: 'Kopiuj adres' });
    await copy.click();
    await page.getByRole('status').filter({ hasText: 'Adres skopiowany' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${run.server.baseUrl}/przestrzenie/coworking-stanowiska/kalendarz.ics`);
    await expectAccessible(page, 'after copying');
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(await page.locator('.klaster-nav__list--wide').isVisible(), true);
    assert.equal(await page.locator('.klaster-nav__summary').isVisible(), false);
    await context.close();
  });
});
