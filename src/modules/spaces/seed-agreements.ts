// Demo desk-use agreements: the city reports "108 agreements since the start of 2025" (shared/seeds,
// the mayor's programme report). 107 agreements concluded from January 2025 to October 2026 over
// the demo packages (mostly passes and monthly hot desks, some fixed desks on distinct desks, some
// at NGO and incubator prices) by 40 demo tenants, plus the demo resident's 10-day pass covering
// today (the 108th), plus 3 applications waiting in the staff queue. The tenants are accounts
// without credentials: they never sign in. Idempotent: nothing happens once the tenants have
// agreements. Everything is inserted in bulk in one transaction.
import { eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { user } from '../../platform/auth/schema.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  addDays,
  type LocalDate,
  todayInWarsaw,
  warsawDate,
  warsawInstant,
} from '../../platform/time/warsaw.ts';
import { periodEnd, quote } from './agreements.ts';
import {
  type AgreementStatus,
  type ApplicantKind,
  spaceAgreements,
  spaceDesks,
  spacePackages,
  spaceResources,
} from './schema.ts';

export const DEMO_RESIDENT_EMAIL = 'mieszkanka@klaster.example';
export const TENANT_COUNT = 40;
export const HISTORICAL_AGREEMENTS = 107;
const tenantEmail = (n: number) => `najemca.${String(n).padStart(2, '0')}@klaster.example`;

const firstNames = [
  'Agnieszka',
  'Bartosz',
  'Celina',
  'Dariusz',
  'Ewelina',
  'Filip',
  'Grażyna',
  'Hubert',
  'Iwona',
  'Jakub',
  'Katarzyna',
  'Łukasz',
  'Magdalena',
  'Norbert',
  'Oliwia',
  'Paweł',
  'Renata',
  'Szymon',
  'Teresa',
  'Wojciech',
  'Zofia',
  'Adrian',
  'Beata',
  'Cezary',
  'Dominika',
  'Emil',
  'Felicja',
  'Grzegorz',
  'Halina',
  'Igor',
  'Joanna',
  'Kamil',
  'Lidia',
  'Marek',
  'Natalia',
  'Oskar',
  'Patrycja',
  'Robert',
  'Sylwia',
  'Tomasz',
];
const lastNames = [
  'Nowak',
  'Kowalski',
  'Wiśniewska',
  'Wójcik',
  'Kowalczyk',
  'Kamiński',
  'Lewandowska',
  'Zieliński',
  'Szymańska',
  'Woźniak',
  'Dąbrowska',
  'Kozłowski',
  'Jankowska',
  'Mazur',
  'Kwiatkowska',
  'Krawczyk',
  'Piotrowska',
  'Grabowski',
  'Nowakowska',
  'Pawłowski',
  'Michalska',
  'Nowicki',
  'Adamczyk',
  'Dudek',
  'Zając',
  'Wieczorek',
  'Jabłońska',
  'Król',
  'Majewska',
  'Olszewski',
  'Jaworska',
  'Wróbel',
  'Malinowska',
  'Pawlak',
  'Witkowska',
  'Walczak',
  'Stępień',
  'Górski',
  'Rutkowska',
  'Michalak',
];

