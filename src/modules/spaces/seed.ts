// Demo data of the spaces module, from shared/seeds/001 (mayor's programme report): the coworking
// of the Entrepreneurship/Creative Zone with 40 desks, a kitchen and a B2B room, and the event
// space of building A (Zabłocie Space). Room sizes, layouts and package prices are not in the
// documents: they are plausible demo values that staff change in /panel. Idempotent by slug.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Translations } from '../../platform/content.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { defaultRules, weekdayHours } from './rules.ts';
import {
  type ApplicantKind,
  type Layout,
  type PackageKind,
  type ResourceKind,
  spaceDesks,
  spacePackages,
  spaceResources,
} from './schema.ts';

interface DemoResource {
  slug: string;
  zone: string;
  kind: ResourceKind;
  name: string;
  /** The name and description in English and Ukrainian (platform/content.ts). */
  nameI18n: Translations;
  description: string;
  descriptionI18n: Translations;
  capacity: number;
  equipment: string[];
  accessibility: string;
  layouts?: Layout[];
}

const LEVEL_ACCESS =
  'Wejście z poziomu ulicy, winda, toaleta dostosowana do potrzeb osób z niepełnosprawnościami.';

export const demoResources: DemoResource[] = [
  {
    slug: 'coworking-stanowiska',
    zone: 'strefa-przedsiebiorczosci-kreatywna',
    kind: 'desk',
    name: 'Stanowiska coworkingowe',
    nameI18n: { en: 'Coworking desks', uk: 'Робочі місця в коворкінгу' },
    descriptionI18n: {
      en: 'The coworking space of the Entrepreneurship/Creative Zone: 40 desks and a kitchen area. A desk is booked for the whole day under a desk-use agreement.',
      uk: 'Коворкінг Зони підприємництва та креативності: 40 робочих місць і кухонна зона. Робоче місце бронюють на весь день у межах договору про надання робочого місця.',
    },
    description:
      'Przestrzeń coworkingowa Strefy Przedsiębiorczości/Kreatywnej: 40 stanowisk pracy i strefa kuchenna. Stanowisko rezerwuje się na cały dzień w ramach umowy udostępnienia stanowiska pracy.',
    capacity: 40,
    equipment: ['Wi-Fi', 'gniazdka przy każdym stanowisku', 'strefa kuchenna', 'drukarka'],
    accessibility: `${LEVEL_ACCESS} Dwa stanowiska z regulacją wysokości blatu.`,
  },
  {
    slug: 'pomieszczenie-b2b',
    zone: 'strefa-przedsiebiorczosci-kreatywna',
    kind: 'room',
    name: 'Pomieszczenie B2B',
    nameI18n: { en: 'B2B meeting room', uk: 'Кімната для зустрічей B2B' },
    descriptionI18n: {
      en: 'A small room for business talks and client meetings, next to the coworking space.',
      uk: 'Невелика кімната для ділових розмов і зустрічей із клієнтами, поруч із коворкінгом.',
    },
    description: 'Salka na rozmowy biznesowe i spotkania z klientami, obok przestrzeni coworkingowej.',
    capacity: 8,
    equipment: ['ekran 55″ z HDMI', 'tablica suchościeralna', 'Wi-Fi'],
    accessibility: LEVEL_ACCESS,
  },
  {
    slug: 'sala-warsztatowa-innowacji-spolecznych',
    zone: 'strefa-innowacji-spolecznych',
    kind: 'room',
    name: 'Sala warsztatowa Strefy Innowacji Społecznych',
    nameI18n: {
      en: 'Social Innovation Zone workshop room',
      uk: 'Зала для воркшопів Зони соціальних інновацій',
    },
    descriptionI18n: {
      en: 'A room for workshops, meetings of organisations and informal groups, and residents’ initiatives.',
      uk: 'Зала для воркшопів, зустрічей організацій і неформальних груп, а також ініціатив мешканців.',
    },
    description: 'Sala na warsztaty, spotkania organizacji i grup nieformalnych oraz inicjatywy mieszkańców.',
    capacity: 24,
    equipment: ['rzutnik', 'flipchart', 'stoły modułowe', 'Wi-Fi'],
    accessibility: `${LEVEL_ACCESS} Pętla indukcyjna.`,
  },
  {
    slug: 'sala-centrum-obywatelskiego',
    zone: 'centrum-obywatelskie',
    kind: 'room',
    name: 'Sala spotkań Centrum Obywatelskiego',
    nameI18n: { en: 'Civic Centre meeting room', uk: 'Зала для зустрічей Громадського центру' },
    descriptionI18n: {
      en: 'A room for meetings of residents, district councils and non-governmental organisations in building B.',
      uk: 'Зала для зустрічей мешканців, рад районів і громадських організацій у корпусі B.',
    },
    description: 'Sala na spotkania mieszkańców, rad dzielnic i organizacji pozarządowych w budynku B.',
    capacity: 30,
    equipment: ['rzutnik', 'nagłośnienie', 'Wi-Fi'],
    accessibility: LEVEL_ACCESS,
  },
  {
    slug: 'zablocie-space-sala-wydarzen',
    zone: 'zablocie-space-wydarzenia',
    kind: 'event_space',
    name: 'Sala wydarzeń Zabłocie Space',
    nameI18n: { en: 'Zabłocie Space event hall', uk: 'Зала подій Zabłocie Space' },
    descriptionI18n: {
      en: 'The large hall of building A for conferences, workshops, meetings and events for residents. Every booking is a request that the Department approves.',
      uk: 'Велика зала корпусу A для конференцій, воркшопів, зустрічей і заходів для мешканців. Кожне бронювання — це заявка, яку затверджує Відділ.',
    },
    description:
      'Duża sala budynku A na konferencje, warsztaty, spotkania i wydarzenia dla mieszkańców. Każda rezerwacja jest wnioskiem, który zatwierdza Wydział.',
    capacity: 120,
    equipment: ['nagłośnienie', 'dwa mikrofony bezprzewodowe', 'projektor i ekran', 'scena mobilna', 'Wi-Fi'],
    accessibility: `${LEVEL_ACCESS} Pętla indukcyjna, miejsca dla osób na wózkach w pierwszym rzędzie.`,
    layouts: [
      { key: 'theatre', name: 'Teatralny', capacity: 120 },
      { key: 'classroom', name: 'Szkolny', capacity: 60 },
      { key: 'workshop', name: 'Warsztatowy (stoły)', capacity: 40 },
      { key: 'banquet', name: 'Bankietowy', capacity: 80 },
    ],
  },
];

