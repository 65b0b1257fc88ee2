// Assisted service and the event-space request over HTTP and through the service: an officer finds
// or creates a person (also without e-mail) and books for them — the person's rules apply, the audit
// names both, the person is mailed and sees "made by staff member" — refused to residents and to
// staff without the second factor; the event request's setup/teardown, needs and house rules, the
// extended blocked range the database guards, and tentative holds that lapse.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, readMailDir, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { addDays, todayInWarsaw, warsawInstant } from '../../platform/time/warsaw.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { giveAgreement, openDays, seedTestSpaces, testBookingsService, testPeople } from './test-helpers.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp();
  await seedTestSpaces(t.database);
});
after(() => t.close());

const SERVE = '/panel/obsluga';
const EVENT = 'zablocie-space-sala-wydarzen';
const mails = async () => {
  await t.app.klaster.worker.tick();
  return readMailDir(t.dataDir);
};
const personLocation = (location: string | undefined) => {
  const m = /^\/panel\/obsluga\/([^/]+)$/.exec(location ?? '');
  assert.ok(m, `redirect to the person's page, got ${location}`);
  return m[1]!;
};
const auditRows = (entityId: string) =>
  queryRows<{ action: string; actorId: string; onBehalfOf: string | null }>(
    t.database.db,
    sql`select action, actor_id as "actorId", on_behalf_of as "onBehalfOf" from audit_log
        where entity_id = ${entityId} order by created_at`,
  );

