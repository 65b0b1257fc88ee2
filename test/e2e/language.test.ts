// Languages and names in a real browser, with axe on every page visited: the demo resident switches
// the site to English and is told her e-mails follow; she searches for "fablab krakow" without
// Polish letters, tries to register an organisation with a name like a registered one, sees the
// warning with its link and confirms; as its sole owner she is told how to leave it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessible, serverAndBrowser, signIn } from './support.ts';

const PASSWORD = 'Zablocie-20.22-demo';

describe('languages and organisation names in Chromium', () => {
  const run = serverAndBrowser();

  it('switches to English for e-mails too, finds names typed without Polish letters, warns of a similar name', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    const main = async () => (await page.locator('main').textContent()) ?? '';
    await signIn(page, run.server.baseUrl, 'mieszkanka@klaster.example', PASSWORD);
    await page.waitForURL('**/konto');

    await page.locator('.klaster-lang a[hreflang="en"]').click();
    await page.waitForURL('**/konto');
    await expectAccessible(page);
    assert.match(await main(), /We will send your emails in English too/);
    await page.goto(`${run.server.baseUrl}/konto`);
    assert.doesNotMatch(await main(), /We will send your emails in English too/, 'said once');

    await page.goto(`${run.server.baseUrl}/organizacje?q=fablab+krakow`);
    await expectAccessible(page);
    assert.match(await main(), /Stowarzyszenie Fablab Kraków/);

    await page.goto(`${run.server.baseUrl}/organizacje/nowa`);
    await page.fill('input[name=name]', 'Stowarzyszenie Fablab Krakow');
    await page.check('input[name=kind][value=informal_group]');
    await page.fill('textarea[name=description]', 'Makers meeting on Thursdays.');
    await page.click('main form button[type=submit]');
    await expectAccessible(page);
    assert.match(await main(), /An organisation with a similar name is already registered/);
    const link = page.locator('main a[target="_blank"]', { hasText: 'Stowarzyszenie Fablab Kraków' });
    assert.equal(await link.count(), 1);
    await page.check('input[name=confirmSimilarName]');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/organizacje\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    assert.match(await main(), /You are the only owner of this organisation/);
    assert.equal(await page.locator('main form[action$="/opusc"]').count(), 0, 'no leave button');
    await context.close();
  });
});
