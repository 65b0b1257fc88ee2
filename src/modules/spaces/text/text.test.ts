// The spaces module's plural forms: numbers of agreements, minutes, places and booked series agree
// with the number in Polish and Ukrainian.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreements } from './agreements/index.ts';
import { spaces } from './spaces/index.ts';

describe('spaces texts', () => {
  it('agreements in force agree with their verb', () => {
    assert.equal(agreements.pl.activeTotal(1, 'dziś'), '1 umowa obowiązuje dziś.');
    assert.equal(agreements.pl.activeTotal(3, 'dziś'), '3 umowy obowiązują dziś.');
    assert.equal(agreements.pl.activeTotal(5, 'dziś'), '5 umów obowiązuje dziś.');
    assert.equal(agreements.pl.concludedTotal(1, 'a', 'b'), '1 umowa zawarta od a do b.');
    assert.equal(agreements.pl.concludedTotal(3, 'a', 'b'), '3 umowy zawarte od a do b.');
    assert.equal(agreements.pl.concludedTotal(108, 'a', 'b'), '108 umów zawartych od a do b.');
    assert.match(agreements.en.activeTotal(1, 'today'), /^1 agreement is in force/);
  });

  it('spaces: durations, capacities and booked series', () => {
    assert.equal(spaces.pl.minutes(60 * 22), '22 godziny');
    assert.equal(spaces.pl.minutes(60 * 5), '5 godzin');
    assert.equal(spaces.pl.minutes(22), '22 minuty');
    assert.equal(spaces.pl.capacity('room', 1), 'do 1 osoby');
    assert.equal(spaces.pl.capacity('room', 12), 'do 12 osób');
    assert.equal(spaces.pl.capacity('desk', 24), '24 stanowiska');
    assert.match(spaces.pl.form.createdSeries(3), /^Zarezerwowano 3 terminy co tydzień/);
    assert.match(spaces.pl.form.createdSeries(5), /^Zarezerwowano 5 terminów co tydzień/);
    assert.match(spaces.en.form.createdSeries(1), /^1 weekly time booked/);
    assert.equal(spaces.en.capacity('room', 1), 'up to 1 person');
    assert.equal(spaces.uk.capacity('room', 1), 'до 1 особи');
  });
});
