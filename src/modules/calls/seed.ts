// Demo data of calls, from the public documents in shared/seeds: one open call of each kind the
// mayor's programme report and the ambassadors' page name — the incubator's recruitment (smart
// city, 5G, life science, IoT, AI; six months to a year), a profiled competition for municipal
// premises at a preferential rent (milk bars, bookshops, art-house cinemas, non-profit culture),
// small grants for NGOs (art. 19a), "KRAKÓW♥EKO – Zielone Granty" for student research clubs, the
// co-funding of Kraków scientific conferences (124 applications and 42 funded last year), the
// revitalisation ambassadors' competition (one per subarea), and the open-data competition. Dated
// from the clock, so they stay open: opened ten days ago, the deadline weeks ahead at 16:00 in
// Warsaw. Written and published by the demo staff through the service (audit rows included).
// And one closed call judged to the end — "Małe granty 2026 — I nabór": four applications, checked
// formally, scored by a jury of two with a chair, the ranking approved and the results published —
// walked through the service at the moments it happened (each step's ctx.now), so every audit row,
// mail and rule is the real one.
// Idempotent: a call whose title is already there is not made again.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { actingAs, systemContext } from '../../platform/context.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { addDays, todayInWarsaw, warsawInstant } from '../../platform/time/warsaw.ts';
import type { FormField } from './form.ts';
import { calls } from './schema.ts';
import type { CallInput, CallsServices } from './service.ts';

const CONTACT = 'klaster@um.krakow.example';
const yes = (key: string, pl: string, en: string, uk: string): FormField => ({
  key,
  type: 'declaration',
  label: { pl, en, uk },
  required: true,
});
const truth = yes(
  'truth',
  'Oświadczam, że informacje we wniosku są prawdziwe.',
  'I declare that the information in this application is true.',
  'Заявляю, що інформація в заявці правдива.',
);
const summary = (max = 3000): FormField => ({
  key: 'summary',
  type: 'long_text',
  label: { pl: 'Opis projektu', en: 'Description of the project', uk: 'Опис проєкту' },
  hint: { pl: 'Cel, działania, odbiorcy i rezultaty.', en: 'Aim, activities, audience and results.' },
  required: true,
  maxLength: max,
});
const budget = (minOwnShare?: number): FormField => ({
  key: 'budget',
  type: 'budget',
  label: { pl: 'Budżet projektu', en: 'Budget of the project', uk: 'Бюджет проєкту' },
  required: true,
  maxRows: 15,
  ...(minOwnShare ? { minOwnShare } : {}),
});
const option = (key: string, pl: string, en: string, uk: string) => ({ key, label: { pl, en, uk } });

interface DemoCall {
  input: Omit<CallInput, 'opensAt' | 'deadlineAt'>;
  /** Days from today to the deadline (at 16:00 in Warsaw). */
  deadlineIn: number;
  fields: FormField[];
}

