// The officer's back office in Chromium, with axe on every page: the dashboard's to-do, the audit
// log and the report's parts — each as wide as the window at 1280 px and at 390 px (a phone).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn } from './support.ts';

describe("the officer's panel in Chromium", () => {
  const run = serverAndBrowser();

  /** Axe finds nothing and nothing is wider than the window. */
  async function check(page: Page) {
    await expectAccessible(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `${page.url()} is ${overflow} px wider than the window`);
  }

  it('the to-do, the audit log and the report fit 1280 px and 390 px', async () => {
    const context = await run.browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, run.server.baseUrl, 'urzednik@klaster.example', DEMO_PASSWORD);
    await enrolTotp(page, run.server.baseUrl, DEMO_PASSWORD, async () => {});
    const pages = [
      '/panel',
      '/panel/audyt',
      '/panel/umowy/raport',
      '/panel/umowy/raport?czesc=zawarte',
      '/panel/umowy/raport?czesc=oblozenie',
      '/panel/umowy/raport?czesc=sale',
      '/panel/umowy?status=accepted',
    ];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of pages) {
        await page.goto(`${run.server.baseUrl}${path}`);
        await check(page);
      }
    }
    await page.goto(`${run.server.baseUrl}/panel`);
    assert.match((await page.locator('#do-zalatwienia').textContent()) ?? '', /Do załatwienia/);
    await page.goto(`${run.server.baseUrl}/panel/umowy/raport`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 3000, `the report's summary is ${height} px tall`);
    await context.close();
  });
});
