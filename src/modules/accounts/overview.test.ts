// The account page leads to one's own things in the other modules, and the consents page tells
// "never given" from "withdrawn".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { messages } from '../../platform/i18n/index.ts';

describe('the account page and consents', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('/konto links to my bookings, my organisations and my agreements, and each opens', async () => {
    const c = await t.signedIn('resident');
    const page = await c.get('/konto');
    assert.equal(page.statusCode, 200);
    const m = messages.pl.accounts.overview.mine;
    for (const [href, label] of [
      ['/przestrzenie/moje', m.bookings],
      ['/organizacje/moje', m.organisations],
      ['/przestrzenie/umowy', m.agreements],
    ] as const) {
      assert.match(page.body, new RegExp(`href="${href}"[^>]*>${label}<`), label);
      assert.equal((await c.get(href)).statusCode, 200, href);
    }
  });
});
