// Demo data of events, from the public documents in shared/seeds: the Revitalisation Week 2023
// meetings ("Działamy razem!", 15–18 May 2023; the two struck through on the city's page are
// cancelled here), and the revitalisation ambassadors' planned activities in their subareas as
// upcoming events of their organisations, dated from the clock so that they stay upcoming. The
// ambassador proposes them and staff publish them, through the service (audit rows included).
// Idempotent: an event whose title and series are already there is not made again.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { actingAs, systemContext } from '../../platform/context.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { isWorkingDay } from '../../platform/time/holidays.ts';
import { addDays, todayInWarsaw, warsawInstant } from '../../platform/time/warsaw.ts';
import { events } from './schema.ts';
import type { EventInput, EventsService } from './service.ts';

const WEEK_2023 = 'Tydzień Rewitalizacji 2023';
const AMBASSADORS = 'Ambasadorzy rewitalizacji';
const CLUSTER = 'Klaster Zabłocie 20.22';
/** The cluster's own event in one of its rooms (the spaces module's demo room, booked through it). */
const breakfast = {
  title: 'Śniadanie networkingowe Zabłocie 20.22',
  titleEn: 'Zabłocie 20.22 networking breakfast',
  titleUk: 'Нетворкінг-сніданок Zabłocie 20.22',
  description:
    'Poranek dla przedsiębiorców, organizacji pozarządowych i mieszkańców, którzy działają w Klastrze albo chcą zacząć: kawa, krótkie przedstawienie się i rozmowy przy stołach.',
  room: 'sala-warsztatowa-innowacji-spolecznych',
  inDays: 10,
  from: '08:30',
  to: '10:00',
  capacity: 20,
};
const CITY_UNIT = 'Wydział ds. Przedsiębiorczości i Innowacji Urzędu Miasta Krakowa';
const WEEK_TEXT =
  '„Działamy razem!” — spotkanie Tygodnia Rewitalizacji, służące wsłuchaniu się w głos interesariuszy i pogłębieniu wiedzy o problemach i potencjałach obszarów, które należy objąć rewitalizacją (Gminny Program Rewitalizacji).';

/** The week's meetings as the city's page lists them; the source gives no hour for 15 May (assumed 17:00–19:00). */
const week2023: Array<{
  title: string;
  day: string;
  from: string;
  to: string;
  subarea: string | null;
  address: string;
  lat: number;
  lng: number;
  audiences: EventInput['audiences'];
  cancelled: boolean;
  note: string;
}> = [
  {
    title: 'Tydzień Rewitalizacji: spotkanie w „starej” Nowej Hucie',
    day: '2023-05-15',
    from: '17:00',
    to: '19:00',
    subarea: 'stara-nowa-huta',
    address: 'Dom Utopii – Międzynarodowe Centrum Empatii, os. Szkolne 26a, Kraków',
    lat: 50.0755,
    lng: 20.0337,
    audiences: ['residents', 'local_leaders', 'ngos', 'institutions'],
    cancelled: true,
    note: 'Spotkanie dla podobszaru „stara” Nowa Huta.',
  },
  {
    title: 'Tydzień Rewitalizacji: spotkanie dla mieszkańców, NGO i lokalnych liderów',
    day: '2023-05-17',
    from: '17:00',
    to: '19:00',
    subarea: 'kazimierz-stradom',
    address: 'Muzeum Etnograficzne, pl. Wolnica 1, Kraków',
    lat: 50.0497,
    lng: 19.9447,
    audiences: ['residents', 'ngos', 'local_leaders'],
    cancelled: true,
    note: 'Spotkanie dla podobszarów Grzegórzki-Wesoła i Kazimierz-Stradom.',
  },
  {
    title: 'Tydzień Rewitalizacji: spotkanie dla instytucji',
    day: '2023-05-18',
    from: '13:00',
    to: '15:30',
    subarea: 'grzegorzki-wesola',
    address: 'Klaster Innowacji Społeczno-Gospodarczych Zabłocie 20.22, ul. Zabłocie 20–22, Kraków',
    lat: 50.0489,
    lng: 19.9592,
    audiences: ['institutions'],
    cancelled: false,
    note: 'Spotkanie dla podobszarów Grzegórzki-Wesoła i Kazimierz-Stradom.',
  },
];

/** Each ambassador's planned activities (document 003), by organisation name. */
const ambassadors: Record<
  string,
  {
    subarea: string;
    activities: Array<
      Pick<EventInput, 'kind' | 'audiences' | 'maxCompanions' | 'capacity'> & {
        title: string;
        description: string;
        address: string;
        inDays: number;
        from: string;
        hours: number;
        stepFree?: boolean;
      }
    >;
  }
