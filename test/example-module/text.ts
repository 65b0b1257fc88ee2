// The example module's message area, `t.example`, in the three languages.
import { catalogue } from '../../src/platform/i18n/index.ts';

export const example = catalogue({
  pl: {
    nav: 'Tablica ogłoszeń',
    panelNav: 'Tablica (obsługa)',
    title: 'Tablica ogłoszeń',
    panelTitle: 'Tablica ogłoszeń — obsługa',
    empty: 'Na tablicy nie ma jeszcze ogłoszeń.',
    count: (n: number) => `Ogłoszenia na tablicy: ${n}`,
    pinHeading: 'Przypnij ogłoszenie',
    text: 'Treść ogłoszenia',
    pin: 'Przypnij',
    pinned: 'Przypięliśmy Twoje ogłoszenie.',
    remove: 'Usuń',
    removed: 'Ogłoszenie zostało usunięte z tablicy.',
    errors: {
      duplicateNotice: 'To ogłoszenie już wisi na tablicy',
    },
  },
  en: {
    nav: 'Noticeboard',
    panelNav: 'Noticeboard (staff)',
    title: 'Noticeboard',
    panelTitle: 'Noticeboard — staff',
    empty: 'There are no notices on the board yet.',
    count: (n: number) => `Notices on the board: ${n}`,
    pinHeading: 'Pin a notice',
    text: 'Notice',
    pin: 'Pin',
    pinned: 'Your notice is on the board.',
    remove: 'Remove',
    removed: 'The notice has been taken off the board.',
    errors: {
      duplicateNotice: 'This notice is already on the board',
    },
  },
  uk: {
    nav: 'Дошка оголошень',
    panelNav: 'Дошка (персонал)',
    title: 'Дошка оголошень',
    panelTitle: 'Дошка оголошень — персонал',
    empty: 'На дошці ще немає оголошень.',
    count: (n: number) => `Оголошень на дошці: ${n}`,
    pinHeading: 'Закріпити оголошення',
    text: 'Текст оголошення',
    pin: 'Закріпити',
    pinned: 'Ваше оголошення на дошці.',
    remove: 'Видалити',
    removed: 'Оголошення знято з дошки.',
    errors: {
      duplicateNotice: 'Це оголошення вже є на дошці',
    },
  },
});
