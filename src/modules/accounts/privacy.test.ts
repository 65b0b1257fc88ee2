// "Download my data" and "delete my account", through the real app; the contributor contract
// (export sections, erasure inside the one transaction, refusal) through the service.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, readMailDir, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { account, session, user } from '../../platform/auth/schema.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { messages } from '../../platform/i18n/index.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { PersonalDataContributor } from '../../platform/privacy.ts';
import { refusalMessage } from '../../platform/refusals.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { consents } from './schema.ts';
import { accountsService } from './service.ts';

describe('download my data', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('offers the download on a page', async () => {
    const c = await t.signedIn('resident');
    const page = await c.get('/konto/dane');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('href="/konto/dane.json"'));
    assert.equal(
      (await t.client().get('/konto/dane.json')).statusCode,
      303,
      'anonymous visitors sign in first',
    );
  });

  it('is a JSON attachment with the account, consents, sessions, e-mails and audit, without the password hash', async () => {
    const c = await t.signedIn('resident', { name: 'Krystyna Lis' });
    await c.post('/konto/zgody', { kind: 'newsletter', decision: 'grant' });
    await c.post('/konto/zgody', { kind: 'newsletter', decision: 'withdraw' });
    await c.post('/konto/bezpieczenstwo/haslo', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'stary most nad wisłą',
      confirmPassword: 'stary most nad wisłą',
    });

    const res = await c.get('/konto/dane.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="klaster-moje-dane-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = res.json() as {
      account: { id: string; name: string; email: string };
      consents: Array<{ kind: string; granted: boolean; decidedAt: string }>;
      sessions: Array<{ ipAddress: string; createdAt: string; secondFactorAt: string | null }>;
      emails: Array<{ subject: string; status: string }>;
      audit: Array<{ action: string; byYou: boolean }>;
      modules: Record<string, unknown>;
    };
    assert.equal(data.account.id, c.userId);
    assert.equal(data.account.name, 'Krystyna Lis');
    assert.equal(data.account.email, c.email);
    assert.deepEqual(
      data.consents.map((x) => [x.kind, x.granted]),
      [
        ['newsletter', true],
        ['newsletter', false],
      ],
    );
    assert.ok(data.consents.every((x) => !Number.isNaN(Date.parse(x.decidedAt))));
    assert.ok(data.sessions.length >= 1);
    assert.equal(data.sessions[0]!.ipAddress, '127.0.0.1');
    assert.equal(data.sessions[0]!.secondFactorAt, null, 'whether a session passed two-step sign-in');
    assert.ok(data.emails.some((m) => m.subject === 'Hasło do Twojego konta zostało zmienione'));
    assert.ok(data.audit.some((a) => a.action === 'account.password_changed' && a.byYou));
    assert.deepEqual(data.modules, {
      organisations: {
        memberships: [],
        invitationsSent: [],
        invitationsReceived: [],
        organisationsCreated: [],
      },
      spaces: { bookings: [], agreements: [] },
      events: { registrations: [], certificates: [] },
      calls: { applications: [], juries: [], evaluations: [] },
    });

    const [credential] = await t.database.db.select().from(account).where(eq(account.userId, c.userId));
    assert.ok(credential?.password);
    assert.ok(!res.body.includes(credential.password), 'no password hash');
    assert.doesNotMatch(res.body, /"password"/);
    const [sess] = await t.database.db.select().from(session).where(eq(session.userId, c.userId));
    assert.ok(!res.body.includes(sess!.token), 'no session token');
  });
});