> = {
  'Fundacja Małopolska Izba Samorządowa': {
    subarea: 'grzegorzki-wesola',
    activities: [
      {
        title: 'Gra miejska „Szlakiem Ambasadora po Wesołej”',
        description: 'Gra miejska, w której poznajemy Wesołą i jej zmiany.',
        kind: 'city_game',
        audiences: ['residents', 'youth'],
        address: 'Centrum Aktywności Seniorów, al. Daszyńskiego 16, Kraków (start gry)',
        inDays: 9,
        from: '16:00',
        hours: 2,
        capacity: 30,
        maxCompanions: 3,
      },
      {
        title: 'Potańcówka międzypokoleniowa na placu Targowym',
        description: 'Potańcówka dla sąsiadów w każdym wieku.',
        kind: 'intergenerational_dance',
        audiences: ['residents', 'seniors', 'youth'],
        address: 'plac Targowy, Grzegórzki, Kraków',
        inDays: 16,
        from: '17:00',
        hours: 3,
        capacity: 80,
        maxCompanions: 3,
        stepFree: true,
      },
      {
        title: 'Rewitalizacja przez zmysły: ścieżka sensoryczna',
        description:
          'Ścieżka sensoryczna dla osób z niepełnosprawnościami: poznajemy dzielnicę przez dźwięk, światło, zapach i dotyk.',
        kind: 'workshop',
        audiences: ['residents', 'seniors'],
        address: 'Centrum Aktywności Seniorów, al. Daszyńskiego 16, Kraków',
        inDays: 23,
        from: '11:00',
        hours: 2,
        capacity: 15,
        maxCompanions: 1,
        stepFree: true,
      },
      {
        title: 'Sąsiedzka Mapa Pomocy: spotkanie',
        description: 'Tworzymy bazę osób i organizacji gotowych pomóc mieszkańcom w sytuacji kryzysowej.',
        kind: 'meeting',
        audiences: ['residents', 'ngos', 'local_leaders'],
        address: 'Centrum Aktywności Seniorów, al. Daszyńskiego 16, Kraków',
        inDays: 30,
        from: '18:00',
        hours: 2,
        capacity: 25,
        maxCompanions: 0,
      },
    ],
  },
  'Fundacja Faktor Kultura': {
    subarea: 'stara-nowa-huta',
    activities: [
      {
        title: 'Śniadanie rewitalizacyjne',
        description: 'Spotkanie networkingowe osób, którym bliska jest rewitalizacja Nowej Huty.',
        kind: 'networking_breakfast',
        audiences: ['residents', 'ngos', 'entrepreneurs', 'local_leaders'],
        address: 'Nowa Huta, Kraków (miejsce podamy zapisanym)',
        inDays: 8,
        from: '09:00',
        hours: 2,
        capacity: 20,
        maxCompanions: 0,
      },
      {
        title: 'Wymianka sąsiedzka na placu targowym',
        description: 'Wymieniamy się rzeczami i poznajemy sąsiadów.',
        kind: 'other',
        audiences: ['residents'],
        address: 'plac targowy przy ul. Bulwarowej, Kraków',
        inDays: 13,
        from: '10:00',
        hours: 4,
        capacity: null,
        maxCompanions: 0,
        stepFree: true,
      },
      {
        title: 'Pasmo literackie „Miasto życzliwe”: debata',
        description:
          'Debata z udziałem ekspertów, badaczy i reportażystów o miejskich wyzwaniach i partycypacji społecznej.',
        kind: 'debate',
        audiences: ['residents', 'ngos', 'institutions'],
        address: 'Nowa Huta, Kraków (miejsce podamy zapisanym)',
        inDays: 20,
        from: '18:00',
        hours: 2,
        capacity: 60,
        maxCompanions: 1,
      },
      {
        title: 'Warsztaty ekologiczne dla dzieci',
        description: 'Warsztaty dla dzieci o tematyce ekologicznej.',
        kind: 'workshop',
        audiences: ['residents', 'youth'],
        address: 'Nowa Huta, Kraków (miejsce podamy zapisanym)',
        inDays: 27,
        from: '10:00',
        hours: 2,
        capacity: 12,
        maxCompanions: 1,
      },
    ],
  },
  'Stowarzyszenie Fablab Kraków': {
    subarea: 'kazimierz-stradom',
    activities: [
      {
        title: 'Spacer badawczy „Kazimierz pod lupą”',
        description: 'Mieszkańcy tworzą mapę potrzeb i zasobów: co warto zachować, a co zmienić.',
        kind: 'research_walk',
        audiences: ['residents', 'local_leaders'],
        address: 'Kazimierz, Kraków (miejsce zbiórki podamy zapisanym)',
        inDays: 11,
        from: '17:00',
        hours: 2,
        capacity: 20,
        maxCompanions: 1,
      },
      {
        title: 'Coaching obywatelski „Jak działać lokalnie”',
        description: 'Jak zacząć działać na rzecz sąsiedztwa i się nie wypalić.',
        kind: 'training',
        audiences: ['residents', 'ngos', 'local_leaders'],
        address: 'Kazimierz, Kraków (miejsce podamy zapisanym)',
        inDays: 18,
        from: '18:00',
        hours: 2,
        capacity: 20,
        maxCompanions: 0,
      },
      {
        title: 'Warsztaty fotografii detali architektonicznych',
        description: 'Fotografujemy detale architektoniczne, podwórka i ulice Kazimierza.',
        kind: 'workshop',
        audiences: ['residents', 'youth'],
        address: 'Kazimierz, Kraków (miejsce zbiórki podamy zapisanym)',
        inDays: 25,
        from: '16:00',
        hours: 3,
        capacity: 12,
        maxCompanions: 0,
      },
      {
        title: 'Mini-warsztat „Co to jest rewitalizacja?”',
        description: 'Krótki warsztat z prezentacją przykładów rewitalizacji z Polski.',
        kind: 'workshop',
        audiences: ['residents', 'youth', 'seniors'],
        address: 'Kazimierz, Kraków (miejsce podamy zapisanym)',
        inDays: 32,
        from: '17:30',
        hours: 1,
        capacity: 25,
        maxCompanions: 1,
      },
    ],
  },
};

