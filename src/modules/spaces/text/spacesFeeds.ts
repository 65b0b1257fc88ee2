import { catalogue } from '../../../platform/i18n/index.ts';

// Calendar feeds of the spaces module: the public busy-times feed of a resource and the private
// feed of a person's bookings, and the page where a person turns theirs on, renews or revokes it.
// `problems` are the API's refusals that are not booking rules.
export const spacesFeeds = catalogue({
  pl: {
    busy: 'Zajęte',
    busyCalendar: 'zajęte terminy',
    deskCalendar: 'wolne stanowiska',
    desksFree: (free: number, total: number) => `Wolne stanowiska: ${free} z ${total}`,
    desksNone: (total: number) => `Brak wolnych stanowisk (wszystkie ${total} zajęte)`,
    subscribeTitle: 'Kalendarz w telefonie lub komputerze',
    subscribeRoom:
      'Zajęte terminy tej sali możesz obserwować we własnym kalendarzu. Widać w nim tylko, kiedy sala jest zajęta — bez nazwisk i tytułów.',
    subscribeDesk:
      'Liczbę wolnych stanowisk na każdy dzień otwarcia możesz obserwować we własnym kalendarzu (wydarzenie całodniowe, np. „Wolne stanowiska: 12 z 40”).',
    subscribe: 'Dodaj do kalendarza (otwiera aplikację kalendarza)',
    publicUrlLabel: 'Adres kalendarza do skopiowania',
    publicUrlHint:
      'W kalendarzu wybierz „Dodaj kalendarz” → „Z adresu URL” (lub „Subskrybuj”) i wklej ten adres.',
    copy: 'Kopiuj adres',
    copied: 'Adres skopiowany do schowka.',
    copyFailed: 'Nie udało się skopiować — zaznacz adres i skopiuj go ręcznie.',
    myCalendar: 'Moje rezerwacje w Klastrze',
    statuses: {
      requested: 'Wniosek czeka na decyzję',
      confirmed: 'Potwierdzona',
      checked_in: 'Obecność potwierdzona',
      cancelled: 'Odwołana',
      declined: 'Wniosek odrzucony',
      released: 'Zwolniona (brak potwierdzenia obecności)',
    },
    title: 'Kalendarz moich rezerwacji',
    lead: 'Możesz zobaczyć swoje rezerwacje stanowisk i sal w kalendarzu w telefonie lub komputerze (Google Calendar, Outlook, Kalendarz Apple, Thunderbird). Kalendarz sam się aktualizuje: nowe, zmienione i odwołane rezerwacje pojawią się w nim po kilku godzinach.',
    secretWarning:
      'Adres kalendarza jest tajny: każdy, kto go zna, zobaczy Twoje rezerwacje. Nie publikuj go. Jeśli trafił w niepowołane ręce, utwórz nowy adres — stary przestanie działać.',
    howTo: 'W kalendarzu wybierz „Dodaj kalendarz” → „Z adresu URL” (lub „Subskrybuj”) i wklej adres.',
    none: 'Nie masz jeszcze adresu kalendarza.',
    create: 'Utwórz adres kalendarza',
    urlTitle: 'Adres Twojego kalendarza',
    urlLabel: 'Adres kalendarza (skopiuj go teraz)',
    urlOnce: 'Ten adres pokazujemy tylko teraz — nie przechowujemy go. Jeśli go zgubisz, utwórz nowy adres.',
    exists: (since: string) =>
      `Twój adres kalendarza działa od ${since}. Ze względów bezpieczeństwa nie pokazujemy go ponownie.`,
    rotate: 'Utwórz nowy adres (stary przestanie działać)',
    revoke: 'Wyłącz kalendarz',
    revokeTitle: 'Wyłączyć kalendarz rezerwacji?',
    revokeBody:
      'Adres kalendarza przestanie działać od razu, a kalendarze, które go subskrybują, przestaną się aktualizować. Zawsze możesz utworzyć nowy adres.',
    revokeConfirm: 'Tak, wyłącz kalendarz',
    cancel: 'Nie, wróć',
    created: 'Adres kalendarza został utworzony.',
    rotated: 'Utworzono nowy adres kalendarza. Poprzedni już nie działa.',
    revoked: 'Kalendarz został wyłączony. Jego adres już nie działa.',
    publicFeeds:
      'Każda sala i strefa stanowisk ma też publiczny kalendarz (bez nazwisk i tytułów) — link jest na jej stronie.',
    problems: {
      invalid: 'Sprawdź wprowadzone dane.',
      conflictTitle: 'Konflikt z inną rezerwacją lub zmianą',
      refusedTitle: 'Zasady rezerwacji na to nie pozwalają',
    },
  },
  en: {
    busy: 'Busy',
    busyCalendar: 'busy times',
    deskCalendar: 'free desks',
    desksFree: (free: number, total: number) => `Desks free: ${free} of ${total}`,
    desksNone: (total: number) => `No desks free (all ${total} taken)`,
    subscribeTitle: 'Calendar on your phone or computer',
    subscribeRoom:
      'You can follow this room’s busy times in your own calendar. It only shows when the room is busy — no names or titles.',
    subscribeDesk:
      'You can follow the number of free desks on every opening day in your own calendar (an all-day event such as “Desks free: 12 of 40”).',
    subscribe: 'Add to your calendar (opens your calendar app)',
    publicUrlLabel: 'Calendar address to copy',
    publicUrlHint:
      'In your calendar choose “Add calendar” → “From URL” (or “Subscribe”) and paste this address.',
    copy: 'Copy the address',
    copied: 'Address copied to the clipboard.',
    copyFailed: 'Could not copy — select the address and copy it yourself.',
    myCalendar: 'My bookings at the cluster',
    statuses: {
      requested: 'Request awaiting a decision',
      confirmed: 'Confirmed',
      checked_in: 'Checked in',
      cancelled: 'Cancelled',
      declined: 'Request declined',
      released: 'Released (no check-in)',
    },
    title: 'Calendar of my bookings',
    lead: 'You can see your desk and room bookings in the calendar on your phone or computer (Google Calendar, Outlook, Apple Calendar, Thunderbird). The calendar updates itself: new, changed and cancelled bookings appear in it within a few hours.',
    secretWarning:
      'The calendar address is secret: anyone who knows it can see your bookings. Do not publish it. If someone else got it, create a new address — the old one will stop working.',
    howTo: 'In your calendar choose “Add calendar” → “From URL” (or “Subscribe”) and paste the address.',
    none: 'You do not have a calendar address yet.',
    create: 'Create a calendar address',
    urlTitle: 'Your calendar address',
    urlLabel: 'Calendar address (copy it now)',
    urlOnce: 'We show this address only now — we do not keep it. If you lose it, create a new address.',
    exists: (since: string) =>
      `Your calendar address has worked since ${since}. For your safety we do not show it again.`,
    rotate: 'Create a new address (the old one stops working)',
    revoke: 'Turn the calendar off',
    revokeTitle: 'Turn the bookings calendar off?',
    revokeBody:
      'The calendar address stops working at once, and calendars subscribed to it stop updating. You can always create a new address.',
    revokeConfirm: 'Yes, turn the calendar off',
    cancel: 'No, go back',
    created: 'Your calendar address has been created.',
    rotated: 'A new calendar address has been created. The previous one no longer works.',
    revoked: 'The calendar has been turned off. Its address no longer works.',
    publicFeeds:
      'Every room and desk area also has a public calendar (without names or titles) — the link is on its page.',
    problems: {
      invalid: 'Check what you entered.',
      conflictTitle: 'Conflict with another booking or change',
      refusedTitle: 'The booking rules do not allow this',
    },
  },
  uk: {
    busy: 'Зайнято',
    busyCalendar: 'зайнятий час',
    deskCalendar: 'вільні місця',
    desksFree: (free: number, total: number) => `Вільні робочі місця: ${free} з ${total}`,
    desksNone: (total: number) => `Немає вільних робочих місць (усі ${total} зайняті)`,
    subscribeTitle: 'Календар у телефоні чи комп’ютері',
    subscribeRoom:
      'За зайнятим часом цієї зали можна стежити у власному календарі. У ньому видно лише, коли зала зайнята, — без імен і назв.',
    subscribeDesk:
      'За кількістю вільних робочих місць на кожен день, коли простір відкритий, можна стежити у власному календарі (подія на весь день, напр. «Вільні робочі місця: 12 з 40»).',
    subscribe: 'Додати до календаря (відкриває застосунок календаря)',
    publicUrlLabel: 'Адреса календаря для копіювання',
    publicUrlHint:
      'У календарі виберіть «Додати календар» → «З URL» (або «Підписатися») і вставте цю адресу.',
    copy: 'Копіювати адресу',
    copied: 'Адресу скопійовано до буфера обміну.',
    copyFailed: 'Не вдалося скопіювати — виділіть адресу й скопіюйте її вручну.',
    myCalendar: 'Мої бронювання в Кластері',
    statuses: {
      requested: 'Заявка очікує рішення',
      confirmed: 'Підтверджено',
      checked_in: 'Присутність підтверджено',
      cancelled: 'Скасовано',
      declined: 'Заявку відхилено',
      released: 'Звільнено (присутність не підтверджено)',
    },
    title: 'Календар моїх бронювань',
    lead: 'Ви можете бачити свої бронювання робочих місць і залів у календарі на телефоні чи комп’ютері (Google Calendar, Outlook, Календар Apple, Thunderbird). Календар оновлюється сам: нові, змінені й скасовані бронювання з’являться в ньому за кілька годин.',
    secretWarning:
      'Адреса календаря таємна: кожен, хто її знає, побачить ваші бронювання. Не публікуйте її. Якщо вона потрапила до сторонніх, створіть нову адресу — стара перестане працювати.',
    howTo: 'У календарі виберіть «Додати календар» → «За URL-адресою» (або «Підписатися») і вставте адресу.',
    none: 'У вас ще немає адреси календаря.',
    create: 'Створити адресу календаря',
    urlTitle: 'Адреса вашого календаря',
    urlLabel: 'Адреса календаря (скопіюйте її зараз)',
    urlOnce: 'Цю адресу ми показуємо лише зараз — ми її не зберігаємо. Якщо ви її загубите, створіть нову.',
    exists: (since: string) =>
      `Ваша адреса календаря працює з ${since}. З міркувань безпеки ми не показуємо її повторно.`,
    rotate: 'Створити нову адресу (стара перестане працювати)',
    revoke: 'Вимкнути календар',
    revokeTitle: 'Вимкнути календар бронювань?',
    revokeBody:
      'Адреса календаря одразу перестане працювати, а календарі, підписані на неї, перестануть оновлюватися. Ви завжди можете створити нову адресу.',
    revokeConfirm: 'Так, вимкнути календар',
    cancel: 'Ні, повернутися',
    created: 'Адресу календаря створено.',
    rotated: 'Створено нову адресу календаря. Попередня вже не працює.',
    revoked: 'Календар вимкнено. Його адреса вже не працює.',
    publicFeeds:
      'Кожна зала й зона робочих місць має також публічний календар (без імен і назв) — посилання є на її сторінці.',
    problems: {
      invalid: 'Перевірте введені дані.',
      conflictTitle: 'Конфлікт з іншим бронюванням або зміною',
      refusedTitle: 'Правила бронювання цього не дозволяють',
    },
  },
});