describe('delete my account', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('explains what happens and asks for the password and a tick', async () => {
    const c = await t.signedIn('resident');
    const page = await c.get('/konto/usun');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tej operacji nie można cofnąć/);
    assert.match(page.body, /name="password"/);
    assert.match(page.body, /name="understand"/);
  });

  it('refuses a wrong password or a missing tick, and keeps everything', async () => {
    const c = await t.signedIn('resident', { name: 'Roman Wierzba' });
    const wrong = await c.post('/konto/usun', { password: 'not my password', understand: 'yes' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Hasło jest nieprawidłowe/);
    const untick = await c.post('/konto/usun', { password: TEST_PASSWORD });
    assert.equal(untick.statusCode, 422);
    assert.match(untick.body, /Zaznacz, że rozumiesz skutki usunięcia konta/);
    const extra = await c.post('/konto/usun', { password: TEST_PASSWORD, understand: 'yes', also: 'x' });
    assert.equal(extra.statusCode, 422);

    assert.equal((await c.get('/konto')).statusCode, 200, 'still signed in');
    const [row] = await t.database.db.select().from(user).where(eq(user.id, c.userId));
    assert.equal(row!.name, 'Roman Wierzba');
    assert.equal(row!.deletedAt, null);
  });

  it('erases the personal data, keeps the audit, says goodbye to the old address and signs out', async () => {
    const c = await t.signedIn('resident', { name: 'Danuta Sosna' });
    await c.post('/konto/profil', { name: 'Danuta Sosna', locale: 'pl', phone: '+48 12 616 12 34' });
    await c.post('/konto/zgody', { kind: 'terms', decision: 'grant' });
    const other = t.client();
    await other.post('/logowanie', { email: c.email, password: TEST_PASSWORD });

    const res = await c.post('/konto/usun', { password: TEST_PASSWORD, understand: 'yes' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/');
    const home = await c.get('/');
    assert.match(home.body, /Twoje konto zostało usunięte/);
    assert.match(home.body, /Zaloguj się/, 'signed out');
    assert.equal((await c.get('/konto')).statusCode, 303);
    assert.equal((await other.get('/konto')).statusCode, 303, 'every device is signed out');

    const signIn = await t.client().post('/logowanie', { email: c.email, password: TEST_PASSWORD });
    assert.equal(signIn.statusCode, 401);

    const [row] = await t.database.db.select().from(user).where(eq(user.id, c.userId));
    assert.equal(row!.name, 'Usunięte konto');
    assert.equal(row!.email, `deleted-${c.userId}@deleted.invalid`);
    assert.equal(row!.phone, null);
    assert.equal(row!.emailVerified, false);
    assert.ok(row!.deletedAt);
    assert.ok(row!.blockedAt);
    const db = t.database.db;
    assert.equal((await db.select().from(session).where(eq(session.userId, c.userId))).length, 0);
    assert.equal((await db.select().from(account).where(eq(account.userId, c.userId))).length, 0);
    assert.equal((await db.select().from(consents).where(eq(consents.userId, c.userId))).length, 0);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, c.userId));
    assert.ok(audits.some((a) => a.action === 'account.deleted' && a.actorId === c.userId));
    assert.ok(!JSON.stringify(audits).includes('Danuta'), 'the audit holds no personal data');

    await t.app.klaster.worker.tick();
    const mails = readMailDir(t.dataDir).filter((m) => m.to.includes(c.email));
    assert.ok(mails.some((m) => m.subject === 'Twoje konto zostało usunięte'));

    // Anyone may sign up again with the freed address.
    const again = await ensureUser(db, t.app.klaster.auth, {
      email: c.email,
      name: 'Danuta Sosna',
      password: TEST_PASSWORD,
    });
    assert.notEqual(again.id, c.userId);
  });

  it('the only administrator cannot delete their account', async () => {
    const c = await t.signedIn('admin');
    const res = await c.post('/konto/usun', { password: TEST_PASSWORD, understand: 'yes' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Jesteś jedynym administratorem/);
    assert.equal((await c.get('/konto')).statusCode, 200);
  });
});