export interface EventsDemoDeps {
  db: Db;
  clock: Clock;
  svc: EventsService;
  staffId: string | undefined;
  /** The staff member's name and address (the spaces module writes to whoever books a room). */
  staffPerson: { name: string; email: string };
  ambassadorId: string | undefined;
  subareas: Array<{ id: string; slug: string }>;
  /** The ambassador's organisations (their ids by name). */
  organisations: Array<{ id: string; name: string }>;
}

/** Loads the demo events; how many it made. */
export async function seedEvents(d: EventsDemoDeps): Promise<number> {
  if (!d.staffId) return 0;
  const base = systemContext(d.clock, 'demo');
  const staff = actingAs(base, { id: d.staffId, role: 'staff', locale: 'pl' as const, ...d.staffPerson });
  const subareaId = (slug: string | null) => (slug ? d.subareas.find((s) => s.slug === slug)?.id : undefined);
  const exists = async (title: string, series: string) =>
    (
      await d.db
        .select({ id: events.id })
        .from(events)
        .where(and(eq(events.title, title), eq(events.series, series)))
    ).length > 0;
  let made = 0;

  for (const m of week2023) {
    if (await exists(m.title, WEEK_2023)) continue;
    const draft = await d.svc.create(staff, {
      title: { pl: m.title },
      description: { pl: `${WEEK_TEXT}\n\n${m.note}\n\nKontakt: rewitalizacja@um.krakow.pl` },
      kind: 'meeting',
      audiences: m.audiences,
      subareaId: subareaId(m.subarea),
      venue: { address: m.address, lat: m.lat, lng: m.lng },
      organiserUnit: CITY_UNIT,
      series: WEEK_2023,
      contact: 'rewitalizacja@um.krakow.pl',
      startsAt: warsawInstant(m.day, m.from),
      endsAt: warsawInstant(m.day, m.to),
    });
    await d.svc.publish(staff, draft.id);
    // The documents strike these through and give no reason.
    if (m.cancelled) await d.svc.cancel(staff, draft.id, 'Spotkanie odwołane przez organizatora.');
    made++;
  }

  if (d.ambassadorId) {
    const ambassador = actingAs(base, { id: d.ambassadorId, role: 'resident' });
    const today = todayInWarsaw(d.clock.now());
    for (const [name, plan] of Object.entries(ambassadors)) {
      const org = d.organisations.find((o) => o.name === name);
      if (!org) continue;
      for (const a of plan.activities) {
        if (await exists(a.title, AMBASSADORS)) continue;
        const startsAt = warsawInstant(addDays(today, a.inDays), a.from);
        const draft = await d.svc.create(ambassador, {
          title: { pl: a.title },
          description: { pl: `${a.description}\n\nOrganizator: ${name}, Ambasador rewitalizacji.` },
          kind: a.kind,
          audiences: a.audiences,
          subareaId: subareaId(plan.subarea),
          venue: { address: a.address },
          organisationId: org.id,
          series: AMBASSADORS,
          accessibility: {
            stepFree: a.stepFree ?? false,
            inductionLoop: false,
            signLanguage: false,
            quietRoom: false,
          },
          startsAt,
          endsAt: new Date(startsAt.getTime() + a.hours * 3_600_000),
          registration: true,
          capacity: a.capacity,
          maxCompanions: a.maxCompanions,
          consent: {
            pl: `Zgadzam się na przetwarzanie moich danych przez ${name} w celu organizacji wydarzenia.`,
          },
        });
        await d.svc.submit(ambassador, draft.id);
        await d.svc.publish(staff, draft.id);
        made++;
      }
    }
  }
  // The networking breakfast in a room of the cluster: publishing books the room (a meeting room
  // needs no approval, so its booking is confirmed at once).
  if (!(await exists(breakfast.title, CLUSTER))) {
    const roomId = (await d.svc.rooms()).find((r) => r.slug === breakfast.room)?.id;
    let day = addDays(todayInWarsaw(d.clock.now()), breakfast.inDays);
    while (!isWorkingDay(day)) day = addDays(day, 1);
    if (roomId) {
      const draft = await d.svc.create(staff, {
        title: { pl: breakfast.title, en: breakfast.titleEn, uk: breakfast.titleUk },
        description: { pl: breakfast.description },
        kind: 'networking_breakfast',
        audiences: ['entrepreneurs', 'ngos', 'residents'],
        spaceResourceId: roomId,
        organiserUnit: CITY_UNIT,
        series: CLUSTER,
        accessibility: { stepFree: true, inductionLoop: false, signLanguage: false, quietRoom: false },
        startsAt: warsawInstant(day, breakfast.from),
        endsAt: warsawInstant(day, breakfast.to),
        registration: true,
        capacity: breakfast.capacity,
      });
      await d.svc.publish(staff, draft.id);
      made++;
    }
  }
  // The series' pages: their titles and descriptions in three languages, and the ambassadors'
  // certificate of attendance after two activities (set once; staff may change them after).
  for (const [name, settings] of Object.entries(seriesSettings)) {
    const series = await d.svc.seriesNamed(name);
    if (!series || series.titleI18n.en) continue;
    await d.svc.updateSeries(staff, series.slug, settings);
    made++;
  }
  // The week's meeting that took place is over.
  if (made > 0) await d.svc.finishPast(base);
  return made;
}

