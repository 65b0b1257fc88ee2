import { catalogue, plural } from '../../../../platform/i18n/index.ts';

// The list of spaces and a space’s page.
export const resources = catalogue({
  pl: {
    nav: 'Przestrzenie',
    kinds: {
      desk: 'Stanowiska pracy (na cały dzień)',
      room: 'Sala',
      event_space: 'Sala wydarzeń (na wniosek)',
    },
    statuses: {
      requested: 'Wniosek',
      confirmed: 'Potwierdzona',
      checked_in: 'Obecność potwierdzona',
      cancelled: 'Odwołana',
      declined: 'Odrzucona',
      released: 'Zwolniona',
    },
    capacity: (kind: string, n: number) =>
      kind === 'desk'
        ? plural('pl', n, {
            one: '# stanowisko',
            few: '# stanowiska',
            many: '# stanowisk',
            other: '# stanowiska',
          })
        : plural('pl', n, { one: 'do # osoby', other: 'do # osób' }),
    wholeDay: 'cały dzień',
    list: {
      title: 'Przestrzenie Klastra',
      lead: 'Zarezerwuj stanowisko w coworkingu na cały dzień, salę na spotkanie albo złóż wniosek o salę wydarzeń Zabłocie Space. Każda przestrzeń ma kalendarz wolnych terminów.',
      packages: 'Pakiety i umowy na stanowiska pracy',
      mine: 'Moje rezerwacje',
      empty: 'Nie ma jeszcze przestrzeni do rezerwacji. Zajrzyj tu wkrótce.',
      kind: 'Rodzaj',
      capacity: 'Pojemność',
      accessibility: 'Dostępność',
    },
    resource: {
      about: 'Informacje',
      where: 'Gdzie',
      capacity: 'Pojemność',
      equipment: 'Wyposażenie',
      accessibility: 'Dostępność',
      layouts: 'Układy sali',
      layout: (name: string, capacity: number) =>
        `${name} — ${plural('pl', capacity, { one: 'do # osoby', other: 'do # osób' })}`,
      hours: 'Godziny otwarcia',
      weekday: 'Dzień tygodnia',
      open: 'Godziny',
      closedWeekday: 'nieczynne',
      hoursNote: 'W święta państwowe przestrzeń jest zamknięta.',
      book: 'Zarezerwuj',
      request: 'Złóż wniosek o rezerwację',
      signInToBook: 'Aby zarezerwować, zaloguj się.',
      eventSpaceNotice:
        'Rezerwacja sali wydarzeń to wniosek: pracownik Klastra go zatwierdza albo odrzuca z podaniem powodu. Od złożenia wniosku termin jest wstępnie zablokowany.',
      deskNotice:
        'Do rezerwacji stanowiska potrzebna jest umowa udostępnienia stanowiska pracy, ważna w dniu rezerwacji.',
      yourAgreements: 'Twoje umowy na dziś',
      passLeft: (pkg: string, number: string, left: number, total: number, until: string) =>
        `${pkg} (${number}): ${plural('pl', left, { one: 'został Ci # dzień', few: 'zostały Ci # dni', many: 'zostało Ci # dni', other: 'zostało Ci # dnia' })} z ${total}; karnet jest ważny do ${until}.`,
      unlimitedUntil: (pkg: string, number: string, until: string) =>
        `${pkg} (${number}): możesz rezerwować stanowisko w każdy dzień otwarcia do ${until}.`,
      fixedUntil: (pkg: string, number: string, desk: number, until: string) =>
        `${pkg} (${number}): stanowisko nr ${desk} jest przypisane do Ciebie do ${until}.`,
      packagesLink: 'Zobacz pakiety i złóż wniosek o umowę',
      closuresTitle: 'Zamknięcia i święta',
      holidayOn: (day: string, name: string) => `${day}: święto — ${name}`,
      closureOn: (day: string, reason: string) => `${day}: zamknięte — ${reason}`,
      closureRange: (from: string, to: string, reason: string) =>
        from === to ? `${from}: ${reason}` : `${from} – ${to}: ${reason}`,
      noClosures: 'W tym tygodniu przestrzeń jest czynna według zwykłych godzin otwarcia.',
      upcomingClosures: 'Zaplanowane zamknięcia',
    },
  },
  en: {
    nav: 'Spaces',
    kinds: { desk: 'Desks (for a whole day)', room: 'Room', event_space: 'Event space (on request)' },
    statuses: {
      requested: 'Requested',
      confirmed: 'Confirmed',
      checked_in: 'Checked in',
      cancelled: 'Cancelled',
      declined: 'Declined',
      released: 'Released',
    },
    capacity: (kind: string, n: number) =>
      kind === 'desk' ? `${n} ${n === 1 ? 'desk' : 'desks'}` : `up to ${n} ${n === 1 ? 'person' : 'people'}`,
    wholeDay: 'whole day',
    list: {
      title: 'Spaces of the cluster',
      lead: 'Book a coworking desk for a day, a room for a meeting, or request the Zabłocie Space event hall. Every space has a calendar of free times.',
      packages: 'Desk packages and agreements',
      mine: 'My bookings',
      empty: 'There are no spaces to book yet. Please check back soon.',
      kind: 'Kind',
      capacity: 'Capacity',
      accessibility: 'Accessibility',
    },
    resource: {
      about: 'About',
      where: 'Where',
      capacity: 'Capacity',
      equipment: 'Equipment',
      accessibility: 'Accessibility',
      layouts: 'Room layouts',
      layout: (name: string, capacity: number) =>
        `${name} — ${plural('en', capacity, { one: 'up to # person', other: 'up to # people' })}`,
      hours: 'Opening hours',
      weekday: 'Day of the week',
      open: 'Hours',
      closedWeekday: 'closed',
      hoursNote: 'The space is closed on public holidays.',
      book: 'Book',
      request: 'Request a booking',
      signInToBook: 'Sign in to book.',
      eventSpaceNotice:
        'Booking the event space is a request: cluster staff approve it or decline it with a reason. The time is held for you from the moment you send the request.',
      deskNotice: 'To book a desk you need a desk-use agreement valid on the day of the booking.',
      yourAgreements: 'Your agreements today',
      passLeft: (pkg: string, number: string, left: number, total: number, until: string) =>
        `${pkg} (${number}): ${left} of ${total} ${total === 1 ? 'day' : 'days'} left on your pass, valid to ${until}.`,
      unlimitedUntil: (pkg: string, number: string, until: string) =>
        `${pkg} (${number}): you can book a desk on every opening day until ${until}.`,
      fixedUntil: (pkg: string, number: string, desk: number, until: string) =>
        `${pkg} (${number}): desk no. ${desk} is yours until ${until}.`,
      packagesLink: 'See the packages and apply for an agreement',
      closuresTitle: 'Closures and public holidays',
      holidayOn: (day: string, name: string) => `${day}: public holiday — ${name}`,
      closureOn: (day: string, reason: string) => `${day}: closed — ${reason}`,
      closureRange: (from: string, to: string, reason: string) =>
        from === to ? `${from}: ${reason}` : `${from} – ${to}: ${reason}`,
      noClosures: 'This week the space keeps its usual opening hours.',
      upcomingClosures: 'Planned closures',
    },
  },
  uk: {
    nav: 'Простори',
    kinds: {
      desk: 'Робочі місця (на весь день)',
      room: 'Зала',
      event_space: 'Зала для заходів (за заявкою)',
    },
    statuses: {
      requested: 'Заявка',
      confirmed: 'Підтверджено',
      checked_in: 'Присутність підтверджено',
      cancelled: 'Скасовано',
      declined: 'Відхилено',
      released: 'Звільнено',
    },
    capacity: (kind: string, n: number) =>
      kind === 'desk' ? `робочих місць: ${n}` : plural('uk', n, { one: 'до # особи', other: 'до # осіб' }),
    wholeDay: 'весь день',
    list: {
      title: 'Простори Кластера',
      lead: 'Забронюйте робоче місце в коворкінгу на день, залу для зустрічі або подайте заявку на залу для заходів Zabłocie Space. Кожен простір має календар вільних термінів.',
      packages: 'Пакети й договори на робочі місця',
      mine: 'Мої бронювання',
      empty: 'Поки що немає просторів для бронювання. Загляньте згодом.',
      kind: 'Вид',
      capacity: 'Місткість',
      accessibility: 'Доступність',
    },
    resource: {
      about: 'Інформація',
      where: 'Де',
      capacity: 'Місткість',
      equipment: 'Обладнання',
      accessibility: 'Доступність',
      layouts: 'Розташування зали',
      layout: (name: string, capacity: number) =>
        `${name} — ${plural('uk', capacity, { one: 'до # особи', other: 'до # осіб' })}`,
      hours: 'Години роботи',
      weekday: 'День тижня',
      open: 'Години',
      closedWeekday: 'зачинено',
      hoursNote: 'У державні свята простір зачинено.',
      book: 'Забронювати',
      request: 'Подати заявку на бронювання',
      signInToBook: 'Щоб забронювати, увійдіть.',
      eventSpaceNotice:
        'Бронювання зали для заходів — це заявка: працівник Кластера її затверджує або відхиляє із зазначенням причини. Від моменту подання заявки час попередньо заблоковано для вас.',
      deskNotice:
        'Щоб забронювати робоче місце, потрібен договір про надання робочого місця, чинний у день бронювання.',
      yourAgreements: 'Ваші договори на сьогодні',
      passLeft: (pkg: string, number: string, left: number, total: number, until: string) =>
        `${pkg} (${number}): ${plural('uk', left, { one: 'залишився # день', few: 'залишилося # дні', many: 'залишилося # днів', other: 'залишилося # дня' })} з ${total}; абонемент дійсний до ${until}.`,
      unlimitedUntil: (pkg: string, number: string, until: string) =>
        `${pkg} (${number}): ви можете бронювати робоче місце в будь-який день роботи до ${until}.`,
      fixedUntil: (pkg: string, number: string, desk: number, until: string) =>
        `${pkg} (${number}): робоче місце № ${desk} закріплене за вами до ${until}.`,
      packagesLink: 'Переглянути пакети й подати заявку на договір',
      closuresTitle: 'Зачинення та свята',
      holidayOn: (day: string, name: string) => `${day}: свято — ${name}`,
      closureOn: (day: string, reason: string) => `${day}: зачинено — ${reason}`,
      closureRange: (from: string, to: string, reason: string) =>
        from === to ? `${from}: ${reason}` : `${from} – ${to}: ${reason}`,
      noClosures: 'Цього тижня простір працює за звичайним графіком.',
      upcomingClosures: 'Заплановані зачинення',
    },
  },
});
