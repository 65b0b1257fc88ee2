// Demo organisations from shared/seeds/003 (the revitalisation ambassadors, chosen by open
// competition, one per subarea), all verified, plus one informal group awaiting verification so
// the staff queue is not empty. No registration numbers are invented: identifiers stay empty.
// Idempotent: an organisation that already exists (by name) is left as it is.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { PlacesService } from '../places/index.ts';
import {
  type OrganisationKind,
  type OrganisationStatus,
  organisationMembers,
  organisations,
} from './schema.ts';

interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  subarea: string;
  status: OrganisationStatus;
  owner: string;
  description: string;
}

export const demoOrganisations: DemoOrganisation[] = [
  {
    name: 'Fundacja Małopolska Izba Samorządowa',
    kind: 'foundation',
    subarea: 'grzegorzki-wesola',
    status: 'verified',
    owner: 'ambasador@klaster.example',
    description: [
      'Ambasador rewitalizacji na podobszarze Grzegórzki-Wesoła. Małopolska Izba Samorządowa, powstała w 2015 roku, jest znana mieszkańcom Grzegórzek z wielu działań na rzecz dzielnicy. Fundacja nie tylko wspiera osoby zainteresowane rozwijaniem kompetencji społecznych czy obywatelskich, ale także aktywnie angażuje się w proces „odczarowania” rewitalizacji.',
      'Od 2018 roku w siedzibie Fundacji przy al. Daszyńskiego 16 mieści się Centrum Aktywności Seniorów. W latach 2023–2024 Fundacja realizowała zadania publiczne Gminy Miejskiej Kraków w obszarze rewitalizacji „Wspieranie procesu rewitalizacji – Sąsiedzkie Innowacje – Przystanek Grzegórzki” oraz „Przystanek Grzegórzki 2.24”.',
      'Planuje m.in. gry miejskie „Szlakiem Ambasadora po Wesołej” i „Szlakiem Ambasadora po Starych Grzegórkach”, potańcówki międzypokoleniowe na placu Targowym i na Wesołej, ścieżkę sensoryczną dla osób z niepełnosprawnościami, Sąsiedzką Mapę Pomocy, działania edukacyjne dla młodzieży szkolnej oraz spotkania edukacyjno-informacyjne o rewitalizacji.',
    ].join('\n\n'),
  },
  {
    name: 'Fundacja Faktor Kultura',
    kind: 'foundation',
    subarea: 'stara-nowa-huta',
    status: 'verified',
    owner: 'ambasador@klaster.example',
    description: [
      'Ambasador rewitalizacji na podobszarze „stara” Nowa Huta. Fundacja Faktor Kultura powstała w 2016 roku, aby zmienić wyobrażenia o „starej” Nowej Hucie. Działalność edukacyjna w obszarze rewitalizacji jest jednym z jej celów statutowych. Do tej pory zorganizowała wiele wystaw, spotkań autorskich, warsztatów twórczych dla dzieci i dorosłych oraz pokazów filmowych.',
      'Planuje m.in. śniadania rewitalizacyjne (spotkania networkingowe), „Ambasadę rewitalizacji” — otwarte miejsce wymiany wiedzy o rewitalizacji, warsztaty ekologiczne dla dzieci, wymiankę sąsiedzką na placu targowym przy ul. Bulwarowej, pasmo literackie „Miasto życzliwe” oraz warsztaty pisarsko-reporterskie.',
    ].join('\n\n'),
  },
  {
    name: 'Stowarzyszenie Fablab Kraków',
    kind: 'association',
    subarea: 'kazimierz-stradom',
    status: 'verified',
    owner: 'ambasador@klaster.example',
    description: [
      'Ambasador rewitalizacji na podobszarze Kazimierz-Stradom. Stowarzyszenie Fablab Kraków od 2017 roku realizuje projekty w zakresie edukacji przestrzennej, rewitalizacji i aktywizacji społecznej w Krakowie. Współpracuje z lokalnymi instytucjami kultury, szkołami i przedsiębiorcami, wspiera partycypację społeczną i tworzy rozwiązania oparte na lokalnym potencjale podobszaru rewitalizacji.',
      'Planuje m.in. warsztaty fotografii detali architektonicznych, podwórek i ulic, warsztaty rękodzielnicze, coaching obywatelski „jak działać lokalnie”, warsztaty dla szkół i przedszkoli, cykl spotkań „rewitalizacja od kuchni”, spacer badawczy „Kazimierz pod lupą” z mapą potrzeb i zasobów oraz mini-warsztat „Co to jest rewitalizacja?”.',
    ].join('\n\n'),
  },
  {
    name: 'Sąsiedzi z Zabłocia',
    kind: 'informal_group',
    subarea: '',
    status: 'pending',
    owner: 'mieszkanka@klaster.example',
    description:
      'Nieformalna grupa mieszkańców Zabłocia. Chcemy wspólnie dbać o podwórka, organizować sąsiedzkie spotkania i pomagać starszym sąsiadom w codziennych sprawach.',
  },
];

/** Creates the demo organisations that do not exist yet; returns how many were created. */
export async function seedOrganisations(
  db: Db,
  places: PlacesService,
  users: Map<string, string>,
  at: Date,
): Promise<number> {
  const subareas = await places.subareaOptions();
  let created = 0;
  for (const o of demoOrganisations) {
    const owner = users.get(o.owner);
    if (!owner) continue;
    const [existing] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, o.name))
      .limit(1);
    if (existing) continue;
    const id = uuidv7();
    const now = at;
    await db.transaction(async (tx) => {
      await tx.insert(organisations).values({
        id,
        name: o.name,
        kind: o.kind,
        description: o.description,
        subareaId: subareas.find((s) => s.slug === o.subarea)?.id ?? null,
        status: o.status,
        verifiedAt: o.status === 'verified' ? now : null,
        createdBy: owner,
      });
      await tx
        .insert(organisationMembers)
        .values({ id: uuidv7(), organisationId: id, userId: owner, role: 'owner' });
    });
    created += 1;
  }
  return created;
}