const demoCalls: DemoCall[] = [
  {
    input: {
      title: {
        pl: 'Nabór do Inkubatora Przedsiębiorczości Zabłocie 20.22',
        en: 'Call for the Zabłocie 20.22 Business Incubator',
        uk: 'Набір до Інкубатора підприємництва Zabłocie 20.22',
      },
      description: {
        pl: 'Program dla młodych przedsiębiorców, startupów, naukowców oraz małych i średnich firm, którzy chcą rozpocząć i rozwijać swoje pomysły biznesowe. Członkostwo trwa **od pół roku do roku** i zaczyna się od spersonalizowanego planu inkubacji. Wspierane obszary: smart city, 5G, life science, Internet of Things oraz AI.',
        en: 'A programme for young entrepreneurs, start-ups, researchers and small and medium firms who want to start and grow their business ideas. Membership lasts **six months to a year** and starts with a personal incubation plan. Areas: smart city, 5G, life science, the Internet of Things and AI.',
      },
      kind: 'incubator',
      numberPrefix: 'INK',
      personsMayApply: true,
      organisationKinds: ['company', 'sole_trader'],
      places: 12,
      contactEmail: CONTACT,
    },
    deadlineIn: 30,
    fields: [
      {
        key: 'project',
        type: 'short_text',
        label: {
          pl: 'Nazwa pomysłu lub firmy',
          en: 'Name of the idea or company',
          uk: 'Назва ідеї або компанії',
        },
        required: true,
        maxLength: 120,
      },
      {
        key: 'area',
        type: 'single_choice',
        label: { pl: 'Obszar', en: 'Area', uk: 'Напрям' },
        required: true,
        options: [
          option('smart_city', 'Smart city', 'Smart city', 'Розумне місто'),
          option('g5', '5G', '5G', '5G'),
          option('life_science', 'Life science', 'Life science', 'Науки про життя'),
          option('iot', 'Internet of Things', 'Internet of Things', 'Інтернет речей'),
          option('ai', 'Sztuczna inteligencja', 'Artificial intelligence', 'Штучний інтелект'),
        ],
      },
      {
        key: 'months',
        type: 'single_choice',
        label: {
          pl: 'Jak długo w inkubatorze?',
          en: 'How long in the incubator?',
          uk: 'Як довго в інкубаторі?',
        },
        required: true,
        options: [
          option('six', '6 miesięcy', '6 months', '6 місяців'),
          option('twelve', '12 miesięcy', '12 months', '12 місяців'),
        ],
      },
      {
        key: 'team',
        type: 'number',
        label: { pl: 'Liczba osób w zespole', en: 'People in the team', uk: 'Кількість осіб у команді' },
        required: true,
        integer: true,
        min: 1,
        max: 50,
      },
      summary(),
      {
        key: 'nip',
        type: 'nip',
        label: { pl: 'NIP firmy (jeśli jest)', en: 'Company NIP (if any)' },
        required: false,
      },
      truth,
    ],
  },
  {
    input: {
      title: {
        pl: 'Konkurs na najem lokali użytkowych z preferencyjnym czynszem dla branż chronionych',
        en: 'Competition for municipal premises at a preferential rent for protected trades',
        uk: 'Конкурс на оренду міських приміщень з пільговою орендою для захищених галузей',
      },
      description: {
        pl: 'Profilowany konkurs na wynajem miejskich lokali użytkowych (Program gospodarczego wspierania przedsiębiorczości w zakresie branż chronionych i zanikających, uchwała nr LXXXI/1060/09). Preferencyjny czynsz obejmuje bary mleczne, księgarnie, kina studyjne oraz inicjatywy non profit i not for profit działające w kulturze.',
        en: 'A profiled competition for renting municipal premises (the programme supporting protected and vanishing trades, resolution LXXXI/1060/09). The preferential rent covers milk bars, bookshops, art-house cinemas and non-profit cultural initiatives.',
      },
      kind: 'premises',
      numberPrefix: 'LOK',
      organisationKinds: ['company', 'sole_trader', 'foundation', 'association'],
      contactEmail: CONTACT,
    },
    deadlineIn: 21,
    fields: [
      {
        key: 'trade',
        type: 'single_choice',
        label: { pl: 'Branża', en: 'Trade', uk: 'Галузь' },
        required: true,
        options: [
          option('milk_bar', 'Bar mleczny', 'Milk bar', 'Молочний бар'),
          option('bookshop', 'Księgarnia', 'Bookshop', 'Книгарня'),
          option('cinema', 'Kino studyjne', 'Art-house cinema', 'Арт-кінотеатр'),
          option('culture', 'Kultura non profit', 'Non-profit culture', 'Некомерційна культура'),
        ],
      },
      {
        key: 'plan',
        type: 'long_text',
        label: {
          pl: 'Plan działalności w lokalu',
          en: 'What you will do in the premises',
          uk: 'План діяльності',
        },
        required: true,
        maxLength: 5000,
      },
      {
        key: 'years',
        type: 'number',
        label: {
          pl: 'Od ilu lat działa firma lub organizacja',
          en: 'Years in business',
          uk: 'Років діяльності',
        },
        required: true,
        integer: true,
        min: 0,
        max: 200,
      },
      { key: 'nip', type: 'nip', label: { pl: 'NIP', en: 'NIP', uk: 'NIP' }, required: true },
      truth,
    ],
  },
  {
    input: {
      title: {
        pl: 'Małe granty dla organizacji pozarządowych w obszarach rewitalizacji',
        en: 'Small grants for NGOs in the revitalisation areas',
        uk: 'Малі гранти для громадських організацій на територіях ревіталізації',
      },
      description: {
        pl: 'Projekty naukowe, popularnonaukowe i innowacyjne organizacji pozarządowych w trybie tzw. małych grantów (art. 19a ustawy o działalności pożytku publicznego i o wolontariacie): do 10 000 zł na projekt, realizacja do 90 dni. W zeszłym roku dofinansowaliśmy 9 projektów.',
        en: 'Research, popular-science and innovative projects of NGOs as "small grants" (art. 19a of the Public Benefit and Volunteer Work Act): up to 10,000 zł per project, carried out within 90 days. Last year 9 projects were funded.',
      },
      kind: 'ngo_grant',
      numberPrefix: 'MG',
      organisationKinds: ['foundation', 'association'],
      budget: 10_000_000,
      maxAmount: 1_000_000,
      contactEmail: CONTACT,
    },
    deadlineIn: 28,
    fields: [
      summary(),
      {
        key: 'subarea',
        type: 'subarea',
        label: { pl: 'Obszar rewitalizacji', en: 'Revitalisation area', uk: 'Територія ревіталізації' },
        required: true,
      },
      budget(0.1),
      {
        key: 'krs',
        type: 'krs',
        label: { pl: 'Numer KRS', en: 'KRS number', uk: 'Номер KRS' },
        required: true,
      },
      truth,
    ],
  },
  {
    input: {
      title: {
        pl: 'KRAKÓW♥EKO – Zielone Granty dla kół naukowych',
        en: 'KRAKÓW♥EKO – Green Grants for student research clubs',
        uk: 'KRAKÓW♥EKO – Зелені гранти для студентських наукових гуртків',
      },
      description: {
        pl: 'Konkurs dla kół naukowych krakowskich uczelni, wspierający projekty z zakresu ochrony środowiska, ekologii i idei SMART CITY.',
        en: 'A competition for the research clubs of Kraków’s universities, for projects in environmental protection, ecology and the SMART CITY idea.',
      },
      kind: 'green_grant',
      numberPrefix: 'ZG',
      organisationKinds: ['university_or_student_club'],
      budget: 5_000_000,
      maxAmount: 500_000,
      contactEmail: CONTACT,
    },
    deadlineIn: 35,
    fields: [
      {
        key: 'university',
        type: 'short_text',
        label: {
          pl: 'Uczelnia i koło naukowe',
          en: 'University and research club',
          uk: 'Університет і гурток',
        },
        required: true,
        maxLength: 200,
      },
      {
        key: 'topics',
        type: 'multiple_choice',
        label: { pl: 'Tematy projektu', en: 'Topics of the project', uk: 'Теми проєкту' },
        required: true,
        maxChoices: 3,
        options: [
          option('environment', 'Ochrona środowiska', 'Environmental protection', 'Охорона довкілля'),
          option('ecology', 'Ekologia', 'Ecology', 'Екологія'),
          option('smart_city', 'Smart city', 'Smart city', 'Розумне місто'),
        ],
      },
      summary(),
      budget(),
      truth,
    ],
  },
  {
    input: {
      title: {
        pl: 'Krakowskie Konferencje Naukowe — współfinansowanie konferencji',
        en: 'Kraków Scientific Conferences — co-funding of conferences',
        uk: 'Краківські наукові конференції — співфінансування конференцій',
      },
      description: {
        pl: 'Współfinansowanie konferencji naukowych organizowanych w Krakowie w ramach Krakowskiego Ośrodka Naukowo-Akademickiego (KONA). W zeszłym roku wpłynęły 124 wnioski, zrealizowano 42 konferencje.',
        en: 'Co-funding of scientific conferences held in Kraków, within the Kraków Scientific and Academic Centre (KONA). Last year 124 applications came in and 42 conferences took place.',
      },
      kind: 'conference',
      numberPrefix: 'KKN',
      organisationKinds: ['university_or_student_club', 'foundation', 'association'],
      budget: 42_000_000,
      maxAmount: 2_000_000,
      contactEmail: CONTACT,
    },
    deadlineIn: 42,
    fields: [
      {
        key: 'conference',
        type: 'short_text',
        label: { pl: 'Nazwa konferencji', en: 'Name of the conference', uk: 'Назва конференції' },
        required: true,
        maxLength: 200,
      },
      {
        key: 'date',
        type: 'date',
        label: {
          pl: 'Pierwszy dzień konferencji',
          en: 'First day of the conference',
          uk: 'Перший день конференції',
        },
        required: true,
      },
      {
        key: 'participants',
        type: 'number',
        label: {
          pl: 'Spodziewana liczba uczestników',
          en: 'Expected participants',
          uk: 'Очікувана кількість учасників',
        },
        required: true,
        integer: true,
        min: 10,
        max: 10_000,
      },
      {
        key: 'amount',
        type: 'amount',
        label: { pl: 'Wnioskowana kwota', en: 'Amount requested', uk: 'Запитувана сума' },
        required: true,
      },
      summary(),
      truth,
    ],
  },
  {
    input: {
      title: {
        pl: 'Otwarty konkurs „Ambasador rewitalizacji”',
        en: 'Open competition “Revitalisation Ambassador”',
        uk: 'Відкритий конкурс «Амбасадор ревіталізації»',
      },
      description: {
        pl: 'Wybieramy po jednym Ambasadorze rewitalizacji dla każdego podobszaru: Kazimierz-Stradom, Grzegórzki-Wesoła i „stara” Nowa Huta. Ambasador inicjuje działania oddolne i wspiera współpracę interesariuszy — **rewitalizacja to coś więcej niż tylko remonty**.',
        en: 'We choose one Revitalisation Ambassador for each subarea: Kazimierz-Stradom, Grzegórzki-Wesoła and “old” Nowa Huta. An ambassador starts grassroots activities and brings the stakeholders together — **revitalisation is more than renovation**.',
      },
      kind: 'ambassador',
      numberPrefix: 'AR',
      organisationKinds: ['foundation', 'association'],
      places: 3,
      contactEmail: 'rewitalizacja@um.krakow.example',
    },
    deadlineIn: 25,
    fields: [
      {
        key: 'subarea',
        type: 'subarea',
        label: {
          pl: 'Podobszar rewitalizacji',
          en: 'Revitalisation subarea',
          uk: 'Підтериторія ревіталізації',
        },
        required: true,
      },
      {
        key: 'activities',
        type: 'long_text',
        label: { pl: 'Planowane działania', en: 'Planned activities', uk: 'Заплановані заходи' },
        hint: {
          pl: 'Np. gra miejska, śniadania networkingowe, spacery badawcze, konsultacje.',
          en: 'E.g. a city game, networking breakfasts, research walks, consultations.',
        },
        required: true,
        maxLength: 5000,
      },
      {
        key: 'krs',
        type: 'krs',
        label: { pl: 'Numer KRS', en: 'KRS number', uk: 'Номер KRS' },
        required: true,
      },
      truth,
    ],
  },
  {
    input: {
      title: {
        pl: 'Konkurs otwartych danych Krakowa',
        en: 'Kraków open data competition',
        uk: 'Конкурс відкритих даних Кракова',
      },
      description: {
        pl: 'Konkurs na aplikacje, wizualizacje i analizy korzystające z otwartych danych miasta. Mogą startować osoby, zespoły i organizacje.',
        en: 'A competition for apps, visualisations and analyses built on the city’s open data. Individuals, teams and organisations may enter.',
      },
      kind: 'open_data',
      numberPrefix: 'OD',
      personsMayApply: true,
      organisationKinds: [
        'foundation',
        'association',
        'company',
        'sole_trader',
        'university_or_student_club',
        'informal_group',
      ],
      places: 3,
      contactEmail: CONTACT,
    },
    deadlineIn: 49,
    fields: [
      {
        key: 'idea',
        type: 'long_text',
        label: { pl: 'Pomysł', en: 'The idea', uk: 'Ідея' },
        required: true,
        maxLength: 3000,
      },
      {
        key: 'datasets',
        type: 'long_text',
        label: { pl: 'Z jakich danych miasta skorzystasz?', en: 'Which of the city’s data will you use?' },
        required: true,
        maxLength: 2000,
      },
      {
        key: 'team',
        type: 'yes_no',
        label: {
          pl: 'Zgłaszasz się z zespołem?',
          en: 'Are you entering as a team?',
          uk: 'Ви берете участь командою?',
        },
        required: true,
      },
      truth,
    ],
  },
];