const seriesSettings: Record<string, Parameters<EventsService['updateSeries']>[2]> = {
  [WEEK_2023]: {
    title: {
      pl: 'Tydzień Rewitalizacji 2023 — „Działamy razem!”',
      en: 'Revitalisation Week 2023 — “Let’s act together!”',
      uk: 'Тиждень ревіталізації 2023 — «Діємо разом!»',
    },
    description: {
      pl: 'Spotkania z mieszkańcami obszarów rewitalizacji (15–18 maja 2023) przed nowym Gminnym Programem Rewitalizacji.',
      en: 'Meetings with the residents of the revitalisation areas (15–18 May 2023) ahead of the new Municipal Revitalisation Programme.',
      uk: 'Зустрічі з мешканцями територій ревіталізації (15–18 травня 2023) перед новою Гмінною програмою ревіталізації.',
    },
    certificateMinSessions: null,
  },
  [CLUSTER]: {
    title: { pl: CLUSTER, en: 'Zabłocie 20.22 Cluster', uk: 'Кластер Zabłocie 20.22' },
    description: {
      pl: 'Wydarzenia Klastra Innowacji Społeczno-Gospodarczych Zabłocie 20.22: śniadania, warsztaty, spotkania.',
      en: 'Events of the Zabłocie 20.22 Social and Economic Innovation Cluster: breakfasts, workshops, meetings.',
      uk: 'Події Кластера соціально-економічних інновацій Zabłocie 20.22: сніданки, майстерні, зустрічі.',
    },
    certificateMinSessions: null,
  },
  [AMBASSADORS]: {
    title: { pl: AMBASSADORS, en: 'Revitalisation ambassadors', uk: 'Амбасадори ревіталізації' },
    description: {
      pl: 'Działania ambasadorów rewitalizacji w ich obszarach. Udział w dwóch działaniach daje zaświadczenie.',
      en: 'The revitalisation ambassadors’ activities in their areas. Taking part in two earns a certificate.',
      uk: 'Діяльність амбасадорів ревіталізації на їхніх територіях. Участь у двох заходах дає довідку.',
    },
    certificateMinSessions: 2,
  },
};
