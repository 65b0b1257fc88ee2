import { catalogue, plural } from '../../../../platform/i18n/index.ts';

// Kinds, statuses and counts every agreement page uses.
export const shared = catalogue({
  pl: {
    packageKinds: {
      day_pass: 'Karnet jednodniowy',
      multi_day_pass: 'Karnet wielodniowy',
      monthly_hot_desk: 'Dowolne stanowisko na miesiąc (hot desk)',
      monthly_fixed_desk: 'Stałe stanowisko na miesiąc',
    },
    applicantKinds: {
      standard: 'Osoba lub firma (cena podstawowa)',
      incubator_startup: 'Start-up w inkubatorze Klastra',
      ngo: 'Organizacja pozarządowa (fundacja lub stowarzyszenie)',
    },
    applicantKindsShort: { standard: 'podstawowa', incubator_startup: 'start-up w inkubatorze', ngo: 'NGO' },
    applicantKindHints: {
      standard: 'Cena podstawowa pakietu.',
      incubator_startup: 'Cena obniżona. Pracownik Klastra sprawdzi udział w programie inkubacji.',
      ngo: 'Cena obniżona. Wymaga członkostwa w zweryfikowanej fundacji lub stowarzyszeniu — wybierz ją niżej.',
    },
    statuses: {
      applied: 'Wniosek złożony',
      accepted: 'Umowa zawarta',
      refused: 'Wniosek nieprzyjęty',
      withdrawn: 'Wniosek wycofany',
      ended: 'Umowa zakończona',
    },
    phases: {
      applied: 'Wniosek złożony',
      refused: 'Wniosek nieprzyjęty',
      withdrawn: 'Wniosek wycofany',
      upcoming: (day: string) => `Umowa zawarta, obowiązuje od ${day}`,
      active: (day: string) => `Umowa obowiązuje do ${day}`,
      endsEarly: (day: string) => `Zakończona przed czasem, obowiązuje do ${day}`,
      endedEarly: (day: string) => `Umowa zakończona ${day}`,
      expired: (day: string) => `Umowa wygasła ${day}`,
    },
    endedEarly: 'Zakończona przed czasem',
    days: (n: number) => plural('pl', n, { one: '# dzień', few: '# dni', many: '# dni', other: '# dnia' }),
    months: (n: number) =>
      plural('pl', n, { one: '# miesiąc', few: '# miesiące', many: '# miesięcy', other: '# miesiąca' }),
    everyOpenDay: 'każdy dzień otwarcia',
  },
  en: {
    packageKinds: {
      day_pass: 'Day pass',
      multi_day_pass: 'Multi-day pass',
      monthly_hot_desk: 'Any free desk for a month (hot desk)',
      monthly_fixed_desk: 'Fixed desk for a month',
    },
    applicantKinds: {
      standard: 'A person or a company (standard price)',
      incubator_startup: "A start-up in the Cluster's incubator",
      ngo: 'A non-governmental organisation (foundation or association)',
    },
    applicantKindsShort: { standard: 'standard', incubator_startup: 'incubator start-up', ngo: 'NGO' },
    applicantKindHints: {
      standard: "The package's standard price.",
      incubator_startup: 'Reduced price. Cluster staff will check your place in the incubation programme.',
      ngo: 'Reduced price. You must be a member of a verified foundation or association — choose it below.',
    },
    statuses: {
      applied: 'Application submitted',
      accepted: 'Agreement concluded',
      refused: 'Application not accepted',
      withdrawn: 'Application withdrawn',
      ended: 'Agreement ended',
    },
    phases: {
      applied: 'Application submitted',
      refused: 'Application not accepted',
      withdrawn: 'Application withdrawn',
      upcoming: (day: string) => `Concluded, in force from ${day}`,
      active: (day: string) => `In force until ${day}`,
      endsEarly: (day: string) => `Ended early, in force until ${day}`,
      endedEarly: (day: string) => `Ended on ${day}`,
      expired: (day: string) => `Expired on ${day}`,
    },
    endedEarly: 'Ended early',
    days: (n: number) => plural('en', n, { one: '# day', other: '# days' }),
    months: (n: number) => plural('en', n, { one: '# month', other: '# months' }),
    everyOpenDay: 'every opening day',
  },
  uk: {
    packageKinds: {
      day_pass: 'Одноденний абонемент',
      multi_day_pass: 'Багатоденний абонемент',
      monthly_hot_desk: 'Будь-яке вільне місце на місяць (hot desk)',
      monthly_fixed_desk: 'Закріплене місце на місяць',
    },
    applicantKinds: {
      standard: 'Особа або компанія (базова ціна)',
      incubator_startup: 'Стартап в інкубаторі Кластера',
      ngo: 'Громадська організація (фонд або асоціація)',
    },
    applicantKindsShort: { standard: 'базова', incubator_startup: 'стартап в інкубаторі', ngo: 'ГО' },
    applicantKindHints: {
      standard: 'Базова ціна пакета.',
      incubator_startup: 'Знижена ціна. Працівник Кластера перевірить участь у програмі інкубації.',
      ngo: 'Знижена ціна. Потрібне членство у верифікованому фонді чи асоціації — виберіть її нижче.',
    },
    statuses: {
      applied: 'Заяву подано',
      accepted: 'Договір укладено',
      refused: 'Заяву не прийнято',
      withdrawn: 'Заяву відкликано',
      ended: 'Договір завершено',
    },
    phases: {
      applied: 'Заяву подано',
      refused: 'Заяву не прийнято',
      withdrawn: 'Заяву відкликано',
      upcoming: (day: string) => `Договір укладено, діє з ${day}`,
      active: (day: string) => `Договір діє до ${day}`,
      endsEarly: (day: string) => `Завершено достроково, діє до ${day}`,
      endedEarly: (day: string) => `Договір завершено ${day}`,
      expired: (day: string) => `Строк дії договору сплив ${day}`,
    },
    endedEarly: 'Завершено достроково',
    days: (n: number) => plural('uk', n, { one: '# день', few: '# дні', many: '# днів', other: '# дня' }),
    months: (n: number) =>
      plural('uk', n, { one: '# місяць', few: '# місяці', many: '# місяців', other: '# місяця' }),
    everyOpenDay: 'кожен день роботи',
  },
});
