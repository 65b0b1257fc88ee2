import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../i18n/index.ts';
import { easterSunday, isWorkingDay, polishHoliday, polishHolidays } from './holidays.ts';

describe('Polish public holidays', () => {
  it('finds Easter Sunday by the computus', () => {
    const known: Record<number, string> = {
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(known)) assert.equal(easterSunday(Number(year)), date);
    assert.equal(polishHoliday('2026-04-05'), 'easter');
    assert.equal(polishHoliday('2026-04-06'), 'easterMonday');
  });

  it('places the feasts that follow Easter', () => {
    assert.equal(polishHoliday('2026-05-24'), 'pentecost');
    assert.equal(polishHoliday('2026-06-04'), 'corpusChristi');
    assert.equal(polishHoliday('2025-06-19'), 'corpusChristi');
  });

  it('makes Christmas Eve a holiday from 2025 on', () => {
    assert.equal(polishHoliday('2024-12-24'), null);
    assert.equal(polishHoliday('2025-12-24'), 'christmasEve');
    assert.equal(polishHoliday('2026-12-24'), 'christmasEve');
  });

  it('lists the year in date order, 14 days from 2025', () => {
    const list = polishHolidays(2026);
    assert.equal(list.length, 14);
    assert.deepEqual(
      list.map((h) => h.date),
      [...list.map((h) => h.date)].sort(),
    );
    assert.equal(polishHolidays(2024).length, 13);
    // The cache hands out copies: changing one list does not change the calendar.
    list.pop();
    assert.equal(polishHolidays(2026).length, 14);
  });

  it('answers null for ordinary days and for non-dates', () => {
    assert.equal(polishHoliday('2026-11-30'), null);
    assert.equal(polishHoliday('2026-02-30'), null);
    assert.equal(polishHoliday('nie-data'), null);
  });

  it('tells working days', () => {
    assert.equal(isWorkingDay('2026-11-10'), true);
    assert.equal(isWorkingDay('2026-11-11'), false);
    assert.equal(isWorkingDay('2026-11-14'), false);
  });

  it('has a name for every holiday in every language', () => {
    for (const locale of ['pl', 'en', 'uk'] as const) {
      for (const h of polishHolidays(2026)) assert.ok(messages[locale].time.holidays[h.key]);
      assert.equal(messages[locale].time.weekdays.length, 7);
    }
  });
});
