import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, isNotNull } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { DEMO_MOMENT, testClock } from '../../../test/support/clock.ts';
import { user } from '../../platform/auth/schema.ts';
import { CSV_BOM } from '../../platform/csv.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { todayInWarsaw, warsawDate, warsawInstant } from '../../platform/time/warsaw.ts';
import { loadDemoData } from '../../seed/demo.ts';
import { agreementSummaryFor } from './agreements.ts';
import {
  spaceAgreements,
  spaceBookings,
  spaceClosures,
  spaceDesks,
  spacePackages,
  spaceResources,
} from './schema.ts';
import { seedAgreements } from './seed-agreements.ts';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;

describe('staff report: agreements concluded, active, desk occupancy, room utilisation', () => {
  let t: TestApp;
  let staff: Signed;
  before(async () => {
    testClock.set(DEMO_MOMENT);
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    staff = await t.signedIn('staff');
  });
  after(async () => t.close());
  const db = () => t.database.db;

  /** Concluded days of every agreement, straight from the table, for checking the report's counts. */
  async function concludedDays() {
    const rows = await db()
      .select({ at: spaceAgreements.concludedAt, number: spaceAgreements.number })
      .from(spaceAgreements)
      .where(isNotNull(spaceAgreements.concludedAt));
    return rows.map((r) => ({ day: warsawDate(r.at!), number: r.number! }));
  }

  it('the demo data holds 108 agreements since the start of 2025 and 3 applications waiting, and seeding twice adds nothing', async () => {
    const res = await staff.get('/panel/umowy/raport');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /108 umów zawartych od 1 stycznia 2025/);
    // The summary comes first, without charts; each part is its own page with its chart.
    assert.doesNotMatch(res.body, /<svg/);
    assert.match(res.body, /Części raportu/);
    const part = await staff.get('/panel/umowy/raport?czesc=zawarte');
    assert.match(part.body, /<svg/);
    assert.match(part.body, /108 umów zawartych od 1 stycznia 2025/);
    const queue = await staff.get('/panel/umowy');
    assert.match(queue.body, /3 wnioski czekają na decyzję/);
    assert.equal(await seedAgreements(db(), testClock.now()), 0);
    const [resident] = await db().select().from(user).where(eq(user.email, 'mieszkanka@klaster.example'));
    const usable = await agreementSummaryFor(db(), resident!.id, todayInWarsaw(testClock.now()));
    assert.equal(usable.length, 1, "the demo resident's pass covers today");
    assert.equal(usable[0]!.packageName, 'Karnet 10-dniowy');
    assert.equal(usable[0]!.daysUsed, 3);
    assert.equal(usable[0]!.daysTotal, 10);
    const numbers = (await concludedDays()).map((d) => d.number);
    assert.equal(new Set(numbers).size, numbers.length, 'numbers are unique');
  });

  it('counts the agreements concluded in a period exactly, per month, with a CSV that opens with a BOM', async () => {
    const from = '2025-03-01';
    const to = '2025-06-30';
    const expected = (await concludedDays()).filter((d) => d.day >= from && d.day <= to);
    assert.ok(expected.length > 5, 'the demo data has agreements in the period');
    const page = await staff.get(`/panel/umowy/raport?od=${from}&do=${to}`);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      new RegExp(`${expected.length} umów zawartych od 1 marca 2025 do 30 czerwca 2025`),
    );
    const months = await staff.get(`/panel/umowy/raport?od=${from}&do=${to}&czesc=zawarte`);
    // The month chart labels its x-axis with every month, and its table lists them.
    for (const month of ['mar 2025', 'kwi 2025', 'maj 2025', 'cze 2025'])
      assert.match(months.body, new RegExp(`class="klaster-chart__label"[^>]*>${month}<`));

    const csv = await staff.get(`/panel/umowy/raport/zawarte.csv?od=${from}&do=${to}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(
      String(csv.headers['content-disposition']),
      /^attachment; filename="umowy-zawarte-2025-03-01-2025-06-30\.csv"/,
    );
    assert.ok(csv.body.startsWith(CSV_BOM), 'UTF-8 BOM first');
    const lines = csv.body.slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'numer,data zawarcia,pakiet,rodzaj wnioskodawcy,status,początek,koniec,cena (zł)');
    assert.equal(lines.length - 1, expected.length);
    for (const e of expected)
      assert.ok(
        lines.some((l) => l.startsWith(`${e.number},${e.day},`)),
        e.number,
      );
  });

  it('computes desk occupancy and room utilisation over open days: holidays, weekends and closures left out', async () => {
    const [pool] = await db()
      .select()
      .from(spaceResources)
      .where(eq(spaceResources.slug, 'coworking-stanowiska'));
    const [room] = await db()
      .select()
      .from(spaceResources)
      .where(eq(spaceResources.slug, 'pomieszczenie-b2b'));
    const [desk] = await db().select().from(spaceDesks).where(eq(spaceDesks.resourceId, pool!.id)).limit(1);
    const [fixedPkg] = await db()
      .select()
      .from(spacePackages)
      .where(eq(spacePackages.slug, 'stale-stanowisko-miesieczne'));
    const tenant = await t.signedIn('resident');
    // Week 2027-W09 (1–7 March 2027): open Monday to Friday, no public holiday.
    await db()
      .insert(spaceAgreements)
      .values({
        id: uuidv7(),
        number: 'UDS/2027/9001',
        userId: tenant.userId,
        applicantKind: 'standard',
        packageId: fixedPkg!.id,
        status: 'accepted',
        startsOn: '2027-03-01',
        endsOn: '2027-03-31',
        priceGrosze: 50_000,
        deskId: desk!.id,
        concludedAt: warsawInstant('2027-02-20', '10:00'),
      });
    const people = await Promise.all([1, 2, 3, 4].map(() => t.signedIn('resident')));
    const deskBooking = (userId: string, status: 'confirmed' | 'checked_in' | 'cancelled') => ({
      id: uuidv7(),
      resourceId: pool!.id,
      kind: 'desk' as const,
      userId,
      day: '2027-03-01',
      startsAt: warsawInstant('2027-03-01', '08:00'),
      endsAt: warsawInstant('2027-03-01', '20:00'),
      blockedUntil: warsawInstant('2027-03-01', '20:00'),
      status,
    });
    await db()
      .insert(spaceBookings)
      .values([
        deskBooking(people[0]!.userId, 'confirmed'),
        deskBooking(people[1]!.userId, 'checked_in'),
        deskBooking(people[2]!.userId, 'confirmed'),
        deskBooking(people[3]!.userId, 'cancelled'),
        {
          id: uuidv7(),
          resourceId: room!.id,
          kind: 'slot',
          userId: tenant.userId,
          startsAt: warsawInstant('2027-03-02', '10:00'),
          endsAt: warsawInstant('2027-03-02', '12:00'),
          blockedUntil: warsawInstant('2027-03-02', '12:00'),
          status: 'confirmed',
        },
      ]);
    const week = '?od=2027-03-01&do=2027-03-07';
    const weeks = await staff.get(`/panel/umowy/raport/oblozenie-tygodnie.csv${week}`);
    assert.ok(weeks.body.startsWith(CSV_BOM));
    // 3 live bookings + 5 fixed desk-days over 40 desks × 5 open days = 8 / 200 = 4%.
    assert.match(weeks.body, /\r\n2027-W09,8,200,4\.0\r\n/);
    const days = await staff.get(`/panel/umowy/raport/oblozenie-dni.csv${week}`);
    assert.match(days.body, /\r\n2027-03-01,4,40,10\.0\r\n/);
    assert.doesNotMatch(days.body, /2027-03-06/, 'Saturday is closed');
    const rooms = await staff.get(`/panel/umowy/raport/sale.csv${week}`);
    // 2 booked hours over 5 days × 12 opening hours.
    assert.match(rooms.body, /\r\nPomieszczenie B2B,sala,2\.00,60\.00,3\.3\r\n/);

    // A closure of every resource on Wednesday takes that day out of both.
    await db()
      .insert(spaceClosures)
      .values({ id: uuidv7(), startsOn: '2027-03-03', endsOn: '2027-03-03', reason: 'Awaria ogrzewania' });
    const closed = await staff.get(`/panel/umowy/raport/oblozenie-tygodnie.csv${week}`);
    assert.match(closed.body, /\r\n2027-W09,7,160,4\.4\r\n/);
    const closedRooms = await staff.get(`/panel/umowy/raport/sale.csv${week}`);
    assert.match(closedRooms.body, /\r\nPomieszczenie B2B,sala,2\.00,48\.00,4\.2\r\n/);

    // Easter Monday 2027 (29 March) is a public holiday: four open days that week.
    const easter = await staff.get('/panel/umowy/raport/oblozenie-dni.csv?od=2027-03-29&do=2027-04-02');
    assert.doesNotMatch(easter.body, /2027-03-29/);
    assert.match(easter.body, /\r\n2027-03-30,1,40,2\.5\r\n/);

    const page = await staff.get(`/panel/umowy/raport${week}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Obłożenie w całym okresie: 4,4/);
  });

  it('speaks English and Ukrainian too', async () => {
    const en = await t.signedIn('staff');
    await en.get('/jezyk/en?next=/');
    const report = await en.get('/panel/umowy/raport?od=2025-01-01&do=2025-12-31');
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Agreements concluded in the period/);
    assert.match((await en.get('/panel/umowy')).body, /3 applications await a decision/);
    const csv = await en.get('/panel/umowy/raport/zawarte.csv?od=2025-01-01&do=2025-12-31');
    assert.match(csv.body, /^\uFEFFnumber,concluded on,package/);
    const uk = t.client();
    await uk.get('/jezyk/uk?next=/');
    const packages = await uk.get('/przestrzenie/pakiety');
    assert.match(packages.body, /Пакети робочих місць/);
    assert.match(packages.body, /lang="uk"/);
  });

  it('refuses a reversed or over-long period with a message', async () => {
    const reversed = await staff.get('/panel/umowy/raport?od=2026-05-01&do=2026-04-01');
    assert.equal(reversed.statusCode, 422);
    assert.match(reversed.body, /Data końcowa nie może być wcześniejsza niż początkowa/);
    const long = await staff.get('/panel/umowy/raport?od=2023-01-01&do=2026-01-01');
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /najwyżej 2 lata/);
    const bad = await staff.get('/panel/umowy/raport?od=2026-13-01');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Wpisz prawdziwą datę/);
    const farOff = await staff.get('/panel/umowy/raport/zawarte.csv?od=9999-12-01&do=9999-12-31');
    assert.equal(farOff.statusCode, 422);
    const csv = await staff.get('/panel/umowy/raport/zawarte.csv?od=2023-01-01&do=2026-01-01');
    assert.equal(csv.statusCode, 422);
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get('/panel/umowy/raport/zawarte.csv')).statusCode, 403);
  });
  it('names the packages and rooms in the staff member’s language, the Polish name without a translation', async () => {
    // The Civic Centre room has a Ukrainian name only: English staff get its Polish one.
    await db()
      .update(spaceResources)
      .set({ nameI18n: { uk: 'Зала для зустрічей Громадського центру' } })
      .where(eq(spaceResources.name, 'Sala spotkań Centrum Obywatelskiego'));
    const week = '?od=2027-03-01&do=2027-03-07';
    const en = await t.signedIn('staff');
    await en.get('/jezyk/en?next=/');
    const rooms = await en.get(`/panel/umowy/raport${week}&czesc=sale`);
    assert.equal(rooms.statusCode, 200);
    assert.match(rooms.body, /<td class="govuk-table__cell">B2B meeting room<\/td>/);
    assert.match(
      rooms.body,
      /<td class="govuk-table__cell"><span lang="pl">Sala spotkań Centrum Obywatelskiego<\/span><\/td>/,
    );
    assert.match(
      rooms.body,
      /<text class="klaster-chart__label" lang="pl"[^>]*>Sala spotkań Centrum Obywatelskiego<\/text>/,
    );
    assert.ok(!rooms.body.includes('Pomieszczenie B2B'), 'not the Polish name of the B2B room');
    const summary = await en.get(`/panel/umowy/raport${week}`);
    assert.match(summary.body, /The most used room: B2B meeting room \(/);
    const enRooms = await en.get(`/panel/umowy/raport/sale.csv${week}`);
    assert.match(enRooms.body, /\r\nB2B meeting room,room,2\.00,48\.00,4\.2\r\n/);
    assert.match(enRooms.body, /\r\nSala spotkań Centrum Obywatelskiego,room,/);
    const concluded = await en.get('/panel/umowy/raport?od=2025-01-01&do=2025-12-31&czesc=zawarte');
    assert.match(concluded.body, /<td class="govuk-table__cell">10-day pass<\/td>/);
    assert.ok(!concluded.body.includes('Karnet 10-dniowy'), 'not the Polish name of the package');
    const enConcluded = await en.get('/panel/umowy/raport/zawarte.csv?od=2025-01-01&do=2025-12-31');
    assert.match(enConcluded.body, /,10-day pass,/);
    const enActive = await en.get('/panel/umowy/raport/aktywne.csv');
    assert.match(enActive.body, /,10-day pass,\d+\r\n/);
    const active = await en.get('/panel/umowy/raport?czesc=aktywne');
    assert.match(active.body, /<td class="govuk-table__cell">10-day pass<\/td>/);

    const uk = await t.signedIn('staff');
    await uk.get('/jezyk/uk?next=/');
    const ukRooms = await uk.get(`/panel/umowy/raport${week}&czesc=sale`);
    assert.match(ukRooms.body, /<td class="govuk-table__cell">Зала для зустрічей Громадського центру<\/td>/);
    assert.match(ukRooms.body, /<td class="govuk-table__cell">Кімната для зустрічей B2B<\/td>/);
    const ukCsv = await uk.get(`/panel/umowy/raport/sale.csv${week}`);
    assert.match(ukCsv.body, /\r\nКімната для зустрічей B2B,/);
    const ukActive = await uk.get('/panel/umowy/raport/aktywne.csv');
    assert.match(ukActive.body, /,Абонемент на 10 днів,\d+\r\n/);

    // Polish staff see the Polish names, unmarked, as before.
    const plRooms = await staff.get(`/panel/umowy/raport${week}&czesc=sale`);
    assert.match(plRooms.body, /<td class="govuk-table__cell">Sala spotkań Centrum Obywatelskiego<\/td>/);
    assert.doesNotMatch(plRooms.body, /<span lang="pl">|klaster-chart__label" lang=/);
    const plCsv = await staff.get(`/panel/umowy/raport/sale.csv${week}`);
    assert.match(plCsv.body, /\r\nPomieszczenie B2B,sala,2\.00,48\.00,4\.2\r\n/);
    const plActive = await staff.get('/panel/umowy/raport/aktywne.csv');
    assert.match(plActive.body, /,Karnet 10-dniowy,\d+\r\n/);
  });
});
