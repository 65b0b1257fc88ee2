import { catalogue, plural } from '../../../../platform/i18n/index.ts';

// What a booking broke, and the nearest free times or days instead.
export const refusals = catalogue({
  pl: {
    refusals: {
      reversedRange: 'Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.',
      past: 'Ten termin już minął. Wybierz termin w przyszłości.',
      outsideHours: (open: string, close: string) =>
        `Ten termin wykracza poza godziny otwarcia (${open}–${close}).`,
      tooShort: (minutes: string) => `Rezerwacja jest za krótka: musi trwać co najmniej ${minutes}.`,
      tooLong: (minutes: string) => `Rezerwacja jest za długa: może trwać najwyżej ${minutes}.`,
      offGrid: (minutes: string, open: string) =>
        `Rezerwacje zaczynają się i kończą co ${minutes}, licząc od otwarcia o ${open}.`,
      tooSoon: (earliest: string) =>
        `Za późno na rezerwację tego terminu: najwcześniej można zarezerwować od ${earliest}.`,
      beyondHorizon: (lastDay: string) =>
        `Tak daleko naprzód nie można jeszcze rezerwować: najpóźniej na ${lastDay}.`,
      holiday: (name: string) => `Tego dnia jest święto (${name}) i przestrzeń jest zamknięta.`,
      closed: (reason: string) => `Tego dnia przestrzeń jest zamknięta: ${reason}.`,
      closedWeekday: (weekday: string) => `Przestrzeń jest nieczynna w ten dzień tygodnia (${weekday}).`,
      invalidTime: 'Podaj godzinę w formacie GG:MM, np. 09:30.',
      invalidDate: 'Podaj prawdziwą datę.',
      rangeTooLong: 'Można pokazać najwyżej 62 dni naraz.',
      invalidCursor: 'Ten adres strony listy jest nieprawidłowy. Zacznij od pierwszej strony.',
      fromRequired: 'Podaj godzinę rozpoczęcia.',
      toRequired: 'Podaj godzinę zakończenia.',
      titleRequired: 'Podaj nazwę wydarzenia.',
      attendeesRequired: 'Podaj przewidywaną liczbę uczestników.',
      unknownLayout: 'Wybierz układ sali z listy.',
      overCapacity: (capacity: string) => `Za dużo uczestników: sala w tym układzie mieści ${capacity}.`,
      notMember: 'Możesz rezerwować tylko w imieniu organizacji, do której należysz.',
      noAgreement:
        'Do rezerwacji stanowiska potrzebna jest umowa udostępnienia stanowiska pracy obowiązująca tego dnia.',
      hasFixedDesk: 'Tego dnia masz stałe stanowisko — nie musisz go rezerwować.',
      passUsedUp: 'Wykorzystano już wszystkie dni karnetu. Możesz złożyć wniosek o nowy pakiet.',
      full: 'Tego dnia wszystkie stanowiska są już zajęte.',
      alreadyBooked: 'Masz już rezerwację stanowiska na ten dzień.',
      deskWholeDay: 'Stanowisko rezerwuje się na cały dzień — bez godzin.',
      taken: 'Ten termin jest już zajęty.',
      seriesClash: (failures: string) =>
        `Rezerwacja cykliczna nie może być zapisana. Nic nie zostało zarezerwowane. ${failures}`,
      seriesFailure: (day: string, reason: string) => `${day}: ${reason}`,
      quotaPerson: (limit: string) =>
        `Osiągnięto limit rezerwacji tej przestrzeni na tydzień dla jednej osoby (${limit}).`,
      quotaOrganisation: (limit: string) =>
        `Osiągnięto limit rezerwacji tej przestrzeni na tydzień dla jednej organizacji (${limit}).`,
      pastDeadline: (deadline: string) =>
        `Termin na zmianę lub odwołanie minął ${deadline}. Skontaktuj się z obsługą Klastra.`,
      notCancellable: 'Tej rezerwacji nie można już zmienić ani odwołać.',
      reasonRequired: 'Podaj powód.',
      changedMeanwhile: 'Rezerwacja zmieniła się w międzyczasie. Sprawdź ją i spróbuj ponownie.',
      alreadyDecided: 'Ten wniosek został już rozpatrzony.',
      notCheckable: 'Obecność można potwierdzić tylko w dniu rezerwacji, przed jej końcem.',
      fixedDeskDaysFull: (dates: string) =>
        `Nie można przydzielić stałego stanowiska — w tych dniach wszystkie stanowiska są zarezerwowane: ${dates}.`,
    },
    minutes: (n: number) =>
      n % 60 === 0
        ? plural('pl', n / 60, { one: '# godzinę', few: '# godziny', many: '# godzin', other: '# godziny' })
        : plural('pl', n, { one: '# minutę', few: '# minuty', many: '# minut', other: '# minuty' }),
    alternatives: 'Najbliższe wolne terminy',
    alternativeDays: 'Najbliższe dni z wolnymi stanowiskami',
    noAlternatives: 'W najbliższych tygodniach nie ma wolnych terminów tej długości.',
  },
  en: {
    refusals: {
      reversedRange: 'The end time must be later than the start time.',
      past: 'That time has passed. Choose a time in the future.',
      outsideHours: (open: string, close: string) =>
        `That time is outside the opening hours (${open}–${close}).`,
      tooShort: (minutes: string) => `The booking is too short: it must last at least ${minutes}.`,
      tooLong: (minutes: string) => `The booking is too long: it may last at most ${minutes}.`,
      offGrid: (minutes: string, open: string) =>
        `Bookings start and end every ${minutes}, counted from opening at ${open}.`,
      tooSoon: (earliest: string) => `Too late to book that time: the earliest you can book is ${earliest}.`,
      beyondHorizon: (lastDay: string) => `You cannot book that far ahead yet: ${lastDay} at the latest.`,
      holiday: (name: string) => `That day is a public holiday (${name}) and the space is closed.`,
      closed: (reason: string) => `The space is closed that day: ${reason}.`,
      closedWeekday: (weekday: string) => `The space is closed on ${weekday}s.`,
      invalidTime: 'Enter a time as HH:MM, for example 09:30.',
      invalidDate: 'Enter a real date.',
      rangeTooLong: 'At most 62 days can be shown at once.',
      invalidCursor: 'This list page address is not valid. Start from the first page.',
      fromRequired: 'Enter a start time.',
      toRequired: 'Enter an end time.',
      titleRequired: 'Enter the name of the event.',
      attendeesRequired: 'Enter the expected number of participants.',
      unknownLayout: 'Choose a room layout from the list.',
      overCapacity: (capacity: string) => `Too many participants: in that layout the room holds ${capacity}.`,
      notMember: 'You can only book for an organisation you belong to.',
      noAgreement: 'To book a desk you need a desk-use agreement valid on that day.',
      hasFixedDesk: 'You have a fixed desk that day — no need to book one.',
      passUsedUp: 'All the days of your pass have been used. You can apply for a new package.',
      full: 'Every desk is already taken that day.',
      alreadyBooked: 'You already have a desk booked that day.',
      deskWholeDay: 'A desk is booked for the whole day — without times.',
      taken: 'That time is already taken.',
      seriesClash: (failures: string) =>
        `The recurring booking cannot be saved. Nothing has been booked. ${failures}`,
      seriesFailure: (day: string, reason: string) => `${day}: ${reason}`,
      quotaPerson: (limit: string) =>
        `You have reached the weekly limit of bookings of this space per person (${limit}).`,
      quotaOrganisation: (limit: string) =>
        `Your organisation has reached the weekly limit of bookings of this space (${limit}).`,
      pastDeadline: (deadline: string) =>
        `Changes and cancellations closed at ${deadline}. Please contact the cluster staff.`,
      notCancellable: 'This booking can no longer be changed or cancelled.',
      reasonRequired: 'Give a reason.',
      changedMeanwhile: 'The booking changed in the meantime. Check it and try again.',
      alreadyDecided: 'This request has already been decided.',
      notCheckable: 'Attendance can only be confirmed on the day of the booking, before it ends.',
      fixedDeskDaysFull: (dates: string) =>
        `The fixed desk cannot be assigned — every desk is booked on: ${dates}.`,
    },
    minutes: (n: number) =>
      n % 60 === 0
        ? plural('en', n / 60, { one: '# hour', other: '# hours' })
        : plural('en', n, { one: '# minute', other: '# minutes' }),
    alternatives: 'Nearest free times',
    alternativeDays: 'Nearest days with free desks',
    noAlternatives: 'There are no free times of this length in the coming weeks.',
  },
  uk: {
    refusals: {
      reversedRange: 'Час завершення має бути пізнішим за час початку.',
      past: 'Цей час уже минув. Виберіть час у майбутньому.',
      outsideHours: (open: string, close: string) =>
        `Цей час виходить за межі годин роботи (${open}–${close}).`,
      tooShort: (minutes: string) => `Бронювання закоротке: воно має тривати щонайменше ${minutes}.`,
      tooLong: (minutes: string) => `Бронювання задовге: воно може тривати щонайбільше ${minutes}.`,
      offGrid: (minutes: string, open: string) =>
        `Бронювання починаються й закінчуються кожні ${minutes}, від відкриття о ${open}.`,
      tooSoon: (earliest: string) =>
        `Надто пізно бронювати цей час: найраніше можна забронювати з ${earliest}.`,
      beyondHorizon: (lastDay: string) =>
        `Так далеко наперед бронювати ще не можна: найпізніше на ${lastDay}.`,
      holiday: (name: string) => `Цього дня свято (${name}), і простір зачинено.`,
      closed: (reason: string) => `Цього дня простір зачинено: ${reason}.`,
      closedWeekday: (weekday: string) => `Цього дня тижня (${weekday}) простір не працює.`,
      invalidTime: 'Вкажіть час у форматі ГГ:ХХ, наприклад 09:30.',
      invalidDate: 'Вкажіть справжню дату.',
      rangeTooLong: 'Одночасно можна показати щонайбільше 62 дні.',
      invalidCursor: 'Ця адреса сторінки списку недійсна. Почніть з першої сторінки.',
      fromRequired: 'Вкажіть час початку.',
      toRequired: 'Вкажіть час завершення.',
      titleRequired: 'Вкажіть назву заходу.',
      attendeesRequired: 'Вкажіть очікувану кількість учасників.',
      unknownLayout: 'Виберіть розташування зали зі списку.',
      overCapacity: (capacity: string) =>
        `Забагато учасників: у такому розташуванні зала вміщує ${capacity}.`,
      notMember: 'Бронювати можна лише від імені організації, до якої ви належите.',
      noAgreement:
        'Щоб забронювати робоче місце, потрібен договір про надання робочого місця, чинний того дня.',
      hasFixedDesk: 'Того дня у вас є постійне робоче місце — бронювати не потрібно.',
      passUsedUp: 'Усі дні абонемента використано. Ви можете подати заяву на новий пакет.',
      full: 'Того дня всі робочі місця вже зайняті.',
      alreadyBooked: 'У вас уже є бронювання робочого місця на цей день.',
      deskWholeDay: 'Робоче місце бронюється на весь день — без годин.',
      taken: 'Цей час уже зайнятий.',
      seriesClash: (failures: string) =>
        `Повторюване бронювання неможливо зберегти. Нічого не заброньовано. ${failures}`,
      seriesFailure: (day: string, reason: string) => `${day}: ${reason}`,
      quotaPerson: (limit: string) =>
        `Досягнуто тижневого ліміту бронювань цього простору для однієї особи (${limit}).`,
      quotaOrganisation: (limit: string) =>
        `Досягнуто тижневого ліміту бронювань цього простору для однієї організації (${limit}).`,
      pastDeadline: (deadline: string) =>
        `Строк для зміни чи скасування минув ${deadline}. Зверніться до працівників Кластера.`,
      notCancellable: 'Це бронювання вже не можна змінити чи скасувати.',
      reasonRequired: 'Вкажіть причину.',
      changedMeanwhile: 'Бронювання тим часом змінилося. Перевірте його та спробуйте ще раз.',
      alreadyDecided: 'Цю заявку вже розглянуто.',
      notCheckable: 'Присутність можна підтвердити лише в день бронювання, до його завершення.',
      fixedDeskDaysFull: (dates: string) =>
        `Неможливо призначити постійне місце — у ці дні всі місця заброньовано: ${dates}.`,
    },
    minutes: (n: number) => (n % 60 === 0 ? `${n / 60} год` : `${n} хв`),
    alternatives: 'Найближчі вільні терміни',
    alternativeDays: 'Найближчі дні з вільними робочими місцями',
    noAlternatives: 'Найближчими тижнями немає вільного часу такої тривалості.',
  },
});
