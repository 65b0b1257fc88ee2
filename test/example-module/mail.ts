// The example module's mail template; platform/mail/outbox.ts adds the greeting and the signature.
import { catalogue, type MailContent } from '../../src/platform/i18n/index.ts';

export const exampleMail = catalogue({
  pl: {
    exampleNoticePosted: (text: string, url: string): MailContent => ({
      subject: 'Twoje ogłoszenie jest na tablicy',
      paragraphs: [`Przypięliśmy Twoje ogłoszenie: ${text}`],
      action: { label: 'Zobacz tablicę', url },
    }),
  },
  en: {
    exampleNoticePosted: (text: string, url: string): MailContent => ({
      subject: 'Your notice is on the board',
      paragraphs: [`We have pinned your notice: ${text}`],
      action: { label: 'See the board', url },
    }),
  },
  uk: {
    exampleNoticePosted: (text: string, url: string): MailContent => ({
      subject: 'Ваше оголошення на дошці',
      paragraphs: [`Ми закріпили ваше оголошення: ${text}`],
      action: { label: 'Переглянути дошку', url },
    }),
  },
});
