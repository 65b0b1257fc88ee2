import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { ForbiddenError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { placesService } from '../places/service.ts';
import { resourcesService, slugify } from './resources.ts';
import { testBookingsService } from './test-helpers.ts';

type Client = Awaited<ReturnType<TestApp['signedIn']>>;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64),
]);

/** Posts a multipart form (a file and text fields) with the client's CSRF token. */
async function postMultipart(
  c: Client,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; filename: string; type: string; content: Buffer },
) {
  const boundary = `----klaster${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const all = { _csrf: await c.csrf(), ...fields };
  for (const [k, v] of Object.entries(all))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return c.request({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const idFrom = (location: unknown) => {
  const m = /\/panel\/przestrzenie\/([0-9a-f-]{36})/.exec(String(location));
  assert.ok(m, `redirect to a resource page, got ${String(location)}`);
  return m[1]!;
};

describe('staff back office for bookable resources', () => {
  let t: TestApp;
  let staff: Client;
  let resident: Client;
  let zoneId: string;
  let packageId: string;
  const q = <T>(query: ReturnType<typeof sql>) => t.database.rows<T>(query);

  const roomForm = (over: Record<string, string> = {}) => ({
    zoneId,
    kind: 'room',
    name_pl: 'Sala Żółta Łąka',
    slug: '',
    description_pl: 'Sala na warsztaty.',
    capacity: '12',
    equipment: 'rzutnik\n\n flipchart ',
    accessibility: 'Winda.',
    layout1Name: 'Teatralny',
    layout1Capacity: '12',
    ...over,
  });

  before(async () => {
    t = await createTestApp();
    const siteId = uuidv7();
    const buildingId = uuidv7();
    zoneId = uuidv7();
    packageId = uuidv7();
    await q(sql`insert into place_site (id, slug, name, address, description)
                values (${siteId}, 'zablocie', 'Zabłocie 20.22', 'ul. Zabłocie 20', '')`);
    await q(sql`insert into place_building (id, site_id, code, name, description)
                values (${buildingId}, ${siteId}, 'B', 'Budynek B', '')`);
    await q(sql`insert into place_zone (id, building_id, slug, kind, name, description)
                values (${zoneId}, ${buildingId}, 'strefa-test', 'coworking', 'Strefa Kreatywna', '')`);
    await q(sql`insert into space_package (id, slug, kind, name, months, fixed_desk, price_grosze)
                values (${packageId}, 'stale', 'monthly_fixed_desk', 'Stałe stanowisko', 1, true, 50000)`);
    staff = await t.signedIn('staff');
    resident = await t.signedIn('resident');
  });
  after(async () => t.close());

  it('makes web addresses from Polish and Ukrainian names', () => {
    assert.equal(slugify('Sala Świętej Łucji — Źródło'), 'sala-swietej-lucji-zrodlo');
    assert.equal(slugify('Зала Київ'), 'zala-kyiv');
    assert.equal(slugify('!!!'), '');
  });

  let roomId: string;
  let poolIdForLocales: string;

  it('creates a room that then appears in the list, with a slug from its name', async () => {
    const res = await staff.post('/panel/przestrzenie/nowy', roomForm());
    assert.equal(res.statusCode, 303, res.body);
    roomId = idFrom(res.headers.location);
    const page = await staff.get(res.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Dodano zasób „Sala Żółta Łąka”/);
    const list = await staff.get('/panel/przestrzenie');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Budynek B: Budynek B/);
    assert.match(list.body, /Strefa Kreatywna/);
    assert.match(list.body, new RegExp(`href="/panel/przestrzenie/${roomId}">Sala Żółta Łąka<`));
    assert.match(list.body, /12 osób/);
    const [row] = await q<{ slug: string; equipment: string[]; layouts: Array<{ name: string }> }>(
      sql`select slug, equipment, layouts from space_resource where id = ${roomId}`,
    );
    assert.equal(row!.slug, 'sala-zolta-laka');
    assert.deepEqual(row!.equipment, ['rzutnik', 'flipchart']);
    assert.equal(row!.layouts[0]!.name, 'Teatralny');
  });

  it('refuses a slug already taken, bad numbers, over-long text and unknown fields, storing nothing', async () => {
    const count = async () =>
      Number((await q<{ n: number }>(sql`select count(*)::int as n from space_resource`))[0]!.n);
    const before = await count();
    const clash = await staff.post('/panel/przestrzenie/nowy', roomForm());
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /Adres „sala-zolta-laka” ma już inny zasób/);
    assert.match(clash.body, /href="#f-slug"/);
    assert.match(clash.body, /value="Sala Żółta Łąka"/, 'what was typed is kept');

    const negative = await staff.post(
      '/panel/przestrzenie/nowy',
      roomForm({ name_pl: 'Inna', capacity: '-5' }),
    );
    assert.equal(negative.statusCode, 422);
    assert.match(negative.body, /Wpisz liczbę całkowitą/);
    assert.match(negative.body, /href="#f-capacity"/);

    const long = await staff.post('/panel/przestrzenie/nowy', roomForm({ name_pl: 'x'.repeat(10_000) }));
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /Wpisz najwyżej 120 znaków/);

    const empty = await staff.post('/panel/przestrzenie/nowy', {});
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /To pole jest wymagane/);

    const unknown = await staff.post('/panel/przestrzenie/nowy', roomForm({ name_pl: 'Inna', price: '1' }));
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /nieznane pola: price/);

    const layout = await staff.post(
      '/panel/przestrzenie/nowy',
      roomForm({ name_pl: 'Mała', capacity: '10', layout1Capacity: '30' }),
    );
    assert.equal(layout.statusCode, 422);
    assert.match(layout.body, /więcej miejsc niż sala \(10\)/);
    assert.match(layout.body, /href="#f-layout1Capacity"/);

    assert.equal(await count(), before);
  });

  it('keeps the name and description in three languages; readers see theirs, else Polish marked lang="pl"', async () => {
    const url = `/panel/przestrzenie/${roomId}`;
    const editForm = (over: Record<string, string> = {}) => {
      const { kind: _kind, ...rest } = roomForm({
        slug: 'sala-zolta-laka',
        layout1Key: 'teatralny',
        ...over,
      });
      return rest;
    };
    // The staff form shows the three languages side by side, in a fieldset.
    const form = await staff.get(url);
    assert.match(form.body, /<legend[^>]*>Nazwa<\/legend>/);
    for (const field of [
      'name_pl',
      'name_en',
      'name_uk',
      'description_pl',
      'description_en',
      'description_uk',
    ])
      assert.match(form.body, new RegExp(`<label class="govuk-label" for="f-${field}">`), field);

    // A validation error keeps every language as typed and saves nothing.
    const missing = await staff.post(
      url,
      editForm({ name_pl: '', name_en: 'Typed English', name_uk: 'Набрано' }),
    );
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /href="#f-name_pl"/);
    assert.match(missing.body, /value="Typed English"/);
    assert.match(missing.body, /value="Набрано"/);
    const tooLong = await staff.post(url, editForm({ name_uk: 'я'.repeat(121) }));
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /href="#f-name_uk"[^>]*>Wpisz najwyżej 120 znaków/);
    const [unchanged] = await q<{ name_i18n: unknown }>(
      sql`select name_i18n from space_resource where id = ${roomId}`,
    );
    assert.deepEqual(unchanged!.name_i18n, {});

    const saved = await staff.post(
      url,
      editForm({ name_en: ' Yellow Meadow Room ', name_uk: '  ', description_en: 'A workshop room.' }),
    );
    assert.equal(saved.statusCode, 303, saved.body);
    const [row] = await q<{ name: string; name_i18n: unknown; description_i18n: unknown }>(
      sql`select name, name_i18n, description_i18n from space_resource where id = ${roomId}`,
    );
    assert.equal(row!.name, 'Sala Żółta Łąka', 'the Polish name stays in its column');
    assert.deepEqual(row!.name_i18n, { en: 'Yellow Meadow Room' }, 'trimmed, the blank Ukrainian dropped');
    assert.deepEqual(row!.description_i18n, { en: 'A workshop room.' });
    assert.match(
      (await staff.get(url)).body,
      /name="name_en" type="text" value="Yellow Meadow Room" lang="en"/,
    );

    // The audit log records the translations before and after.
    const [audited] = await q<{
      before: { nameI18n: unknown };
      after: { nameI18n: unknown; descriptionI18n: unknown };
    }>(
      sql`select before, after from audit_log where action = 'space_resource.updated' and entity_id = ${roomId}
          order by created_at desc, id desc limit 1`,
    );
    assert.deepEqual(audited!.before.nameI18n, {});
    assert.deepEqual(audited!.after.nameI18n, { en: 'Yellow Meadow Room' });
    assert.deepEqual(audited!.after.descriptionI18n, { en: 'A workshop room.' });

    const link = (text: string) => new RegExp(`href="/przestrzenie/sala-zolta-laka">${text}</a>`);
    /** A visitor whose language is `lang` (cookies go with the client's jar). */
    const reader = (lang: string) => {
      const c = t.client();
      c.cookies.set('klaster_lang', lang);
      return c;
    };
    // An English reader sees the English name and description, with no lang of their own.
    assert.match((await reader('en').get('/przestrzenie')).body, link('Yellow Meadow Room'));
    const en = (await reader('en').get('/przestrzenie/sala-zolta-laka')).body;
    assert.match(en, /<title>Yellow Meadow Room/);
    assert.match(en, /<h1[^>]*>(<span class="govuk-caption-l">[^<]*<\/span>)?\s*Yellow Meadow Room<\/h1>/);
    assert.match(en, /<p class="govuk-body-l">A workshop room.<\/p>/);
    // A Ukrainian reader, with no Ukrainian text, sees the Polish one marked as Polish.
    assert.match(
      (await reader('uk').get('/przestrzenie')).body,
      link('<span lang="pl">Sala Żółta Łąka</span>'),
    );
    const uk = (await reader('uk').get('/przestrzenie/sala-zolta-laka')).body;
    assert.match(uk, /<span lang="pl">Sala Żółta Łąka<\/span><\/h1>/);
    assert.match(uk, /<p class="govuk-body-l"><span lang="pl">Sala na warsztaty.<\/span><\/p>/);
    // A Polish page needs no lang on Polish text.
    assert.match((await reader('pl').get('/przestrzenie')).body, link('Sala Żółta Łąka'));
  });

  it('edits hours: close before open and garbage are refused with linked messages, data unchanged', async () => {
    const url = `/panel/przestrzenie/${roomId}/godziny`;
    const form: Record<string, string> = {};
    for (let i = 0; i < 7; i++) {
      form[`open${i}`] = '09:00';
      form[`close${i}`] = '17:00';
    }
    const reversed = await staff.post(url, { ...form, open2: '18:00', close2: '10:00' });
    assert.equal(reversed.statusCode, 422);
    assert.match(reversed.body, /Godzina zamknięcia musi być późniejsza niż godzina otwarcia/);
    assert.match(reversed.body, /href="#f-close2"/);
    assert.match(reversed.body, /value="18:00"/);
    const garbage = await staff.post(url, { ...form, open4: '25:99' });
    assert.equal(garbage.statusCode, 422);
    assert.match(garbage.body, /format GG:MM|formacie GG:MM/);
    const [unchanged] = await q<{ h: Array<{ open: string } | null> }>(
      sql`select opening_hours as h from space_resource where id = ${roomId}`,
    );
    assert.equal(unchanged!.h[0]!.open, '08:00', 'the defaults are still there');

    const ok = await staff.post(url, { ...form, open0: '8:30', closed6: 'on' });
    assert.equal(ok.statusCode, 303);
    const [saved] = await q<{ h: Array<{ open: string; close: string } | null> }>(
      sql`select opening_hours as h from space_resource where id = ${roomId}`,
    );
    assert.deepEqual(saved!.h[0], { open: '08:30', close: '17:00' });
    assert.equal(saved!.h[6], null);
    const page = await staff.get(url);
    assert.match(page.body, /Zapisano godziny otwarcia/);
    assert.match(page.body, /value="08:30"/);
  });

  it('saves booking rules and reads them back; refuses a maximum below the minimum', async () => {
    const url = `/panel/przestrzenie/${roomId}/zasady`;
    const rules = {
      minMinutes: '60',
      maxMinutes: '240',
      stepMinutes: '30',
      minNoticeMinutes: '120',
      horizonDays: '90',
      cancelHours: '48',
      bufferMinutes: '15',
      approval: 'on',
      perPersonWeek: '3',
      perOrganisationWeek: '',
      checkInGraceMinutes: '',
    };
    const res = await staff.post(url, rules);
    assert.equal(res.statusCode, 303, res.body);
    const [row] = await q<{ rules: Record<string, unknown> }>(
      sql`select rules from space_resource where id = ${roomId}`,
    );
    assert.deepEqual(row!.rules, {
      minMinutes: 60,
      maxMinutes: 240,
      stepMinutes: 30,
      minNoticeMinutes: 120,
      horizonDays: 90,
      cancelHours: 48,
      bufferMinutes: 15,
      approval: true,
      perPersonWeek: 3,
      perOrganisationWeek: null,
      checkInGraceMinutes: null,
    });
    const page = await staff.get(url);
    assert.match(page.body, /Zapisano zasady rezerwacji/);
    assert.match(page.body, /name="bufferMinutes" type="text" value="15"/);

    const bad = await staff.post(url, { ...rules, maxMinutes: '30' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Najdłuższa rezerwacja nie może być krótsza niż najkrótsza/);
    const big = await staff.post(url, { ...rules, horizonDays: '9999' });
    assert.equal(big.statusCode, 422);
    assert.match(big.body, /nie większą niż 730/);
    const [still] = await q<{ rules: { maxMinutes: number } }>(
      sql`select rules from space_resource where id = ${roomId}`,
    );
    assert.equal(still!.rules.maxMinutes, 240);
  });

  it('adds, edits and deletes an exception for a package; one per package', async () => {
    const url = `/panel/przestrzenie/${roomId}/zasady/wyjatki`;
    const empty = await staff.post(url, { o_target: `package:${packageId}` });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Wypełnij co najmniej jedno pole wyjątku/);

    const res = await staff.post(url, {
      o_target: `package:${packageId}`,
      o_maxMinutes: '180',
      o_approval: 'no',
      o_perPersonWeekNone: 'on',
    });
    assert.equal(res.statusCode, 303, res.body);
    const [o] = await q<{ id: string; rules: Record<string, unknown> }>(
      sql`select id, rules from space_rule_override where resource_id = ${roomId} and package_id = ${packageId}`,
    );
    assert.deepEqual(o!.rules, { maxMinutes: 180, approval: false, perPersonWeek: null });
    const page = await staff.get(`/panel/przestrzenie/${roomId}/zasady`);
    assert.match(page.body, /Pakiet: Stałe stanowisko/);
    assert.match(page.body, /Najdłuższa rezerwacja \(minuty\): 180/);

    const twice = await staff.post(url, { o_target: `package:${packageId}`, o_minMinutes: '30' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /ma już wyjątek/);

    const over = await staff.post(url, { o_target: 'kind:association', o_minMinutes: '600' });
    assert.equal(over.statusCode, 422, 'a minimum above the resource maximum is refused');
    assert.match(over.body, /href="#f-o_minMinutes"/);
    const unknownKind = await staff.post(url, { o_target: 'kind:pirates', o_minMinutes: '60' });
    assert.equal(unknownKind.statusCode, 422);
    assert.match(unknownKind.body, /Wybierz pakiet lub rodzaj organizacji z listy/);

    const edit = await staff.get(`${url}/${o!.id}`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="180"/);
    const saved = await staff.post(`${url}/${o!.id}`, { target: `package:${packageId}`, maxMinutes: '200' });
    assert.equal(saved.statusCode, 303, saved.body);
    const [edited] = await q<{ rules: Record<string, unknown> }>(
      sql`select rules from space_rule_override where id = ${o!.id}`,
    );
    assert.deepEqual(edited!.rules, { maxMinutes: 200 });

    const kind = await staff.post(url, { o_target: 'kind:foundation', o_perOrganisationWeek: '4' });
    assert.equal(kind.statusCode, 303);

    const del = await staff.post(`${url}/${o!.id}/usun`);
    assert.equal(del.statusCode, 303);
    const left = await q(sql`select 1 from space_rule_override where id = ${o!.id}`);
    assert.equal(left.length, 0);
  });

  it('adds and deletes a closure; lists public holidays; refuses a reversed range', async () => {
    const url = `/panel/przestrzenie/${roomId}/zamkniecia`;
    const from = addDays(todayInWarsaw(testClock.now()), 10);
    const to = addDays(from, 2);
    const reversed = await staff.post(url, { from: to, to: from, reason: 'Remont', scope: 'this' });
    assert.equal(reversed.statusCode, 422);
    assert.match(reversed.body, /nie może być wcześniejsza niż początkowa/);
    const garbage = await staff.post(url, { from: 'jutro', to, reason: 'Remont', scope: 'this' });
    assert.equal(garbage.statusCode, 422);
    assert.match(garbage.body, /RRRR-MM-DD/);

    const res = await staff.post(url, { from, to, reason: 'Malowanie ścian', scope: 'this' });
    assert.equal(res.statusCode, 303, res.body);
    const all = await staff.post(url, { from: to, to, reason: 'Dzień Klastra', scope: 'all' });
    assert.equal(all.statusCode, 303);
    const page = await staff.get(url);
    assert.match(page.body, /Malowanie ścian/);
    assert.match(page.body, /Dzień Klastra/);
    assert.match(page.body, /Boże Narodzenie/, 'the holidays of the next 12 months are listed');

    // The booking calendar sees them: this room's own, and the one for every resource.
    const bookings = testBookingsService(t.database.db);
    assert.deepEqual(await bookings.closures(roomId, from, from), [{ from, to, reason: 'Malowanie ścian' }]);
    assert.equal((await bookings.closures(roomId, to, to)).length, 2);

    const [c] = await q<{ id: string }>(sql`select id from space_closure where reason = 'Malowanie ścian'`);
    const del = await staff.post(`${url}/${c!.id}/usun`);
    assert.equal(del.statusCode, 303);
    assert.doesNotMatch((await staff.get(url)).body, /Malowanie ścian/);
  });

  it('changes a desk pool: adds desks after the last, refuses removing a fixed desk', async () => {
    const res = await staff.post('/panel/przestrzenie/nowy', {
      zoneId,
      kind: 'desk',
      name_pl: 'Biurka',
      capacity: '3',
      description_pl: '',
    });
    assert.equal(res.statusCode, 303, res.body);
    const poolId = idFrom(res.headers.location);
    const desks = async () =>
      (
        await q<{ number: number }>(
          sql`select number from space_desk where resource_id = ${poolId} order by number`,
        )
      ).map((d) => Number(d.number));
    assert.deepEqual(await desks(), [1, 2, 3]);

    const [desk3] = await q<{ id: string }>(
      sql`select id from space_desk where resource_id = ${poolId} and number = 3`,
    );
    const today = todayInWarsaw(testClock.now());
    await q(sql`insert into space_agreement (id, number, user_id, applicant_kind, package_id, status,
                  starts_on, ends_on, price_grosze, desk_id, concluded_at)
                values (${uuidv7()}, 'UDS/2026/0001', ${resident.userId}, 'standard', ${packageId}, 'accepted',
                  ${today}, ${addDays(today, 30)}, 50000, ${desk3!.id}, now())`);

    const edit = (capacity: string) =>
      staff.post(`/panel/przestrzenie/${poolId}`, { zoneId, name_pl: 'Biurka', slug: 'biurka', capacity });
    assert.equal((await edit('5')).statusCode, 303);
    assert.deepEqual(await desks(), [1, 2, 3, 4, 5]);
    assert.equal((await edit('4')).statusCode, 303);
    assert.deepEqual(await desks(), [1, 2, 3, 4]);

    const refused = await edit('2');
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Nie można usunąć stanowisk 3/);
    assert.match(refused.body, /UDS\/2026\/0001/);
    assert.deepEqual(await desks(), [1, 2, 3, 4]);
    const [cap] = await q<{ capacity: number }>(
      sql`select capacity from space_resource where id = ${poolId}`,
    );
    assert.equal(Number(cap!.capacity), 4);
    const [day] = await q<{ capacity: number }>(
      sql`select capacity from space_desk_day where resource_id = ${poolId} and day = ${today}::date`,
    );
    assert.equal(Number(day!.capacity), 3, 'four desks, one of them fixed: three free for day bookings');
    poolIdForLocales = poolId;

    const page = await staff.get(`/panel/przestrzenie/${poolId}/stanowiska`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /UDS\/2026\/0001/);
    const labelled = await staff.post(`/panel/przestrzenie/${poolId}/stanowiska`, {
      desk1: 'przy oknie',
      desk2: '',
      desk3: '',
      desk4: '',
    });
    assert.equal(labelled.statusCode, 303);
    assert.match((await staff.get(`/panel/przestrzenie/${poolId}/stanowiska`)).body, /value="przy oknie"/);
    const rooms = await staff.get(`/panel/przestrzenie/${roomId}/stanowiska`);
    assert.equal(rooms.statusCode, 404, 'a room has no desks page');
  });

  it('accepts a PNG photo with alt text, serves it, and refuses a text file renamed .png', async () => {
    const url = `/panel/przestrzenie/${roomId}/zdjecia`;
    const noAlt = await postMultipart(
      staff,
      url,
      { alt: '' },
      {
        name: 'photo',
        filename: 'sala.png',
        type: 'image/png',
        content: PNG,
      },
    );
    assert.equal(noAlt.statusCode, 422);
    assert.match(noAlt.body, /href="#f-alt"/);

    const ok = await postMultipart(
      staff,
      url,
      { alt: 'Sala z krzesłami w rzędach' },
      {
        name: 'photo',
        filename: 'sala.png',
        type: 'image/png',
        content: PNG,
      },
    );
    assert.equal(ok.statusCode, 303, ok.body);
    const [row] = await q<{ photos: Array<{ path: string; alt: string }> }>(
      sql`select photos from space_resource where id = ${roomId}`,
    );
    assert.equal(row!.photos.length, 1);
    assert.equal(row!.photos[0]!.alt, 'Sala z krzesłami w rzędach');
    const served = await t.client().get(row!.photos[0]!.path);
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.ok(served.rawPayload.equals(PNG));
    const page = await staff.get(url);
    assert.match(page.body, /Sala z krzesłami w rzędach/);
    // The public page of the room shows it with its alt text.
    const [room] = await q<{ slug: string; active: boolean }>(
      sql`select slug, active from space_resource where id = ${roomId}`,
    );
    assert.equal(room!.active, true);
    const publicPage = await t.client().get(`/przestrzenie/${room!.slug}`);
    assert.equal(publicPage.statusCode, 200);
    assert.match(publicPage.body, /<img src="\/pliki\/przestrzenie\/[^"]+" alt="Sala z krzesłami w rzędach"/);

    const fake = await postMultipart(
      staff,
      url,
      { alt: 'Nie zdjęcie' },
      {
        name: 'photo',
        filename: 'zdjecie.png',
        type: 'image/png',
        content: Buffer.from('<html><script>alert(1)</script></html>'),
      },
    );
    assert.equal(fake.statusCode, 415);
    assert.match(fake.body, /PNG, JPEG lub WebP/);
    const [still] = await q<{ photos: unknown[] }>(
      sql`select photos from space_resource where id = ${roomId}`,
    );
    assert.equal(still!.photos.length, 1);

    const name = row!.photos[0]!.path.split('/').pop()!;
    const del = await staff.post(`${url}/${name}/usun`);
    assert.equal(del.statusCode, 303);
    assert.equal((await t.client().get(row!.photos[0]!.path)).statusCode, 404);
  });

  it('deactivates a resource, keeping its future bookings and listing them as a warning', async () => {
    const starts = new Date(testClock.now().getTime() + 3 * 86_400_000);
    const ends = new Date(starts.getTime() + 3_600_000);
    await q(sql`insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, title)
                values (${uuidv7()}, ${roomId}, 'slot', ${resident.userId}, ${starts.toISOString()}::timestamptz,
                  ${ends.toISOString()}::timestamptz, ${ends.toISOString()}::timestamptz, 'confirmed', 'Spotkanie rady')`);
    const res = await staff.post(`/panel/przestrzenie/${roomId}/aktywnosc`, { active: 'no' });
    assert.equal(res.statusCode, 303);
    const page = await staff.get(`/panel/przestrzenie/${roomId}`);
    assert.match(page.body, /Wyłączono rezerwacje zasobu/);
    assert.match(page.body, /Zasób ma 1 przyszłą rezerwację/);
    assert.match(page.body, /Spotkanie rady/);
    const [b] = await q<{ status: string }>(
      sql`select status from space_booking where resource_id = ${roomId}`,
    );
    assert.equal(b!.status, 'confirmed');
    const list = await staff.get('/panel/przestrzenie');
    assert.match(list.body, /Nieaktywny/);
    assert.equal(
      (await staff.post(`/panel/przestrzenie/${roomId}/aktywnosc`, { active: 'yes' })).statusCode,
      303,
    );
  });

  it('answers 404 for an unknown resource and 403 to residents', async () => {
    assert.equal((await staff.get(`/panel/przestrzenie/${uuidv7()}`)).statusCode, 404);
    assert.equal((await staff.get('/panel/przestrzenie/nie-ma-takiego/godziny')).statusCode, 404);
    assert.equal((await resident.get('/panel/przestrzenie')).statusCode, 403);
    assert.equal((await resident.get(`/panel/przestrzenie/${roomId}`)).statusCode, 403);
    const post = await resident.post('/panel/przestrzenie/nowy', roomForm({ name_pl: 'Włam' }));
    assert.equal(post.statusCode, 403);
    const none = await q(sql`select 1 from space_resource where name = 'Włam'`);
    assert.equal(none.length, 0);
  });

  it('writes an audit row for every change, with the staff member as actor', async () => {
    const rows = await q<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_log where entity_type like 'space_%'`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'space_resource.created',
      'space_resource.updated',
      'space_resource.hours_changed',
      'space_resource.rules_changed',
      'space_rule_override.created',
      'space_rule_override.updated',
      'space_rule_override.deleted',
      'space_closure.created',
      'space_closure.deleted',
      'space_desk.labels_changed',
      'space_resource.photo_added',
      'space_resource.photo_deleted',
      'space_resource.deactivated',
      'space_resource.activated',
    ])
      assert.ok(actions.has(a), `audited: ${a}`);
    assert.ok(rows.every((r) => r.actor_id === staff.userId));
  });

  it('renders every page in English and Ukrainian', async () => {
    const pages = [
      '/panel/przestrzenie',
      '/panel/przestrzenie/nowy',
      `/panel/przestrzenie/${roomId}`,
      `/panel/przestrzenie/${roomId}/godziny`,
      `/panel/przestrzenie/${roomId}/zasady`,
      `/panel/przestrzenie/${roomId}/zamkniecia`,
      `/panel/przestrzenie/${roomId}/zdjecia`,
      `/panel/przestrzenie/${poolIdForLocales}/stanowiska`,
    ];
    for (const [lang, word] of [
      [
        'en',
        /Bookable spaces|Opening hours|Booking rules|Closures and holidays|Photos|Desks|New resource|Description and capacity/,
      ],
      [
        'uk',
        /Простори для бронювання|Години роботи|Правила бронювання|Закриття і свята|Фотографії|Робочі місця|Новий ресурс|Опис і місткість/,
      ],
    ] as const) {
      staff.cookies.set('klaster_lang', lang);
      for (const url of pages) {
        const res = await staff.get(url);
        assert.equal(res.statusCode, 200, `${lang} ${url}`);
        assert.match(res.body, word, `${lang} ${url}`);
        assert.equal((res.body.match(/<h1/g) ?? []).length, 1, `one h1 on ${url}`);
      }
    }
    staff.cookies.delete('klaster_lang');
  });

  it('acts in the request context: staff only, its request id in the audit row, its instant saved', async () => {
    const svc = resourcesService({ db: t.database.db, places: placesService(t.database.db) });
    await assert.rejects(
      svc.list(as({ id: resident.userId, role: 'resident' as const })),
      (err: unknown) => err instanceof ForbiddenError && err.message === 'forbidden',
    );
    const ctx = as({ id: staff.userId, role: 'staff' as const });
    const room = await svc.get(ctx, roomId);
    await svc.saveHours(ctx, roomId, room.openingHours);
    const audited = await q<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_log where request_id = ${ctx.requestId}`,
    );
    assert.deepEqual(audited, [{ action: 'space_resource.hours_changed', actor_id: staff.userId }]);
    assert.equal((await svc.get(ctx, roomId)).updatedAt.getTime(), ctx.now.getTime());
  });
});
