// Every refusal the booking core can throw reads as a sentence in each language.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RuleError } from '../../platform/http/errors.ts';
import { locales, messages } from '../../platform/i18n/index.ts';
// The app's modules, whose manifests install their texts.
import '../index.ts';
import { bookingRuleMessage } from './messages.ts';

const sources = [
  ...readdirSync(new URL('bookings/', import.meta.url)).map((f) => `bookings/${f}`),
  'calendar.ts',
  'desks.ts',
].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'));
const codes = [
  ...new Set(sources.flatMap((s) => [...s.matchAll(/new RuleError\(\s*'(\w+)'/g)].map((m) => m[1]!))),
];

test('the booking core throws many distinct refusals', () => {
  assert.ok(codes.length >= 30, `found ${codes.length}`);
});

test('each refusal has a message in Polish, English and Ukrainian, with its details filled in', () => {
  const details = {
    open: '08:00',
    close: '20:00',
    minutes: 90,
    earliest: new Date('2026-12-01T09:00:00Z'),
    lastDay: '2027-01-31',
    holiday: 'christmas',
    reason: 'Malowanie',
    weekday: 6,
    capacity: 40,
    dates: ['2026-12-07', '2026-12-14'],
    days: ['2026-12-07'],
    limit: 5,
    deadline: new Date('2026-12-01T09:00:00Z'),
    max: 240,
    step: 15,
  };
  for (const locale of locales)
    for (const code of codes) {
      const m = bookingRuleMessage(messages[locale], locale, new RuleError(code, undefined, 422, details));
      assert.ok(m && m.length > 10, `${locale}: ${code}`);
      assert.doesNotMatch(m, /undefined|NaN|\[object/, `${locale}: ${code}: ${m}`);
    }
  assert.match(
    bookingRuleMessage(messages.pl, 'pl', new RuleError('holiday', 'date', 422, { holiday: 'christmas' }))!,
    /Boże Narodzenie/,
  );
  assert.match(
    bookingRuleMessage(messages.en, 'en', new RuleError('tooLong', 'to', 422, { minutes: 240 }))!,
    /4 hours/,
  );
});
