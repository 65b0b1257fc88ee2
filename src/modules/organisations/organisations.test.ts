import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { placesService } from '../places/service.ts';
import { organisations } from './schema.ts';
import { organisationsService } from './service.ts';
import { freshNip, orgForm } from './test-helpers.ts';

const idFrom = (location: string | undefined) => {
  const m = /^\/organizacje\/([0-9a-f-]{36})$/.exec(location ?? '');
  assert.ok(m, `redirect to an organisation page, got ${location}`);
  return m[1]!;
};

describe('organisations: registration, verification and the public directory', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const orgCount = async () => {
    const [r] = await t.database.db.select({ n: count() }).from(organisations);
    return Number(r?.n);
  };
  const orgRow = async (id: string) => {
    const [r] = await t.database.db.select().from(organisations).where(eq(organisations.id, id));
    return r!;
  };

  it('registers an organisation with a NIP typed with spaces and dashes; it awaits verification', async () => {
    const owner = await t.signedIn('resident');
    const res = await owner.post(
      '/organizacje/nowa',
      orgForm({
        name: 'Fundacja Nowa Huta Kreatywna',
        nip: 'PL 123-456-32-18',
        website: 'fablab.example.pl',
      }),
    );
    assert.equal(res.statusCode, 303, res.body);
    const id = idFrom(res.headers.location);
    const row = await orgRow(id);
    assert.equal(row.nip, '1234563218');
    assert.equal(row.status, 'pending');
    assert.equal(row.website, 'https://fablab.example.pl/');

    const page = await owner.get(`/organizacje/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /czeka na weryfikację/);
    assert.match(page.body, /Oczekuje na weryfikację/);

    // Not public yet: not on the list, and a 404 for anyone else.
    const list = await t.client().get('/organizacje');
    assert.doesNotMatch(list.body, /Fundacja Nowa Huta Kreatywna/);
    assert.equal((await t.client().get(`/organizacje/${id}`)).statusCode, 404);
    const other = await t.signedIn('resident');
    assert.equal((await other.get(`/organizacje/${id}`)).statusCode, 404);

    const mine = await owner.get('/organizacje/moje');
    assert.match(mine.body, /Fundacja Nowa Huta Kreatywna/);
    assert.match(mine.body, /Właściciel/);
  });

  it('refuses a NIP with a wrong check digit with a clear message and stores nothing', async () => {
    const c = await t.signedIn('resident');
    const before = await orgCount();
    const res = await c.post('/organizacje/nowa', orgForm({ kind: 'company', nip: '123-456-32-19' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /NIP ma 10 cyfr i poprawną cyfrę kontrolną/);
    assert.match(res.body, /href="#f-nip"/, 'the error summary links to the field');
    assert.match(res.body, /value="123-456-32-19"/, 'what was typed is kept');
    assert.equal(await orgCount(), before);

    const regon = await c.post('/organizacje/nowa', orgForm({ regon: '351554354' }));
    assert.equal(regon.statusCode, 422);
    assert.match(regon.body, /REGON ma 9 lub 14 cyfr/);
    assert.equal(await orgCount(), before);
  });

  it('refuses a second live organisation with the same NIP', async () => {
    const nip = freshNip();
    const a = await t.signedIn('resident');
    const first = await a.post(
      '/organizacje/nowa',
      orgForm({ name: 'Spółka Pierwsza', kind: 'company', nip }),
    );
    assert.equal(first.statusCode, 303);
    const before = await orgCount();
    const b = await t.signedIn('resident');
    const spaced = `${nip.slice(0, 3)} ${nip.slice(3, 6)} ${nip.slice(6)}`;
    const second = await b.post(
      '/organizacje/nowa',
      orgForm({ name: 'Spółka Druga', kind: 'company', nip: spaced }),
    );
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Organizacja z tym numerem NIP jest już zarejestrowana/);
    assert.equal(await orgCount(), before);
  });

  it('applies the rules of each kind: informal groups give no numbers, companies need a NIP', async () => {
    const c = await t.signedIn('resident');
    const before = await orgCount();
    const informal = await c.post('/organizacje/nowa', orgForm({ kind: 'informal_group', nip: freshNip() }));
    assert.equal(informal.statusCode, 422);
    assert.match(informal.body, /Grupa nieformalna nie podaje numerów NIP, REGON ani KRS/);
    const company = await c.post('/organizacje/nowa', orgForm({ kind: 'company' }));
    assert.equal(company.statusCode, 422);
    assert.match(company.body, /muszą podać NIP/);
    const krs = await c.post(
      '/organizacje/nowa',
      orgForm({ kind: 'sole_trader', nip: freshNip(), krs: '0000123456' }),
    );
    assert.equal(krs.statusCode, 422);
    assert.match(krs.body, /Numer KRS podają tylko/);
    assert.equal(await orgCount(), before);
    const ok = await c.post(
      '/organizacje/nowa',
      orgForm({ name: 'Sąsiedzi z Podgórza', kind: 'informal_group' }),
    );
    assert.equal(ok.statusCode, 303);
  });

  it('refuses bad input with a 4xx and stores nothing; user text is escaped', async () => {
    const c = await t.signedIn('resident');
    const before = await orgCount();
    const long = await c.post('/organizacje/nowa', orgForm({ name: 'x'.repeat(10_000) }));
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Wpisz najwyżej 200 znaków/);
    const unknown = await c.post('/organizacje/nowa', { ...orgForm(), role: 'admin' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /nieznane pola: role/);
    const empty = await c.post('/organizacje/nowa', {});
    assert.equal(empty.statusCode, 422);
    const http = await c.post('/organizacje/nowa', orgForm({ website: 'http://example.org' }));
    assert.equal(http.statusCode, 422);
    assert.match(http.body, /https:\/\//);
    const noCsrf = await c.post('/organizacje/nowa', orgForm(), { csrf: false });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await orgCount(), before);

    const res = await c.post(
      '/organizacje/nowa',
      orgForm({ name: 'Grupa <b>pogrubiona</b>', description: '<script>alert("x")</script> i "cudzysłów"' }),
    );
    assert.equal(res.statusCode, 303);
    const page = await c.get(res.headers.location!);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /&lt;script>alert/);
    assert.doesNotMatch(page.body, /<b>pogrubiona<\/b>/);
  });

  it('anonymous people are sent to sign in before registering', async () => {
    const res = await t.client().get('/organizacje/nowa');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location ?? '', /^\/logowanie\?next=/);
  });

  it('keeps residents out of the back office', async () => {
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get('/panel/organizacje')).statusCode, 403);
    const anyOrg = await t.database.db.select({ id: organisations.id }).from(organisations).limit(1);
    const res = await resident.post(`/panel/organizacje/${anyOrg[0]!.id}/weryfikuj`);
    assert.equal(res.statusCode, 403);
    assert.equal((await t.client().get('/panel/organizacje')).statusCode, 303);
  });

  it('staff verify an organisation: audit row, e-mail to the owner, badge on the list and the page', async () => {
    const owner = await t.signedIn('resident', {
      email: 'wlascicielka@test.example',
      name: 'Ola Właścicielka',
    });
    const created = await owner.post(
      '/organizacje/nowa',
      orgForm({ name: 'Stowarzyszenie Zielone Zabłocie', kind: 'association' }),
    );
    const id = idFrom(created.headers.location);
    const staff = await t.signedIn('staff');

    const queue = await staff.get('/panel/organizacje');
    assert.equal(queue.statusCode, 200, queue.body);
    const older = queue.body.indexOf('Fundacja Nowa Huta Kreatywna');
    const newer = queue.body.indexOf('Stowarzyszenie Zielone Zabłocie');
    assert.ok(older > 0 && newer > older, 'pending registrations are listed oldest first');
    const pendingOnly = await staff.get('/panel/organizacje?status=pending');
    assert.match(pendingOnly.body, /Stowarzyszenie Zielone Zabłocie/);
    assert.doesNotMatch(
      (await staff.get('/panel/organizacje?status=verified')).body,
      /Stowarzyszenie Zielone Zabłocie/,
    );

    const detail = await staff.get(`/panel/organizacje/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /wlascicielka@test\.example/);

    const verified = await staff.post(`/panel/organizacje/${id}/weryfikuj`);
    assert.equal(verified.statusCode, 303, verified.body);
    assert.equal((await orgRow(id)).status, 'verified');
    assert.equal((await orgRow(id)).verifiedBy, staff.userId);

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'organisation.verify')));
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.actorId, staff.userId);
    assert.equal((audits[0]!.before as { status: string }).status, 'pending');
    assert.equal((audits[0]!.after as { status: string }).status, 'verified');

    await t.app.klaster.worker.tick();
    const mail = readMailDir(t.dataDir).find((m) => m.to.includes('wlascicielka@test.example'));
    assert.ok(mail, 'the owner was e-mailed');
    assert.match(mail.subject, /została zweryfikowana/);
    assert.ok(mail.links.some((l) => l.endsWith(`/organizacje/${id}`)));

    const list = await t.client().get('/organizacje');
    assert.match(list.body, /Stowarzyszenie Zielone Zabłocie/);
    assert.match(list.body, /Zweryfikowana/);
    const page = await t.client().get(`/organizacje/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /govuk-tag--green">Zweryfikowana</);

    // Verifying twice is refused with a message, not a crash.
    const again = await staff.post(`/panel/organizacje/${id}/weryfikuj`);
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /jest już zweryfikowana/);

    // An owner editing the description keeps the badge; changing an identifier sends it back.
    const keep = await owner.post(
      `/organizacje/${id}/edycja`,
      orgForm({ name: 'Stowarzyszenie Zielone Zabłocie', kind: 'association', description: 'Nowy opis.' }),
    );
    assert.equal(keep.statusCode, 303);
    assert.equal((await orgRow(id)).status, 'verified');
    const change = await owner.post(
      `/organizacje/${id}/edycja`,
      orgForm({ name: 'Stowarzyszenie Zielone Zabłocie', kind: 'association', krs: '0000 654 321' }),
    );
    assert.equal(change.statusCode, 303);
    const row = await orgRow(id);
    assert.equal(row.status, 'pending');
    assert.equal(row.krs, '0000654321');
    assert.equal(row.verifiedAt, null);
    assert.ok(row.updatedAt > row.createdAt);
    assert.doesNotMatch((await t.client().get('/organizacje')).body, /Stowarzyszenie Zielone Zabłocie/);
  });

  it('staff reject with a required reason; the owners learn why and can resubmit', async () => {
    const owner = await t.signedIn('resident', { email: 'odrzucona@test.example' });
    const created = await owner.post('/organizacje/nowa', orgForm({ name: 'Fundacja Do Poprawki' }));
    const id = idFrom(created.headers.location);
    const staff = await t.signedIn('staff');

    const noReason = await staff.post(`/panel/organizacje/${id}/odrzuc`, { reason: '   ' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /Podaj powód odrzucenia/);
    assert.equal((await orgRow(id)).status, 'pending');

    const rejected = await staff.post(`/panel/organizacje/${id}/odrzuc`, {
      reason: 'Opis nie mówi, czym zajmuje się fundacja.',
    });
    assert.equal(rejected.statusCode, 303);
    const row = await orgRow(id);
    assert.equal(row.status, 'rejected');
    assert.equal(row.rejectionReason, 'Opis nie mówi, czym zajmuje się fundacja.');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'organisation.reject')));
    assert.equal(audits.length, 1);

    await t.app.klaster.worker.tick();
    const mail = readMailDir(t.dataDir).find((m) => m.to.includes('odrzucona@test.example'));
    assert.ok(mail);
    assert.match(mail.raw, /Opis nie mówi, czym zajmuje się fundacja\./);

    assert.equal((await t.client().get(`/organizacje/${id}`)).statusCode, 404);
    const own = await owner.get(`/organizacje/${id}`);
    assert.match(own.body, /Opis nie mówi, czym zajmuje się fundacja\./);

    // A rejected organisation's NIP is free again, and editing resubmits it.
    const fixed = await owner.post(
      `/organizacje/${id}/edycja`,
      orgForm({ name: 'Fundacja Do Poprawki', description: 'Prowadzimy zajęcia dla seniorów.' }),
    );
    assert.equal(fixed.statusCode, 303);
    assert.equal((await orgRow(id)).status, 'pending');
    assert.equal((await orgRow(id)).rejectionReason, null);
  });

  it('shows messages in the reader’s language', async () => {
    const c = await t.signedIn('resident');
    await c.get('/jezyk/en?next=/');
    const res = await c.post('/organizacje/nowa', orgForm({ kind: 'company', nip: '1234563219' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /A NIP has 10 digits and a valid check digit/);
    await c.get('/jezyk/uk?next=/');
    const uk = await c.post('/organizacje/nowa', orgForm({ kind: 'informal_group', krs: '0000123456' }));
    assert.match(uk.body, /Неформальна група не вказує NIP/);
  });

  it('filters the public list by name and kind, with an empty state', async () => {
    const none = await t.client().get('/organizacje?q=zzzz-nie-ma-takiej');
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /Żadna organizacja nie pasuje/);
    const byKind = await t.client().get('/organizacje?kind=informal_group');
    assert.equal(byKind.statusCode, 200);
    assert.doesNotMatch(byKind.body, /Stowarzyszenie Zielone Zabłocie/);
    assert.equal((await t.client().get('/organizacje?kind=nonsense')).statusCode, 400);
    assert.equal((await t.client().get('/organizacje?cursor=%%%')).statusCode, 400);
    assert.equal((await t.client().get('/organizacje/not-a-uuid')).statusCode, 404);
  });

  it('the service refuses invalid identifiers even when called directly', async () => {
    const svc = organisationsService({
      places: placesService(t.database.db),
      db: t.database.db,
      baseUrl: 'http://localhost:3000',
    });
    const who = await t.signedIn('resident');
    const ctx = as({ id: who.userId, role: 'resident' as const });
    await assert.rejects(
      svc.create(ctx, { name: 'Bez formularza', kind: 'company', nip: '1234563219', description: 'x' }),
      (err: unknown) => err instanceof RuleError && err.code === 'nip' && err.field === 'nip',
    );
    await assert.rejects(
      svc.create(ctx, {
        name: 'Bez formularza',
        kind: 'informal_group',
        regon: '351554353',
        description: 'x',
      }),
      (err: unknown) => err instanceof RuleError && err.code === 'identifiersNotAllowed',
    );
    // Editing is checked the same way: a bad checksum is refused and nothing changes.
    const { id } = await svc.create(ctx, {
      name: 'Grupa z Wesołej',
      kind: 'informal_group',
      description: 'x',
    });
    await assert.rejects(
      svc.update(ctx, id, {
        name: 'Grupa z Wesołej',
        kind: 'association',
        nip: '1234563219',
        description: 'x',
      }),
      (err: unknown) => err instanceof RuleError && err.code === 'nip' && err.field === 'nip',
    );
    await assert.rejects(
      svc.update(ctx, id, {
        name: 'Grupa z Wesołej',
        kind: 'informal_group',
        regon: '351554353',
        description: 'x',
      }),
      (err: unknown) => err instanceof RuleError && err.code === 'identifiersNotAllowed',
    );
    const row = await orgRow(id);
    assert.equal(row?.kind, 'informal_group');
    assert.equal(row?.nip, null);
  });

  it('loads the demo organisations once: three verified ambassadors and one group awaiting verification', async () => {
    await loadDemoData(t.app.klaster);
    await loadDemoData(t.app.klaster);
    const names = [
      'Fundacja Małopolska Izba Samorządowa',
      'Fundacja Faktor Kultura',
      'Stowarzyszenie Fablab Kraków',
    ];
    for (const name of names) {
      const rows = await t.database.db.select().from(organisations).where(eq(organisations.name, name));
      assert.equal(rows.length, 1, name);
      assert.equal(rows[0]!.status, 'verified');
      assert.equal(rows[0]!.nip, null, 'no invented identifiers');
      assert.ok(rows[0]!.subareaId, 'linked to its subarea');
    }
    const list = await t.client().get('/organizacje?q=Fablab');
    assert.match(list.body, /Stowarzyszenie Fablab Kraków/);
    assert.match(list.body, /Zweryfikowana/);
    assert.match(list.body, /Kazimierz-Stradom/);
    const [group] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, 'Sąsiedzi z Zabłocia'));
    assert.equal(group!.status, 'pending');
    assert.equal(group!.kind, 'informal_group');
  });
});
