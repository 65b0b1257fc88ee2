// Demo data of the places: the Zabłocie 20.22 cluster's two buildings and their zones, and the three
// revitalisation subareas, from the public documents in shared/seeds. Idempotent.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildings, sites, subareas, type ZoneKind, zones } from './schema.ts';

const SITE_SLUG = 'zablocie-20-22';

const clusterBuildings: Array<{
  code: string;
  name: string;
  description: string;
  zones: Array<{ slug: string; kind: ZoneKind; name: string; description: string }>;
}> = [
  {
    code: 'A',
    name: 'Budynek A — Zabłocie Space',
    description:
      'Duży, szary budynek, którego przestrzeń służy wydarzeniom, a także strefom pracy i działań społecznych.',
    zones: [
      {
        slug: 'zablocie-space-wydarzenia',
        kind: 'event_space',
        name: 'Przestrzeń wydarzeń Zabłocie Space',
        description: 'Sala na spotkania, konferencje, warsztaty i wydarzenia dla mieszkańców.',
      },
      {
        slug: 'strefa-przedsiebiorczosci-kreatywna',
        kind: 'coworking',
        name: 'Strefa Przedsiębiorczości/Kreatywna',
        description:
          'Przestrzeń coworkingowa z 40 stanowiskami pracy, strefą kuchenną oraz pomieszczeniem B2B.',
      },
      {
        slug: 'strefa-innowacji-spolecznych',
        kind: 'social_innovation',
        name: 'Strefa Innowacji Społecznych',
        description:
          'Miejsce działań organizacji pozarządowych i społecznych oraz oddolnych inicjatyw mieszkańców.',
      },
    ],
  },
  {
    code: 'B',
    name: 'Budynek B',
    description: 'Niski budynek z ceglaną elewacją, siedziba miejskich punktów obsługi.',
    zones: [
      {
        slug: 'wydzial-przedsiebiorczosci-i-innowacji',
        kind: 'office',
        name: 'Wydział ds. Przedsiębiorczości i Innowacji UMK',
        description: 'Siedziba wydziału Urzędu Miasta Krakowa, który prowadzi Klaster.',
      },
      {
        slug: 'punkt-obslugi-przedsiebiorcy',
        kind: 'service_point',
        name: 'Punkt Obsługi Przedsiębiorcy UMK',
        description: 'Obsługa przedsiębiorców w jednym miejscu.',
      },
      {
        slug: 'centrum-obywatelskie',
        kind: 'civic_centre',
        name: 'Centrum Obywatelskie',
        description: 'Miejsce spotkań mieszkańców i organizacji pozarządowych.',
      },
      {
        slug: 'centrum-wspierania-inwestorow',
        kind: 'investor_centre',
        name: 'Centrum Wspierania Inwestorów i Innowacyjnej Gospodarki',
        description: 'Wsparcie inwestorów i innowacyjnych firm.',
      },
    ],
  },
];

export const demoSubareas = [
  {
    slug: 'kazimierz-stradom',
    name: 'Kazimierz-Stradom',
    description: 'Podobszar rewitalizacji; ambasador: Stowarzyszenie Fablab Kraków.',
  },
  {
    slug: 'grzegorzki-wesola',
    name: 'Grzegórzki-Wesoła',
    description: 'Podobszar rewitalizacji; ambasador: Fundacja Małopolska Izba Samorządowa.',
  },
  {
    slug: 'stara-nowa-huta',
    name: '„stara” Nowa Huta',
    description: 'Podobszar rewitalizacji; ambasador: Fundacja Faktor Kultura.',
  },
];

/** Creates the cluster's site, buildings, zones and the subareas unless the site exists. */
export async function seedPlaces(db: Db): Promise<boolean> {
  const [site] = await db.select({ id: sites.id }).from(sites).where(eq(sites.slug, SITE_SLUG));
  let created = false;
  if (!site) {
    created = true;
    await db.transaction(async (tx) => {
      const siteId = uuidv7();
      await tx.insert(sites).values({
        id: siteId,
        slug: SITE_SLUG,
        name: 'Klaster Innowacji Społeczno-Gospodarczych Zabłocie 20.22',
        address: 'ul. Zabłocie 20–22, 30-701 Kraków',
        description:
          'Klaster to dwa budynki w dawnych magazynach na Zabłociu: wspólna przestrzeń do działań i pracy dla start-upów, przedsiębiorców, organizacji pozarządowych i społecznych, środowisk twórczych oraz mieszkańców. Pomysł narodził się w trakcie konsultacji Miejskiego Programu Rewitalizacji Krakowa w 2016 roku.',
      });
      for (const [bi, b] of clusterBuildings.entries()) {
        const buildingId = uuidv7();
        await tx.insert(buildings).values({
          id: buildingId,
          siteId,
          code: b.code,
          name: b.name,
          description: b.description,
          position: bi,
        });
        for (const [zi, z] of b.zones.entries()) {
          await tx.insert(zones).values({ id: uuidv7(), buildingId, position: zi, ...z });
        }
      }
      for (const [i, s] of demoSubareas.entries())
        await tx.insert(subareas).values({ id: uuidv7(), position: i, ...s });
    });
  }
  return created;
}
