import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isValidKrs,
  isValidNip,
  isValidPesel,
  isValidRegon,
  nipCheckDigit,
  normaliseKrs,
  normaliseNip,
  normalisePesel,
  normaliseRegon,
  peselBirthDate,
  peselCheckDigit,
  regon9CheckDigit,
  regon14CheckDigit,
} from './polish-ids.ts';

const digit = fc.integer({ min: 0, max: 9 });

/** Valid NIPs: nine random digits and their check digit (a checksum of 10 has no valid NIP). */
const validNip = fc
  .array(digit, { minLength: 9, maxLength: 9 })
  .filter((d) => nipCheckDigit(d) !== null)
  .map((d) => [...d, nipCheckDigit(d)!].join(''));

const validRegon9 = fc
  .array(digit, { minLength: 8, maxLength: 8 })
  .map((d) => [...d, regon9CheckDigit(d)].join(''));

const validRegon14 = fc
  .tuple(validRegon9, fc.array(digit, { minLength: 4, maxLength: 4 }))
  .map(([r9, rest]) => {
    const d = [...r9, ...rest.map(String)].map(Number);
    return [...d, regon14CheckDigit(d)].join('');
  });

const validPesel = fc
  .record({
    date: fc.date({
      min: new Date(Date.UTC(1800, 0, 1)),
      max: new Date(Date.UTC(2299, 11, 31)),
      noInvalidDate: true,
    }),
    serial: fc.array(digit, { minLength: 4, maxLength: 4 }),
  })
  .map(({ date, serial }) => {
    const y = date.getUTCFullYear();
    const offset = y < 1900 ? 80 : y < 2000 ? 0 : y < 2100 ? 20 : y < 2200 ? 40 : 60;
    const mm = date.getUTCMonth() + 1 + offset;
    const head = [
      Math.floor((y % 100) / 10),
      y % 10,
      Math.floor(mm / 10),
      mm % 10,
      Math.floor(date.getUTCDate() / 10),
      date.getUTCDate() % 10,
      ...serial,
    ];
    return [...head, peselCheckDigit(head)].join('');
  });

/** The number with the digit at `index` replaced by a different digit. */
const withOneDigitChanged = (valid: fc.Arbitrary<string>) =>
  valid.chain((v) =>
    fc.tuple(fc.integer({ min: 0, max: v.length - 1 }), fc.integer({ min: 1, max: 9 })).map(([i, delta]) => ({
      original: v,
      index: i,
      changed: v.slice(0, i) + String((Number(v[i]) + delta) % 10) + v.slice(i + 1),
    })),
  );

