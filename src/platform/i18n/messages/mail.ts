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
  },
});
