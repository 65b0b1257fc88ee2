import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, sql } from 'drizzle-orm';
import { createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { organisationsService } from '../organisations/service.ts';
import { placesService } from '../places/service.ts';
import { agreementSummaryFor, periodEnd } from './agreements.ts';
import { ensureDeskDays } from './desks.ts';
import { spaceAgreements, spaceDeskDays, spaceDesks, spacePackages, spaceResources } from './schema.ts';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;

const idFrom = (location: string | undefined) => {
  const m = /^\/przestrzenie\/umowy\/([0-9a-f-]{36})$/.exec(location ?? '');
  assert.ok(m, `redirect to an agreement page, got ${location}`);
  return m[1]!;
};

describe('desk-use agreements: applying, staff decisions, fixed desks', () => {
  let t: TestApp;
  let staff: Signed;
  const today = todayInWarsaw(testClock.now());
  before(async () => {
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    staff = await t.signedIn('staff');
  });
  after(async () => t.close());

  const db = () => t.database.db;
  const agreementCount = async () => Number((await db().select({ n: count() }).from(spaceAgreements))[0]?.n);
  const row = async (id: string) =>
    (await db().select().from(spaceAgreements).where(eq(spaceAgreements.id, id)))[0]!;
  const form = (over: Record<string, string> = {}) => ({
    package: 'karnet-10-dni',
    applicantKind: 'standard',
    organisation: '',
    startsOn: today,
    message: '',
    ...over,
  });
  async function apply(c: Signed, over: Record<string, string> = {}) {
    const res = await c.post('/przestrzenie/umowy/nowa', form(over));
    assert.equal(res.statusCode, 303, res.body);
    return idFrom(res.headers.location);
  }
  async function deskId(number: number) {
    const [d] = await db()
      .select({ id: spaceDesks.id })
      .from(spaceDesks)
      .innerJoin(spaceResources, eq(spaceResources.id, spaceDesks.resourceId))
      .where(and(eq(spaceResources.slug, 'coworking-stanowiska'), eq(spaceDesks.number, number)));
    return d!.id;
  }
  /** Desks free for day bookings on a day (the day row is created as a booking would create it). */
  async function dayCapacity(day: string) {
    const [pool] = await db()
      .select()
      .from(spaceResources)
      .where(eq(spaceResources.slug, 'coworking-stanowiska'));
    await ensureDeskDays(db(), pool!.id, day, day);
    const [r] = await db()
      .select({ capacity: spaceDeskDays.capacity })
      .from(spaceDeskDays)
      .where(and(eq(spaceDeskDays.resourceId, pool!.id), eq(spaceDeskDays.day, day)));
    return r!.capacity;
  }

  it('lists the active packages with prices and reduced prices for anyone', async () => {
    const res = await t.client().get('/przestrzenie/pakiety');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Karnet 10-dniowy/);
    assert.match(res.body, /200,00\s*zł/);
    assert.match(res.body, /NGO: 100,00\s*zł/);
    assert.match(res.body, /href="\/przestrzenie\/umowy\/nowa\?pakiet=karnet-10-dni"/);
  });

  it('applies, staff accept: the agreement gets the next number, a period and an e-mail', async () => {
    const resident = await t.signedIn('resident', { email: 'najemczyni@test.example' });
    const empty = await resident.get('/przestrzenie/umowy');
    assert.match(empty.body, /Nie masz jeszcze umów ani wniosków/);
    assert.match(empty.body, /href="\/przestrzenie\/pakiety"/);

    const formPage = await resident.get('/przestrzenie/umowy/nowa?pakiet=hot-desk-miesieczny');
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /value="hot-desk-miesieczny" checked/);

    const id = await apply(resident, {
      package: 'hot-desk-miesieczny',
      message: 'Projektuję gry planszowe.',
    });
    const applied = await row(id);
    assert.equal(applied.status, 'applied');
    assert.equal(applied.priceGrosze, 35_000);
    assert.equal(applied.startsOn, today);
    assert.equal(applied.endsOn, periodEnd(today, 1));
    assert.equal(applied.number, null);

    const mine = await resident.get('/przestrzenie/umowy');
    assert.match(mine.body, /Hot desk — miesiąc/);
    assert.match(mine.body, /Wniosek złożony/);

    const queue = await staff.get('/panel/umowy?status=applied');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /najemczyni|Test resident/);

    const [before] = await db()
      .execute(sql`select value from space_counter where key = ${`UDS/${today.slice(0, 4)}`}`)
      .then((r) => (r as unknown as { rows: Array<{ value: number }> }).rows);
    const accept = await staff.post(`/panel/umowy/${id}/zawrzyj`, {});
    assert.equal(accept.statusCode, 303, accept.body);
    const accepted = await row(id);
    assert.equal(accepted.status, 'accepted');
    const expected = `UDS/${today.slice(0, 4)}/${String(Number(before?.value ?? 0) + 1).padStart(4, '0')}`;
    assert.equal(accepted.number, expected);
    assert.ok(accepted.concludedAt);

    const again = await staff.post(`/panel/umowy/${id}/zawrzyj`, {});
    assert.equal(again.statusCode, 409, 'a second decision is refused');
    assert.match(again.body, /O tym wniosku już zdecydowano/);

    const audits = await db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'space_agreement.accepted')));
    assert.equal(Number(audits[0]?.n), 1);

    await t.app.klaster.worker.tick();
    const mails = readMailDir(t.dataDir).filter((m) => m.to.includes('najemczyni@test.example'));
    assert.ok(
      mails.some((m) => /Otrzymaliśmy Twój wniosek o umowę/.test(m.subject)),
      'application confirmed by e-mail',
    );
    const concluded = mails.find((m) => m.subject.includes(expected));
    assert.ok(concluded, 'acceptance e-mailed with the number');
    assert.ok(concluded.links.some((l) => l.endsWith(`/przestrzenie/umowy/${id}`)));

    const page = await resident.get(`/przestrzenie/umowy/${id}`);
    assert.match(page.body, new RegExp(expected));
    assert.match(page.body, /Umowa obowiązuje do /);

    const summary = await agreementSummaryFor(db(), resident.userId, today);
    assert.equal(summary.length, 1);
    assert.equal(summary[0]!.number, expected);
    assert.equal(summary[0]!.packageName, 'Hot desk — miesiąc');
  });

  it('a refusal needs a reason; with one the applicant is told', async () => {
    const resident = await t.signedIn('resident', { email: 'odmowa@test.example' });
    const id = await apply(resident);
    const empty = await staff.post(`/panel/umowy/${id}/odrzuc`, { reason: '   ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Wpisz powód/);
    assert.equal((await row(id)).status, 'applied');

    const res = await staff.post(`/panel/umowy/${id}/odrzuc`, {
      reason: 'Brak wolnych miejsc w tym okresie.',
    });
    assert.equal(res.statusCode, 303);
    const refused = await row(id);
    assert.equal(refused.status, 'refused');
    assert.equal(refused.number, null);
    assert.equal(refused.decisionReason, 'Brak wolnych miejsc w tym okresie.');
    await t.app.klaster.worker.tick();
    const mail = readMailDir(t.dataDir).find(
      (m) => m.to.includes('odmowa@test.example') && /Wniosek o umowę odrzucony/.test(m.subject),
    );
    assert.ok(mail);
    assert.match(mail.raw, /Brak wolnych miejsc w tym okresie\./);
  });

  it('refuses a second open application for the same package, and allows it after withdrawing', async () => {
    const resident = await t.signedIn('resident');
    const id = await apply(resident);
    const n = await agreementCount();
    const dup = await resident.post('/przestrzenie/umowy/nowa', form());
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /Masz już złożony wniosek na ten pakiet/);
    assert.equal(await agreementCount(), n);

    const w = await resident.post(`/przestrzenie/umowy/${id}/wycofaj`, {});
    assert.equal(w.statusCode, 303);
    assert.equal((await row(id)).status, 'withdrawn');
    await apply(resident);
  });

  it('gives the NGO price only to a member of a verified foundation or association', async () => {
    const resident = await t.signedIn('resident');
    const none = await resident.post('/przestrzenie/umowy/nowa', form({ applicantKind: 'ngo' }));
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /wymaga członkostwa w zweryfikowanej fundacji lub stowarzyszeniu/);

    const orgs = organisationsService({
      places: placesService(db()),
      db: db(),
      baseUrl: 'http://localhost:3000',
    });
    const actor = as({ id: resident.userId, role: 'resident' as const });
    const { id: orgId } = await orgs.create(actor, {
      name: 'Fundacja Biurko dla Wszystkich',
      kind: 'foundation',
      description: 'Wspieramy pracę zdalną seniorów.',
    });
    const pending = await resident.post(
      '/przestrzenie/umowy/nowa',
      form({ applicantKind: 'ngo', organisation: orgId }),
    );
    assert.equal(pending.statusCode, 422, 'not verified yet');

    await orgs.verify(as({ id: staff.userId, role: 'staff' as const }), orgId);
    const outsider = await t.signedIn('resident');
    const notMine = await outsider.post(
      '/przestrzenie/umowy/nowa',
      form({ applicantKind: 'ngo', organisation: orgId }),
    );
    assert.equal(notMine.statusCode, 422, 'someone else cannot apply for the foundation');

    const id = await apply(resident, { applicantKind: 'ngo', organisation: orgId });
    const a = await row(id);
    assert.equal(a.priceGrosze, 10_000);
    assert.equal(a.organisationId, orgId);
    const page = await resident.get(`/przestrzenie/umowy/${id}`);
    assert.match(page.body, /Fundacja Biurko dla Wszystkich/);
    assert.match(page.body, /100,00\s*zł/);
  });

  it('never fixes one desk for two agreements over overlapping periods; a fixed desk leaves the day pool and returns when ended early', async () => {
    const a = await t.signedIn('resident');
    const b = await t.signedIn('resident');
    const start = addDays(today, 3);
    const idA = await apply(a, { package: 'stale-stanowisko-miesieczne', startsOn: start });
    const idB = await apply(b, { package: 'stale-stanowisko-miesieczne', startsOn: addDays(start, 10) });
    const desk1 = await deskId(1);

    const review = await staff.get(`/panel/umowy/${idA}`);
    assert.match(review.body, new RegExp(`value="${desk1}"`));
    const noDesk = await staff.post(`/panel/umowy/${idA}/zawrzyj`, {});
    assert.equal(noDesk.statusCode, 422);
    assert.match(noDesk.body, /Wybierz stanowisko/);

    const farDay = addDays(start, 20);
    const before = await dayCapacity(farDay);
    const beforeStart = await dayCapacity(start);
    assert.equal((await staff.post(`/panel/umowy/${idA}/zawrzyj`, { deskId: desk1 })).statusCode, 303);
    assert.equal((await row(idA)).deskId, desk1);
    assert.equal(await dayCapacity(farDay), before - 1, 'the fixed desk left the day pool');

    const reviewB = await staff.get(`/panel/umowy/${idB}`);
    assert.doesNotMatch(reviewB.body, new RegExp(`value="${desk1}"`), 'the taken desk is not offered');
    const clash = await staff.post(`/panel/umowy/${idB}/zawrzyj`, { deskId: desk1 });
    assert.equal(clash.statusCode, 409);
    assert.match(clash.body, /stanowisko jest już przydzielone innej umowie/);
    const stillB = await row(idB);
    assert.equal(stillB.status, 'applied');
    assert.equal(stillB.number, null);
    assert.equal(await dayCapacity(farDay), before - 1, 'the refused attempt changed no capacity');

    // End A early: the desk returns to the pool after the new last day.
    const badEnd = await staff.post(`/panel/umowy/${idA}/zakoncz`, {
      endsOn: addDays(start, -1),
      reason: 'Rezygnacja',
    });
    assert.equal(badEnd.statusCode, 422);
    const newEnd = addDays(start, 5);
    const end = await staff.post(`/panel/umowy/${idA}/zakoncz`, {
      endsOn: newEnd,
      reason: 'Rezygnacja najemcy.',
    });
    assert.equal(end.statusCode, 303, end.body);
    const ended = await row(idA);
    assert.equal(ended.endsOn, newEnd);
    assert.equal(ended.endReason, 'Rezygnacja najemcy.');
    assert.equal(await dayCapacity(farDay), before, 'the desk is back in the pool');
    assert.equal(await dayCapacity(start), beforeStart - 1, 'days up to the new end stay taken');

    // Now B can have the same desk from the day after A's new end.
    assert.equal((await staff.post(`/panel/umowy/${idB}/zawrzyj`, { deskId: desk1 })).statusCode, 303);
    await t.app.klaster.worker.tick();
    assert.ok(readMailDir(t.dataDir).some((m) => m.to.includes(a.email) && /zakończona/.test(m.subject)));
  });

  it('ten parallel accepts fixing one desk over overlapping periods give exactly one agreement', async () => {
    const desk2 = await deskId(2);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const c = await t.signedIn('resident');
      ids.push(await apply(c, { package: 'stale-stanowisko-miesieczne', startsOn: addDays(today, 1 + i) }));
    }
    const results = await Promise.all(
      ids.map((id) => staff.post(`/panel/umowy/${id}/zawrzyj`, { deskId: desk2 })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [303, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const [n] = await db()
      .select({ n: count() })
      .from(spaceAgreements)
      .where(and(eq(spaceAgreements.deskId, desk2), eq(spaceAgreements.status, 'accepted')));
    assert.equal(Number(n?.n), 1);
  });

  it('renews an agreement near its end with a new application starting the day after', async () => {
    const resident = await t.signedIn('resident');
    const id = await apply(resident, { package: 'karnet-jednodniowy' });
    assert.equal((await staff.post(`/panel/umowy/${id}/zawrzyj`, {})).statusCode, 303);
    const early = await resident.post(`/przestrzenie/umowy/${id}/przedluz`, {});
    assert.equal(early.headers.location, `/przestrzenie/umowy/${id}`, 'a month before the end: not yet');
    assert.doesNotMatch((await resident.get(`/przestrzenie/umowy/${id}`)).body, /Przedłuż umowę/);
    // Ten days before its end the agreement can be renewed.
    await db()
      .update(spaceAgreements)
      .set({ endsOn: addDays(today, 10) })
      .where(eq(spaceAgreements.id, id));
    const page = await resident.get(`/przestrzenie/umowy/${id}`);
    assert.match(page.body, /Przedłuż umowę/);
    const res = await resident.post(`/przestrzenie/umowy/${id}/przedluz`, {});
    assert.equal(res.statusCode, 303);
    const renewed = await row(idFrom(res.headers.location));
    assert.equal(renewed.status, 'applied');
    assert.equal(renewed.renewedFrom, id);
    assert.equal(renewed.startsOn, addDays((await row(id)).endsOn, 1));
  });

  it('keeps agreements private: 404 for someone else, 403 for the panel', async () => {
    const owner = await t.signedIn('resident');
    const id = await apply(owner);
    const other = await t.signedIn('resident');
    assert.equal((await other.get(`/przestrzenie/umowy/${id}`)).statusCode, 404);
    assert.equal((await other.post(`/przestrzenie/umowy/${id}/wycofaj`, {})).statusCode, 404);
    assert.equal((await other.get('/panel/umowy')).statusCode, 403);
    assert.equal((await other.get(`/panel/umowy/${id}`)).statusCode, 403);
    assert.equal((await other.get('/panel/umowy/raport')).statusCode, 403);
    assert.equal((await other.get('/panel/pakiety')).statusCode, 403);
    assert.equal((await other.post(`/panel/umowy/${id}/zawrzyj`, {})).statusCode, 403);
    assert.equal((await row(id)).status, 'applied');
    assert.equal(
      (await t.client().get('/przestrzenie/umowy/nowa')).statusCode,
      303,
      'anonymous: sign in first',
    );
  });

  it('refuses bad input with a message and stores nothing', async () => {
    const resident = await t.signedIn('resident');
    const n = await agreementCount();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { package: '', applicantKind: '', startsOn: '' },
        /Wybierz jeden z dostępnych pakietów|Wybierz jedną z dostępnych opcji/,
      ],
      [{ message: 'x'.repeat(10_000) }, /Wpisz najwyżej 2000 znaków/],
      [{ startsOn: addDays(today, -1) }, /Data rozpoczęcia nie może być w przeszłości/],
      [{ startsOn: addDays(today, 61) }, /najpóźniej za 60 dni/],
      [{ startsOn: '2026-02-30' }, /Wpisz prawdziwą datę/],
      [{ package: 'nie-ma-takiego' }, /Wybierz jeden z dostępnych pakietów/],
      [{ applicantKind: 'vip' }, /Wybierz jedną z dostępnych opcji/],
      [{ organisation: '00000000-0000-7000-8000-000000000000' }, /Wybierz organizację, do której należysz/],
      [{ message: '<script>alert(1)</script>', startsOn: 'x'.repeat(10_000) }, /Wpisz prawdziwą datę/],
    ];
    for (const [over, message] of cases) {
      const res = await resident.post('/przestrzenie/umowy/nowa', form(over));
      assert.equal(res.statusCode, 422, JSON.stringify(over).slice(0, 80));
      assert.match(res.body, message);
      assert.doesNotMatch(res.body, /<script>alert/);
    }
    const unknown = await resident.post('/przestrzenie/umowy/nowa', { ...form(), admin: '1' });
    assert.equal(unknown.statusCode, 422);
    assert.equal(await agreementCount(), n);
  });

  it('staff manage packages: prices typed as złoty, activation, and no deleting a package with agreements', async () => {
    const create = await staff.post('/panel/pakiety/nowy', {
      name_pl: 'Karnet 5-dniowy',
      description_pl: 'Pięć dni pracy.',
      kind: 'multi_day_pass',
      days: '5',
      months: '2',
      price: '112,50',
      priceIncubator: '0',
      priceNgo: '56',
    });
    assert.equal(create.statusCode, 303, create.body);
    const [p] = await db().select().from(spacePackages).where(eq(spacePackages.name, 'Karnet 5-dniowy'));
    assert.ok(p);
    assert.equal(p.slug, 'karnet-5-dniowy');
    assert.equal(p.priceGrosze, 11_250);
    assert.deepEqual(p.reducedPrices, { incubator_startup: 0, ngo: 5_600 });

    const bad = await staff.post('/panel/pakiety/nowy', {
      name_pl: 'Zły',
      description_pl: '',
      kind: 'day_pass',
      days: '',
      months: '0',
      price: '12,345',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Wpisz liczbę miesięcy od 1 do 24/);
    assert.match(bad.body, /Wpisz kwotę w złotych/);
    const noDays = await staff.post('/panel/pakiety/nowy', {
      name_pl: 'Zły',
      kind: 'day_pass',
      months: '1',
      price: '10',
    });
    assert.equal(noDays.statusCode, 422);
    assert.match(noDays.body, /Karnet musi mieć liczbę dni/);
    const packages = await db()
      .select({ n: count() })
      .from(spacePackages)
      .where(eq(spacePackages.name, 'Zły'));
    assert.equal(Number(packages[0]?.n), 0);

    const off = await staff.post(`/panel/pakiety/${p.id}/wylacz`, {});
    assert.equal(off.statusCode, 303);
    assert.doesNotMatch((await t.client().get('/przestrzenie/pakiety')).body, /Karnet 5-dniowy/);
    assert.equal((await staff.post(`/panel/pakiety/${p.id}/wlacz`, {})).statusCode, 303);
    assert.match((await t.client().get('/przestrzenie/pakiety')).body, /Karnet 5-dniowy/);

    const resident = await t.signedIn('resident');
    await apply(resident, { package: 'karnet-5-dniowy' });
    await staff.post(`/panel/pakiety/${p.id}/usun`, {});
    assert.equal((await db().select().from(spacePackages).where(eq(spacePackages.id, p.id))).length, 1);
    const audits = await db().select({ n: count() }).from(auditLog).where(eq(auditLog.entityId, p.id));
    assert.equal(Number(audits[0]?.n), 3, 'create, deactivate, activate');
  });
});
