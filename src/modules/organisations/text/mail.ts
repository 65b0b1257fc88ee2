// Mail templates of organisations: invitations, verification and rejection. platform/mail/outbox.ts lays them out with the greeting and signature.
import { catalogue, type MailContent } from '../../../platform/i18n/index.ts';

export const organisationsMail = catalogue({
  pl: {
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
  },
  en: {
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
  },
  uk: {
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
  },
});
