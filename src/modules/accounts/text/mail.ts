// Mail templates of the account: password, sign-in lock, two-step sign-in, deletion, an account opened at the desk. platform/mail/outbox.ts lays them out with the greeting and signature.
import { catalogue, type MailContent } from '../../../platform/i18n/index.ts';

export const accountsMail = catalogue({
  pl: {
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
    accountDeleted: (): MailContent => ({
      subject: 'Twoje konto zostało usunięte',
      paragraphs: [
        'Zgodnie z Twoją prośbą usunęliśmy Twoje konto i dane osobowe. Zachowaliśmy tylko zanonimizowane zapisy potrzebne do statystyk i rejestru zdarzeń.',
      ],
    }),
    accountInvited: (url: string): MailContent => ({
      subject: 'Konto w Klastrze Zabłocie 20.22 — ustaw hasło',
      paragraphs: [
        'Pracownik Klastra założył dla Ciebie konto, żeby pomóc Ci zarezerwować przestrzeń lub złożyć wniosek.',
        'Aby samodzielnie się logować i widzieć swoje rezerwacje, ustaw hasło. Link jest ważny przez godzinę; potem możesz poprosić o nowy na stronie logowania („Nie pamiętasz hasła?”).',
      ],
      action: { label: 'Ustaw hasło', url },
    }),
  },
  en: {
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
    accountDeleted: (): MailContent => ({
      subject: 'Your account has been deleted',
      paragraphs: [
        'As you asked, we deleted your account and personal data. We kept only anonymised records needed for statistics and the audit log.',
      ],
    }),
    accountInvited: (url: string): MailContent => ({
      subject: 'Your Zabłocie 20.22 Cluster account — set a password',
      paragraphs: [
        'A member of the Cluster staff has created an account for you to help you book a space or apply.',
        'To sign in yourself and see your bookings, set a password. The link is valid for one hour; after that you can ask for a new one on the sign-in page ("Forgotten your password?").',
      ],
      action: { label: 'Set a password', url },
    }),
  },
  uk: {
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
    accountDeleted: (): MailContent => ({
      subject: 'Ваш обліковий запис видалено',
      paragraphs: [
        'На ваше прохання ми видалили обліковий запис і персональні дані. Збережено лише анонімізовані записи, потрібні для статистики та журналу подій.',
      ],
    }),
    accountInvited: (url: string): MailContent => ({
      subject: 'Обліковий запис у Кластері Заблоце 20.22 — встановіть пароль',
      paragraphs: [
        'Працівник Кластера створив для вас обліковий запис, щоб допомогти вам забронювати простір або подати заяву.',
        'Щоб самостійно входити й бачити свої бронювання, встановіть пароль. Посилання дійсне одну годину; потім можна попросити нове на сторінці входу («Забули пароль?»).',
      ],
      action: { label: 'Встановити пароль', url },
    }),
  },
});