describe('NIP', () => {
  it('accepts known valid numbers, written as people write them', () => {
    assert.equal(normaliseNip('6761013717'), '6761013717'); // Urząd Miasta Krakowa
    assert.equal(normaliseNip('676-101-37-17'), '6761013717');
    assert.equal(normaliseNip('PL 123-456-32-18'), '1234563218');
    assert.equal(normaliseNip('pl1234563218'), '1234563218');
    assert.equal(normaliseNip(' 123 456 32 18 '), '1234563218');
  });

  it('refuses a wrong check digit, a wrong length, letters and a checksum of 10', () => {
    for (const bad of [
      '6761013718',
      '1234563219',
      '123456321',
      '12345632180',
      '12345A3218',
      '',
      'PL',
      'DE1234563218',
    ])
      assert.equal(isValidNip(bad), false, bad);
    assert.equal(isValidNip('1000000000'), false); // weighted sum 6, so the check digit must be 6
    // Nine digits whose checksum is 10 have no valid NIP at all.
    const d = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 100000 && nipCheckDigit(d) !== null; i++) {
      const s = String(i).padStart(9, '0');
      for (let j = 0; j < 9; j++) d[j] = Number(s[j]);
    }
    assert.equal(nipCheckDigit(d), null);
    for (let c = 0; c <= 9; c++) assert.equal(isValidNip(d.join('') + c), false);
  });

  it('property: a valid NIP with any one digit changed is refused', () => {
    fc.assert(
      fc.property(withOneDigitChanged(validNip), ({ original, changed }) => {
        assert.equal(isValidNip(original), true);
        assert.equal(isValidNip(changed), false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('REGON', () => {
  it('accepts known valid 9- and 14-digit numbers', () => {
    assert.equal(normaliseRegon('351554353'), '351554353'); // Gmina Miejska Kraków
    assert.equal(normaliseRegon('351-554-353'), '351554353');
    assert.equal(normaliseRegon('35155435300013'), '35155435300013');
    assert.equal(normaliseRegon('35155435300013 '), '35155435300013');
  });

  it('refuses wrong check digits, wrong lengths and a 14-digit number whose first nine are invalid', () => {
    for (const bad of ['351554354', '35155435', '3515543531', '35155435300014', 'ABCDEFGHI', ''])
      assert.equal(isValidRegon(bad), false, bad);
    // Fix up a 14-digit number so its own checksum holds but its first nine digits do not.
    const head = [...'3515543540001'].map(Number);
    const r14 = [...head, regon14CheckDigit(head)].join('');
    assert.equal(isValidRegon(r14), false);
  });

  it('property: a valid REGON with one digit changed is refused, except where the check value 10 collides with 0', () => {
    // REGON maps a checksum of 10 to the digit 0, so a change that moves the weighted sum between
    // 0 and 10 (mod 11) keeps the same check digit. That blind spot is part of the standard.
    const weights9 = [8, 9, 2, 3, 4, 5, 6, 7];
    const weights14 = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];
    const raw = (s: string, w: number[]) =>
      [...s].reduce((a, c, i) => a + (i < w.length ? Number(c) * w[i]! : 0), 0) % 11;
    const blind = (a: string, b: string, w: number[]) => {
      const ra = raw(a, w);
      const rb = raw(b, w);
      return ra !== rb && ra % 10 === rb % 10;
    };
    fc.assert(
      fc.property(withOneDigitChanged(validRegon9), ({ original, changed }) => {
        assert.equal(isValidRegon(original), true);
        if (!blind(original, changed, weights9)) assert.equal(isValidRegon(changed), false);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(withOneDigitChanged(validRegon14), ({ original, changed, index }) => {
        assert.equal(isValidRegon(original), true);
        const blindSpot =
          index < 9
            ? blind(original.slice(0, 9), changed.slice(0, 9), weights9)
            : blind(original, changed, weights14);
        if (!blindSpot) assert.equal(isValidRegon(changed), false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('KRS', () => {
  it('accepts ten digits and refuses anything else', () => {
    assert.equal(normaliseKrs('0000123456'), '0000123456');
    assert.equal(normaliseKrs('0000 123 456'), '0000123456');
    assert.equal(normaliseKrs('KRS 0000123456'), '0000123456');
    for (const bad of ['123456', '00001234567', '00001234a6', '']) assert.equal(isValidKrs(bad), false, bad);
  });
});

describe('PESEL', () => {
  it('accepts known valid numbers and reads their birth date', () => {
    assert.equal(normalisePesel('44051401359'), '44051401359');
    assert.deepEqual(peselBirthDate('44051401359'), { year: 1944, month: 5, day: 14 });
    assert.equal(normalisePesel('0227080362 4'), '02270803624');
    assert.deepEqual(peselBirthDate('02270803624'), { year: 2002, month: 7, day: 8 });
  });

  it('refuses a wrong check digit and impossible dates', () => {
    assert.equal(isValidPesel('44051401358'), false);
    assert.equal(isValidPesel('4405140135'), false);
    // 30 February 1999 and month 13, each with a correct check digit.
    for (const head of ['9902300123', '9913010123', '0122290123']) {
      const d = [...head].map(Number);
      assert.equal(isValidPesel(head + peselCheckDigit(d)), false, head);
    }
    // 29 February 2000 exists (leap year: month 22 encodes February 2000).
    const leap = [...'0022290123'].map(Number);
    assert.equal(isValidPesel(`0022290123${peselCheckDigit(leap)}`), true);
  });

  it('property: generated PESELs are valid and any one digit changed is refused', () => {
    fc.assert(
      fc.property(withOneDigitChanged(validPesel), ({ original, changed }) => {
        assert.equal(isValidPesel(original), true, original);
        assert.equal(isValidPesel(changed), false, changed);
      }),
      { numRuns: 2000 },
    );
  });
});
