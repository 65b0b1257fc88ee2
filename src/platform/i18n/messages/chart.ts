import { catalogue } from '../define.ts';

// Words of the bar chart (src/platform/views/chart.tsx): its description for screen readers and its table.
export const chart = catalogue({
  pl: {
    summary: (bars: string, top: string, topLabel: string) =>
      `Wykres słupkowy. Liczba słupków: ${bars}. Najwyższa wartość: ${top} (${topLabel}). Wszystkie dane są w tabeli pod wykresem.`,
    tableCaption: (title: string) => `Dane wykresu: ${title}`,
    label: 'Pozycja',
    value: 'Wartość',
  },
  en: {
    summary: (bars: string, top: string, topLabel: string) =>
      `Bar chart. Number of bars: ${bars}. Highest value: ${top} (${topLabel}). All the data is in the table below the chart.`,
    tableCaption: (title: string) => `Chart data: ${title}`,
    label: 'Item',
    value: 'Value',
  },
  uk: {
    summary: (bars: string, top: string, topLabel: string) =>
      `Стовпчикова діаграма. Кількість стовпчиків: ${bars}. Найбільше значення: ${top} (${topLabel}). Усі дані наведено в таблиці під діаграмою.`,
    tableCaption: (title: string) => `Дані діаграми: ${title}`,
    label: 'Позиція',
    value: 'Значення',
  },
});
