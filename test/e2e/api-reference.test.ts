// The API reference page (/api/docs, our own rendering of the OpenAPI document: docs/decisions/003)
// in a real browser, with axe, in Polish, English and Ukrainian: it lists the API's operations and
// no HTML form, explains sign-in, language and the problem types, and links the document it shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// The app's modules, whose manifests install their texts (the server under test runs apart).
import '../../src/modules/index.ts';
import { messages } from '../../src/platform/i18n/index.ts';
import { expectAccessible, serverAndBrowser } from './support.ts';

describe('API reference page in Chromium', () => {
  const run = serverAndBrowser();

  for (const locale of ['pl', 'en', 'uk'] as const) {
    it(`shows the operations of the served document and the problem types (${locale})`, async () => {
      const context = await run.browser.newContext();
      await context.addCookies([{ name: 'klaster_lang', value: locale, url: run.server.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`${run.server.baseUrl}/api/docs`);
      await expectAccessible(page);
      const t = messages[locale];
      assert.equal((await page.locator('h1').textContent())?.trim(), t.pages.apiTitle);
      const doc = (await (await fetch(`${run.server.baseUrl}/api/v1/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const shown = await page.locator('table').first().locator('tbody tr td:nth-child(2)').allInnerTexts();
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map(() => p));
      assert.deepEqual(shown.sort(), documented.sort(), 'every operation of the document, and nothing else');
      assert.ok(!shown.some((p) => !p.startsWith('/api/v1/')), 'no HTML pages or forms');
      for (const heading of [
        t.api.reference.authTitle,
        t.api.reference.languageTitle,
        t.api.reference.problemsTitle,
      ])
        assert.ok(await page.getByRole('heading', { name: heading, exact: true }).isVisible(), heading);
      const problems = page.locator('table').nth(1);
      assert.ok(await problems.getByText('https://klaster.dev/problems/unsupported-media-type').isVisible());
      assert.ok(
        await problems.getByText(t.api.problems.unsupportedMediaType.title, { exact: true }).isVisible(),
      );
      const link = page.getByRole('link', { name: t.pages.apiDocument });
      assert.equal(await link.getAttribute('href'), '/api/v1/openapi.json');
      await context.close();
    });
  }
});
