// The module contract, end to end, with a module the app has never heard of: the noticeboard of
// test/example-module joins the real list through composeModules and buildApp({ modules }) with no
// edit outside its folder, and each part of its manifest shows where a person would see it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { schedulesOf } from '../../src/app.ts';
import { moduleList } from '../../src/modules/index.ts';
import { user } from '../../src/platform/auth/schema.ts';
import { catalogue } from '../../src/platform/i18n/index.ts';
import { enqueueJob } from '../../src/platform/jobs/worker.ts';
import { renderMail } from '../../src/platform/mail/outbox.ts';
import { type AnyModule, composeModules, servicesOf } from '../../src/platform/modules.ts';
import { loadDemoData } from '../../src/seed/demo.ts';
import { exampleModule } from '../example-module/index.ts';
import { noticePolicy } from '../example-module/policy.ts';
import { createTestApp, readMailDir, type TestApp } from '../support/app.ts';

const composed = composeModules([...moduleList, exampleModule]);

describe('a module added from its own folder', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modules: composed });
  });
  after(async () => t.close());

  const board = (lang?: 'pl' | 'en' | 'uk') => {
    const c = t.client();
    if (lang) c.cookies.set('klaster_lang', lang);
    return c.get('/tablica');
  };
  const pin = (authorId: string, text: string) =>
    enqueueJob(t.database, { kind: 'example.pin', payload: { authorId, text }, runAt: t.clock.now() });

  it('answers its page inside the platform layout, in Polish, English and Ukrainian from its own texts', async () => {
    const expected = { pl: 'Tablica ogłoszeń', en: 'Noticeboard', uk: 'Дошка оголошень' } as const;
    for (const lang of ['pl', 'en', 'uk'] as const) {
      const res = await board(lang);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, new RegExp(`<html lang="${lang}"`), lang);
      assert.match(res.body, new RegExp(`<h1[^>]*>${expected[lang]}</h1>`), lang);
      assert.match(res.body, /<nav class="klaster-nav"/, 'the platform’s header and navigation');
    }
    assert.match((await board('en')).body, /There are no notices on the board yet\./);
  });

  const noticeIds = (body: string) =>
    [...body.matchAll(/action="\/tablica\/([^/"]+)\/usun"/g)].map((m) => m[1]!);

  it('pins a signed-in person’s notice through the form on its page', async () => {
    const c = await t.signedIn('resident');
    const page = await c.get('/tablica');
    assert.match(page.body, /<label class="govuk-label" for="f-text">\s*Treść ogłoszenia\s*<\/label>/);
    const res = await c.post('/tablica', { text: 'Oddam krzesło' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/tablica');
    const after = await c.get('/tablica');
    assert.match(after.body, /Przypięliśmy Twoje ogłoszenie\./, 'the flash');
    assert.match(after.body, /<li>Oddam krzesło /, 'shown, with its author’s remove button');
    assert.match((await board()).body, /<li>Oddam krzesło<\/li>/, 'shown to everyone, without one');
    assert.equal(noticeIds((await board()).body).length, 0);
  });

  it('refuses the same notice twice with its own sentence in the reader’s language', async () => {
    const expected = { pl: 'To ogłoszenie już wisi na tablicy', en: 'This notice is already on the board' };
    for (const lang of ['pl', 'en'] as const) {
      const c = await t.signedIn('resident');
      await t.database.db.update(user).set({ locale: lang }).where(eq(user.id, c.userId));
      c.cookies.set('klaster_lang', lang);
      assert.equal((await c.post('/tablica', { text: 'Szukam roweru' })).statusCode, 303);
      const res = await c.post('/tablica', { text: 'Szukam roweru' });
      assert.equal(res.statusCode, 422, lang);
      assert.match(res.body, new RegExp(`<a href="#f-text">${expected[lang]}</a>`), 'in the summary');
      assert.match(res.body, /<input[^>]*id="f-text"[^>]*value="Szukam roweru"/, 'what was typed');
    }
    const empty = await (await t.signedIn('resident')).post('/tablica', { text: '' });
    assert.equal(empty.statusCode, 422, 'the form’s own check');
    assert.match(empty.body, /To pole jest wymagane/);
  });

  it('sends a signed-out person who posts to sign in, as every form of the platform does', async () => {
    const res = await t.client().post('/tablica', { text: 'Anonim' });
    assert.equal(res.statusCode, 401, 'a POST is not redirected (a GET would be, to /logowanie?next=)');
    assert.match(res.body, /href="\/logowanie/);
    assert.doesNotMatch((await board()).body, /Anonim/);
  });

  it('lets the author and staff remove a notice, and no one else', async () => {
    const author = await t.signedIn('resident');
    const other = await t.signedIn('resident');
    const staff = await t.signedIn('staff');
    const idOf = async (text: string) => {
      assert.equal((await author.post('/tablica', { text })).statusCode, 303);
      const ids = noticeIds((await author.get('/tablica')).body);
      return ids[ids.length - 1]!;
    };
    const first = await idOf('Do usunięcia przez autora');
    assert.equal(
      noticeIds((await other.get('/tablica')).body).includes(first),
      false,
      'no button for others',
    );
    assert.equal((await other.post(`/tablica/${first}/usun`)).statusCode, 403);
    const removed = await author.post(`/tablica/${first}/usun`);
    assert.equal(removed.statusCode, 303);
    assert.match((await author.get('/tablica')).body, /Ogłoszenie zostało usunięte z tablicy\./);
    assert.doesNotMatch((await board()).body, /Do usunięcia przez autora/);

    const second = await idOf('Do usunięcia przez obsługę');
    assert.equal((await staff.post(`/tablica/${second}/usun`)).statusCode, 303);
    assert.doesNotMatch((await board()).body, /Do usunięcia przez obsługę/);
  });

  it('answers an :id that is not a notice as the platform does: too long 400, unknown 404', async () => {
    const c = await t.signedIn('resident');
    assert.equal((await c.post(`/tablica/${'x'.repeat(101)}/usun`)).statusCode, 400);
    assert.equal((await c.post('/tablica/00000000-0000-4000-8000-000000000000/usun')).statusCode, 404);
  });

  it('puts its link in the site’s navigation on every page, and in the back office’s for staff', async () => {
    const home = await t.client().get('/');
    assert.match(home.body, /<a[^>]*href="\/tablica"[^>]*>\s*Tablica ogłoszeń\s*</);
    const staff = await t.signedIn('staff');
    const panel = await staff.get('/panel');
    assert.equal(panel.statusCode, 200);
    assert.match(panel.body, /<a[^>]*href="\/panel\/tablica"[^>]*>\s*Tablica \(obsługa\)\s*</);
    const own = await staff.get('/panel/tablica');
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /Tablica ogłoszeń — obsługa/);
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get('/panel/tablica')).statusCode, 403, 'its panel page is for staff');
  });

  it('runs its job through the worker, which queues its mail in the author’s language', async () => {
    const author = await t.signedIn('resident');
    await t.database.db.update(user).set({ locale: 'en' }).where(eq(user.id, author.userId));
    await pin(author.userId, 'Rower do oddania');
    await t.app.klaster.worker.tick();

    assert.match((await board()).body, /<li>Rower do oddania<\/li>/);
    const queued = await t.database.rows<{ template: string; subject: string; status: string }>(
      sql`select template, subject, status from mail_outbox where to_address = ${author.email}
          and template = 'exampleNoticePosted'`,
    );
    assert.deepEqual(queued, [
      { template: 'exampleNoticePosted', subject: 'Your notice is on the board', status: 'pending' },
    ]);
    await t.app.klaster.worker.tick();
    const sent = readMailDir(t.dataDir).filter((m) => m.to.includes(author.email));
    assert.deepEqual(
      sent.map((m) => m.subject),
      ['Your notice is on the board'],
    );
    assert.match(sent[0]!.raw, /http:\/\/localhost:3000\/tablica/);
  });

  it('refuses a job whose payload does not match its schema, and keeps it for a retry', async () => {
    await pin('someone', '');
    await t.app.klaster.worker.tick();
    const [job] = await t.database.rows<{ status: string; attempts: number; last_error: string | null }>(
      sql`select status, attempts, last_error from job where kind = 'example.pin' and payload->>'text' = ''`,
    );
    assert.equal(job?.status, 'pending');
    assert.equal(job?.attempts, 1);
    assert.ok(job?.last_error, 'the refusal is recorded');
    assert.doesNotMatch((await board()).body, /<li><\/li>/, 'nothing was pinned');
  });

  it('schedules its recurring job', () => {
    assert.ok(
      schedulesOf(composed).some(
        (s) => s.name === 'example.tidy' && s.kind === 'example.tidy' && s.intervalSeconds === 3600,
      ),
    );
  });

  it('renders its mail template in each language with the platform’s greeting and signature', () => {
    const mail = renderMail({
      to: 'o.shevchenko@example.org',
      locale: 'uk',
      template: 'exampleNoticePosted',
      args: ['Велосипед', 'http://localhost:3000/tablica'],
    });
    assert.equal(mail.subject, 'Ваше оголошення на дошці');
    assert.match(mail.text, /^Добрий день!/);
    assert.match(mail.text, /Команда Кластера/);
    assert.match(mail.text, /Ми закріпили ваше оголошення: Велосипед/);
    assert.match(mail.text, /Переглянути дошку: http:\/\/localhost:3000\/tablica/);
  });

  it('adds its section to the signed-in person’s data export', async () => {
    const c = await t.signedIn('resident');
    await pin(c.userId, 'Szukam wspólnika');
    await t.app.klaster.worker.tick();
    const res = await c.get('/konto/dane.json');
    assert.equal(res.statusCode, 200);
    const data = res.json() as { modules: Record<string, unknown> };
    assert.deepEqual(data.modules.noticeboard, { notices: ['Szukam wspólnika'] });
  });

  it('loads its demo data with the others, after its dependency, once', async () => {
    assert.equal((await loadDemoData(t.app.klaster)).created, true);
    const [first] = await servicesOf(t.app.klaster.services, 'places').places.zoneOptions();
    assert.ok(first, 'the places demo ran first');
    assert.match((await board()).body, new RegExp(`<li>Witamy w budynku ${first.buildingName}</li>`));
    // Again, as on every start of the demo: the notice is not pinned twice.
    await loadDemoData(t.app.klaster);
    assert.equal((await board()).body.match(/<li>Witamy w budynku /g)?.length, 1);
  });
});

