// An event's organiser screens in a real browser, with axe and the Nu HTML checker on every page
// visited: a resident registers for the research walk; the officer (second factor enrolled) attaches a PDF to it
// (a file that is not a PDF first), sees it on the event page, then writes to the registrants from
// the list of registrations: the confirm step with the count, the sending, the history.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { enrolTotp, expectAccessible, serverAndBrowser, signIn } from './support.ts';

const OFFICER = 'urzednik@klaster.example';
const RESIDENT = 'mieszkanka@klaster.example';
const WALK = 'Spacer badawczy „Kazimierz pod lupą”';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe("an event's organiser screens in Chromium", () => {
  const run = serverAndBrowser();

  it('the officer attaches a PDF to an event and messages its registrants', async () => {
    const base = run.server.baseUrl;
    // A resident registers for the walk, so the list has someone to write to.
    const resident = await run.browser.newContext({ locale: 'pl-PL' });
    const her = await resident.newPage();
    await signIn(her, base, RESIDENT, DEMO_PASSWORD);
    await her.waitForURL('**/konto');
    await her.goto(`${base}/wydarzenia?q=lupa`);
    await her.getByRole('link', { name: WALK }).first().click();
    await her.waitForURL(/\/wydarzenia\/[0-9a-f-]{36}$/);
    const eventUrl = her.url();
    await her.fill('main input[name=companions]', '0');
    await her.check('main input[name=consent]');
    await her.locator('main form button[type=submit]', { hasText: 'Zapisz się' }).click();
    await her.waitForLoadState('load');
    await resident.close();

    const context = await run.browser.newContext({ locale: 'pl-PL' });
    const page = await context.newPage();
    const main = async () => (await page.locator('main').textContent()) ?? '';
    await signIn(page, base, OFFICER, DEMO_PASSWORD);
    await enrolTotp(page, base, DEMO_PASSWORD, expectAccessible);
    await page.goto(eventUrl);
    await page.getByRole('link', { name: 'Załączniki (PDF) wydarzenia' }).click();
    await page.waitForURL(/\/zalaczniki$/);
    await expectAccessible(page);
    await page.setInputFiles('main input[name=file]', {
      name: 'program.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><body>not a pdf</body></html>'),
    });
    await page.fill('main input[name=title_pl]', 'Program spaceru');
    await page.locator('main form button[type=submit]', { hasText: 'Dodaj załącznik' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.match(
      (await page.locator('.govuk-error-summary').textContent()) ?? '',
      /ten plik nie jest dokumentem PDF/,
    );
    await page.setInputFiles('main input[name=file]', {
      name: 'program.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.fill('main input[name=title_pl]', 'Program spaceru');
    await page.locator('main form button[type=submit]', { hasText: 'Dodaj załącznik' }).click();
    await page.waitForURL(/\/zalaczniki$/);
    await expectAccessible(page);
    assert.match(await main(), /Załącznik dodany\./);

    await page.goto(eventUrl);
    await expectAccessible(page);
    assert.match(await main(), /Materiały do pobrania\s*Program spaceru \(PDF, 1 kB\)/);

    await page.goto(`${eventUrl}/zapisy`);
    await expectAccessible(page);
    await page.check('main input[name=audience][value=confirmed]');
    await page.fill('main input[name=subject]', 'Zbiórka przy Bożym Ciele');
    await page.fill('main textarea[name=body]', 'Spotykamy się o 17:00.\n\nWeźcie <b>parasole</b>.');
    await page
      .locator('main form button[type=submit]', { hasText: 'Dalej: sprawdź przed wysłaniem' })
      .click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    assert.match(await main(), /Wiadomość trafi do \d+ os(oby|ób)\./);
    assert.match(await main(), /Weźcie <b>parasole<\/b>\./, 'the text is shown as typed, not as markup');
    await page.locator('main form button[type=submit]', { hasText: 'Wyślij wiadomość' }).click();
    await page.waitForURL(/\/zapisy$/);
    await expectAccessible(page);
    assert.match(await main(), /Wiadomość wysłana do \d+ os(oby|ób)\./);
    assert.match(await main(), /Wysłane wiadomości[\s\S]*Zbiórka przy Bożym Ciele/);
    await context.close();
  });
});
