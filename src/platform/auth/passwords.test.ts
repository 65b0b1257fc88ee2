import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblem } from './passwords.ts';

describe('password policy', () => {
  it('refuses walks along the keyboard, however long and however shifted', () => {
    for (const p of ['zaq1@WSXcde3', 'ZAQ!2wsx#EDC', '1qaz2wsx3edc4rfv', 'plokijuhygtf', 'qwertyuiop[]'])
      assert.ok(passwordProblem(p), p);
    assert.equal(passwordProblem('zaq1@WSXcde3'), 'passwordKeyboard');
  });

  it('refuses what zxcvbn scores below 3, with the reason', () => {
    assert.equal(passwordProblem('abcdefghijkl1'), 'passwordPattern');
    assert.equal(passwordProblem('Kochamcie123!'), 'passwordCommon');
    assert.equal(passwordProblem('password1234'), 'passwordCommon');
  });

  it("refuses passwords built from the person's name or address", () => {
    const me = ['Jan Kowalski', 'jan.kowalski@example.pl'];
    assert.equal(passwordProblem('JanKowalski1990', me), 'passwordPersonal');
    assert.equal(passwordProblem('kowalski-2026!', me), 'passwordPersonal');
    assert.equal(passwordProblem('JanKowalski1990'), null, 'fine for someone else');
  });

  it('accepts passphrases and random passwords, in Polish too', () => {
    for (const p of [
      'rower kawa most zegar',
      'zielony tramwaj na zabłociu',
      'Wiosna w Zabłociu 2026',
      'K7#mq9!vRt2p',
      'Zablocie-20.22-demo',
      'correct horse battery staple',
    ])
      assert.equal(passwordProblem(p, ['Jan Kowalski', 'jan@example.pl']), null, p);
  });

  it('keeps the length limits', () => {
    assert.equal(passwordProblem('short'), 'passwordTooShort');
    assert.equal(passwordProblem('a b'.repeat(50)), 'passwordTooLong');
  });
});
