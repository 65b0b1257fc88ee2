// The names of spaces in the staff member's language on the back office's screens: the agreements'
// desk options, the resource back office, a rule exception's package and the audit log (page and
// CSV). A language the record has no name in gets the Polish one (marked lang="pl" on pages, plain
// in a <title>, an option or a CSV); a Polish reader sees what they always saw. The resident-facing
// pages are in reader-language.test.ts.
//
// Set-up: the Civic Centre room has a Ukrainian name only (no English one), so English readers fall
// back to Polish there; the B2B room and the event hall have both.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Client, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import type { Locale } from '../../platform/auth/schema.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { bookingsService } from './bookings/index.ts';
import { openDays, seedTestSpaces, testBookingsService, testPeople } from './test-helpers.ts';

const B2B = 'pomieszczenie-b2b';
const CIVIC = 'sala-centrum-obywatelskiego';
const CIVIC_UK = 'Зала для зустрічей Громадського центру';

let t: TestApp;
let svc: ReturnType<typeof bookingsService>;

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
  await t.database.db.execute(
    sql`update space_resource set name_i18n = ${JSON.stringify({ uk: CIVIC_UK })}::jsonb where slug = ${CIVIC}`,
  );
  svc = testBookingsService(t.database.db);
});
after(() => t.close());

/** A signed-in client whose account is in `locale`. */
async function reader(role: 'resident' | 'staff', locale: Locale) {
  const c = await t.signedIn(role);
  await t.database.db.execute(sql`update auth_user set locale = ${locale} where id = ${c.userId}`);
  return c;
}

const days = openDays(12, addDays(todayInWarsaw(testClock.now()), 20));
const slot = (day: string, from = '10:00', to = '11:00') => ({ date: day, from, to });

const DESKS = 'coworking-stanowiska';

describe('the agreements’ desk options name the desk pool in the staff member’s language', () => {
  const options = (html: string) =>
    [...html.matchAll(/<option value="[0-9a-f-]{36}"[^>]*>([^<]*)<\/option>/g)].map((m) => m[1]!);

  test('English and Ukrainian staff; no English name: the Polish one; Polish as before', async () => {
    const applicant = await reader('resident', 'pl');
    const res = await applicant.post('/przestrzenie/umowy/nowa', {
      package: 'stale-stanowisko-miesieczne',
      applicantKind: 'standard',
      organisation: '',
      startsOn: days[10]!,
      message: '',
    });
    assert.equal(res.statusCode, 303, res.body);
    const id = /\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    const review = async (who: Client) => {
      const page = await who.get(`/panel/umowy/${id}`);
      assert.equal(page.statusCode, 200);
      return options(page.body);
    };
    const en = await review(await reader('staff', 'en'));
    assert.ok(en.length > 0, 'free desks are offered');
    assert.ok(
      en.every((o) => o.endsWith(' — Coworking desks')),
      String(en),
    );
    const uk = await review(await reader('staff', 'uk'));
    assert.ok(
      uk.every((o) => o.endsWith(' — Робочі місця в коворкінгу')),
      String(uk),
    );
    const pl = await review(await reader('staff', 'pl'));
    assert.ok(
      pl.every((o) => o.endsWith(' — Stanowiska coworkingowe')),
      String(pl),
    );
    assert.match(pl[0]!, /^Nr 1 /);

    const staff = await reader('staff', 'en');
    await t.database.db.execute(
      sql`update space_resource set name_i18n = ${JSON.stringify({ uk: 'Робочі місця в коворкінгу' })}::jsonb where slug = ${DESKS}`,
    );
    try {
      const fallback = await review(staff);
      assert.ok(
        fallback.every((o) => o.endsWith(' — Stanowiska coworkingowe')),
        String(fallback),
      );
    } finally {
      await t.database.db.execute(
        sql`update space_resource set name_i18n = ${JSON.stringify({ en: 'Coworking desks', uk: 'Робочі місця в коворкінгу' })}::jsonb where slug = ${DESKS}`,
      );
    }
  });
});

/**
 * One staff member for the back office and audit log checks, switched between languages (each
 * sign-in counts towards the sign-in limit of the test client's address).
 */
let backOffice: Awaited<ReturnType<TestApp['signedIn']>> | undefined;
async function staffIn(locale: Locale): Promise<Client> {
  backOffice ??= await t.signedIn('staff');
  await t.database.db.execute(sql`update auth_user set locale = ${locale} where id = ${backOffice.userId}`);
  return backOffice;
}

