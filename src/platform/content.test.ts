import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  localized,
  localizedFormFields,
  localizedFormValues,
  localizedFromForm,
  localizedInput,
  pick,
  translationsOf,
} from './content.ts';
import { parseForm } from './http/forms.ts';
import { messages } from './i18n/index.ts';

describe('localized content', () => {
  const room = { pl: 'Sala warsztatowa', en: 'Workshop room' };

  it('picks the reader’s language, else Polish marked as Polish', () => {
    assert.deepEqual(pick(room, 'en'), { text: 'Workshop room', lang: 'en' });
    assert.deepEqual(pick(room, 'uk'), { text: 'Sala warsztatowa', lang: 'pl' });
    assert.deepEqual(pick(room, 'pl'), { text: 'Sala warsztatowa', lang: 'pl' });
    assert.deepEqual(pick({ pl: 'Sala', uk: '   ' }, 'uk'), { text: 'Sala', lang: 'pl' });
  });

  it('reads the _i18n column, keeping only non-blank texts, and writes it back without blanks', () => {
    assert.deepEqual(localized('Sala', { en: 'Room', uk: ' ', de: 'Raum', fr: 3 }), {
      pl: 'Sala',
      en: 'Room',
    });
    assert.deepEqual(localized('Sala', null), { pl: 'Sala' });
    assert.deepEqual(translationsOf({ pl: 'Sala', en: ' Room ', uk: '' }), { en: 'Room' });
  });

  it('accepts JSON with Polish required, trimmed, length-limited, blank translations dropped', () => {
    const schema = localizedInput({ max: 10 });
    assert.deepEqual(schema.parse({ pl: ' Sala ', en: ' Room ', uk: '  ' }), { pl: 'Sala', en: 'Room' });
    const missing = schema.safeParse({ en: 'Room' });
    assert.equal(missing.success, false);
    assert.deepEqual(missing.error?.issues[0]?.path, ['pl']);
    assert.equal(schema.safeParse({ pl: '   ' }).success, false);
    const long = schema.safeParse({ pl: 'Sala', uk: 'x'.repeat(11) });
    assert.equal(long.success, false);
    assert.deepEqual(long.error?.issues[0]?.path, ['uk']);
    assert.equal(schema.safeParse({ pl: 'Sala', de: 'Raum' }).success, false);
    assert.deepEqual(localizedInput({ max: 10, optional: true }).parse({}), { pl: '' });
  });

  it('reads the three form fields, with the platform’s messages on the field that failed', () => {
    const form = z.object({ ...localizedFormFields('name', { max: 10 }) });
    const ok = parseForm(form, { name_pl: ' Sala ', name_en: 'Room', name_uk: ' ' }, messages.pl);
    assert.ok(ok.ok);
    assert.deepEqual(localizedFromForm(ok.data, 'name'), { pl: 'Sala', en: 'Room' });

    const missing = parseForm(form, { name_pl: '', name_en: 'Room' }, messages.en);
    assert.ok(!missing.ok);
    assert.deepEqual(missing.state.errors, { name_pl: messages.en.common.errors.required });
    assert.equal(missing.state.values.name_en, 'Room');

    const long = parseForm(form, { name_pl: 'Sala', name_uk: 'я'.repeat(11) }, messages.uk);
    assert.ok(!long.ok);
    assert.deepEqual(long.state.errors, { name_uk: messages.uk.common.errors.tooLong(10) });

    assert.deepEqual(localizedFormValues('name', { pl: 'Sala', uk: 'Зала' }), {
      name_pl: 'Sala',
      name_en: '',
      name_uk: 'Зала',
    });
  });
});