interface DemoPackage {
  slug: string;
  kind: PackageKind;
  name: string;
  nameI18n: Translations;
  description: string;
  descriptionI18n: Translations;
  days: number | null;
  months: number;
  fixedDesk: boolean;
  priceGrosze: number;
  reducedPrices: Partial<Record<ApplicantKind, number>>;
}

export const demoPackages: DemoPackage[] = [
  {
    slug: 'karnet-jednodniowy',
    kind: 'day_pass',
    name: 'Karnet jednodniowy',
    nameI18n: { en: 'One-day pass', uk: 'Одноденний абонемент' },
    description: 'Jeden dzień pracy przy dowolnym wolnym stanowisku, do wykorzystania w ciągu miesiąca.',
    descriptionI18n: {
      en: 'One day of work at any free desk, to be used within a month.',
      uk: 'Один день роботи за будь-яким вільним робочим місцем, використати протягом місяця.',
    },
    days: 1,
    months: 1,
    fixedDesk: false,
    priceGrosze: 2_500,
    reducedPrices: { incubator_startup: 0, ngo: 1_200 },
  },
  {
    slug: 'karnet-10-dni',
    kind: 'multi_day_pass',
    name: 'Karnet 10-dniowy',
    nameI18n: { en: '10-day pass', uk: 'Абонемент на 10 днів' },
    description:
      'Dziesięć dni pracy przy dowolnym wolnym stanowisku, do wykorzystania w ciągu trzech miesięcy.',
    descriptionI18n: {
      en: 'Ten days of work at any free desk, to be used within three months.',
      uk: 'Десять днів роботи за будь-яким вільним робочим місцем, використати протягом трьох місяців.',
    },
    days: 10,
    months: 3,
    fixedDesk: false,
    priceGrosze: 20_000,
    reducedPrices: { incubator_startup: 0, ngo: 10_000 },
  },
  {
    slug: 'hot-desk-miesieczny',
    kind: 'monthly_hot_desk',
    name: 'Hot desk — miesiąc',
    nameI18n: { en: 'Hot desk — one month', uk: 'Гаряче робоче місце — місяць' },
    description: 'Każdy dzień otwarcia przez miesiąc, przy dowolnym wolnym stanowisku.',
    descriptionI18n: {
      en: 'Every opening day for a month, at any free desk.',
      uk: 'Кожен робочий день протягом місяця, за будь-яким вільним робочим місцем.',
    },
    days: null,
    months: 1,
    fixedDesk: false,
    priceGrosze: 35_000,
    reducedPrices: { incubator_startup: 0, ngo: 17_500 },
  },
  {
    slug: 'stale-stanowisko-miesieczne',
    kind: 'monthly_fixed_desk',
    name: 'Stałe stanowisko — miesiąc',
    nameI18n: { en: 'Fixed desk — one month', uk: 'Закріплене робоче місце — місяць' },
    description: 'Własne, stałe stanowisko przez miesiąc, z szafką.',
    descriptionI18n: {
      en: 'Your own fixed desk for a month, with a locker.',
      uk: 'Власне закріплене робоче місце на місяць, із шафкою.',
    },
    days: null,
    months: 1,
    fixedDesk: true,
    priceGrosze: 50_000,
    reducedPrices: { incubator_startup: 10_000, ngo: 25_000 },
  },
];