describe('personal-data contributors', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('export gathers a section from each module', async () => {
    const { id } = await ensureUser(t.database.db, t.app.klaster.auth, {
      email: 'sections@test.example',
      name: 'Sekcje',
      password: TEST_PASSWORD,
    });
    const accounts = accountsService({
      db: t.database.db,
      auth: t.app.klaster.auth,
      signInLimit: 10,
      clock: t.clock,
      contributors: () => [
        {
          name: 'organisations',
          exportFor: async (u: string) => ({ memberOf: [], userId: u }),
          eraseFor: async () => {},
        },
      ],
    });
    const self = {
      id,
      name: 'Sekcje',
      email: 'sections@test.example',
      role: 'resident' as const,
      accountRole: 'resident' as const,
      locale: 'pl' as const,
      sessionId: '',
    };
    const data = await accounts.exportData(as(self, { clock: t.clock }));
    assert.deepEqual(data.modules, { organisations: { memberOf: [], userId: id } });
  });

  it('a refusal from one module rolls back what the others erased, and nothing is deleted', async () => {
    const db = t.database.db;
    const { id } = await ensureUser(db, t.app.klaster.auth, {
      email: 'refused@test.example',
      name: 'Odmowa',
      password: TEST_PASSWORD,
    });
    await db
      .insert(consents)
      .values({ id: crypto.randomUUID(), userId: id, kind: 'terms', granted: true, termsVersion: 1 });
    const eraser: PersonalDataContributor = {
      name: 'first',
      exportFor: async () => null,
      eraseFor: async (userId, tx) => {
        await tx.delete(consents).where(eq(consents.userId, userId));
      },
    };
    const refuser: PersonalDataContributor = {
      name: 'organisations',
      exportFor: async () => null,
      eraseFor: async () => {
        throw new RuleError('organisations.soleOwner');
      },
    };
    const accounts = accountsService({
      db,
      auth: t.app.klaster.auth,
      signInLimit: 10,
      clock: t.clock,
      contributors: () => [eraser, refuser],
    });
    const self = {
      id,
      name: 'Odmowa',
      email: 'refused@test.example',
      role: 'resident' as const,
      accountRole: 'resident' as const,
      locale: 'pl' as const,
      sessionId: '',
    };
    await assert.rejects(
      accounts.deleteAccount(as(self, { clock: t.clock }), TEST_PASSWORD),
      (err: unknown) => {
        assert.ok(err instanceof RuleError);
        assert.equal(err.code, 'organisations.soleOwner');
        return true;
      },
    );
    assert.equal((await db.select().from(consents).where(eq(consents.userId, id))).length, 1);
    const [row] = await db.select().from(user).where(eq(user.id, id));
    assert.equal(row!.email, 'refused@test.example');
    assert.equal(row!.deletedAt, null);
    assert.equal((await db.select().from(account).where(eq(account.userId, id))).length, 1);
  });

  it('a refusal code the catalogues do not know is shown as a general refusal', () => {
    const said = (l: 'pl' | 'en' | 'uk', code: string) =>
      refusalMessage(messages[l], l, new RuleError(code), 'accounts', 'FALLBACK');
    assert.equal(said('pl', 'organisations.noSuchMessage'), 'FALLBACK');
    assert.equal(said('en', 'lastAdmin'), messages.en.accounts.deletion.lastAdmin);
    assert.equal(said('uk', 'accounts.wrongPassword'), messages.uk.accounts.wrongPassword);
    assert.equal(said('pl', 'organisations.errors.soleOwner'), messages.pl.organisations.errors.soleOwner);
  });
});

describe('deleting an account that still owns an organisation', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('is refused with the organisations module’s reason while other members depend on the owner', async () => {
    const owner = await t.signedIn('resident', { name: 'Właścicielka Fundacji' });
    const created = await owner.post('/organizacje/nowa', {
      name: 'Fundacja Sąsiedzka Zabłocie',
      kind: 'informal_group',
      nip: '',
      regon: '',
      krs: '',
      description: 'Sąsiedzi z Zabłocia.',
      website: '',
      publicEmail: '',
      subarea: '',
    });
    assert.equal(created.statusCode, 303, created.body);
    const orgId = /\/organizacje\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    const member = await t.signedIn('resident', { name: 'Członek Grupy' });
    await t.database.db
      .insert(organisationMembers)
      .values({ id: uuidv7(), organisationId: orgId, userId: member.userId, role: 'member' });

    const res = await owner.post('/konto/usun', { password: TEST_PASSWORD, understand: 'yes' });
    assert.equal(res.statusCode, 422);
    assert.ok(
      res.body.includes(messages.pl.organisations.errors.soleOwner.slice(0, 30)),
      'the reason is shown',
    );
    assert.equal((await owner.get('/konto')).statusCode, 200, 'still signed in, account kept');
  });
});
