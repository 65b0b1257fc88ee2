// What a reader sees of numbers and dates: plural forms that agree with the number in Polish and
// Ukrainian (one / few / many), and English dates and times in British style, on the 24-hour clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime, formatDay, messages, plural } from './index.ts';

const pl = messages.pl;
const en = messages.en;
const uk = messages.uk;

describe('plural forms', () => {
  it('Polish picks one, few and many, including the teens and 22–24', () => {
    const forms = { one: '# umowa', few: '# umowy', many: '# umów', other: '# umowy' };
    const got = [1, 2, 4, 5, 12, 14, 21, 22, 25, 112, 122].map((n) => plural('pl', n, forms));
    assert.deepEqual(got, [
      '1 umowa',
      '2 umowy',
      '4 umowy',
      '5 umów',
      '12 umów',
      '14 umów',
      '21 umów',
      '22 umowy',
      '25 umów',
      '112 umów',
      '122 umowy',
    ]);
  });

  it('field lengths agree with the number', () => {
    assert.equal(pl.common.errors.tooShort(3), 'Wpisz co najmniej 3 znaki');
    assert.equal(pl.common.errors.tooShort(1), 'Wpisz co najmniej 1 znak');
    assert.equal(pl.common.errors.tooLong(200), 'Wpisz najwyżej 200 znaków');
    assert.equal(pl.common.errors.tooLong(22), 'Wpisz najwyżej 22 znaki');
    assert.equal(en.common.errors.tooShort(1), 'Enter at least 1 character');
    assert.equal(en.common.errors.tooShort(3), 'Enter at least 3 characters');
    assert.equal(uk.common.errors.tooShort(3), 'Введіть щонайменше 3 символи');
    assert.equal(uk.common.errors.tooShort(5), 'Введіть щонайменше 5 символів');
    assert.equal(uk.common.errors.tooShort(21), 'Введіть щонайменше 21 символ');
  });

  it('agreements in force agree with their verb', () => {
    assert.equal(pl.agreements.activeTotal(1, 'dziś'), '1 umowa obowiązuje dziś.');
    assert.equal(pl.agreements.activeTotal(3, 'dziś'), '3 umowy obowiązują dziś.');
    assert.equal(pl.agreements.activeTotal(5, 'dziś'), '5 umów obowiązuje dziś.');
    assert.equal(pl.agreements.concludedTotal(1, 'a', 'b'), '1 umowa zawarta od a do b.');
    assert.equal(pl.agreements.concludedTotal(3, 'a', 'b'), '3 umowy zawarte od a do b.');
    assert.equal(pl.agreements.concludedTotal(108, 'a', 'b'), '108 umów zawartych od a do b.');
    assert.match(en.agreements.activeTotal(1, 'today'), /^1 agreement is in force/);
  });

  it('spaces: durations, capacities and booked series', () => {
    assert.equal(pl.spaces.minutes(60 * 22), '22 godziny');
    assert.equal(pl.spaces.minutes(60 * 5), '5 godzin');
    assert.equal(pl.spaces.minutes(22), '22 minuty');
    assert.equal(pl.spaces.capacity('room', 1), 'do 1 osoby');
    assert.equal(pl.spaces.capacity('room', 12), 'do 12 osób');
    assert.equal(pl.spaces.capacity('desk', 24), '24 stanowiska');
    assert.match(pl.spaces.form.createdSeries(3), /^Zarezerwowano 3 terminy co tydzień/);
    assert.match(pl.spaces.form.createdSeries(5), /^Zarezerwowano 5 terminów co tydzień/);
    assert.match(en.spaces.form.createdSeries(1), /^1 weekly time booked/);
    assert.equal(en.spaces.capacity('room', 1), 'up to 1 person');
    assert.equal(uk.spaces.capacity('room', 1), 'до 1 особи');
  });
});

describe('dates and times', () => {
  // 1 December 2026, 16:00 in Warsaw (UTC+1).
  const at = new Date('2026-12-01T15:00:00Z');

  it('English is British: day before month, 24-hour clock', () => {
    const s = formatDateTime('en', at);
    assert.match(s, /^1 December 2026/);
    assert.match(s, /16:00/);
    assert.doesNotMatch(s, /PM|AM/);
    assert.equal(formatDateTime('en', at, 'time'), '16:00');
    assert.equal(formatDay('en', '2026-12-01'), '1 December 2026');
  });

  it('Polish and Ukrainian use their own month names and the 24-hour clock', () => {
    assert.match(formatDateTime('pl', at), /^1 grudnia 2026.*16:00$/);
    assert.match(formatDateTime('uk', at), /^1 грудня 2026.*16:00$/);
  });
});
