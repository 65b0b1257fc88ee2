// The events' newer pages in a real browser, with axe and the Nu HTML checker on every page visited:
// a resident registers for two sessions of the ambassadors' series at once and sees them on "my
// events"; the demo ambassador postpones one of her published activities from its own page; the
// officer goes through the back office's lists, the series' settings and the form's questions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn } from './support.ts';

const RESIDENT = 'mieszkanka@klaster.example';
const AMBASSADOR = 'ambasador@klaster.example';
const OFFICER = 'urzednik@klaster.example';

describe("organisers' and series' pages in Chromium", () => {
  const run = serverAndBrowser();

  it('a resident registers for two sessions of a series at once', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, RESIDENT, DEMO_PASSWORD);
    await page.waitForURL('**/konto');
    await page.goto(`${run.server.baseUrl}/wydarzenia/cykle/ambasadorzy-rewitalizacji`);
    await expectAccessible(page);
    const open = page.locator('main input[name=sessions]:not([disabled])');
    assert.ok((await open.count()) >= 2, 'at least two sessions are open');
    await open.nth(0).check();
    await open.nth(1).check();
    if (await page.locator('main input[name=consent]').count()) await page.check('main input[name=consent]');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz mnie' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Zapisano na 2 spotkania/);
    await page.goto(`${run.server.baseUrl}/wydarzenia/moje`);
    await expectAccessible(page);
    await context.close();
  });

  it('the ambassador postpones her activity, and the officer finds it among the live events', async () => {
    const base = run.server.baseUrl;
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    await signIn(page, base, AMBASSADOR, DEMO_PASSWORD);
    await page.waitForURL('**/konto');
    await page.goto(`${base}/wydarzenia/propozycje`);
    await expectAccessible(page);
    await page.locator('main a', { hasText: 'Odwołaj lub przełóż' }).first().click();
    await page.waitForURL(/\/wydarzenia\/[0-9a-f-]{36}\/zarzadzanie$/);
    await expectAccessible(page);
    await page.fill('input[name=startsAtDate]', day);
    await page.fill('input[name=startsAtTime]', '17:00');
    await page.fill('input[name=endsAtDate]', day);
    await page.fill('input[name=endsAtTime]', '19:00');
    await page.locator('main form button[type=submit]', { hasText: 'Przełóż' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.match((await page.locator('main').textContent()) ?? '', /Przełożono wydarzenie/);
    await context.close();

    const office = await run.browser.newContext({ locale: 'pl-PL' });
    const staff = await office.newPage();
    await signIn(staff, base, OFFICER, DEMO_PASSWORD);
    await enrolTotp(staff, base, DEMO_PASSWORD, expectAccessible);
    await staff.goto(`${base}/panel/wydarzenia`);
    await expectAccessible(staff);
    await staff.locator('main nav a', { hasText: 'Opublikowane i przełożone' }).click();
    await staff.waitForURL('**/panel/wydarzenia?widok=live');
    await expectAccessible(staff);
    await staff.locator('main nav a', { hasText: 'Minione, odwołane i odrzucone' }).click();
    await staff.waitForURL('**/panel/wydarzenia?widok=past');
    await expectAccessible(staff);
    await staff.goto(`${base}/panel/wydarzenia/cykle`);
    await expectAccessible(staff);
    // An event's form, with its registration questions.
    await staff.goto(`${base}/panel/wydarzenia?widok=live`);
    await staff.locator('main table a').first().click();
    await staff.waitForURL(/\/panel\/wydarzenia\/[0-9a-f-]{36}$/);
    await staff.locator('main a', { hasText: 'Zmień' }).first().click();
    await staff.waitForURL(/\/edycja$/);
    await expectAccessible(staff);
    assert.match((await staff.locator('main').textContent()) ?? '', /Pytania przy zapisie/);
    await office.close();
  });
});
