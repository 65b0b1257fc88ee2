import { catalogue, plural } from '../../../../platform/i18n/index.ts';

// Whether a resource can be booked, and its opening hours.
export const availability = catalogue({
  pl: {
    status: {
      heading: 'Dostępność do rezerwacji',
      activeText: 'Zasób jest aktywny: można go rezerwować.',
      inactiveText: 'Zasób jest nieaktywny: nie można go rezerwować ani nie jest widoczny w rezerwacjach.',
      deactivate: 'Wyłącz rezerwacje',
      activate: 'Włącz rezerwacje',
      deactivateHint: 'Wyłączenie nie odwołuje rezerwacji już przyjętych.',
      futureWarning: (n: number) =>
        plural('pl', n, {
          one: 'Zasób ma # przyszłą rezerwację. Nie została odwołana — skontaktuj się z osobą, która rezerwowała.',
          few: 'Zasób ma # przyszłe rezerwacje. Nie zostały odwołane — skontaktuj się z osobami, które rezerwowały.',
          many: 'Zasób ma # przyszłych rezerwacji. Nie zostały odwołane — skontaktuj się z osobami, które rezerwowały.',
          other: 'Zasób ma # przyszłej rezerwacji. Nie zostały odwołane.',
        }),
      bookingsCaption: 'Przyszłe rezerwacje tego zasobu',
      when: 'Termin',
      who: 'Osoba rezerwująca',
      bookingTitle: 'Tytuł',
      bookingStatus: 'Stan',
      more: (n: number) => `…i jeszcze ${n}. Pełna lista w sekcji Rezerwacje.`,
    },
    hours: {
      title: 'Godziny otwarcia',
      lead: 'Godziny, w których można rezerwować zasób, w czasie warszawskim. W święta państwowe zasób jest zamknięty.',
      closed: 'Zamknięte',
      open: 'Otwarcie',
      close: 'Zamknięcie',
      timeHint: 'GG:MM, np. 08:00',
      openLabel: (day: string) => `Otwarcie — ${day}`,
      closeLabel: (day: string) => `Zamknięcie — ${day}`,
      closedLabel: (day: string) => `Zamknięte w ${day}`,
      closedText: 'zamknięte',
    },
  },
  en: {
    status: {
      heading: 'Open for booking',
      activeText: 'The resource is active: people can book it.',
      inactiveText: 'The resource is inactive: it cannot be booked and does not appear in booking.',
      deactivate: 'Stop bookings',
      activate: 'Allow bookings',
      deactivateHint: 'Stopping bookings does not cancel bookings already made.',
      futureWarning: (n: number) =>
        plural('en', n, {
          one: 'The resource has # future booking. It has not been cancelled — contact the person who made it.',
          other:
            'The resource has # future bookings. They have not been cancelled — contact the people who made them.',
        }),
      bookingsCaption: 'Future bookings of this resource',
      when: 'When',
      who: 'Booked by',
      bookingTitle: 'Title',
      bookingStatus: 'Status',
      more: (n: number) => `…and ${n} more. See the full list under Bookings.`,
    },
    hours: {
      title: 'Opening hours',
      lead: 'When the resource can be booked, Warsaw time. The resource is closed on public holidays.',
      closed: 'Closed',
      open: 'Opens',
      close: 'Closes',
      timeHint: 'HH:MM, like 08:00',
      openLabel: (day: string) => `Opens — ${day}`,
      closeLabel: (day: string) => `Closes — ${day}`,
      closedLabel: (day: string) => `Closed on ${day}`,
      closedText: 'closed',
    },
  },
  uk: {
    status: {
      heading: 'Доступність для бронювання',
      activeText: 'Ресурс активний: його можна бронювати.',
      inactiveText: 'Ресурс неактивний: його не можна бронювати, і він не відображається під час бронювання.',
      deactivate: 'Вимкнути бронювання',
      activate: 'Увімкнути бронювання',
      deactivateHint: 'Вимкнення не скасовує вже прийнятих бронювань.',
      futureWarning: (n: number) =>
        plural('uk', n, {
          one: 'Ресурс має # майбутнє бронювання. Його не скасовано — звʼяжіться з особою, яка бронювала.',
          few: 'Ресурс має # майбутні бронювання. Їх не скасовано — звʼяжіться з особами, які бронювали.',
          many: 'Ресурс має # майбутніх бронювань. Їх не скасовано — звʼяжіться з особами, які бронювали.',
          other: 'Ресурс має # майбутнього бронювання. Їх не скасовано.',
        }),
      bookingsCaption: 'Майбутні бронювання цього ресурсу',
      when: 'Термін',
      who: 'Хто бронював',
      bookingTitle: 'Назва',
      bookingStatus: 'Стан',
      more: (n: number) => `…і ще ${n}. Повний список — у розділі Бронювання.`,
    },
    hours: {
      title: 'Години роботи',
      lead: 'Години, коли ресурс можна бронювати, за варшавським часом. У державні свята ресурс зачинений.',
      closed: 'Зачинено',
      open: 'Відкриття',
      close: 'Закриття',
      timeHint: 'ГГ:ХХ, напр. 08:00',
      openLabel: (day: string) => `Відкриття — ${day}`,
      closeLabel: (day: string) => `Закриття — ${day}`,
      closedLabel: (day: string) => `Зачинено: ${day}`,
      closedText: 'зачинено',
    },
  },
});
