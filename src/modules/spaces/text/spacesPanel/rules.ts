import { catalogue } from '../../../../platform/i18n/index.ts';

// A resource’s booking rules and their exceptions.
export const rules = catalogue({
  pl: {
    rules: {
      title: 'Zasady rezerwacji',
      lead: 'Zasady obowiązują każdego, kto rezerwuje ten zasób, chyba że wyjątek poniżej mówi inaczej.',
      minutesSuffix: 'minut',
      hoursSuffix: 'godzin',
      daysSuffix: 'dni',
      fields: {
        minMinutes: { label: 'Najkrótsza rezerwacja (minuty)', hint: 'Od 5 do 1440 minut.' },
        maxMinutes: {
          label: 'Najdłuższa rezerwacja (minuty)',
          hint: 'Od 5 do 1440 minut; nie krótsza niż najkrótsza rezerwacja.',
        },
        stepMinutes: {
          label: 'Krok rezerwacji (minuty)',
          hint: 'Rezerwacje zaczynają się i kończą co tyle minut od otwarcia, np. co 30 minut.',
        },
        minNoticeMinutes: {
          label: 'Najpóźniej przed rozpoczęciem (minuty)',
          hint: 'Rezerwację trzeba złożyć co najmniej tyle minut przed jej początkiem. 0 — do ostatniej chwili.',
        },
        horizonDays: {
          label: 'Najwcześniej z wyprzedzeniem (dni)',
          hint: 'Jak daleko naprzód można rezerwować, od 1 do 730 dni.',
        },
        cancelHours: {
          label: 'Odwołanie lub zmiana (godziny przed rozpoczęciem)',
          hint: 'Do ilu godzin przed początkiem można odwołać lub zmienić rezerwację.',
        },
        bufferMinutes: {
          label: 'Przerwa po rezerwacji (minuty)',
          hint: 'Czas na sprzątanie lub przestawienie sali. 0 — bez przerwy.',
        },
        approval: {
          label: 'Każda rezerwacja wymaga zatwierdzenia przez pracownika urzędu',
          hint: 'Rezerwacja jest wtedy wnioskiem, który zatwierdzasz lub odrzucasz z uzasadnieniem.',
        },
        perPersonWeek: {
          label: 'Limit rezerwacji jednej osoby w tygodniu',
          hint: 'Zostaw puste, aby nie ograniczać.',
        },
        perOrganisationWeek: {
          label: 'Limit rezerwacji jednej organizacji w tygodniu',
          hint: 'Zostaw puste, aby nie ograniczać.',
        },
        checkInGraceMinutes: {
          label: 'Czas na potwierdzenie obecności (minuty)',
          hint: 'Rezerwacja bez potwierdzonej obecności zostaje zwolniona po tylu minutach od początku. Zostaw puste, aby nie sprawdzać obecności.',
        },
      },
      noLimit: 'bez limitu',
      noCheckIn: 'bez sprawdzania obecności',
      yes: 'tak',
      no: 'nie',
      overridesTitle: 'Wyjątki od zasad',
      overridesLead:
        'Inne zasady dla posiadaczy pakietu lub dla rodzaju organizacji. Wyjątek zmienia tylko wypełnione pola; pakiet ma pierwszeństwo przed rodzajem organizacji.',
      overridesEmpty: 'Brak wyjątków: wszyscy rezerwują na zasadach powyżej.',
      overridesCaption: 'Wyjątki od zasad',
      target: 'Dla kogo',
      changes: 'Zmienione zasady',
      targetPackage: (name: string) => `Pakiet: ${name}`,
      targetKind: (kind: string) => `Organizacje: ${kind}`,
      targetPackages: 'Pakiety',
      targetKinds: 'Rodzaje organizacji',
      chooseTarget: 'Wybierz pakiet lub rodzaj organizacji',
      addOverride: 'Dodaj wyjątek',
      addOverrideTitle: 'Nowy wyjątek od zasad',
      editOverride: 'Zmień',
      editOverrideTitle: 'Wyjątek od zasad',
      deleteOverride: 'Usuń',
      overrideFieldHint: 'Zostaw puste, aby obowiązywała zasada zasobu.',
      approvalInherit: 'Jak w zasadach zasobu',
      approvalYes: 'Wymaga zatwierdzenia',
      approvalNo: 'Nie wymaga zatwierdzenia',
      saveOverride: 'Zapisz wyjątek',
    },
  },
  en: {
    rules: {
      title: 'Booking rules',
      lead: 'These rules apply to everyone who books this resource, unless an exception below says otherwise.',
      minutesSuffix: 'minutes',
      hoursSuffix: 'hours',
      daysSuffix: 'days',
      fields: {
        minMinutes: { label: 'Shortest booking (minutes)', hint: 'From 5 to 1440 minutes.' },
        maxMinutes: {
          label: 'Longest booking (minutes)',
          hint: 'From 5 to 1440 minutes; not shorter than the shortest booking.',
        },
        stepMinutes: {
          label: 'Booking step (minutes)',
          hint: 'Bookings start and end on this grid from opening time, like every 30 minutes.',
        },
        minNoticeMinutes: {
          label: 'Latest notice (minutes before the start)',
          hint: 'A booking must be made at least this many minutes before it starts. 0 — until the last moment.',
        },
        horizonDays: {
          label: 'How far ahead (days)',
          hint: 'How many days ahead people can book, from 1 to 730.',
        },
        cancelHours: {
          label: 'Cancelling or changing (hours before the start)',
          hint: 'Until how many hours before the start a booking can be cancelled or changed.',
        },
        bufferMinutes: {
          label: 'Gap after each booking (minutes)',
          hint: 'Time to clean or rearrange the room. 0 — no gap.',
        },
        approval: {
          label: 'Staff must approve every booking',
          hint: 'Each booking is then a request that you approve or decline with a reason.',
        },
        perPersonWeek: {
          label: 'Bookings per person per week',
          hint: 'Leave empty for no limit.',
        },
        perOrganisationWeek: {
          label: 'Bookings per organisation per week',
          hint: 'Leave empty for no limit.',
        },
        checkInGraceMinutes: {
          label: 'Time to check in (minutes)',
          hint: 'A booking not checked in this many minutes after its start is released. Leave empty for no check-in.',
        },
      },
      noLimit: 'no limit',
      noCheckIn: 'no check-in',
      yes: 'yes',
      no: 'no',
      overridesTitle: 'Exceptions to the rules',
      overridesLead:
        'Different rules for holders of a package or for a kind of organisation. An exception changes only the fields filled in; a package takes precedence over an organisation kind.',
      overridesEmpty: 'No exceptions: everyone books under the rules above.',
      overridesCaption: 'Exceptions to the rules',
      target: 'For whom',
      changes: 'Changed rules',
      targetPackage: (name: string) => `Package: ${name}`,
      targetKind: (kind: string) => `Organisations: ${kind}`,
      targetPackages: 'Packages',
      targetKinds: 'Kinds of organisation',
      chooseTarget: 'Choose a package or kind of organisation',
      addOverride: 'Add exception',
      addOverrideTitle: 'New exception to the rules',
      editOverride: 'Change',
      editOverrideTitle: 'Exception to the rules',
      deleteOverride: 'Delete',
      overrideFieldHint: 'Leave empty to keep the resource’s rule.',
      approvalInherit: 'As in the resource’s rules',
      approvalYes: 'Needs approval',
      approvalNo: 'No approval needed',
      saveOverride: 'Save exception',
    },
  },
  uk: {
    rules: {
      title: 'Правила бронювання',
      lead: 'Правила діють для всіх, хто бронює цей ресурс, якщо виняток нижче не встановлює інше.',
      minutesSuffix: 'хвилин',
      hoursSuffix: 'годин',
      daysSuffix: 'днів',
      fields: {
        minMinutes: { label: 'Найкоротше бронювання (хвилини)', hint: 'Від 5 до 1440 хвилин.' },
        maxMinutes: {
          label: 'Найдовше бронювання (хвилини)',
          hint: 'Від 5 до 1440 хвилин; не коротше за найкоротше бронювання.',
        },
        stepMinutes: {
          label: 'Крок бронювання (хвилини)',
          hint: 'Бронювання починаються й закінчуються з таким кроком від відкриття, напр. кожні 30 хвилин.',
        },
        minNoticeMinutes: {
          label: 'Не пізніше ніж за (хвилин до початку)',
          hint: 'Бронювання треба зробити щонайменше за стільки хвилин до початку. 0 — до останньої хвилини.',
        },
        horizonDays: {
          label: 'Наскільки наперед (дні)',
          hint: 'На скільки днів уперед можна бронювати, від 1 до 730.',
        },
        cancelHours: {
          label: 'Скасування або зміна (годин до початку)',
          hint: 'До скількох годин перед початком можна скасувати або змінити бронювання.',
        },
        bufferMinutes: {
          label: 'Перерва після бронювання (хвилини)',
          hint: 'Час на прибирання або переставлення зали. 0 — без перерви.',
        },
        approval: {
          label: 'Кожне бронювання затверджує працівник',
          hint: 'Тоді бронювання є заявкою, яку ви затверджуєте або відхиляєте з обґрунтуванням.',
        },
        perPersonWeek: {
          label: 'Ліміт бронювань однієї особи на тиждень',
          hint: 'Залиште порожнім, щоб не обмежувати.',
        },
        perOrganisationWeek: {
          label: 'Ліміт бронювань однієї організації на тиждень',
          hint: 'Залиште порожнім, щоб не обмежувати.',
        },
        checkInGraceMinutes: {
          label: 'Час на підтвердження присутності (хвилини)',
          hint: 'Бронювання без підтвердженої присутності звільняється через стільки хвилин після початку. Залиште порожнім, щоб не перевіряти присутність.',
        },
      },
      noLimit: 'без ліміту',
      noCheckIn: 'без перевірки присутності',
      yes: 'так',
      no: 'ні',
      overridesTitle: 'Винятки з правил',
      overridesLead:
        'Інші правила для власників пакета або для виду організації. Виняток змінює лише заповнені поля; пакет має перевагу над видом організації.',
      overridesEmpty: 'Винятків немає: усі бронюють за правилами вище.',
      overridesCaption: 'Винятки з правил',
      target: 'Для кого',
      changes: 'Змінені правила',
      targetPackage: (name: string) => `Пакет: ${name}`,
      targetKind: (kind: string) => `Організації: ${kind}`,
      targetPackages: 'Пакети',
      targetKinds: 'Види організацій',
      chooseTarget: 'Виберіть пакет або вид організації',
      addOverride: 'Додати виняток',
      addOverrideTitle: 'Новий виняток з правил',
      editOverride: 'Змінити',
      editOverrideTitle: 'Виняток з правил',
      deleteOverride: 'Видалити',
      overrideFieldHint: 'Залиште порожнім, щоб діяло правило ресурсу.',
      approvalInherit: 'Як у правилах ресурсу',
      approvalYes: 'Потребує затвердження',
      approvalNo: 'Не потребує затвердження',
      saveOverride: 'Зберегти виняток',
    },
  },
});
