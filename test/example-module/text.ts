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
  },
  en: {
    nav: 'Noticeboard',
    panelNav: 'Noticeboard (staff)',
    title: 'Noticeboard',
    panelTitle: 'Noticeboard — staff',
    empty: 'There are no notices on the board yet.',
    count: (n: number) => `Notices on the board: ${n}`,
  },
  uk: {
    nav: 'Дошка оголошень',
    panelNav: 'Дошка (персонал)',
    title: 'Дошка оголошень',
    panelTitle: 'Дошка оголошень — персонал',
    empty: 'На дошці ще немає оголошень.',
    count: (n: number) => `Оголошень на дошці: ${n}`,
  },
});
