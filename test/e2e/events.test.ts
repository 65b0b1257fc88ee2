// The events journey in a real browser, with axe and the Nu HTML checker on every page visited: a
// resident finds a research walk by a word typed without its Polish letter, registers herself and a
// companion, sees it in "my events", and cancels from the link in her confirmation e-mail without
// signing in; the month view and the archive of past events are looked through on the way.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, serverAndBrowser, signIn, waitForMailLink } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';
const RESIDENT = 'mieszkanka@klaster.example';
const WALK = 'Spacer badawczy „Kazimierz pod lupą”';

describe('events journey in Chromium', () => {
  const run = serverAndBrowser();

  it('a resident finds an event by filter, registers with a companion and cancels from the e-mail link', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    const main = async () => (await page.locator('main').textContent()) ?? '';
    await signIn(page, run.server.baseUrl, RESIDENT, PASSWORD);
    await page.waitForURL('**/konto');

    await page.goto(`${run.server.baseUrl}/wydarzenia`);
    await expectAccessible(page);
    // "lupa" finds "lupą": the search folds the Polish letters.
    await page.fill('main input[name=q]', 'lupa');
    await page.locator('main form button[type=submit]').first().click();
    await page.waitForURL(/\/wydarzenia\?.*q=lupa/);
    await expectAccessible(page);
    const found = await page
      .locator('main a')
      .evaluateAll((links) =>
        links
          .filter((a) => /^\/wydarzenia\/[0-9a-f-]{36}$/.test(a.getAttribute('href') ?? ''))
          .map((a) => a.textContent?.trim()),
      );
    assert.deepEqual(found, [WALK], 'the walk is found, and no event without the word');

    await page.getByRole('link', { name: WALK }).first().click();
    await page.waitForURL(/\/wydarzenia\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const eventUrl = page.url();
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    assert.equal(ld['@type'], 'Event');
    assert.equal(ld.name, WALK);

    // Registering without the consent is refused on the page, with the field named.
    await page.fill('main input[name=companions]', '1');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz się' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.ok(await page.locator('.govuk-error-summary').isVisible(), 'the error summary is shown');
    await page.fill('main input[name=companions]', '1');
    await page.check('main input[name=consent]');
    await page.locator('main form button[type=submit]', { hasText: 'Zapisz się' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);

    await page.goto(`${run.server.baseUrl}/wydarzenia/moje`);
    await expectAccessible(page);
    assert.ok((await main()).includes(WALK), 'the walk is in my events');

    await page.goto(`${run.server.baseUrl}/wydarzenia/miesiac`);
    await expectAccessible(page);
    await page.goto(`${run.server.baseUrl}/wydarzenia/archiwum`);
    await expectAccessible(page);
    assert.ok((await main()).includes('Tydzień Rewitalizacji'), 'the 2023 meetings are in the archive');

    // The link from the confirmation e-mail, in a browser that is not signed in.
    const link = await waitForMailLink(run.server.dataDir, RESIDENT, '/wydarzenia/zapis/');
    const anonymous = await run.browser.newContext({ locale: 'pl-PL' });
    const other = await anonymous.newPage();
    await other.goto(link);
    await expectAccessible(other);
    assert.ok(((await other.locator('main').textContent()) ?? '').includes(WALK), 'the link names the event');
    await other.locator('main form button[type=submit]').last().click();
    await other.waitForLoadState('load');
    await expectAccessible(other);
    assert.match((await other.locator('main').textContent()) ?? '', /Zrezygnowano z udziału/);
    await anonymous.close();

    // Back on her own page the place is free again and she may register anew.
    await page.goto(eventUrl);
    await expectAccessible(page);
    assert.ok(
      await page.locator('main form button[type=submit]', { hasText: 'Zapisz się' }).isVisible(),
      'the registration form is offered again',
    );
    await context.close();
  });
});