export interface ClosedCallPeople {
  staffId: string;
  /** Two jurors, and the applicants: demo accounts, in their own name or for their organisation. */
  jurorIds: string[];
  applicants: Array<{ id: string; organisationId: string | null }>;
}

const CLOSED_TITLE = 'Małe granty 2026 — I nabór (rozstrzygnięty)';
const closedProjects = [
  { title: 'Sąsiedzka pracownia naprawy rowerów na Grzegórzkach', amount: 950_000, points: [9, 8, 9] },
  { title: 'Spacery badawcze z seniorami po Kazimierzu', amount: 800_000, points: [8, 9, 7] },
  { title: 'Ogród deszczowy przy Centrum Obywatelskim', amount: 1_000_000, points: [6, 7, 6] },
  { title: 'Mapa dostępności „starej” Nowej Huty', amount: 700_000, points: [4, 3, 5] },
];

/** The closed, judged call of the demo (see the top of the file). */
async function seedClosedCall(
  db: Db,
  clock: Clock,
  svc: CallsServices,
  people: ClosedCallPeople,
): Promise<boolean> {
  const [known] = await db.select({ id: calls.id }).from(calls).where(eq(calls.title, CLOSED_TITLE));
  if (known || people.applicants.length < closedProjects.length || people.jurorIds.length < 2) return false;
  const today = todayInWarsaw(clock.now());
  const day = (n: number, time = '10:00') => warsawInstant(addDays(today, n), time);
  const as = (id: string, role: 'staff' | 'resident' | 'evaluator', when: Date) => ({
    ...actingAs(systemContext(clock, 'demo'), { id, role }),
    now: when,
  });
  const staff = (when: Date) => as(people.staffId, 'staff', when);
  const call = await svc.calls.create(staff(day(-75)), {
    title: { pl: CLOSED_TITLE, en: 'Small grants 2026 — first round (decided)' },
    description: {
      pl: 'Pierwszy nabór małych grantów (art. 19a) na projekty w obszarach rewitalizacji. Nabór rozstrzygnięty: lista wyników poniżej.',
    },
    kind: 'ngo_grant',
    numberPrefix: 'MGA',
    personsMayApply: true,
    organisationKinds: ['foundation', 'association'],
    opensAt: day(-70, '08:00'),
    deadlineAt: day(-40, '16:00'),
    budget: 2_000_000,
    maxAmount: 1_000_000,
    totalThreshold: '12',
    contactEmail: CONTACT,
  });
  await svc.calls.setForm(staff(day(-75)), call.id, [
    summary(),
    {
      key: 'amount',
      type: 'amount',
      label: { pl: 'Wnioskowana kwota', en: 'Amount requested', uk: 'Запитувана сума' },
      required: true,
    },
    truth,
  ]);
  const criteria = await svc.judging.scoring.setCriteria(staff(day(-75)), call.id, [
    {
      name: { pl: 'Trafność wobec celów rewitalizacji', en: 'Relevance to the revitalisation' },
      maxPoints: 10,
      weight: '2',
    },
    { name: { pl: 'Wykonalność i budżet', en: 'Feasibility and budget' }, maxPoints: 10, weight: '1' },
    { name: { pl: 'Udział mieszkańców', en: 'Residents’ participation' }, maxPoints: 10, weight: '1' },
  ]);
  await svc.calls.publish(staff(day(-74)), call.id);
  const apps: string[] = [];
  for (const [i, project] of closedProjects.entries()) {
    const who = people.applicants[i]!;
    const ctx = as(who.id, 'resident', day(-60 + i));
    const draft = await svc.applications.start(ctx, call.id, who.organisationId);
    await svc.applications.save(ctx, draft.id, {
      title: project.title,
      answers: {
        summary: `${project.title}: cel, działania, odbiorcy i rezultaty.`,
        amount: project.amount,
        truth: true,
      },
    });
    await svc.applications.submit(ctx, draft.id);
    apps.push(draft.id);
  }
  for (const id of apps) await svc.judging.formal.accept(staff(day(-38)), id);
  const [chair, ...members] = [people.staffId, ...people.jurorIds];
  await svc.judging.jury.appoint(staff(day(-38)), call.id, chair!, 'chair');
  for (const m of members) await svc.judging.jury.appoint(staff(day(-38)), call.id, m, 'member');
  await svc.judging.jury.assignAutomatically(staff(day(-37)), call.id);
  for (const juror of members) {
    const ctx = as(juror, 'evaluator', day(-30));
    for (const a of await svc.judging.jury.mine(ctx)) {
      if (a.status !== 'assigned') continue;
      const project = closedProjects[apps.indexOf(a.applicationId)];
      if (!project) continue;
      await svc.judging.jury.declare(ctx, a.id);
      // The two jurors differ by half a point at most: no further evaluator, nothing to agree on.
      const shift = members.indexOf(juror) * 0.5;
      await svc.judging.scoring.saveScores(
        ctx,
        a.id,
        Object.fromEntries(
          criteria.map((k, j) => [
            k.id,
            { points: Math.max(0, project.points[j]! - shift), justification: 'Ocena zgodna z kartą oceny.' },
          ]),
        ),
      );
      await svc.judging.scoring.submitScores(ctx, a.id);
    }
  }
  await svc.judging.scoring.approveRanking(as(chair!, 'staff', day(-20)), call.id);
  await svc.judging.scoring.publishResults(staff(day(-19)), call.id);
  return true;
}

export async function seedCalls(options: {
  db: Db;
  clock: Clock;
  svc: CallsServices;
  staffId: string | undefined;
  closed?: ClosedCallPeople | undefined;
}): Promise<number> {
  const { db, clock, svc, staffId } = options;
  if (!staffId) return 0;
  const ctx = actingAs(systemContext(clock, 'demo'), { id: staffId, role: 'staff' as const });
  const today = todayInWarsaw(clock.now());
  let made = 0;
  for (const demo of demoCalls) {
    const [known] = await db.select({ id: calls.id }).from(calls).where(eq(calls.title, demo.input.title.pl));
    if (known) continue;
    const call = await svc.calls.create(ctx, {
      ...demo.input,
      opensAt: warsawInstant(addDays(today, -10), '08:00'),
      deadlineAt: warsawInstant(addDays(today, demo.deadlineIn), '16:00'),
    });
    await svc.calls.setForm(ctx, call.id, demo.fields);
    await svc.calls.publish(ctx, call.id);
    made += 1;
  }
  if (options.closed && (await seedClosedCall(db, clock, svc, options.closed))) made += 1;
  return made;
}
