import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { subareas } from '../places/schema.ts';
import { organisations } from './schema.ts';

describe('organisations JSON API', () => {
  let t: TestApp;
  const verifiedIds = new Set<string>();
  before(async () => {
    t = await createTestApp();
    // 43 verified organisations (some with the same name, so the cursor needs the id too),
    // plus pending and rejected ones that must never appear.
    const rows = [];
    for (let i = 0; i < 43; i++) {
      const id = uuidv7();
      verifiedIds.add(id);
      rows.push({
        id,
        name: i % 5 === 0 ? 'Koło Studenckie Wspólna Nazwa' : `Organizacja ${String(i).padStart(2, '0')}`,
        kind: i % 2 === 0 ? ('association' as const) : ('foundation' as const),
        description: `Opis ${i}`,
        status: 'verified' as const,
        verifiedAt: new Date(),
      });
    }
    rows.push({
      id: uuidv7(),
      name: 'Organizacja Oczekująca',
      kind: 'foundation' as const,
      description: 'x',
      status: 'pending' as const,
      verifiedAt: null,
    });
    rows.push({
      id: uuidv7(),
      name: 'Organizacja Odrzucona',
      kind: 'foundation' as const,
      description: 'x',
      status: 'rejected' as const,
      verifiedAt: null,
      rejectionReason: 'Brak danych.',
    });
    await t.database.db.insert(organisations).values(rows);
    await t.database.db.insert(subareas).values({
      id: uuidv7(),
      slug: 'kazimierz-stradom',
      name: 'Kazimierz-Stradom',
      description: 'Podobszar.',
    });
  });
  after(async () => t.close());

  const orgCount = async () => Number((await t.database.db.select({ n: count() }).from(organisations))[0]?.n);

  it('lists verified organisations only, each exactly once across cursor pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/organisations?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.client().get(url);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as {
        items: Array<{ id: string; verified: boolean; status: string }>;
        nextCursor: string | null;
      };
      assert.ok(body.items.length <= 7);
      for (const item of body.items) {
        assert.equal(item.verified, true);
        assert.equal(item.status, 'verified');
        seen.push(item.id);
      }
      cursor = body.nextCursor;
      pages += 1;
      assert.ok(pages < 20, 'pagination ends');
    } while (cursor);
    assert.equal(seen.length, verifiedIds.size);
    assert.equal(new Set(seen).size, seen.length, 'no organisation appears twice');
    assert.deepEqual(new Set(seen), verifiedIds);
  });

  it('pages through the public HTML list forwards and back', async () => {
    const names = (html: string) =>
      [
        ...html.matchAll(
          /<h2 class="govuk-heading-m"><a class="govuk-link" href="\/organizacje\/([0-9a-f-]{36})">/g,
        ),
      ].map((m) => m[1]);
    const first = await t.client().get('/organizacje');
    const page1 = names(first.body);
    assert.equal(page1.length, 20);
    assert.doesNotMatch(first.body, /rel="prev"/);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next);
    const second = await t.client().get(next);
    const page2 = names(second.body);
    assert.equal(page2.length, 20);
    assert.equal(page2.filter((id) => page1.includes(id)).length, 0);
    const prev = /href="([^"]+)" rel="prev"/.exec(second.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(prev);
    const back = await t.client().get(prev);
    assert.deepEqual(names(back.body), page1);
    assert.doesNotMatch(back.body, /rel="prev"/);
  });

  it('filters by name and kind, and refuses a malformed cursor or limit', async () => {
    const byName = (await t.client().get('/api/v1/organisations?q=wsp%C3%B3lna&limit=100')).json() as {
      items: unknown[];
    };
    assert.equal(byName.items.length, 9);
    const byKind = (await t.client().get('/api/v1/organisations?kind=association&limit=100')).json() as {
      items: Array<{ kind: string }>;
    };
    assert.ok(byKind.items.length > 0 && byKind.items.every((i) => i.kind === 'association'));
    const wildcard = (await t.client().get('/api/v1/organisations?q=%25')).json() as { items: unknown[] };
    assert.equal(wildcard.items.length, 0, 'a % in the query is a literal character');

    const badCursor = await t.client().get('/api/v1/organisations?cursor=bm90LWEtY3Vyc29y');
    assert.equal(badCursor.statusCode, 400);
    assert.match(badCursor.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal((await t.client().get('/api/v1/organisations?limit=1000')).statusCode, 400);
    assert.equal((await t.client().get('/api/v1/organisations?kind=club')).statusCode, 400);
  });

  it('shows one verified organisation, and 404 for pending or unknown ones', async () => {
    const [first] = verifiedIds;
    const res = await t.client().get(`/api/v1/organisations/${first}`);
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { id: string }).id, first);
    const [pending] = await t.database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.status, 'pending'));
    const hidden = await t.client().get(`/api/v1/organisations/${pending!.id}`);
    assert.equal(hidden.statusCode, 404);
    assert.equal((hidden.json() as { status: number }).status, 404);
    assert.equal((await t.client().get('/api/v1/organisations/nope')).statusCode, 404);
  });

  it('registers an organisation for a signed-in person: 201 with Location', async () => {
    const c = await t.signedIn('resident');
    const res = await c.json('POST', '/api/v1/organisations', {
      name: 'Spółdzielnia Kreatywna Sp. z o.o.',
      kind: 'company',
      nip: 'PL 123-456-32-18',
      regon: '351554353',
      description: 'Warsztaty dla sąsiadów.',
      website: 'https://example.org',
      subarea: 'kazimierz-stradom',
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { id: string; nip: string; status: string; subarea: unknown };
    assert.equal(res.headers.location, `/api/v1/organisations/${body.id}`);
    assert.equal(body.nip, '1234563218');
    assert.equal(body.status, 'pending');
    assert.deepEqual(body.subarea, { slug: 'kazimierz-stradom', name: 'Kazimierz-Stradom' });
    assert.equal((await c.get(res.headers.location as string)).statusCode, 200, 'its owner can read it');
    assert.equal((await t.client().get(res.headers.location as string)).statusCode, 404, 'nobody else yet');

    const dup = await c.json('POST', '/api/v1/organisations', {
      name: 'Inna',
      kind: 'sole_trader',
      nip: '1234563218',
      description: 'x',
    });
    assert.equal(dup.statusCode, 409);
    assert.match(
      (dup.json() as { detail: string }).detail,
      /Organizacja z tym numerem NIP jest już zarejestrowana/,
    );
  });

  it('refuses invalid input with field errors in the reader’s language and stores nothing', async () => {
    const c = await t.signedIn('resident');
    const before = await orgCount();

    await c.get('/jezyk/en?next=/');
    const badNip = await c.json('POST', '/api/v1/organisations', {
      name: 'Firma',
      kind: 'company',
      nip: '1234563219',
      description: 'x',
    });
    assert.equal(badNip.statusCode, 400);
    assert.match(badNip.headers['content-type'] ?? '', /application\/problem\+json/);
    const problem = badNip.json() as { errors: Array<{ field: string; message: string }> };
    assert.deepEqual(
      problem.errors.find((e) => e.field === 'nip')?.message,
      'A NIP has 10 digits and a valid check digit — check for a typo',
    );

    const informal = await c.json('POST', '/api/v1/organisations', {
      name: 'Grupa',
      kind: 'informal_group',
      krs: '0000123456',
      description: 'x',
    });
    assert.equal(informal.statusCode, 400);
    assert.match(informal.body, /An informal group gives no NIP, REGON or KRS/);

    const unknown = await c.json('POST', '/api/v1/organisations', {
      name: 'A',
      kind: 'foundation',
      description: 'x',
      status: 'verified',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /fields we do not recognise: status/);

    const long = await c.json('POST', '/api/v1/organisations', {
      name: 'x'.repeat(10_000),
      kind: 'foundation',
      description: 'x',
    });
    assert.equal(long.statusCode, 400);
    const typed = await c.json('POST', '/api/v1/organisations', {
      name: 42,
      kind: ['foundation'],
      description: null,
    });
    assert.equal(typed.statusCode, 400);
    const subarea = await c.json('POST', '/api/v1/organisations', {
      name: 'A',
      kind: 'foundation',
      description: 'x',
      subarea: 'atlantyda',
    });
    assert.equal(subarea.statusCode, 422);

    const form = await c.request({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=A&kind=foundation&description=x',
    });
    assert.equal(form.statusCode, 415);
    const anonymous = await t
      .client()
      .json('POST', '/api/v1/organisations', { name: 'A', kind: 'foundation', description: 'x' });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(await orgCount(), before);
  });

  it('documents the endpoints in the OpenAPI document under the organisations tag', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    assert.deepEqual(doc.paths['/api/v1/organisations']?.get?.tags, ['organisations']);
    assert.deepEqual(doc.paths['/api/v1/organisations']?.post?.tags, ['organisations']);
    assert.ok(doc.paths['/api/v1/organisations/{id}']?.get);
    assert.equal(doc.paths['/organizacje'], undefined, 'HTML pages are not in the API document');
  });
});