/** Creates the demo resources, the 40 numbered desks and the packages that do not exist yet. */
export async function seedSpaces(db: Db, zoneIds: Map<string, string>): Promise<number> {
  let created = 0;
  await db.transaction(async (tx) => {
    const existing = new Set(
      (
        await tx
          .select({ slug: spaceResources.slug })
          .from(spaceResources)
          .where(
            inArray(
              spaceResources.slug,
              demoResources.map((r) => r.slug),
            ),
          )
      ).map((r) => r.slug),
    );
    for (const [position, r] of demoResources.entries()) {
      const zoneId = zoneIds.get(r.zone);
      if (existing.has(r.slug) || !zoneId) continue;
      const id = uuidv7();
      await tx.insert(spaceResources).values({
        id,
        zoneId,
        slug: r.slug,
        kind: r.kind,
        name: r.name,
        nameI18n: r.nameI18n,
        description: r.description,
        descriptionI18n: r.descriptionI18n,
        capacity: r.capacity,
        equipment: r.equipment,
        accessibility: r.accessibility,
        layouts: r.layouts ?? [],
        openingHours: weekdayHours,
        rules: defaultRules[r.kind],
        position,
      });
      if (r.kind === 'desk')
        await tx.insert(spaceDesks).values(
          Array.from({ length: r.capacity }, (_, i) => ({
            id: uuidv7(),
            resourceId: id,
            number: i + 1,
            label: i < 10 ? 'przy oknie' : '',
          })),
        );
      created++;
    }
    const packages = new Set(
      (await tx.select({ slug: spacePackages.slug }).from(spacePackages)).map((p) => p.slug),
    );
    for (const [position, p] of demoPackages.entries()) {
      if (packages.has(p.slug)) continue;
      await tx.insert(spacePackages).values({ id: uuidv7(), position, ...p });
      created++;
    }
  });
  return created;
}
