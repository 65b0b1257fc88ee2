// The back office's and the profile's rules hold for any caller of the services, not only for the
// forms: a direct call with what a form would refuse is refused the same way and changes nothing.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { user } from '../../platform/auth/schema.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { accountsService } from '../accounts/service.ts';
import { panelService } from './service/index.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const refusedAs = (code: string, field: string) => (err: unknown) =>
  err instanceof RuleError && err.code === code && err.field === field;

it('blocking needs a reason of at most 500 characters; a unit must be a slug; a profile name at most 120', async () => {
  const { database, auth, config } = t.app.klaster;
  const panel = panelService({
    db: database.db,
    baseUrl: config.baseUrl,
    contactEmail: config.contactEmail,
    consentsOf: async () => [],
  });
  const admin = await t.signedIn('admin');
  const resident = await t.signedIn('resident', { name: 'Halina Kowal' });
  const ctx = as({ id: admin.userId, role: 'admin' as const }, { clock: t.clock });

  await assert.rejects(panel.block(ctx, resident.userId, '   '), refusedAs('invalid', 'reason'));
  await assert.rejects(panel.block(ctx, resident.userId, 'x'.repeat(501)), refusedAs('invalid', 'reason'));

  const accounts = accountsService({
    db: database.db,
    auth,
    signInLimit: config.signInLimit,
    clock: t.clock,
  });
  await assert.rejects(
    accounts.updateProfile(
      as(
        {
          id: resident.userId,
          name: 'Halina Kowal',
          email: '',
          role: 'resident',
          accountRole: 'resident',
          locale: 'pl',
          sessionId: '',
        },
        { clock: t.clock },
      ),
      { name: 'x'.repeat(121), locale: 'pl' },
    ),
    refusedAs('invalid', 'name'),
  );

  const [row] = await database.db.select().from(user).where(eq(user.id, resident.userId));
  assert.equal(row?.blockedAt, null);
  assert.equal(row?.role, 'resident');
  assert.equal(row?.name, 'Halina Kowal');
});