describe('the noticeboard’s policy', () => {
  const resident = { id: 'r1', role: 'resident' } as const;
  const staff = { id: 's1', role: 'staff' } as const;
  const own = { authorId: 'r1' };
  const others = { authorId: 'r2' };
  const cases = [
    [null, 'post', null, 'signInFirst'],
    [resident, 'post', null, null],
    [null, 'remove', own, 'signInFirst'],
    [resident, 'remove', own, null],
    [resident, 'remove', others, 'forbidden'],
    [staff, 'remove', others, null],
  ] as const;
  for (const [actor, action, notice, expected] of cases)
    it(`${actor?.role ?? 'signed out'} ${action} ${notice === own ? 'own' : notice ? 'someone else’s' : ''} → ${expected ?? 'allowed'}`, () => {
      assert.equal(noticePolicy.refusal(actor, action, notice), expected);
      assert.equal(noticePolicy.can(actor, action, notice), expected === null);
    });
});

describe('composeModules refuses a broken list', () => {
  const m = (name: string, dependsOn: string[] = [], extra: Partial<AnyModule> = {}): AnyModule => ({
    name,
    dependsOn,
    services: () => ({}),
    ...extra,
  });

  it('a module listed twice', () => {
    assert.throws(() => composeModules([...moduleList, exampleModule, exampleModule]), {
      message: 'module "example" is listed twice',
    });
  });

  it('a dependency that is not listed', () => {
    assert.throws(() => composeModules([exampleModule]), {
      message: 'module "example" depends on "places", which is not listed',
    });
  });

  it('a cycle', () => {
    assert.throws(() => composeModules([m('a', ['b']), m('b', ['c']), m('c', ['a'])]), {
      message: 'modules depend on each other in a cycle: a → b → c → a',
    });
  });

  it('a message area given twice', () => {
    const area = (word: string) => catalogue({ pl: { word }, en: { word }, uk: { word } });
    assert.throws(
      () =>
        composeModules([
          m('first', [], { messages: { twice: area('a') } }),
          m('second', [], { messages: { twice: area('b') } }),
        ]),
      { message: 'text area "twice" of module "second" is already given by "first"' },
    );
    assert.throws(() => composeModules([m('third', [], { messages: { common: area('c') } })]), {
      message: 'text area "common" of module "third" is already given by "platform"',
    });
  });
});
