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
    callsToComplete: (
      call: string,
      number: string | null,
      fields: string,
      note: string,
      due: string,
      url: string,
    ): MailContent => ({
      subject: `Uzupełnij wniosek ${number ?? ''}: ${call}`,
      paragraphs: [
        `W ocenie formalnej wniosku ${number ?? ''} w naborze „${call}” prosimy o uzupełnienie: ${fields}.`,
        `Uwagi: ${note}`,
        `Zmienić możesz tylko te odpowiedzi, do ${due} (czas warszawski). Wniosek zachowuje swój numer.`,
      ],
      action: { label: 'Uzupełnij wniosek', url },
    }),
    callsFormallyRejected: (
      call: string,
      number: string | null,
      reason: string,
      url: string,
    ): MailContent => ({
      subject: `Wniosek ${number ?? ''} odrzucony formalnie: ${call}`,
      paragraphs: [
        `Wniosek ${number ?? ''} w naborze „${call}” nie przeszedł oceny formalnej i nie będzie oceniany merytorycznie.`,
        `Powód: ${reason}`,
      ],
      action: { label: 'Zobacz wniosek', url },
    }),
    callsFunded: (call: string, number: string | null, amount: string | null, url: string): MailContent => ({
      subject: `Wniosek ${number ?? ''} otrzymał wsparcie: ${call}`,
      paragraphs: [
        `Ogłosiliśmy wyniki naboru „${call}”. Wniosek ${number ?? ''} otrzymał wsparcie${amount ? ` w kwocie ${amount} zł` : ''}.`,
        'Wynik, punkty i uzasadnienia oceny znajdziesz przy wniosku.',
      ],
      action: { label: 'Zobacz wynik', url },
    }),
    callsNotFunded: (call: string, number: string | null, url: string): MailContent => ({
      subject: `Wyniki naboru: ${call}`,
      paragraphs: [
        `Ogłosiliśmy wyniki naboru „${call}”. Wniosek ${number ?? ''} tym razem nie otrzymał wsparcia.`,
        'Wynik, punkty i uzasadnienia oceny znajdziesz przy wniosku.',
      ],
      action: { label: 'Zobacz wynik', url },
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
    callsToComplete: (
      call: string,
      number: string | null,
      fields: string,
      note: string,
      due: string,
      url: string,
    ): MailContent => ({
      subject: `Complete application ${number ?? ''}: ${call}`,
      paragraphs: [
        `In the formal check of application ${number ?? ''} to the call “${call}” we ask you to complete: ${fields}.`,
        `Notes: ${note}`,
        `You may change only these answers, by ${due} (Warsaw time). The application keeps its number.`,
      ],
      action: { label: 'Complete the application', url },
    }),
    callsFormallyRejected: (
      call: string,
      number: string | null,
      reason: string,
      url: string,
    ): MailContent => ({
      subject: `Application ${number ?? ''} rejected in the formal check: ${call}`,
      paragraphs: [
        `Application ${number ?? ''} to the call “${call}” did not pass the formal check and will not be evaluated.`,
        `Reason: ${reason}`,
      ],
      action: { label: 'See the application', url },
    }),
    callsFunded: (call: string, number: string | null, amount: string | null, url: string): MailContent => ({
      subject: `Application ${number ?? ''} is supported: ${call}`,
      paragraphs: [
        `The results of the call “${call}” are published. Application ${number ?? ''} is supported${amount ? ` with PLN ${amount}` : ''}.`,
        'The result, the points and the reasons are with the application.',
      ],
      action: { label: 'See the result', url },
    }),
    callsNotFunded: (call: string, number: string | null, url: string): MailContent => ({
      subject: `Results of the call: ${call}`,
      paragraphs: [
        `The results of the call “${call}” are published. Application ${number ?? ''} is not supported this time.`,
        'The result, the points and the reasons are with the application.',
      ],
      action: { label: 'See the result', url },
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
    callsToComplete: (
      call: string,
      number: string | null,
      fields: string,
      note: string,
      due: string,
      url: string,
    ): MailContent => ({
      subject: `Доповніть заявку ${number ?? ''}: ${call}`,
      paragraphs: [
        `Під час формальної перевірки заявки ${number ?? ''} на конкурс «${call}» просимо доповнити: ${fields}.`,
        `Зауваження: ${note}`,
        `Змінити можна лише ці відповіді, до ${due} (за варшавським часом). Заявка зберігає свій номер.`,
      ],
      action: { label: 'Доповнити заявку', url },
    }),
    callsFormallyRejected: (
      call: string,
      number: string | null,
      reason: string,
      url: string,
    ): MailContent => ({
      subject: `Заявку ${number ?? ''} відхилено формально: ${call}`,
      paragraphs: [
        `Заявка ${number ?? ''} на конкурс «${call}» не пройшла формальної перевірки і не оцінюватиметься по суті.`,
        `Причина: ${reason}`,
      ],
      action: { label: 'Переглянути заявку', url },
    }),
    callsFunded: (call: string, number: string | null, amount: string | null, url: string): MailContent => ({
      subject: `Заявка ${number ?? ''} отримала підтримку: ${call}`,
      paragraphs: [
        `Результати конкурсу «${call}» оголошено. Заявка ${number ?? ''} отримала підтримку${amount ? ` у сумі ${amount} зл` : ''}.`,
        'Результат, бали та обґрунтування оцінки — при заявці.',
      ],
      action: { label: 'Переглянути результат', url },
    }),
    callsNotFunded: (call: string, number: string | null, url: string): MailContent => ({
      subject: `Результати конкурсу: ${call}`,
      paragraphs: [
        `Результати конкурсу «${call}» оголошено. Заявка ${number ?? ''} цього разу не отримала підтримки.`,
        'Результат, бали та обґрунтування оцінки — при заявці.',
      ],
      action: { label: 'Переглянути результат', url },
    }),
  },
});
