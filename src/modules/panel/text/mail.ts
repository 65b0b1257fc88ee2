// Mail templates of the back office's decisions about an account: blocking, unblocking, a new role. platform/mail/outbox.ts lays them out with the greeting and signature.
import { catalogue, type MailContent } from '../../../platform/i18n/index.ts';

export const panelMail = catalogue({
  pl: {
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
  },
  en: {
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
  },
  uk: {
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
  },
});
