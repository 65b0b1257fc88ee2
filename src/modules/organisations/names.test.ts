// Names of organisations as people type them: a search without Polish letters ("krakow") finds
// "Kraków"; registering a name like one already registered warns, links to it and asks once; and a
// sole owner is not offered the leave and step-down buttons that would always fail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { foldName } from '../../platform/fold.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { organisationMembers, organisations } from './schema.ts';
import { orgForm } from './test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const idFrom = (location: string | undefined) => String(location).split('/').pop()!;

async function verifiedOrg(name: string): Promise<string> {
  const owner = await t.signedIn('resident');
  const res = await owner.post('/organizacje/nowa', orgForm({ name, confirmSimilarName: 'on' }));
  assert.equal(res.statusCode, 303, res.body);
  const id = idFrom(res.headers.location);
  const staff = await t.signedIn('staff');
  assert.equal((await staff.post(`/panel/organizacje/${id}/weryfikuj`)).statusCode, 303);
  return id;
}

describe('folding names', () => {
  it('folds Polish letters, ł included, and case', () => {
    assert.equal(foldName('  Łódzka  Fundacja ŻÓŁĆ '), 'lodzka fundacja zolc');
    assert.equal(foldName('KRAKÓW'), 'krakow');
    assert.equal(foldName('Київ'), 'київ');
  });

  it('the stored column folds exactly as the search does', async () => {
    const id = await verifiedOrg('Stowarzyszenie Ślężańskie ŁĄKI Gdańsk');
    const [row] = await t.database.db
      .select({ folded: organisations.nameFolded })
      .from(organisations)
      .where(eq(organisations.id, id));
    assert.equal(row!.folded, foldName('Stowarzyszenie Ślężańskie ŁĄKI Gdańsk'));
  });
});

describe('search', () => {
  it('finds "Kraków" and "Łódź" typed without Polish letters, in any case', async () => {
    await verifiedOrg('Fundacja Kraków Łódź Razem');
    for (const q of ['krakow', 'KRAKOW', 'Kraków', 'lodz razem', 'ŁÓDŹ']) {
      const page = await t.client().get(`/organizacje?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Fundacja Kraków Łódź Razem/, q);
    }
    const api = (await t.client().get('/api/v1/organisations?q=krakow')).json() as {
      items: Array<{ name: string }>;
    };
    assert.ok(api.items.some((i) => i.name === 'Fundacja Kraków Łódź Razem'));
    const none = await t.client().get('/organizacje?q=krakowiak');
    assert.doesNotMatch(none.body, /Fundacja Kraków Łódź Razem/);
  });
});

describe('registering a name like one already registered', () => {
  it('warns with a link to it, and registers once the person confirms theirs is another', async () => {
    const existing = await verifiedOrg('Fundacja Zielone Zabłocie');
    const anna = await t.signedIn('resident');
    const form = orgForm({ name: 'fundacja zielone zablocie' });
    const first = await anna.post('/organizacje/nowa', form);
    assert.equal(first.statusCode, 409);
    assert.match(first.body, /Organizacja o podobnej nazwie jest już zarejestrowana/);
    assert.ok(first.body.includes(`href="/organizacje/${existing}"`), 'links to the existing one');
    assert.match(first.body, /href="#f-confirmSimilarName"/, 'the error summary points at the question');
    assert.match(first.body, /value="fundacja zielone zablocie"/, 'what was typed is kept');
    const count = async () =>
      (await t.database.db.select().from(organisations)).filter(
        (o) => o.nameFolded === 'fundacja zielone zablocie',
      ).length;
    assert.equal(await count(), 1, 'nothing registered yet');

    const confirmed = await anna.post('/organizacje/nowa', { ...form, confirmSimilarName: 'on' });
    assert.equal(confirmed.statusCode, 303, confirmed.body);
    assert.equal(await count(), 2);
  });

  it('a different name registers at once', async () => {
    await verifiedOrg('Fundacja Zielone Zabłocie Bis');
    const piotr = await t.signedIn('resident');
    const res = await piotr.post('/organizacje/nowa', orgForm({ name: 'Klub Seniora Podgórze' }));
    assert.equal(res.statusCode, 303, res.body);
  });

  it('the API answers 409 similarName, and registers with confirmSimilarName: true', async () => {
    await verifiedOrg('Spółdzielnia Socjalna Wesoła');
    const ewa = await t.signedIn('resident');
    const body = {
      name: 'Spoldzielnia socjalna wesola',
      kind: 'informal_group',
      description: 'Opis.',
    };
    const refused = await ewa.json('POST', '/api/v1/organisations', body);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match((refused.json() as { detail: string }).detail, /podobnej nazwie/);
    const made = await ewa.json('POST', '/api/v1/organisations', { ...body, confirmSimilarName: true });
    assert.equal(made.statusCode, 201, made.body);
  });
});

describe('a sole owner', () => {
  it('is not offered leave or step down, and is told to appoint another owner first', async () => {
    const owner = await t.signedIn('resident');
    const res = await owner.post('/organizacje/nowa', orgForm({ name: 'Grupa Jednej Właścicielki' }));
    const id = idFrom(res.headers.location);
    const soleNote = /Jesteś jedynym właścicielem tej organizacji/;

    const page = await owner.get(`/organizacje/${id}`);
    assert.doesNotMatch(page.body, new RegExp(`action="/organizacje/${id}/opusc"`));
    assert.match(page.body, soleNote);
    const members = await owner.get(`/organizacje/${id}/czlonkowie`);
    assert.doesNotMatch(members.body, new RegExp(`action="/organizacje/${id}/opusc"`));
    assert.doesNotMatch(members.body, /Zmień na członka|Nadaj rolę członka/);
    assert.match(members.body, soleNote);

    // With a second owner both are offered again.
    const other = await t.signedIn('resident');
    await t.database.db
      .insert(organisationMembers)
      .values({ id: uuidv7(), organisationId: id, userId: other.userId, role: 'owner' });
    const after = await owner.get(`/organizacje/${id}/czlonkowie`);
    assert.match(after.body, new RegExp(`action="/organizacje/${id}/opusc"`));
    assert.match(after.body, new RegExp(`action="/organizacje/${id}/czlonkowie/${owner.userId}/rola"`));
    assert.doesNotMatch(after.body, soleNote);
  });
});
