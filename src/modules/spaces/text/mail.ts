// Mail templates of bookings and desk-use agreements. platform/mail/outbox.ts lays them out with the greeting and signature.
import { catalogue, type MailContent } from '../../../platform/i18n/index.ts';

export const spacesMail = catalogue({
  pl: {
    bookingConfirmed: (resource: string, when: string, url: string, reminder: boolean): MailContent => ({
      subject: `Rezerwacja potwierdzona: ${resource}, ${when}`,
      paragraphs: [
        `Potwierdzamy rezerwację: ${resource}, ${when}.`,
        `Szczegóły, kod QR do samodzielnego potwierdzenia obecności, zmiana terminu i odwołanie — pod linkiem poniżej.${reminder ? ' Przypomnimy o rezerwacji dzień wcześniej.' : ''}`,
        'W załączniku jest plik .ics, który doda rezerwację do Twojego kalendarza.',
      ],
      action: { label: 'Zobacz rezerwację', url },
    }),
    bookingRequested: (resource: string, when: string, url: string): MailContent => ({
      subject: `Otrzymaliśmy wniosek o rezerwację: ${resource}, ${when}`,
      paragraphs: [
        `Otrzymaliśmy wniosek o rezerwację: ${resource}, ${when}. Termin jest wstępnie zablokowany dla Ciebie.`,
        'Pracownik Klastra rozpatrzy wniosek; o decyzji napiszemy w osobnej wiadomości.',
      ],
      action: { label: 'Zobacz wniosek', url },
    }),
    bookingApproved: (resource: string, when: string, url: string): MailContent => ({
      subject: `Wniosek zatwierdzony: ${resource}, ${when}`,
      paragraphs: [`Pracownik Klastra zatwierdził Twój wniosek o rezerwację: ${resource}, ${when}.`],
      action: { label: 'Zobacz rezerwację', url },
    }),
    bookingDeclined: (resource: string, when: string, reason: string, url: string): MailContent => ({
      subject: `Wniosek odrzucony: ${resource}, ${when}`,
      paragraphs: [
        `Pracownik Klastra odrzucił Twój wniosek o rezerwację: ${resource}, ${when}.`,
        `Powód: ${reason}`,
        'Możesz wybrać inny termin.',
      ],
      action: { label: 'Wybierz inny termin', url },
    }),
    bookingCancelled: (resource: string, when: string, reason: string | null, url: string): MailContent => ({
      subject: `Rezerwacja odwołana: ${resource}, ${when}`,
      paragraphs: [
        `Rezerwacja została odwołana: ${resource}, ${when}.`,
        ...(reason ? [`Powód: ${reason}`] : []),
      ],
      action: { label: 'Moje rezerwacje', url },
    }),
    bookingChanged: (resource: string, before: string, after: string, url: string): MailContent => ({
      subject: `Zmiana rezerwacji: ${resource}, ${after}`,
      paragraphs: [`Termin rezerwacji (${resource}) został zmieniony z ${before} na ${after}.`],
      action: { label: 'Zobacz rezerwację', url },
    }),
    bookingReminder: (resource: string, when: string, url: string): MailContent => ({
      subject: `Przypomnienie: ${resource}, ${when}`,
      paragraphs: [
        `Przypominamy o rezerwacji: ${resource}, ${when}. Adres: ul. Zabłocie 20–22, Kraków.`,
        'Jeśli nie możesz przyjść, odwołaj rezerwację, żeby ktoś inny mógł skorzystać.',
      ],
      action: { label: 'Zobacz lub odwołaj', url },
    }),
    bookingReleased: (resource: string, when: string, url: string, dayReturned: boolean): MailContent => ({
      subject: `Rezerwacja zwolniona: ${resource}, ${when}`,
      paragraphs: [
        `Nie potwierdzono obecności na rezerwacji (${resource}, ${when}) w wyznaczonym czasie, więc została zwolniona dla innych osób.`,
        ...(dayReturned ? ['Dzień wrócił na Twój karnet — możesz go wykorzystać w innym terminie.'] : []),
      ],
      action: { label: 'Moje rezerwacje', url },
    }),
    bookingLapsed: (resource: string, when: string, url: string): MailContent => ({
      subject: `Wstępna rezerwacja wygasła: ${resource}, ${when}`,
      paragraphs: [
        `Twój wniosek o rezerwację (${resource}, ${when}) nie został rozpatrzony w czasie wstępnej rezerwacji, więc termin jest znowu wolny.`,
        'Jeśli nadal chcesz skorzystać z przestrzeni, złóż nowy wniosek albo zadzwoń do Klastra.',
      ],
      action: { label: 'Wybierz termin', url },
    }),
    agreementApplied: (pkg: string, url: string): MailContent => ({
      subject: `Otrzymaliśmy Twój wniosek o umowę: ${pkg}`,
      paragraphs: [
        `Otrzymaliśmy Twój wniosek o umowę udostępnienia stanowiska pracy (pakiet: ${pkg}).`,
        'Pracownik Klastra rozpatrzy go i napisze o decyzji.',
      ],
      action: { label: 'Zobacz wniosek', url },
    }),
    agreementAccepted: (
      number: string,
      pkg: string,
      period: string,
      price: string,
      url: string,
    ): MailContent => ({
      subject: `Umowa ${number} zawarta`,
      paragraphs: [
        `Zawarliśmy umowę udostępnienia stanowiska pracy nr ${number}.`,
        `Pakiet: ${pkg}. Okres: ${period}. Opłata: ${price}.`,
      ],
      action: { label: 'Zobacz umowę', url },
    }),
    agreementRefused: (pkg: string, reason: string, url: string): MailContent => ({
      subject: `Wniosek o umowę odrzucony (${pkg})`,
      paragraphs: [`Pracownik Klastra odrzucił Twój wniosek o umowę (pakiet: ${pkg}).`, `Powód: ${reason}`],
      action: { label: 'Zobacz wniosek', url },
    }),
    agreementEnded: (number: string, endsOn: string, reason: string, url: string): MailContent => ({
      subject: `Umowa ${number} zakończona`,
      paragraphs: [`Umowa nr ${number} kończy się ${endsOn}.`, `Powód: ${reason}`],
      action: { label: 'Zobacz umowę', url },
    }),
  },
  en: {
    bookingConfirmed: (resource: string, when: string, url: string, reminder: boolean): MailContent => ({
      subject: `Booking confirmed: ${resource}, ${when}`,
      paragraphs: [
        `Your booking is confirmed: ${resource}, ${when}.`,
        `Details, the QR code to check yourself in, changing the time and cancelling are at the link below.${reminder ? ' We will remind you the day before.' : ''}`,
        'The attached .ics file adds the booking to your calendar.',
      ],
      action: { label: 'See the booking', url },
    }),
    bookingRequested: (resource: string, when: string, url: string): MailContent => ({
      subject: `We have received your booking request: ${resource}, ${when}`,
      paragraphs: [
        `We have received your booking request: ${resource}, ${when}. The time is held for you meanwhile.`,
        'Cluster staff will consider it; we will write to you with their decision.',
      ],
      action: { label: 'See the request', url },
    }),
    bookingApproved: (resource: string, when: string, url: string): MailContent => ({
      subject: `Request approved: ${resource}, ${when}`,
      paragraphs: [`Cluster staff approved your booking request: ${resource}, ${when}.`],
      action: { label: 'See the booking', url },
    }),
    bookingDeclined: (resource: string, when: string, reason: string, url: string): MailContent => ({
      subject: `Request declined: ${resource}, ${when}`,
      paragraphs: [
        `Cluster staff declined your booking request: ${resource}, ${when}.`,
        `Reason: ${reason}`,
        'You can choose another time.',
      ],
      action: { label: 'Choose another time', url },
    }),
    bookingCancelled: (resource: string, when: string, reason: string | null, url: string): MailContent => ({
      subject: `Booking cancelled: ${resource}, ${when}`,
      paragraphs: [
        `The booking has been cancelled: ${resource}, ${when}.`,
        ...(reason ? [`Reason: ${reason}`] : []),
      ],
      action: { label: 'My bookings', url },
    }),
    bookingChanged: (resource: string, before: string, after: string, url: string): MailContent => ({
      subject: `Booking changed: ${resource}, ${after}`,
      paragraphs: [`Your booking of ${resource} has moved from ${before} to ${after}.`],
      action: { label: 'See the booking', url },
    }),
    bookingReminder: (resource: string, when: string, url: string): MailContent => ({
      subject: `Reminder: ${resource}, ${when}`,
      paragraphs: [
        `A reminder of your booking: ${resource}, ${when}. Address: ul. Zabłocie 20–22, Kraków.`,
        'If you cannot come, please cancel so that someone else can use it.',
      ],
      action: { label: 'See or cancel', url },
    }),
    bookingReleased: (resource: string, when: string, url: string, dayReturned: boolean): MailContent => ({
      subject: `Booking released: ${resource}, ${when}`,
      paragraphs: [
        `You did not check in for your booking (${resource}, ${when}) in time, so it has been released for others.`,
        ...(dayReturned ? ['The day is back on your pass: you can use it on another day.'] : []),
      ],
      action: { label: 'My bookings', url },
    }),
    bookingLapsed: (resource: string, when: string, url: string): MailContent => ({
      subject: `Tentative booking lapsed: ${resource}, ${when}`,
      paragraphs: [
        `Your booking request (${resource}, ${when}) was not decided while the time was held for you, so the time is free again.`,
        'If you still want to use the space, send a new request or call the Cluster.',
      ],
      action: { label: 'Choose a time', url },
    }),
    agreementApplied: (pkg: string, url: string): MailContent => ({
      subject: `We have received your agreement application: ${pkg}`,
      paragraphs: [
        `We have received your application for a desk-use agreement (package: ${pkg}).`,
        'Cluster staff will consider it and write to you with their decision.',
      ],
      action: { label: 'See the application', url },
    }),
    agreementAccepted: (
      number: string,
      pkg: string,
      period: string,
      price: string,
      url: string,
    ): MailContent => ({
      subject: `Agreement ${number} concluded`,
      paragraphs: [
        `Desk-use agreement no. ${number} has been concluded.`,
        `Package: ${pkg}. Period: ${period}. Fee: ${price}.`,
      ],
      action: { label: 'See the agreement', url },
    }),
    agreementRefused: (pkg: string, reason: string, url: string): MailContent => ({
      subject: `Your agreement application was not accepted (${pkg})`,
      paragraphs: [`Cluster staff did not accept your application (package: ${pkg}).`, `Reason: ${reason}`],
      action: { label: 'See the application', url },
    }),
    agreementEnded: (number: string, endsOn: string, reason: string, url: string): MailContent => ({
      subject: `Agreement ${number} ended`,
      paragraphs: [`Agreement no. ${number} ends on ${endsOn}.`, `Reason: ${reason}`],
      action: { label: 'See the agreement', url },
    }),
  },
  uk: {
    bookingConfirmed: (resource: string, when: string, url: string, reminder: boolean): MailContent => ({
      subject: `Бронювання підтверджено: ${resource}, ${when}`,
      paragraphs: [
        `Підтверджуємо бронювання: ${resource}, ${when}.`,
        `Деталі, QR-код для самостійної реєстрації, зміна часу та скасування — за посиланням нижче.${reminder ? ' Ми нагадаємо про бронювання напередодні.' : ''}`,
        'Файл .ics у вкладенні додасть бронювання до вашого календаря.',
      ],
      action: { label: 'Переглянути бронювання', url },
    }),
    bookingRequested: (resource: string, when: string, url: string): MailContent => ({
      subject: `Ми отримали заявку на бронювання: ${resource}, ${when}`,
      paragraphs: [
        `Ми отримали заявку на бронювання: ${resource}, ${when}. Цей час попередньо закріплено за вами.`,
        'Працівник Кластера розгляне заявку; про рішення повідомимо окремим листом.',
      ],
      action: { label: 'Переглянути заявку', url },
    }),
    bookingApproved: (resource: string, when: string, url: string): MailContent => ({
      subject: `Заявку схвалено: ${resource}, ${when}`,
      paragraphs: [`Працівник Кластера схвалив вашу заявку на бронювання: ${resource}, ${when}.`],
      action: { label: 'Переглянути бронювання', url },
    }),
    bookingDeclined: (resource: string, when: string, reason: string, url: string): MailContent => ({
      subject: `Заявку відхилено: ${resource}, ${when}`,
      paragraphs: [
        `Працівник Кластера відхилив вашу заявку на бронювання: ${resource}, ${when}.`,
        `Причина: ${reason}`,
        'Ви можете вибрати інший час.',
      ],
      action: { label: 'Вибрати інший час', url },
    }),
    bookingCancelled: (resource: string, when: string, reason: string | null, url: string): MailContent => ({
      subject: `Бронювання скасовано: ${resource}, ${when}`,
      paragraphs: [`Бронювання скасовано: ${resource}, ${when}.`, ...(reason ? [`Причина: ${reason}`] : [])],
      action: { label: 'Мої бронювання', url },
    }),
    bookingChanged: (resource: string, before: string, after: string, url: string): MailContent => ({
      subject: `Зміна бронювання: ${resource}, ${after}`,
      paragraphs: [`Час бронювання (${resource}) змінено з ${before} на ${after}.`],
      action: { label: 'Переглянути бронювання', url },
    }),
    bookingReminder: (resource: string, when: string, url: string): MailContent => ({
      subject: `Нагадування: ${resource}, ${when}`,
      paragraphs: [
        `Нагадуємо про бронювання: ${resource}, ${when}. Адреса: вул. Заблоцє 20–22, Краків.`,
        'Якщо не зможете прийти, скасуйте бронювання, щоб ним міг скористатися хтось інший.',
      ],
      action: { label: 'Переглянути або скасувати', url },
    }),
    bookingReleased: (resource: string, when: string, url: string, dayReturned: boolean): MailContent => ({
      subject: `Бронювання звільнено: ${resource}, ${when}`,
      paragraphs: [
        `Ви не зареєструвалися на бронювання (${resource}, ${when}) вчасно, тож його звільнено для інших.`,
        ...(dayReturned ? ['День повернуто на ваш абонемент — ви можете використати його іншим разом.'] : []),
      ],
      action: { label: 'Мої бронювання', url },
    }),
    bookingLapsed: (resource: string, when: string, url: string): MailContent => ({
      subject: `Попереднє бронювання втратило чинність: ${resource}, ${when}`,
      paragraphs: [
        `Вашу заявку на бронювання (${resource}, ${when}) не було розглянуто, поки час був зарезервований для вас, тож цей час знову вільний.`,
        'Якщо ви й далі хочете скористатися простором, подайте нову заявку або зателефонуйте до Кластера.',
      ],
      action: { label: 'Вибрати час', url },
    }),
    agreementApplied: (pkg: string, url: string): MailContent => ({
      subject: `Ми отримали вашу заяву на договір: ${pkg}`,
      paragraphs: [
        `Ми отримали вашу заяву на договір про надання робочого місця (пакет: ${pkg}).`,
        'Працівник Кластера розгляне її та повідомить про рішення.',
      ],
      action: { label: 'Переглянути заяву', url },
    }),
    agreementAccepted: (
      number: string,
      pkg: string,
      period: string,
      price: string,
      url: string,
    ): MailContent => ({
      subject: `Договір ${number} укладено`,
      paragraphs: [
        `Укладено договір про надання робочого місця № ${number}.`,
        `Пакет: ${pkg}. Період: ${period}. Плата: ${price}.`,
      ],
      action: { label: 'Переглянути договір', url },
    }),
    agreementRefused: (pkg: string, reason: string, url: string): MailContent => ({
      subject: `Заяву на договір відхилено (${pkg})`,
      paragraphs: [
        `Працівник Кластера відхилив вашу заяву на договір (пакет: ${pkg}).`,
        `Причина: ${reason}`,
      ],
      action: { label: 'Переглянути заяву', url },
    }),
    agreementEnded: (number: string, endsOn: string, reason: string, url: string): MailContent => ({
      subject: `Договір ${number} завершено`,
      paragraphs: [`Договір № ${number} завершується ${endsOn}.`, `Причина: ${reason}`],
      action: { label: 'Переглянути договір', url },
    }),
  },
});
