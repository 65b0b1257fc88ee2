// The account overview, profile, consents and the /api/v1/me endpoint, through the real app.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { user } from '../../platform/auth/schema.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { consents } from './schema.ts';

describe('my account: overview and profile', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const userRow = async (id: string) => (await t.database.db.select().from(user).where(eq(user.id, id)))[0]!;

  it('sends an anonymous visitor to sign in first', async () => {
    const res = await t.client().get('/konto');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/logowanie?next=%2Fkonto');
  });

  it('shows name, e-mail, language, role and the empty phone, with links to every setting', async () => {
    const c = await t.signedIn('resident', { name: 'Zofia Nowak' });
    const res = await c.get('/konto');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1[^>]*>Moje konto<\/h1>/);
    assert.match(res.body, /Zofia Nowak/);
    assert.ok(res.body.includes(c.email));
    assert.match(res.body, /Polski/);
    assert.match(res.body, /Nie podano/);
    assert.match(res.body, /Użytkownik/);
    assert.match(res.body, /Wyłączone/);
    assert.doesNotMatch(res.body, /Jednostka/, 'no staff unit row for a resident');
    for (const href of [
      '/konto/profil',
      '/konto/zgody',
      '/konto/bezpieczenstwo',
      '/konto/dwuetapowe',
      '/konto/dane',
      '/konto/usun',
    ])
      assert.ok(res.body.includes(`href="${href}"`), href);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('tells staff without two-step sign-in to turn it on', async () => {
    const c = await t.signedIn('staff', { twoFactor: false });
    const res = await c.get('/konto');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Pracownik Klastra/);
    assert.doesNotMatch(res.body, /Jednostka|Cały Klaster/, 'no staff unit any more');
    assert.match(res.body, /musisz włączyć logowanie dwuetapowe/);
  });

  it('edits name, phone and language; the new language applies at once', async () => {
    const c = await t.signedIn('resident', { name: 'Jan Kowalski' });
    const form = await c.get('/konto/profil');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Jan Kowalski"/);

    const res = await c.post('/konto/profil', { name: 'Jan Nowak', locale: 'uk', phone: '+48 600 100 200' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/konto');
    const page = await c.get('/konto');
    assert.match(page.body, /<html lang="uk"/);
    assert.match(page.body, /Зміни збережено\./, 'the confirmation is already in the new language');
    assert.match(page.body, /Мій обліковий запис/);
    assert.match(page.body, /Jan Nowak/);
    assert.match(page.body, /\+48 600 100 200/);

    const row = await userRow(c.userId);
    assert.equal(row.locale, 'uk');
    assert.equal(row.phone, '+48 600 100 200');

    // Removing the optional phone.
    const again = await c.post('/konto/profil', { name: 'Jan Nowak', locale: 'en', phone: '' });
    assert.equal(again.statusCode, 303);
    assert.equal((await userRow(c.userId)).phone, null);
    const en = await c.get('/konto');
    assert.match(en.body, /<html lang="en"/);
    assert.match(en.body, /Not given/);
  });

  it('refuses bad input with a message and stores nothing', async () => {
    const c = await t.signedIn('resident', { name: 'Ewa Zielińska' });
    const long = await c.post('/konto/profil', { name: 'x'.repeat(10_000), locale: 'pl', phone: '' });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Wpisz najwyżej 120 znaków/);
    assert.ok(long.body.includes('href="#f-name"'), 'the error links to the field');

    const empty = await c.post('/konto/profil', { name: '   ', locale: 'pl' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /To pole jest wymagane/);

    const unknown = await c.post('/konto/profil', { name: 'Ewa', locale: 'pl', role: 'admin' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /nieznane pola: role/);

    const phone = await c.post('/konto/profil', { name: 'Ewa', locale: 'pl', phone: 'call me maybe' });
    assert.equal(phone.statusCode, 422);
    assert.match(phone.body, /Wpisz numer telefonu/);

    const lang = await c.post('/konto/profil', { name: 'Ewa', locale: 'de' });
    assert.equal(lang.statusCode, 422);
    assert.match(lang.body, /Wybierz jedną z dostępnych opcji/);

    const row = await userRow(c.userId);
    assert.equal(row.name, 'Ewa Zielińska');
    assert.equal(row.role, 'resident');
    assert.equal(row.locale, 'pl');
    assert.equal(row.phone, null);
  });

  it('renders a script typed into the name as text', async () => {
    const c = await t.signedIn('resident');
    const res = await c.post('/konto/profil', { name: '<script>alert(1)</script> Ala', locale: 'pl' });
    assert.equal(res.statusCode, 303);
    const page = await c.get('/konto');
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script> Ala'), 'shown as text');
  });
});

describe('my account: consents', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const rowsOf = (userId: string, kind: 'terms' | 'newsletter') =>
    t.database.db
      .select()
      .from(consents)
      .where(and(eq(consents.userId, userId), eq(consents.kind, kind)))
      .orderBy(asc(consents.decidedAt), asc(consents.id));

  it('shows every consent with no decision yet', async () => {
    const c = await t.signedIn('resident');
    const res = await c.get('/konto/zgody');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.match(/Brak decyzji/g)?.length, 4);
    assert.match(res.body, /Nie ma jeszcze żadnych decyzji/);
  });

  it('records each decision as a new row with its date, and keeps the history', async () => {
    const c = await t.signedIn('resident');
    const grant = await c.post('/konto/zgody', { kind: 'newsletter', decision: 'grant' });
    assert.equal(grant.statusCode, 303);
    assert.equal(grant.headers.location, '/konto/zgody');
    let page = await c.get('/konto/zgody');
    assert.match(page.body, /Zapisano zgodę: Informacje o działaniach Klastra/);

    const withdraw = await c.post('/konto/zgody', { kind: 'newsletter', decision: 'withdraw' });
    assert.equal(withdraw.statusCode, 303);
    const rows = await rowsOf(c.userId, 'newsletter');
    assert.deepEqual(
      rows.map((r) => r.granted),
      [true, false],
    );
    page = await c.get('/konto/zgody');
    assert.match(page.body, /Wycofano zgodę/);
    assert.match(page.body, /Wycofana/);
    assert.ok(page.body.includes(`Decyzja z ${formatDateTime('pl', rows[1]!.decidedAt)}`));
    assert.match(page.body, /Historia decyzji/);
    // Both decisions are in the history table.
    assert.equal(
      page.body.match(/<td class="govuk-table__cell">Informacje o działaniach Klastra<\/td>/g)?.length,
      2,
    );

    // The same decision again adds nothing.
    const same = await c.post('/konto/zgody', { kind: 'newsletter', decision: 'withdraw' });
    assert.equal(same.statusCode, 303);
    assert.equal((await rowsOf(c.userId, 'newsletter')).length, 2);
    assert.match((await c.get('/konto/zgody')).body, /Ta decyzja była już zapisana/);
  });

  it('accepts the terms but will not withdraw them: deleting the account is the way', async () => {
    const c = await t.signedIn('resident');
    assert.equal((await c.post('/konto/zgody', { kind: 'terms', decision: 'grant' })).statusCode, 303);
    const page = await c.get('/konto/zgody');
    assert.match(page.body, /nie można jej wycofać, zachowując konto/);
    assert.ok(page.body.includes('href="/konto/usun"'));

    const res = await c.post('/konto/zgody', { kind: 'terms', decision: 'withdraw' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /usuń konto/);
    const rows = await rowsOf(c.userId, 'terms');
    assert.deepEqual(
      rows.map((r) => r.granted),
      [true],
    );
  });

  it('refuses an unknown consent or decision and stores nothing', async () => {
    const c = await t.signedIn('resident');
    const kind = await c.post('/konto/zgody', { kind: 'marketing', decision: 'grant' });
    assert.equal(kind.statusCode, 422);
    assert.match(kind.body, /Wybierz jedną z dostępnych opcji/);
    const decision = await c.post('/konto/zgody', { kind: 'research', decision: 'maybe' });
    assert.equal(decision.statusCode, 422);
    const rows = await t.database.db.select().from(consents).where(eq(consents.userId, c.userId));
    assert.equal(rows.length, 0);
  });
});

describe('GET /api/v1/me', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('answers who is signed in', async () => {
    const c = await t.signedIn('staff', { name: 'Anna Urzędniczka' });
    const res = await c.json('GET', '/api/v1/me');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.json(), {
      id: c.userId,
      name: 'Anna Urzędniczka',
      email: c.email,
      locale: 'pl',
      role: 'staff',
      twoFactorEnabled: true,
    });
  });

  it('is a 401 problem document for an anonymous caller', async () => {
    const res = await t.client().json('GET', '/api/v1/me');
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json().status, 401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/v1/openapi.json')).json() as {
      paths: Record<string, { get?: { summary?: string; tags?: string[] } }>;
    };
    const op = doc.paths['/api/v1/me']?.get;
    assert.ok(op, 'the path is documented');
    assert.equal(op.summary, 'The signed-in account');
    assert.deepEqual(op.tags, ['accounts']);
  });
});