describe('assisted service', () => {
  it('creates a person without e-mail: no mail, cannot sign in, found by phone, audited', async () => {
    const officer = await t.signedIn('staff', { name: 'Urzędniczka Ewa' });
    const before = (await mails()).length;
    const form = await officer.get(`${SERVE}/nowa-osoba`);
    assert.equal(form.statusCode, 200);
    const res = await officer.post(`${SERVE}/nowa-osoba`, {
      name: 'Helena Kowalska',
      email: '',
      phone: '12 345 67 89',
      locale: 'pl',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const id = personLocation(res.headers.location as string);
    const page = await officer.get(`${SERVE}/${id}`);
    assert.match(page.body, /Helena Kowalska/);
    assert.match(page.body, /nie może się logować/);
    assert.equal((await mails()).length, before, 'no mail for a person without an address');
    const found = await officer.get(`${SERVE}?q=${encodeURIComponent('345 67')}`);
    assert.match(found.body, new RegExp(`href="${SERVE}/${id}"`));
    assert.match(found.body, /bez adresu e-mail/);
    assert.deepEqual(
      (await auditRows(id)).map((r) => [r.action, r.actorId, r.onBehalfOf]),
      [['user.created_for', officer.userId, id]],
    );
    // Nobody can sign in to it: there is no address to type and no password.
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from auth_account where user_id = ${id}`,
    );
    assert.equal(row?.n, 0);
    // A name is still required; a taken address is refused with a way forward.
    const bad = await officer.post(`${SERVE}/nowa-osoba`, { name: '', email: '', phone: '', locale: 'pl' });
    assert.equal(bad.statusCode, 422);
    const taken = await officer.post(`${SERVE}/nowa-osoba`, {
      name: 'Ktoś',
      email: officer.email,
      phone: '',
      locale: 'pl',
    });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /wyszukaj osobę po adresie e-mail/);
  });

  it('refuses a name holding half a surrogate pair (sent as JSON) with 400, and creates nobody', async () => {
    // The fuzz test found this: "\ud800" in a JSON body reached jsonb in the audit log, a 500.
    const officer = await t.signedIn('staff');
    const email = `polowa-znaku-${uuidv7()}@example.test`;
    for (const name of ['\ud800', 'Anna \udc00Nowak', 'a\u0000b']) {
      const res = await officer.json('POST', `${SERVE}/nowa-osoba`, {
        _csrf: await officer.csrf(),
        name,
        email,
        phone: '+48 600 100 200',
        locale: 'pl',
      });
      assert.equal(res.statusCode, 400, `${JSON.stringify(name)}: ${res.body.slice(0, 200)}`);
      assert.match(res.body, /Niczego nie zapisano/);
    }
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from auth_user where email = ${email}`,
    );
    assert.equal(row?.n, 0);
    // A whole pair (an emoji) is a character like any other.
    const ok = await officer.post(`${SERVE}/nowa-osoba`, {
      name: 'Anna 🌻 Nowak',
      email,
      phone: '',
      locale: 'pl',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  });

  it('a person created with an e-mail is invited to set a password and can then sign in', async () => {
    const officer = await t.signedIn('staff');
    const email = `zaproszona-${uuidv7()}@example.test`;
    const res = await officer.post(`${SERVE}/nowa-osoba`, {
      name: 'Zofia Nowak',
      email,
      phone: '',
      locale: 'en',
    });
    assert.equal(res.statusCode, 303);
    const invitation = (await mails()).find((m) => m.to.includes(email));
    assert.ok(invitation, 'invitation sent');
    assert.match(invitation.subject, /set a password/);
    const link = invitation.links.find((l) => l.includes('/nowe-haslo?token='));
    assert.ok(link);
    const token = new URL(link).searchParams.get('token')!;
    const person = t.client();
    const set = await person.post('/nowe-haslo', { token, password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    assert.equal(set.statusCode, 303, set.body.slice(0, 200));
    const signIn = await person.post('/logowanie', { email, password: TEST_PASSWORD });
    assert.equal(signIn.statusCode, 303);
    // They never saw the sign-up form: the terms of service come first, then their page.
    const first = await person.get('/konto');
    assert.equal(first.statusCode, 303);
    assert.match(first.headers.location ?? '', /^\/regulamin\/akceptacja\?next=%2Fkonto/);
    const form = await person.get(first.headers.location!);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1];
    assert.ok(version, 'the acceptance form names the version');
    const accepted = await person.post('/regulamin/akceptacja', { version, accept: 'yes', next: '/konto' });
    assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 300));
    assert.equal((await person.get('/konto')).statusCode, 200);
  });

  it('books for the person with the person’s rules; audit names both; the person is mailed and sees who made it', async () => {
    const officer = await t.signedIn('staff', { name: 'Urzędnik Marek' });
    const person = await t.signedIn('resident', { name: 'Jan Senior' });
    // The officer holds a desk agreement, the person not: the person's agreements decide.
    await giveAgreement(t.database, officer.userId);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 3));
    const desk = `${SERVE}/${person.userId}/rezerwacja/coworking-stanowiska`;
    const refused = await officer.post(desk, { date: day! });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Działasz w imieniu osoby: Jan Senior/);
    await giveAgreement(t.database, person.userId);
    const ok = await officer.post(desk, { date: day! });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const [b] = await queryRows<{ id: string; userId: string; actedBy: string }>(
      t.database.db,
      sql`select id, user_id as "userId", acted_by as "actedBy" from space_booking
          where user_id = ${person.userId} and status = 'confirmed'`,
    );
    assert.equal(b?.userId, person.userId);
    assert.equal(b?.actedBy, officer.userId);
    assert.deepEqual(
      (await auditRows(b!.id)).map((r) => [r.action, r.actorId, r.onBehalfOf]),
      [['space_booking.created_for', officer.userId, person.userId]],
    );
    assert.ok((await mails()).some((m) => m.to.includes(person.email) && /Rezerwacja/.test(m.subject)));
    assert.equal((await mails()).filter((m) => m.to.includes(officer.email)).length, 0, 'not to the officer');
    const mine = await person.get('/przestrzenie/moje');
    assert.match(mine.body, /Wykonane przez pracownika: Urzędnik Marek/);
    const own = await person.get(`/przestrzenie/rezerwacje/${b!.id}`);
    assert.match(own.body, /Wykonane przez pracownika/);
    const served = await officer.get(`${SERVE}/${person.userId}`);
    assert.match(served.body, /Wykonane przez pracownika: Urzędnik Marek/);
    // The audit log names both: the officer as the one who acted, the person acted for.
    const log = await officer.get(`/panel/audyt?obiekt=${b!.id}`);
    assert.match(log.body, /Urzędnik Marek/);
    assert.match(
      log.body,
      new RegExp(
        `w imieniu osoby <a class="govuk-link" href="/panel/uzytkownicy/${person.userId}">Jan Senior</a>`,
      ),
    );
    const csv = await officer.get(`/panel/audyt.csv?obiekt=${b!.id}`);
    const [header, row] = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.ok(header?.includes('W imieniu osoby'), header);
    assert.ok(row?.includes('Jan Senior') && row.includes(person.userId), row);
  });

  it('applies for a desk-use agreement for the person: the person’s organisations decide, both are recorded', async () => {
    const officer = await t.signedIn('staff', { name: 'Urzędniczka Anna' });
    const person = await t.signedIn('resident', { name: 'Maria Senior' });
    const path = `${SERVE}/${person.userId}/umowa`;
    const form = await officer.get(path);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Działasz w imieniu osoby: Maria Senior/);
    const startsOn = todayInWarsaw(testClock.now());
    // The NGO price needs the person's verified NGO: she has none.
    const ngo = await officer.post(path, { package: 'hot-desk-miesieczny', applicantKind: 'ngo', startsOn });
    assert.equal(ngo.statusCode, 422);
    const ok = await officer.post(path, {
      package: 'hot-desk-miesieczny',
      applicantKind: 'standard',
      startsOn,
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const [a] = await queryRows<{ id: string; actedBy: string }>(
      t.database.db,
      sql`select id, acted_by as "actedBy" from space_agreement where user_id = ${person.userId}`,
    );
    assert.equal(a?.actedBy, officer.userId);
    assert.deepEqual(
      (await auditRows(a!.id)).map((r) => [r.action, r.actorId, r.onBehalfOf]),
      [['space_agreement.applied_for', officer.userId, person.userId]],
    );
    assert.ok((await mails()).some((m) => m.to.includes(person.email)));
    const mine = await person.get('/przestrzenie/umowy');
    assert.match(mine.body, /Wykonane przez pracownika: Urzędniczka Anna/);
  });

  it('is refused to residents and to staff whose session has not passed the second factor', async () => {
    const person = await t.signedIn('resident');
    for (const client of [person, await t.signedIn('staff', { twoFactor: false })]) {
      assert.notEqual((await client.get(SERVE)).statusCode, 200);
      const res = await client.post(`${SERVE}/${person.userId}/rezerwacja/pomieszczenie-b2b`, {
        date: openDays(1)[0]!,
        from: '10:00',
        to: '11:00',
      });
      assert.notEqual(res.statusCode, 303);
      const made = await client.post(`${SERVE}/nowa-osoba`, {
        name: 'X Y',
        email: '',
        phone: '',
        locale: 'pl',
      });
      assert.notEqual(made.statusCode, 303);
    }
    const [n] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from space_booking where user_id = ${person.userId}`,
    );
    assert.equal(n?.n, 0);
  });

  it('the service refuses an officer who is not staff, and refuses booking "for" oneself', async () => {
    const svc = testBookingsService(t.database.db, 'http://test');
    const [a, b] = await testPeople(t.database, 2);
    const [day] = openDays(1);
    const input = { date: day!, from: '10:00', to: '11:00' };
    await assert.rejects(svc.create(as(b!), 'pomieszczenie-b2b', input, a!), { status: 403 });
    const [staff] = await testPeople(t.database, 1, 'staff');
    await assert.rejects(svc.create(as(staff!), 'pomieszczenie-b2b', input, staff!), {
      status: 403,
    });
  });
});

describe('the event-space request', () => {
  const svc = () => testBookingsService(t.database.db, 'http://test');
  const base = (date: string) => ({
    date,
    from: '10:00',
    to: '12:00',
    title: 'Warsztaty',
    attendees: '30',
    setupMinutes: '30',
    teardownMinutes: '15',
    houseRules: 'yes',
  });

  it('validates setup and teardown and requires the house rules, with clear messages', async () => {
    const c = await t.signedIn('resident');
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 10));
    const form = await c.get(`/przestrzenie/${EVENT}/rezerwacja`);
    assert.match(form.body, /href="\/przestrzenie\/regulamin-wydarzen"/);
    const rules = await t.client().get('/przestrzenie/regulamin-wydarzen', { cookie: 'klaster_lang=uk' });
    assert.equal(rules.statusCode, 200);
    assert.match(rules.body, /Правила простору для заходів/);
    for (const [change, message] of [
      [{ setupMinutes: '20' }, /w odcinkach po 15 minut/],
      [{ teardownMinutes: '300' }, /od 0 do 240/],
      [{ houseRules: undefined }, /Zaakceptuj regulamin/],
      [{ from: '08:00', to: '10:00', setupMinutes: '30' }, /w godzinach otwarcia \(08:00–20:00\)/],
    ] as const) {
      const body: Record<string, string | undefined> = { ...base(day!), ...change };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      const res = await c.post(`/przestrzenie/${EVENT}/rezerwacja`, body as Record<string, string>);
      assert.equal(res.statusCode, 422, JSON.stringify(change));
      assert.match(res.body, message);
    }
    const ok = await c.post(`/przestrzenie/${EVENT}/rezerwacja`, {
      ...base(day!),
      technicalNeeds: 'Rzutnik i dwa mikrofony',
      cateringNeeds: 'Kawa dla 30 osób',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const page = await c.get(ok.headers.location as string);
    assert.match(page.body, /30 min przed, 15 min po wydarzeniu/);
    assert.match(page.body, /09:30–12:15/);
    assert.match(page.body, /Rzutnik i dwa mikrofony/);
    assert.match(page.body, /Kawa dla 30 osób/);
    assert.match(page.body, /wstępnie zarezerwowany do/);
    // Staff see when the hold lapses in the queue.
    const officer = await t.signedIn('staff');
    const queue = await officer.get('/panel/rezerwacje');
    assert.match(queue.body, /Wygasa /);
    assert.match(queue.body, /30 min przed, 15 min po wydarzeniu/);
  });

  it('setup and teardown extend the blocked time: a neighbouring booking clashes, in the service and in the database', async () => {
    const s = svc();
    const [a, b] = await testPeople(t.database, 2);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 20));
    const event = { title: 'Spotkanie', attendees: 20, houseRules: true };
    // 10:00–12:00 with the space's 60-minute buffer and 30 minutes of teardown: blocked until 13:30.
    await s.create(as(a!), EVENT, { date: day!, from: '10:00', to: '12:00', teardownMinutes: 30, ...event });
    // 14:00 with 60 minutes of setup starts blocking at 13:00: refused as taken.
    await assert.rejects(
      s.create(as(b!), EVENT, { date: day!, from: '14:00', to: '16:00', setupMinutes: 60, ...event }),
      (err: Error & { code?: string }) => err.code === 'taken',
    );
    // 30 minutes of setup starts at 13:30: fits exactly.
    const ok = await s.create(as(b!), EVENT, {
      date: day!,
      from: '14:00',
      to: '16:00',
      setupMinutes: 30,
      ...event,
    });
    assert.equal(ok.status, 'requested');
    // The database itself refuses a row whose setup reaches into a neighbour (the trigger derives
    // blocked_from, the exclusion constraint guards it), whatever code writes it.
    const [resource] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from space_resource where slug = ${EVENT}`,
    );
    const starts = warsawInstant(day!, '17:00');
    const ends = warsawInstant(day!, '18:00');
    await assert.rejects(
      t.database.db.execute(sql`
        insert into space_booking (id, resource_id, kind, user_id, starts_at, ends_at, blocked_until, status, setup_minutes)
        values (${uuidv7()}, ${resource!.id}, 'slot', ${a!.id}, ${starts}, ${ends}, ${ends}, 'requested', 45)`),
      (err: unknown) => JSON.stringify(err).includes('23P01') || /space_booking_no_overlap/.test(String(err)),
    );
  });

  it('a tentative hold lapses when staff do not decide in time: the time is free and the person is told', async () => {
    const s = svc();
    const [a] = await testPeople(t.database, 1);
    const [day] = openDays(1, addDays(todayInWarsaw(testClock.now()), 30));
    const made = await s.create(as(a!), EVENT, {
      date: day!,
      from: '15:00',
      to: '16:00',
      title: 'Próba',
      attendees: 10,
      houseRules: true,
    });
    const [row] = await queryRows<{ holdUntil: Date; createdAt: Date }>(
      t.database.db,
      sql`select hold_until as "holdUntil", created_at as "createdAt" from space_booking where id = ${made.ids[0]}`,
    );
    const days = (new Date(row!.holdUntil).getTime() - testClock.now().getTime()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7.01, `held for 7 days, got ${days}`);
    assert.equal(await s.lapseHolds(), 0);
    const saved = testClock.now();
    try {
      testClock.set(new Date(new Date(row!.holdUntil).getTime() + 60_000));
      assert.ok((await s.lapseHolds()) >= 1);
    } finally {
      testClock.set(saved);
    }
    const [after] = await queryRows<{ status: string }>(
      t.database.db,
      sql`select status from space_booking where id = ${made.ids[0]}`,
    );
    assert.equal(after?.status, 'released');
    assert.ok((await mails()).some((m) => m.to.includes(a!.email) && /wygasła/.test(m.subject)));
  });
});

describe('demo data', () => {
  it('holds assisted bookings (one for a senior without e-mail) and an event request with setup, needs and its hold', async () => {
    await loadDemoData(t.app.klaster);
    const rows = await queryRows<{ name: string; email: string; officer: string }>(
      t.database.db,
      sql`select u.name, u.email, o.name as officer from space_booking b
          join auth_user u on u.id = b.user_id join auth_user o on o.id = b.acted_by order by u.name`,
    );
    const demo = rows.filter((r) => r.officer === 'Jan Urzędnik');
    assert.ok(demo.some((r) => r.name === 'Stanisława Nowak' && r.email.endsWith('@bez-adresu.invalid')));
    assert.ok(demo.some((r) => r.name === 'Anna Mieszkanka'));
    const officer = await t.signedIn('staff');
    const queue = await officer.get('/panel/rezerwacje');
    assert.match(queue.body, /Śniadanie networkingowe przedsiębiorców Zabłocia/);
    assert.match(queue.body, /30 min przed, 30 min po wydarzeniu/);
    assert.match(queue.body, /Wygasa /);
  });
});