describe('the resource back office names the resource in the staff member’s language', () => {
  const idOf = async (slug: string) => {
    const [row] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from space_resource where slug = ${slug}`,
    );
    return row!.id;
  };
  const caption = (html: string) =>
    /<h1 class="govuk-heading-l"><span class="govuk-caption-l">([\s\S]*)<\/span>[^<]*<\/h1>/.exec(html)?.[1];
  const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

  test('the list and each resource’s pages in English, Ukrainian and Polish; the edit form keeps the three fields', async () => {
    const b2b = await idOf(B2B);
    const civic = await idOf(CIVIC);
    const en = await staffIn('en');
    const list = await en.get('/panel/przestrzenie');
    assert.equal(list.statusCode, 200);
    assert.ok(
      list.body.includes(`<a class="govuk-link" href="/panel/przestrzenie/${b2b}">B2B meeting room</a>`),
    );
    assert.ok(
      list.body.includes(
        `<a class="govuk-link" href="/panel/przestrzenie/${civic}" lang="pl">Sala spotkań Centrum Obywatelskiego</a>`,
      ),
    );
    assert.ok(!list.body.includes('Pomieszczenie B2B'), 'not the Polish name of the B2B room');
    const hours = await en.get(`/panel/przestrzenie/${b2b}/godziny`);
    assert.equal(hours.statusCode, 200);
    assert.match(title(hours.body)!, /^Opening hours: B2B meeting room – /);
    assert.equal(caption(hours.body), 'B2B meeting room · Room');
    const civicRules = await en.get(`/panel/przestrzenie/${civic}/zasady`);
    assert.match(title(civicRules.body)!, /: Sala spotkań Centrum Obywatelskiego – /);
    assert.equal(
      caption(civicRules.body),
      '<span lang="pl">Sala spotkań Centrum Obywatelskiego</span> · Room',
    );
    for (const part of ['zamkniecia', 'zdjecia']) {
      const page = await en.get(`/panel/przestrzenie/${b2b}/${part}`);
      assert.equal(page.statusCode, 200, part);
      assert.equal(caption(page.body), 'B2B meeting room · Room', part);
    }
    const edit = await en.get(`/panel/przestrzenie/${b2b}`);
    assert.equal(caption(edit.body), 'B2B meeting room · Room');
    assert.match(edit.body, /name="name_pl"[^>]*value="Pomieszczenie B2B"/);
    assert.match(edit.body, /name="name_en"[^>]*value="B2B meeting room"/);

    const uk = await staffIn('uk');
    const ukList = await uk.get('/panel/przestrzenie');
    assert.ok(ukList.body.includes(`href="/panel/przestrzenie/${civic}">${CIVIC_UK}</a>`));
    const ukHours = await uk.get(`/panel/przestrzenie/${civic}/godziny`);
    assert.match(caption(ukHours.body)!, new RegExp(`^${CIVIC_UK} · `));

    // Polish staff: the Polish names, unmarked, as before.
    const pl = await staffIn('pl');
    const plList = await pl.get('/panel/przestrzenie');
    assert.ok(
      plList.body.includes(`<a class="govuk-link" href="/panel/przestrzenie/${b2b}">Pomieszczenie B2B</a>`),
    );
    const plHours = await pl.get(`/panel/przestrzenie/${b2b}/godziny`);
    assert.equal(caption(plHours.body), 'Pomieszczenie B2B · Sala');
    assert.match(title(plHours.body)!, /: Pomieszczenie B2B – /);
  });
});

describe('a rule exception for a package names the package in the staff member’s language', () => {
  test('in the list of exceptions, its edit page and the choice of targets; the Polish fallback marked', async () => {
    const [ids] = await queryRows<{ room: string; pkg: string }>(
      t.database.db,
      sql`select (select id from space_resource where slug = ${B2B}) as room,
                 (select id from space_package where slug = 'karnet-10-dni') as pkg`,
    );
    const { room, pkg } = ids!;
    const override = uuidv7();
    await t.database.db.execute(
      sql`insert into space_rule_override (id, resource_id, package_id, rules)
          values (${override}, ${room}, ${pkg}, ${JSON.stringify({ maxMinutes: 180 })}::jsonb)`,
    );
    const rules = `/panel/przestrzenie/${room}/zasady`;
    const en = await staffIn('en');
    const list = (await en.get(rules)).body;
    assert.ok(list.includes('Package: 10-day pass'), 'the exception in English');
    assert.ok(list.includes('<option value="package:') && list.includes('>Package: 10-day pass</option>'));
    assert.ok(!list.includes('Karnet 10-dniowy'), 'not the Polish name');
    const edit = (await en.get(`${rules}/wyjatki/${override}`)).body;
    assert.match(edit, /<title>[^<]*: Package: 10-day pass/);
    const uk = await staffIn('uk');
    assert.ok((await uk.get(rules)).body.includes('Пакет: Абонемент на 10 днів'));
    // Without an English name: the Polish one, marked where markup can hold it, plain in an option.
    await t.database.db.execute(sql`update space_package set name_i18n = '{}'::jsonb where id = ${pkg}`);
    try {
      const fallback = (await (await staffIn('en')).get(rules)).body;
      assert.ok(fallback.includes('Package: <span lang="pl">Karnet 10-dniowy</span>'), 'marked in the list');
      assert.ok(fallback.includes('>Package: Karnet 10-dniowy</option>'), 'plain in the choice');
      const pl = (await (await staffIn('pl')).get(rules)).body;
      assert.ok(pl.includes('Pakiet: Karnet 10-dniowy') && !pl.includes('lang="pl">Karnet'));
    } finally {
      await t.database.db.execute(
        sql`update space_package set name_i18n = ${JSON.stringify({ en: '10-day pass', uk: 'Абонемент на 10 днів' })}::jsonb where id = ${pkg}`,
      );
      await t.database.db.execute(sql`delete from space_rule_override where id = ${override}`);
    }
  });
});

describe('the audit log names the spaces’ records in the staff member’s language', () => {
  test('resources, packages and bookings in English and Ukrainian, the Polish fallback marked, Polish as before', async () => {
    const [p] = await testPeople(t.database, 1);
    const booking = (await svc.create(as(p!), CIVIC, slot(days[10]!))).ids[0]!;
    const [ids] = await queryRows<{ b2b: string; civic: string; pkg: string }>(
      t.database.db,
      sql`select (select id from space_resource where slug = ${B2B}) as b2b,
                 (select id from space_resource where slug = ${CIVIC}) as civic,
                 (select id from space_package where slug = 'karnet-10-dni') as pkg`,
    );
    const { b2b, civic, pkg } = ids!;
    for (const [type, id] of [
      ['space_resource', b2b],
      ['space_resource', civic],
      ['space_package', pkg],
      ['space_booking', booking],
    ] as const)
      await t.database.db.execute(
        sql`insert into audit_log (id, action, entity_type, entity_id) values (${uuidv7()}, ${`${type}.updated`}, ${type}, ${id})`,
      );
    const log = async (who: Client, id: string) => (await who.get(`/panel/audyt?obiekt=${id}`)).body;

    const en = await staffIn('en');
    assert.ok(
      (await log(en, b2b)).includes(
        `<a class="govuk-link" href="/panel/przestrzenie/${b2b}">B2B meeting room</a>`,
      ),
    );
    assert.ok(
      (await log(en, civic)).includes(
        `<a class="govuk-link" href="/panel/przestrzenie/${civic}" lang="pl">Sala spotkań Centrum Obywatelskiego</a>`,
      ),
    );
    assert.ok(
      (await log(en, pkg)).includes(`<a class="govuk-link" href="/panel/pakiety/${pkg}">10-day pass</a>`),
    );
    assert.ok(
      (await log(en, booking)).includes('<span lang="pl">Sala spotkań Centrum Obywatelskiego</span>'),
    );
    const enCsv = (await en.get(`/panel/audyt.csv?obiekt=${civic}`)).body;
    assert.ok(enCsv.includes(',Sala spotkań Centrum Obywatelskiego,'), enCsv);
    const enPkgCsv = (await en.get(`/panel/audyt.csv?obiekt=${pkg}`)).body;
    assert.ok(enPkgCsv.includes(',10-day pass,'), enPkgCsv);

    const uk = await staffIn('uk');
    assert.ok((await log(uk, civic)).includes(`href="/panel/przestrzenie/${civic}">${CIVIC_UK}</a>`));
    assert.ok((await log(uk, booking)).includes(`<span>${CIVIC_UK}</span>`));
    assert.ok((await uk.get(`/panel/audyt.csv?obiekt=${pkg}`)).body.includes(',Абонемент на 10 днів,'));

    // Polish staff: the Polish names, unmarked, as before.
    const pl = await staffIn('pl');
    assert.ok(
      (await log(pl, b2b)).includes(
        `<a class="govuk-link" href="/panel/przestrzenie/${b2b}">Pomieszczenie B2B</a>`,
      ),
    );
    assert.ok((await log(pl, booking)).includes('<span>Sala spotkań Centrum Obywatelskiego</span>'));
    assert.ok((await pl.get(`/panel/audyt.csv?obiekt=${pkg}`)).body.includes(',Karnet 10-dniowy,'));
  });
});
