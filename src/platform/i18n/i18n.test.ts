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
