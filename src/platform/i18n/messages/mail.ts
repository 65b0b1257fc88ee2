import { catalogue } from '../define.ts';

/**
 * A message is a subject, paragraphs and an optional action link; mail/outbox.ts lays it out.
 * `unasked` marks the messages someone may get without having asked (a sign-up, a reset or a
 * lock-out on their address): only those end with "if this was not you, ignore this message".
 */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  unasked?: boolean;
}

export const mail = catalogue({
  pl: {
    greeting: 'Dzień dobry,',
    signature: 'Zespół Klastra Innowacji Społeczno-Gospodarczych Zabłocie 20.22\nUrząd Miasta Krakowa',
    ignore: 'Jeśli to nie Ty, zignoruj tę wiadomość.',
    verifyEmail: (url: string): MailContent => ({
      subject: 'Potwierdź adres e-mail w Klastrze Zabłocie 20.22',
      paragraphs: [
        'Dziękujemy za założenie konta. Aby je aktywować, potwierdź adres e-mail. Link jest ważny 24 godziny.',
      ],
      action: { label: 'Potwierdź adres e-mail', url },
      unasked: true,
    }),
    resetPassword: (url: string): MailContent => ({
      subject: 'Ustaw nowe hasło w Klastrze Zabłocie 20.22',
      paragraphs: ['Otrzymaliśmy prośbę o zmianę hasła. Link jest ważny 1 godzinę.'],
      action: { label: 'Ustaw nowe hasło', url },
      unasked: true,
    }),
    signUpExisting: (url: string): MailContent => ({
      subject: 'Próba założenia konta na Twój adres',
      paragraphs: [
        'Ktoś próbował założyć konto w Klastrze Zabłocie 20.22 na ten adres e-mail, ale konto już istnieje.',
        'Jeśli nie pamiętasz hasła, możesz ustawić nowe.',
      ],
      action: { label: 'Ustaw nowe hasło', url },
      unasked: true,
    }),
    passwordChanged: (): MailContent => ({
      subject: 'Hasło do Twojego konta zostało zmienione',
      paragraphs: [
        'Hasło do Twojego konta w Klastrze Zabłocie 20.22 zostało właśnie zmienione.',
        'Jeśli to nie Ty, natychmiast ustaw nowe hasło i skontaktuj się z nami.',
      ],
    }),
    signInLocked: (url: string): MailContent => ({
      subject: 'Logowanie do Twojego konta zostało wstrzymane',
      paragraphs: [
        'Ktoś — być może Ty — kilka razy wpisał błędne hasło do Twojego konta w Klastrze Zabłocie 20.22. Dla bezpieczeństwa logowanie samym hasłem zostało wstrzymane.',
        'Aby się zalogować, otwórz link i wpisz hasło — blokada zostanie zdjęta. Link jest ważny 1 godzinę. Jeśli nie pamiętasz hasła, ustaw nowe: to również zdejmie blokadę.',
        'Twoje hasło nie zostało zmienione. Jeśli używasz go także w innych serwisach, warto je zmienić.',
      ],
      action: { label: 'Odblokuj logowanie', url },
      unasked: true,
    }),
    twoFactorEnabled: (): MailContent => ({
      subject: 'Włączono logowanie dwuetapowe',
      paragraphs: ['Na Twoim koncie włączono logowanie dwuetapowe (kod z aplikacji).'],
    }),
    twoFactorDisabled: (): MailContent => ({
      subject: 'Wyłączono logowanie dwuetapowe',
      paragraphs: [
        'Na Twoim koncie wyłączono logowanie dwuetapowe. Do zalogowania wystarczy teraz samo hasło.',
        'Jeśli to nie Ty, natychmiast zmień hasło i skontaktuj się z nami.',
      ],
    }),
    orgInvitation: (
      org: string | null,
      inviter: string | null,
      role: 'owner' | 'member',
      url: string,
      validUntil: string,
    ): MailContent => ({
      subject: org
        ? `Zaproszenie do organizacji ${org}`
        : 'Zaproszenie do organizacji w Klastrze Zabłocie 20.22',
      paragraphs: [
        `${inviter ? `${inviter} zaprasza` : 'Zapraszamy'} Cię do organizacji ${org ? `${org} ` : ''}w Klastrze Zabłocie 20.22 w roli: ${role === 'owner' ? 'właściciel' : 'członek'}.${org ? '' : ' Jej nazwę zobaczysz po otwarciu linku.'}`,
        `Zaproszenie jest ważne do ${validUntil}. Aby je przyjąć lub odrzucić, otwórz link i zaloguj się. Jeśli nie masz konta, najpierw je załóż (może mieć inny adres e-mail), a potem otwórz link ponownie.`,
      ],
      action: { label: 'Zobacz zaproszenie', url },
    }),
    orgVerified: (org: string, url: string): MailContent => ({
      subject: `Organizacja ${org} została zweryfikowana`,
      paragraphs: [
        `Pracownik Klastra zweryfikował organizację ${org}. Jest teraz widoczna na publicznej liście organizacji z oznaczeniem „Zweryfikowana”.`,
      ],
      action: { label: 'Zobacz stronę organizacji', url },
    }),
    orgRejected: (org: string, reason: string, url: string): MailContent => ({
      subject: `Zgłoszenie organizacji ${org} zostało odrzucone`,
      paragraphs: [
        `Pracownik Klastra odrzucił zgłoszenie organizacji ${org}.`,
        `Powód: ${reason}`,
        'Możesz poprawić dane organizacji — zgłoszenie wróci wtedy do weryfikacji.',
      ],
      action: { label: 'Popraw dane organizacji', url },
    }),
    accountDeleted: (): MailContent => ({
      subject: 'Twoje konto zostało usunięte',
      paragraphs: [
        'Zgodnie z Twoją prośbą usunęliśmy Twoje konto i dane osobowe. Zachowaliśmy tylko zanonimizowane zapisy potrzebne do statystyk i rejestru zdarzeń.',
      ],
    }),
    accountBlocked: (reason: string, contact: string): MailContent => ({
      subject: 'Twoje konto w Klastrze Zabłocie 20.22 zostało zablokowane',
      paragraphs: [
        'Obsługa Klastra zablokowała Twoje konto. Wszystkie Twoje sesje zostały zakończone i do czasu odblokowania nie możesz się zalogować.',
        `Powód: ${reason}`,
        `Jeśli uważasz, że to pomyłka, napisz do nas: ${contact}.`,
      ],
    }),
    accountUnblocked: (url: string): MailContent => ({
      subject: 'Twoje konto w Klastrze Zabłocie 20.22 zostało odblokowane',
      paragraphs: ['Obsługa Klastra odblokowała Twoje konto.', `Możesz znów się zalogować: ${url}`],
    }),
    roleChanged: (role: string, needsTwoFactor: boolean, contact: string): MailContent => ({
      subject: 'Zmieniono Twoją rolę w Klastrze Zabłocie 20.22',
      paragraphs: [
        `Administrator Klastra zmienił Twoją rolę. Twoja rola: ${role}.`,
        ...(needsTwoFactor
          ? [
              'Aby korzystać z panelu obsługi, włącz logowanie dwuetapowe (kod z aplikacji) — poprosimy o to przy pierwszym wejściu do panelu.',
            ]
          : []),
        `Jeśli uważasz, że to pomyłka, napisz do nas: ${contact}.`,
      ],
    }),
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
    accountInvited: (url: string): MailContent => ({
      subject: 'Konto w Klastrze Zabłocie 20.22 — ustaw hasło',
      paragraphs: [
        'Pracownik Klastra założył dla Ciebie konto, żeby pomóc Ci zarezerwować przestrzeń lub złożyć wniosek.',
        'Aby samodzielnie się logować i widzieć swoje rezerwacje, ustaw hasło. Link jest ważny przez godzinę; potem możesz poprosić o nowy na stronie logowania („Nie pamiętasz hasła?”).',
      ],
      action: { label: 'Ustaw hasło', url },
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
    greeting: 'Hello,',
    signature: 'The Zabłocie 20.22 Social and Economic Innovation Cluster team\nCity of Kraków',
    ignore: 'If this was not you, you can ignore this message.',
    verifyEmail: (url: string): MailContent => ({
      subject: 'Confirm your email address for the Zabłocie 20.22 Cluster',
      paragraphs: [
        'Thank you for creating an account. Confirm your email address to activate it. The link works for 24 hours.',
      ],
      action: { label: 'Confirm email address', url },
      unasked: true,
    }),
    resetPassword: (url: string): MailContent => ({
      subject: 'Set a new password for the Zabłocie 20.22 Cluster',
      paragraphs: ['We received a request to change your password. The link works for 1 hour.'],
      action: { label: 'Set a new password', url },
      unasked: true,
    }),
    signUpExisting: (url: string): MailContent => ({
      subject: 'Someone tried to create an account with your address',
      paragraphs: [
        'Someone tried to create an account at the Zabłocie 20.22 Cluster with this email address, but an account already exists.',
        'If you have forgotten your password, you can set a new one.',
      ],
      action: { label: 'Set a new password', url },
      unasked: true,
    }),
    passwordChanged: (): MailContent => ({
      subject: 'Your password has been changed',
      paragraphs: [
        'The password of your Zabłocie 20.22 Cluster account has just been changed.',
        'If this was not you, set a new password at once and contact us.',
      ],
    }),
    signInLocked: (url: string): MailContent => ({
      subject: 'Signing in to your account has been paused',
      paragraphs: [
        'Someone — perhaps you — typed a wrong password for your Zabłocie 20.22 Cluster account several times. To keep the account safe, signing in with the password alone has been paused.',
        'To sign in, open the link and enter your password; the pause is then lifted. The link works for 1 hour. If you have forgotten your password, set a new one: that lifts the pause too.',
        'Your password has not been changed. If you use it on other sites as well, consider changing it.',
      ],
      action: { label: 'Unlock sign-in', url },
      unasked: true,
    }),
    twoFactorEnabled: (): MailContent => ({
      subject: 'Two-step sign-in is on',
      paragraphs: ['Two-step sign-in (a code from an app) has been turned on for your account.'],
    }),
    twoFactorDisabled: (): MailContent => ({
      subject: 'Two-step sign-in is off',
      paragraphs: [
        'Two-step sign-in has been turned off for your account. Your password alone now signs you in.',
        'If this was not you, change your password at once and contact us.',
      ],
    }),
    orgInvitation: (
      org: string | null,
      inviter: string | null,
      role: 'owner' | 'member',
      url: string,
      validUntil: string,
    ): MailContent => ({
      subject: org
        ? `Invitation to join ${org}`
        : 'Invitation to join an organisation at the Zabłocie 20.22 Cluster',
      paragraphs: [
        `${inviter ? `${inviter} invites you` : 'You are invited'} to join ${org ?? 'an organisation'} at the Zabłocie 20.22 Cluster as: ${role === 'owner' ? 'owner' : 'member'}.${org ? '' : ' You will see its name when you open the link.'}`,
        `The invitation is valid until ${validUntil}. To accept or decline it, open the link and sign in. If you have no account, create one first (it may use another email address), then open the link again.`,
      ],
      action: { label: 'See the invitation', url },
    }),
    orgVerified: (org: string, url: string): MailContent => ({
      subject: `${org} has been verified`,
      paragraphs: [
        `Cluster staff have verified ${org}. It now appears on the public list of organisations marked “Verified”.`,
      ],
      action: { label: 'See the organisation’s page', url },
    }),
    orgRejected: (org: string, reason: string, url: string): MailContent => ({
      subject: `The registration of ${org} was rejected`,
      paragraphs: [
        `Cluster staff rejected the registration of ${org}.`,
        `Reason: ${reason}`,
        'You can correct the organisation’s details — it will then be checked again.',
      ],
      action: { label: 'Correct the details', url },
    }),
    accountDeleted: (): MailContent => ({
      subject: 'Your account has been deleted',
      paragraphs: [
        'As you asked, we deleted your account and personal data. We kept only anonymised records needed for statistics and the audit log.',
      ],
    }),
    accountBlocked: (reason: string, contact: string): MailContent => ({
      subject: 'Your Zabłocie 20.22 Cluster account has been blocked',
      paragraphs: [
        'The cluster’s staff have blocked your account. All your sessions have been ended and you cannot sign in until it is unblocked.',
        `Reason: ${reason}`,
        `If you think this is a mistake, write to us at ${contact}.`,
      ],
    }),
    accountUnblocked: (url: string): MailContent => ({
      subject: 'Your Zabłocie 20.22 Cluster account has been unblocked',
      paragraphs: ['The cluster’s staff have unblocked your account.', `You can sign in again: ${url}`],
    }),
    roleChanged: (role: string, needsTwoFactor: boolean, contact: string): MailContent => ({
      subject: 'Your role at the Zabłocie 20.22 Cluster has changed',
      paragraphs: [
        `A cluster administrator has changed your role. Your role: ${role}.`,
        ...(needsTwoFactor
          ? [
              'To use the back office, turn on two-step sign-in (a code from an app) — we will ask you to when you first open the back office.',
            ]
          : []),
        `If you think this is a mistake, write to us at ${contact}.`,
      ],
    }),
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
    accountInvited: (url: string): MailContent => ({
      subject: 'Your Zabłocie 20.22 Cluster account — set a password',
      paragraphs: [
        'A member of the Cluster staff has created an account for you to help you book a space or apply.',
        'To sign in yourself and see your bookings, set a password. The link is valid for one hour; after that you can ask for a new one on the sign-in page ("Forgotten your password?").',
      ],
      action: { label: 'Set a password', url },
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
    greeting: 'Добрий день!',
    signature: 'Команда Кластера соціально-економічних інновацій Заблоцє 20.22\nМерія Кракова',
    ignore: 'Якщо це були не ви, проігноруйте цей лист.',
    verifyEmail: (url: string): MailContent => ({
      subject: 'Підтвердіть адресу електронної пошти в Кластері Заблоцє 20.22',
      paragraphs: [
        'Дякуємо за реєстрацію. Щоб активувати обліковий запис, підтвердьте адресу електронної пошти. Посилання дійсне 24 години.',
      ],
      action: { label: 'Підтвердити адресу', url },
      unasked: true,
    }),
    resetPassword: (url: string): MailContent => ({
      subject: 'Встановіть новий пароль у Кластері Заблоцє 20.22',
      paragraphs: ['Ми отримали запит на зміну пароля. Посилання дійсне 1 годину.'],
      action: { label: 'Встановити новий пароль', url },
      unasked: true,
    }),
    signUpExisting: (url: string): MailContent => ({
      subject: 'Хтось намагався створити обліковий запис на вашу адресу',
      paragraphs: [
        'Хтось намагався створити обліковий запис у Кластері Заблоцє 20.22 з цією адресою, але такий обліковий запис уже існує.',
        'Якщо ви забули пароль, можете встановити новий.',
      ],
      action: { label: 'Встановити новий пароль', url },
      unasked: true,
    }),
    passwordChanged: (): MailContent => ({
      subject: 'Пароль до вашого облікового запису змінено',
      paragraphs: [
        'Пароль до вашого облікового запису в Кластері Заблоцє 20.22 щойно змінено.',
        'Якщо це були не ви, негайно встановіть новий пароль і зв’яжіться з нами.',
      ],
    }),
    signInLocked: (url: string): MailContent => ({
      subject: 'Вхід до вашого облікового запису призупинено',
      paragraphs: [
        'Хтось — можливо, ви — кілька разів ввів неправильний пароль до вашого облікового запису в Кластері Заблоцє 20.22. З міркувань безпеки вхід лише за паролем призупинено.',
        'Щоб увійти, відкрийте посилання й введіть пароль — блокування буде знято. Посилання дійсне 1 годину. Якщо ви забули пароль, встановіть новий: це теж зніме блокування.',
        'Ваш пароль не змінено. Якщо ви використовуєте його й на інших сайтах, варто його змінити.',
      ],
      action: { label: 'Розблокувати вхід', url },
      unasked: true,
    }),
    twoFactorEnabled: (): MailContent => ({
      subject: 'Двоетапний вхід увімкнено',
      paragraphs: ['Для вашого облікового запису увімкнено двоетапний вхід (код із застосунку).'],
    }),
    twoFactorDisabled: (): MailContent => ({
      subject: 'Двоетапний вхід вимкнено',
      paragraphs: [
        'Для вашого облікового запису вимкнено двоетапний вхід. Тепер для входу достатньо самого пароля.',
        'Якщо це були не ви, негайно змініть пароль і зв’яжіться з нами.',
      ],
    }),
    orgInvitation: (
      org: string | null,
      inviter: string | null,
      role: 'owner' | 'member',
      url: string,
      validUntil: string,
    ): MailContent => ({
      subject: org
        ? `Запрошення до організації ${org}`
        : 'Запрошення до організації в Кластері Заблоцє 20.22',
      paragraphs: [
        `${inviter ? `${inviter} запрошує` : 'Запрошуємо'} вас до організації ${org ? `${org} ` : ''}у Кластері Заблоцє 20.22 у ролі: ${role === 'owner' ? 'власник' : 'учасник'}.${org ? '' : ' Її назву ви побачите, відкривши посилання.'}`,
        `Запрошення дійсне до ${validUntil}. Щоб прийняти або відхилити його, відкрийте посилання та увійдіть. Якщо у вас немає облікового запису, спершу створіть його (він може мати іншу адресу), а потім знову відкрийте посилання.`,
      ],
      action: { label: 'Переглянути запрошення', url },
    }),
    orgVerified: (org: string, url: string): MailContent => ({
      subject: `Організацію ${org} перевірено`,
      paragraphs: [
        `Працівник Кластера перевірив організацію ${org}. Тепер вона є в публічному списку організацій з позначкою «Перевірена».`,
      ],
      action: { label: 'Переглянути сторінку організації', url },
    }),
    orgRejected: (org: string, reason: string, url: string): MailContent => ({
      subject: `Заявку організації ${org} відхилено`,
      paragraphs: [
        `Працівник Кластера відхилив заявку організації ${org}.`,
        `Причина: ${reason}`,
        'Ви можете виправити дані організації — тоді заявку буде перевірено знову.',
      ],
      action: { label: 'Виправити дані', url },
    }),
    accountDeleted: (): MailContent => ({
      subject: 'Ваш обліковий запис видалено',
      paragraphs: [
        'На ваше прохання ми видалили обліковий запис і персональні дані. Збережено лише анонімізовані записи, потрібні для статистики та журналу подій.',
      ],
    }),
    accountBlocked: (reason: string, contact: string): MailContent => ({
      subject: 'Ваш обліковий запис у Кластері Заблоцє 20.22 заблоковано',
      paragraphs: [
        'Персонал Кластера заблокував ваш обліковий запис. Усі ваші сеанси завершено, і до розблокування ви не можете увійти.',
        `Причина: ${reason}`,
        `Якщо ви вважаєте це помилкою, напишіть нам: ${contact}.`,
      ],
    }),
    accountUnblocked: (url: string): MailContent => ({
      subject: 'Ваш обліковий запис у Кластері Заблоцє 20.22 розблоковано',
      paragraphs: ['Персонал Кластера розблокував ваш обліковий запис.', `Ви знову можете увійти: ${url}`],
    }),
    roleChanged: (role: string, needsTwoFactor: boolean, contact: string): MailContent => ({
      subject: 'Вашу роль у Кластері Заблоцє 20.22 змінено',
      paragraphs: [
        `Адміністратор Кластера змінив вашу роль. Ваша роль: ${role}.`,
        ...(needsTwoFactor
          ? [
              'Щоб працювати в панелі обслуговування, увімкніть двоетапний вхід (код із застосунку) — ми попросимо про це під час першого входу до панелі.',
            ]
          : []),
        `Якщо ви вважаєте це помилкою, напишіть нам: ${contact}.`,
      ],
    }),
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
    accountInvited: (url: string): MailContent => ({
      subject: 'Обліковий запис у Кластері Заблоце 20.22 — встановіть пароль',
      paragraphs: [
        'Працівник Кластера створив для вас обліковий запис, щоб допомогти вам забронювати простір або подати заяву.',
        'Щоб самостійно входити й бачити свої бронювання, встановіть пароль. Посилання дійсне одну годину; потім можна попросити нове на сторінці входу («Забули пароль?»).',
      ],
      action: { label: 'Встановити пароль', url },
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
