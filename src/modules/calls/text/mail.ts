// Mail templates of calls: to applicants about their application. platform/mail/outbox.ts lays them
// out with the greeting and signature.
import { catalogue, type MailContent } from '../../../platform/i18n/index.ts';

export const callsMail = catalogue({
  pl: {
    callsSubmitted: (call: string, number: string, url: string): MailContent => ({
      subject: `Wniosek ${number} złożony: ${call}`,
      paragraphs: [
        `Potwierdzamy złożenie wniosku w naborze „${call}”. Numer wniosku: ${number}.`,
        'Do terminu naboru możesz wniosek wycofać. O wyniku oceny formalnej i merytorycznej napiszemy.',
      ],
      action: { label: 'Zobacz wniosek', url },
    }),
  },
  en: {
    callsSubmitted: (call: string, number: string, url: string): MailContent => ({
      subject: `Application ${number} submitted: ${call}`,
      paragraphs: [
        `We confirm that your application to the call “${call}” has been submitted. Its number is ${number}.`,
        'You can withdraw it until the deadline. We will write to you about the formal check and the evaluation.',
      ],
      action: { label: 'See the application', url },
    }),
  },
  uk: {
    callsSubmitted: (call: string, number: string, url: string): MailContent => ({
      subject: `Заявку ${number} подано: ${call}`,
      paragraphs: [
        `Підтверджуємо подання заявки на конкурс «${call}». Номер заявки: ${number}.`,
        'До кінцевого терміну конкурсу заявку можна відкликати. Ми напишемо про результати формальної та змістовної оцінки.',
      ],
      action: { label: 'Переглянути заявку', url },
    }),
  },
});
