// Publishing an event in a real browser, with axe and the Nu HTML checker on every page visited: the
// demo ambassador proposes an event for one of her organisations (a mistake first: it ends before it
// starts), submits it, and the officer — second factor enrolled as the panel test does — finds it on
// the dashboard's to-do and in the events back office, publishes it, and it is on /wydarzenia.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn } from './support.ts';

const AMBASSADOR = 'ambasador@klaster.example';
const OFFICER = 'urzednik@klaster.example';
const TITLE = 'Sąsiedzka wymiana roślin na Wesołej';

describe('publishing an event in Chromium', () => {
  const run = serverAndBrowser();

  it('the ambassador proposes and submits an event, the officer publishes it, and it is listed', async () => {
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const base = run.server.baseUrl;

    const ambassador = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await ambassador.newPage();
    const main = async () => (await page.locator('main').textContent()) ?? '';
    await signIn(page, base, AMBASSADOR, DEMO_PASSWORD);
    await page.waitForURL('**/konto');

    await page.goto(`${base}/wydarzenia`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Moje propozycje' }).click();
    await page.waitForURL('**/wydarzenia/propozycje');
    await expectAccessible(page);
    await page.locator('main a[href="/wydarzenia/nowe"]').click();
    await page.waitForURL('**/wydarzenia/nowe');
    await expectAccessible(page);

    await page.fill('input[name=title_pl]', TITLE);
    await page.fill('input[name=title_en]', 'Neighbourly plant swap');
    await page.fill('textarea[name=description_pl]', 'Przynieś sadzonkę, weź inną. **Herbata** na miejscu.');
    await page.selectOption('select[name=kind]', 'meeting');
    await page.check('input[name=audiences][value=residents]');
    await page.selectOption('select[name=organisationId]', { index: 1 });
    await page.fill('input[name=venue]', 'plac Targowy, Kraków');
    await page.fill('input[name=startsAtDate]', day);
    await page.fill('input[name=startsAtTime]', '16:00');
    await page.fill('input[name=endsAtDate]', day);
    await page.fill('input[name=endsAtTime]', '15:00');
    await page.check('input[name=registration]');
    await page.fill('input[name=capacity]', '30');
    await page.check('input[name=accessibility][value=stepFree]');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz szkic' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.match(
      (await page.locator('.govuk-error-summary').textContent()) ?? '',
      /Koniec wydarzenia musi być po jego początku/,
    );
    assert.equal(await page.inputValue('input[name=title_pl]'), TITLE, 'what was typed is kept');

    await page.fill('input[name=endsAtTime]', '18:00');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz szkic' }).click();
    await page.waitForURL('**/wydarzenia/propozycje');
    await expectAccessible(page);
    assert.ok((await main()).includes(TITLE), 'the draft is among my proposals');
    await page.locator('main form button[type=submit]', { hasText: 'Zgłoś do publikacji' }).first().click();
    await page.waitForURL('**/wydarzenia/propozycje');
    await expectAccessible(page);
    assert.match(await main(), /Czeka na decyzję/);
    await ambassador.close();

    const office = await run.browser.newContext({ locale: 'pl-PL' });
    const staff = await office.newPage();
    await signIn(staff, base, OFFICER, DEMO_PASSWORD);
    await enrolTotp(staff, base, DEMO_PASSWORD, expectAccessible);
    assert.match(
      (await staff.locator('main').textContent()) ?? '',
      /Wydarzenia do sprawdzenia\s*Czeka: [1-9]/,
    );
    await staff.locator('main a[href="/panel/wydarzenia"]').first().click();
    await staff.waitForURL('**/panel/wydarzenia');
    await expectAccessible(staff);
    await staff.getByRole('link', { name: TITLE }).click();
    await staff.waitForURL(/\/panel\/wydarzenia\/[0-9a-f-]{36}$/);
    await expectAccessible(staff);
    const eventId = staff.url().split('/').pop()!;
    await staff.locator('main form button[type=submit]', { hasText: 'Opublikuj teraz' }).click();
    await staff.waitForLoadState('load');
    await expectAccessible(staff);
    assert.match((await staff.locator('main').textContent()) ?? '', /Opublikowane/);
    await office.close();

    const visitor = await run.browser.newContext({ locale: 'pl-PL' });
    const anyone = await visitor.newPage();
    await anyone.goto(`${base}/wydarzenia`);
    await expectAccessible(anyone);
    await anyone.getByRole('link', { name: TITLE }).click();
    await anyone.waitForURL(`**/wydarzenia/${eventId}`);
    await expectAccessible(anyone);
    assert.match((await anyone.locator('main').textContent()) ?? '', /plac Targowy, Kraków/);
    await visitor.close();
  });
});
