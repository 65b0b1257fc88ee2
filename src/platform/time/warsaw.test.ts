import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  daysBetween,
  eachDay,
  formatMinutes,
  isLocalDate,
  isoWeek,
  isoWeekday,
  parseIsoWeek,
  parseTime,
  startOfDay,
  todayInWarsaw,
  warsawDate,
  warsawInstant,
  warsawMinutes,
  warsawTime,
  weekStart,
} from './warsaw.ts';

describe('Warsaw wall clock', () => {
  it('uses +1 h in winter and +2 h in summer', () => {
    assert.equal(warsawInstant('2026-01-15', '08:00').toISOString(), '2026-01-15T07:00:00.000Z');
    assert.equal(warsawInstant('2026-07-15', '08:00').toISOString(), '2026-07-15T06:00:00.000Z');
  });

  it('moves a time in the spring gap forward (02:30 does not exist on 29 March 2026)', () => {
    const t = warsawInstant('2026-03-29', '02:30');
    assert.equal(t.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(warsawTime(t), '03:30');
    assert.equal(warsawInstant('2026-03-29', '02:00').toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(warsawInstant('2026-03-29', '03:00').toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(warsawInstant('2026-03-29', '01:59').toISOString(), '2026-03-29T00:59:00.000Z');
  });

  it('takes the first of the repeated autumn hour (02:30 happens twice on 25 October 2026)', () => {
    const t = warsawInstant('2026-10-25', '02:30');
    assert.equal(t.toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(warsawTime(t), '02:30');
    // An hour later the clock shows 02:30 again.
    assert.equal(warsawTime(new Date(t.getTime() + 3_600_000)), '02:30');
    assert.equal(warsawInstant('2026-10-25', '03:00').toISOString(), '2026-10-25T02:00:00.000Z');
  });

  it('makes DST days 23 and 25 hours long', () => {
    const hours = (d: string) => (startOfDay(addDays(d, 1)).getTime() - startOfDay(d).getTime()) / 3_600_000;
    assert.equal(hours('2026-03-29'), 23);
    assert.equal(hours('2026-10-25'), 25);
    assert.equal(hours('2026-06-01'), 24);
    assert.equal(warsawInstant('2026-03-29', '24:00').getTime(), startOfDay('2026-03-30').getTime());
  });

  it('round-trips every day of a year at 00:00, 08:00 and 23:59', () => {
    const days = eachDay('2026-01-01', '2026-12-31');
    assert.equal(days.length, 365);
    for (const d of days) {
      for (const time of ['00:00', '08:00', '23:59']) {
        const t = warsawInstant(d, time);
        assert.equal(warsawDate(t), d, `${d} ${time}`);
        assert.equal(warsawTime(t), time, `${d} ${time}`);
        assert.equal(warsawMinutes(t), parseTime(time));
      }
    }
  });

  it('knows today in Warsaw, not in UTC', () => {
    assert.equal(todayInWarsaw(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
    assert.equal(todayInWarsaw(new Date('2026-12-31T22:59:00Z')), '2026-12-31');
    assert.equal(todayInWarsaw(new Date('2026-12-31T23:00:00Z')), '2027-01-01');
  });

  it('refuses invalid dates and times', () => {
    assert.throws(() => warsawInstant('2026-02-30', '08:00'), RangeError);
    assert.throws(() => warsawInstant('2026-02-01', '25:00'), RangeError);
    assert.throws(() => warsawDate(new Date(Number.NaN)), RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('counts weekdays, days and ranges', () => {
    assert.equal(isoWeekday('2026-11-30'), 1);
    assert.equal(isoWeekday('2026-12-06'), 7);
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-03-30', '2026-03-28'), -2);
    assert.deepEqual(eachDay('2026-10-24', '2026-10-26'), ['2026-10-24', '2026-10-25', '2026-10-26']);
    assert.deepEqual(eachDay('2026-10-26', '2026-10-24'), []);
    assert.equal(weekStart('2026-12-06'), '2026-11-30');
    assert.equal(weekStart('2026-11-30'), '2026-11-30');
  });

  it('tells real dates from look-alikes', () => {
    assert.equal(isLocalDate('2028-02-29'), true);
    for (const s of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      '26-01-01',
      '',
      '2026-01-01T00:00',
      'jutro',
      '9999-12-31',
      '0001-01-01',
    ]) {
      assert.equal(isLocalDate(s), false, s);
    }
  });

  it('numbers ISO weeks across year boundaries', () => {
    assert.equal(isoWeek('2026-11-26'), '2026-W48');
    assert.equal(isoWeek('2026-12-31'), '2026-W53');
    assert.equal(isoWeek('2027-01-01'), '2026-W53');
    assert.equal(isoWeek('2027-01-04'), '2027-W01');
    assert.equal(isoWeek('2025-12-29'), '2026-W01');
    assert.equal(isoWeek('2024-12-30'), '2025-W01');
    assert.equal(isoWeek('2021-01-03'), '2020-W53');
  });

  it('parses ISO weeks to their Monday', () => {
    assert.equal(parseIsoWeek('2026-W01'), '2025-12-29');
    assert.equal(parseIsoWeek('2026-W48'), '2026-11-23');
    assert.equal(parseIsoWeek('2026-W53'), '2026-12-28');
    assert.equal(parseIsoWeek('2020-W53'), '2020-12-28');
    for (let d = '2025-12-01'; d < '2027-02-01'; d = addDays(d, 1)) {
      assert.equal(parseIsoWeek(isoWeek(d)), weekStart(d), d);
    }
  });

  it('refuses ISO weeks that do not exist', () => {
    for (const s of [
      '2025-W53',
      '2026-W00',
      '2026-W54',
      '2026-W1',
      '2026W01',
      '2026-01',
      '',
      'W01',
      '2026-W01x',
    ]) {
      assert.equal(parseIsoWeek(s), null, s);
    }
  });

  it('parses and formats times of day', () => {
    assert.equal(parseTime('00:00'), 0);
    assert.equal(parseTime('08:30'), 510);
    assert.equal(parseTime('8:30'), 510);
    assert.equal(parseTime('24:00'), 1440);
    for (const s of ['24:01', '12:60', '12', '12:5', 'ab:cd', '', '-1:00', '12:00:00']) {
      assert.equal(parseTime(s), null, s);
    }
    assert.equal(formatMinutes(0), '00:00');
    assert.equal(formatMinutes(510), '08:30');
    assert.equal(formatMinutes(1440), '24:00');
    assert.throws(() => formatMinutes(-1), RangeError);
  });
});
