// Mail templates of events: to registrants about their place, the waiting list and the event itself.
// platform/mail/outbox.ts lays them out with the greeting and signature. Each carries the one link
// to the person's registration (cancel, accept or decline an offer) that needs no sign-in.
import { catalogue, type MailContent, plural } from '../../../platform/i18n/index.ts';

/** One session in a series' confirmation: its title and time, its place in line (null: confirmed), its link. */
export interface SeriesMailLine {
  title: string;
  when: string;
  ahead: number | null;
  url: string;
}
/** An organiser's plain text as the mail's paragraphs: split at blank lines. */
const paragraphsOf = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export const eventsMail = catalogue({
  pl: {
    eventsRegistered: (
      title: string,
      when: string,
      places: number,
      url: string,
      checkIn: string,
    ): MailContent => ({
      subject: `Potwierdzenie zapisu: ${title}, ${when}`,
      paragraphs: [
        `Potwierdzamy zapis na wydarzenie „${title}”, ${when}. Liczba miejsc: ${places}.`,
        'Jeśli nie możesz przyjść, zrezygnuj pod linkiem poniżej — miejsce dostanie ktoś z listy rezerwowej.',
        `Przy wejściu pokaż kod QR z załącznika (kod-qr.png) albo ten adres: ${checkIn}`,
      ],
      action: { label: 'Zobacz lub zrezygnuj', url },
    }),
    eventsWaiting: (title: string, when: string, places: number, url: string): MailContent => ({
      subject: `Lista rezerwowa: ${title}, ${when}`,
      paragraphs: [
        `Wszystkie miejsca na wydarzenie „${title}”, ${when}, są zajęte. Zapisaliśmy Cię na listę rezerwową (liczba miejsc: ${places}).`,
        'Gdy zwolni się tyle miejsc, ile potrzebujesz, napiszemy i zaproponujemy je Tobie. Grupa dostaje miejsca razem, nigdy częściowo.',
      ],
      action: { label: 'Zobacz lub zrezygnuj', url },
    }),
    eventsOffer: (title: string, when: string, places: number, until: string, url: string): MailContent => ({
      subject: `Zwolniło się miejsce: ${title}, ${when}`,
      paragraphs: [
        `Na wydarzenie „${title}”, ${when}, zwolniło się dla Ciebie ${plural('pl', places, { one: '# miejsce', few: '# miejsca', many: '# miejsc', other: '# miejsca' })}.`,
        `Miejsca czekają na Ciebie do ${until}. Przyjmij je albo odmów pod linkiem poniżej; potem przejdą na następną osobę z listy.`,
      ],
      action: { label: 'Przyjmij lub odmów', url },
    }),
    eventsOfferExpired: (title: string, when: string): MailContent => ({
      subject: `Propozycja miejsca wygasła: ${title}, ${when}`,
      paragraphs: [
        `Propozycja miejsca na wydarzenie „${title}”, ${when}, wygasła i przeszła na następną osobę z listy rezerwowej.`,
      ],
    }),
    eventsRegistrationCancelled: (title: string, when: string): MailContent => ({
      subject: `Rezygnacja przyjęta: ${title}, ${when}`,
      paragraphs: [`Potwierdzamy rezygnację z udziału w wydarzeniu „${title}”, ${when}.`],
    }),
    eventsEventCancelled: (title: string, when: string, reason: string): MailContent => ({
      subject: `Wydarzenie odwołane: ${title}, ${when}`,
      paragraphs: [`Wydarzenie „${title}”, ${when}, zostało odwołane.`, `Powód: ${reason}`],
    }),
    eventsEventPostponed: (title: string, before: string, after: string, url: string): MailContent => ({
      subject: `Wydarzenie przełożone: ${title}, ${after}`,
      paragraphs: [
        `Wydarzenie „${title}” zostało przełożone z ${before} na ${after}. Twój zapis pozostaje ważny.`,
        'Jeśli nowy termin Ci nie pasuje, zrezygnuj pod linkiem poniżej.',
      ],
      action: { label: 'Zobacz lub zrezygnuj', url },
    }),
    eventsEventVenueChanged: (
      title: string,
      when: string,
      before: string,
      after: string,
      url: string,
    ): MailContent => ({
      subject: `Zmiana miejsca: ${title}, ${when}`,
      paragraphs: [
        `Wydarzenie „${title}”, ${when}, odbędzie się w innym miejscu: ${after} (wcześniej: ${before}). Twój zapis pozostaje ważny.`,
        'Jeśli nowe miejsce Ci nie pasuje, zrezygnuj pod linkiem poniżej.',
      ],
      action: { label: 'Zobacz lub zrezygnuj', url },
    }),
    eventsReminder: (title: string, when: string, place: string, url: string): MailContent => ({
      subject: `Przypomnienie: ${title}, ${when}`,
      paragraphs: [
        `Przypominamy o wydarzeniu „${title}”, ${when}. Miejsce: ${place}.`,
        'Jeśli nie możesz przyjść, zrezygnuj pod linkiem poniżej — miejsce dostanie ktoś z listy rezerwowej.',
      ],
      action: { label: 'Zobacz lub zrezygnuj', url },
    }),
    eventsSeriesRegistered: (series: string, sessions: SeriesMailLine[], url: string): MailContent => ({
      subject: `Potwierdzenie zapisu: ${series}`,
      paragraphs: [
        `Potwierdzamy zapis na spotkania cyklu „${series}”:`,
        ...sessions.map(
          (x) =>
            `„${x.title}”, ${x.when}: ${x.ahead === null ? 'zapisano' : `lista rezerwowa (przed Tobą: ${x.ahead})`}. Zobacz lub zrezygnuj: ${x.url}`,
        ),
        'Z listy rezerwowej napiszemy, gdy zwolni się miejsce. Jeśli nie możesz przyjść, zrezygnuj — miejsce dostanie ktoś inny.',
      ],
      action: { label: 'Moje wydarzenia', url },
    }),
    eventsOrganiserMessage: (title: string, subject: string, body: string, url: string): MailContent => ({
      subject: `${subject} — ${title}`,
      paragraphs: [
        `Wiadomość od organizatorów wydarzenia „${title}”, na które się zapisałeś(-aś):`,
        ...paragraphsOf(body),
      ],
      action: { label: 'Zobacz wydarzenie', url },
    }),
  },
  en: {
    eventsRegistered: (
      title: string,
      when: string,
      places: number,
      url: string,
      checkIn: string,
    ): MailContent => ({
      subject: `Registration confirmed: ${title}, ${when}`,
      paragraphs: [
        `You are registered for “${title}”, ${when}. Places: ${places}.`,
        'If you cannot come, cancel with the link below — someone on the waiting list will get the place.',
        `At the entrance, show the QR code attached (kod-qr.png) or this address: ${checkIn}`,
      ],
      action: { label: 'View or cancel', url },
    }),
    eventsWaiting: (title: string, when: string, places: number, url: string): MailContent => ({
      subject: `Waiting list: ${title}, ${when}`,
      paragraphs: [
        `All places for “${title}”, ${when}, are taken. You are on the waiting list (places: ${places}).`,
        'When as many places as you need free up, we will write and offer them to you. A party gets its places together, never in part.',
      ],
      action: { label: 'View or cancel', url },
    }),
    eventsOffer: (title: string, when: string, places: number, until: string, url: string): MailContent => ({
      subject: `A place is free: ${title}, ${when}`,
      paragraphs: [
        `${plural('en', places, { one: 'A place has', other: '# places have' })} freed up for you at “${title}”, ${when}.`,
        `They are held for you until ${until}. Accept or decline with the link below; after that they pass to the next person on the list.`,
      ],
      action: { label: 'Accept or decline', url },
    }),
    eventsOfferExpired: (title: string, when: string): MailContent => ({
      subject: `Offer expired: ${title}, ${when}`,
      paragraphs: [
        `The offer of a place at “${title}”, ${when}, has expired and passed to the next person on the waiting list.`,
      ],
    }),
    eventsRegistrationCancelled: (title: string, when: string): MailContent => ({
      subject: `Cancellation confirmed: ${title}, ${when}`,
      paragraphs: [`Your registration for “${title}”, ${when}, is cancelled.`],
    }),
    eventsEventCancelled: (title: string, when: string, reason: string): MailContent => ({
      subject: `Event cancelled: ${title}, ${when}`,
      paragraphs: [`The event “${title}”, ${when}, has been cancelled.`, `Reason: ${reason}`],
    }),
    eventsEventPostponed: (title: string, before: string, after: string, url: string): MailContent => ({
      subject: `Event postponed: ${title}, ${after}`,
      paragraphs: [
        `The event “${title}” has moved from ${before} to ${after}. Your registration still stands.`,
        'If the new date does not suit you, cancel with the link below.',
      ],
      action: { label: 'View or cancel', url },
    }),
    eventsEventVenueChanged: (
      title: string,
      when: string,
      before: string,
      after: string,
      url: string,
    ): MailContent => ({
      subject: `New venue: ${title}, ${when}`,
      paragraphs: [
        `The event “${title}”, ${when}, takes place somewhere else: ${after} (before: ${before}). Your registration still stands.`,
        'If the new venue does not suit you, cancel with the link below.',
      ],
      action: { label: 'View or cancel', url },
    }),
    eventsReminder: (title: string, when: string, place: string, url: string): MailContent => ({
      subject: `Reminder: ${title}, ${when}`,
      paragraphs: [
        `A reminder of “${title}”, ${when}. Place: ${place}.`,
        'If you cannot come, cancel with the link below — someone on the waiting list will get the place.',
      ],
      action: { label: 'View or cancel', url },
    }),
    eventsSeriesRegistered: (series: string, sessions: SeriesMailLine[], url: string): MailContent => ({
      subject: `Registration confirmed: ${series}`,
      paragraphs: [
        `We confirm your registration for sessions of the series “${series}”:`,
        ...sessions.map(
          (x) =>
            `“${x.title}”, ${x.when}: ${x.ahead === null ? 'registered' : `waiting list (ahead of you: ${x.ahead})`}. View or cancel: ${x.url}`,
        ),
        'From the waiting list we write when a place comes free. If you cannot come, cancel — someone else gets the place.',
      ],
      action: { label: 'My events', url },
    }),
    eventsOrganiserMessage: (title: string, subject: string, body: string, url: string): MailContent => ({
      subject: `${subject} — ${title}`,
      paragraphs: [
        `A message from the organisers of "${title}", which you registered for:`,
        ...paragraphsOf(body),
      ],
      action: { label: 'See the event', url },
    }),
  },
  uk: {
    eventsRegistered: (
      title: string,
      when: string,
      places: number,
      url: string,
      checkIn: string,
    ): MailContent => ({
      subject: `Реєстрацію підтверджено: ${title}, ${when}`,
      paragraphs: [
        `Підтверджуємо реєстрацію на подію «${title}», ${when}. Кількість місць: ${places}.`,
        'Якщо не зможете прийти, скасуйте участь за посиланням нижче — місце отримає хтось зі списку очікування.',
        `На вході покажіть QR-код із вкладення (kod-qr.png) або цю адресу: ${checkIn}`,
      ],
      action: { label: 'Переглянути або скасувати', url },
    }),
    eventsWaiting: (title: string, when: string, places: number, url: string): MailContent => ({
      subject: `Список очікування: ${title}, ${when}`,
      paragraphs: [
        `Усі місця на подію «${title}», ${when}, зайняті. Ми додали вас до списку очікування (кількість місць: ${places}).`,
        'Коли звільниться стільки місць, скільки вам потрібно, ми напишемо й запропонуємо їх вам. Група отримує місця разом, ніколи частково.',
      ],
      action: { label: 'Переглянути або скасувати', url },
    }),
    eventsOffer: (title: string, when: string, places: number, until: string, url: string): MailContent => ({
      subject: `Звільнилося місце: ${title}, ${when}`,
      paragraphs: [
        `На подію «${title}», ${when}, для вас звільнилося ${plural('uk', places, { one: '# місце', few: '# місця', many: '# місць', other: '# місця' })}.`,
        `Місця чекають на вас до ${until}. Прийміть їх або відмовтеся за посиланням нижче; потім вони перейдуть до наступної особи зі списку.`,
      ],
      action: { label: 'Прийняти або відмовитися', url },
    }),
    eventsOfferExpired: (title: string, when: string): MailContent => ({
      subject: `Пропозиція місця закінчилася: ${title}, ${when}`,
      paragraphs: [
        `Пропозиція місця на подію «${title}», ${when}, закінчилася й перейшла до наступної особи зі списку очікування.`,
      ],
    }),
    eventsRegistrationCancelled: (title: string, when: string): MailContent => ({
      subject: `Скасування прийнято: ${title}, ${when}`,
      paragraphs: [`Підтверджуємо скасування участі в події «${title}», ${when}.`],
    }),
    eventsEventCancelled: (title: string, when: string, reason: string): MailContent => ({
      subject: `Подію скасовано: ${title}, ${when}`,
      paragraphs: [`Подію «${title}», ${when}, скасовано.`, `Причина: ${reason}`],
    }),
    eventsEventPostponed: (title: string, before: string, after: string, url: string): MailContent => ({
      subject: `Подію перенесено: ${title}, ${after}`,
      paragraphs: [
        `Подію «${title}» перенесено з ${before} на ${after}. Ваша реєстрація залишається чинною.`,
        'Якщо новий термін вам не підходить, скасуйте участь за посиланням нижче.',
      ],
      action: { label: 'Переглянути або скасувати', url },
    }),
    eventsEventVenueChanged: (
      title: string,
      when: string,
      before: string,
      after: string,
      url: string,
    ): MailContent => ({
      subject: `Нове місце: ${title}, ${when}`,
      paragraphs: [
        `Подія «${title}», ${when}, відбудеться в іншому місці: ${after} (раніше: ${before}). Ваша реєстрація залишається чинною.`,
        'Якщо нове місце вам не підходить, скасуйте участь за посиланням нижче.',
      ],
      action: { label: 'Переглянути або скасувати', url },
    }),
    eventsReminder: (title: string, when: string, place: string, url: string): MailContent => ({
      subject: `Нагадування: ${title}, ${when}`,
      paragraphs: [
        `Нагадуємо про подію «${title}», ${when}. Місце: ${place}.`,
        'Якщо не зможете прийти, скасуйте реєстрацію за посиланням нижче — місце отримає хтось зі списку очікування.',
      ],
      action: { label: 'Переглянути або скасувати', url },
    }),
    eventsSeriesRegistered: (series: string, sessions: SeriesMailLine[], url: string): MailContent => ({
      subject: `Підтвердження реєстрації: ${series}`,
      paragraphs: [
        `Підтверджуємо реєстрацію на зустрічі циклу «${series}»:`,
        ...sessions.map(
          (x) =>
            `«${x.title}», ${x.when}: ${x.ahead === null ? 'зареєстровано' : `список очікування (перед вами: ${x.ahead})`}. Переглянути або скасувати: ${x.url}`,
        ),
        'Зі списку очікування ми напишемо, коли звільниться місце. Якщо не можете прийти, скасуйте — місце отримає хтось інший.',
      ],
      action: { label: 'Мої події', url },
    }),
    eventsOrganiserMessage: (title: string, subject: string, body: string, url: string): MailContent => ({
      subject: `${subject} — ${title}`,
      paragraphs: [
        `Повідомлення від організаторів події «${title}», на яку ви зареєструвалися:`,
        ...paragraphsOf(body),
      ],
      action: { label: 'Переглянути подію', url },
    }),
  },
});