/** A small deterministic generator (mulberry32), so the demo data is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type NewAgreement = typeof spaceAgreements.$inferInsert;

export async function seedAgreements(db: Db, now: Date): Promise<number> {
  const today = todayInWarsaw(now);
  const [done] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(spaceAgreements)
    .innerJoin(user, eq(user.id, spaceAgreements.userId))
    .where(like(user.email, 'najemca.%@klaster.example'));
  if ((done?.n ?? 0) > 0) return 0;

  const packages = new Map((await db.select().from(spacePackages)).map((p) => [p.slug, p] as const));
  const dayPass = packages.get('karnet-jednodniowy');
  const tenDays = packages.get('karnet-10-dni');
  const hotDesk = packages.get('hot-desk-miesieczny');
  const fixedDesk = packages.get('stale-stanowisko-miesieczne');
  if (!dayPass || !tenDays || !hotDesk || !fixedDesk) return 0;
  const desks = await db
    .select({ id: spaceDesks.id, number: spaceDesks.number })
    .from(spaceDesks)
    .innerJoin(spaceResources, eq(spaceResources.id, spaceDesks.resourceId))
    .where(eq(spaceResources.slug, 'coworking-stanowiska'));
  const deskByNumber = new Map(desks.map((d) => [d.number, d.id]));

  return db.transaction(async (tx) => {
    // The tenants: accounts without credentials (they never sign in).
    await tx
      .insert(user)
      .values(
        Array.from({ length: TENANT_COUNT }, (_, i) => ({
          id: uuidv7(),
          name: `${firstNames[i]} ${lastNames[i]}`,
          email: tenantEmail(i + 1),
          emailVerified: true,
          role: 'resident' as const,
          locale: 'pl' as const,
        })),
      )
      .onConflictDoNothing({ target: user.email });
    const tenantRows = await tx
      .select({ id: user.id, email: user.email })
      .from(user)
      .where(
        inArray(
          user.email,
          Array.from({ length: TENANT_COUNT }, (_, i) => tenantEmail(i + 1)),
        ),
      );
    const tenantIds = new Map(tenantRows.map((r) => [r.email, r.id]));
    const tenant = (n: number) => tenantIds.get(tenantEmail(n))!;
    const [resident] = await tx.select({ id: user.id }).from(user).where(eq(user.email, DEMO_RESIDENT_EMAIL));

    const rnd = random(2025);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const concluded: Array<NewAgreement & { concludedAt: Date }> = [];
    let fixedCount = 0;
    for (let i = 0; i < HISTORICAL_AGREEMENTS; i++) {
      // Spread over the 22 months from January 2025 to October 2026.
      const monthIndex = Math.floor((i * 22) / HISTORICAL_AGREEMENTS);
      const year = 2025 + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      const dayOfMonth = 1 + Math.floor(rnd() * 28);
      const day: LocalDate = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
      const concludedAt = warsawInstant(
        day,
        `${String(9 + Math.floor(rnd() * 7)).padStart(2, '0')}:${pick(['05', '20', '35', '50'])}`,
      );
      // Every eleventh agreement is a fixed desk, each on its own desk (31–40): never two on one desk.
      const isFixed = i % 11 === 5 && fixedCount < 10;
      const pkg: typeof dayPass = isFixed
        ? fixedDesk
        : pick([dayPass, dayPass, dayPass, tenDays, tenDays, hotDesk, hotDesk, hotDesk]);
      const r = rnd();
      const kind: ApplicantKind = r < 0.1 ? 'ngo' : r < 0.2 ? 'incubator_startup' : 'standard';
      const startsOn = addDays(day, 1 + Math.floor(rnd() * 10));
      let endsOn = periodEnd(startsOn, pkg.months);
      let status: AgreementStatus = 'accepted';
      let endedAt: Date | null = null;
      let endReason: string | null = null;
      // A few monthly agreements ended early, long ago.
      if (pkg === hotDesk && i % 17 === 3 && addDays(startsOn, 14) < today) {
        endsOn = addDays(startsOn, 13);
        status = 'ended';
        endedAt = warsawInstant(endsOn, '12:00');
        endReason = 'Rezygnacja najemcy (przeprowadzka firmy).';
      }
      const daysUsed =
        pkg.days === null
          ? 0
          : endsOn < today
            ? Math.max(1, pkg.days - Math.floor(rnd() * 3))
            : Math.floor(rnd() * pkg.days);
      const deskId = isFixed ? (deskByNumber.get(31 + fixedCount) ?? null) : null;
      if (isFixed) fixedCount++;
      concluded.push({
        id: uuidv7(),
        userId: tenant((i % TENANT_COUNT) + 1),
        applicantKind: kind,
        packageId: pkg.id,
        status,
        startsOn,
        endsOn,
        daysTotal: pkg.days,
        daysUsed: Math.min(daysUsed, pkg.days ?? 0),
        priceGrosze: quote(pkg, kind),
        deskId,
        message: '',
        decidedAt: concludedAt,
        concludedAt,
        endedAt,
        endReason,
        createdAt: new Date(concludedAt.getTime() - (1 + Math.floor(rnd() * 4)) * 86_400_000),
        updatedAt: endedAt ?? concludedAt,
      });
    }
    // The demo resident's 10-day pass: started 20 days ago, 3 days used, covering today.
    if (resident) {
      const startsOn = addDays(today, -20);
      const concludedAt = warsawInstant(addDays(startsOn, -1), '10:00');
      concluded.push({
        id: uuidv7(),
        userId: resident.id,
        applicantKind: 'standard',
        packageId: tenDays.id,
        status: 'accepted',
        startsOn,
        endsOn: periodEnd(startsOn, tenDays.months),
        daysTotal: tenDays.days,
        daysUsed: 3,
        priceGrosze: tenDays.priceGrosze,
        message: 'Pracuję zdalnie i szukam miejsca blisko domu.',
        decidedAt: concludedAt,
        concludedAt,
        createdAt: new Date(concludedAt.getTime() - 2 * 86_400_000),
        updatedAt: concludedAt,
      });
    }
    // Numbers in the order of conclusion, per year, continuing the counter.
    concluded.sort((a, b) => a.concludedAt.getTime() - b.concludedAt.getTime());
    const counters = new Map<string, number>();
    const taken = await tx.execute(sql`select key, value from space_counter where key like 'UDS/%'`);
    for (const row of (taken as unknown as { rows: Array<{ key: string; value: number }> }).rows)
      counters.set(row.key, Number(row.value));
    for (const a of concluded) {
      const key = `UDS/${warsawDate(a.concludedAt).slice(0, 4)}`;
      const next = (counters.get(key) ?? 0) + 1;
      counters.set(key, next);
      a.number = `${key}/${String(next).padStart(4, '0')}`;
    }
    // Three applications waiting for staff.
    const pending: NewAgreement[] = [
      {
        pkg: hotDesk,
        tenant: 3,
        inDays: 7,
        ago: 3,
        kind: 'standard' as const,
        message: 'Szukam stanowiska na czas przygotowania projektu.',
      },
      {
        pkg: fixedDesk,
        tenant: 8,
        inDays: 10,
        ago: 2,
        kind: 'incubator_startup' as const,
        message: 'Jesteśmy w inkubatorze od września, potrzebujemy stałego miejsca.',
      },
      { pkg: tenDays, tenant: 15, inDays: 14, ago: 1, kind: 'standard' as const, message: '' },
    ].map((p) => {
      const startsOn = addDays(today, p.inDays);
      const createdAt = new Date(now.getTime() - p.ago * 86_400_000);
      return {
        id: uuidv7(),
        userId: tenant(p.tenant),
        applicantKind: p.kind,
        packageId: p.pkg.id,
        status: 'applied' as const,
        startsOn,
        endsOn: periodEnd(startsOn, p.pkg.months),
        daysTotal: p.pkg.days,
        priceGrosze: quote(p.pkg, p.kind),
        message: p.message,
        createdAt,
        updatedAt: createdAt,
      };
    });
    await tx.insert(spaceAgreements).values([...concluded, ...pending]);
    for (const [key, value] of counters)
      await tx.execute(sql`
        insert into space_counter (key, value) values (${key}, ${value})
        on conflict (key) do update set value = greatest(space_counter.value, excluded.value)`);
    // Day rows created before the fixed desks existed: their capacity leaves the fixed desks out.
    await tx.execute(sql`
      update space_desk_day d set capacity = greatest(r.capacity - (
          select count(*) from space_agreement a join space_desk k on k.id = a.desk_id
          where k.resource_id = d.resource_id and a.status = 'accepted' and d.day between a.starts_on and a.ends_on
        ), d.booked)
      from space_resource r
      where r.id = d.resource_id and r.kind = 'desk'`);
    return concluded.length + pending.length;
  });
}

/** The e-mail address of demo tenant n (1–40). */
export const demoTenantEmail = tenantEmail;
